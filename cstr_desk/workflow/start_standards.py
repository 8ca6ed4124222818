"""Treatment-start standards: by when treatment must begin for each requirement of the order,
and whether it did.

- DRR: "treatment must start within 2 working days of the order being made" (2014 guidance,
  DRR clinical standard). Working days are England and Wales's (`cstr_desk.working_days`).
- ATR: "within 14 days from sentence" (2014 guidance, ATR: "an explicit requirement in service
  specifications"). Calendar days.

The MHTR's first-session waiting time (6 weeks, Manual §4.5.1) is kept with the MHTR's
sessions, not here. A standard is judged on London dates: the day of the order is day 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from cstr_desk.domain import CaseRecord, CaseSummary, SentenceOutcome, SentenceRequirement, TreatmentStart
from cstr_desk.ukdates import uk_date
from cstr_desk.working_days import add_working_days


@dataclass(frozen=True)
class StartStandard:
    requirement: SentenceRequirement
    working_days: int = 0
    calendar_days: int = 0
    source: str = ""

    def due_on(self, sentenced_on: date) -> date:
        if self.working_days:
            return add_working_days(sentenced_on, self.working_days)
        return sentenced_on + timedelta(days=self.calendar_days)

    @property
    def wording(self) -> str:
        if self.working_days:
            return f"within {self.working_days} working days of the order"
        return f"within {self.calendar_days} days of sentence"


START_STANDARDS: dict[SentenceRequirement, StartStandard] = {
    SentenceRequirement.DRR: StartStandard(
        SentenceRequirement.DRR, working_days=2, source="2014 guidance, DRR clinical standard"),
    SentenceRequirement.ATR: StartStandard(
        SentenceRequirement.ATR, calendar_days=14, source="2014 guidance, ATR clinical standard"),
}
REQUIREMENTS_WITH_STANDARDS = tuple(r.value for r in START_STANDARDS)


class StartState(StrEnum):
    MET = "met"              # started on or before the due day
    MISSED = "missed"        # started late, or not started and the due day has passed
    DUE = "due"              # not started yet, still in time


@dataclass(frozen=True)
class StartCheck:
    requirement: SentenceRequirement
    sentenced_on: date
    due_on: date
    started_on: date | None
    state: StartState

    @property
    def is_open(self) -> bool:
        """Not started yet: the provider still has to report a start."""
        return self.started_on is None


def start_checks(sentence: SentenceOutcome | None, starts: list[TreatmentStart],
                 today: date) -> list[StartCheck]:
    """One check per requirement of the sentence that has a start standard."""
    if sentence is None:
        return []
    return checks_for(sentence.sentenced_on, [str(r) for r in sentence.requirements],
                      [(s.requirement.value, s.started_on) for s in starts], today)


def checks_for(sentenced_on: date, requirements: Iterable[str],
               starts: Iterable[tuple[str, date]], today: date) -> list[StartCheck]:
    """`start_checks` over plain values (the monitoring return's facts)."""
    given = set(requirements)
    started_on: dict[str, date] = {}
    for requirement, day in starts:
        started_on[requirement] = min(day, started_on.get(requirement, day))
    checks = []
    for requirement, standard in START_STANDARDS.items():
        if requirement.value not in given:
            continue
        due = standard.due_on(sentenced_on)
        started = started_on.get(requirement.value)
        if started is not None:
            state = StartState.MET if started <= due else StartState.MISSED
        else:
            state = StartState.MISSED if today > due else StartState.DUE
        checks.append(StartCheck(requirement, sentenced_on, due, started, state))
    return checks


def case_start_checks(case: CaseRecord, today: date) -> list[StartCheck]:
    return start_checks(case.sentence, case.treatment_starts, today)


def start_entry_problems(case: CaseRecord, start: TreatmentStart, today: date) -> list[str]:
    """What is wrong with a reported treatment start, in plain words."""
    sentence = case.sentence
    if sentence is None:
        return ["Record the sentence before the start of treatment."]
    problems = []
    if start.requirement not in START_STANDARDS or start.requirement.value not in {
            str(r) for r in sentence.requirements}:
        problems.append(f"The order has no {start.requirement.value.upper()} to start.")
    if start.started_on < sentence.sentenced_on:
        problems.append(f"Treatment cannot start before the order ({uk_date(sentence.sentenced_on)}).")
    if start.started_on > today:
        problems.append("The start of treatment cannot be in the future.")
    if any(s.requirement is start.requirement for s in case.treatment_starts):
        problems.append("The start of this treatment is already recorded; correct it with an amendment.")
    return problems


@dataclass(frozen=True)
class StartDeadline:
    """An order whose treatment has not started yet, for the home screen."""

    referral_id: int
    full_name: str
    check: StartCheck

    def describe(self, today: date) -> str:
        requirement = self.check.requirement.value.upper()
        standard = START_STANDARDS[self.check.requirement].wording
        state = "start overdue since" if today > self.check.due_on else "to start by"
        return (f"{self.full_name}: {requirement} {state} {uk_date(self.check.due_on)} "
                f"(ordered {uk_date(self.check.sentenced_on)}; {standard})")

    def is_overdue(self, today: date) -> bool:
        return today > self.check.due_on


def open_start_deadlines(rows: list[tuple[CaseSummary, SentenceOutcome, list[TreatmentStart]]],
                         today: date) -> list[StartDeadline]:
    """Treatment starts not yet reported, across all cases (the store's
    `orders_with_start_standards`), soonest due first."""
    deadlines = [StartDeadline(summary.referral_id, summary.full_name, check)
                 for summary, sentence, starts in rows
                 for check in start_checks(sentence, starts, today) if check.is_open]
    return sorted(deadlines, key=lambda d: (d.check.due_on, d.referral_id))
