"""The case view's Questionnaires tab: start any instrument (with the practitioner or handed over
to the person), resume drafts, and see every result so far."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

import forms
from cstr_desk.ukdates import uk_datetime
from cstr_desk.domain import AdministrationMode, AdministrationStatus, CaseRecord
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.results import ResultsPanel
from cstr_desk.ui.widgets import button, clear_layout, heading, label, scrolling, set_error
from cstr_desk.workflow import operations
from cstr_desk.workflow.errors import ActionRefused


class QuestionnairesTab(CaseTab):
    title = "&Questionnaires"
    run_requested = Signal(int, bool)  # administration id, hand-over mode

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case: CaseRecord | None = None
        self._names = {user.id: user.full_name for user in session.list_users()}
        self.start_buttons: dict[str, tuple] = {}
        self.resume_buttons: dict[int, object] = {}
        self.error = label(role="error")
        self.error.setVisible(False)
        instruments = QGridLayout()
        for row, form in enumerate(forms.all_forms()):
            # Alt and the row's number starts it: Alt+Q then Alt+6 opens the AUDIT, instead of
            # thirteen Tabs down the list (issue 14).
            keys = QKeySequence(f"Alt+{row + 1}") if row < 9 else QKeySequence()
            shown = f"  ({keys.toString(QKeySequence.SequenceFormat.NativeText)})" if row < 9 else ""
            start = button(self.tr("Start {short_title}{shown}").format(short_title=form.short_title, shown=shown), self.tr("Start {title} with the practitioner").format(title=form.title),
                           lambda f=form.id: self.start(f, hand_over=False))
            start.setShortcut(keys)
            hand = button(self.tr("Hand over"), self.tr("Start {title} in hand-over mode for the person").format(title=form.title),
                          lambda f=form.id: self.start(f, hand_over=True))
            self.start_buttons[form.id] = (start, hand)
            name = label(form.short_title, accessible_name=form.title)
            name.setToolTip(form.title)
            instruments.addWidget(name, row, 0)
            instruments.addWidget(start, row, 1)
            instruments.addWidget(hand, row, 2)
        instruments.setColumnStretch(0, 1)
        self.drafts = QVBoxLayout()
        self.results = ResultsPanel(self._who)
        start = QWidget()
        layout = QVBoxLayout(start)
        layout.addWidget(heading(self.tr("Start a questionnaire")))
        layout.addLayout(instruments)
        layout.addWidget(self.error)
        layout.addWidget(heading(self.tr("Drafts")))
        layout.addLayout(self.drafts)
        layout.addStretch(1)
        # Side by side: at 1366x768 the results stay in view while choosing what to give next.
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(start), 2)
        outer.addWidget(scrolling(self.results), 3)

    def show_case(self, case: CaseRecord) -> None:
        self.case = case
        clear_layout(self.drafts)
        self.resume_buttons = {}
        drafts = [a for a in case.administrations if a.status == AdministrationStatus.DRAFT]
        for draft in drafts:
            title = forms.load_form(draft.instrument_id).short_title
            answered = sum(1 for a in draft.answers.values() if a.value is not None)
            resume = button(self.tr("Resume {title}, started {started_at} ({answered} answered)").format(title=title, started_at=uk_datetime(draft.started_at), answered=answered),
                            self.tr("Resume the {title} draft").format(title=title),
                            lambda a=draft.id, h=draft.mode == AdministrationMode.HAND_OVER: self.run_requested.emit(a, h))
            self.resume_buttons[draft.id] = resume
            self.drafts.addWidget(resume)
        if not drafts:
            self.drafts.addWidget(label(self.tr("No drafts."), "muted"))
        self.results.show_administrations(case.administrations)

    def start(self, instrument_id: str, hand_over: bool) -> None:
        if self.case is None:
            return
        mode = AdministrationMode.HAND_OVER if hand_over else AdministrationMode.PRACTITIONER
        try:
            started = operations.start_administration(self.session, self.case.referral.id, instrument_id, mode)
        except (StoreError, ActionRefused) as error:
            set_error(self.error, error.message)
            return
        self.run_requested.emit(started.record.id, hand_over)

    def _who(self, user_id: int) -> str:
        return self._names.get(user_id, f"user {user_id} (removed)")
