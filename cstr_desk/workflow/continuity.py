"""Continuity of care (Manual §4.2, §4.7): the same practitioner assesses and treats, so a case
is allocated to one practitioner, whose caseload lists it. A practitioner takes a case on
themselves; the Clinical Lead chooses whom to allocate it to (`Action.ALLOCATE_TO_OTHERS`).
Each allocation is kept in the case's amendments: who had it before, who has it, why."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from cstr_desk.domain import Amendment, CaseRecord, Referral, Role, User
from cstr_desk.store import InvalidRecord
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.operations import Changed, apply_change
from cstr_desk.workflow.pathway import Action, require_role, role_refusal

if TYPE_CHECKING:
    from cstr_desk.store import Session

PRACTITIONER_ROLES = (Role.PRACTITIONER, Role.CLINICAL_LEAD)


def may_choose_practitioner(user: User) -> bool:
    return role_refusal(Action.ALLOCATE_TO_OTHERS, user) is None


def practitioners(users: list[User]) -> list[User]:
    """Whom a case can be allocated to: active practitioners and Clinical Leads, by name."""
    return sorted((u for u in users if u.active and u.role in PRACTITIONER_ROLES),
                  key=lambda u: u.full_name)


def allocate_practitioner(session: Session, referral_id: int, practitioner_id: int,
                          today: date | None = None, reason: str = "") -> Changed[Referral]:
    def write(case: CaseRecord) -> Referral:
        refusal = role_refusal(Action.ALLOCATE_PRACTITIONER, session.user)
        if refusal is None and practitioner_id != session.user.id:
            require_role(Action.ALLOCATE_TO_OTHERS, session.user)
        current = case.referral.allocated_practitioner_id
        if current == practitioner_id:
            raise ActionRefused("The case is already allocated to that practitioner.")
        if current is not None and not reason.strip():
            # Changing the practitioner breaks continuity (Manual §4.7): say why.
            raise ActionRefused("Say why the case moves to another practitioner.")
        try:
            return session.allocate_practitioner(referral_id, practitioner_id,
                                                 reason.strip() or "Allocated")
        except InvalidRecord as problem:
            raise ActionRefused(problem.message) from None

    return apply_change(session, referral_id, None, today, write)


def allocation_history(case: CaseRecord) -> list[Amendment]:
    return [a for a in case.amendments
            if a.record_type == "referral" and a.field == "allocated_practitioner_id"]
