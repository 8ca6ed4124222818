"""Fixtures for the desktop app's tests: every test gets its own settings, data folders and
database, so nothing touches the user's real QSettings or AppData, and cheap Argon2 keeps
sign-in fast (the store's test hook; slots record their own parameters)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

from cstr_desk.domain import Role, SiteSettings, User
from cstr_desk.store import Session, create_database, open_with_password
from cstr_desk.store.testing import cheap_kdf

ADMIN_PASSWORD = "admin password 1"
PRACTITIONER_PASSWORD = "practitioner pw 1"
LD_PASSWORD = "liaison worker pw 1"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp) -> Iterator[Path]:
    home = tmp_path / "home"
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("CSTR_DESK_DB", raising=False)
    QStandardPaths.setTestModeEnabled(True)
    QCoreApplication.setOrganizationName("CSTR Desk tests")
    QCoreApplication.setApplicationName("CSTR Desk tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    qapp.setStyleSheet("")
    font = qapp.font()
    with cheap_kdf():
        yield home
    qapp.setFont(font)
    qapp.setStyleSheet("")


@dataclass
class Desk:
    """A site database with an administrator, a practitioner and an L&D worker (who registers
    referrals and screens: cstr_desk.permissions.PERMISSIONS)."""

    path: Path
    admin: str = "admin"
    practitioner: str = "pat"

    def open_as_practitioner(self) -> Session:
        return open_with_password(self.path, self.practitioner, PRACTITIONER_PASSWORD)


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    path = tmp_path / "data" / "cstr-desk.db"
    path.parent.mkdir()
    settings = SiteSettings(site_name="Northtown L&D", courts=["Northtown Magistrates' Court"],
                            postcode_areas=["NT1"])
    admin = User(username="admin", full_name="Ada Admin", role=Role.ADMINISTRATOR)
    session, _key = create_database(path, admin, ADMIN_PASSWORD, settings)
    session.add_user(User(username="pat", full_name="Pat Practitioner", role=Role.PRACTITIONER),
                     PRACTITIONER_PASSWORD)
    session.add_user(User(username="lee", full_name="Lee Liaison", role=Role.LD_WORKER), LD_PASSWORD)
    session.close()
    monkeypatch.setenv("CSTR_DESK_DB", str(path))
    return Desk(path)


def sign_in(qtbot, username: str = "pat", password: str = PRACTITIONER_PASSWORD):
    """Start the app as `cstr-desk` does and sign in through the sign-in window's own controls."""
    from PySide6.QtCore import Qt

    from cstr_desk.ui.app import DeskApp

    desk_app = DeskApp()
    desk_app.start()
    window = desk_app.sign_in
    qtbot.addWidget(window)
    window.username.setText(username)
    window.password.setText(password)
    with qtbot.waitSignal(desk_app.main_window_shown, timeout=15_000):
        qtbot.keyClick(window.password, Qt.Key.Key_Return)
    qtbot.addWidget(desk_app.main_window)
    return desk_app


def add_case(desk: Desk, given: str = "Sam", family: str = "Smith", born: date | None = None) -> int:
    from cstr_desk.domain import OffenceType, Person, Referral, ReferralSource

    session = desk.open_as_practitioner()
    try:
        person = session.add_person(Person(given_name=given, family_name=family,
                                           date_of_birth=born or date(1990, 4, 1), pnc_number="12/3456789A"))
        referral = session.add_referral(Referral(
            person_id=person.id, site="Northtown L&D", court="Northtown Magistrates' Court",
            hearing_date=date.today(), referral_source=ReferralSource.POLICE_CUSTODY,
            offence_type=OffenceType.THEFT))
        return referral.id
    finally:
        session.close()


def wait_for_preview(qtbot, tab) -> None:
    """The Reports tab draws its PDF off the GUI thread; wait until it has shown it (or why not)."""
    qtbot.waitUntil(lambda: not tab.drawing)
