"""A worked DRR example: the sample person on a 12-month DRR with an MHTR, three months in,
weekly oral-fluid tests (one missed), the three-way meeting, a review hearing and the review's
contributions; for the court review report's benchmark, its tests and trying its layout.

Run `python -m cstr_desk.reports.sample_drr OUT.pdf` to write the review report.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from cstr_desk.domain import (
    CaseRecord, CourtReview, DrugTest, DrugTestMethod, DrugTestResult,
    DrugTestSchedule, JointMeeting, MeetingKind, ReviewHearing, SentenceKind, SentenceOutcome,
    SentenceRequirement, Substance, SubstanceResult, TreatmentStart,
)
from cstr_desk.reports.sample import CDO, HEARING, PRACTITIONER, sample_case, sample_users

ORDER_DAY = HEARING.date()
PERIOD_TO = ORDER_DAY + timedelta(weeks=12)
PROVIDER = "Cardiff Drug and Alcohol Service"
# Week by week: (opiates, cocaine) positive? None for the week the test was missed.
WEEKS: list[tuple[bool, bool] | None] = [
    (True, True), (True, False), (True, False), None, (False, False), (True, False),
    (False, False), (False, False), (False, True), (False, False), (False, False), (False, False),
]


def _result(substance: Substance, positive: bool) -> SubstanceResult:
    return SubstanceResult(substance=substance, result=DrugTestResult.POSITIVE if positive
                           else DrugTestResult.NEGATIVE)


def _tests() -> list[DrugTest]:
    tests = []
    for week, outcome in enumerate(WEEKS, start=1):
        day = ORDER_DAY + timedelta(weeks=week)
        at = datetime.combine(day, HEARING.timetz())
        if outcome is None:
            tests.append(DrugTest(referral_id=1, tested_on=day, missed=True,
                                  missed_reason="Did not attend: said they were unwell",
                                  recorded_by=PRACTITIONER, recorded_at=at))
            continue
        results = [_result(Substance.OPIATES, outcome[0]), _result(Substance.COCAINE, outcome[1])]
        if week % 4 == 0:  # intermittent polydrug test (2014 guidance, "Testing")
            results.append(_result(Substance.BENZODIAZEPINES, False))
        tests.append(DrugTest(referral_id=1, tested_on=day, method=DrugTestMethod.ORAL_FLUID,
                              results=results, recorded_by=PRACTITIONER, recorded_at=at))
    return tests


def _weekly_sessions(case: CaseRecord) -> list:
    return [s.model_copy(update={"scheduled_at": HEARING + timedelta(days=2 + 7 * i)})
            for i, s in enumerate(case.sessions)]


def sample_drr_case() -> CaseRecord:
    from cstr_desk.reports.sample import sample_completed_case

    case = sample_case()
    sessions = _weekly_sessions(sample_completed_case())
    hearing = ReviewHearing(id=1, referral_id=1, hearing_on=PERIOD_TO + timedelta(days=7),
                            court="Cardiff Magistrates' Court",
                            report_due_on=PERIOD_TO + timedelta(days=3), recorded_by=CDO,
                            recorded_at=HEARING)
    return case.model_copy(update={
        "sentence": SentenceOutcome(
            referral_id=1, sentenced_on=ORDER_DAY, sentence=SentenceKind.COMMUNITY_ORDER,
            length_months=12, requirements=[SentenceRequirement.MHTR, SentenceRequirement.DRR],
            recorded_by=CDO, recorded_at=HEARING + timedelta(hours=6)),
        "sessions": [s for s in sessions if s.scheduled_at.date() <= PERIOD_TO],
        "treatment_starts": [TreatmentStart(
            referral_id=1, requirement=SentenceRequirement.DRR, started_on=ORDER_DAY + timedelta(days=1),
            provider=PROVIDER, recorded_by=PRACTITIONER, recorded_at=HEARING + timedelta(days=1))],
        "test_schedule": DrugTestSchedule(
            referral_id=1, tests_per_week=1, regular=[Substance.OPIATES, Substance.COCAINE],
            intermittent=[Substance.BENZODIAZEPINES], agreed_on=ORDER_DAY, recorded_by=CDO,
            recorded_at=HEARING + timedelta(hours=6)),
        "drug_tests": _tests(),
        "meetings": [JointMeeting(
            referral_id=1, kind=MeetingKind.THREE_WAY, held_on=ORDER_DAY + timedelta(days=3),
            attendees=["Jo Brown (offender manager)", f"Łukasz Nowak ({PROVIDER})",
                       "Dr Gwŷn Llŵyd (MHTR Clinical Lead)"], person_attended=True,
            goals="Stop using heroin and crack; stable on a methadone script; weekly therapy.",
            sequencing="DRR first: stabilise on the script, then MHTR sessions from week 2.",
            recorded_by=CDO, recorded_at=HEARING + timedelta(days=3))],
        "review_hearings": [hearing],
    })


def sample_court_review(signed: bool = True) -> CourtReview:
    return CourtReview(
        id=1, referral_id=1, period_from=ORDER_DAY, period_to=PERIOD_TO, hearing_id=1,
        engagement="Siân has attended every appointment but one and takes part willingly; she "
                   "missed the fourth week's test when unwell and rang the service that day.",
        progress="Opiate use has stopped since week 7 and cocaine was used once in week 9. She "
                 "is stable on 60 mg methadone daily and says her mood is better.",
        provider_name=PROVIDER,
        provider_contribution="Good engagement with key work and the recovery group. Tests "
                              "negative for opiates for six weeks. Plan: continue weekly tests "
                              "and start reduction planning at the next review.",
        probation_contribution="Complying with the order. No new offences. Housing stable since "
                               "week 3. Probation recommends the order continues unchanged.",
        discussed_with_person=True, recorded_by=PRACTITIONER,
        recorded_at=datetime.combine(PERIOD_TO, HEARING.timetz()),
        signed_off_by=CDO if signed else None,
        signed_off_at=datetime.combine(PERIOD_TO, HEARING.timetz()) + timedelta(days=1) if signed else None)


def main(argv: list[str]) -> int:
    from cstr_desk.reports.court_review import render_court_review

    users = sample_users()
    pdf = render_court_review(sample_drr_case(), sample_court_review(), generated_by=users[CDO],
                              users=users, missing=[],
                              start_line=f"{date(2026, 3, 10):%d/%m/%Y}: within 2 working days")
    Path(argv[0]).write_bytes(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
