"""The desktop app's entry point and its top-level flow: set-up on first run, then sign-in, then
the main window; signing out or locking never leaves a window with personal data behind."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from cstr_desk.ui.fault_hook import install_fault_hook
from cstr_desk.ui.pseudo_locale import install_pseudo_locale_if_asked
from cstr_desk.ui.sign_in import SignInWindow
from cstr_desk.ui.theme import Preferences, apply_theme, default_database_path, load_bundled_fonts
from cstr_desk.ui.wheel import install_wheel_guard
from cstr_desk.ui.worker import Worker

if TYPE_CHECKING:
    from cstr_desk.store import Session
    from cstr_desk.ui.main_window import MainWindow
    from cstr_desk.ui.setup_wizard import SetupWizard

APP_NAME = "CSTR Desk"


class DeskApp(QObject):
    """Which top-level window is showing. Tests drive it through its attributes."""

    main_window_shown = Signal(object)

    def __init__(self, preferences: Preferences | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.preferences = preferences or Preferences()
        self.wizard: SetupWizard | None = None
        self.sign_in: SignInWindow | None = None
        self.main_window: MainWindow | None = None
        self._reopen: int | None = None
        install_wheel_guard(QApplication.instance())

    def start(self) -> None:
        path = self.preferences.database_path()
        # Any file there means sign-in, never set-up: set-up must not be offered over a file that
        # might be a database (if it is not one, signing in says so). Checking the file alone,
        # not Store.exists, keeps the store's imports out of the way of the first paint. A swap
        # journal (store/swap.py's journal_path) means a restore or re-key to finish, whose
        # database file may be moved aside for a moment.
        if path.is_file() or path.with_name(path.name + ".swap").is_file():
            self.show_sign_in()
        else:
            from cstr_desk.ui.setup_wizard import SetupWizard

            self.wizard = SetupWizard(path)
            self.wizard.completed.connect(self._set_up)
            self.wizard.show()

    def show_sign_in(self) -> None:
        self.sign_in = SignInWindow(self.preferences.database_path(),
                                    recent_usernames=self.preferences.recent_usernames())
        self.sign_in.signed_in.connect(self._signed_in)
        self.sign_in.show()
        # Load the rest of the core while the user types, so signing in does not wait for it.
        self._warm_up = Worker(self)
        self._warm_up.start(lambda: importlib.import_module("cstr_desk.workflow.operations"))

    def _set_up(self, session: Session, path: Path) -> None:
        self.preferences.remember_database_path(path)
        self.wizard.deleteLater()
        self.wizard = None
        self._signed_in(session)

    def _signed_in(self, session: Session) -> None:
        if self.sign_in is not None:
            self.sign_in.close()
            self.sign_in.deleteLater()
            self.sign_in = None
        from cstr_desk.ui.main_window import MainWindow

        self.preferences.remember_username(session.user.username)
        self.main_window = MainWindow(session, self.preferences)
        self.main_window.signed_out.connect(self._signed_out)
        self.main_window.switched_user.connect(self._switched_user)
        self.main_window.closed.connect(self._closed)
        self.main_window.show()
        if self._reopen is not None:
            # Switch user: the next person finds the same case open, at their own next step,
            # if their role may see it (open_case says so in plain words if not).
            self.main_window.open_case_for_next_step(self._reopen)
            self._reopen = None
        self.main_window_shown.emit(self.main_window)

    def _signed_out(self) -> None:
        self._drop_main_window()
        self.show_sign_in()

    def _switched_user(self, referral_id: int | None) -> None:
        """Signed out, remembering only which case was open (an id), for the next sign-in."""
        self._reopen = referral_id
        self._signed_out()

    def _closed(self) -> None:
        self._drop_main_window()

    def _drop_main_window(self) -> None:
        if self.main_window is not None:
            self.main_window.deleteLater()
            self.main_window = None


def prepare_application(argv: Sequence[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv or sys.argv))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    install_pseudo_locale_if_asked(app)
    family = load_bundled_fonts()
    font = app.font()
    font.setFamily(family)
    app.setFont(font)
    apply_theme(app, Preferences())
    return app


def run_app(argv: Sequence[str] | None = None) -> int:
    app = prepare_application(argv)
    install_fault_hook(default_database_path().parent)
    desk = DeskApp()
    desk.start()
    return app.exec()
