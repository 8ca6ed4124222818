"""The Users screen closes with its Close button and with Escape (an attribute named `done`
once hid QDialog.done(), and closing the screen crashed the app)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import ADMIN_PASSWORD, sign_in


def test_close_and_escape_close_the_users_screen(qtbot, desk) -> None:
    window = sign_in(qtbot, "admin", ADMIN_PASSWORD).main_window
    for close in (lambda dialog: dialog.reject(), lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape)):
        window.manage_users()
        dialog = window.users_dialog
        qtbot.waitExposed(dialog)
        close(dialog)
        assert not dialog.isVisible()
