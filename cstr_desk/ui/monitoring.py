"""The monthly monitoring return in the app (Manual §2.4; process evaluation Annex D): choose a
month, preview exactly what will leave the device (already anonymised: 1 to 4 shown as *), and
export it as .xlsx or .csv. The counting and the file writing are the core's
(`workflow.monitoring`, `workflow.monitoring_export`); this page only gathers and shows.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QProgressBar,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cstr_desk.ukdates import LONDON
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.widgets import button, field_label, heading, label, read_only_table, set_error
from cstr_desk.ui.save_dialog import confirmed_replace, output_problem
from cstr_desk.ui.worker import Worker
from cstr_desk.workflow.monitoring_anonymise import AnonymisedReturn
from cstr_desk.workflow.monitoring_export import (
    ExportError,
    export_monitoring,
    period_text,
    prepare_return,
)

MONTHS_OFFERED = 24
COLUMNS = ("Sheet", "Group", "Figure", "Number")


def recent_months(today: date, count: int = MONTHS_OFFERED) -> list[date]:
    """The current month and the ones before it, newest first."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


def preview_rows(anonymised: AnonymisedReturn) -> list[tuple[str, str, str, str]]:
    rows = []
    for sheet in anonymised.source.sheets:
        for group in sheet.groups:
            lines = (*group.lines, group.total) if group.total else group.lines
            rows += [(sheet.name, group.title, line.label, anonymised.text(line)) for line in lines]
    return rows


class _ProgressRelay(QObject):
    """The summarising reports progress on the worker's thread; a signal carries it to the GUI's."""

    moved = Signal(int, int)


class MonitoringPage(QWidget):
    def __init__(self, session: Session, today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.anonymised: AnonymisedReturn | None = None
        self.month = QComboBox()
        self.month.setAccessibleName(self.tr("Month of the return"))
        for month in recent_months(today or datetime.now(LONDON).date()):
            self.month.addItem(month.strftime("%B %Y"), month)
        self.preview_button = button(self.tr("Preview"), self.tr("Preview the month's return"), self.preview)
        self.export_button = button(self.tr("Export..."), self.tr("Export the return as a spreadsheet"), self.choose_file)
        self.export_button.setEnabled(False)
        self.period = label(role="muted")
        self.table = read_only_table(0, len(COLUMNS), self.tr("Preview of the anonymised return"))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.problem = label(role="error")
        self.problem.setVisible(False)
        # After an upgrade the first return summarises every referral once (seconds).
        self.progress_text = label(self.tr("Summarising the referrals for the return ..."),
                                   role="muted")
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Summarising the referrals for the return"))
        self.progress.setRange(0, 100)
        self._show_progress(False)
        self._relay = _ProgressRelay(self)
        self._relay.moved.connect(self._moved)
        self.worker = Worker(self)
        self.worker.finished.connect(self._show)
        self.worker.failed.connect(self._failed)
        controls = QHBoxLayout()
        controls.addWidget(field_label(self.tr("&Month:"), self.month))
        controls.addWidget(self.month, 1)
        controls.addWidget(self.preview_button)
        controls.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Monthly monitoring return")))
        layout.addWidget(label(self.tr("Anonymised: no names, dates of birth or identifiers; numbers from 1 "
                               "to 4 are shown as *, and a total that could reveal one is hidden too."),
                               role="muted"))
        layout.addLayout(controls)
        layout.addWidget(self.period)
        layout.addWidget(self.problem)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        self.month.currentIndexChanged.connect(self._month_changed)

    def chosen_month(self) -> date:
        return self.month.currentData()

    def _month_changed(self) -> None:
        self.anonymised = None
        self.export_button.setEnabled(False)
        self.table.setRowCount(0)
        self.period.setText("")

    def preview(self) -> None:
        """Count off the GUI thread: a year's database takes a moment to read."""
        set_error(self.problem, "")
        self.preview_button.setEnabled(False)
        month = self.chosen_month()
        emit = self._relay.moved.emit
        self.worker.start(lambda: prepare_return(self.session, month, emit))

    def _moved(self, done: int, total: int) -> None:
        self._show_progress(True)
        self.progress.setValue(done * 100 // max(total, 1))

    def _show_progress(self, shown: bool) -> None:
        self.progress_text.setVisible(shown)
        self.progress.setVisible(shown)

    def _show(self, anonymised: AnonymisedReturn) -> None:
        self._show_progress(False)
        self.preview_button.setEnabled(True)
        self.anonymised = anonymised
        rows = preview_rows(anonymised)
        self.table.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.period.setText(self.tr("Period: {month}").format(month=period_text(anonymised.source.month)))
        self.export_button.setEnabled(True)

    def _failed(self, error: object) -> None:
        self._show_progress(False)
        self.preview_button.setEnabled(True)
        set_error(self.problem, getattr(error, "message", None) or f"The return could not be counted: {error}")

    def choose_file(self) -> None:
        suggested = f"cstr-monitoring-{self.chosen_month():%Y-%m}.xlsx"
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export monitoring return"), suggested,
                                                    self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"))
        if path:
            # The dialog has asked before returning a file that exists.
            self.export(Path(path), replace=confirmed_replace(Path(path), path))

    def export(self, path: Path, *, replace: bool = False) -> bool:
        try:
            export_monitoring(self.session, self.chosen_month(), path, force=replace)
        except ExportError as problem:
            set_error(self.problem, str(problem))
            return False
        except StoreError as problem:
            set_error(self.problem, output_problem(problem))
            return False
        set_error(self.problem, "")
        self.period.setText(self.tr("Period: {0}. Saved to {name}.").format(period_text(self.chosen_month()), name=path.name))
        return True
