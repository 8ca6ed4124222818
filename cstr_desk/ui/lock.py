"""Locking: the idle timer and the lock screen.

A court laptop is left open in interview rooms and cells, so the app locks itself after a few
idle minutes (SiteSettings.idle_lock_minutes) and on Ctrl+L. The main window destroys every
widget that shows personal data before this screen appears; this screen shows none.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QVBoxLayout, QWidget

from cstr_desk.store import Session, StoreError, WrongPassword
from cstr_desk.ui.widgets import button, heading, label, line_edit, set_error
from cstr_desk.ui.worker import Worker

_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
}


class IdleWatcher(QObject):
    """Application-wide event filter: any key, click, move or touch restarts the countdown."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # A coarse timer may keep its old deadline when restarted; each key press must count.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self._timer.setInterval(minutes * 60_000)

    def interval_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False


class LockScreen(QWidget):
    """Asks the signed-in user for their password again; nothing personal is on it."""

    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setAccessibleName(self.tr("CSTR Desk is locked"))
        self._worker = Worker(self)
        self._worker.finished.connect(self._done)
        self._worker.failed.connect(self._failed)
        self.password = line_edit(self.tr("Password to unlock"), password=True)
        self.password.returnPressed.connect(self.submit)
        self.unlock_button = button(self.tr("Unlock"), self.tr("Unlock"), self.submit)
        self.sign_out_button = button(self.tr("Sign out"), self.tr("Sign out instead"), self.sign_out_requested.emit)
        self.error = label(role="error")
        self.error.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("&Password"), self.password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(heading(self.tr("CSTR Desk is locked")))
        layout.addWidget(label(self.tr("Signed in as {full_name}. Type your password to carry on where you were.").format(full_name=session.user.full_name), "muted"))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.unlock_button)
        layout.addWidget(self.sign_out_button)
        layout.addStretch(1)

    def focus_password(self) -> None:
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        password = self.password.text()
        if self._worker.busy or not password:
            return
        self.password.clear()
        self.unlock_button.setEnabled(False)
        set_error(self.error, self.tr("Checking ..."))
        session = self.session
        self._worker.start(lambda: session.unlock(password))

    def _done(self, _result: object) -> None:
        self.unlock_button.setEnabled(True)
        set_error(self.error, "")
        self.unlocked.emit()

    def _failed(self, error: Exception) -> None:
        self.unlock_button.setEnabled(True)
        set_error(self.error, password_only_message(error))
        self.focus_password()


def password_only_message(error: Exception) -> str:
    """The store's words, except that where only a password is asked for there is no username
    to be wrong (issue 14)."""
    if isinstance(error, WrongPassword):
        return "That password is not right. Please try again."
    return error.message if isinstance(error, StoreError) else str(error)


class PasswordCheckDialog(QDialog):
    """The signed-in user's password, checked by the store, before leaving hand-over mode: the
    person holding the tablet must not reach the case list (or anyone else's case)."""

    def __init__(self, session: Session, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        self._worker = Worker(self)
        self._worker.finished.connect(lambda _r: self.accept())
        self._worker.failed.connect(self._failed)
        self.password = line_edit(self.tr("Practitioner's password"), password=True)
        self.password.returnPressed.connect(self.submit)
        self.ok_button = button(self.tr("Check password"), self.tr("Check the password"), self.submit)
        # Enter checks the password: with no default button a dialog's Enter pressed Cancel,
        # closing the prompt silently after a wrong password (issue 14).
        self.ok_button.setDefault(True)
        self.cancel_button = button(self.tr("Cancel"), self.tr("Cancel and stay in hand-over mode"), self.reject)
        self.cancel_button.setAutoDefault(False)
        self.error = label(role="error")
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(label(prompt))
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.ok_button)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)

    def submit(self) -> None:
        password = self.password.text()
        if self._worker.busy or not password:
            return
        self.password.clear()
        self.ok_button.setEnabled(False)
        session = self.session
        # Session.unlock re-checks this user's password through their key slot (and counts
        # failures like sign-in does); it is the store's one password check for an open session.
        self._worker.start(lambda: session.unlock(password))

    def _failed(self, error: Exception) -> None:
        self.ok_button.setEnabled(True)
        set_error(self.error, password_only_message(error))
        self.password.setFocus()
