"""The home screen's treatment-start deadlines (DRR within 2 working days of the order, ATR
within 14 days of sentence: `workflow.start_standards`) and the court review reports due in
the next fortnight, beside the 48-hour notices. Double-click (or Enter) opens the case."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from cstr_desk.store import Session, StoreError
from cstr_desk.ukdates import LONDON, uk_date
from cstr_desk.ui.widgets import button, heading, label, set_error
from cstr_desk.workflow.start_standards import REQUIREMENTS_WITH_STANDARDS, open_start_deadlines

OVERDUE = QColor("#b00020")
# Review reports are listed from two weeks before they fall due, so they can be prepared.
REVIEW_LOOKAHEAD = timedelta(days=14)


def _today() -> date:
    return datetime.now(LONDON).date()


class StartDeadlinesPanel(QWidget):
    open_case = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_ids: list[int] = []
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Treatment starts and review reports due"))
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda _item: self._open_chosen())
        self.empty = label(self.tr("No treatment starts or review reports waiting."), role="muted")
        self.problem = label(role="error")
        self.problem.setVisible(False)
        self.open_button = button(self.tr("Open case"), self.tr("Open the chosen case"), self._open_chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Treatment to start (DRR 2 working days, ATR 14 days)")))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self, today: date | None = None) -> None:
        today = today or _today()
        try:
            starts = open_start_deadlines(
                self.session.orders_with_start_standards(REQUIREMENTS_WITH_STANDARDS), today)
            reviews = self.session.review_reports_due(today + REVIEW_LOOKAHEAD)
        except StoreError as problem:
            set_error(self.problem, problem.message)
            return
        self.list.clear()
        self.case_ids = []
        for deadline in starts:
            self._add(deadline.describe(today), deadline.referral_id, deadline.is_overdue(today))
        for summary, hearing in sorted(reviews, key=lambda pair: pair[1].report_due_on):
            if hearing.hearing_on < today:
                continue
            late = today > hearing.report_due_on
            self._add(f"{summary.full_name}: DRR review report {'overdue since' if late else 'due by'} "
                      f"{uk_date(hearing.report_due_on)} (court review {uk_date(hearing.hearing_on)})",
                      summary.referral_id, late)
        self.empty.setVisible(not self.case_ids)
        self.open_button.setEnabled(bool(self.case_ids))

    def _add(self, text: str, referral_id: int, overdue: bool) -> None:
        item = QListWidgetItem(text)
        if overdue:
            item.setForeground(QBrush(OVERDUE))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, "Overdue: " + text)
        self.list.addItem(item)
        self.case_ids.append(referral_id)

    def _open_chosen(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.case_ids):
            self.open_case.emit(self.case_ids[row])
