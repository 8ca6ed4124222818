"""The home panel of the signed-in practitioner's caseload: the open cases allocated to them
(Manual §4.2, §4.7: the same practitioner assesses and treats). Double-click or Enter opens one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from cstr_desk.domain import CaseSummary
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.case_list import STAGE_LABELS
from cstr_desk.ui.widgets import button, heading, label, set_error
from cstr_desk.ukdates import uk_date


class CaseloadPanel(QWidget):
    open_case = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.cases: list[CaseSummary] = []
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("My caseload"))
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda _item: self._open_chosen())
        self.empty = label(self.tr("No cases are allocated to you."), role="muted")
        self.problem = label(role="error")
        self.problem.setVisible(False)
        self.open_button = button(self.tr("Open case"), self.tr("Open the chosen case from my caseload"), self._open_chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("My caseload")))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.problem)
        layout.addWidget(self.open_button)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.cases = self.session.caseload(self.session.user.id or 0)
        except StoreError as problem:
            set_error(self.problem, problem.message)
            return
        self.list.clear()
        for case in self.cases:
            self.list.addItem(QListWidgetItem(
                f"{case.full_name}: {STAGE_LABELS[case.stage]}, hearing {uk_date(case.hearing_date)}"))
        self.empty.setVisible(not self.cases)
        self.open_button.setEnabled(bool(self.cases))

    def _open_chosen(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.cases):
            self.open_case.emit(self.cases[row].referral_id)
