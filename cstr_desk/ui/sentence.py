"""The sentence tab: what the court decided (process evaluation Annex A/B, the "pink slips") and
any adjournments with their reasons (Manual §2.4). "Sentenced on the day" is derived from the
assessment and sentencing times, never typed.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cstr_desk.ukdates import LONDON, london_moment, parse_uk_date, uk_date, uk_datetime
from cstr_desk.domain import (
    Adjournment, CaseRecord, DecisionOutcome, OrderType, SentenceKind, SentenceOutcome, SentenceRequirement,
)
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.leaflet import LeafletBox
from cstr_desk.ui.widgets import button, date_edit, field_label, heading, label, line_edit, set_error
from cstr_desk.ui.words import Words
from cstr_desk.workflow import operations
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.treatment import is_cstr
from cstr_desk.workflow.monitoring import ADJOURNMENT_REASONS
from cstr_desk.workflow.treatment import case_sentenced_on_the_day, order_combination
from cstr_desk.vocabulary import requirement_label, sentence_requirement_label

SENTENCE_LABELS = Words("sentence", {
    SentenceKind.COMMUNITY_ORDER: QT_TRANSLATE_NOOP("sentence", "Community order (CO)"),
    SentenceKind.SUSPENDED_SENTENCE_ORDER: QT_TRANSLATE_NOOP("sentence", "Suspended sentence order (SSO)"),
    SentenceKind.CUSTODY: QT_TRANSLATE_NOOP("sentence", "Custody"),
    SentenceKind.FINE: QT_TRANSLATE_NOOP("sentence", "Fine"),
    SentenceKind.DISCHARGE: QT_TRANSLATE_NOOP("sentence", "Discharge"),
    SentenceKind.OTHER: QT_TRANSLATE_NOOP("sentence", "Other"),
})
def describe_sentence(case: CaseRecord) -> str:
    sentence = case.sentence
    if sentence is None:
        return "No sentence recorded yet."
    lines = [f"Sentenced on {uk_date(sentence.sentenced_on)}"
             + (f" at {uk_datetime(sentence.sentenced_at)[-5:]}" if sentence.sentenced_at else ""),
             SENTENCE_LABELS[sentence.sentence]
             + (f", {sentence.length_months} months" if sentence.length_months else "")]
    if sentence.requirements:
        lines.append("Requirements: " + ", ".join(sentence_requirement_label(r) for r in sentence.requirements))
    combination = order_combination(sentence.requirements)
    lines.append(QCoreApplication.translate("sentence", "Treatment requirement: {combination}").format(combination=combination) if combination
                 else QCoreApplication.translate("sentence", "No treatment requirement: {0}").format(sentence.no_cstr_reason or ''))
    if sentence.custody_weeks:
        lines.append(QCoreApplication.translate("sentence", "Custody: {custody_weeks} weeks").format(custody_weeks=sentence.custody_weeks))
    if sentence.without_cstr_sentence or sentence.without_cstr_custody_weeks:
        weeks = (f" ({sentence.without_cstr_custody_weeks} weeks' custody)"
                 if sentence.without_cstr_custody_weeks else "")
        lines.append(QCoreApplication.translate("sentence", "Without a CSTR the court would have given: {0}{weeks}").format(sentence.without_cstr_sentence or '', weeks=weeks))
    lines.append("Sentenced on the day (within 24 hours of the assessment): "
                 + ("yes" if case_sentenced_on_the_day(case) else "no"))
    return "\n".join(lines)


_ORDER_SENTENCE = {OrderType.COMMUNITY_ORDER: SentenceKind.COMMUNITY_ORDER,
                   OrderType.SUSPENDED_SENTENCE_ORDER: SentenceKind.SUSPENDED_SENTENCE_ORDER}


def recommended_words(case: CaseRecord) -> str:
    """The Clinical Lead's recommendation in a few words ('' when it names no order)."""
    decision = case.decision
    if decision is None or decision.outcome != DecisionOutcome.TREAT or decision.recommended_order_type is None:
        return ""
    parts = [SENTENCE_LABELS[_ORDER_SENTENCE[decision.recommended_order_type]]]
    if decision.recommended_length_months:
        parts.append(QCoreApplication.translate("sentence", "{recommended_length_months} months").format(recommended_length_months=decision.recommended_length_months))
    parts += [requirement_label(r) for r in decision.recommended_requirements]
    return ", ".join(parts)


