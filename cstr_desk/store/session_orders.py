"""DRR and ATR through the order: treatment starts, drug tests and the test schedule, joint
meetings, court review hearings and reports, the final sentence review.

Each record is final once written (corrections go through `amend`), except a court review,
which the provider and probation fill in together and which is final once probation signs
it off (the database refuses a later change), and the final review, which collects each
provider's sign-off.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from cstr_desk.domain import (
    AuditAction, CaseSummary, CourtReview, DrugTest, DrugTestSchedule, FinalSentenceReview,
    JointMeeting, ReviewHearing, SentenceOutcome, TreatmentStart,
)
from cstr_desk.store import records
from cstr_desk.store.errors import RecordFinalised
from cstr_desk.permissions import Action
from cstr_desk.store.session_base import SessionBase
from cstr_desk.store.session_people import case_summary


class OrdersMixin(SessionBase):
    def _add_order_record(self, kind: str, record: BaseModel, action: Action) -> BaseModel:
        self._require(action)
        person_id = self._person_of_referral(record.referral_id)
        with self._db.transaction():
            saved = records.insert_document(self._db, kind, record)
            self._audit(AuditAction.CREATE, kind, saved.id, person_id)
        return saved

    def _replace_order_record(self, kind: str, record: BaseModel, action: Action,
                              detail: str) -> BaseModel:
        self._require(action)
        table, _ = records.DOCUMENTS[kind]
        person_id = self._person_of_referral(record.referral_id)
        with self._db.transaction():
            self._db.execute(f"UPDATE {table} SET body = ? WHERE id = ?",
                             (records.body_of(kind, record), record.id))
            self._audit(AuditAction.UPDATE, kind, record.id, person_id, detail)
        return record

    def record_treatment_start(self, start: TreatmentStart) -> TreatmentStart:
        return self._add_order_record("treatment_start", start, Action.RECORD_TREATMENT_START)

    def record_drug_test(self, test: DrugTest) -> DrugTest:
        return self._add_order_record("drug_test", test, Action.RECORD_DRUG_TEST)

    def record_test_schedule(self, schedule: DrugTestSchedule) -> DrugTestSchedule:
        return self._add_order_record("test_schedule", schedule, Action.RECORD_DRUG_TEST)

    def record_meeting(self, meeting: JointMeeting) -> JointMeeting:
        return self._add_order_record("meeting", meeting, Action.RECORD_ORDER_REVIEW)

    def record_review_hearing(self, hearing: ReviewHearing) -> ReviewHearing:
        return self._add_order_record("review_hearing", hearing, Action.RECORD_ORDER_REVIEW)

    def save_court_review(self, review: CourtReview) -> CourtReview:
        """A new review's contributions, or the draft's as they are filled in; a review probation
        has signed off cannot change (RecordFinalised)."""
        if review.id is None:
            return self._add_order_record("court_review", review, Action.RECORD_ORDER_REVIEW)
        before = records.load_document(self._db, "court_review", review.id)
        if before.signed_off_at is not None:
            self._require(Action.RECORD_ORDER_REVIEW)
            raise RecordFinalised("Probation has signed off this review report; it cannot change.")
        return self._replace_order_record("court_review", review, Action.RECORD_ORDER_REVIEW,
                                          "contributions saved")

    def sign_off_court_review(self, review: CourtReview) -> CourtReview:
        self._require(Action.SIGN_OFF_COURT_REVIEW)
        return self._replace_order_record("court_review", review, Action.SIGN_OFF_COURT_REVIEW,
                                          "signed off by probation")

    def save_final_review(self, review: FinalSentenceReview) -> FinalSentenceReview:
        """The final sentence review (one per case), then each provider's sign-off on it."""
        if review.id is None:
            if self._db.value("SELECT id FROM final_reviews WHERE referral_id = ?",
                              (review.referral_id,)) is not None:
                self._require(Action.RECORD_ORDER_REVIEW)
                raise RecordFinalised("The final sentence review is already recorded.")
            return self._add_order_record("final_review", review, Action.RECORD_ORDER_REVIEW)
        return self._replace_order_record("final_review", review, Action.SIGN_FINAL_REVIEW,
                                          "provider signed off")

    def orders_with_start_standards(self, requirements: tuple[str, ...]
                                    ) -> list[tuple[CaseSummary, SentenceOutcome, list[TreatmentStart]]]:
        """Open cases whose sentence includes any of `requirements`, with their recorded
        treatment starts, for the home screen's start-standard deadlines."""
        self._require(Action.VIEW_CASES)
        marks = ", ".join("?" * len(requirements))
        rows = self._db.rows(
            "SELECT s.id, r.id, p.id, p.given_name, p.family_name, p.date_of_birth, "
            "p.pnc_number, p.nhs_number, r.court, r.hearing_date, r.stage "
            "FROM sentences s JOIN referrals r ON r.id = s.referral_id "
            "JOIN people p ON p.id = r.person_id WHERE r.closed_at IS NULL "
            "AND r.id NOT IN (SELECT referral_id FROM completions) AND EXISTS (SELECT 1 FROM "
            f"json_each(json_extract(s.body, '$.requirements')) WHERE value IN ({marks}))",
            tuple(requirements))
        found = []
        for sentence_id, *summary in rows:
            referral_id = summary[0]
            starts = records.documents_for_referral(self._db, "treatment_start", referral_id)
            found.append((case_summary(tuple(summary)),
                          records.load_document(self._db, "sentence", sentence_id), starts))
        with self._db.transaction():
            self._audit(AuditAction.VIEW, "sentence", detail="treatment start deadlines")
        return found

    def review_reports_due(self, until: date) -> list[tuple[CaseSummary, ReviewHearing]]:
        """Review hearings from today on whose report is due by `until`."""
        self._require(Action.VIEW_CASES)
        rows = self._db.rows(
            "SELECT h.id, r.id, p.id, p.given_name, p.family_name, p.date_of_birth, "
            "p.pnc_number, p.nhs_number, r.court, r.hearing_date, r.stage "
            "FROM review_hearings h JOIN referrals r ON r.id = h.referral_id "
            "JOIN people p ON p.id = r.person_id WHERE r.closed_at IS NULL "
            "AND json_extract(h.body, '$.report_due_on') <= ?", (until.isoformat(),))
        found = [(case_summary(tuple(summary)),
                  records.load_document(self._db, "review_hearing", hearing_id))
                 for hearing_id, *summary in rows]
        with self._db.transaction():
            self._audit(AuditAction.VIEW, "review_hearing", detail="review reports due")
        return found
