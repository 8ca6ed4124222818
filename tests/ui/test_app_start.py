"""First run (set-up wizard), sign-in with clear errors, and where the database is looked for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QWizard

from cstr_desk.store import Store, StoreError
from cstr_desk.ui.app import DeskApp
from cstr_desk.ui.theme import Preferences, default_database_path
from tests.ui.conftest import ADMIN_PASSWORD, PRACTITIONER_PASSWORD, sign_in


def test_first_run_setup_creates_the_database_and_shows_the_recovery_key_once(qtbot, tmp_path, monkeypatch) -> None:
    path = tmp_path / "site" / "desk.db"
    path.parent.mkdir()
    monkeypatch.setenv("CSTR_DESK_DB", str(path))
    desk_app = DeskApp()
    desk_app.start()
    wizard = desk_app.wizard
    qtbot.addWidget(wizard)
    assert wizard.database.path.text() == str(path)
    wizard.next()
    wizard.next()  # nothing typed on the site page: refused in plain words
    assert wizard.currentPage() is wizard.site
    assert "name" in wizard.site.error.text()
    wizard.site.site_name.setText("Northtown L&D")
    wizard.site.courts.setPlainText("Northtown Magistrates' Court\nSouthtown Magistrates' Court")
    wizard.site.postcode_areas.setText("nt1, NT2")
    wizard.next()
    # The contact details printed on the reports (Manual §5.2); any may be left for later.
    assert wizard.currentPage() is wizard.contacts
    wizard.contacts.form.fields[("service", "name")].setText("Northtown CSTR service")
    wizard.contacts.form.fields[("service", "secure_email")].setText("cstr@northtown.nhs.uk")
    wizard.next()
    admin = wizard.administrator
    admin.full_name.setText("Ada Admin")
    admin.username.setText("admin")
    admin.password.setText(ADMIN_PASSWORD)
    admin.confirm.setText("something else")
    wizard.next()
    assert wizard.currentPage() is admin and "not the same" in admin.error.text()
    admin.confirm.setText(ADMIN_PASSWORD)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.recovery.key.isVisible(), timeout=15_000)
    assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4})+", wizard.recovery.key.toPlainText())
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    wizard.reject()  # closing now would lose the only copy of the key: refused
    assert wizard.isVisible()
    wizard.recovery.stored.setChecked(True)
    assert finish.isEnabled()
    with qtbot.waitSignal(desk_app.main_window_shown):
        finish.click()
    window = desk_app.main_window
    qtbot.addWidget(window)
    assert Store.exists(path)
    settings = window.session.site_settings()
    assert settings.courts == ["Northtown Magistrates' Court", "Southtown Magistrates' Court"]
    assert settings.postcode_areas == ["NT1", "NT2"]
    assert settings.contacts.service.name == "Northtown CSTR service"
    assert settings.contacts.service.secure_email == "cstr@northtown.nhs.uk"
    assert QSettings().value("database/path") == str(path)
    # An administrator sees no case records: the home page says so instead of failing.
    assert "can see case records" in window.case_list.empty.text()


def test_sign_in_refuses_a_wrong_password_in_plain_words_then_opens(qtbot, desk) -> None:
    desk_app = DeskApp()
    desk_app.start()
    window = desk_app.sign_in
    qtbot.addWidget(window)
    window.username.setText("pat")
    window.password.setText("not the password")
    qtbot.keyClick(window.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.error.isVisible() and window.error.text() != "", timeout=15_000)
    assert "not right" in window.error.text()
    assert window.password.text() == "" and window.username.text() == "pat"
    window.password.setText(PRACTITIONER_PASSWORD)
    with qtbot.waitSignal(desk_app.main_window_shown, timeout=15_000):
        window.sign_in_button.click()
    qtbot.addWidget(desk_app.main_window)
    assert desk_app.main_window.session.user.username == "pat"


def test_empty_fields_are_explained_without_calling_the_store(qtbot, desk) -> None:
    desk_app = DeskApp()
    desk_app.start()
    qtbot.addWidget(desk_app.sign_in)
    desk_app.sign_in.submit()
    assert "username" in desk_app.sign_in.error.text()


def test_database_location_defaults_to_the_user_data_folder(monkeypatch) -> None:
    monkeypatch.delenv("CSTR_DESK_DB", raising=False)
    assert Preferences().database_path() == default_database_path()
    assert default_database_path().name == "cstr-desk.db"


def test_the_default_database_folder_is_local_and_named_once() -> None:
    """Issue 13, finding 10: not Qt's AppDataLocation, which on Windows is the roaming profile
    (copied to a server at sign-out); the generic data folder is AppData/Local there."""
    generic = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    assert default_database_path() == Path(generic) / "CSTR Desk" / "cstr-desk.db"
    assert "CSTR Desk/CSTR Desk" not in default_database_path().as_posix()


def test_sign_out_returns_to_sign_in(qtbot, desk) -> None:
    desk_app = sign_in(qtbot)
    session = desk_app.main_window.session
    desk_app.main_window.sign_out_action.trigger()
    assert desk_app.sign_in is not None and desk_app.main_window is None
    qtbot.addWidget(desk_app.sign_in)
    with pytest.raises(StoreError):
        session.list_cases()


def test_a_database_caught_mid_swap_goes_to_sign_in_not_set_up(qtbot, desk) -> None:
    """A crash between moving the old database out and the restored one in (store/swap.py)
    leaves no file at the path for a moment: set-up must not be offered over it."""
    from cstr_desk.store.files import keys_path
    from cstr_desk.store.swap import incoming_database, incoming_keys, journal_path

    path = desk.path
    incoming_database(path).write_bytes(path.read_bytes())
    incoming_keys(path).write_bytes(keys_path(path).read_bytes())
    journal_path(path).write_text('{"format": "cstr-desk-swap/1", "keep_old_as": null}')
    path.unlink()
    desk_app = DeskApp()
    desk_app.start()
    assert desk_app.wizard is None and desk_app.sign_in is not None
    qtbot.addWidget(desk_app.sign_in)


def test_the_app_module_loads_without_the_store() -> None:
    """The first paint must not wait for the store's imports (SQLCipher, Argon2, about a quarter
    of a second): the sign-in window loads them while the user types (bench/bench_ui.py)."""
    import subprocess
    import sys

    code = ("import sys, cstr_desk.ui.app; "
            "print(sorted(m for m in sys.modules if m.startswith('cstr_desk.store')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "[]"


def test_an_administrator_home_has_no_case_panels_to_be_refused(qtbot, desk) -> None:
    """An administrator may not see case records: the home screen's panels (missed
    appointments, duties, deadlines) are not shown to say so one by one, with buttons that fail."""
    window = sign_in(qtbot, "admin", ADMIN_PASSWORD).main_window
    assert not window.home_side.isVisible()
    window.close()
    practitioner = sign_in(qtbot).main_window
    assert practitioner.home_side.isVisible()
