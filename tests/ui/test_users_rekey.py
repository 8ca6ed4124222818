"""Re-key now, and switching an account off, on the users screen (issue 13 item 3): a
confirmation, progress while the copy is made off the GUI thread, then the new recovery key
once, in a dialog that stays until the administrator says it is stored."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from cstr_desk.store import RecoveryKey, StoreError, open_with_password, open_with_recovery_key
from cstr_desk.store import swap as swap_module
from cstr_desk.store.files import keys_path
from tests.core.format_1_slots import make_format_1_slots
from tests.ui.conftest import ADMIN_PASSWORD, LD_PASSWORD, PRACTITIONER_PASSWORD, sign_in

KEY_PATTERN = r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){13}"


def _old_recovery_key(path) -> str:
    with open_with_password(path, "admin", ADMIN_PASSWORD) as admin:
        return RecoveryKey(admin._key).formatted


def _confirm(monkeypatch) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.Yes)
    return asked


def _store_the_key(qtbot, dialog) -> str:
    """Waits for the new key's dialog, checks it cannot be left before the key is stored."""
    qtbot.waitUntil(lambda: dialog.new_key_dialog is not None
                    and dialog.new_key_dialog.isVisible(), timeout=30_000)
    shown = dialog.new_key_dialog
    key = shown.panel.key.toPlainText()
    assert re.fullmatch(KEY_PATTERN, key)
    assert "old recovery key no longer opens it" in shown.old_key_dead.text()
    assert not shown.close_button.isEnabled()
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    assert shown.isVisible()  # never shown again, so not left by Escape
    shown.panel.stored.setChecked(True)
    qtbot.mouseClick(shown.close_button, Qt.MouseButton.LeftButton)
    assert not shown.isVisible()
    assert not dialog.progress.isVisible() and dialog.close_button.isEnabled()
    return key


def test_re_key_now_shows_progress_and_the_new_recovery_key_once(qtbot, desk, monkeypatch):
    old_recovery = _old_recovery_key(desk.path)
    window = sign_in(qtbot, "admin", ADMIN_PASSWORD).main_window
    window.users_action.trigger()
    dialog = window.users_dialog
    asked = _confirm(monkeypatch)
    qtbot.mouseClick(dialog.rekey_button, Qt.MouseButton.LeftButton)
    assert "old recovery key" in asked[0] and "keeps their password" in asked[0]
    assert dialog.progress.isVisible() and not dialog.close_button.isEnabled()
    new_recovery = _store_the_key(qtbot, dialog)
    assert new_recovery != old_recovery
    assert "new key" in dialog.confirmation.text()
    window.close()

    with pytest.raises(StoreError):
        open_with_recovery_key(desk.path, old_recovery)
    open_with_recovery_key(desk.path, new_recovery).close()
    for username, password in (("pat", PRACTITIONER_PASSWORD), ("lee", LD_PASSWORD)):
        open_with_password(desk.path, username, password).close()


def test_switching_an_account_off_re_keys_against_an_old_key_file(qtbot, desk, monkeypatch):
    old_key_file = keys_path(desk.path).read_bytes()
    window = sign_in(qtbot, "admin", ADMIN_PASSWORD).main_window
    window.users_action.trigger()
    dialog = window.users_dialog
    dialog.users.setCurrentRow(2)
    assert dialog.chosen().username == "lee"
    asked = _confirm(monkeypatch)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert "new key" in asked[0] and "new recovery key is shown once" in asked[0]
    new_recovery = _store_the_key(qtbot, dialog)
    assert "switched off" in dialog.users.item(2).text()
    assert "Lee Liaison's account is switched off" in dialog.confirmation.text()
    window.close()

    open_with_recovery_key(desk.path, new_recovery).close()
    keys_path(desk.path).write_bytes(old_key_file)  # the leaver's old copy put back
    with pytest.raises(StoreError):
        open_with_password(desk.path, "lee", LD_PASSWORD)


def test_accounts_a_re_key_cannot_carry_are_named_before_and_after(qtbot, desk, monkeypatch):
    old_recovery = _old_recovery_key(desk.path)
    make_format_1_slots(desk.path, RecoveryKey.parse(old_recovery).key, {"lee": LD_PASSWORD})
    window = sign_in(qtbot, "admin", ADMIN_PASSWORD).main_window
    window.users_action.trigger()
    dialog = window.users_dialog
    asked = _confirm(monkeypatch)
    qtbot.mouseClick(dialog.rekey_button, Qt.MouseButton.LeftButton)
    assert "will need a new password from you afterwards: lee" in asked[0]
    qtbot.waitUntil(lambda: dialog.new_key_dialog is not None, timeout=30_000)
    left_out = dialog.new_key_dialog.left_out
    assert left_out.isVisible() and "lee" in left_out.text()
    _store_the_key(qtbot, dialog)
    dialog.users.setCurrentRow(2)
    dialog.new_password.setText("lee's new password 1")
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    window.close()
    open_with_password(desk.path, "lee", "lee's new password 1").close()


def test_a_re_key_left_for_the_next_sign_in_still_shows_its_recovery_key(qtbot, desk, monkeypatch):
    """Another program holds the database file, so the swap stops part way with its journal
    written: the next sign-in finishes it, and the new recovery key is shown now, as it is the
    only one that will open the database then; once it is stored, the window signs out."""
    old_recovery = _old_recovery_key(desk.path)
    desk_app = sign_in(qtbot, "admin", ADMIN_PASSWORD)
    window = desk_app.main_window
    window.users_action.trigger()
    dialog = window.users_dialog
    _confirm(monkeypatch)

    def file_held(*_args, **_kwargs) -> None:
        raise PermissionError(13, "The file is in use by another program (simulated)")

    monkeypatch.setattr(swap_module, "replace_file", file_held)
    qtbot.mouseClick(dialog.rekey_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.new_key_dialog is not None
                    and dialog.new_key_dialog.isVisible(), timeout=30_000)
    shown = dialog.new_key_dialog
    assert "next sign-in" in shown.windowTitle()
    assert "finished when someone next signs in" in shown.old_key_dead.text()
    assert "Please sign in again" in dialog.error.text()
    new_recovery = shown.panel.key.toPlainText()
    assert re.fullmatch(KEY_PATTERN, new_recovery) and new_recovery != old_recovery
    assert not shown.close_button.isEnabled()
    shown.panel.stored.setChecked(True)
    with qtbot.waitSignal(window.signed_out, timeout=5_000):
        qtbot.mouseClick(shown.close_button, Qt.MouseButton.LeftButton)
    assert window.session is None and not dialog.isVisible()
    monkeypatch.undo()

    open_with_password(desk.path, "pat", PRACTITIONER_PASSWORD).close()  # finishes the swap
    with pytest.raises(StoreError):
        open_with_recovery_key(desk.path, old_recovery)
    open_with_recovery_key(desk.path, new_recovery).close()
