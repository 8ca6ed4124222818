"""The court tab: the facts that arrive as the day goes on (DOMAIN.md), recorded when heard.

The plea, whether the offence is imprisonable, the community order level and the proposed order
type and length start as "not known yet" and are recorded here, then corrected with a reason;
the history of each shows below. The Court Duty Officer records what the PSR proposed. The
eligibility warnings that need these facts (two requirements at the medium level, DRR reviews)
show for the requirements proposed.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QListWidget, QSpinBox,
    QVBoxLayout, QWidget,
)

from cstr_desk.pathway_words import reasons_words
from cstr_desk.domain import (
    CaseRecord, CommunityOrderLevel, NotSuitableReason, OrderType, Plea, PsrProposal, Requirement,
    TreatmentArranged,
)
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.widgets import button, heading, label, line_edit, set_error
from cstr_desk.ui.words import Words
from cstr_desk.ukdates import LONDON, uk_datetime
from cstr_desk.workflow import court_facts, eligibility, pathway
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.vocabulary import requirement_label

NOT_KNOWN = "Not known yet"
PLEA_LABELS = Words("court", {
    Plea.NOT_YET_TAKEN: QT_TRANSLATE_NOOP("court", "Not yet taken"), Plea.GUILTY: QT_TRANSLATE_NOOP("court", "Guilty"), Plea.NOT_GUILTY: QT_TRANSLATE_NOOP("court", "Not guilty"),
    Plea.FOUND_GUILTY_AFTER_TRIAL: QT_TRANSLATE_NOOP("court", "Found guilty after trial"),
})
IMPRISONABLE_LABELS: Words[bool | None] = Words("court", {None: NOT_KNOWN, True: QT_TRANSLATE_NOOP("court", "Yes"), False: QT_TRANSLATE_NOOP("court", "No")})
LEVEL_LABELS: Words[CommunityOrderLevel | None] = Words("court", {
    None: NOT_KNOWN, CommunityOrderLevel.LOW: QT_TRANSLATE_NOOP("court", "Low"), CommunityOrderLevel.MEDIUM: QT_TRANSLATE_NOOP("court", "Medium"),
    CommunityOrderLevel.HIGH: QT_TRANSLATE_NOOP("court", "High"),
})
ORDER_LABELS: Words[OrderType | None] = Words("court", {
    None: NOT_KNOWN, OrderType.COMMUNITY_ORDER: QT_TRANSLATE_NOOP("court", "Community order (CO)"),
    OrderType.SUSPENDED_SENTENCE_ORDER: QT_TRANSLATE_NOOP("court", "Suspended sentence order (SSO)"),
})
NOT_SUITABLE_LABELS: Words[NotSuitableReason | None] = Words("court", {
    None: QT_TRANSLATE_NOOP("court", "Not applicable"), NotSuitableReason.DID_NOT_CONSENT: QT_TRANSLATE_NOOP("court", "Did not consent"),
    NotSuitableReason.NO_DRUG_TESTING: QT_TRANSLATE_NOOP("court", "No drug testing available"),
    NotSuitableReason.NO_SUITABLE_TREATMENT: QT_TRANSLATE_NOOP("court", "No suitable treatment available"),
    NotSuitableReason.PREVIOUSLY_FAILED: QT_TRANSLATE_NOOP("court", "Had previously failed on a CSTR"),
    NotSuitableReason.OTHER: QT_TRANSLATE_NOOP("court", "Other"),
})
ARRANGED_LABELS: Words[TreatmentArranged | None] = Words("court", {
    None: NOT_KNOWN, TreatmentArranged.ALREADY_IN_TREATMENT: QT_TRANSLATE_NOOP("court", "Yes, already in treatment"),
    TreatmentArranged.PLAN_ARRANGED: QT_TRANSLATE_NOOP("court", "Yes, a treatment plan is arranged"),
    TreatmentArranged.NONE: QT_TRANSLATE_NOOP("court", "No, no treatment is in place"),
})


def _combo(name: str, options: dict) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setMinimumHeight(44)
    for value, text in options.items():
        combo.addItem(text, value)
    return combo


def _select(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


def _months(name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setAccessibleName(name)
    spin.setMinimumHeight(44)
    spin.setRange(0, 36)
    spin.setSpecialValueText(NOT_KNOWN)
    spin.setSuffix(QCoreApplication.translate("court", " months"))
    return spin


def _shown(field: str, text: str | None) -> str:
    options = {"plea": PLEA_LABELS, "imprisonable_offence": {"true": "Yes", "false": "No"},
               "community_order_level": LEVEL_LABELS, "proposed_order_type": ORDER_LABELS}
    if text is None:
        return NOT_KNOWN
    if field == "proposed_length_months":
        return f"{text} months"
    labels = options.get(field, {})
    return next((v for k, v in labels.items() if k is not None and str(k) == text), text)


def describe_proposal(proposal: PsrProposal | None) -> str:
    if proposal is None:
        return "The PSR's proposal is not recorded yet."
    if not proposal.proposes_cstr:
        text = "The PSR does not propose a treatment requirement."
    else:
        text = "The PSR proposes " + " and ".join(requirement_label(r) for r in proposal.requirements)
        if proposal.order_type is not None:
            text += f" in a {ORDER_LABELS[proposal.order_type].lower()}"
        if proposal.length_months:
            text += f" for {proposal.length_months} months"
        text += "."
    return text + (f" {proposal.notes}" if proposal.notes else "")


class CourtTab(CaseTab):
    title = "Court"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case: CaseRecord | None = None
        self.facts_box = self._build_facts()
        self.history = QListWidget()
        self.history.setAccessibleName(self.tr("History of the plea and order details"))
        self.history.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.warnings = label(role="muted")
        self.proposal_box = self._build_proposal()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Court: plea, order details and the PSR's proposal")))
        layout.addWidget(self.facts_box)
        layout.addWidget(self.warnings)
        layout.addWidget(label(self.tr("Recorded and corrected"), role="stem"))
        layout.addWidget(self.history)
        layout.addWidget(self.proposal_box)
        layout.addStretch(1)

    def _build_facts(self) -> QGroupBox:
        box = QGroupBox(self.tr("Plea and order details, as they are known"))
        form = QFormLayout(box)
        self.plea = _combo(self.tr("Plea"), PLEA_LABELS)
        self.imprisonable = _combo(self.tr("Offence punishable with imprisonment"), IMPRISONABLE_LABELS)
        self.level = _combo(self.tr("Community order level"), LEVEL_LABELS)
        self.order_type = _combo(self.tr("Proposed order type"), ORDER_LABELS)
        self.length = _months(self.tr("Proposed length of order"))
        self.reason = line_edit(self.tr("Reason for changing what was recorded"),
                                self.tr("needed only when changing a fact already recorded"))
        self.facts_problem = label(role="error")
        self.facts_problem.setVisible(False)
        self.save_facts_button = button(self.tr("Save plea and order details"), self.tr("Save the plea and order details"),
                                        self.save_facts)
        form.addRow(self.tr("Plea"), self.plea)
        form.addRow(self.tr("Imprisonable offence"), self.imprisonable)
        form.addRow(self.tr("Community order level"), self.level)
        form.addRow(self.tr("Proposed order"), self.order_type)
        form.addRow(self.tr("Proposed length"), self.length)
        form.addRow(self.tr("Reason for a change"), self.reason)
        form.addRow(self.facts_problem)
        form.addRow(self.save_facts_button)
        return box

    def _build_proposal(self) -> QGroupBox:
        box = QGroupBox(self.tr("The PSR's proposal (recorded by the Court Duty Officer)"))
        layout = QVBoxLayout(box)
        self.proposal_summary = label()
        self.proposes = _combo(self.tr("Does the PSR propose a treatment requirement"), {True: "Yes", False: "No"})
        self.proposal_requirements: dict[Requirement, QCheckBox] = {}
        ticks = QHBoxLayout()
        for requirement in Requirement:
            text = requirement_label(requirement)
            check = QCheckBox(text)
            check.setAccessibleName(self.tr("PSR proposes {text}").format(text=text))
            check.setMinimumHeight(44)
            self.proposal_requirements[requirement] = check
            ticks.addWidget(check)
        self.proposal_order = _combo(self.tr("Order type the PSR proposes"), ORDER_LABELS)
        self.proposal_length = _months(self.tr("Length the PSR proposes"))
        self.proposal_notes = line_edit(self.tr("Notes on the PSR's proposal"), self.tr("other requirements, e.g. RAR"))
        # The rest of the probation pink slip (process evaluation Annex A).
        self.suitable = _combo(self.tr("Is the person suitable for a CSTR"), {None: NOT_KNOWN, True: "Yes", False: "No"})
        self.not_suitable_reason = _combo(self.tr("Why not suitable"), NOT_SUITABLE_LABELS)
        self.not_suitable_notes = line_edit(self.tr("More on why not suitable"))
        self.treating_already = line_edit(self.tr("Already in treatment with"), self.tr("e.g. self, OASys, arrest referral, L&D"))
        self.treatment_arranged = _combo(self.tr("Has treatment been arranged"), ARRANGED_LABELS)
        self.proposal_problem = label(role="error")
        self.proposal_problem.setVisible(False)
        self.record_proposal_button = button(self.tr("Record the PSR's proposal"), self.tr("Record the PSR's proposal"),
                                             self.record_proposal)
        self.proposal_form = QWidget()
        form = QFormLayout(self.proposal_form)
        form.addRow(self.tr("Proposes a CSTR"), self.proposes)
        form.addRow(self.tr("Requirements"), ticks)
        form.addRow(self.tr("Order"), self.proposal_order)
        form.addRow(self.tr("Length"), self.proposal_length)
        form.addRow(self.tr("Notes"), self.proposal_notes)
        form.addRow(self.tr("Suitable for a CSTR"), self.suitable)
        form.addRow(self.tr("If not, why"), self.not_suitable_reason)
        form.addRow(self.tr("More on why not"), self.not_suitable_notes)
        form.addRow(self.tr("Already in treatment with"), self.treating_already)
        form.addRow(self.tr("Treatment arranged"), self.treatment_arranged)
        form.addRow(self.proposal_problem)
        form.addRow(self.record_proposal_button)
        layout.addWidget(self.proposal_summary)
        layout.addWidget(self.proposal_form)
        return box

    def show_case(self, case: CaseRecord) -> None:
        self.case = case
        referral, today = case.referral, datetime.now(LONDON).date()
        _select(self.plea, referral.plea)
        _select(self.imprisonable, referral.imprisonable_offence)
        _select(self.level, referral.community_order_level)
        _select(self.order_type, referral.proposed_order_type)
        self.length.setValue(referral.proposed_length_months or 0)
        self.reason.clear()
        facts_check = pathway.check(pathway.Action.RECORD_COURT_FACTS, case, self.session.user, today)
        self.save_facts_button.setEnabled(facts_check.allowed)
        self.save_facts_button.setToolTip(reasons_words(facts_check.reasons, QCoreApplication.translate))
        self.history.clear()
        for amendment in reversed(court_facts.court_fact_history(case)):
            self.history.addItem(
                f"{uk_datetime(amendment.amended_at)}: {court_facts.FACT_LABELS[amendment.field]} "
                f"{_shown(amendment.field, amendment.old_value)} → {_shown(amendment.field, amendment.new_value)}"
                f" ({amendment.reason})")
        if not self.history.count():
            self.history.addItem(self.tr("Nothing recorded since the referral."))
        self._show_warnings(case)
        self.proposal_summary.setText(describe_proposal(case.psr_proposal))
        self.proposal_summary.setAccessibleName(self.proposal_summary.text())
        proposal_check = pathway.check(pathway.Action.RECORD_PSR_PROPOSAL, case, self.session.user, today)
        self.proposal_form.setVisible(case.psr_proposal is None and proposal_check.allowed)

    def _show_warnings(self, case: CaseRecord) -> None:
        """The warnings for what is proposed: the PSR's requirements, else those consented to."""
        proposed = list(case.psr_proposal.requirements) if case.psr_proposal else []
        if not proposed and case.current_consent is not None:
            proposed = list(case.current_consent.requirements_consented)
        warnings: tuple[str, ...] = ()
        if proposed:
            facts = eligibility.facts_from_case(case, self.session.site_settings(), proposed, None)
            warnings = eligibility.check_eligibility(facts, datetime.now(LONDON).date()).warnings
        unknown = [court_facts.FACT_LABELS[f] for f in court_facts.unknown_court_facts(case.referral)]
        lines = [f"Warning: {w}" for w in warnings]
        if unknown:
            lines.append("Not known yet: " + ", ".join(unknown) + ".")
        self.warnings.setText("\n".join(lines))
        self.warnings.setAccessibleName(self.warnings.text() or "No warnings")

    def save_facts(self) -> None:
        changes = {
            "plea": self.plea.currentData(), "imprisonable_offence": self.imprisonable.currentData(),
            "community_order_level": self.level.currentData(),
            "proposed_order_type": self.order_type.currentData(),
            "proposed_length_months": self.length.value() or None,
        }
        try:
            court_facts.record_court_facts(self.session, self.case.referral.id, changes,
                                           self.reason.text(), datetime.now(LONDON).date())
        except (ActionRefused, StoreError) as problem:
            set_error(self.facts_problem, getattr(problem, "message", str(problem)))
            return
        set_error(self.facts_problem, "")
        self.notice.emit(self.tr("Plea and order details saved."))
        self.case_changed.emit()

    def record_proposal(self) -> None:
        try:
            court_facts.record_psr_proposal(
                self.session, self.case.referral.id, self.proposes.currentData(),
                [r for r, check in self.proposal_requirements.items() if check.isChecked()],
                self.proposal_order.currentData(), self.proposal_length.value() or None,
                self.proposal_notes.text(), datetime.now(LONDON).date(),
                suitable_for_cstr=self.suitable.currentData(),
                not_suitable_reason=self.not_suitable_reason.currentData(),
                not_suitable_notes=self.not_suitable_notes.text().strip(),
                already_in_treatment=True if self.treating_already.text().strip() else None,
                already_in_treatment_with=self.treating_already.text().strip(),
                treatment_arranged=self.treatment_arranged.currentData())
        except (ActionRefused, StoreError) as problem:
            set_error(self.proposal_problem, getattr(problem, "message", str(problem)))
            return
        set_error(self.proposal_problem, "")
        self.notice.emit(self.tr("The PSR's proposal recorded."))
        self.case_changed.emit()
