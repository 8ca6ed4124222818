"""The sign-in window. The store does the counting and slowing after failures; this screen shows
its message as it is and keeps the username so only the password needs typing again."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QVBoxLayout, QWidget

from cstr_desk.ui.widgets import button, heading, label, line_edit, set_error
from cstr_desk.ui.worker import Worker

if TYPE_CHECKING:
    from cstr_desk.store import Session


def _open(database: Path, username: str, password: str) -> Session:
    # The store (pydantic models, SQLCipher, Argon2) is imported here, off the GUI thread, so the
    # sign-in window paints without waiting for it (bench/bench_ui.py measures start-up).
    store = importlib.import_module("cstr_desk.store")
    return store.open_with_password(database, username, password)


class SignInWindow(QDialog):
    """A dialog, so a screen reader is told it is in the sign-in dialog (a plain QWidget window
    is exposed on the accessibility bus as a "filler", not a window)."""

    signed_in = Signal(object)  # the open Session
    shown = Signal()  # first paint reached the screen (the start-up benchmark waits for it)

    def __init__(self, database: Path, site_name: str = "", parent: QWidget | None = None,
                 recent_usernames: list[str] | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(self.tr("CSTR Desk - sign in"))
        self.setAccessibleName(self.tr("Sign in to CSTR Desk"))
        self._worker = Worker(self)
        self._worker.finished.connect(self._opened)
        self._worker.failed.connect(self._failed)
        self._build(site_name, recent_usernames or [])

    def _build(self, site_name: str, recent: list[str]) -> None:
        self.username = line_edit(self.tr("Username"))
        self.password = line_edit(self.tr("Password"), password=True)
        self.sign_in_button = button(self.tr("Sign in"), self.tr("Sign in"), self.submit)
        self.sign_in_button.setDefault(True)
        self.error = label(role="error")
        self.error.setVisible(False)
        self.busy = label(self.tr("Opening the database ..."), "muted")
        self.busy.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("&Username"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addWidget(heading(self.tr("CSTR Desk")))
        if site_name:
            layout.addWidget(label(site_name, "muted"))
        layout.addWidget(label(self.tr("Database: {database}").format(database=self.database), "muted"))
        self.recent_buttons = []
        if recent:
            # Who used this laptop lately: one click instead of typing the username.
            people = QHBoxLayout()
            people.addWidget(label(self.tr("Recent:"), "muted"))
            for name in recent:
                choose = button(name, self.tr("Sign in as {name}").format(name=name), lambda n=name: self.choose_username(n))
                choose.setAutoDefault(False)
                self.recent_buttons.append(choose)
                people.addWidget(choose)
            people.addStretch(1)
            layout.addLayout(people)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.sign_in_button)
        layout.addStretch(1)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        self.setMinimumWidth(480)

    def choose_username(self, username: str) -> None:
        self.username.setText(username)
        self.password.clear()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        (self.password if self.username.text() else self.username).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.shown.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape would close a dialog, and with it the app; Enter is handled by the fields
        # (Enter in the username moves on to the password rather than signing in).
        if event.key() not in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            super().keyPressEvent(event)

    def submit(self) -> None:
        if self._worker.busy:
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            set_error(self.error, self.tr("Please type your username and your password."))
            return
        set_error(self.error, "")
        self._set_busy(True)
        database = self.database
        self._worker.start(lambda: _open(database, username, password))

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.username, self.password, self.sign_in_button):
            widget.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def _opened(self, session: Session) -> None:
        self._set_busy(False)
        self.password.clear()
        self.signed_in.emit(session)

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.password.clear()
        from cstr_desk.store import StoreError  # loaded by now: the failure came from the store

        message = error.message if isinstance(error, StoreError) else f"The database could not be opened: {error}"
        set_error(self.error, message)
        self.password.setFocus()
