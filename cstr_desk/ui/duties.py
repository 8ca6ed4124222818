"""The home panel of deadlines after sentence (`workflow.duties`): the first MHTR session within
six weeks of sentence (two for a first episode of psychosis, Manual §4.5.1), the breach
decision by the sixth working day after a second missed appointment, each missed appointment
followed up (the care coordinator at once where there is a risk of self-harm or suicide) and
the treatment plan to the offender manager after a breach (Manual §4.7), and the leaflet with
the next appointment at sentence (DRR/ATR service description). Soonest first, overdue in red;
double-click (or Enter) opens the case."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from cstr_desk.duty_words import case_duty_words
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.treatment import OVERDUE
from cstr_desk.ui.widgets import button, heading, label, set_error
from cstr_desk.ukdates import LONDON
from cstr_desk.workflow.duties import Duty, open_duties


class DutiesPanel(QWidget):
    open_case = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.duties: list[Duty] = []
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Deadlines after sentence: waiting times, follow-ups, breach decisions"))
        self.list.itemActivated.connect(lambda _item: self._open_chosen())
        # Each line wraps in the narrow side panel rather than hiding its date off to the right.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.empty = label(self.tr("Nothing due after sentence."), role="muted")
        self.problem = label(role="error")
        self.problem.setVisible(False)
        self.open_button = button(self.tr("Open case"), self.tr("Open the chosen case"), self._open_chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Due after sentence")))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.problem)
        layout.addWidget(self.open_button)
        self.refresh()

    def refresh(self) -> None:
        try:
            cases = self.session.cases_with_duties()
        except StoreError as problem:
            set_error(self.problem, problem.message)
            return
        today = datetime.now(LONDON).date()
        self.duties = open_duties(cases)
        self.list.clear()
        for duty in self.duties:
            item = QListWidgetItem(case_duty_words(duty, today, QCoreApplication.translate))
            if duty.is_overdue(today):
                item.setForeground(QBrush(OVERDUE))
                item.setData(Qt.ItemDataRole.AccessibleTextRole, "Overdue: " + item.text())
            self.list.addItem(item)
        self.empty.setVisible(not self.duties)
        self.open_button.setEnabled(bool(self.duties))

    def _open_chosen(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.duties):
            self.open_case.emit(self.duties[row].referral_id)
