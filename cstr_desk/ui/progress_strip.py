"""The case's progress strip: the court day's steps in a row, each done, current, blocked, to
come or not needed, and the one thing this user can do next as a button. The steps and their
states come from `workflow.progress`; this widget only words and draws them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from cstr_desk.pathway_words import action_words, reason_words
from cstr_desk.ui.plain_words import plain_words
from cstr_desk.ui.widgets import button, label
from cstr_desk.ui.words import Words
from cstr_desk.workflow.pathway import Action
from cstr_desk.workflow.progress import CaseProgress, Step, StepState
from cstr_desk.workflow.reasons import Reason

# A mark as well as a colour, so the state does not rest on colour alone.
_MARKS: dict[StepState, str] = {
    StepState.DONE: "✓",
    StepState.CURRENT: "▶",
    StepState.BLOCKED: "■",
    StepState.TO_COME: "○",
    StepState.NOT_NEEDED: "–",
}
_WORDS: Words[StepState] = Words("progress_strip", {
    StepState.DONE: QT_TRANSLATE_NOOP("progress_strip", "done"),
    StepState.CURRENT: QT_TRANSLATE_NOOP("progress_strip", "next"),
    StepState.BLOCKED: QT_TRANSLATE_NOOP("progress_strip", "waiting"),
    StepState.TO_COME: QT_TRANSLATE_NOOP("progress_strip", "to come"),
    StepState.NOT_NEEDED: QT_TRANSLATE_NOOP("progress_strip", "not needed"),
})
STEP_WORDS: Words[Step] = Words("progress_strip", {
    Step.REFERRAL: QT_TRANSLATE_NOOP("progress_strip", "Referral"),
    Step.SCREENING: QT_TRANSLATE_NOOP("progress_strip", "Screening"),
    Step.ASSESSMENT: QT_TRANSLATE_NOOP("progress_strip", "Assessment"),
    Step.CONSENT: QT_TRANSLATE_NOOP("progress_strip", "Consent"),
    Step.DECISION: QT_TRANSLATE_NOOP("progress_strip", "Clinical Lead decision"),
    Step.SIGN_OFF: QT_TRANSLATE_NOOP("progress_strip", "Sign-off"),
    Step.REPORT: QT_TRANSLATE_NOOP("progress_strip", "Report"),
    Step.SENTENCE: QT_TRANSLATE_NOOP("progress_strip", "Sentence"),
    Step.TREATMENT: QT_TRANSLATE_NOOP("progress_strip", "Treatment"),
})
_ROLES: dict[StepState, str | None] = {
    StepState.DONE: None,
    StepState.CURRENT: "stem",
    StepState.BLOCKED: "warning",
    StepState.TO_COME: "muted",
    StepState.NOT_NEEDED: "muted",
}


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


class ProgressStrip(QWidget):
    next_requested = Signal(object)  # the pathway Action of the next step

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Case progress"))
        self.row = QHBoxLayout()
        self.row.setSpacing(12)
        self.step_labels: list = []
        self.status = label()
        self.next_button = button("", self.tr("Go to the next step"), self._next)
        self.next_button.setVisible(False)
        self._action: Action | None = None
        under = QHBoxLayout()
        under.addWidget(self.status, 1)
        under.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.row)
        layout.addLayout(under)

    def show_progress(self, progress: CaseProgress) -> None:
        while self.row.count():
            widget = self.row.takeAt(0).widget()
            widget.setParent(None)
            widget.deleteLater()
        self.step_labels = []
        for step in progress.steps:
            name = STEP_WORDS[step.step]
            item = label(f"{_MARKS[step.state]} {name}", _ROLES[step.state])
            item.setProperty("state", step.state.value)
            reason = plain_words(self._words(step.reason)) if step.reason else ""
            described = f"{name}: {_WORDS[step.state]}" + (f". {reason}" if reason else "")
            item.setToolTip(described)
            item.setAccessibleName(described)
            # Equal shares: at extra-large text a long name wraps instead of widening the window.
            self.row.addWidget(item, 1)
            self.step_labels.append(item)
        self._action = progress.next_action
        blocked = next((s for s in progress.steps if s.state == StepState.BLOCKED), None)
        if progress.next_action is not None:
            text = self.tr("Next for you: {action}.").format(
                action=action_words(progress.next_action, QCoreApplication.translate))
        elif blocked is not None and blocked.reason is not None:
            reason = plain_words(self._words(blocked.reason))
            text = f"{STEP_WORDS[blocked.step]}: {reason[:1].lower()}{reason[1:]}"
        else:
            text = self.tr("Nothing is waiting on this case.")
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.next_button.setVisible(progress.next_action is not None)
        if progress.next_action is not None:
            words = sentence_case(action_words(progress.next_action, QCoreApplication.translate))
            self.next_button.setText(words)
            self.next_button.setAccessibleName(self.tr("Next step: {words}").format(words=words))

    @staticmethod
    def _words(reason: Reason) -> str:
        return reason_words(reason, QCoreApplication.translate)

    @property
    def next_action(self) -> Action | None:
        return self._action

    def _next(self) -> None:
        if self._action is not None:
            self.next_requested.emit(self._action)
