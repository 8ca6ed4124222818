"""Codes in the core, words at the edge (issue 15 item 1, acceptance): the public results of
scoring and of the pathway carry codes and parameters, never an English sentence; the words
are made at the edge (cstr_desk/score_words.py, pathway_words.py). The walk covers every
instrument over answers that score, that pro-rate, that are refused and that leave notes;
change between two administrations; and every action's check, the progress strip and the duties
for each role over the sample cases of each stage (tests/core/test_pathway_cases.py)."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

import forms
import scoring
from cstr_desk.domain import Attendance, CaseRecord, Role
from cstr_desk.workflow.contact import suicide_risk
from cstr_desk.workflow.duties import case_duties
from cstr_desk.workflow.pathway import allowed_actions
from cstr_desk.workflow.progress import case_progress
from test_pathway_cases import (
    TODAY, USERS, assessed, closed, consented, decided, drr_reviewed, in_treatment, new_case,
    reported, screened, sentenced, treatment_session,
)

# A sentence: a space and a lowercase word ("assess risk now", "session 1 on 17/06/2024"). A
# code ("phq9_missing", "zone_2") has no space; a name ("Sam Smith") no lowercase word.
_LOWERCASE_WORD = re.compile(r"\b[a-z]{2,}\b")


def strings(value: object, where: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every str inside a result: fields, keys, tuples, nested models."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from strings(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key, f"{where} key")
            yield from strings(item, f"{where}[{key!r}]")
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from strings(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, (tuple, list, set, frozenset)):
        for index, item in enumerate(value):
            yield from strings(item, f"{where}[{index}]")
    elif isinstance(value, str):
        yield where, str(value)


def sentences(value: object, where: str) -> list[str]:
    return [f"{at}: {text!r}" for at, text in strings(value, where) if " " in text and _LOWERCASE_WORD.search(text)]


def sample_answers(instrument_id: str) -> Iterator[dict[int, int | None]]:
    """Every item at its lowest and at its highest option, then mixed answers with some left
    out (some pro-rated, some refused), and nothing answered at all."""
    form = forms.load_form(instrument_id)
    numbers = [item.number for item in form.items]
    yield {n: min(form.allowed_values(n)) for n in numbers}
    yield {n: max(form.allowed_values(n)) for n in numbers}
    chance = random.Random(instrument_id)
    for _ in range(60):
        yield {n: None if chance.random() < 0.15 else chance.choice(sorted(form.allowed_values(n)))
               for n in numbers}
    yield {}


def test_a_sentence_is_told_from_a_code() -> None:
    assert sentences("assess risk now.", "flag") and sentences({"band": "Low level"}, "result")
    assert sentences("session 1 on 17/06/2024", "duty")
    assert not sentences(("phq9_missing", "zone_2", "very_high", "W", "all_minus_risk", 1.5,
                          "Sam Smith", "Dr Gwŷn Llŵyd"), "codes and names")


@pytest.mark.parametrize("instrument_id", scoring.INSTRUMENT_IDS)
def test_scores_carry_codes_and_parameters_not_sentences(instrument_id: str) -> None:
    found: list[str] = []
    kinds = set()
    for answers in sample_answers(instrument_id):
        result = scoring.score(instrument_id, answers)
        kinds |= {"scored" if result.scorable else "refused", *(f.code for f in result.flags)}
        kinds |= {"noted"} if result.notes else set()
        found += sentences(result, instrument_id)
    assert {"scored", "refused"} <= kinds  # the walk reached both kinds of result
    assert not found, "\n".join(sorted(set(found))[:20])


@pytest.mark.parametrize("instrument_id", ["core10", "core34", "phq9", "gad7"])
def test_change_carries_codes_and_parameters_not_sentences(instrument_id: str) -> None:
    low, high, *_, nothing = list(sample_answers(instrument_id))
    found = []
    for before, after in ((high, low), (low, high), (low, low), (nothing, low)):
        found += sentences(scoring.change(instrument_id, before, after), instrument_id)
    assert not found, "\n".join(found)


def sample_cases() -> dict[str, CaseRecord]:
    under_age = assessed()
    under_age.person.date_of_birth = TODAY.replace(year=TODAY.year - 16)
    missed = in_treatment()
    missed.sessions = [treatment_session(n, attendance=Attendance.MISSED) for n in (1, 2)]
    return {"referred": new_case(), "screened": screened(), "assessed": assessed(),
            "under 18": under_age, "consented": consented(), "decided": decided(),
            "reported": reported(), "sentenced": sentenced(), "in treatment": in_treatment(),
            "DRR reviewed": drr_reviewed(), "two missed": missed,
            "closed": closed()}


@pytest.mark.parametrize("role", list(Role))
def test_the_pathway_the_progress_strip_and_the_duties_carry_codes_not_sentences(role: Role) -> None:
    found: list[str] = []
    refused = 0
    for stage, case in sample_cases().items():
        checks = allowed_actions(case, USERS[role], TODAY)
        refused += sum(not c.allowed for c in checks)
        found += sentences(checks, f"{stage} checks")
        found += sentences(case_progress(case, USERS[role], TODAY), f"{stage} progress")
        found += sentences(case_duties(case, suicide_risk(case)), f"{stage} duties")
    assert refused  # the walk met refusals, so their reasons were looked at
    assert any(case_duties(case, False) for case in sample_cases().values())
    assert not found, "\n".join(sorted(set(found))[:20])
