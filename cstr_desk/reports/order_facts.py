"""What a DRR's record says over a period, as plain data for the court review report and the
screens (no ReportLab here): drug tests against the schedule, attendance, meetings; and the
words for the DRR's vocabularies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cstr_desk.domain import (
    Attendance, CaseRecord, DrugTest, DrugTestResult, JointMeeting, MeetingKind, Substance,
    TreatmentSession,
)
from cstr_desk.ukdates import london_date

SUBSTANCE_LABELS: dict[Substance, str] = {
    Substance.OPIATES: "Opiates", Substance.COCAINE: "Cocaine",
    Substance.AMPHETAMINES: "Amphetamines", Substance.BENZODIAZEPINES: "Benzodiazepines",
    Substance.CANNABIS: "Cannabis", Substance.METHADONE: "Methadone",
    Substance.BUPRENORPHINE: "Buprenorphine",
    Substance.SYNTHETIC_CANNABINOIDS: "Synthetic cannabinoids",
}
METHOD_LABELS = {"urine": "Urine", "oral_fluid": "Oral fluid", "hair": "Hair"}
RESULT_LABELS = {DrugTestResult.POSITIVE: "Positive", DrugTestResult.NEGATIVE: "Negative",
                 DrugTestResult.INCONCLUSIVE: "Inconclusive"}
MEETING_LABELS = {MeetingKind.THREE_WAY: "Three/four-way meeting",
                  MeetingKind.JOINT_REVIEW: "Joint case review"}

@dataclass(frozen=True)
class DrugTestTally:
    """Drug tests in a period: the schedule's expectation against what was recorded."""

    expected: int
    taken: int
    missed: int
    positive: dict[Substance, int]

    @property
    def behind_schedule(self) -> int:
        return max(0, self.expected - self.taken - self.missed)

def tests_in(case: CaseRecord, period_from: date, period_to: date) -> list[DrugTest]:
    return [t for t in case.drug_tests if period_from <= t.tested_on <= period_to]

def drug_test_tally(case: CaseRecord, period_from: date, period_to: date) -> DrugTestTally:
    tests = tests_in(case, period_from, period_to)
    schedule = case.test_schedule
    expected = 0
    if schedule is not None:
        start = max(period_from, schedule.agreed_on)
        if period_to >= start:
            expected = ((period_to - start).days + 1) * schedule.tests_per_week // 7
    positive: dict[Substance, int] = {}
    for test in tests:
        for result in test.results:
            if result.result is DrugTestResult.POSITIVE:
                positive[result.substance] = positive.get(result.substance, 0) + 1
    return DrugTestTally(expected=expected, taken=sum(not t.missed for t in tests),
                     missed=sum(t.missed for t in tests), positive=positive)

def sessions_in(case: CaseRecord, period_from: date, period_to: date) -> list[TreatmentSession]:
    return [s for s in case.sessions if period_from <= london_date(s.scheduled_at) <= period_to]

def attendance_counts(sessions: list[TreatmentSession]) -> dict[Attendance, int]:
    return {a: sum(1 for s in sessions if s.attendance is a) for a in Attendance}

def meetings_in(case: CaseRecord, period_from: date, period_to: date) -> list[JointMeeting]:
    return [m for m in case.meetings if period_from <= m.held_on <= period_to]

def substances_tested(tests: list[DrugTest]) -> list[Substance]:
    """The substances with a result in these tests, in the vocabulary's order."""
    seen = {r.substance for t in tests for r in t.results}
    return [s for s in Substance if s in seen]

def result_counts(tests: list[DrugTest], substance: Substance) -> dict[DrugTestResult, int]:
    counts = dict.fromkeys(DrugTestResult, 0)
    for test in tests:
        for result in test.results:
            if result.substance is substance:
                counts[result.result] += 1
    return counts
