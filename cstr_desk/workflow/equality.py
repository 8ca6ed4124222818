"""Equality monitoring answers (Manual §2.4 "Pre-sentence"; DRR/ATR service description).

Asked of the people assessed, by whoever meets them; every question is optional and offers
"prefers not to say", and nothing on the pathway waits for an answer. Each answer recorded or
changed is an amendment of the person with its audit entry; the monthly return counts the
answers as they stand.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from cstr_desk.domain import (
    PREFER_NOT_TO_SAY, Amendment, CaseRecord, EqualityMonitoring, equality_options,
)
from cstr_desk.permissions import ASSESSMENT_INSTRUMENTS
from cstr_desk.store import Session
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.operations import Changed, apply_change, refuse_entry
from cstr_desk.workflow.pathway import Action

AS_ANSWERED = "As the person answered"


def equality_answer_problems(answers: Mapping[str, str | None]) -> list[str]:
    problems = []
    for field, value in answers.items():
        if field not in EqualityMonitoring.model_fields:
            problems.append(f"“{field}” is not an equality monitoring question.")
        elif value is not None and value not in equality_options(field):
            problems.append(f"“{value}” is not one of the answers to the {field.replace('_', ' ')} question.")
    return problems


def unanswered(equality: EqualityMonitoring) -> list[str]:
    return [f for f in EqualityMonitoring.model_fields if getattr(equality, f) is None]


def record_equality(
    session: Session, referral_id: int, answers: Mapping[str, str | None], reason: str = "",
    today: date | None = None,
) -> Changed[list[Amendment]]:
    """Records the answers that differ from those held, each as one amendment, together."""

    def write(case: CaseRecord) -> list[Amendment]:
        refuse_entry("equality monitoring", equality_answer_problems(answers))
        held = case.person.equality
        made = [session.amend_equality(case.person.id or 0, field, value, reason.strip() or AS_ANSWERED)
                for field, value in answers.items() if getattr(held, field) != value]
        if not made:
            raise ActionRefused("Nothing has changed: the answers are as recorded.")
        return made

    return apply_change(session, referral_id, Action.RECORD_EQUALITY, today, write)


def offer_equality(case: CaseRecord) -> bool:
    """The moment to offer the questions: the practitioner assessment is under way (Manual §2.4
    "Pre-sentence": monitoring of those assessed) and some are still unasked. Only offered:
    nothing on the pathway waits for an answer."""
    started = case.assessment is not None or any(
        a.instrument_id in ASSESSMENT_INSTRUMENTS for a in case.administrations)
    return started and bool(unanswered(case.person.equality))


def prefers_not_to_say_to_the_rest(equality: EqualityMonitoring) -> dict[str, str]:
    """Every question not yet answered, answered "prefers not to say" (the person would rather
    not answer any more); the answers already given stay as they are."""
    return {field: PREFER_NOT_TO_SAY for field in unanswered(equality)}
