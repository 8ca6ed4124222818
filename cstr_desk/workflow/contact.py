"""Following up a missed appointment (Manual §4.7): "any loss of contact or non-attendance at
any appointment ... is viewed ... as a matter of concern". The person is contacted by their
chosen method ("by letter, phone, text, emails or outreach work"), and their care coordinator
in community mental health services "immediately if there is a risk of self-harm or suicide".

How the person prefers to be contacted is recorded once per case and corrected by amendment;
each follow-up is its own record. The deadlines are `duties.missed_follow_up_duties`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from cstr_desk import clock
from cstr_desk.domain import (
    Amendment, Attendance, CaseRecord, ContactMethod, ContactPreferences, FollowUpContact,
    MissedFollowUp,
)
from cstr_desk.store.records import value_as_text
from cstr_desk.workflow.assessment import risk_flag_raised
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.operations import Changed, apply_change, refuse_entry
from cstr_desk.workflow.pathway import Action, require_role

if TYPE_CHECKING:
    from cstr_desk.store import Session

FIRST_RECORDED = "Recorded when known"
PREFERENCE_FIELDS = ("method", "details", "care_coordinator", "care_coordinator_contact")


def _require(session: Session, action: Action) -> None:
    require_role(action, session.user)


def suicide_risk(case: CaseRecord) -> bool:
    """A risk of self-harm or suicide is known: a questionnaire's risk item was endorsed (or its
    risk prompt shown) or a session noted that the risk changed (Manual §4.6). Then a missed
    appointment means telling the care coordinator at once (Manual §4.7)."""
    return any(s.risk_changed for s in case.sessions) or risk_flag_raised(case)


def set_contact_preferences(
    session: Session, referral_id: int, method: ContactMethod, details: str = "",
    care_coordinator: str = "", care_coordinator_contact: str = "", reason: str = "",
    today: date | None = None,
) -> Changed[ContactPreferences | list[Amendment]]:
    """Records how the person prefers to be contacted the first time; afterwards each changed
    field is an amendment, and changing what was recorded needs a reason."""
    wanted = {"method": ContactMethod(method), "details": details.strip(),
              "care_coordinator": care_coordinator.strip(),
              "care_coordinator_contact": care_coordinator_contact.strip()}

    def write(case: CaseRecord) -> ContactPreferences | list[Amendment]:
        _require(session, Action.RECORD_CONTACT)
        current = case.contact_preferences
        if current is None:
            return session.record_contact_preferences(ContactPreferences(
                referral_id=referral_id, recorded_by=session.user.id or 0,
                recorded_at=clock.utc_now(), **wanted))
        changed = [f for f in PREFERENCE_FIELDS if getattr(current, f) != wanted[f]]
        if not changed:
            raise ActionRefused("Nothing has changed: the contact preferences are as recorded.")
        overwritten = [f for f in changed if getattr(current, f) not in ("", None)]
        refuse_entry("contact preferences", ["Say why the contact preferences recorded before are "
                                             "being changed."] if overwritten and not reason.strip() else [])
        return [session.amend("contact_preferences", current.id or 0, f, value_as_text(wanted[f]),
                              reason.strip() or FIRST_RECORDED) for f in changed]

    return apply_change(session, referral_id, None, today, write)


def follow_up_problems(case: CaseRecord, follow_up: MissedFollowUp, now: datetime) -> list[str]:
    missed = next((s for s in case.sessions if s.id == follow_up.session_id), None)
    if missed is None or missed.attendance is not Attendance.MISSED:
        return ["That session is not recorded as missed, so there is nothing to follow up."]
    problems = []
    if follow_up.contacted_at < missed.scheduled_at:
        problems.append("The follow-up is dated before the missed appointment.")
    if follow_up.contacted_at > now:
        problems.append("The follow-up is dated in the future.")
    preferences = case.contact_preferences
    if follow_up.contact is FollowUpContact.PERSON:
        if preferences is None:
            problems.append("Record how the person prefers to be contacted first (Manual §4.7: "
                            "their chosen method of communication).")
        elif follow_up.method is not preferences.method and not follow_up.notes.strip():
            problems.append("Say why the person was not contacted by their chosen method.")
    elif not follow_up.contacted_who.strip():
        problems.append("Say who was told: the care coordinator's name, or the team told when "
                        "there is none.")
    return problems


def record_missed_follow_up(
    session: Session, follow_up: MissedFollowUp, today: date | None = None,
) -> Changed[MissedFollowUp]:
    def write(case: CaseRecord) -> MissedFollowUp:
        _require(session, Action.RECORD_CONTACT)
        refuse_entry("follow-up", follow_up_problems(case, follow_up, clock.utc_now()))
        return session.record_missed_follow_up(follow_up.model_copy(update={
            "contacted_who": follow_up.contacted_who.strip(), "notes": follow_up.notes.strip(),
            "recorded_by": session.user.id or 0, "recorded_at": clock.utc_now()}))

    return apply_change(session, follow_up.referral_id, None, today, write)


def follow_ups_of(case: CaseRecord, session_id: int) -> list[MissedFollowUp]:
    return [f for f in case.missed_follow_ups if f.session_id == session_id]
