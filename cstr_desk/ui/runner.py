"""The questionnaire runner, generic over `forms/`: one question per page, digit keys, review.

Every answer is saved the moment it is given (Session.record_answer, with the position to resume
at), so closing the app mid-questionnaire loses nothing. Digit n picks the n-th option as
printed: the same key for the same place on every form, whatever the option values are (K10 counts
from 1, PHQ-9 from 0), and the key is printed on each button.

Hand-over mode is for the person to answer alone on a tablet: larger text, no case details, no
navigation out, and a risk prompt is held back until the practitioner has the device again
(Manual §4.2 risk: the practitioner acts on it; the person must not be alarmed by it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QProgressBar, QPushButton, QScrollArea, QStackedWidget, QVBoxLayout, QWidget,
)

import forms
import scoring
from cstr_desk.domain import Administration, AuditAction
from cstr_desk.score_words import band_label
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.prompts import AcknowledgePrompt
from cstr_desk.ui.results import ReviewPanel
from cstr_desk.ui.widgets import button, clear_layout, heading, label
from cstr_desk.workflow import operations
from cstr_desk.workflow.escalation import Escalation, escalation_for, record_escalation_prompt
from cstr_desk.workflow.errors import ActionRefused
from forms.schema import LoadedForm, ResponseOption

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


@dataclass(frozen=True)
class Question:
    key: str  # what record_answer stores: the item number as text, or the extra question's id
    item: int | None
    text: str
    options: tuple[ResponseOption, ...]
    risk: bool


def questions_of(form: LoadedForm) -> list[Question]:
    asked = [Question(str(i.number), i.number, i.text, form.options_for(i.number), i.risk_item) for i in form.items]
    return asked + [Question(q.id, None, q.text, q.options, False) for q in form.extra_questions]


class QuestionPage(QWidget):
    """One question: the stem and time frame, the item, one large button per option."""

    chosen = Signal(int)  # index of the option

    def __init__(self, form: LoadedForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.item_text = label(role="item")
        self.item_text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.buttons_box = QVBoxLayout()
        self.buttons_box.setSpacing(6)
        self.option_buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.item_text)
        layout.addSpacing(8)
        layout.addLayout(self.buttons_box)
        layout.addStretch(1)

    def show_question(self, question: Question, current: int | None, progress: str = "") -> None:
        self.item_text.setText(question.text)
        clear_layout(self.buttons_box)
        self.option_buttons = []
        for index, option in enumerate(question.options):
            widget = button(f"{index + 1}    {option.label}", self.tr("Answer {0}: {label}").format(index + 1, label=option.label))
            widget.setProperty("role", "answer")
            widget.setCheckable(True)
            widget.setChecked(current is not None and option.value == current)
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            # The focus moves to the answers with each question, and a screen reader reads the
            # question with the answer it lands on.
            widget.setAccessibleDescription(f"{progress}: {question.text}" if progress else question.text)
            widget.clicked.connect(lambda _checked=False, i=index: self.chosen.emit(i))
            self.buttons_box.addWidget(widget)
            widget.show()  # now, not on the next turn of the event loop, so it can take the focus
            self.option_buttons.append(widget)


# The form files keep the published wording whole, paper instructions and provenance notes
# included; on screen those read as noise (issue 14): there is no box to write in, and which web
# page shows which copyright line is for the form's maintainers, not the person answering.
_PAPER_ONLY = re.compile(r"\s*Place the correct answer number in the box at the right\.")
_PROVENANCE = re.compile(r"\s*\([^()]*\bpage instead shows\b[^()]*\)")


def on_screen(text: str) -> str:
    return _PROVENANCE.sub("", _PAPER_ONLY.sub("", text)).strip()


class Runner(QWidget):
    """Runs one administration. `finished(id)` after Finish; `hand_back_requested()` when the
    person is done in hand-over mode (the main window asks for the practitioner's password)."""

    finished = Signal(int)
    closed = Signal(int)
    hand_back_requested = Signal()
    notice = Signal(str)

    def __init__(self, session: Session, administration_id: int, hand_over: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.administration: Administration = session.get_administration(administration_id)
        self.form = forms.load_form(self.administration.instrument_id)
        self.questions = questions_of(self.form)
        self.answers: dict[str, int | None] = {q: a.value for q, a in self.administration.answers.items()}
        self.position = min(self.administration.position, len(self.questions))
        self.hand_over = hand_over
        self._undo: list[tuple[str, int | None, int]] = []
        self._retry: Callable[[], None] | None = None
        self.risk_prompt: AcknowledgePrompt | None = None
        self.escalation_prompt: AcknowledgePrompt | None = None
        self.held_risk_items: list[int] = []
        self.setAccessibleName(self.tr("{short_title} questionnaire").format(short_title=self.form.short_title))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build()
        self.set_hand_over(hand_over)
        self.go_to(self.position)

    @property
    def administration_id(self) -> int:
        return self.administration.id

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        # The short name keeps the header to one line at extra large text; the full title is in
        # the accessible name and the About box.
        self.title = heading(self.form.short_title)
        self.title.setAccessibleName(self.form.title)
        self.title.setToolTip(self.form.title)
        self.progress_text = label(role="muted")
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress through the questionnaire"))
        self.progress.setRange(0, len(self.questions))
        self.progress.setTextVisible(False)
        # The stem and time frame stay in view on every page, outside the scrolling part; some
        # stems already carry the time frame, and a long one (AUDIT's interviewer instructions)
        # is set at body size so the answers keep the room.
        form = self.form
        shown = on_screen(form.stem)
        stem = shown if form.time_frame.lower() in shown.lower() else f"{form.time_frame}. {shown}"
        self.stem = label(stem, "stem" if len(stem) <= 120 else None)
        self.question_page = QuestionPage(self.form)
        self.question_page.chosen.connect(self.choose)
        self.review = ReviewPanel(self.form, self.questions)
        self.review.go_to_question.connect(self.go_to)
        self.review.finish_button.clicked.connect(self.finish)
        self.thanks = QWidget()
        thanks_layout = QVBoxLayout(self.thanks)
        thanks_layout.addWidget(heading(self.tr("Thank you. That is all the questions.")))
        thanks_layout.addWidget(label(self.tr("Please hand the device back to the practitioner."), "stem"))
        thanks_layout.addWidget(button(self.tr("Hand back to the practitioner"), self.tr("Hand back to the practitioner"),
                                       self.hand_back_requested.emit))
        thanks_layout.addStretch(1)
        self.pages = QStackedWidget()
        # Long items at extra large text scroll rather than push the window past a 768 px screen.
        self.question_scroll = QScrollArea()
        self.question_scroll.setWidgetResizable(True)
        self.question_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.question_scroll.setWidget(self.question_page)
        self.question_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the answers take the focus
        for page in (self.question_scroll, self.review, self.thanks):
            self.pages.addWidget(page)
        self.back_button = button(self.tr("Back (Backspace)"), self.tr("Back to the previous question"), self.back)
        self.skip_button = button(self.tr("Skip (S)"), self.tr("Skip this question"), self.skip)
        self.undo_button = button(self.tr("Undo (Ctrl+Z)"), self.tr("Undo the last answer"), self.undo)
        self.review_button = button(self.tr("Review (R)"), self.tr("Review all answers"), lambda: self.go_to(len(self.questions)))
        self.close_button = button(self.tr("Close, keep as draft"), self.tr("Close the questionnaire and keep it as a draft"),
                                   lambda: self.closed.emit(self.administration_id))
        self.hand_back_button = button(self.tr("Hand back"), self.tr("Hand back to the practitioner"), self.hand_back_requested.emit)
        nav = QHBoxLayout()
        for widget in (self.back_button, self.skip_button, self.undo_button, self.review_button):
            nav.addWidget(widget)
        nav.addStretch(1)
        nav.addWidget(self.hand_back_button)
        nav.addWidget(self.close_button)
        self.copyright = label(on_screen(self.form.copyright), "copyright")
        self.save_problem = QFrame()
        self.save_problem.setAccessibleName(self.tr("Answer not saved"))
        self.save_problem_text = label(role="error")
        self.retry_button = button(self.tr("Try again"), self.tr("Try saving the answer again"), self.retry_save)
        problem_row = QHBoxLayout(self.save_problem)
        problem_row.addWidget(self.save_problem_text, 1)
        problem_row.addWidget(self.retry_button)
        self.save_problem.hide()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.progress_text)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.stem)
        layout.addWidget(self.save_problem)
        layout.addWidget(self.pages, 1)
        layout.addLayout(nav)
        layout.addWidget(self.copyright)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def set_hand_over(self, on: bool) -> None:
        self.hand_over = on
        self.setProperty("handover", on)
        for widget in (self.close_button, self.review_button):
            widget.setVisible(not on)
        self.hand_back_button.setVisible(on)
        self.style().unpolish(self)
        self.style().polish(self)
        for child in self.findChildren(QWidget):
            child.style().unpolish(child)
            child.style().polish(child)
        if not on:
            self.show_held_risk_prompt()
        self.go_to(self.position)

    # --- navigation -----------------------------------------------------------------------

    def item_answers(self) -> dict[int, int | None]:
        return {int(k): v for k, v in self.answers.items() if k.isdigit()}

    def asked_positions(self) -> list[int]:
        applicable = set(scoring.applicable_items(self.form.id, self.item_answers()))
        return [p for p, q in enumerate(self.questions) if q.item is None or q.item in applicable]

    def go_to(self, position: int) -> None:
        self.position = max(0, min(position, len(self.questions)))
        if self.position == len(self.questions):
            self._show_end()
        else:
            question = self.questions[self.position]
            asked = self.asked_positions()
            number = asked.index(self.position) + 1 if self.position in asked else self.position + 1
            self.progress_text.setText(self.tr("Question {number} of {asked}").format(number=number, asked=len(asked)))
            self.question_page.show_question(question, self.answers.get(question.key),
                                             self.progress_text.text())
            self.pages.setCurrentWidget(self.question_scroll)
            self.progress.setMaximum(len(asked))
            self.progress.setValue(number - 1)
        self.back_button.setEnabled(self.position > 0)
        self.skip_button.setEnabled(self.position < len(self.questions))
        self.undo_button.setEnabled(bool(self._undo))
        self.focus_page()

    def focus_page(self) -> None:
        """Tab goes through what the page asks first (the answers, or the review's questions and
        Finish), then the navigation; the focus lands on the answer given, else the first."""
        if self.pages.currentWidget() is self.question_scroll:
            page = self.question_page.option_buttons
            landing = next((b for b in page if b.isChecked()), page[0] if page else None)
        elif self.pages.currentWidget() is self.review:
            page = [*self.review.change_buttons, self.review.finish_button]
            landing = self.review.finish_button
        else:
            page, landing = [], None
        chain = [*page, self.back_button, self.skip_button, self.undo_button, self.review_button,
                 self.hand_back_button, self.close_button]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)
        (landing or self).setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_end(self) -> None:
        asked = self.asked_positions()
        self.progress.setMaximum(len(asked))
        self.progress.setValue(len(asked))
        if self.hand_over:
            self.progress_text.setText(self.tr("Finished"))
            self.pages.setCurrentWidget(self.thanks)
            return
        self.progress_text.setText(self.tr("Review"))
        self.review.show_answers(self.answers, set(asked), self._score())
        self.pages.setCurrentWidget(self.review)

    def _score(self) -> scoring.ScoreResult:
        return scoring.score(self.form.id, self.item_answers())

    def next_position(self, after: int) -> int:
        return next((p for p in self.asked_positions() if p > after), len(self.questions))

    def back(self) -> None:
        earlier = [p for p in self.asked_positions() if p < self.position]
        if earlier:
            self.go_to(earlier[-1])

    def skip(self) -> None:
        if self.position < len(self.questions):
            self._record(self.questions[self.position].key, None, retry=self.skip)

    # --- answering ------------------------------------------------------------------------

    def choose(self, option_index: int) -> None:
        if self.risk_prompt is not None:
            self.risk_prompt.answer_key_refused()
            return
        if self.position >= len(self.questions):
            return
        question = self.questions[self.position]
        if option_index >= len(question.options):
            return
        self._answer(question, question.options[option_index].value)

    def _answer(self, question: Question, value: int) -> None:
        saved = self._record(question.key, value, retry=lambda: self._answer(question, value))
        if saved and question.risk and value:
            self._risk_answered(question.item)

    def _record(self, key: str, value: int | None, retry: Callable[[], None]) -> bool:
        """Saved first, shown after: the answer, and the answers it makes skipped (cleared),
        are one transaction, and only once it commits does the screen move on. If it fails,
        the screen keeps what is saved and says so, with a way to try again."""
        before = dict(self.answers)
        self.answers[key] = value
        following = self.next_position(self.position)
        cleared = self._newly_skipped()
        try:
            with self.session.transaction():
                self.session.record_answer(self.administration_id, key, value, following)
                for skipped in cleared:
                    self.session.record_answer(self.administration_id, skipped, None, following)
        except StoreError as error:
            self.answers = before
            self._save_failed(error, retry)
            return False
        for skipped in cleared:
            self.answers[skipped] = None
        self._undo.append((key, before.get(key), self.position))
        self._saved()
        self.go_to(following)
        return True

    def _newly_skipped(self) -> list[str]:
        # A skipped item must be empty or 0 (WHO AUDIT 2001 skip instructions): when a changed
        # answer now skips items that were answered, those answers no longer stand.
        asked = {q.item for p, q in enumerate(self.questions) if p in self.asked_positions()}
        return [q.key for q in self.questions
                if q.item is not None and q.item not in asked and self.answers.get(q.key)]

    def undo(self) -> None:
        if not self._undo or self.risk_prompt is not None:
            return
        key, previous, position = self._undo[-1]
        try:
            self.session.record_answer(self.administration_id, key, previous, position)
        except StoreError as error:
            self._save_failed(error, self.undo, "The undo")
            return
        self._undo.pop()
        self.answers[key] = previous
        self._saved()
        self.notice.emit(self.tr("Last answer undone."))
        self.go_to(position)

    def _save_failed(self, error: StoreError, retry: Callable[[], None],
                     what: str = "That answer") -> None:
        self._retry = retry
        later = ("hand the device back to the practitioner" if self.hand_over else
                 "close the questionnaire and carry on later")
        self.save_problem_text.setText(self.tr("{what} was not saved. {message} You can also {later}.").format(what=what, message=error.message, later=later))
        self.save_problem.show()
        self.retry_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _saved(self) -> None:
        self._retry = None
        self.save_problem.hide()

    def retry_save(self) -> None:
        if self._retry is not None:
            self._retry()

    def finish(self) -> None:
        if self.hand_over or self.position != len(self.questions):
            return
        try:
            done = operations.complete_administration(self.session, self.administration_id).record
        except (StoreError, ActionRefused) as error:
            self.review.score.setText(error.message)
            return
        escalation = escalation_for(done)
        if escalation is None:
            self.finished.emit(self.administration_id)
            return
        self._open_escalation_prompt(done, escalation)

    def _open_escalation_prompt(self, done: Administration, escalation: Escalation) -> None:
        prompt = AcknowledgePrompt(
            "Tell the Court Duty Officer",
            f"{self.form.short_title} score {escalation.total:g}: {band_label(escalation.band, QCoreApplication.translate)}.\n\n"
            "Please tell the Court Duty Officer now, so the mental health provider can be told "
            "once a plea is taken.",
            "I will tell the Court Duty Officer now",
            "Acknowledge: I will tell the Court Duty Officer now", self)

        def acknowledged(_result: int) -> None:
            record_escalation_prompt(self.session, done, escalation)
            self.notice.emit(self.tr("Recorded: the Court Duty Officer is to be told."))
            self.finished.emit(self.administration_id)

        prompt.finished.connect(acknowledged)
        self.escalation_prompt = prompt
        prompt.open()

    # --- risk -----------------------------------------------------------------------------

    def _risk_answered(self, item: int | None) -> None:
        if self.hand_over:
            self.held_risk_items.append(item or 0)
            self.session.audit(AuditAction.UPDATE, "administration", self.administration_id,
                               detail=f"risk item {item} answered above zero in hand-over mode; "
                               "prompt held until hand-back")
            return
        self._open_risk_prompt([item or 0])

    def show_held_risk_prompt(self) -> None:
        """Shown after hand-back, and on resuming a draft whose risk answer was never acknowledged."""
        pending = self.held_risk_items or self._unacknowledged_risk_items()
        if pending and self.risk_prompt is None:
            self._open_risk_prompt(pending)

    def _unacknowledged_risk_items(self) -> list[int]:
        if self.administration.risk_prompt_acknowledged_at is not None:
            return []
        return [q.item for q in self.questions if q.risk and q.item and self.answers.get(q.key)]

    def _open_risk_prompt(self, items: list[int]) -> None:
        listed = ", ".join(str(i) for i in sorted(set(items)))
        prompt = AcknowledgePrompt(
            "Risk: act now",
            f"{self.form.short_title} item {listed} was answered above zero.\n\n"
            "Please complete the risk assessment and crisis plan with the person before they leave.",
            "I will complete the risk assessment",
            "Acknowledge: I will complete the risk assessment and crisis plan", self,
            source="Manual §4.2: risk, self-harm and suicide; a crisis plan where needed.")
        prompt.finished.connect(self._risk_acknowledged)
        self.risk_prompt = prompt
        prompt.open()

    def _risk_acknowledged(self, _result: int) -> None:
        self.session.acknowledge_risk_prompt(self.administration_id)
        self.administration = self.session.get_administration(self.administration_id)
        self.held_risk_items = []
        if self.risk_prompt is not None:
            self.risk_prompt.deleteLater()
        self.risk_prompt = None
        self.notice.emit(self.tr("Risk prompt acknowledged and recorded."))
        self.window().activateWindow()  # the keys come back to the questions, not to nowhere
        self.focus_page()

    # --- keys -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        on_question = self.pages.currentWidget() is self.question_scroll
        if self.risk_prompt is not None and (key in _DIGITS or key in (Qt.Key.Key_S, Qt.Key.Key_Backspace)):
            self.risk_prompt.answer_key_refused()  # the prompt comes first, and says so
        elif key in _DIGITS and on_question:
            self.choose(_DIGITS[key] - 1)
        elif key == Qt.Key.Key_Backspace:
            self.back()
        elif key == Qt.Key.Key_S and on_question:
            self.skip()
        elif key == Qt.Key.Key_R and not self.hand_over:
            self.go_to(len(self.questions))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.pages.currentWidget() is self.review:
            self.finish()
        else:
            super().keyPressEvent(event)
