"""The consent tab: set up the combined consent, show it to the person full screen (standard or
easy read), record their acknowledgements and signature (or witnessed verbal consent), and
later record a withdrawal.

Manual §4.3 and Appendix 2; DOMAIN.md pathway step 5. The case changes only through
`cstr_desk.workflow.operations`; a refusal is shown in its own plain words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone

from PySide6.QtCore import QByteArray, QCoreApplication, Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cstr_desk.pathway_words import reasons_words
from cstr_desk.ukdates import uk_date, uk_datetime
from cstr_desk.consent_text import CURRENT_VERSION, load_consent
from cstr_desk.domain import CaseRecord, ConsentRecord, Requirement
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.easy_read import ConsentCapture, ConsentSetup, PersonConsentWindow
from cstr_desk.ui.lock import PasswordCheckDialog
from cstr_desk.ui.widgets import button, heading, label, line_edit, set_error
from cstr_desk.ui.words import ROLE_WORDS
from cstr_desk.workflow import eligibility, operations, pathway
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.vocabulary import requirement_label

def combination_refusal(case: CaseRecord, session: Session, chosen: list[Requirement],
                        today: date) -> str | None:
    """The eligibility rule's own words when the chosen requirements cannot go together
    (ATR + DRR: DRR/ATR service description, DOMAIN.md "Combinations")."""
    if len(chosen) < 2:
        return None
    facts = eligibility.facts_from_case(case, session.site_settings(), chosen, None)
    result = eligibility.judge(facts, chosen, today)
    singles = {f.rule for r in chosen for f in eligibility.judge(facts, [r], today).findings}
    for finding in result.findings:
        if finding.rule not in singles and finding.verdict == eligibility.Verdict.DOES_NOT_MEET:
            return f"{finding.detail} ({finding.source})"
    return None


class ConsentTab(CaseTab):
    title = "Consent"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case: CaseRecord | None = None
        self.person_window: PersonConsentWindow | None = None
        self.problem = label("", "error", self)
        self.problem.setVisible(False)
        self.renewal = label("", "warning", self)
        self.renewal.setVisible(False)
        self.current = self._build_current()
        self.setup = self._build_setup()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Combined consent"), self))
        layout.addWidget(self.problem)
        layout.addWidget(self.renewal)
        layout.addWidget(self.current)
        layout.addWidget(self.setup)
        layout.addStretch(1)

    # --- building ------------------------------------------------------------------------

    def _build_setup(self) -> QGroupBox:
        box = QGroupBox(self.tr("Take consent"), self)
        box.setAccessibleName(self.tr("Take consent"))
        self.requirement_boxes: dict[Requirement, QCheckBox] = {}
        requirements = QVBoxLayout()
        for requirement in Requirement:
            text = requirement_label(requirement)
            check = QCheckBox(text, box)
            check.setAccessibleName(self.tr("Assessed for and consents to {text}").format(text=text))
            check.setMinimumHeight(44)
            check.toggled.connect(self._check_combination)
            self.requirement_boxes[requirement] = check
            requirements.addWidget(check)
        self.explained_by = label("", None, box)
        self.format_standard = QRadioButton(self.tr("Standard"), box)
        self.format_easy_read = QRadioButton(self.tr("Easy read (one idea per page, pictures)"), box)
        self.format_group = QButtonGroup(box)
        formats = QHBoxLayout()
        for radio, name in ((self.format_standard, "Standard consent format"),
                            (self.format_easy_read, "Easy read consent format")):
            radio.setAccessibleName(name)
            radio.setMinimumHeight(44)
            self.format_group.addButton(radio)
            formats.addWidget(radio)
        formats.addStretch(1)
        self.format_standard.setChecked(True)
        self.interpreter_used = QCheckBox(self.tr("An interpreter was used"), box)
        self.interpreter_used.setAccessibleName(self.tr("An interpreter was used"))
        self.interpreter_used.setMinimumHeight(44)
        self.interpreter_language = line_edit(self.tr("Interpreter's language"), self.tr("e.g. Polish"), box)
        self.interpreter_language.setEnabled(False)
        self.interpreter_used.toggled.connect(self.interpreter_language.setEnabled)
        self.gp_surgery = line_edit(self.tr("GP surgery"), self.tr("Name of the person's GP surgery"), box)
        self.setup_problem = label("", "error", box)
        self.setup_problem.setVisible(False)
        self.start_button = button(self.tr("Show the consent to the person"), self.tr("Show the consent to the "
                                   "person full screen"), self.start, box)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(label(self.tr("Requirements assessed for and consented to"), None, box), requirements)
        form.addRow(label(self.tr("Explained by"), None, box), self.explained_by)
        form.addRow(label(self.tr("Format"), None, box), formats)
        form.addRow(self.interpreter_used, self.interpreter_language)
        form.addRow(label(self.tr("GP surgery"), None, box), self.gp_surgery)
        form.addRow(self.setup_problem)
        form.addRow(self.start_button)
        return box

    def _build_current(self) -> QGroupBox:
        box = QGroupBox(self.tr("Consent on record"), self)
        box.setAccessibleName(self.tr("Consent on record"))
        self.summary = label("", None, box)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.signature_view = QSvgWidget(box)
        self.signature_view.setFixedSize(300, 120)
        self.signature_view.setAccessibleName(self.tr("The person's signature"))
        self.withdraw_reason = line_edit(self.tr("Reason consent was withdrawn"),
                                         self.tr("Why the person withdrew consent"), box)
        self.withdraw_button = button(self.tr("Record withdrawal of consent"),
                                      self.tr("Record that the person withdrew consent"), self.withdraw, box)
        withdraw_row = QHBoxLayout()
        withdraw_row.addWidget(self.withdraw_reason, 1)
        withdraw_row.addWidget(self.withdraw_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.summary)
        layout.addWidget(self.signature_view)
        layout.addLayout(withdraw_row)
        return box

    # --- showing the case --------------------------------------------------------------

    def show_case(self, case: CaseRecord) -> None:
        self.case = case
        today = date.today()
        user = self.session.user
        self.explained_by.setText(f"{user.full_name} ({ROLE_WORDS[user.role]})")
        self.explained_by.setAccessibleName(self.tr("Explained by {full_name}").format(full_name=user.full_name))
        if not self.gp_surgery.text():
            self.gp_surgery.setText(case.person.gp_practice or "")
        checks = {c.action: c for c in pathway.allowed_actions(case, user, today)}
        take = checks[pathway.Action.TAKE_CONSENT]
        self.start_button.setEnabled(take.allowed)
        set_error(self.problem, "" if take.allowed or case.consents else reasons_words(take.reasons, QCoreApplication.translate))
        self._show_current(case, checks[pathway.Action.WITHDRAW_CONSENT])
        self._show_renewal(case, today)
        self.setup.setVisible(take.allowed or not case.consents)

    def _show_current(self, case: CaseRecord, withdraw: pathway.ActionCheck) -> None:
        consent = case.current_consent
        self.current.setVisible(consent is not None)
        if consent is None:
            return
        self.summary.setText(describe_consent(consent))
        self.summary.setAccessibleName(self.summary.text())
        self.signature_view.setVisible(bool(consent.signature_svg))
        if consent.signature_svg:
            self.signature_view.load(QByteArray(consent.signature_svg.encode("utf-8")))
        self.withdraw_reason.setVisible(withdraw.allowed)
        self.withdraw_button.setVisible(withdraw.allowed)

    def _show_renewal(self, case: CaseRecord, today: date) -> None:
        due = pathway.case_consent_renewal_due(case, today)
        window = pathway.RENEWAL_WINDOW_DAYS
        show = due is not None and (due - today).days <= window
        if show:
            when = "was due" if due < today else "is due"
            self.renewal.setText(
                self.tr("Consent renewal {when} on {due}: consent is renewed every year while the person is in treatment (Manual Appendix 2).").format(when=when, due=uk_date(due)))
            self.renewal.setAccessibleName(self.renewal.text())
        self.renewal.setVisible(show)

    # --- taking consent ------------------------------------------------------------------

    def chosen_requirements(self) -> list[Requirement]:
        return [r for r, check in self.requirement_boxes.items() if check.isChecked()]

    def _check_combination(self) -> None:
        if self.case is None:
            return
        refusal = combination_refusal(self.case, self.session, self.chosen_requirements(),
                                      date.today())
        set_error(self.setup_problem, refusal or "")

    def setup_problems(self) -> list[str]:
        problems = []
        chosen = self.chosen_requirements()
        if not chosen:
            problems.append(self.tr("Choose at least one requirement the person is assessed for."))
        elif self.case is not None:
            refusal = combination_refusal(self.case, self.session, chosen, date.today())
            if refusal:
                problems.append(refusal)
        if self.interpreter_used.isChecked() and not self.interpreter_language.text().strip():
            problems.append(self.tr("Say which language the interpreter used."))
        return problems

    def start(self) -> None:
        problems = self.setup_problems()
        set_error(self.setup_problem, " ".join(problems))
        if problems or self.case is None:
            return
        setup = ConsentSetup(
            text=load_consent(CURRENT_VERSION),
            requirements=self.chosen_requirements(),
            easy_read=self.format_easy_read.isChecked(),
            person_name=self.case.person.full_name,
        )
        self.person_window = PersonConsentWindow(setup, self._record, self, self._ask_hand_back)
        self.person_window.showFullScreen()

    def _ask_hand_back(self, window: QWidget, then: Callable[[], None]) -> None:
        """The practitioner's password before the person's window gives way to the case."""
        dialog = PasswordCheckDialog(self.session, "Hand back to the practitioner",
                                     f"{self.session.user.full_name}, type your password to "
                                     "take the device back.", window)
        dialog.accepted.connect(then)
        self.hand_back_dialog = dialog
        dialog.open()

    def _record(self, capture: ConsentCapture) -> str | None:
        """Called by the person's window; returns the refusal to show there, or None."""
        assert self.case is not None and self.case.referral.id is not None
        language = self.interpreter_language.text().strip()
        consent = ConsentRecord(
            referral_id=self.case.referral.id,
            consent_version=capture.version,
            requirements_assessed_for=capture.requirements,
            requirements_consented=capture.requirements,
            explained_by=self.session.user.id,
            easy_read_used=capture.easy_read,
            interpreter_language=language if self.interpreter_used.isChecked() else None,
            acknowledgements=capture.acknowledgements,
            signature_svg=capture.signature_svg,
            verbal_consent_witness=capture.witness,
            verbal_consent_reason=capture.verbal_reason,
            gp_surgery=self.gp_surgery.text().strip() or None,
            consented_at=capture.at,
        )
        try:
            operations.record_consent(self.session, consent)
        except (ActionRefused, StoreError) as refusal:
            return str(refusal)
        self.notice.emit(self.tr("Consent recorded."))
        self.case_changed.emit()
        return None

    # --- withdrawal ------------------------------------------------------------------------

    def withdraw(self) -> None:
        consent = self.case.current_consent if self.case is not None else None
        reason = self.withdraw_reason.text().strip()
        if consent is None or consent.id is None:
            return
        if not reason:
            set_error(self.problem, self.tr("Give the reason the person withdrew consent."))
            return
        answer = QMessageBox.question(
            self, self.tr("Withdraw consent"),
            self.tr("Record that the person has withdrawn consent now? Once a requirement is ordered, "
            "withdrawal counts as a breach and the case goes back to court."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            operations.withdraw_consent(self.session, consent.referral_id,
                                        datetime.now(timezone.utc), reason)
        except (ActionRefused, StoreError) as refusal:
            set_error(self.problem, str(refusal))
            return
        self.withdraw_reason.clear()
        self.notice.emit(self.tr("Withdrawal of consent recorded."))
        self.case_changed.emit()


def describe_consent(consent: ConsentRecord) -> str:
    requirements = ", ".join(r.name for r in consent.requirements_consented)
    lines = [
        f"Consent (version {consent.consent_version}) given {uk_datetime(consent.consented_at)} "
        f"for {requirements}.",
        "Easy read used." if consent.easy_read_used else "Standard format used.",
    ]
    if consent.interpreter_language:
        lines.append(QCoreApplication.translate("consent", "Interpreter used: {interpreter_language}.").format(interpreter_language=consent.interpreter_language))
    understood = [k.replace("_", " ") for k, v in consent.acknowledgements.items() if v]
    lines.append(QCoreApplication.translate("consent", "Understood: {understood}.").format(understood=', '.join(understood)))
    if consent.verbal_consent_witness:
        lines.append(QCoreApplication.translate("consent", "Verbal consent witnessed by {verbal_consent_witness} ({verbal_consent_reason}).").format(verbal_consent_witness=consent.verbal_consent_witness, verbal_consent_reason=consent.verbal_consent_reason))
    if consent.gp_surgery:
        lines.append(QCoreApplication.translate("consent", "GP surgery: {gp_surgery}.").format(gp_surgery=consent.gp_surgery))
    if consent.withdrawn_at is not None:
        lines.append(QCoreApplication.translate("consent", "WITHDRAWN {withdrawn_at}: {withdrawal_reason}").format(withdrawn_at=uk_datetime(consent.withdrawn_at), withdrawal_reason=consent.withdrawal_reason))
    return "\n".join(lines)
