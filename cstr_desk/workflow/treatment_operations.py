"""After-sentence operations: sessions, attendance, the offender manager told, breach, the end
of treatment and follow-ups. Each goes through `operations.apply_change` like every other change
to a case (one transaction, the pathway checked, the stage kept in step) and returns a
`Changed`. The sentence and adjournments are `operations.record_sentence` and
`operations.record_adjournment`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from cstr_desk import clock
from cstr_desk.domain import (
    Attendance,
    Breach,
    CaseRecord,
    FollowUp,
    GpRegistrationCheck,
    MissedReason,
    TreatmentCompletion,
    TreatmentSession,
    User,
)
from cstr_desk.workflow import pathway
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.operations import Changed, apply_change, refuse_entry, resolve_today
from cstr_desk.workflow.pathway import Action
from cstr_desk.workflow.treatment import (
    FOLLOW_UP_MONTHS,
    MHTR_INTERVAL,
    MHTR_SESSIONS,
    check_completion,
    default_schedule,
)

if TYPE_CHECKING:
    from cstr_desk.store import Session

def _require_role(action: Action, user: User) -> None:
    # The entries after a session (told, ended, followed up) may come after the case is closed,
    # so they check only who may make them, not the pathway's stage preconditions.
    pathway.require_role(action, user)


def schedule_sessions(session: Session, referral_id: int, first_at: datetime,
                      count: int = MHTR_SESSIONS, interval: timedelta = MHTR_INTERVAL,
                      today: date | None = None) -> Changed[list[TreatmentSession]]:
    """Book `count` sessions from `first_at` (the Clinical Lead decision's first appointment,
    Manual §4.4), numbered after any already booked."""

    def write(case: CaseRecord) -> list[TreatmentSession]:
        if case.sentence is not None and first_at.date() < case.sentence.sentenced_on - timedelta(days=1):
            refuse_entry("schedule", ["The first session cannot be before the sentence date."])
        start = max((s.number for s in case.sessions), default=0) + 1
        return session.schedule_sessions(default_schedule(referral_id, first_at, count, interval, start))

    return apply_change(session, referral_id, Action.SCHEDULE_TREATMENT, today, write)


def record_attendance(session: Session, referral_id: int, session_id: int, attendance: Attendance,
                      missed_reason: MissedReason | None = None, notes: str = "",
                      today: date | None = None) -> Changed[TreatmentSession]:
    """Attended, missed (with an Annex C reason) or cancelled. A missed session starts the
    48-hour clock for telling the offender manager (workflow.treatment)."""
    attendance = Attendance(attendance)
    missed_reason = MissedReason(missed_reason) if missed_reason else None
    problems = []
    if attendance is Attendance.MISSED and missed_reason is None:
        problems.append("Please choose why the appointment was missed.")
    if attendance is Attendance.MISSED and missed_reason is MissedReason.OTHER and not notes.strip():
        problems.append("Please say what the other reason was.")
    missed = attendance is Attendance.MISSED

    def write(case: CaseRecord) -> TreatmentSession:
        current = _session_of(case, session_id)
        refuse_entry("attendance", problems)
        # Validate the whole record again: screens may hand over plain strings for the enums.
        return session.update_session(TreatmentSession.model_validate({**current.model_dump(), **{
            "attendance": attendance,
            "missed_reason": missed_reason if missed else None,
            "missed_reason_notes": notes.strip() if missed else "",
            "offender_manager_told_at": current.offender_manager_told_at if missed else None,
        }}))

    return apply_change(session, referral_id, Action.RECORD_ATTENDANCE, today, write)


def mark_offender_manager_told(session: Session, referral_id: int, session_id: int,
                               when: datetime) -> Changed[TreatmentSession]:
    def write(case: CaseRecord) -> TreatmentSession:
        _require_role(Action.RECORD_ATTENDANCE, session.user)
        missed = _session_of(case, session_id)
        problems = []
        if missed.attendance is not Attendance.MISSED:
            problems.append("Only a missed appointment is reported to the offender manager.")
        if when < missed.scheduled_at:
            problems.append("The offender manager cannot be told before the appointment was missed.")
        refuse_entry("offender manager notice", problems)
        return session.update_session(missed.model_copy(update={"offender_manager_told_at": when}))

    return apply_change(session, referral_id, None, None, write)


def record_breach(session: Session, breach: Breach) -> Changed[Breach]:
    def write(case: CaseRecord) -> Breach:
        # Manual §4.7: breach is probation's decision, recorded by whoever is with the case.
        _require_role(Action.RECORD_BREACH, session.user)
        problems = []
        if case.sentence is None:
            problems.append("There is no sentence to breach yet.")
        elif breach.decided_on < case.sentence.sentenced_on:
            problems.append("The breach decision cannot be before the sentence date.")
        refuse_entry("breach", problems)
        return session.record_breach(breach)

    return apply_change(session, breach.referral_id, None, None, write)


def complete_treatment(session: Session, completion: TreatmentCompletion,
                       today: date | None = None) -> Changed[TreatmentCompletion]:
    def write(case: CaseRecord) -> TreatmentCompletion:
        _require_role(Action.RECORD_ATTENDANCE, session.user)
        problems = check_completion(case, completion)
        if case.completion is not None:
            problems.append("The end of treatment is already recorded; correct it with an amendment.")
        if completion.ended_on > resolve_today(today):
            problems.append("The end of treatment cannot be in the future.")
        refuse_entry("end of treatment", problems)
        return session.record_completion(completion)

    return apply_change(session, completion.referral_id, None, today, write)


def record_follow_up(session: Session, follow_up: FollowUp) -> Changed[FollowUp]:
    def write(case: CaseRecord) -> FollowUp:
        _require_role(Action.RECORD_ATTENDANCE, session.user)
        problems = []
        if case.completion is None:
            problems.append("Follow-ups come after the end of treatment, which is not recorded yet.")
        if follow_up.months_after not in FOLLOW_UP_MONTHS:
            problems.append("Follow-ups are at 3, 6 and 12 months (Manual §2.4).")
        refuse_entry("follow-up", problems)
        return session.record_follow_up(follow_up)

    return apply_change(session, follow_up.referral_id, None, None, write)


def gp_check_problems(check: GpRegistrationCheck, today: date) -> list[str]:
    problems = []
    if check.checked_on > today:
        problems.append("The date checked is in the future.")
    if check.registered and not check.practice.strip():
        problems.append("Say which GP practice the person is registered with.")
    return problems


def record_gp_check(session: Session, check: GpRegistrationCheck,
                    today: date | None = None) -> Changed[GpRegistrationCheck]:
    """Whether the person is registered with a GP, checked before treatment (Manual §2.4). Any
    time after the referral: before sentence, or before treatment starts."""
    def write(case: CaseRecord) -> GpRegistrationCheck:
        _require_role(Action.RECORD_GP_CHECK, session.user)
        refuse_entry("GP registration", gp_check_problems(check, resolve_today(today)))
        return session.record_gp_check(check.model_copy(update={
            "practice": check.practice.strip() if check.registered else "",
            "recorded_by": session.user.id or 0, "recorded_at": clock.utc_now()}))

    return apply_change(session, check.referral_id, None, today, write)


def _session_of(case: CaseRecord, session_id: int) -> TreatmentSession:
    for treatment_session in case.sessions:
        if treatment_session.id == session_id:
            return treatment_session
    raise ActionRefused("That session is not part of this case any more; please reload the case.")
