"""Risk after assessment (Manual §4.6): a risk note on a treatment session when the risk has
changed, and the safeguarding referrals made (MASH, MAPPA or another agency: when, to whom,
their reference). Both are shown in the case; each is one operation with its audit entry, and
a referral, once recorded, is corrected by amendment.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from cstr_desk.domain import CaseRecord, SafeguardingAgency, SafeguardingReferral, TreatmentSession
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.operations import Changed, apply_change, refuse_entry, resolve_today
from cstr_desk.workflow.pathway import Action, require_role

if TYPE_CHECKING:
    from cstr_desk.store import Session


def _require_practitioner(session: Session) -> None:
    # The practitioner who treats holds the risk (Manual §4.6); the same roles as attendance.
    require_role(Action.RECORD_ATTENDANCE, session.user)


def record_session_notes(
    session: Session, referral_id: int, session_id: int, notes: str, risk_changed: bool,
    risk_note: str = "",
) -> Changed[TreatmentSession]:
    """The session's notes and, when the risk changed, what changed (Manual §4.6)."""

    def write(case: CaseRecord) -> TreatmentSession:
        _require_practitioner(session)
        current = next((s for s in case.sessions if s.id == session_id), None)
        if current is None:
            raise ActionRefused("That session is not part of this case any more; please reload the case.")
        problems = []
        if risk_changed and not risk_note.strip():
            problems.append("Say how the risk has changed, and what is being done about it.")
        refuse_entry("session notes", problems)
        return session.update_session(current.model_copy(update={
            "notes": notes.strip(), "risk_changed": risk_changed,
            "risk_note": risk_note.strip() if risk_changed else ""}))

    return apply_change(session, referral_id, None, None, write)


def safeguarding_problems(referral: SafeguardingReferral, today: date) -> list[str]:
    problems = []
    if not referral.made_to.strip():
        problems.append("Say who the referral was made to.")
    if referral.agency is SafeguardingAgency.OTHER and not referral.agency_other.strip():
        problems.append("Say which agency, as the agency is 'other'.")
    if not referral.concern.strip():
        problems.append("Say what the concern is.")
    if referral.made_on > today:
        problems.append("The referral date is in the future.")
    return problems


def record_safeguarding_referral(
    session: Session, referral: SafeguardingReferral, today: date | None = None,
) -> Changed[SafeguardingReferral]:
    def write(case: CaseRecord) -> SafeguardingReferral:
        require_role(Action.RECORD_SAFEGUARDING, session.user)
        refuse_entry("safeguarding referral", safeguarding_problems(referral, resolve_today(today)))
        return session.record_safeguarding_referral(referral.model_copy(update={
            "recorded_by": session.user.id or 0, "recorded_at": datetime.now(UTC)}))

    return apply_change(session, referral.referral_id, None, today, write)


def risk_history(case: CaseRecord) -> list[TreatmentSession]:
    """Sessions where the risk changed, latest first."""
    return sorted((s for s in case.sessions if s.risk_changed), key=lambda s: s.scheduled_at, reverse=True)
