"""The questionnaire's interrupting prompts: risk (an item answered above zero) and escalation
(a K10 'very high' result). Each must be acknowledged before answering goes on.

A prompt that opens mid-run catches the next keys, which were meant for the next question
(issue 14 item 10: they vanished without a word). So a prompt takes the focus itself, says that
answering waits for it and that Enter acknowledges, and when a digit arrives anyway it says the
answer was not recorded, rather than drop it silently.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMessageBox, QWidget

_ANSWER_KEYS = {getattr(Qt.Key, f"Key_{n}") for n in range(10)} | {Qt.Key.Key_S, Qt.Key.Key_Backspace}
NOT_RECORDED = ("That key was not recorded as an answer. Press Enter to acknowledge this first, "
                "then carry on with the questions.")


class AcknowledgePrompt(QMessageBox):
    """A window-modal warning with one acknowledging button, which has the focus and Enter."""

    def __init__(self, title: str, text: str, acknowledge: str, accessible: str, parent: QWidget,
                 source: str = "") -> None:
        super().__init__(QMessageBox.Icon.Warning, title,
                         f"{text}\n\nAnswering waits until you acknowledge this: press Enter.",
                         parent=parent)
        self.setAccessibleName(title)
        self.acknowledge = self.addButton(acknowledge, QMessageBox.ButtonRole.AcceptRole)
        self.acknowledge.setAccessibleName(accessible)
        if source:  # where the rule comes from: for whoever asks, not in the way of the text
            self.setToolTip(source)
            self.acknowledge.setToolTip(source)
        self.setDefaultButton(self.acknowledge)
        self.setEscapeButton(None)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.installEventFilter(self)
        self.acknowledge.installEventFilter(self)

    def open(self) -> None:
        super().open()
        self.take_keys()
        # The window system may activate the prompt only once it is on screen: ask again then.
        QTimer.singleShot(0, self.take_keys)

    def take_keys(self) -> None:
        if not self.isVisible():
            return
        self.activateWindow()
        self.acknowledge.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def answer_key_refused(self) -> None:
        """A digit reached the questions (or this prompt) while it was open: say so."""
        self.setInformativeText(NOT_RECORDED)
        self.take_keys()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in _ANSWER_KEYS:
            self.answer_key_refused()
            return True
        return super().eventFilter(watched, event)
