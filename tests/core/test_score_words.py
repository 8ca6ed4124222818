"""The words for scoring's codes (cstr_desk/score_words.py): every code has its words, and the
words read as the results did when the core wrote them (issue 15 item 1)."""

from __future__ import annotations

from types import ModuleType

import pytest

import scoring
from cstr_desk import score_words
from cstr_desk.score_words import band_label, flag_words, note_words, refusal_words, source_words
from scoring import audit, auditc, core10, core34, gad7, k10, phq9
from scoring.bands import BandScheme
from scoring.result import FlagCode, RiskAdvice
from scoring.sources import Source

MODULES: tuple[ModuleType, ...] = (k10, core10, core34, phq9, gad7, audit, auditc)


def schemes() -> list[BandScheme]:
    return [value for module in MODULES for value in vars(module).values()
            if isinstance(value, BandScheme)]


def test_every_band_of_every_scheme_has_its_label() -> None:
    bands = {(scheme.scheme, code) for scheme in schemes() for _, code in scheme.bands}
    assert len(bands) == 35 and bands == set(score_words.BAND_LABELS)


def test_every_source_every_advice_and_every_flag_has_words() -> None:
    assert all(source_words(source) for source in Source)
    assert set(score_words.RISK_ADVICE_WORDS) == set(RiskAdvice)
    assert set(score_words._FLAGS) == set(FlagCode) - {FlagCode.RISK_ITEM}


@pytest.mark.parametrize(("instrument_id", "answers", "label"), [
    ("k10", {n: 4 for n in range(1, 11)}, "Very high"),
    ("audit", {1: 4, 2: 4, 3: 4, 4: 4, 5: 4, 6: 0, 7: 0, 8: 0, 9: 0, 10: 0}, "Zone IV: possible dependence"),
    ("auditc", {1: 2, 2: 2, 3: 1}, "Screen positive (increasing or higher risk)"),
])
def test_band_labels_are_the_published_wording(instrument_id: str, answers: dict[int, int | None],
                                               label: str) -> None:
    band = scoring.score(instrument_id, answers).band
    assert band is not None and band_label(band) == label


def test_a_risk_flag_names_the_item_its_answer_and_the_advice() -> None:
    answers: dict[int, int | None] = {n: 0 for n in range(1, 35)} | {16: 2, 22: 1}
    result = scoring.score("core34", answers)
    flag = next(f for f in result.flags if f.code is FlagCode.RISK_ITEM)
    assert flag.items == (16, 22) and flag.answers == (2, 1)
    assert flag_words("core34", flag) == (
        "Risk items 16 “I made plans to end my life” answered “Sometimes”; 22 “I have threatened or "
        "intimidated another person” answered “Only occasionally”: review risk to self and others"
        " now.")


def test_the_auditc_flag_inside_a_full_audit_does_not_ask_for_the_full_audit() -> None:
    answers: dict[int, int | None] = {n: 0 for n in range(1, 11)} | {1: 4, 2: 1}
    flag = next(f for f in scoring.score("audit", answers).flags if f.code is FlagCode.AUDITC_POSITIVE)
    assert flag_words("audit", flag) == (
        "AUDIT-C part (items 1-3) 5 is positive (5 or more); this full AUDIT is the follow-up it "
        "calls for (PHE/DHSC AUDIT-C form (UK: 5+ positive)).")
    assert flag_words("auditc", flag).endswith("is positive: complete the full AUDIT "
                                               "(PHE/DHSC AUDIT-C form (UK: 5+ positive)).")


def test_the_words_go_through_the_translator_given() -> None:
    """The screens pass Qt's translator; each piece of a sentence is looked up in its context."""
    looked_up: list[tuple[str, str]] = []

    def marked(context: str, text: str) -> str:
        looked_up.append((context, text))
        return f"<{text}>"

    result = scoring.score("core34", {n: 1 for n in range(1, 35)} | {4: None})
    assert note_words(result, marked) == [
        "<CORE-OM <Well-being>: 1 item missing (4); <the CORE System Trust rule ('What's in a name "
        "(1)', 2023)> allows <no missing items>.>"]
    assert {context for context, _ in looked_up} == {"score scales", "score rules", "scores"}
    assert refusal_words(scoring.score("gad7", {}), marked)[0].startswith("<GAD-7: 7 items missing")
