"""The treatment provider tab: the DRR or ATR provider's answer on the placement, accepted or
not, with its reasons (Manual §2.4 counts provider approval apart from the Clinical Lead's).

The answer usually arrives later on the day of the hearing, by phone or email to the
practitioner or the Court Duty Officer; each answer is recorded as it comes, and a later one on
the same requirement supersedes the earlier (DOMAIN.md "Facts that arrive as the day goes on").
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QPlainTextEdit, QRadioButton,
    QVBoxLayout, QWidget,
)

from cstr_desk.pathway_words import reasons_words
from cstr_desk.domain import PROVIDER_REQUIREMENTS, CaseRecord, ProviderAcceptance, Requirement
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.plain_words import cited
from cstr_desk.ui.widgets import button, date_edit, heading, label, line_edit, set_error
from cstr_desk.ukdates import LONDON, london_moment, parse_uk_date, uk_date, uk_datetime, uk_time
from cstr_desk.workflow import operations, pathway
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.vocabulary import requirement_label

def describe_provider_answers(case: CaseRecord) -> str:
    """Each DRR/ATR the person was assessed for, with the provider's latest answer."""
    consent = pathway.consent_in_force(case)
    assessed_for = consent.requirements_assessed_for if consent is not None else []
    lines = []
    for requirement in PROVIDER_REQUIREMENTS:
        answer = case.provider_answer(requirement)
        if answer is None:
            if requirement in assessed_for:
                lines.append(QCoreApplication.translate("provider_acceptance", "{name}: the provider's answer is not known yet.").format(name=requirement.name))
            continue
        verdict = "accepted" if answer.accepted else "not accepted"
        reasons = f" Reasons: {answer.reasons}" if answer.reasons else ""
        lines.append(QCoreApplication.translate("provider_acceptance", "{name}: {verdict} by {provider_name} on {decided_at}.{reasons}").format(name=requirement.name, verdict=verdict, provider_name=answer.provider_name, decided_at=uk_datetime(answer.decided_at), reasons=reasons))
    return "\n".join(lines) or "No DRR or ATR is being considered for this person."


class ProviderAcceptanceTab(CaseTab):
    title = "Treatment provider"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case: CaseRecord | None = None
        self.summary = label(role="stem", parent=self)
        self.refusal = label(role="muted", parent=self)
        self.form_box = self._build_form()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Treatment provider's acceptance (DRR, ATR)"), self))
        layout.addWidget(self.summary)
        layout.addWidget(self.refusal)
        layout.addWidget(self.form_box)
        layout.addStretch(1)

    def _build_form(self) -> QGroupBox:
        box = cited(QGroupBox(self.tr("Record the provider's answer"), self), "Manual §2.4")
        self.requirement_boxes: dict[Requirement, QCheckBox] = {}
        requirements = QVBoxLayout()
        for requirement in PROVIDER_REQUIREMENTS:
            text = requirement_label(requirement)
            check = QCheckBox(text, box)
            check.setAccessibleName(self.tr("Answer on the {text}").format(text=text))
            check.setMinimumHeight(44)
            self.requirement_boxes[requirement] = check
            requirements.addWidget(check)
        group = QButtonGroup(box)
        self.accepted = QRadioButton(self.tr("Accepted"), box)
        self.not_accepted = QRadioButton(self.tr("Not accepted"), box)
        answer = QHBoxLayout()
        for radio in (self.accepted, self.not_accepted):
            radio.setAccessibleName(self.tr("Provider's answer: {0}").format(radio.text()))
            radio.setMinimumHeight(44)
            group.addButton(radio)
            answer.addWidget(radio)
        answer.addStretch(1)
        self.accepted.setChecked(True)
        self.provider_name = line_edit(self.tr("Treatment provider's name"), self.tr("e.g. the local drug and alcohol service"), box)
        self.decided_on = date_edit(self.tr("Date of the provider's answer"), box)
        self.decided_time = line_edit(self.tr("Time of the provider's answer"), self.tr("HH:MM"), box)
        self.decided_time.setMaxLength(5)
        when = QHBoxLayout()
        when.addWidget(self.decided_on)
        when.addWidget(self.decided_time)
        self.reasons = QPlainTextEdit(box)
        self.reasons.setAccessibleName(self.tr("Provider's reasons"))
        self.reasons.setTabChangesFocus(True)
        self.reasons.setMaximumHeight(100)
        self.problem = label(role="error", parent=box)
        self.problem.setVisible(False)
        self.record_button = button(self.tr("Record the provider's answer"), self.tr("Record the treatment provider's answer"),
                                    self.record, box)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Requirement"), requirements)
        form.addRow(self.tr("Answer"), answer)
        form.addRow(self.tr("Provider"), self.provider_name)
        form.addRow(self.tr("Answered on (date, time)"), when)
        form.addRow(self.tr("Reasons (needed if not accepted)"), self.reasons)
        form.addRow(self.problem)
        form.addRow(self.record_button)
        return box

    def show_case(self, case: CaseRecord) -> None:
        self.case = case
        self.summary.setText(describe_provider_answers(case))
        self.summary.setAccessibleName(self.summary.text())
        check = pathway.check(pathway.Action.RECORD_PROVIDER_ACCEPTANCE, case, self.session.user,
                              datetime.now(LONDON).date())
        set_error(self.refusal, "" if check.allowed else reasons_words(check.reasons, QCoreApplication.translate))
        self.form_box.setVisible(check.allowed)
        consent = pathway.consent_in_force(case)
        assessed_for = consent.requirements_assessed_for if consent is not None else []
        awaited = case.provider_requirements_awaited()
        for requirement, box in self.requirement_boxes.items():
            box.setVisible(requirement in assessed_for)
            box.setChecked(requirement in awaited)
        if not self.decided_on.text():
            now = datetime.now(UTC)
            self.decided_on.setText(uk_date(now))
            self.decided_time.setText(uk_time(now))

    def build_acceptance(self) -> ProviderAcceptance:
        """The answer as entered; ValueError in plain words for a bad date or time."""
        assert self.case is not None and self.case.referral.id is not None
        decided_at = london_moment(parse_uk_date(self.decided_on.text()), self.decided_time.text())
        chosen = [r for r, box in self.requirement_boxes.items() if not box.isHidden() and box.isChecked()]
        if not chosen:
            raise ValueError("Tick the requirement the provider answered on.")
        return ProviderAcceptance(
            referral_id=self.case.referral.id, requirements=chosen,
            accepted=self.accepted.isChecked(), provider_name=self.provider_name.text().strip(),
            decided_at=decided_at, reasons=self.reasons.toPlainText().strip(),
            recorded_by=self.session.user.id, recorded_at=datetime.now(UTC),
        )

    def record(self) -> None:
        try:
            acceptance = self.build_acceptance()
            operations.record_provider_acceptance(self.session, acceptance, datetime.now(LONDON).date())
        except (ValueError, ActionRefused, StoreError) as problem:
            set_error(self.problem, getattr(problem, "message", str(problem)))
            return
        set_error(self.problem, "")
        self.reasons.clear()
        verdict = "accepted" if acceptance.accepted else "not accepted"
        self.notice.emit(self.tr("Treatment provider's answer recorded: {verdict}.").format(verdict=verdict))
        self.case_changed.emit()
