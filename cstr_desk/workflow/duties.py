"""Deadlines after sentence that the home panel shows across cases (issue 20 items 4 and 5).

- The first MHTR treatment session within six weeks of sentence, two weeks for a first
  episode of psychosis (Manual §4.5.1: waiting times "from the date of sentence ... in line
  with the general population").
- After the second missed appointment, probation's decision on breach by the sixth working day
  (DOMAIN.md step 9: "referral to enforcement by the 6th working day after a second
  unreasonable failure"; Manual §4.7).
- After each missed appointment, the person contacted by their chosen method, and their care
  coordinator told at once where there is a risk of self-harm or suicide (Manual §4.7).
- The leaflet with the next appointment, given at sentence (DRR/ATR service description).
- After a breach returned to court, the treatment plan to the offender manager (Manual §4.7).
Pure functions over `CaseRecord`s; the store picks the cases (`Session.cases_with_duties`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from cstr_desk.domain import (
    Attendance, Breach, BreachTrigger, CaseRecord, FollowUpContact, SentenceRequirement,
    TreatmentSession,
)
from cstr_desk.ukdates import london_date
from cstr_desk.working_days import add_working_days
from cstr_desk.workflow.contact import suicide_risk

FIRST_SESSION_WAIT = timedelta(weeks=6)
FIRST_SESSION_WAIT_PSYCHOSIS = timedelta(weeks=2)
BREACH_DECISION_WORKING_DAYS = 6
# The second failure starts the clock (DOMAIN.md step 9; Manual §4.7).
MISSES_BEFORE_BREACH = 2
# The Manual sets no time for contacting the person after a missed appointment, only that it is
# "a matter of concern" (§4.7); the panel asks for it by the next working day, so that no missed
# appointment goes without follow-up before the next one. The care coordinator is told
# "immediately" where there is a risk of self-harm or suicide: due the day it was missed.
PERSON_FOLLOW_UP_WORKING_DAYS = 1


class DutyKind:
    FIRST_SESSION = "first_session"
    BREACH_DECISION = "breach_decision"
    MISSED_FOLLOW_UP = "missed_follow_up"
    CARE_COORDINATOR = "care_coordinator"
    LEAFLET = "leaflet"
    TREATMENT_PLAN = "treatment_plan"


@dataclass(frozen=True)
class Duty:
    """One thing due on one case: what, by when, and whether it was met (and when). Its words
    are made at the edge (cstr_desk/duty_words.py)."""

    kind: str
    referral_id: int
    full_name: str
    due_on: date
    done_on: date | None = None
    # What the duty is about, where one case can have several: the missed session (its number
    # and day), or the breach (the day it was decided).
    session_number: int | None = None
    about_on: date | None = None

    def is_overdue(self, today: date) -> bool:
        return self.done_on is None and today > self.due_on

    def met(self) -> bool | None:
        """Done by the deadline; None while still open."""
        return None if self.done_on is None else self.done_on <= self.due_on


def first_session_due(sentenced_on: date, first_episode_psychosis: bool | None) -> date:
    """Manual §4.5.1: six weeks from sentence, two for a first episode of psychosis."""
    wait = FIRST_SESSION_WAIT_PSYCHOSIS if first_episode_psychosis is True else FIRST_SESSION_WAIT
    return sentenced_on + wait


def first_session_wait(case: CaseRecord) -> Duty | None:
    """The MHTR first-session deadline and when it was met, for a sentence with an MHTR."""
    sentence = case.sentence
    if sentence is None or SentenceRequirement.MHTR not in sentence.requirements:
        return None
    psychosis = case.assessment.first_episode_psychosis if case.assessment is not None else None
    due = first_session_due(sentence.sentenced_on, psychosis)
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


def _missed(case: CaseRecord) -> list[TreatmentSession]:
    return [s for s in case.sessions if s.attendance is Attendance.MISSED and s.id is not None]


def missed_follow_up_duties(case: CaseRecord, suicide_risk: bool) -> list[Duty]:
    """For each missed appointment: the person contacted, by the next working day; with a risk
    of self-harm or suicide, the care coordinator told the same day (Manual §4.7)."""
    found = []
    for missed in _missed(case):
        day = london_date(missed.scheduled_at)
        wanted = [(DutyKind.MISSED_FOLLOW_UP, FollowUpContact.PERSON,
                   add_working_days(day, PERSON_FOLLOW_UP_WORKING_DAYS))]
        if suicide_risk:
            wanted.append((DutyKind.CARE_COORDINATOR, FollowUpContact.CARE_COORDINATOR, day))
        for kind, contact, due in wanted:
            done = [london_date(f.contacted_at) for f in case.missed_follow_ups
                    if f.session_id == missed.id and f.contact is contact]
            found.append(Duty(kind, case.referral.id or 0, case.person.full_name, due,
                              min(done, default=None), session_number=missed.number,
                              about_on=day))
    return found


def leaflet_due(case: CaseRecord) -> Duty | None:
    """The leaflet is given at sentence, with the next appointment (DRR/ATR service description)."""
    sentence = case.sentence
    if sentence is None or not set(sentence.requirements) & _TREATMENT:
        return None
    return Duty(DutyKind.LEAFLET, case.referral.id or 0, case.person.full_name,
                sentence.sentenced_on, case.leaflet.given_on if case.leaflet else None)


_TREATMENT = {SentenceRequirement.MHTR, SentenceRequirement.DRR, SentenceRequirement.ATR}


def _breach_began(case: CaseRecord, breach: Breach) -> date:
    """When the matter that led to the breach arose: the second missed appointment before the
    decision, else the decision itself (withdrawal of consent is decided the day it happens)."""
    if breach.trigger is BreachTrigger.MISSED_APPOINTMENTS:
        missed = sorted(d for d in (london_date(s.scheduled_at) for s in _missed(case))
                        if d <= breach.decided_on)
        if len(missed) >= MISSES_BEFORE_BREACH:
            return missed[MISSES_BEFORE_BREACH - 1]
    return breach.decided_on


def treatment_plan_duties(case: CaseRecord) -> list[Duty]:
    """A breach returned to court needs the treatment plan with the offender manager, as it
    "may be presented in court" (Manual §4.7): due with the breach decision; met by a plan
    sent since the matter arose."""
    found = []
    for breach in case.breaches:
        if not breach.returned_to_court:
            continue
        began = _breach_began(case, breach)
        sent = [p.sent_on for p in case.treatment_plans_sent if p.sent_on >= began]
        found.append(Duty(DutyKind.TREATMENT_PLAN, case.referral.id or 0, case.person.full_name,
                          breach.decided_on, min(sent, default=None),
                          about_on=breach.decided_on))
    return found


def case_duties(case: CaseRecord, suicide_risk: bool) -> list[Duty]:
    """Every duty on one case, met or not, soonest first."""
    found = [d for d in (first_session_wait(case), breach_decision_due(case), leaflet_due(case))
             if d is not None]
    found += missed_follow_up_duties(case, suicide_risk) + treatment_plan_duties(case)
    return sorted(found, key=lambda d: d.due_on)


def open_duties(cases: list[CaseRecord]) -> list[Duty]:
    """Every open duty across the open cases, soonest first."""
    found = [duty for case in cases if case.referral.closed_at is None and case.completion is None
             for duty in case_duties(case, suicide_risk(case)) if duty.done_on is None]
    return sorted(found, key=lambda d: d.due_on)
