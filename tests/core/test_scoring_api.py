"""The package's public API, and one contract test that takes every registered instrument from
its form through answering to a scored result."""

from __future__ import annotations

import pytest

import forms
from cstr_desk.score_words import band_label, source_words
import scoring
from scoring import AnswerError, OptionError, UnknownInstrument, applicable_items, score


def test_instrument_ids_are_the_form_registry() -> None:
    assert scoring.INSTRUMENT_IDS == forms.INSTRUMENT_IDS == (
        "k10", "core10", "core34", "phq9", "gad7", "audit", "auditc"
    )


@pytest.mark.parametrize("form_id", forms.INSTRUMENT_IDS)
def test_every_instrument_from_form_to_result(form_id: str) -> None:
    form = forms.load_form(form_id)
    answers: dict[int, int | None] = {}
    # Answer as a runner would: ask what applies, pick the highest option, repeat.
    while (todo := [n for n in applicable_items(form_id, answers) if n not in answers]):
        answers[todo[0]] = max(form.allowed_values(todo[0]))
    result = score(form_id, answers)
    assert result.instrument_id == form_id and result.scorable
    assert result.band is not None and band_label(result.band) and source_words(result.band.scheme)
    assert result.sources and result.total is not None
    assert result.model_dump(mode="json")["instrument_id"] == form_id


@pytest.mark.parametrize("form_id", forms.INSTRUMENT_IDS)
def test_nothing_answered_is_refused_not_crashed(form_id: str) -> None:
    result = score(form_id, {})
    assert not result.scorable and result.total is None and result.refusals
    assert result.missing_items


def test_unknown_instrument() -> None:
    with pytest.raises(UnknownInstrument, match="unknown instrument 'bdi'"):
        score("bdi", {})
    with pytest.raises(UnknownInstrument):
        applicable_items("bdi", {})


def test_options_are_checked() -> None:
    with pytest.raises(OptionError, match="phq9 takes no options, not scheme"):
        score("phq9", {}, scheme="aihw")
    with pytest.raises(OptionError, match="k10 takes only scheme, not colour"):
        score("k10", {}, colour="red")


def test_errors_are_value_errors() -> None:
    for error in (AnswerError, OptionError, UnknownInstrument, scoring.ChangeNotDefined):
        assert issubclass(error, ValueError)


@pytest.mark.parametrize("form_id", forms.INSTRUMENT_IDS)
def test_each_module_states_its_change_rule_or_none(form_id: str) -> None:
    module = getattr(scoring, form_id)
    rule = module.CHANGE
    if form_id in ("k10", "audit", "auditc"):
        assert rule is None
    else:
        assert rule.reliable_change > 0 and rule.clinical_cutoff > 0 and rule.sources
