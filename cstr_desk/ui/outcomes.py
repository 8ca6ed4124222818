"""Outcomes: each outcome measure before and after treatment (Manual §2.4 "Pre and post clinical
outcomes": CORE-34, PHQ-9, GAD-7) with the scoring engine's change classification (reliable
change, Jacobson & Truax 1991; clinically significant change), as a table and a chart, and the
completion summary PDF (reports.render_completion_summary).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QRectF, QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QTableWidgetItem, QVBoxLayout, QWidget

from cstr_desk.ukdates import uk_datetime
from cstr_desk.domain import AuditAction, CaseRecord
from cstr_desk.reports import render_completion_summary
from cstr_desk.outcome_pairs import OUTCOME_INSTRUMENTS, OutcomePair, outcome_pairs
from cstr_desk.store import Session, StoreError, outputs
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.save_dialog import ask_save_path, output_problem
from cstr_desk.ui.widgets import button, heading, label, read_only_table, set_error
from cstr_desk.ui.words import Words
from cstr_desk.ui.worker import Worker
from scoring.result import ChangeClass

CLASS_LABELS = Words("outcomes", {
    ChangeClass.RELIABLE_IMPROVEMENT: QT_TRANSLATE_NOOP("outcomes", "Reliable improvement"),
    ChangeClass.RELIABLE_DETERIORATION: QT_TRANSLATE_NOOP("outcomes", "Reliable deterioration"),
    ChangeClass.NO_RELIABLE_CHANGE: QT_TRANSLATE_NOOP("outcomes", "No reliable change"),
    ChangeClass.NOT_SCORABLE: QT_TRANSLATE_NOOP("outcomes", "Cannot be classified"),
})
INSTRUMENT_NAMES = Words("outcomes", {"core34": QT_TRANSLATE_NOOP("outcomes", "CORE-OM (clinical score)"), "phq9": QT_TRANSLATE_NOOP("outcomes", "PHQ-9"), "gad7": QT_TRANSLATE_NOOP("outcomes", "GAD-7")})
COLUMNS = ("Measure", "Before", "After", "Change", "Reliable change needs", "Classification",
           "Clinically significant")
BEFORE_COLOUR, AFTER_COLOUR, CUTOFF_COLOUR = QColor("#5b6b7f"), QColor("#1f7a4d"), QColor("#b00020")


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}" if value == int(value) else f"{value:.1f}"


def pair_cells(pair: OutcomePair) -> tuple[str, ...]:
    change = pair.change
    name = INSTRUMENT_NAMES.get(pair.instrument_id, pair.instrument_id)
    before = f"{_number(change.before) if change else ''} ({uk_datetime(pair.before.completed_at)[:10]})"
    if change is None:
        return (name, before, "", "", "", pair.note, "")
    after = f"{_number(change.after)} ({uk_datetime(pair.after.completed_at)[:10]})"
    significant = "yes" if change.clinically_significant else "no"
    return (name, before, after, _number(change.difference), _number(change.reliable_change_value),
            CLASS_LABELS[change.classification], significant)


class ChangeChart(QWidget):
    """Before and after bars per measure, on each measure's own scale (its clinical cut-off
    marked), since the measures' ranges differ."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pairs: list[OutcomePair] = []
        self.setMinimumHeight(180)
        self.setAccessibleName(self.tr("Chart of scores before and after treatment"))

    def set_pairs(self, pairs: list[OutcomePair]) -> None:
        self.pairs = [p for p in pairs if p.change and p.change.before is not None
                      and p.change.after is not None]
        self.setAccessibleDescription("; ".join(
            f"{INSTRUMENT_NAMES.get(p.instrument_id, p.instrument_id)}: {_number(p.change.before)} "
            f"before, {_number(p.change.after)} after" for p in self.pairs))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.pairs:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "No measure has both a before and an after score yet.")
            return
        slot = self.width() / len(self.pairs)
        for index, pair in enumerate(self.pairs):
            self._paint_pair(painter, QRectF(index * slot, 0, slot, self.height()), pair)

    def _paint_pair(self, painter: QPainter, area: QRectF, pair: OutcomePair) -> None:
        change = pair.change
        top = max(change.before, change.after, change.clinical_cutoff or 0) * 1.15 or 1
        plot = area.adjusted(area.width() * 0.2, 10, -area.width() * 0.2, -40)
        bar = plot.width() / 2 - 4

        def height(value: float) -> float:
            return plot.height() * value / top

        for offset, value, colour in ((0, change.before, BEFORE_COLOUR), (bar + 8, change.after, AFTER_COLOUR)):
            rect = QRectF(plot.left() + offset, plot.bottom() - height(value), bar, height(value))
            painter.fillRect(rect, colour)
            painter.drawText(QRectF(rect.left(), rect.top() - 18, bar, 16),
                             Qt.AlignmentFlag.AlignCenter, _number(value))
        if change.clinical_cutoff is not None:
            painter.setPen(QPen(CUTOFF_COLOUR, 1, Qt.PenStyle.DashLine))
            y = plot.bottom() - height(change.clinical_cutoff)
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(QPen(self.palette().text().color()))
        caption = f"{INSTRUMENT_NAMES.get(pair.instrument_id, pair.instrument_id)}\n" \
                  f"{CLASS_LABELS[change.classification]}"
        painter.drawText(QRectF(area.left(), plot.bottom() + 2, area.width(), 36),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, caption)


