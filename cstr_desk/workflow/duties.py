"""Deadlines after sentence that the home panel shows across cases (issue 20 items 4 and 5).

- The first MHTR treatment session within six weeks of sentence, two weeks for a first
  episode of psychosis (Manual §4.5.1: waiting times "from the date of sentence ... in line
  with the general population").
- After the second missed appointment, probation's decision on breach by the sixth working day
  (DOMAIN.md step 9: "referral to enforcement by the 6th working day after a second
  unreasonable failure"; Manual §4.7).
Pure functions over `CaseRecord`s; the store picks the cases (`Session.cases_with_duties`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from cstr_desk.domain import Attendance, CaseRecord, SentenceRequirement
from cstr_desk.ukdates import london_date, uk_date
from cstr_desk.working_days import add_working_days

FIRST_SESSION_WAIT = timedelta(weeks=6)
FIRST_SESSION_WAIT_PSYCHOSIS = timedelta(weeks=2)
BREACH_DECISION_WORKING_DAYS = 6
# The second failure starts the clock (DOMAIN.md step 9; Manual §4.7).
MISSES_BEFORE_BREACH = 2


class DutyKind:
    FIRST_SESSION = "first_session"
    BREACH_DECISION = "breach_decision"


@dataclass(frozen=True)
class Duty:
    """One thing due on one case: what, by when, and whether it was met (and when)."""

    kind: str
    referral_id: int
    full_name: str
    due_on: date
    done_on: date | None = None

    def is_overdue(self, today: date) -> bool:
        return self.done_on is None and today > self.due_on

    def met(self) -> bool | None:
        """Done by the deadline; None while still open."""
        return None if self.done_on is None else self.done_on <= self.due_on

    def describe(self, today: date) -> str:
        what = {DutyKind.FIRST_SESSION: "first treatment session",
                DutyKind.BREACH_DECISION: "breach decision (2 missed)"}[self.kind]
        if self.done_on is not None:
            return f"{self.full_name}: {what} on {uk_date(self.done_on)} (due {uk_date(self.due_on)})"
        state = "overdue since" if self.is_overdue(today) else "due by"
        return f"{self.full_name}: {what} {state} {uk_date(self.due_on)}"


def first_session_wait(case: CaseRecord) -> Duty | None:
    """The MHTR first-session deadline and when it was met, for a sentence with an MHTR."""
    sentence = case.sentence
    if sentence is None or SentenceRequirement.MHTR not in sentence.requirements:
        return None
    psychosis = case.assessment is not None and case.assessment.first_episode_psychosis is True
    due = sentence.sentenced_on + (FIRST_SESSION_WAIT_PSYCHOSIS if psychosis else FIRST_SESSION_WAIT)
    attended = [london_date(s.scheduled_at) for s in case.sessions if s.attendance is Attendance.ATTENDED]
    return Duty(DutyKind.FIRST_SESSION, case.referral.id or 0, case.person.full_name, due,
                min(attended, default=None))


def breach_decision_due(case: CaseRecord) -> Duty | None:
    """Due once a second appointment is missed; done when a breach decision is recorded after it."""
    missed = sorted(london_date(s.scheduled_at) for s in case.sessions if s.attendance is Attendance.MISSED)
    if len(missed) < MISSES_BEFORE_BREACH:
        return None
    second = missed[MISSES_BEFORE_BREACH - 1]
    decided = [b.decided_on for b in case.breaches if b.decided_on >= second]
    return Duty(DutyKind.BREACH_DECISION, case.referral.id or 0, case.person.full_name,
                add_working_days(second, BREACH_DECISION_WORKING_DAYS), min(decided, default=None))


def open_duties(cases: list[CaseRecord]) -> list[Duty]:
    """Every open duty across the cases, soonest first."""
    found = [duty for case in cases if case.referral.closed_at is None and case.completion is None
             for duty in (first_session_wait(case), breach_decision_due(case))
             if duty is not None and duty.done_on is None]
    return sorted(found, key=lambda d: d.due_on)
