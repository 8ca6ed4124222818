"""After sentence: the rules for the sentence outcome, treatment sessions, missed appointments,
breach, completion and follow-ups. Pure functions over domain records. The pre/post outcome
measures are `cstr_desk.outcome_pairs.outcome_pairs`.

Times are stored as aware UTC datetimes; the court works on Europe/London wall-clock time, so
"weekly at 10:00" and "which day" are worked out in London time (a session stays at 10:00
across the clocks changing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from cstr_desk.ukdates import LONDON, add_months, london_date, uk_datetime
from cstr_desk.domain import (
    FOLLOW_UP_MONTHS,
    Attendance,
    Breach,
    BreachTrigger,
    CaseRecord,
    CaseSummary,
    SentenceKind,
    SentenceOutcome,
    SentenceRequirement,
    TreatmentCompletion,
    TreatmentSession,
)

# Manual Appendix 2 (combined consent): "12-week programme, consisting of one hour sessions
# weekly"; Manual §4.6 allows weekly or fortnightly.
MHTR_SESSIONS = 12
MHTR_INTERVAL = timedelta(weeks=1)
MHTR_SESSION_MINUTES = 60

# DRR/ATR service description, "Sentence" (provider's duties to the offender manager):
# "Non-attendance/non-compliance within 48 hours of the set appointment".
OFFENDER_MANAGER_NOTICE = timedelta(hours=48)

# Manual §2.4 "Sentence": "Number of CSTRs sentenced on the day (within 24 hours)".
ON_THE_DAY = timedelta(hours=24)


CSTR_REQUIREMENTS = (SentenceRequirement.MHTR, SentenceRequirement.DRR, SentenceRequirement.ATR)
COMMUNITY_SENTENCES = (SentenceKind.COMMUNITY_ORDER, SentenceKind.SUSPENDED_SENTENCE_ORDER)

# Annex C's reasons, as the treatment services' spreadsheet words them.
MISSED_REASON_LABELS = {
    "under_the_influence": "Under the influence",
    "refusal_to_participate": "Refusal to participate",
    "physical_health": "Physical health",
    "being_late": "Being late",
    "preoccupied": "Preoccupied",
    "other": "Other",
}


class TreatmentRuleError(ValueError):
    """A change that the after-sentence rules do not allow; the message is for the user."""


# --- the sentence ---------------------------------------------------------------------------


def cstr_requirements(requirements: list[SentenceRequirement] | tuple[str, ...]) -> list[str]:
    """The treatment requirements in a sentence, in MHTR, DRR, ATR order."""
    given = {str(r) for r in requirements}
    return [r.value for r in CSTR_REQUIREMENTS if r.value in given]


def is_cstr(sentence: SentenceOutcome) -> bool:
    return sentence.sentence in COMMUNITY_SENTENCES and bool(cstr_requirements(sentence.requirements))


def order_combination(requirements: list[SentenceRequirement] | tuple[str, ...]) -> str | None:
    """The Annex D "sentenced, by type of order" row: "MHTR", "MHTR + ATR", "DRR + RAR"..."""
    treatment = cstr_requirements(requirements)
    if not treatment:
        return None
    words = [r.upper() for r in treatment]
    if SentenceRequirement.RAR.value in {str(r) for r in requirements}:
        words.append("RAR")
    return " + ".join(words)


def sentenced_on_the_day(assessed_at: datetime | None, sentenced_at: datetime | None,
                         sentenced_on: date | None) -> bool:
    """Within 24 hours of the assessment (Manual §2.4). Without a sentencing time, the same
    London day as the assessment is taken as within 24 hours; a later day is not, because
    24 hours cannot be shown."""
    if assessed_at is None or (sentenced_at is None and sentenced_on is None):
        return False
    if sentenced_at is not None:
        return timedelta(0) <= sentenced_at - assessed_at <= ON_THE_DAY
    return sentenced_on == london_date(assessed_at)


def case_sentenced_on_the_day(case: CaseRecord) -> bool:
    if case.sentence is None or case.assessment is None or not case.assessment.completed:
        return False
    return sentenced_on_the_day(
        case.assessment.completed_at, case.sentence.sentenced_at, case.sentence.sentenced_on
    )


# --- treatment sessions ---------------------------------------------------------------------


def default_schedule(referral_id: int, first_at: datetime, count: int = MHTR_SESSIONS,
                     interval: timedelta = MHTR_INTERVAL, start_number: int = 1
                     ) -> list[TreatmentSession]:
    """Weekly one-hour sessions from the Clinical Lead's first appointment (Manual §4.4)."""
    if count < 1:
        raise TreatmentRuleError("Please schedule at least one session.")
    local_first = first_at.astimezone(LONDON)
    sessions = []
    for index in range(count):
        # Step in London wall-clock time, so 10:00 stays 10:00 when the clocks change.
        local = (local_first.replace(tzinfo=None) + interval * index).replace(tzinfo=LONDON)
        sessions.append(TreatmentSession(
            referral_id=referral_id,
            number=start_number + index,
            scheduled_at=local.astimezone(UTC),
            duration_minutes=MHTR_SESSION_MINUTES,
        ))
    return sessions


