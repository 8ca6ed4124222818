"""The risk tab (Manual §4.6): the risk as assessed, each session where it changed with what
changed, and the safeguarding referrals made (MASH, MAPPA, other: when, to whom, reference),
with a form to record one."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QListWidget, QVBoxLayout, QWidget

from cstr_desk.domain import CaseRecord, SafeguardingAgency, SafeguardingReferral
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.plain_words import cited
from cstr_desk.ui.widgets import button, date_edit, heading, label, line_edit, set_error
from cstr_desk.ui.words import Words
from cstr_desk.ukdates import LONDON, parse_uk_date, uk_date, uk_datetime
from cstr_desk.workflow import risk
from cstr_desk.workflow.errors import ActionRefused

AGENCY_LABELS = Words("risk", {
    SafeguardingAgency.MASH: QT_TRANSLATE_NOOP("risk", "MASH (Multi-Agency Safeguarding Hub)"),
    SafeguardingAgency.MAPPA: QT_TRANSLATE_NOOP("risk", "MAPPA (Multi-Agency Public Protection Arrangements)"),
    SafeguardingAgency.MARAC: QT_TRANSLATE_NOOP("risk", "MARAC (domestic abuse risk conference)"),
    SafeguardingAgency.OTHER: QT_TRANSLATE_NOOP("risk", "Other agency"),
})
RISK_LABELS = Words("risk", {"self_harm": QT_TRANSLATE_NOOP("risk", "Self-harm"), "suicide": QT_TRANSLATE_NOOP("risk", "Suicide"), "harm_to_others": QT_TRANSLATE_NOOP("risk", "Harm to others"),
               "safeguarding": QT_TRANSLATE_NOOP("risk", "Safeguarding"), "crisis_plan": QT_TRANSLATE_NOOP("risk", "Crisis plan")})


class RiskTab(CaseTab):
    title = "Risk"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case: CaseRecord | None = None
        self.assessed = label(role="muted")
        self.changes = QListWidget()
        self.changes.setAccessibleName(self.tr("Sessions where the risk changed"))
        self.changes.setWordWrap(True)
        self.referrals = QListWidget()
        self.referrals.setAccessibleName(self.tr("Safeguarding referrals made"))
        self.referrals.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Risk and safeguarding")))
        layout.addWidget(label(self.tr("At assessment"), role="stem"))
        layout.addWidget(self.assessed)
        layout.addWidget(label(self.tr("Changes noted at treatment sessions"), role="stem"))
        layout.addWidget(self.changes)
        layout.addWidget(label(self.tr("Safeguarding referrals"), role="stem"))
        layout.addWidget(self.referrals)
        layout.addWidget(self._build_form())
        layout.addStretch(1)

    def _build_form(self) -> QGroupBox:
        box = cited(QGroupBox(self.tr("Record a safeguarding referral")), "Manual §4.6")
        self.made_on = date_edit(self.tr("Date the referral was made"))
        self.agency = QComboBox()
        self.agency.setAccessibleName(self.tr("Agency referred to"))
        self.agency.setMinimumHeight(44)
        for agency, text in AGENCY_LABELS.items():
            self.agency.addItem(text, agency)
        self.agency_other = line_edit(self.tr("Agency, if other"))
        self.made_to = line_edit(self.tr("Person or team the referral was made to"))
        self.reference = line_edit(self.tr("Their reference"), self.tr("if they gave one"))
        self.concern = line_edit(self.tr("The concern"), self.tr("e.g. risk to a child in the household"))
        self.problem = label(role="error")
        self.problem.setVisible(False)
        self.record_button = button(self.tr("Record referral"), self.tr("Record the safeguarding referral"), self.record)
        form = QFormLayout(box)
        form.addRow(self.tr("Date (dd/mm/yyyy)"), self.made_on)
        form.addRow(self.tr("Agency"), self.agency)
        form.addRow(self.tr("If other, which"), self.agency_other)
        form.addRow(self.tr("Made to"), self.made_to)
        form.addRow(self.tr("Reference"), self.reference)
        form.addRow(self.tr("Concern"), self.concern)
        form.addRow(self.problem)
        form.addRow(self.record_button)
        return box

    def show_case(self, case: CaseRecord) -> None:
        self.case = case
        assessed = case.assessment.risk if case.assessment else None
        lines = [f"{RISK_LABELS[f]}: {getattr(assessed, f)}" for f in RISK_LABELS
                 if assessed is not None and getattr(assessed, f).strip()]
        self.assessed.setText("\n".join(lines) or "No risk recorded at assessment yet.")
        self.assessed.setAccessibleName(self.assessed.text())
        self.changes.clear()
        for changed in risk.risk_history(case):
            self.changes.addItem(self.tr("Session {number}, {scheduled_at}: {risk_note}").format(number=changed.number, scheduled_at=uk_datetime(changed.scheduled_at), risk_note=changed.risk_note))
        if not self.changes.count():
            self.changes.addItem(self.tr("No change in risk noted at a session."))
        self.referrals.clear()
        for made in case.safeguarding_referrals:
            agency = made.agency_other if made.agency is SafeguardingAgency.OTHER else made.agency.value.upper()
            reference = f", reference {made.reference}" if made.reference else ""
            self.referrals.addItem(self.tr("{made_on}: {agency}, to {made_to}{reference}: {concern}").format(made_on=uk_date(made.made_on), agency=agency, made_to=made.made_to, reference=reference, concern=made.concern))
        if not self.referrals.count():
            self.referrals.addItem(self.tr("No safeguarding referral recorded."))
        if not self.made_on.text():
            self.made_on.setText(uk_date(datetime.now(LONDON).date()))

    def record(self) -> None:
        try:
            made = SafeguardingReferral(
                referral_id=self.case.referral.id, made_on=parse_uk_date(self.made_on.text()),
                agency=self.agency.currentData(), agency_other=self.agency_other.text().strip(),
                made_to=self.made_to.text().strip(), reference=self.reference.text().strip(),
                concern=self.concern.text().strip(), recorded_by=self.session.user.id or 0,
                recorded_at=datetime.now(UTC))
            risk.record_safeguarding_referral(self.session, made, datetime.now(LONDON).date())
        except (ValueError, ActionRefused, StoreError) as problem:
            set_error(self.problem, getattr(problem, "message", str(problem)))
            return
        set_error(self.problem, "")
        for field in (self.agency_other, self.made_to, self.reference, self.concern):
            field.clear()
        self.notice.emit(self.tr("Safeguarding referral recorded."))
        self.case_changed.emit()
