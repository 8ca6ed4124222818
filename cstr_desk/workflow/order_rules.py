"""The rules for what is recorded through a DRR or ATR: drug tests against the DRR's schedule,
the three-way meeting and joint reviews, court review hearings and their reports, the final
sentence review. Pure functions over domain records, returning problems in plain words.

Sources: 2014 guidance ("Supporting community order treatment requirements"), DRR "Testing",
"Court reviews", "Completion"; DRR/ATR service description, "Sentence", "Sentence completion";
CJA 2003 s.210 (court reviews of a DRR).
"""

from __future__ import annotations

from datetime import date

from cstr_desk.domain import (
    CaseRecord, CourtReview, DrugTest, DrugTestSchedule, FinalSentenceReview, JointMeeting,
    MeetingKind, ReviewHearing, SentenceRequirement,
)
from cstr_desk.outcome_pairs import outcome_pairs
from cstr_desk.ukdates import uk_date
from cstr_desk.working_days import is_working_day

# 2014 guidance, DRR "Testing": "weekly drug testing should be the minimum frequency".
MINIMUM_TESTS_PER_WEEK = 1
# CJA 2003 s.210: the court must review a DRR of 12 months or more.
MANDATORY_REVIEW_MONTHS = 12
# The sources leave the report's lead time to the court ("at the frequency specified by the
# court"); the desk suggests it is due 2 working days before the hearing, so the person can
# see it first ("discussed with the offender prior to the court review"), and it can be changed.
REPORT_LEAD_WORKING_DAYS = 2


def has_requirement(case: CaseRecord, requirement: SentenceRequirement) -> bool:
    return case.sentence is not None and requirement.value in {str(r) for r in case.sentence.requirements}


def review_mandatory(case: CaseRecord) -> bool:
    sentence = case.sentence
    return (has_requirement(case, SentenceRequirement.DRR) and sentence is not None
            and (sentence.length_months or 0) >= MANDATORY_REVIEW_MONTHS)


def report_due_before(hearing_on: date) -> date:
    """REPORT_LEAD_WORKING_DAYS working days before the hearing."""
    day = hearing_on
    for _ in range(REPORT_LEAD_WORKING_DAYS):
        day = date.fromordinal(day.toordinal() - 1)
        while not is_working_day(day):
            day = date.fromordinal(day.toordinal() - 1)
    return day


def _after_sentence(case: CaseRecord, day: date, what: str, today: date) -> list[str]:
    if case.sentence is None:
        return [f"Record the sentence before the {what}."]
    problems = []
    if day < case.sentence.sentenced_on:
        problems.append(f"The {what} cannot be before the order ({uk_date(case.sentence.sentenced_on)}).")
    if day > today:
        problems.append(f"The {what} cannot be in the future.")
    return problems


def drug_test_problems(case: CaseRecord, test: DrugTest, today: date) -> list[str]:
    if not has_requirement(case, SentenceRequirement.DRR):
        return ["Drug tests are part of a DRR, and this order has none."]
    problems = _after_sentence(case, test.tested_on, "test", today)
    if test.missed:
        if not test.missed_reason.strip():
            problems.append("Say why the test was missed (a missed test is not a negative).")
        if test.results:
            problems.append("A missed test has no results.")
        return problems
    if test.method is None:
        problems.append("Choose how the sample was taken.")
    if not test.results:
        problems.append("Give the result for at least one substance.")
    substances = [r.substance for r in test.results]
    if len(set(substances)) != len(substances):
        problems.append("Each substance has one result.")
    return problems


def schedule_problems(case: CaseRecord, schedule: DrugTestSchedule) -> list[str]:
    if not has_requirement(case, SentenceRequirement.DRR):
        return ["Only a DRR has a drug test schedule."]
    problems = []
    if set(schedule.regular) & set(schedule.intermittent):
        problems.append("A substance is tested either regularly or intermittently, not both.")
    if case.sentence is not None and schedule.agreed_on < case.sentence.sentenced_on:
        problems.append("The schedule is agreed by the court at sentence or later.")
    return problems


