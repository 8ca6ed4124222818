"""After-sentence operations: each checks the pathway and the rules, writes in one store
transaction and keeps the case's stage in step with the record. Screens call these, never the
store directly; each returns what it saved so the screen can say so and reload the case.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from cstr_desk.domain import (
    Adjournment,
    Attendance,
    Breach,
    CaseRecord,
    FollowUp,
    MissedReason,
    Role,
    SentenceOutcome,
    TreatmentCompletion,
    TreatmentSession,
)
from cstr_desk.workflow import pathway
from cstr_desk.workflow.entries import sentence_entry_problems
from cstr_desk.workflow.errors import ActionRefused
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

# Manual §4.7: breach is decided by probation (the Responsible Officer); the court duty
# officer records it, and practitioners and Clinical Leads record what probation told them.
BREACH_ROLES = frozenset({Role.COURT_DUTY_OFFICER, Role.PRACTITIONER, Role.CLINICAL_LEAD})


def _refuse_if(problems: list[str], what: str) -> None:
    if problems:
        raise ActionRefused(f"Cannot {what}: " + " ".join(problems), problems)


def _update_stage(session: Session, case: CaseRecord) -> None:
    stage = pathway.derive_stage(case)
    if stage != case.referral.stage:
        session.set_stage(case.referral.id, stage)


def record_sentence(session: Session, case: CaseRecord, outcome: SentenceOutcome,
                    today: date) -> SentenceOutcome:
    """The sentencer's and probation's feedback (process evaluation Annex A/B)."""
    pathway.require(Action.RECORD_SENTENCE, case, session.user, today)
    _refuse_if(sentence_entry_problems(outcome, today), "record the sentence")
    with session.transaction():
        saved = session.record_sentence(outcome)
        _update_stage(session, case.model_copy(update={"sentence": saved}))
    return saved


def record_adjournment(session: Session, case: CaseRecord, adjournment: Adjournment,
                       today: date) -> Adjournment:
    pathway.require(Action.RECORD_ADJOURNMENT, case, session.user, today)
    _refuse_if([] if adjournment.reason.strip() else ["Please give the reason."],
               "record the adjournment")
    with session.transaction():
        return session.add_adjournment(adjournment)


def schedule_sessions(session: Session, case: CaseRecord, first_at: datetime, today: date,
                      count: int = MHTR_SESSIONS, interval: timedelta = MHTR_INTERVAL
                      ) -> list[TreatmentSession]:
    """Book `count` sessions from `first_at` (the Clinical Lead decision's first appointment,
    Manual §4.4), numbered after any already booked."""
    pathway.require(Action.SCHEDULE_TREATMENT, case, session.user, today)
    if case.sentence is not None and first_at.date() < case.sentence.sentenced_on - timedelta(days=1):
        _refuse_if(["The first session cannot be before the sentence date."], "schedule sessions")
    start = max((s.number for s in case.sessions), default=0) + 1
    planned = default_schedule(case.referral.id, first_at, count, interval, start)
    with session.transaction():
        saved = session.schedule_sessions(planned)
        _update_stage(session, case.model_copy(update={"sessions": [*case.sessions, *saved]}))
    return saved


def record_attendance(session: Session, case: CaseRecord, session_id: int,
                      attendance: Attendance, today: date, missed_reason: MissedReason | None = None,
                      notes: str = "") -> TreatmentSession:
    """Attended, missed (with an Annex C reason) or cancelled. A missed session starts the
    48-hour clock for telling the offender manager (workflow.treatment)."""
    pathway.require(Action.RECORD_ATTENDANCE, case, session.user, today)
    current = _session_of(case, session_id)
    attendance = Attendance(attendance)
    missed_reason = MissedReason(missed_reason) if missed_reason else None
    problems = []
    if attendance is Attendance.MISSED and missed_reason is None:
        problems.append("Please choose why the appointment was missed.")
    if attendance is Attendance.MISSED and missed_reason is MissedReason.OTHER and not notes.strip():
        problems.append("Please say what the other reason was.")
    _refuse_if(problems, "record attendance")
    missed = attendance is Attendance.MISSED
    # Validate the whole record again: screens may hand over plain strings for the enums.
    updated = TreatmentSession.model_validate({**current.model_dump(), **{
        "attendance": attendance,
        "missed_reason": missed_reason if missed else None,
        "missed_reason_notes": notes.strip() if missed else "",
        "offender_manager_told_at": current.offender_manager_told_at if missed else None,
    }})
    with session.transaction():
        return session.update_session(updated)


def mark_offender_manager_told(session: Session, treatment_session: TreatmentSession,
                               when: datetime) -> TreatmentSession:
    refusal = pathway.role_refusal(Action.RECORD_ATTENDANCE, session.user)
    problems = [refusal] if refusal else []
    if treatment_session.attendance is not Attendance.MISSED:
        problems.append("Only a missed appointment is reported to the offender manager.")
    if when < treatment_session.scheduled_at:
        problems.append("The offender manager cannot be told before the appointment was missed.")
    _refuse_if(problems, "mark the offender manager as told")
    with session.transaction():
        return session.update_session(
            treatment_session.model_copy(update={"offender_manager_told_at": when}))


def record_breach(session: Session, case: CaseRecord, breach: Breach) -> Breach:
    problems = []
    if session.user.role not in BREACH_ROLES:
        problems.append("Breach is probation's decision: a court duty officer, practitioner or "
                        "Clinical Lead records it (Manual §4.7).")
    if case.sentence is None:
        problems.append("There is no sentence to breach yet.")
    elif breach.decided_on < case.sentence.sentenced_on:
        problems.append("The breach decision cannot be before the sentence date.")
    _refuse_if(problems, "record the breach")
    with session.transaction():
        return session.record_breach(breach)


def complete_treatment(session: Session, case: CaseRecord, completion: TreatmentCompletion,
                       today: date) -> TreatmentCompletion:
    refusal = pathway.role_refusal(Action.RECORD_ATTENDANCE, session.user)
    problems = ([refusal] if refusal else []) + check_completion(case, completion)
    if case.completion is not None:
        problems.append("The end of treatment is already recorded; correct it with an amendment.")
    if completion.ended_on > today:
        problems.append("The end of treatment cannot be in the future.")
    _refuse_if(problems, "record the end of treatment")
    with session.transaction():
        return session.record_completion(completion)


def record_follow_up(session: Session, case: CaseRecord, follow_up: FollowUp) -> FollowUp:
    refusal = pathway.role_refusal(Action.RECORD_ATTENDANCE, session.user)
    problems = [refusal] if refusal else []
    if case.completion is None:
        problems.append("Follow-ups come after the end of treatment, which is not recorded yet.")
    if follow_up.months_after not in FOLLOW_UP_MONTHS:
        problems.append("Follow-ups are at 3, 6 and 12 months (Manual §2.4).")
    _refuse_if(problems, "record the follow-up")
    with session.transaction():
        return session.record_follow_up(follow_up)


def _session_of(case: CaseRecord, session_id: int) -> TreatmentSession:
    for treatment_session in case.sessions:
        if treatment_session.id == session_id:
            return treatment_session
    raise ActionRefused("That session is not part of this case any more; please reload the case.")