class OutcomesTab(CaseTab):
    title = "Outcomes"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case: CaseRecord | None = None
        self.pairs: list[OutcomePair] = []
        self.table = read_only_table(0, len(COLUMNS), self.tr("Outcome measures before and after treatment"))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.chart = ChangeChart()
        self.empty = label(self.tr("No outcome measure has been completed yet."), role="muted")
        self.problem = label(role="error")
        self.problem.setVisible(False)
        self.save_button = button(self.tr("Save completion summary"), self.tr("Save the completion summary as a PDF"),
                                  self.choose_summary_file)
        self.worker = Worker(self)
        self.worker.finished.connect(self._summary_saved)
        self.worker.failed.connect(self._summary_failed)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Outcomes before and after treatment")))
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.save_button)

    def show_case(self, case: CaseRecord) -> None:
        self.case = case
        self.pairs = outcome_pairs(case, OUTCOME_INSTRUMENTS)
        self.table.setRowCount(len(self.pairs))
        for row, pair in enumerate(self.pairs):
            for column, text in enumerate(pair_cells(pair)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not self.pairs)
        self.chart.set_pairs(self.pairs)
        self.save_button.setEnabled(case.completion is not None)

    def choose_summary_file(self) -> None:
        answer = ask_save_path(self, self.tr("Save completion summary"), "completion-summary.pdf",
                               self.tr("PDF (*.pdf)"), (".pdf",))
        if answer is not None:
            self.save_summary(*answer)

    def save_summary(self, path: Path, replace: bool = False) -> None:
        """Build the PDF off the GUI thread, write it where the user chose and audit it, the
        file and its audit entry together (store/outputs.py checks the place first)."""
        case, user, session = self.case, self.session.user, self.session
        set_error(self.problem, "")
        self.save_button.setEnabled(False)

        def work() -> Path:
            target = outputs.check_output(path, database=session.path, force=replace)
            pdf = render_completion_summary(case, generated_by=user, users={user.id: user},
                                            now=datetime.now(UTC),
                                            audit_reference=session.audit_reference())
            with session.transaction():
                session.audit(AuditAction.EXPORT, "completion_summary", case.referral.id,
                              case.person.id, f"completion summary saved as {path.name}")
                outputs.write_bytes(target, pdf)
            return path
        self.worker.start(work)

    def _summary_saved(self, path: Path) -> None:
        self.save_button.setEnabled(True)
        self.notice.emit(self.tr("Completion summary saved: {name}").format(name=path.name))

    def _summary_failed(self, error: object) -> None:
        self.save_button.setEnabled(True)
        text = output_problem(error) if isinstance(error, StoreError) else str(error)
        set_error(self.problem, self.tr("The completion summary could not be saved: {text}").format(text=text))