def meeting_problems(case: CaseRecord, meeting: JointMeeting, today: date) -> list[str]:
    problems = _after_sentence(case, meeting.held_on, "meeting", today)
    if not [a for a in meeting.attendees if a.strip()]:
        problems.append("Say who attended.")
    if meeting.kind is MeetingKind.THREE_WAY:
        if any(m.kind is MeetingKind.THREE_WAY for m in case.meetings):
            problems.append("The three-way meeting is already recorded; later ones are joint reviews.")
        if not meeting.goals.strip():
            problems.append("Record the goals agreed.")
        if not meeting.sequencing.strip():
            problems.append("Record how the order's requirements are sequenced.")
    return problems


def hearing_problems(case: CaseRecord, hearing: ReviewHearing) -> list[str]:
    if not has_requirement(case, SentenceRequirement.DRR):
        return ["Court reviews are of a DRR, and this order has none."]
    problems = []
    if case.sentence is not None and hearing.hearing_on <= case.sentence.sentenced_on:
        problems.append("A review hearing comes after the order.")
    if hearing.report_due_on > hearing.hearing_on:
        problems.append("The report must be due before the hearing.")
    return problems


def court_review_problems(case: CaseRecord, review: CourtReview) -> list[str]:
    """What a review needs before it can be saved at all."""
    if not has_requirement(case, SentenceRequirement.DRR):
        return ["Court reviews are of a DRR, and this order has none."]
    problems = []
    if review.period_to < review.period_from:
        problems.append("The period ends before it begins.")
    if case.sentence is not None and review.period_from < case.sentence.sentenced_on:
        problems.append("The period starts before the order.")
    if review.hearing_id is not None and review.hearing_id not in {h.id for h in case.review_hearings}:
        problems.append("That review hearing is not part of this case.")
    return problems


def missing_for_sign_off(review: CourtReview) -> list[str]:
    """What a review report still lacks before probation can sign it off (2014 guidance: "a
    collaborative document between treatment provider(s)" and probation, "discussed with the
    offender prior to the court review wherever possible")."""
    checks = (
        (review.engagement.strip(), "Engagement with treatment"),
        (review.progress.strip(), "An assessment of progress"),
        (review.provider_contribution.strip(), "The treatment provider's contribution"),
        (review.provider_name.strip(), "The treatment provider's name"),
        (review.probation_contribution.strip(), "Probation's contribution"),
        (review.discussed_with_person is not None, "Whether it was discussed with the person"),
    )
    missing = [label for value, label in checks if not value]
    if review.discussed_with_person is False and not review.not_discussed_reason.strip():
        missing.append("Why it was not discussed with the person")
    return missing


def final_review_problems(case: CaseRecord, review: FinalSentenceReview, today: date) -> list[str]:
    problems = _after_sentence(case, review.reviewed_on, "final sentence review", today)
    if case.completion is None:
        problems.append("Record the end of treatment first: the final review is on completion.")
    if case.final_review is not None:
        problems.append("The final sentence review is already recorded.")
    # The same pairing as the completion summary's before/after table (cstr_desk.outcome_pairs).
    for instrument in review.instruments:
        pair = next(iter(outcome_pairs(case, [instrument])), None)
        if pair is None:
            problems.append(f"{instrument.upper()} has no earlier score to compare with.")
        elif pair.after is None:
            problems.append(f"Re-administer {instrument.upper()} at completion before the review.")
    if not review.instruments:
        problems.append("Choose the validated screening tools re-administered at completion.")
    if not review.ongoing_needs_plan.strip():
        problems.append("Say how ongoing needs will be met after the order.")
    if not review.onward_referral_to.strip():
        problems.append("Say which agency the person is referred on to.")
    if not review.person_took_part or not review.provider_took_part:
        problems.append("The review is held with the person and the health provider (2014 guidance).")
    return problems


def providers_to_sign(case: CaseRecord) -> list[SentenceRequirement]:
    """Each treatment requirement's provider signs the completion documents."""
    if case.sentence is None:
        return []
    order = (SentenceRequirement.MHTR, SentenceRequirement.DRR, SentenceRequirement.ATR)
    given = {str(r) for r in case.sentence.requirements}
    return [r for r in order if r.value in given]


def unsigned_providers(case: CaseRecord) -> list[SentenceRequirement]:
    if case.final_review is None:
        return providers_to_sign(case)
    signed = {s.requirement for s in case.final_review.sign_offs}
    return [r for r in providers_to_sign(case) if r not in signed]
