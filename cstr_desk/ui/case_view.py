"""One case: who, where on the pathway, what may be done next (and why not), and its tabs.

The view loads the `CaseRecord` and hands it to every tab (see case_tab.py); when a tab reports a
change the whole record is reloaded, so no tab shows stale data. On lock the main window destroys
this widget outright.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QTabWidget, QVBoxLayout, QWidget,
)

from cstr_desk.ukdates import uk_date
from cstr_desk.domain import CaseRecord, ReportKind
from cstr_desk.store import Session
from cstr_desk.ui.assessment import AssessmentTab
from cstr_desk.ui.case_list import STAGE_LABELS
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.consent import ConsentTab
from cstr_desk.ui.contact import ContactTab
from cstr_desk.ui.court import CourtTab
from cstr_desk.ui.equality import EqualityTab
from cstr_desk.ui.decision import DecisionTab
from cstr_desk.ui.order_tab import OrderTab
from cstr_desk.ui.outcomes import OutcomesTab
from cstr_desk.ui.progress_strip import ProgressStrip
from cstr_desk.ui.provider_acceptance import ProviderAcceptanceTab
from cstr_desk.ui.questionnaires import QuestionnairesTab
from cstr_desk.ui.report_preview import ReportsTab
from cstr_desk.ui.reviews_tab import ReviewsTab
from cstr_desk.ui.risk import RiskTab
from cstr_desk.ui.sentence import SentenceTab
from cstr_desk.ui.treatment import TreatmentTab
from cstr_desk.ui.widgets import button, heading, label, scrolling
from cstr_desk.workflow import pathway
from cstr_desk.workflow.progress import case_progress
from cstr_desk.workflow.report_issuing import ReportChoice

# The case view's tabs, in pathway order. Each is a CaseTab subclass taking (session).
CASE_TABS: list[type[CaseTab]] = [
    QuestionnairesTab, AssessmentTab, EqualityTab, ConsentTab, DecisionTab, ProviderAcceptanceTab,
    ReportsTab, CourtTab,
    SentenceTab, TreatmentTab, ContactTab, RiskTab, OutcomesTab, OrderTab, ReviewsTab,
]


# Where each step's action is done (workflow.progress.STEP_ACTIONS).
STEP_TABS: dict[pathway.Action, type[CaseTab]] = {
    pathway.Action.SCREEN: QuestionnairesTab,
    pathway.Action.ASSESS: AssessmentTab,
    pathway.Action.TAKE_CONSENT: ConsentTab,
    pathway.Action.RECORD_DECISION: DecisionTab,
    pathway.Action.SIGN_OFF_REPORT: DecisionTab,
    pathway.Action.ISSUE_FINAL_PSR: ReportsTab,
    pathway.Action.RECORD_SENTENCE: SentenceTab,
    pathway.Action.SCHEDULE_TREATMENT: TreatmentTab,
}


class CaseView(QWidget):
    back_requested = Signal()
    run_requested = Signal(int, bool)  # administration id, hand-over mode
    notice = Signal(str)

    def __init__(self, session: Session, referral_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.referral_id = referral_id
        self.setAccessibleName(self.tr("Case"))
        self.name = heading("")
        self.details = label(role="muted")
        self.stage = label(role="stem")
        self.progress = ProgressStrip()
        self.progress.next_requested.connect(self.go_to_step)
        # The one line under the strip: what this user does next, or what the case waits for.
        self.next_steps = self.progress.status
        self.back_button = button(self.tr("Back to cases (Esc)"), self.tr("Back to the case list"), self.back_requested.emit)
        self.back_button.setShortcut(Qt.Key.Key_Escape)
        header = QFrame()
        header.setProperty("role", "header")
        who = QVBoxLayout()
        who.addWidget(self.name)
        who.addWidget(self.details)
        who.addWidget(self.stage)
        top = QHBoxLayout()
        top.addLayout(who, 1)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(header)
        column.addLayout(top)
        column.addWidget(self.progress)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Case sections"))
        self.case_tabs: list[CaseTab] = []
        for tab_class in CASE_TABS:
            tab = tab_class(session)
            tab.case_changed.connect(self.reload)
            tab.notice.connect(self.notice)
            if isinstance(tab, QuestionnairesTab):
                tab.run_requested.connect(self.run_requested)
            if isinstance(tab, AssessmentTab):
                # The assessment launches CORE-34, PHQ-9 and GAD-7 in the same runner.
                tab.start_questionnaire.connect(
                    lambda instrument_id: self.questionnaires().start(instrument_id, hand_over=False))
                tab.ask_equality.connect(self.open_equality)
            # Every tab scrolls inside the case view, so none can push the window past a
            # 1366x768 screen.
            self.tabs.addTab(scrolling(tab), tab.title)
            self.case_tabs.append(tab)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.tabs, 1)
        self.case: CaseRecord | None = None
        self.reload()

    def reload(self) -> None:
        self.case = self.session.load_case(self.referral_id)
        self._show_header(self.case)
        for tab in self.case_tabs:
            tab.show_case(self.case)

    def _show_header(self, case: CaseRecord) -> None:
        person, today = case.person, date.today()
        self.name.setText(person.full_name)
        self.name.setAccessibleName(self.tr("Person: {full_name}").format(full_name=person.full_name))
        age = person.age_on(today)
        parts = [f"Born {uk_date(person.date_of_birth)} (age {age})"]
        if age < pathway.ADULT_AGE:
            # Manual §4.1: a CSTR is for people aged 18 or over; say so where it is seen.
            parts[0] += " · under 18: not eligible for a CSTR"
        if person.pnc_number:
            parts.append(self.tr("PNC {pnc_number}").format(pnc_number=person.pnc_number))
        parts.append(self.tr("{court}, hearing {hearing_date}").format(court=case.referral.court, hearing_date=uk_date(case.referral.hearing_date)))
        self.details.setText(" · ".join(parts))
        self.details.setAccessibleName(self.details.text())
        stage = pathway.derive_stage(case)
        self.stage.setText(self.tr("Stage: {0}").format(STAGE_LABELS[stage]))
        self.stage.setAccessibleName(self.stage.text())
        self.progress.show_progress(case_progress(case, self.session.user, today))

    def current_tab(self) -> int:
        return self.tabs.currentIndex()

    def set_current_tab(self, index: int) -> None:
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def go_to_step(self, action: pathway.Action) -> None:
        """The next-step button: open the tab where that step is done."""
        tab_class = STEP_TABS.get(action)
        tab = next((t for t in self.case_tabs if isinstance(t, tab_class)), None) if tab_class else None
        if tab is None:
            return
        self.tabs.setCurrentIndex(self.case_tabs.index(tab))
        if isinstance(tab, ReportsTab) and action == pathway.Action.ISSUE_FINAL_PSR:
            tab.choose(ReportChoice(ReportKind.PSR, final=True))
        tab.setFocus()

    def open_equality(self) -> None:
        """The assessment offers the equality questions (Manual §2.4 "Pre-sentence")."""
        tab = next(t for t in self.case_tabs if isinstance(t, EqualityTab))
        self.tabs.setCurrentIndex(self.case_tabs.index(tab))
        tab.setFocus()

    def questionnaires(self) -> QuestionnairesTab:
        return next(t for t in self.case_tabs if isinstance(t, QuestionnairesTab))
