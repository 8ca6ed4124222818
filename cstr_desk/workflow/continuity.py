"""Continuity of care (Manual §4.2, §4.7): the same practitioner assesses and treats, so a case
is allocated to one practitioner, whose caseload lists it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from cstr_desk.domain import CaseRecord, Referral
from cstr_desk.store import InvalidRecord
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.operations import Changed, apply_change
from cstr_desk.workflow.pathway import Action, role_refusal

if TYPE_CHECKING:
    from cstr_desk.store import Session


def allocate_practitioner(session: Session, referral_id: int, practitioner_id: int,
                          today: date | None = None) -> Changed[Referral]:
    def write(case: CaseRecord) -> Referral:
        refusal = role_refusal(Action.ALLOCATE_PRACTITIONER, session.user)
        if refusal is not None:
            raise ActionRefused(refusal)
        if case.referral.allocated_practitioner_id == practitioner_id:
            raise ActionRefused("The case is already allocated to that practitioner.")
        try:
            return session.allocate_practitioner(referral_id, practitioner_id)
        except InvalidRecord as problem:
            raise ActionRefused(problem.message) from None

    return apply_change(session, referral_id, None, today, write)
