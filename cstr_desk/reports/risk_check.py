"""Endorsed risk items set beside the practitioner's written risk information.

A questionnaire's risk item answered above its lowest option (CORE-OM 16 "I made plans to end my
life", PHQ-9 item 9 ...) is a disclosure. When the practitioner's risk text for that kind of risk
reads as a denial ("no plans", "none disclosed"), one of the two is wrong or the text has not
taken the answer into account; the draft report lists the conflict for the practitioner to
resolve (Manual §4.2: thoughts of self-harm or suicide need "a more detailed assessment of this
specific risk"), and the report is not final until the risk text speaks to the item (names it,
e.g. "CORE-OM item 16") or says something other than a denial. Plain data; no ReportLab.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import forms
import scoring
from cstr_desk.domain import Administration, AdministrationStatus, CaseRecord
from cstr_desk.score_words import answer_label
from scoring.result import FlagCode, ScoreResult

# Which part of the risk assessment (domain.RiskAssessment) each risk item speaks to, from the
# item's own wording (forms/*.json).
RISK_ITEM_FIELDS: dict[tuple[str, int], tuple[str, ...]] = {
    ("core34", 6): ("harm_to_others",),   # I have been physically violent to others
    ("core34", 9): ("self_harm",),        # I have thought of hurting myself
    ("core34", 16): ("suicide",),         # I made plans to end my life
    ("core34", 22): ("harm_to_others",),  # I have threatened or intimidated another person
    ("core34", 24): ("suicide",),         # I have thought it would be better if I were dead
    ("core34", 34): ("self_harm",),       # I have hurt myself physically or taken dangerous risks
    ("core10", 6): ("suicide",),          # I made plans to end my life
    ("phq9", 9): ("suicide", "self_harm"),  # better off dead or of hurting yourself
}
FIELD_LABELS = {"self_harm": "self-harm", "suicide": "suicide", "harm_to_others": "harm to others"}
# Items about plans: a text denying plans contradicts them even if it admits thoughts.
PLAN_ITEMS = frozenset({("core34", 16), ("core10", 6)})

_DENIAL = re.compile(
    r"^\s*(none|nil|no|n/?a)\b|\bnone (disclosed|reported|identified)\b|\bno (current )?"
    r"(risk|concerns?|thoughts?|history|issues?)\b|\bdenie[sd]\b|\bnot disclosed\b",
    re.IGNORECASE)
_NO_PLAN = re.compile(r"\bno (suicidal |current |specific )?plans?\b", re.IGNORECASE)


@dataclass(frozen=True)
class RiskConflict:
    instrument_id: str
    item: int
    item_text: str
    answer: str
    field: str
    written: str

    def describe(self) -> str:
        title = forms.load_form(self.instrument_id).short_title
        return (f"{title} item {self.item} “{self.item_text}” was answered “{self.answer}”, but "
                f"the {FIELD_LABELS[self.field]} risk information says “{self.written}”: "
                f"resolve this (amend the risk information so it speaks to {title} item "
                f"{self.item}, or correct the answer)")


def _denies(text: str, plan_item: bool) -> bool:
    return bool(_DENIAL.search(text) or (plan_item and _NO_PLAN.search(text)))


def _speaks_to(text: str, title: str, item: int) -> bool:
    """The risk text names the item, so the practitioner has weighed the answer."""
    return bool(re.search(rf"\bitem\s*{item}\b", text, re.IGNORECASE)) and title.lower() in text.lower()


def risk_conflicts(case: CaseRecord,
                   scored: Iterable[tuple[Administration, ScoreResult]] | None = None) -> list[RiskConflict]:
    """Every endorsed risk item whose risk text reads as a denial without naming the item.
    `scored`: the case's completed administrations with their results, when already scored."""
    assessment = case.assessment
    if assessment is None:
        return []
    found: list[RiskConflict] = []
    for administration, result in (scored if scored is not None else _scored(case)):
        if not any(f.code is FlagCode.RISK_ITEM for f in result.flags):
            continue
        form = forms.load_form(administration.instrument_id)
        answers = administration.item_answers()
        for flag in result.flags:
            if flag.code is not FlagCode.RISK_ITEM:
                continue
            for number in flag.items:
                key = (administration.instrument_id, number)
                for field in RISK_ITEM_FIELDS.get(key, ()):
                    written = getattr(assessment.risk, field).strip()
                    if (written and _denies(written, key in PLAN_ITEMS)
                            and not _speaks_to(written, form.short_title, number)):
                        found.append(RiskConflict(
                            administration.instrument_id, number,
                            form.item(number).text.rstrip("."),
                            answer_label(form, number, answers.get(number)), field, written))
    return found


def _scored(case: CaseRecord) -> list[tuple[Administration, ScoreResult]]:
    done = (AdministrationStatus.COMPLETE, AdministrationStatus.FINALISED)
    return [(a, scoring.score(a.instrument_id, a.item_answers())) for a in case.administrations
            if a.status in done and a.instrument_id in scoring.INSTRUMENT_IDS]
