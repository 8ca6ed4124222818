"""The Reviews tab: DRR court review hearings with the report due before each, the review
report's contributions (provider and probation) with probation's sign-off, and the final
sentence review at completion with each provider's sign-off. The report itself is previewed,
saved and printed on the Reports tab."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QPlainTextEdit, QVBoxLayout,
    QWidget,
)

import forms
from cstr_desk.domain import (
    CaseRecord, CourtReview, FinalSentenceReview, ReviewHearing, SentenceRequirement,
)
from cstr_desk.store import Session
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.widgets import button, date_edit, heading, label, line_edit, set_error
from cstr_desk.ukdates import LONDON, parse_uk_date, uk_date
from cstr_desk.workflow import order_operations as ops
from cstr_desk.workflow.order_rules import (
    has_requirement, missing_for_sign_off, report_due_before, review_mandatory,
    unsigned_providers,
)

# The validated tools re-administered at the final review (2014 guidance, "Completion"): the
# same instruments as at assessment, so the pre/post change shows.
FINAL_REVIEW_INSTRUMENTS = ("core34", "phq9", "gad7", "audit")
DISCUSSED = (("Not recorded yet", None), ("Yes", True), ("No", False))


def _today() -> date:
    return datetime.now(LONDON).date()


def _text_edit(name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)  # keyboard users leave the box with Tab
    edit.setFixedHeight(58)
    return edit


class ReviewsTab(CaseTab):
    title = "Reviews"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case: CaseRecord | None = None
        self.review: CourtReview | None = None
        self.problem = label(role="error")
        self.problem.setVisible(False)
        self.hearing_box = self._build_hearings()
        self.review_box = self._build_review()
        self.final_box = self._build_final()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Court reviews and the final sentence review")))
        layout.addWidget(self.problem)
        layout.addWidget(self.hearing_box)
        layout.addWidget(self.review_box)
        layout.addWidget(self.final_box)

    # --- building -------------------------------------------------------------------------

    def _build_hearings(self) -> QGroupBox:
        box = QGroupBox(self.tr("DRR review hearings (CJA 2003 s.210)"))
        self.hearings = label(role="muted")
        self.hearing_on = date_edit(self.tr("Date of the review hearing"))
        self.hearing_court = line_edit(self.tr("Court of the review hearing"))
        self.hearing_button = button(self.tr("Schedule hearing"), self.tr("Schedule the review hearing"),
                                     self.schedule_hearing)
        row = QHBoxLayout()
        for widget in (self.hearing_on, self.hearing_court, self.hearing_button):
            row.addWidget(widget)
        form = QFormLayout(box)
        form.addRow(self.hearings)
        form.addRow(self.tr("Hearing (dd/mm/yyyy), court"), row)
        return box

    def _build_review(self) -> QGroupBox:
        box = QGroupBox(self.tr("Court review report: contributions (draft until probation signs off)"))
        self.period_from = date_edit(self.tr("First day of the period reviewed"))
        self.period_to = date_edit(self.tr("Last day of the period reviewed"))
        self.review_hearing = QComboBox()
        self.review_hearing.setAccessibleName(self.tr("Review hearing the report is for"))
        self.engagement = _text_edit(self.tr("Engagement with treatment"))
        self.progress = _text_edit(self.tr("Assessment of progress"))
        self.provider_name = line_edit(self.tr("Treatment provider's name"))
        self.provider_part = _text_edit(self.tr("Treatment provider's contribution"))
        self.probation_part = _text_edit(self.tr("Probation's contribution"))
        self.discussed = QComboBox()
        self.discussed.setAccessibleName(self.tr("Discussed with the person before the review"))
        for text, value in DISCUSSED:
            self.discussed.addItem(text, value)
        self.not_discussed = line_edit(self.tr("Why it was not discussed with the person"),
                                       self.tr("only when it was not discussed"))
        self.review_state = label(role="muted")
        self.save_review_button = button(self.tr("Save contributions"), self.tr("Save the review's contributions"),
                                         self.save_review)
        self.sign_off_button = button(self.tr("Sign off for the court (probation)"),
                                      self.tr("Sign off the review report for the court"), self.sign_off)
        period = QHBoxLayout()
        for widget in (self.period_from, self.period_to, self.review_hearing):
            period.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_review_button)
        buttons.addWidget(self.sign_off_button)
        form = QFormLayout(box)
        form.addRow(self.tr("Period from, to; hearing"), period)
        form.addRow(self.tr("Engagement"), self.engagement)
        form.addRow(self.tr("Progress"), self.progress)
        form.addRow(self.tr("Provider"), self.provider_name)
        form.addRow(self.tr("Provider's contribution"), self.provider_part)
        form.addRow(self.tr("Probation's contribution"), self.probation_part)
        form.addRow(self.tr("Discussed with the person"), self.discussed)
        form.addRow(self.tr("If not, why not"), self.not_discussed)
        form.addRow(self.review_state)
        form.addRow(buttons)
        return box

    def _build_final(self) -> QGroupBox:
        box = QGroupBox(self.tr("Final sentence review (at completion, with the provider and the person)"))
        self.final_state = label(role="muted")
        self.reviewed_on = date_edit(self.tr("Date of the final sentence review"))
        self.instruments = {i: QCheckBox(forms.load_form(i).short_title)
                            for i in FINAL_REVIEW_INSTRUMENTS}
        self.person_took_part = QCheckBox(self.tr("The person took part"))
        self.provider_took_part = QCheckBox(self.tr("The health provider took part"))
        self.needs_plan = _text_edit(self.tr("How ongoing needs will be met"))
        self.onward = line_edit(self.tr("Onward referral to"), self.tr("the agency the person is referred to"))
        self.final_button = button(self.tr("Record final review"), self.tr("Record the final sentence review"),
                                   self.record_final)
        self.sign_requirement = QComboBox()
        self.sign_requirement.setAccessibleName(self.tr("Requirement whose provider signs"))
        self.sign_provider = line_edit(self.tr("Provider signing the completion documents"),
                                       self.tr("the provider's name"))
        self.sign_button = button(self.tr("Provider signs"), self.tr("Sign the completion documents for the provider"),
                                  self.provider_sign)
        tools = QHBoxLayout()
        for instrument, box_ in self.instruments.items():
            box_.setAccessibleName(self.tr("Re-administered: {0}").format(box_.text()))
            tools.addWidget(box_)
        took_part = QHBoxLayout()
        took_part.addWidget(self.person_took_part)
        took_part.addWidget(self.provider_took_part)
        sign = QHBoxLayout()
        for widget in (self.sign_requirement, self.sign_provider, self.sign_button):
            sign.addWidget(widget)
        form = QFormLayout(box)
        form.addRow(self.final_state)
        form.addRow(self.tr("Reviewed on (dd/mm/yyyy)"), self.reviewed_on)
        form.addRow(self.tr("Tools re-administered"), tools)
        form.addRow(took_part)
        form.addRow(self.tr("Ongoing needs plan"), self.needs_plan)
        form.addRow(self.tr("Onward referral to"), self.onward)
        form.addRow(self.final_button)
        form.addRow(self.tr("Sign-off"), sign)
        return box

    # --- showing ----------------------------------------------------------------------------

    def show_case(self, case: CaseRecord) -> None:
        self.case = case
        drr = has_requirement(case, SentenceRequirement.DRR)
        self.hearing_box.setEnabled(drr)
        self.review_box.setEnabled(drr)
        lines = [f"{uk_date(h.hearing_on)} at {h.court}: report due by {uk_date(h.report_due_on)}."
                 for h in case.review_hearings] or ["No review hearing scheduled."]
        if review_mandatory(case):
            lines.append(self.tr("The court must review this DRR (12 months or more, CJA 2003 s.210)."))
        self.hearings.setText("\n".join(lines))
        if not self.hearing_court.text():
            self.hearing_court.setText(case.referral.court)
        self.review_hearing.clear()
        self.review_hearing.addItem(self.tr("No hearing"), None)
        for hearing in case.review_hearings:
            self.review_hearing.addItem(self.tr("Hearing {hearing_on}").format(hearing_on=uk_date(hearing.hearing_on)), hearing.id)
        self._show_review(case)
        self._show_final(case)

    def _show_review(self, case: CaseRecord) -> None:
        drafts = [r for r in case.court_reviews if r.signed_off_at is None]
        self.review = drafts[-1] if drafts else None
        signed = [r for r in case.court_reviews if r.signed_off_at is not None]
        done = "; ".join(f"{uk_date(r.period_from)} to {uk_date(r.period_to)} signed off "
                         f"{uk_date(r.signed_off_at)}" for r in signed)
        if self.review is None:
            self.review_state.setText(self.tr("Signed off: {done}.").format(done=done) if done else self.tr("No review started yet."))
            self.sign_off_button.setEnabled(False)
            return
        review = self.review
        self.period_from.setText(uk_date(review.period_from))
        self.period_to.setText(uk_date(review.period_to))
        for edit, text in ((self.engagement, review.engagement), (self.progress, review.progress),
                           (self.provider_part, review.provider_contribution),
                           (self.probation_part, review.probation_contribution)):
            edit.setPlainText(text)
        self.provider_name.setText(review.provider_name)
        self.discussed.setCurrentIndex([v for _, v in DISCUSSED].index(review.discussed_with_person))
        self.not_discussed.setText(review.not_discussed_reason)
        index = self.review_hearing.findData(review.hearing_id)
        self.review_hearing.setCurrentIndex(max(index, 0))
        missing = missing_for_sign_off(review)
        self.review_state.setText("Draft. Still needed before sign-off: " + "; ".join(missing)
                                  if missing else self.tr("Draft, ready for probation to sign off."))
        self.sign_off_button.setEnabled(not missing)

    def _show_final(self, case: CaseRecord) -> None:
        review = case.final_review
        self.final_button.setEnabled(review is None and case.completion is not None)
        self.sign_requirement.clear()
        for requirement in unsigned_providers(case) if review else []:
            self.sign_requirement.addItem(requirement.value.upper(), requirement)
        self.sign_button.setEnabled(self.sign_requirement.count() > 0)
        if case.completion is None:
            self.final_state.setText(self.tr("The final review follows the end of treatment."))
        elif review is None:
            self.final_state.setText(self.tr("Not recorded yet."))
        else:
            signed = ", ".join(f"{s.requirement.value.upper()} ({s.provider})" for s in review.sign_offs)
            self.final_state.setText(self.tr("Reviewed {reviewed_on}; onward referral to {onward_referral_to}. Signed: {0}.").format(signed or 'none yet', reviewed_on=uk_date(review.reviewed_on), onward_referral_to=review.onward_referral_to))

    # --- acting ---------------------------------------------------------------------------

    def schedule_hearing(self) -> None:
        def work() -> None:
            hearing_on = parse_uk_date(self.hearing_on.text())
            ops.schedule_review_hearing(self.session, ReviewHearing(
                referral_id=self.case.referral.id, hearing_on=hearing_on,
                court=self.hearing_court.text().strip() or self.case.referral.court,
                report_due_on=report_due_before(hearing_on), recorded_by=self.session.user.id,
                recorded_at=datetime.now(LONDON)))
        self._run(work, self.tr("Review hearing scheduled."))

    def save_review(self) -> None:
        def work() -> None:
            fields = dict(
                period_from=parse_uk_date(self.period_from.text()),
                period_to=parse_uk_date(self.period_to.text()),
                hearing_id=self.review_hearing.currentData(),
                engagement=self.engagement.toPlainText().strip(),
                progress=self.progress.toPlainText().strip(),
                provider_name=self.provider_name.text().strip(),
                provider_contribution=self.provider_part.toPlainText().strip(),
                probation_contribution=self.probation_part.toPlainText().strip(),
                discussed_with_person=self.discussed.currentData(),
                not_discussed_reason=self.not_discussed.text().strip())
            review = (self.review.model_copy(update=fields) if self.review is not None else
                      CourtReview(referral_id=self.case.referral.id, recorded_by=self.session.user.id,
                                  recorded_at=datetime.now(LONDON), **fields))
            ops.save_court_review(self.session, review)
        self._run(work, self.tr("Review contributions saved."))

    def sign_off(self) -> None:
        if self.review is None or self.review.id is None:
            set_error(self.problem, self.tr("Save the review's contributions first."))
            return
        self._run(lambda: ops.sign_off_court_review(self.session, self.case.referral.id,
                                                    self.review.id),
                  self.tr("Review report signed off for the court."))

    def record_final(self) -> None:
        self._run(lambda: ops.record_final_review(self.session, FinalSentenceReview(
            referral_id=self.case.referral.id, reviewed_on=parse_uk_date(self.reviewed_on.text()),
            instruments=[i for i, box in self.instruments.items() if box.isChecked()],
            person_took_part=self.person_took_part.isChecked(),
            provider_took_part=self.provider_took_part.isChecked(),
            ongoing_needs_plan=self.needs_plan.toPlainText().strip(),
            onward_referral_to=self.onward.text().strip(), recorded_by=self.session.user.id,
            recorded_at=datetime.now(LONDON)), _today()), self.tr("Final sentence review recorded."))

    def provider_sign(self) -> None:
        self._run(lambda: ops.sign_final_review(self.session, self.case.referral.id,
                                                self.sign_requirement.currentData(),
                                                self.sign_provider.text()),
                  self.tr("Provider's sign-off recorded."))
