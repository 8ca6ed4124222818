"""The Clinical Lead decision tab (Manual §4.4 and Appendix 3).

The Clinical Lead decides on this device while signed in, or the practitioner records the
decision the Clinical Lead gave by telephone, naming them and the time of the call. The
decision is to treat or to decline, with reasons; a treat decision carries the recommendations
to court, the treatment plan and the first appointment (Appendix 3), a decline the support and
signposting offered instead. Anyone the workflow refuses sees its words and cannot record.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

import forms
from cstr_desk.pathway_words import reasons_words
from cstr_desk.ukdates import (
    DateProblem, TimeProblem, london_moment, parse_uk_date, uk_date, uk_datetime, uk_time,
)
from cstr_desk.domain import (
    DECISION_REASONS,
    CaseRecord,
    ClinicalLeadDecision,
    DecisionChannel,
    DecisionOutcome,
    DecisionReason,
    OrderType,
    ReportKind,
    Requirement,
    Role,
)
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.assessment import ASSESSMENT_QUESTIONNAIRES, describe_score, latest_score
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.plain_words import show_plainly
from cstr_desk.ui.widgets import button, date_edit, heading, label, line_edit, set_error
from cstr_desk.vocabulary import DECISION_REASON_NAMES
from cstr_desk.workflow import operations, pathway
from cstr_desk.workflow.briefing import DecisionBriefing, decision_briefing
from cstr_desk.workflow.errors import ActionRefused


def local_moment(day_text: str, time_text: str, what: str) -> datetime:
    """A typed date and London time as the UTC moment the store keeps (the court's clock, not
    whatever zone the laptop is set to); errors name the field."""
    try:
        return london_moment(parse_uk_date(day_text), time_text)
    except (DateProblem, TimeProblem) as problem:
        raise ValueError(f"{what}: {problem}") from None


def assessment_summary(case: CaseRecord) -> str:
    """What the Clinical Lead reads before deciding (Manual §4.4: they discuss the assessment)."""
    lines = [f"{case.person.full_name}, born {uk_date(case.person.date_of_birth)}"]
    assessment = case.assessment
    if assessment is None:
        lines.append(QCoreApplication.translate("decision", "No practitioner assessment recorded."))
    else:
        lines.append(QCoreApplication.translate("decision", "Presenting problem: {0}").format(assessment.presenting_problem or 'not written'))
        lines.append(QCoreApplication.translate("decision", "Formulation: {0}").format(assessment.formulation or 'not written'))
        if assessment.risk.crisis_plan:
            lines.append(QCoreApplication.translate("decision", "Crisis plan: {crisis_plan}").format(crisis_plan=assessment.risk.crisis_plan))
    for instrument_id, name in ASSESSMENT_QUESTIONNAIRES:
        lines.append(f"{name}: {describe_score(latest_score(case, instrument_id))}")
    consent = pathway.consent_in_force(case)
    if consent is None:
        lines.append(QCoreApplication.translate("decision", "Consent: none in force."))
    else:
        chosen = ", ".join(r.name for r in consent.requirements_consented)
        lines.append(QCoreApplication.translate("decision", "Consent: given {consented_at} for {chosen}.").format(consented_at=uk_datetime(consent.consented_at), chosen=chosen))
    return "\n".join(lines)


def describe_briefing(briefing: DecisionBriefing, decided: bool = False) -> str:
    """Risk and failed checks, in the order the Clinical Lead must weigh them."""
    lines = []
    for flag in briefing.risk_flags:
        items = ", ".join(str(i) for i in flag.items)
        name = forms.load_form(flag.instrument_id).short_title
        lines.append(QCoreApplication.translate("decision", "Risk: {name} item{0} {items} endorsed.").format('s' if len(flag.items) > 1 else '', name=name, items=items))
    if briefing.self_harm:
        lines.append(QCoreApplication.translate("decision", "Self-harm: {self_harm}").format(self_harm=briefing.self_harm))
    if briefing.suicide:
        lines.append(QCoreApplication.translate("decision", "Suicide: {suicide}").format(suicide=briefing.suicide))
    if briefing.needs_attention and briefing.crisis_plan:
        lines.append(QCoreApplication.translate("decision", "Crisis plan: {crisis_plan}").format(crisis_plan=briefing.crisis_plan))
    for failed in briefing.failed_checks:
        lines.append(QCoreApplication.translate("decision", "Eligibility not met: {rule}. {detail}").format(rule=failed.rule, detail=failed.detail))
    title = "Risk and eligibility:" if decided else "Before you decide:"
    return (title + "\n" + "\n".join(lines)) if lines else ""


def describe_decision(decision: ClinicalLeadDecision) -> str:
    how = "on this device" if decision.channel == DecisionChannel.ON_DEVICE else "by telephone"
    reasons = [DECISION_REASON_NAMES[r] for r in decision.reasons]
    lines = [
        f"Clinical Lead decision: {decision.outcome.value} ({decision.clinical_lead_name}, "
        f"{how}, {uk_datetime(decision.discussed_at)})",
        "Reasons: " + "; ".join([*reasons, decision.reason_notes] if decision.reason_notes
                                else reasons),
    ]
    if decision.outcome == DecisionOutcome.TREAT:
        recommended = " and ".join(r.name for r in decision.recommended_requirements) or "not recorded"
        length = f"{decision.recommended_length_months} months" if decision.recommended_length_months else "length not recorded"
        lines += [f"Recommended: {recommended}, {length}",
                  f"Recommendations to court: {decision.recommendations_to_court}",
                  f"Treatment plan: {decision.treatment_plan}",
                  f"Provider: {decision.treatment_provider}",
                  f"First appointment: {uk_datetime(decision.first_appointment_at)} at "
                  f"{decision.first_appointment_place}"]
    else:
        lines.append(QCoreApplication.translate("decision", "Support and signposting offered: {signposting}").format(signposting=decision.signposting))
    return "\n".join(lines)


def _text(accessible_name: str, parent: QWidget) -> QPlainTextEdit:
    editor = QPlainTextEdit(parent)
    editor.setAccessibleName(accessible_name)
    editor.setTabChangesFocus(True)
    editor.setMinimumHeight(64)
    editor.setMaximumHeight(120)
    return editor


def _radio(text: str, group: QButtonGroup, parent: QWidget) -> QRadioButton:
    radio = QRadioButton(text, parent)
    radio.setAccessibleName(text)
    radio.setMinimumHeight(44)
    group.addButton(radio)
    return radio


class DecisionTab(CaseTab):
    title = "Clinical Lead decision"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case: CaseRecord | None = None
        self._briefing: DecisionBriefing | None = None
        self._names = {user.id: user.full_name for user in session.list_users()}
        self._prefilled_for: int | None = None
        self.refusal = label("", "error", self)
        self.refusal.setVisible(False)
        self.briefing = label("", "warning", self)
        self.briefing.setTextFormat(Qt.TextFormat.PlainText)
        self.briefing.setVisible(False)
        self.summary = label("", None, self)
        self.recorded = label("", None, self)
        self.sign_off_box = self._build_sign_off()
        self.form = QWidget(self)
        form_layout = QVBoxLayout(self.form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(self._build_who())
        form_layout.addWidget(self._build_outcome())
        form_layout.addWidget(self._build_treat())
        form_layout.addWidget(self._build_decline())
        self.problem = label("", "error", self.form)
        self.problem.setVisible(False)
        self.record_button = button(self.tr("Record the decision"), self.tr("Record the Clinical Lead decision"),
                                    self.record, self.form)
        form_layout.addWidget(self.problem)
        form_layout.addWidget(self.record_button)
        body = QWidget(self)
        column = QVBoxLayout(body)
        # Once decided, sign-off is the one thing left to do here: it comes first.
        column.addWidget(self.sign_off_box)
        summary_box = QGroupBox(self.tr("Assessment summary"), body)
        summary_layout = QVBoxLayout(summary_box)
        summary_layout.addWidget(self.briefing)
        summary_layout.addWidget(self.summary)
        column.addWidget(summary_box)
        column.addWidget(self.recorded)
        column.addWidget(self.form)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take the focus
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Clinical Lead decision"), self))
        layout.addWidget(self.refusal)
        layout.addWidget(scroll, 1)
        self._outcome_changed()

    # --- building --------------------------------------------------------------------------

    def _build_sign_off(self) -> QGroupBox:
        # Sign-off is its own step after a treat decision (Manual §4.4, Appendix 3): until it is
        # done the Court Duty Officer cannot issue the final report (pathway.SIGN_OFF_REPORT).
        box = QGroupBox(self.tr("Sign-off of the report for the court"), self)
        self.sign_off_status = label("", None, box)
        self.sign_off_problem = label("", "error", box)
        self.sign_off_problem.setVisible(False)
        self.sign_off_button = button(self.tr("Sign off the report"), self.tr("Sign off the report for the court"),
                                      self.sign_off, box)
        layout = QVBoxLayout(box)
        layout.addWidget(self.sign_off_status)
        layout.addWidget(self.sign_off_problem)
        layout.addWidget(self.sign_off_button)
        return box

    def _build_who(self) -> QGroupBox:
        box = QGroupBox(self.tr("Who decided"), self.form)
        self.channel_group = QButtonGroup(box)
        self.on_device = _radio(self.tr("The Clinical Lead is deciding on this device"),
                                self.channel_group, box)
        self.telephone = _radio(self.tr("Recording a telephone discussion with the Clinical Lead"),
                                self.channel_group, box)
        self.clinical_lead_name = line_edit(self.tr("Clinical Lead's name"), self.tr("Full name"), box)
        self.discussed_on = date_edit(self.tr("Date of the discussion"), box)
        self.discussed_time = line_edit(self.tr("Time of the discussion"), self.tr("HH:MM"), box)
        self.discussed_time.setMaxLength(5)
        when = QHBoxLayout()
        when.addWidget(self.discussed_on)
        when.addWidget(self.discussed_time)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.on_device)
        form.addRow(self.telephone)
        form.addRow(label(self.tr("Clinical Lead"), None, box), self.clinical_lead_name)
        form.addRow(label(self.tr("Discussed on (date, time)"), None, box), when)
        self.on_device.toggled.connect(self._channel_changed)
        return box

    def _build_outcome(self) -> QGroupBox:
        box = QGroupBox(self.tr("Decision and reasons"), self.form)
        self.outcome_group = QButtonGroup(box)
        self.treat = _radio(self.tr("Treat"), self.outcome_group, box)
        self.decline = _radio(self.tr("Decline"), self.outcome_group, box)
        # Nothing is preselected: the Clinical Lead chooses (issue 14: "Treat" was preselected).
        outcome_row = QHBoxLayout()
        outcome_row.addWidget(self.treat)
        outcome_row.addWidget(self.decline)
        outcome_row.addStretch(1)
        self.reason_boxes: dict[DecisionOutcome, dict[DecisionReason, QCheckBox]] = {}
        layout = QVBoxLayout(box)
        layout.addLayout(outcome_row)
        for outcome, reasons in DECISION_REASONS.items():
            self.reason_boxes[outcome] = {}
            for reason in reasons:
                words = DECISION_REASON_NAMES[reason]
                check = QCheckBox(words, box)
                check.setAccessibleName(self.tr("Reason: {reason}").format(reason=words))
                check.setMinimumHeight(44)
                layout.addWidget(check)
                self.reason_boxes[outcome][reason] = check
        self.criteria_warning = label("", "warning", box)
        self.criteria_warning.setVisible(False)
        layout.addWidget(self.criteria_warning)
        self._meets_criteria().toggled.connect(self._warn_criteria)
        self.reason_notes = _text(self.tr("Other reasons and notes"), box)
        layout.addWidget(label(self.tr("Other reasons and notes"), None, box))
        layout.addWidget(self.reason_notes)
        self.treat.toggled.connect(self._outcome_changed)
        self.decline.toggled.connect(self._outcome_changed)
        return box

    def _build_treat(self) -> QGroupBox:
        self.treat_box = QGroupBox(self.tr("Plan"), self.form)
        self.recommendations = _text(self.tr("Recommendations to court"), self.treat_box)
        self.treatment_plan = _text(self.tr("Treatment plan"), self.treat_box)
        self.provider = line_edit(self.tr("Treatment provider"), self.tr("Who provides the treatment"),
                                  self.treat_box)
        self.first_on = date_edit(self.tr("First appointment date"), self.treat_box)
        self.first_time = line_edit(self.tr("First appointment time"), self.tr("HH:MM"), self.treat_box)
        self.first_time.setMaxLength(5)
        self.first_place = line_edit(self.tr("First appointment place"), self.tr("Where"), self.treat_box)
        first = QHBoxLayout()
        first.addWidget(self.first_on)
        first.addWidget(self.first_time)
        form = QFormLayout(self.treat_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(label(self.tr("Recommended"), None, self.treat_box),
                    self._build_recommended())
        form.addRow(label(self.tr("Recommendations to court"), None, self.treat_box), self.recommendations)
        form.addRow(label(self.tr("Treatment plan"), None, self.treat_box), self.treatment_plan)
        form.addRow(label(self.tr("Treatment provider"), None, self.treat_box), self.provider)
        form.addRow(label(self.tr("First appointment (date, time)"), None, self.treat_box), first)
        form.addRow(label(self.tr("First appointment place"), None, self.treat_box), self.first_place)
        return self.treat_box

    def _build_recommended(self) -> QWidget:
        """The recommendation as fields the court reads at a glance: requirement(s), length
        and the order they are part of (Manual §4.5.1)."""
        row = QWidget(self.treat_box)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.recommended_boxes: dict[Requirement, QCheckBox] = {}
        for requirement in Requirement:
            check = QCheckBox(requirement.name, row)
            check.setAccessibleName(self.tr("Recommend the {name}").format(name=requirement.name))
            check.setMinimumHeight(44)
            self.recommended_boxes[requirement] = check
            layout.addWidget(check)
        self.recommended_length = QSpinBox(row)
        self.recommended_length.setAccessibleName(self.tr("Recommended length in months"))
        self.recommended_length.setRange(0, 36)
        self.recommended_length.setSpecialValueText(self.tr("length?"))
        self.recommended_length.setSuffix(self.tr(" months"))
        self.recommended_length.lineEdit().setAccessibleName(self.tr("Recommended length in months"))
        self.recommended_order = QComboBox(row)
        self.recommended_order.setAccessibleName(self.tr("Recommended order type"))
        for text, order in (("Order type?", None), ("Community order", OrderType.COMMUNITY_ORDER),
                            ("Suspended sentence order", OrderType.SUSPENDED_SENTENCE_ORDER)):
            self.recommended_order.addItem(text, order)
        layout.addWidget(self.recommended_length)
        layout.addWidget(self.recommended_order, 1)
        return row

    def _build_decline(self) -> QGroupBox:
        self.decline_box = QGroupBox(self.tr("Instead of treatment"), self.form)
        self.signposting = _text(self.tr("Support and signposting offered"), self.decline_box)
        form = QFormLayout(self.decline_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(label(self.tr("Support and signposting offered"), None, self.decline_box),
                    self.signposting)
        return self.decline_box

    # --- showing ---------------------------------------------------------------------------

    def show_case(self, case: CaseRecord) -> None:
        self.case = case
        if self._prefilled_for != case.referral.id:
            self._prefill_recommendation(case)
            self._prefilled_for = case.referral.id
        self.summary.setText(assessment_summary(case))
        self.summary.setAccessibleName(self.summary.text())
        self._briefing = decision_briefing(case, self.session.site_settings(), date.today())
        text = describe_briefing(self._briefing, decided=case.decision is not None)
        self.briefing.setText(text)
        self.briefing.setAccessibleName(text)
        self.briefing.setVisible(bool(text))
        self._warn_criteria()
        decided = case.decision is not None
        self.recorded.setVisible(decided)
        if decided:
            self.recorded.setText(show_plainly(self.recorded, describe_decision(case.decision)))
            self.recorded.setAccessibleName(self.recorded.text())
        self._show_sign_off(case)
        check = pathway.check(pathway.Action.RECORD_DECISION, case, self.session.user, date.today())
        reasons = "" if check.allowed or decided else reasons_words(check.reasons, QCoreApplication.translate)
        set_error(self.refusal, reasons)
        self.form.setVisible(check.allowed)
        is_lead = self.session.user.role == Role.CLINICAL_LEAD
        self.on_device.setEnabled(is_lead)
        (self.on_device if is_lead else self.telephone).setChecked(True)
        self._channel_changed()
        if not self.discussed_on.text():
            now = datetime.now(timezone.utc)
            self.discussed_on.setText(uk_date(now))
            self.discussed_time.setText(uk_time(now))

    def _show_sign_off(self, case: CaseRecord) -> None:
        # A decline is signed off too: it goes to probation for the PSR (Manual §4.4).
        decided = case.decision is not None
        self.sign_off_box.setVisible(decided)
        if not decided:
            return
        signed = next((r for r in case.reports if r.kind == ReportKind.PSR and r.final), None)
        check = pathway.check(pathway.Action.SIGN_OFF_REPORT, case, self.session.user, date.today())
        if signed is not None:
            who = self._names.get(signed.issued_by, "the Clinical Lead")
            text = f"Signed off by {who} on {uk_datetime(signed.issued_at)}. The Court Duty Officer can print it."
        elif check.allowed:
            text = ("Not signed off yet. Read the report on the Reports tab if you wish, then sign "
                    "it off here so the Court Duty Officer can print it for the court.")
        else:
            text = (f"Waiting for {case.decision.clinical_lead_name} (Clinical Lead) to sign off "
                    "the report; the Court Duty Officer cannot print it until then.")
        self.sign_off_status.setText(text)
        self.sign_off_status.setAccessibleName(text)
        self.sign_off_button.setVisible(signed is None and check.allowed)
        set_error(self.sign_off_problem, "")

    def sign_off(self) -> None:
        if self.case is None or self.case.referral.id is None:
            return
        try:
            operations.sign_off_report(self.session, self.case.referral.id)
        except (ActionRefused, StoreError) as refusal:
            set_error(self.sign_off_problem, getattr(refusal, "message", str(refusal)))
            return
        self.notice.emit(self.tr("Report signed off: the Court Duty Officer can print it now."))
        self.case_changed.emit()
    def _prefill_recommendation(self, case: CaseRecord) -> None:
        """Start from what the person consented to and the order the court is considering;
        only consented requirements can be recommended (Manual §4.3)."""
        consent = case.consent_in_force
        consented = consent.requirements_consented if consent is not None else []
        for requirement, box in self.recommended_boxes.items():
            box.setVisible(requirement in consented)
            box.setChecked(requirement in consented)
        orders = [self.recommended_order.itemData(i) for i in range(self.recommended_order.count())]
        proposed = case.referral.proposed_order_type
        self.recommended_order.setCurrentIndex(orders.index(proposed) if proposed in orders else 0)
        self.recommended_length.setValue(case.referral.proposed_length_months or 0)
        self._prefill_provider()

    def _prefill_provider(self) -> None:
        """The site's treatment provider (or, with none set, the service itself) and its
        address, as an administrator entered them in the site settings: on most cases that is
        who treats and where the first session is. Shown in the fields, to change when not."""
        contacts = self.session.site_settings().contacts
        provider = contacts.treatment_provider if contacts.treatment_provider.name.strip() else contacts.service
        if not self.provider.text() and provider.name.strip():
            self.provider.setText(provider.name.strip())
        if not self.first_place.text() and provider.address.strip():
            self.first_place.setText(", ".join(line.strip() for line in provider.address.splitlines()
                                               if line.strip()))

    def _channel_changed(self) -> None:
        on_device = self.on_device.isChecked()
        if on_device:
            self.clinical_lead_name.setText(self.session.user.full_name)
        self.clinical_lead_name.setReadOnly(on_device)

    def _outcome_changed(self) -> None:
        treat, decline = self.treat.isChecked(), self.decline.isChecked()
        for outcome, boxes in self.reason_boxes.items():
            for check in boxes.values():
                check.setVisible(treat if outcome == DecisionOutcome.TREAT else decline)
        self.treat_box.setVisible(treat)
        self.decline_box.setVisible(decline)
        self._warn_criteria()

    def _meets_criteria(self) -> QCheckBox:
        return self.reason_boxes[DecisionOutcome.TREAT][DecisionReason.MEETS_PRIMARY_CARE_CRITERIA]

    def _warn_criteria(self) -> None:
        meets = self._meets_criteria()
        failed = self._briefing.failed_checks if self._briefing is not None else ()
        text = ""
        if meets.isChecked() and meets.isVisible() and failed:
            text = ("You ticked that the person meets the criteria, but the eligibility check "
                    "says they do not: " + "; ".join(f"{f.rule}: {f.detail}" for f in failed))
        set_error(self.criteria_warning, text)

    # --- recording -------------------------------------------------------------------------

    def outcome(self) -> DecisionOutcome | None:
        if self.treat.isChecked():
            return DecisionOutcome.TREAT
        return DecisionOutcome.DECLINE if self.decline.isChecked() else None

    def build_decision(self) -> ClinicalLeadDecision:
        """The decision as entered; raises ValueError with a plain message for bad input."""
        assert self.case is not None and self.case.referral.id is not None
        outcome = self.outcome()
        if outcome is None:
            raise ValueError("Choose Treat or Decline.")
        discussed = local_moment(self.discussed_on.text(), self.discussed_time.text(),
                                 "Time of the discussion")
        first_at = None
        treat = outcome == DecisionOutcome.TREAT
        if treat and (self.first_on.text().strip() or self.first_time.text().strip()):
            first_at = local_moment(self.first_on.text(), self.first_time.text(),
                                    "First appointment")
        if not treat and not self.signposting.toPlainText().strip():
            raise ValueError("Say what support and signposting was offered instead of treatment.")
        channel = DecisionChannel.ON_DEVICE if self.on_device.isChecked() else DecisionChannel.TELEPHONE
        return ClinicalLeadDecision(
            referral_id=self.case.referral.id,
            outcome=outcome,
            channel=channel,
            clinical_lead_name=self.clinical_lead_name.text().strip(),
            discussed_at=discussed,
            reasons=[r for r, c in self.reason_boxes[outcome].items() if c.isChecked()],
            reason_notes=self.reason_notes.toPlainText().strip(),
            recommendations_to_court=self.recommendations.toPlainText().strip() if treat else "",
            recommended_requirements=[r for r, box in self.recommended_boxes.items()
                                      if treat and box.isChecked()],
            recommended_length_months=(self.recommended_length.value() or None) if treat else None,
            recommended_order_type=self.recommended_order.currentData() if treat else None,
            treatment_plan=self.treatment_plan.toPlainText().strip() if treat else "",
            treatment_provider=self.provider.text().strip() if treat else "",
            first_appointment_at=first_at,
            first_appointment_place=self.first_place.text().strip() if treat else "",
            signposting="" if treat else self.signposting.toPlainText().strip(),
            recorded_by=self.session.user.id,
            recorded_at=datetime.now(timezone.utc),
        )

    def record(self) -> None:
        try:
            decision = self.build_decision()
        except ValueError as problem:
            set_error(self.problem, str(problem))
            return
        try:
            operations.record_decision(self.session, decision)
        except (ActionRefused, StoreError) as refusal:
            set_error(self.problem, str(refusal))
            return
        set_error(self.problem, "")
        self.notice.emit(self.tr("Clinical Lead decision recorded: {value}.").format(value=decision.outcome.value))
        self.case_changed.emit()