class SentenceTab(CaseTab):
    title = "Sentence"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case: CaseRecord | None = None
        self.summary = label(role="stem")
        self.form_box = self._build_form()
        self.adjournment_box = self._build_adjournments()
        self.leaflet_box = LeafletBox(session)
        self.leaflet_box.changed.connect(self.case_changed)
        self.leaflet_box.notice.connect(self.notice)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Sentence")))
        layout.addWidget(self.summary)
        layout.addWidget(self.form_box)
        layout.addWidget(self.leaflet_box)
        layout.addWidget(self.adjournment_box)
        layout.addStretch(1)

    def _build_form(self) -> QGroupBox:
        box = QGroupBox(self.tr("Record the sentence (sentencer's and probation's feedback forms)"))
        form = QFormLayout(box)
        self.sentenced_on = date_edit(self.tr("Date of sentence"))
        self.sentenced_time = line_edit(self.tr("Time of sentence"), self.tr("HH:MM"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Sentence given"))
        for kind, text in SENTENCE_LABELS.items():
            self.kind.addItem(text, kind)
        self.length = QSpinBox()
        self.length.setAccessibleName(self.tr("Length of order in months"))
        self.length.setRange(0, 36)
        self.length.setSpecialValueText(self.tr("not an order"))
        self.requirement_boxes: dict[SentenceRequirement, QCheckBox] = {}
        requirements = QVBoxLayout()
        for requirement in SentenceRequirement:
            text = sentence_requirement_label(requirement)
            check = QCheckBox(text)
            check.setAccessibleName(text)
            check.setMinimumHeight(44)
            self.requirement_boxes[requirement] = check
            requirements.addWidget(check)
        self.other_requirements = line_edit(self.tr("Other requirements given"), self.tr("e.g. residence"))
        self.sentencer_comments = line_edit(self.tr("Sentencer's additional comments"), self.tr("from the sentencer's feedback form"))
        self.no_cstr_reason = line_edit(self.tr("Reason no treatment requirement was given"))
        self.custody_weeks = QSpinBox()
        self.custody_weeks.setAccessibleName(self.tr("Custody length in weeks"))
        self.custody_weeks.setRange(0, 520)
        self.without_cstr = line_edit(self.tr("Sentence without a CSTR"), self.tr("what the court says it would have given"))
        self.without_cstr_weeks = QSpinBox()
        self.without_cstr_weeks.setAccessibleName(self.tr("Custody weeks without a CSTR"))
        self.without_cstr_weeks.setRange(0, 520)
        self.problem = label(role="error")
        self.problem.setVisible(False)
        self.record_button = button(self.tr("Record sentence"), self.tr("Record the sentence"), self.record)
        self.as_recommended_button = button("", self.tr("Fill in the sentence as recommended"), self.fill_as_recommended)
        form.addRow(self.as_recommended_button)
        form.addRow(self.tr("Date (dd/mm/yyyy)"), self.sentenced_on)
        form.addRow(self.tr("Time (HH:MM)"), self.sentenced_time)
        form.addRow(self.tr("Sentence"), self.kind)
        form.addRow(self.tr("Length (months)"), self.length)
        form.addRow(self.tr("Requirements"), requirements)
        form.addRow(self.tr("Other requirements"), self.other_requirements)
        form.addRow(self.tr("Sentencer's comments"), self.sentencer_comments)
        form.addRow(self.tr("If no CSTR, why"), self.no_cstr_reason)
        form.addRow(self.tr("If custody, weeks"), self.custody_weeks)
        form.addRow(self.tr("Without a CSTR, the court would have given"), self.without_cstr)
        form.addRow(self.tr("... custody weeks"), self.without_cstr_weeks)
        form.addRow(self.problem)
        form.addRow(self.record_button)
        return box

    def _build_adjournments(self) -> QGroupBox:
        box = QGroupBox(self.tr("Adjournments"))
        self.adjournments = QListWidget()
        self.adjournments.setAccessibleName(self.tr("Adjournments recorded"))
        self.adjourned_on = date_edit(self.tr("Date adjourned"))
        self.adjournment_reason = QComboBox()
        self.adjournment_reason.setAccessibleName(self.tr("Reason for adjournment"))
        for code, text in ADJOURNMENT_REASONS.items():
            self.adjournment_reason.addItem(text, code)
        self.adjournment_problem = label(role="error")
        self.adjournment_problem.setVisible(False)
        self.adjourn_button = button(self.tr("Record adjournment"), self.tr("Record the adjournment"), self.record_adjournment)
        row = QHBoxLayout()
        row.addWidget(self.adjourned_on)
        row.addWidget(field_label(self.tr("Reason:"), self.adjournment_reason))
        row.addWidget(self.adjournment_reason, 1)
        row.addWidget(self.adjourn_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.adjournments)
        layout.addLayout(row)
        layout.addWidget(self.adjournment_problem)
        return box

    def show_case(self, case: CaseRecord) -> None:
        self.case = case
        self.summary.setText(describe_sentence(case))
        self.summary.setAccessibleName(self.summary.text())
        self.form_box.setVisible(case.sentence is None)
        # The leaflet goes with a treatment requirement, at sentence (DRR/ATR service description).
        self.leaflet_box.setVisible(case.sentence is not None and is_cstr(case.sentence))
        self.leaflet_box.show_case(case)
        self.adjournments.clear()
        for adjournment in case.adjournments:
            reason = ADJOURNMENT_REASONS.get(adjournment.reason, adjournment.reason)
            self.adjournments.addItem(f"{uk_date(adjournment.adjourned_on)}: {reason}")
        self.adjournment_box.setVisible(case.sentence is None or bool(case.adjournments))
        self.adjourn_button.setEnabled(case.sentence is None)
        if not self.sentenced_on.text():
            self.sentenced_on.setText(uk_date(datetime.now(LONDON).date()))
        words = recommended_words(case)
        self.as_recommended_button.setVisible(bool(words) and case.sentence is None)
        self.as_recommended_button.setText(self.tr("The court gave what was recommended: {words}").format(words=words))

    def fill_as_recommended(self) -> None:
        """One deliberate click when the court followed the recommendation; the fields show
        what it filled in before Record sentence is pressed, and stay open to change."""
        decision = self.case.decision if self.case is not None else None
        if decision is None:
            return
        kind = _ORDER_SENTENCE.get(decision.recommended_order_type) if decision.recommended_order_type else None
        if kind is not None:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        if decision.recommended_length_months:
            self.length.setValue(decision.recommended_length_months)
        for requirement in decision.recommended_requirements:
            self.requirement_boxes[SentenceRequirement(requirement.value)].setChecked(True)
        self.record_button.setFocus()

    def build_sentence(self) -> SentenceOutcome:
        day = parse_uk_date(self.sentenced_on.text())
        moment = london_moment(day, self.sentenced_time.text()) if self.sentenced_time.text().strip() else None
        return SentenceOutcome(
            referral_id=self.case.referral.id,
            sentenced_on=day,
            sentenced_at=moment,
            sentence=self.kind.currentData(),
            length_months=self.length.value() or None,
            requirements=[r for r, check in self.requirement_boxes.items() if check.isChecked()],
            other_requirements=self.other_requirements.text().strip(),
            sentencer_comments=self.sentencer_comments.text().strip(),
            no_cstr_reason=self.no_cstr_reason.text().strip() or None,
            custody_weeks=self.custody_weeks.value() or None,
            without_cstr_sentence=self.without_cstr.text().strip() or None,
            without_cstr_custody_weeks=self.without_cstr_weeks.value() or None,
            recorded_by=self.session.user.id,
            recorded_at=datetime.now(UTC),
        )

    def record(self) -> None:
        try:
            outcome = self.build_sentence()
            operations.record_sentence(self.session, outcome, datetime.now(LONDON).date())
        except (ValueError, ActionRefused, StoreError) as problem:
            set_error(self.problem, getattr(problem, "message", str(problem)))
            return
        set_error(self.problem, "")
        self.notice.emit(self.tr("Sentence recorded."))
        self.case_changed.emit()

    def record_adjournment(self) -> None:
        try:
            adjournment = Adjournment(referral_id=self.case.referral.id,
                                      adjourned_on=parse_uk_date(self.adjourned_on.text()),
                                      reason=self.adjournment_reason.currentData())
            operations.record_adjournment(self.session, adjournment, datetime.now(LONDON).date())
        except (ValueError, ActionRefused, StoreError) as problem:
            set_error(self.adjournment_problem, getattr(problem, "message", str(problem)))
            return
        set_error(self.adjournment_problem, "")
        self.adjourned_on.clear()
        self.notice.emit(self.tr("Adjournment recorded."))
        self.case_changed.emit()
