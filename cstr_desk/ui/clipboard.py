"""Personal text copied to the clipboard does not linger: it is cleared after 30 seconds and when
the app locks, but only if the clipboard still holds what we put there (the user may since have
copied something of their own)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication

CLEAR_AFTER_MS = 30_000


class PersonalClipboard(QObject):
    def __init__(self, parent: QObject | None = None, clear_after_ms: int = CLEAR_AFTER_MS) -> None:
        super().__init__(parent)
        self._copied: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear)

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._copied = text
        self._timer.start()

    def clear(self) -> None:
        self._timer.stop()
        clipboard = QGuiApplication.clipboard()
        if self._copied is not None and clipboard.text() == self._copied:
            clipboard.clear()
        self._copied = None