def tell_offender_manager_by(session: TreatmentSession) -> datetime | None:
    if session.attendance is not Attendance.MISSED:
        return None
    return session.scheduled_at + OFFENDER_MANAGER_NOTICE


def missed_sessions(sessions: list[TreatmentSession]) -> list[TreatmentSession]:
    return sorted((s for s in sessions if s.attendance is Attendance.MISSED),
                  key=lambda s: s.scheduled_at)


@dataclass(frozen=True)
class OffenderManagerDeadline:
    """One missed appointment the offender manager has not yet been told about."""

    referral_id: int
    session_id: int
    full_name: str
    session_number: int
    missed_at: datetime
    due_at: datetime

    def is_overdue(self, now: datetime) -> bool:
        return now > self.due_at

    def describe(self, now: datetime) -> str:
        state = "overdue since" if self.is_overdue(now) else "tell by"
        return (f"{self.full_name}: session {self.session_number} missed "
                f"{uk_datetime(self.missed_at)}; {state} {uk_datetime(self.due_at)}")


def open_deadlines(rows: list[tuple[CaseSummary, TreatmentSession]]
                   ) -> list[OffenderManagerDeadline]:
    """Deadlines across all cases, soonest first, from the store's `untold_missed_sessions`."""
    deadlines = []
    for summary, session in rows:
        due = tell_offender_manager_by(session)
        if due is None or session.offender_manager_told_at is not None or session.id is None:
            continue
        deadlines.append(OffenderManagerDeadline(
            referral_id=summary.referral_id, session_id=session.id, full_name=summary.full_name,
            session_number=session.number, missed_at=session.scheduled_at, due_at=due,
        ))
    return sorted(deadlines, key=lambda d: d.due_at)


# --- completion and follow-up ---------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpDue:
    months_after: int
    due_on: date
    done_on: date | None


def follow_ups_due(case: CaseRecord) -> list[FollowUpDue]:
    completion = case.completion
    if completion is None or not completion.completed:
        return []
    done = {f.months_after: f.done_on for f in case.follow_ups}
    return [FollowUpDue(m, add_months(completion.ended_on, m), done.get(m)) for m in FOLLOW_UP_MONTHS]


def check_completion(case: CaseRecord, completion: TreatmentCompletion) -> list[str]:
    problems = []
    if case.sentence is None:
        problems.append("Record the sentence before recording the end of treatment.")
    elif completion.ended_on < case.sentence.sentenced_on:
        problems.append("Treatment cannot end before the sentence date.")
    if completion.completed and any(s.attendance is Attendance.SCHEDULED and
                                    london_date(s.scheduled_at) <= completion.ended_on
                                    for s in case.sessions):
        problems.append("Some sessions up to that date still have no attendance recorded.")
    return problems


# --- breach -------------------------------------------------------------------------------


def breach_for_withdrawal(case: CaseRecord, when: datetime, reason: str, recorded_by: int) -> Breach | None:
    """After sentence to a treatment requirement, withdrawing consent is a breach that goes back
    to court (Manual Appendix 2 "withdrawal = breach"; §4.7); before sentence it only takes the
    case back along the pathway."""
    if case.sentence is None or not is_cstr(case.sentence):
        return None
    return Breach(referral_id=case.referral.id or 0, decided_on=london_date(when), returned_to_court=True,
                  related_to_cstr=True, reason=f"Consent withdrawn after sentence: {reason.strip()}",
                  recorded_by=recorded_by, recorded_at=when, trigger=BreachTrigger.CONSENT_WITHDRAWN)
