"""The administrator's users screen: add someone, set a new password, switch an account off,
re-key the database (issue 14: the wizard said the administrator "adds the other users", but
only the command line could, and not while the app was open). Every change is the store's own
account operation (`Session.add_user`, `change_password`, `remove_user`, `rekey`), which checks
the administrator's permission and audits it; this screen only gathers what they need and shows
their refusals.

Switching an account off re-keys the database (issue 13 item 3), as "Re-key now" does: the copy
under the new key is made off the GUI thread with its progress shown, and the new recovery key
is shown once (recovery_key.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QLayout, QListWidget, QListWidgetItem,
    QMessageBox, QProgressBar, QVBoxLayout, QWidget,
)

from cstr_desk.domain import Role, User
from cstr_desk.store import Rekeyed, RekeyUnfinished, Session, StoreError
from cstr_desk.ui.recovery_key import NewRecoveryKeyDialog
from cstr_desk.ui.widgets import button, heading, label, line_edit, set_error
from cstr_desk.ui.worker import Worker
from cstr_desk.ui.words import ROLE_WORDS


class _ProgressRelay(QObject):
    """The re-key reports progress on the worker's thread; a signal carries it to the GUI's."""

    moved = Signal(int, int)


def _describe(user: User) -> str:
    state = "" if user.active else " · switched off"
    return f"{user.full_name} ({user.username}) · {ROLE_WORDS[user.role]}{state}"


class UsersDialog(QDialog):
    session_closed = Signal()  # a re-key left for the next sign-in closed the session

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Users"))
        self.setAccessibleName(self.tr("Users"))
        self.users = QListWidget()
        self.users.setAccessibleName(self.tr("Accounts on this device"))
        self.users.currentRowChanged.connect(lambda _row: self._selection_changed())
        self.users.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.error = label(role="error")
        self.error.setVisible(False)
        # Not `self.done`: that would hide QDialog.done(), which Close and Escape call (a crash).
        self.confirmation = label(role="muted")
        self.new_key_dialog: NewRecoveryKeyDialog | None = None
        self._site = ""
        self._build_add()
        self._build_selected()
        self._build_rekey()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Users")))
        layout.addWidget(self.users, 1)
        layout.addWidget(self.selected_box)
        layout.addWidget(self.add_box)
        layout.addWidget(self.error)
        layout.addWidget(self.confirmation)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.progress)
        self.close_button = button(self.tr("Close"), self.tr("Close the users screen"), self.accept)
        self.close_button.setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.rekey_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        # The layout's own minimum, so the add form is never clipped (a fixed 560 px cut off
        # its button) and the re-key's progress rows get room when they show.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.resize(640, 560)
        self.refresh()

    def _build_add(self) -> None:
        self.add_box = QWidget()
        self.full_name = line_edit(self.tr("New user's full name"))
        self.username = line_edit(self.tr("New user's username"))
        self.role = QComboBox()
        self.role.setAccessibleName(self.tr("New user's role"))
        for role, text in ROLE_WORDS.items():
            self.role.addItem(text, role)
        self.password = line_edit(self.tr("New user's first password"), password=True)
        self.confirm = line_edit(self.tr("The first password again"), password=True)
        self.add_button = button(self.tr("Add user"), self.tr("Add this user"), self.add)
        self.confirm.returnPressed.connect(self.add)
        form = QFormLayout(self.add_box)
        form.addRow(label(self.tr("Add someone"), "stem"))
        form.addRow(self.tr("&Full name"), self.full_name)
        form.addRow(self.tr("&Username"), self.username)
        form.addRow(self.tr("&Role"), self.role)
        form.addRow(self.tr("&Password"), self.password)
        form.addRow(self.tr("Password &again"), self.confirm)
        form.addRow(self.add_button)

    def _build_selected(self) -> None:
        self.selected_box = QWidget()
        self.new_password = line_edit(self.tr("New password for the chosen user"), password=True)
        self.reset_button = button(self.tr("Set new password"), self.tr("Set a new password for the chosen user"),
                                   self.reset_password)
        self.new_password.returnPressed.connect(self.reset_password)
        self.remove_button = button(self.tr("Switch the account off"), self.tr("Switch the chosen account off: "
                                    "they can no longer sign in"), self.switch_off)
        row = QHBoxLayout(self.selected_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.new_password, 1)
        row.addWidget(self.reset_button)
        row.addWidget(self.remove_button)

    def _build_rekey(self) -> None:
        self.rekey_button = button(self.tr("Re-&key now ..."), self.tr("Give the database a new key and a new "
                                   "recovery key"), self.rekey_now)
        self.rekey_button.setAutoDefault(False)
        self.progress_text = label(role="muted")
        self.progress_text.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Re-keying the database"))
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self._relay = _ProgressRelay(self)
        self._relay.moved.connect(self._moved)
        self._worker = Worker(self)
        self._worker.finished.connect(self._rekeyed)
        self._worker.failed.connect(self._rekey_failed)
        self._after_rekey = ""

    # --- showing --------------------------------------------------------------------------

    def refresh(self) -> None:
        self.users.clear()
        for user in self.session.list_users():
            item = QListWidgetItem(_describe(user))
            item.setData(Qt.ItemDataRole.UserRole, user)
            self.users.addItem(item)
        self._selection_changed()

    def chosen(self) -> User | None:
        item = self.users.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _selection_changed(self) -> None:
        user = self.chosen()
        can_change = user is not None and user.active
        for widget in (self.new_password, self.reset_button):
            widget.setEnabled(can_change)
        self.remove_button.setEnabled(can_change and user.id != self.session.user.id)

    def _outcome(self, error: StoreError | None, done: str = "") -> bool:
        set_error(self.error, error.message if error is not None else "")
        self.confirmation.setText(done)
        return error is None

    # --- changing -------------------------------------------------------------------------

    def add(self) -> None:
        if self.password.text() != self.confirm.text():
            set_error(self.error, self.tr("The two passwords are not the same. Please type them again."))
            return
        name, username = self.full_name.text().strip(), self.username.text().strip()
        if not name or not username:
            set_error(self.error, self.tr("Please give the new user's full name and a username."))
            return
        user = User(username=username, full_name=name, role=Role(self.role.currentData()))
        try:
            self.session.add_user(user, self.password.text())
        except StoreError as error:
            self._outcome(error)
            return
        for field in (self.full_name, self.username, self.password, self.confirm):
            field.clear()
        self.refresh()
        self._outcome(None, self.tr("{name} can sign in now as “{username}”.").format(name=name, username=username))

    def reset_password(self) -> None:
        user = self.chosen()
        if user is None or not self.new_password.text():
            return
        try:
            self.session.change_password(user.username, self.new_password.text())
        except StoreError as error:
            self._outcome(error)
            return
        self.new_password.clear()
        self._outcome(None, self.tr("New password set for {full_name}. Tell them in person.").format(full_name=user.full_name))

    def switch_off(self) -> None:
        user = self.chosen()
        if user is None:
            return
        if not self._confirm_rekey(self.tr("Switch the account off"),
            f"Switch off {user.full_name}'s account? They will no longer be able to sign in. "
            "Their name stays in the audit trail, and the username is never given to anyone "
            "else.\n\nThe database then gets a new key, so an old copy of the key file opens "
            "nothing for them, and a new recovery key is shown once: have a printer or a pen "
            "ready. Everyone else keeps their password."):
            return
        self._start_rekey(lambda progress: self.session.remove_user(user.username, progress),
                          f"{user.full_name}'s account is switched off and the database has a "
                          "new key.")

    def rekey_now(self) -> None:
        if not self._confirm_rekey(self.tr("Re-key the database"),
            "Give the database a new key now? Everyone keeps their password. The old recovery "
            "key and any old copy of the key file (in a backup or a synced folder) stop "
            "working, and a new recovery key is shown once: have a printer or a pen ready. "
            "Backups made before now still open as they did."):
            return
        self._start_rekey(lambda progress: self.session.rekey(progress),
                          "The database has a new key.")

    def _confirm_rekey(self, title: str, question: str) -> bool:
        """Yes to a change that re-keys the database; Cancel is the default."""
        answer = QMessageBox.question(
            self, title, question + self._left_out_warning(),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def _left_out_warning(self) -> str:
        try:
            left_out = self.session.accounts_a_rekey_leaves_out()
        except StoreError:
            return ""
        if not left_out:
            return ""
        return ("\n\nThese accounts have not signed in since this version and will need a new "
                "password from you afterwards: " + ", ".join(left_out) + ".")

    # --- re-keying, off the GUI thread ---------------------------------------------------

    def _start_rekey(self, work: Callable[[Callable[[int, int], None]], Rekeyed],
                     done: str) -> None:
        if self._worker.busy:
            return
        self._after_rekey = done
        self._site = self._site_name()  # the session may be closed when the key is printed
        self._outcome(None)
        self._set_busy(True)
        emit = self._relay.moved.emit
        self._worker.start(lambda: work(emit))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.users, self.selected_box, self.add_box, self.rekey_button,
                       self.close_button):
            widget.setEnabled(not busy)
        self.progress_text.setText(self.tr("Re-keying the database: copying every record under the "
                                   "new key ...") if busy else "")
        self.progress_text.setVisible(busy)
        self.progress.setValue(0)
        self.progress.setVisible(busy)

    def _moved(self, done: int, total: int) -> None:
        self.progress.setValue(done * 100 // max(total, 1))

    def _rekeyed(self, outcome: Rekeyed) -> None:
        self._set_busy(False)
        self.refresh()
        self._outcome(None, self._after_rekey)
        self.new_key_dialog = NewRecoveryKeyDialog(outcome, self._site, self)
        self.new_key_dialog.open()

    def _rekey_failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, RekeyUnfinished):
            self._rekey_left_for_next_sign_in(error)
            return
        try:
            self.refresh()
        except StoreError:
            pass  # a re-key left for the next sign-in to finish closed the session: say so
        self._outcome(error if isinstance(error, StoreError) else StoreError(
            "The database could not be re-keyed; nothing was changed."))

    def _rekey_left_for_next_sign_in(self, unfinished: RekeyUnfinished) -> None:
        """The session is closed (the swap is finished at the next sign-in): the new recovery
        key is shown all the same, as nothing can show it later, and once it is stored the
        window signs out."""
        self._outcome(unfinished)
        for widget in (self.users, self.selected_box, self.add_box, self.rekey_button):
            widget.setEnabled(False)
        self.new_key_dialog = NewRecoveryKeyDialog(unfinished.outcome, self._site, self,
                                                   finished=False)
        self.new_key_dialog.finished.connect(self._end_closed_session)
        self.new_key_dialog.open()

    def _end_closed_session(self) -> None:
        self.accept()
        self.session_closed.emit()

    def _site_name(self) -> str:
        try:
            return self.session.site_settings().site_name
        except StoreError:
            return ""

    def reject(self) -> None:
        if not self._worker.busy:  # Escape while re-keying would leave the copy unwatched
            super().reject()
