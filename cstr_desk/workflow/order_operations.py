"""Operations through a DRR or ATR: the treatment start, drug tests and the test schedule, the
three-way meeting and joint reviews, review hearings, the court review report's contributions
and probation's sign-off, the final sentence review and each provider's sign-off.

Each goes through `operations.apply_change` (one transaction, the stage kept in step) and
returns a `Changed`; the rules are `order_rules` and `start_standards`; the store checks the
role against the one table (cstr_desk/permissions.py: RECORD_TREATMENT_START and
RECORD_DRUG_TEST for the provider's entries, RECORD_ORDER_REVIEW for the offender manager's,
SIGN_OFF_COURT_REVIEW for probation's sign-off, SIGN_FINAL_REVIEW for each provider's).

No treatment-provider role is added: the roles already split the work as the sources do. The
provider's staff (drug and alcohol workers as well as MHTR practitioners) hold practitioner
accounts and record what the provider reports (starts, tests, the provider's contribution and
sign-off), as they record the provider's acceptance (issue 11); probation's part (the offender
manager's meetings, the review report's sign-off, the final sentence review) is the Court Duty
Officer's, the desk's probation role. A separate role would only matter if a drug worker had to
be kept from the MHTR's consent and assessment screens, which the sources do not ask for.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from cstr_desk.domain import (
    CaseRecord, CourtReview, DrugTest, DrugTestSchedule, FinalSentenceReview, JointMeeting,
    ProviderSignOff, ReviewHearing, SentenceRequirement, TreatmentStart,
)
from cstr_desk.store import permissions
from cstr_desk.permissions import Action
from cstr_desk.workflow import order_rules as rules
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.operations import Changed, apply_change, refuse_entry, resolve_today
from cstr_desk.workflow.start_standards import start_entry_problems

if TYPE_CHECKING:
    from cstr_desk.store import Session


def record_treatment_start(session: Session, start: TreatmentStart,
                           today: date | None = None) -> Changed[TreatmentStart]:
    def write(case: CaseRecord) -> TreatmentStart:
        refuse_entry("start of treatment", start_entry_problems(case, start, resolve_today(today)))
        return session.record_treatment_start(start)

    return apply_change(session, start.referral_id, None, today, write)


def record_drug_test(session: Session, test: DrugTest,
                     today: date | None = None) -> Changed[DrugTest]:
    def write(case: CaseRecord) -> DrugTest:
        refuse_entry("drug test", rules.drug_test_problems(case, test, resolve_today(today)))
        return session.record_drug_test(test)

    return apply_change(session, test.referral_id, None, today, write)


def record_test_schedule(session: Session, schedule: DrugTestSchedule) -> Changed[DrugTestSchedule]:
    def write(case: CaseRecord) -> DrugTestSchedule:
        refuse_entry("test schedule", rules.schedule_problems(case, schedule))
        return session.record_test_schedule(schedule)

    return apply_change(session, schedule.referral_id, None, None, write)


def record_meeting(session: Session, meeting: JointMeeting,
                   today: date | None = None) -> Changed[JointMeeting]:
    def write(case: CaseRecord) -> JointMeeting:
        refuse_entry("meeting", rules.meeting_problems(case, meeting, resolve_today(today)))
        return session.record_meeting(meeting)

    return apply_change(session, meeting.referral_id, None, today, write)


def schedule_review_hearing(session: Session, hearing: ReviewHearing) -> Changed[ReviewHearing]:
    def write(case: CaseRecord) -> ReviewHearing:
        refuse_entry("review hearing", rules.hearing_problems(case, hearing))
        return session.record_review_hearing(hearing)

    return apply_change(session, hearing.referral_id, None, None, write)


def save_court_review(session: Session, review: CourtReview) -> Changed[CourtReview]:
    """The provider's and probation's contributions, saved as they are written."""

    def write(case: CaseRecord) -> CourtReview:
        if review.id is not None and review.id not in {r.id for r in case.court_reviews}:
            raise ActionRefused("That review is not part of this case any more; please reload the case.")
        refuse_entry("court review", rules.court_review_problems(case, review))
        return session.save_court_review(review.model_copy(update={
            "signed_off_by": None, "signed_off_at": None}))

    return apply_change(session, review.referral_id, None, None, write)


def sign_off_court_review(session: Session, referral_id: int, review_id: int,
                          when: datetime | None = None) -> Changed[CourtReview]:
    """Probation signs the report off for the court: from then on it is final."""

    def write(case: CaseRecord) -> CourtReview:
        # Who may sign is asked before what is missing: a provider is told it is probation's.
        permissions.check(session.user.role, Action.SIGN_OFF_COURT_REVIEW)
        review = _review_of(case, review_id)
        if review.signed_off_at is not None:
            raise ActionRefused("This review report is already signed off.")
        missing = rules.missing_for_sign_off(review)
        if missing:
            raise ActionRefused("The review report cannot be signed off yet. Missing: "
                                + "; ".join(missing) + ".", missing)
        return session.sign_off_court_review(review.model_copy(update={
            "signed_off_by": session.user.id, "signed_off_at": when or datetime.now(UTC)}))

    return apply_change(session, referral_id, None, None, write)


def record_final_review(session: Session, review: FinalSentenceReview,
                        today: date | None = None) -> Changed[FinalSentenceReview]:
    def write(case: CaseRecord) -> FinalSentenceReview:
        refuse_entry("final sentence review",
                     rules.final_review_problems(case, review, resolve_today(today)))
        return session.save_final_review(review.model_copy(update={"sign_offs": []}))

    return apply_change(session, review.referral_id, None, today, write)


def sign_final_review(session: Session, referral_id: int, requirement: SentenceRequirement,
                      provider: str, when: datetime | None = None) -> Changed[FinalSentenceReview]:
    """One provider signs the completion documents (service description, "Sentence
    completion")."""

    def write(case: CaseRecord) -> FinalSentenceReview:
        review = case.final_review
        problems = []
        if review is None:
            problems.append("Record the final sentence review first.")
        if requirement not in rules.unsigned_providers(case):
            problems.append(f"There is no {requirement.value.upper()} provider still to sign.")
        if not provider.strip():
            problems.append("Give the provider's name.")
        refuse_entry("sign-off", problems)
        assert review is not None
        signed = ProviderSignOff(requirement=requirement, provider=provider.strip(),
                                 signed_by=session.user.id, signed_at=when or datetime.now(UTC))
        return session.save_final_review(review.model_copy(update={
            "sign_offs": [*review.sign_offs, signed]}))

    return apply_change(session, referral_id, None, None, write)


def _review_of(case: CaseRecord, review_id: int) -> CourtReview:
    for review in case.court_reviews:
        if review.id == review_id:
            return review
    raise ActionRefused("That review is not part of this case any more; please reload the case.")
