"""The administrator manages users in the app (issue 14, broken item 4): add, set a new
password, switch off, through the store's account operations, while the app is open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from cstr_desk.domain import Role
from cstr_desk.store import StoreError, open_with_password
from tests.ui.conftest import ADMIN_PASSWORD, LD_PASSWORD, PRACTITIONER_PASSWORD, sign_in

NEW_PASSWORD = "court duty officer pw 1"


def test_add_reset_and_switch_off_a_user(qtbot, desk, monkeypatch) -> None:
    window = sign_in(qtbot, "admin", ADMIN_PASSWORD).main_window
    window.users_action.trigger()
    dialog = window.users_dialog
    assert dialog.isVisible() and dialog.users.count() == 3
    dialog.full_name.setText("Cora Officer")
    dialog.username.setText("cora")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.COURT_DUTY_OFFICER))
    dialog.password.setText("short")
    dialog.confirm.setText("short")
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    assert "at least" in dialog.error.text() and dialog.users.count() == 3  # the store's refusal
    dialog.password.setText(NEW_PASSWORD)
    dialog.confirm.setText(NEW_PASSWORD)
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    assert not dialog.error.isVisible() and dialog.users.count() == 4
    assert "Cora Officer can sign in now" in dialog.confirmation.text()

    dialog.users.setCurrentRow(2)  # Lee Liaison
    assert dialog.chosen().username == "lee"
    dialog.new_password.setText("a new liaison pw 1")
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert "New password set for Lee Liaison" in dialog.confirmation.text()

    dialog.users.setCurrentRow(0)  # the administrator cannot switch themselves off
    assert not dialog.remove_button.isEnabled()
    dialog.users.setCurrentRow(1)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert "no longer be able to sign in" in asked[0]
    # Switching off re-keys the database off the GUI thread (tests/ui/test_users_rekey.py).
    qtbot.waitUntil(lambda: dialog.new_key_dialog is not None, timeout=30_000)
    assert "switched off" in dialog.users.item(1).text()
    dialog.new_key_dialog.panel.stored.setChecked(True)
    dialog.new_key_dialog.accept()
    window.close()

    open_with_password(desk.path, "cora", NEW_PASSWORD).close()
    open_with_password(desk.path, "lee", "a new liaison pw 1").close()
    for username, password in (("lee", LD_PASSWORD), ("pat", PRACTITIONER_PASSWORD)):
        with pytest.raises(StoreError):  # an old password, a switched-off account
            open_with_password(desk.path, username, password)


def test_only_an_administrator_has_the_users_screen(qtbot, desk) -> None:
    window = sign_in(qtbot).main_window
    assert not hasattr(window, "users_action")
