"""Answers and scores on screen: the runner's review page, and a person's results over time
(a table of every administration and, where an instrument was given more than once, a chart)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView, QGridLayout, QHeaderView, QPushButton, QScrollArea, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

import forms
import scoring
from cstr_desk.ukdates import uk_date, uk_datetime
from cstr_desk.domain import Administration, AdministrationMode, AdministrationStatus
from cstr_desk.reports.screening import headline_score
from cstr_desk.score_words import band_label, flag_words, refusal_words
from cstr_desk.ui.widgets import button, clear_layout, heading, label, read_only_table
from forms.schema import LoadedForm
from scoring.result import ScoreResult

if TYPE_CHECKING:
    from cstr_desk.ui.runner import Question


def describe_score(result: ScoreResult) -> list[str]:
    """Plain lines for a score: total, band and flags, or why it cannot be scored yet."""
    if not result.scorable:
        return [QCoreApplication.translate("results", "Cannot be scored yet:"),
                *refusal_words(result, QCoreApplication.translate)]
    name, _, value = headline_score(result).rpartition(" ")
    lines = [f"{name}: {value}" + (" (prorated for missing answers)" if result.prorated else "")]
    if result.band is not None:
        lines.append(QCoreApplication.translate("results", "Band: {label}").format(label=band_label(result.band, QCoreApplication.translate)))
    lines += [QCoreApplication.translate("results", "Flag: {words}").format(
        words=flag_words(result.instrument_id, flag, QCoreApplication.translate)) for flag in result.flags]
    return lines


class ReviewPanel(QWidget):
    """Every question with its answer (unanswered ones highlighted), then the score."""

    go_to_question = Signal(int)

    def __init__(self, form: LoadedForm, questions: Sequence[Question], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.questions = questions
        self.rows = QGridLayout()
        self.rows.setColumnStretch(1, 1)
        body = QWidget()
        body.setLayout(self.rows)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setAccessibleName(self.tr("Answers given"))
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the buttons inside take the focus
        self.score = label(role="stem")
        self.finish_button = button(self.tr("Finish (Enter)"), self.tr("Finish the questionnaire"))
        layout = QVBoxLayout(self)
        layout.addWidget(label(self.tr("Check the answers. Press a question to change its answer."), "muted"))
        layout.addWidget(scroll, 3)
        layout.addWidget(self.score)
        layout.addWidget(self.finish_button)
        self.answer_labels: list[QWidget] = []
        self.change_buttons: list[QPushButton] = []

    def show_answers(self, answers: dict[str, int | None], asked: set[int], result: ScoreResult) -> None:
        clear_layout(self.rows)
        self.answer_labels, self.change_buttons = [], []
        for position, question in enumerate(self.questions):
            # A question without a number (PHQ-9's difficulty question) is named by its words.
            number = str(question.item) if question.item is not None else "-"
            go = button(number, self.tr("Change the answer to question {number}: {text}").format(number=number, text=question.text)
                        if question.item is not None else self.tr("Change the answer to: {text}").format(text=question.text),
                        lambda p=position: self.go_to_question.emit(p))
            go.setMaximumWidth(80)
            go.show()  # now, so the runner can give the focus to the review's buttons
            self.change_buttons.append(go)
            text = label(question.text)
            answer = label(self._answer_text(question, answers.get(question.key), position in asked))
            unanswered = position in asked and answers.get(question.key) is None
            answer.setProperty("unanswered", unanswered)
            self.rows.addWidget(go, position, 0)
            self.rows.addWidget(text, position, 1)
            self.rows.addWidget(answer, position, 2)
            self.answer_labels.append(answer)
        self.score.setText("\n".join(describe_score(result)))
        self.finish_button.setAccessibleDescription(self.score.text())

    @staticmethod
    def _answer_text(question: Question, value: int | None, asked: bool) -> str:
        if not asked:
            return "Not asked (skip rule)"
        if value is None:
            return "Not answered"
        return next((o.label for o in question.options if o.value == value), str(value))


class LineChart(QWidget):
    """One instrument's totals over time, drawn with QPainter (no chart library to ship)."""

    def __init__(self, title: str, points: list[tuple[datetime, float]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.points = points
        self.setMinimumHeight(180)
        values = ", ".join(f"{uk_date(when.date())}: {value:g}" for when, value in points)
        self.setAccessibleName(self.tr("{title} scores over time: {values}").format(title=title, values=values))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.palette().windowText().color()
        metrics = painter.fontMetrics()
        margin_left = metrics.horizontalAdvance("0000") + 12
        # Room above the plot for the title and a value label over the highest point.
        top = 2 * metrics.height() + 8
        area = QRectF(margin_left, top, self.width() - margin_left - 16,
                      self.height() - top - metrics.height() - 12)
        painter.setPen(QPen(colour, 1))
        painter.drawText(QPointF(margin_left, metrics.ascent() + 2), self.title)
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        values = [v for _, v in self.points]
        low, high = min(0.0, min(values)), max(values) or 1.0
        painter.drawText(QPointF(4, area.top() + metrics.ascent()), f"{high:g}")
        painter.drawText(QPointF(4, area.bottom()), f"{low:g}")
        step = area.width() / max(1, len(values) - 1)
        where = [QPointF(area.left() + i * step, area.bottom() - (v - low) / (high - low) * area.height())
                 for i, v in enumerate(values)]
        painter.setPen(QPen(self.palette().highlight().color(), 3))
        painter.drawPolyline(where)
        for point in where:
            painter.drawEllipse(point, 4, 4)
        painter.setPen(QPen(colour, 1))
        for point, (when, value) in zip(where, self.points):
            text = uk_date(when.date())
            width = metrics.horizontalAdvance(text)
            left = min(max(0.0, point.x() - width / 2), self.width() - width - 2)
            painter.drawText(QPointF(left, area.bottom() + metrics.height() + 4), text)
            shown = f"{value:g}"
            right = min(point.x() + 6, self.width() - metrics.horizontalAdvance(shown) - 2)
            painter.drawText(QPointF(right, point.y() - 6), shown)
        painter.end()


class ResultsPanel(QWidget):
    """Every completed administration of a case: date, instrument, score, band, given by."""

    def __init__(self, who: Callable[[int], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.who = who
        self.table = read_only_table(0, 5, self.tr("Questionnaire results"))
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Questionnaire"), self.tr("Score"), self.tr("Band"), self.tr("Completed")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(160)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.charts = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Results")))
        layout.addWidget(self.table)
        layout.addLayout(self.charts)
        layout.addStretch(1)

    def _completed(self, administration: Administration) -> str:
        # A handed-over questionnaire is the person's own answers, not given by the worker.
        if administration.mode == AdministrationMode.HAND_OVER:
            return "By the person"
        return f"With {self.who(administration.started_by)}"

    def show_administrations(self, administrations: list[Administration]) -> None:
        done = sorted((a for a in administrations if a.status != AdministrationStatus.DRAFT),
                      key=lambda a: a.completed_at or a.started_at)
        self.table.setRowCount(len(done))
        series: dict[str, list[tuple[datetime, float]]] = {}
        for row, administration in enumerate(done):
            result = scoring.score(administration.instrument_id, administration.item_answers())
            when = administration.completed_at or administration.started_at
            cells = (uk_datetime(when), forms.load_form(administration.instrument_id).short_title,
                     "not scorable" if result.total is None else headline_score(result).removeprefix("Score "),
                     band_label(result.band, QCoreApplication.translate) if result.band else "-", self._completed(administration))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if result.total is not None:
                series.setdefault(administration.instrument_id, []).append((when, result.total))
        clear_layout(self.charts)
        for instrument_id, points in series.items():
            if len(points) > 1:
                self.charts.addWidget(LineChart(forms.load_form(instrument_id).short_title, points))
