"""The case list: today's hearings first, search as you type, filters by stage and hearing date.

The store orders and searches (`Session.list_cases`); this page only asks and shows. On lock the
main window calls `clear()`, which empties the model and the search text, not just hides them.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, QT_TRANSLATE_NOOP,
    QTimer, Qt, Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QTableView, QVBoxLayout, QWidget,
)

from cstr_desk.ukdates import DateProblem, parse_uk_date, uk_date
from cstr_desk.domain import CaseSummary, Stage
from cstr_desk.store import Session
from cstr_desk.store.session_clearing import DeskHoldings
from cstr_desk.ui.widgets import button, date_edit, field_label, heading, label, line_edit, set_error
from cstr_desk.ui.words import Words

STAGE_LABELS: Words[Stage] = Words("case_list", {
    Stage.REFERRED: QT_TRANSLATE_NOOP("case_list", "Referred"),
    Stage.SCREENED: QT_TRANSLATE_NOOP("case_list", "Screened"),
    Stage.ASSESSED: QT_TRANSLATE_NOOP("case_list", "Assessed"),
    Stage.CONSENTED: QT_TRANSLATE_NOOP("case_list", "Consented"),
    Stage.CLINICAL_LEAD_DECISION: QT_TRANSLATE_NOOP("case_list", "Clinical Lead decision"),
    Stage.REPORT_ISSUED: QT_TRANSLATE_NOOP("case_list", "Report issued"),
    Stage.SENTENCED: QT_TRANSLATE_NOOP("case_list", "Sentenced"),
    Stage.IN_TREATMENT: QT_TRANSLATE_NOOP("case_list", "In treatment"),
    Stage.CLOSED: QT_TRANSLATE_NOOP("case_list", "Closed"),
})

# Stage and hearing come straight after the name so they stay in view on a narrow screen.
_COLUMNS = (QT_TRANSLATE_NOOP("case_list", "Name"), QT_TRANSLATE_NOOP("case_list", "Stage"),
            QT_TRANSLATE_NOOP("case_list", "Hearing"), QT_TRANSLATE_NOOP("case_list", "Date of birth"),
            QT_TRANSLATE_NOOP("case_list", "PNC"), QT_TRANSLATE_NOOP("case_list", "Court"))
_SEARCH_DELAY_MS = 150


class CaseListModel(QAbstractTableModel):
    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today
        self.cases: list[CaseSummary] = []

    def set_cases(self, cases: list[CaseSummary]) -> None:
        self.beginResetModel()
        self.cases = list(cases)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.cases)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("case_list", _COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        case = self.cases[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell(case, index.column())
        if role == Qt.ItemDataRole.FontRole and case.hearing_date == self.today:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _cell(self, case: CaseSummary, column: int) -> str:
        hearing = self.tr("Today") if case.hearing_date == self.today else uk_date(case.hearing_date)
        return (case.full_name, STAGE_LABELS[case.stage], hearing, uk_date(case.date_of_birth),
                case.pnc_number or "", case.court)[column]


class CaseTable(QTableView):
    """Enter opens the current case (item views emit `activated` for it on every platform we ship
    to, but a read-only table must not start editing instead)."""

    open_current = Signal()

    def fit_columns(self) -> None:
        """The name is what people look for: it gets the width of the longest name shown (at
        any text size); the court (often the same on every row, and in the tooltip) gets its
        own width from what is left, giving way first, down to a few letters, before the table
        scrolls sideways; the name takes any width over."""
        model = self.model()
        if model is None or model.columnCount() < len(_COLUMNS):
            return
        bold = QFont(self.font())
        bold.setBold(True)  # today's hearings are in bold
        metrics = QFontMetrics(bold)
        rows = min(model.rowCount(), 200)  # what is on screen and more, not 50,000 rows
        padding = 3 * metrics.averageCharWidth()
        last = len(_COLUMNS) - 1
        name_width = self._widest(metrics, 0, rows) + padding
        court_width = self._widest(metrics, last, rows) + padding
        header = self.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(1, last))
        spare = self.viewport().width() - others - name_width
        court = max(min(court_width, spare), 6 * metrics.averageCharWidth())
        header.resizeSection(last, court)
        header.resizeSection(0, max(name_width, self.viewport().width() - others - court))

    def _widest(self, metrics: QFontMetrics, column: int, rows: int) -> int:
        model = self.model()
        texts = [str(model.data(model.index(row, column))) for row in range(rows)]
        return max(metrics.horizontalAdvance(t) for t in texts + [_COLUMNS[column]])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_current.emit()
            return
        super().keyPressEvent(event)


class CaseListPage(QWidget):
    open_case = Signal(int)
    new_referral = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setAccessibleName(self.tr("Case list"))
        self.model = CaseListModel(date.today())
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(_SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self._build()

    def _build(self) -> None:
        self.search = line_edit(self.tr("Search cases"), self.tr("Search by name, date of birth, PNC or NHS number (Ctrl+F)"))
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._enter_from_search)
        self.stage_filter = QComboBox()
        self.stage_filter.setAccessibleName(self.tr("Show cases at stage"))
        self.stage_filter.addItem(self.tr("All stages"), None)
        for stage, text in STAGE_LABELS.items():
            self.stage_filter.addItem(text, stage)
        self.stage_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.hearing_from = date_edit(self.tr("Hearing from (dd/mm/yyyy)"))
        self.hearing_to = date_edit(self.tr("Hearing to (dd/mm/yyyy)"))
        for field in (self.hearing_from, self.hearing_to):
            field.editingFinished.connect(self.refresh)
        self.new_button = button(self.tr("New referral (Ctrl+N)"), self.tr("New referral"), self.new_referral.emit)
        self.table = CaseTable()
        self.table.setAccessibleName(self.tr("Cases"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The name gets its room first (fit_columns); the court (often the same for every row)
        # gives way, and past that the table scrolls sideways rather than cut the names.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(5, 140)
        self.table.open_current.connect(self._open_current)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.filter_error = label(role="error")
        self.filter_error.setVisible(False)
        self.empty = label("", "muted")
        self.holdings = label("", "muted")
        filters = QHBoxLayout()
        filters.addWidget(field_label(self.tr("S&tage:"), self.stage_filter))
        filters.addWidget(self.stage_filter)
        filters.addWidget(label(self.tr("Hearing from:")))
        filters.addWidget(self.hearing_from)
        filters.addWidget(label(self.tr("to:")))
        filters.addWidget(self.hearing_to)
        filters.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Cases")))
        top.addStretch(1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.holdings)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def refresh(self) -> None:
        self._search_timer.stop()
        try:
            hearing_from = self._date_or_none(self.hearing_from.text())
            hearing_to = self._date_or_none(self.hearing_to.text())
        except DateProblem as problem:
            set_error(self.filter_error, str(problem))
            return
        set_error(self.filter_error, "")
        self.holdings.setText(self.holdings_text(self.session.desk_holdings()))
        stage = self.stage_filter.currentData()
        self.model.today = date.today()
        cases = self.session.list_cases(
            text=self.search.text().strip(), stages={stage} if stage else None,
            hearing_from=hearing_from, hearing_to=hearing_to, today=self.model.today,
        )
        self.model.set_cases(cases)
        self.table.fit_columns()
        self.empty.setText("" if cases else self.tr("No cases match. Press Ctrl+N to register a new referral."))
        if cases:
            self.table.selectRow(0)

    def clear(self) -> None:
        """Forget every case shown (on lock): nothing personal stays in memory here."""
        self._search_timer.stop()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.set_cases([])

    def _enter_from_search(self) -> None:
        self.refresh()
        if len(self.model.cases) == 1:  # the one match: Enter opens it (issue 14)
            self._open_row(0)
        elif self.model.cases:
            self.table.setFocus()

    def _open_current(self) -> None:
        self._open_row(self.table.currentIndex().row())

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(self.model.cases):
            self.open_case.emit(self.model.cases[row].referral_id)

    def holdings_text(self, holdings: DeskHoldings) -> str:
        """What the desk holds and since when (issue 16 item 6): the less a court laptop
        holds, the less a lost one exposes, and the count shows the clearing at work."""
        text = (self.tr("Cases on this desk: {count}, since {day}").format(
                    count=holdings.cases, day=uk_date(holdings.since))
                if holdings.since is not None else self.tr("No cases on this desk"))
        if holdings.cleared:
            text += self.tr("; {count} cleared after the site hub confirmed them").format(
                count=holdings.cleared)
        return text + "."

    @staticmethod
    def _date_or_none(text: str) -> date | None:
        return parse_uk_date(text) if text.strip() else None
