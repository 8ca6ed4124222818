"""The administrator's users screen: add someone, set a new password, switch an account off
(issue 14: the wizard said the administrator "adds the other users", but only the command line
could, and not while the app was open). Every change is the store's own account operation
(`Session.add_user`, `change_password`, `remove_user`), which checks the administrator's
permission and audits it; this screen only gathers what they need and shows their refusals.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QListWidget, QListWidgetItem, QMessageBox,
    QVBoxLayout, QWidget,
)

from cstr_desk.domain import ROLE_LABELS, Role, User
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.widgets import button, heading, label, line_edit, set_error


def _describe(user: User) -> str:
    state = "" if user.active else " · switched off"
    return f"{user.full_name} ({user.username}) · {ROLE_LABELS[user.role]}{state}"


class UsersDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Users")
        self.setAccessibleName("Users")
        self.users = QListWidget()
        self.users.setAccessibleName("Accounts on this device")
        self.users.currentRowChanged.connect(lambda _row: self._selection_changed())
        self.users.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.error = label(role="error")
        self.error.setVisible(False)
        # Not `self.done`: that would hide QDialog.done(), which Close and Escape call (a crash).
        self.confirmation = label(role="muted")
        self._build_add()
        self._build_selected()
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Users"))
        layout.addWidget(self.users, 1)
        layout.addWidget(self.selected_box)
        layout.addWidget(self.add_box)
        layout.addWidget(self.error)
        layout.addWidget(self.confirmation)
        close = button("Close", "Close the users screen", self.accept)
        close.setAutoDefault(False)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.setMinimumSize(640, 560)
        self.refresh()

    def _build_add(self) -> None:
        self.add_box = QWidget()
        self.full_name = line_edit("New user's full name")
        self.username = line_edit("New user's username")
        self.role = QComboBox()
        self.role.setAccessibleName("New user's role")
        for role, text in ROLE_LABELS.items():
            self.role.addItem(text, role)
        self.password = line_edit("New user's first password", password=True)
        self.confirm = line_edit("The first password again", password=True)
        self.add_button = button("Add user", "Add this user", self.add)
        self.confirm.returnPressed.connect(self.add)
        form = QFormLayout(self.add_box)
        form.addRow(label("Add someone", "stem"))
        form.addRow("&Full name", self.full_name)
        form.addRow("&Username", self.username)
        form.addRow("&Role", self.role)
        form.addRow("&Password", self.password)
        form.addRow("Password &again", self.confirm)
        form.addRow(self.add_button)

    def _build_selected(self) -> None:
        self.selected_box = QWidget()
        self.new_password = line_edit("New password for the chosen user", password=True)
        self.reset_button = button("Set new password", "Set a new password for the chosen user",
                                   self.reset_password)
        self.new_password.returnPressed.connect(self.reset_password)
        self.remove_button = button("Switch the account off", "Switch the chosen account off: "
                                    "they can no longer sign in", self.switch_off)
        row = QHBoxLayout(self.selected_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.new_password, 1)
        row.addWidget(self.reset_button)
        row.addWidget(self.remove_button)

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
            set_error(self.error, "The two passwords are not the same. Please type them again.")
            return
        name, username = self.full_name.text().strip(), self.username.text().strip()
        if not name or not username:
            set_error(self.error, "Please give the new user's full name and a username.")
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
        self._outcome(None, f"{name} can sign in now as “{username}”.")

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
        self._outcome(None, f"New password set for {user.full_name}. Tell them in person.")

    def switch_off(self) -> None:
        user = self.chosen()
        if user is None:
            return
        answer = QMessageBox.question(
            self, "Switch the account off",
            f"Switch off {user.full_name}'s account? They will no longer be able to sign in. "
            "Their name stays in the audit trail, and the username is never given to anyone else.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.session.remove_user(user.username)
        except StoreError as error:
            self._outcome(error)
            return
        self.refresh()
        self._outcome(None, f"{user.full_name}'s account is switched off.")
