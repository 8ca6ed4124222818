"""The administrator clears a closed case the site hub holds (issue 16 item 6), through the app:
Administration → Clear confirmed cases lists it, asks to confirm, clears it off the GUI thread,
and the case list says what the desk holds now. Against a real PostgreSQL hub
(tests/core/pg_server.py), as the core's tests are."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from cstr_desk.clock import story_time
from cstr_desk.hub.admin import init_hub
from cstr_desk.hub.connection import HubAddress, connect
from cstr_desk.hub.enrolment import enrol_desk
from cstr_desk.hub.sync import sync
from cstr_desk.store import open_with_password
from cstr_desk.workflow import operations
from cstr_desk.workflow.monitoring_summary import summary_of
from tests.core import pg_server
from tests.ui.conftest import ADMIN_PASSWORD, add_case, sign_in


@pytest.fixture(scope="module")
def address():
    with pg_server.temporary_server("cstr-hub-clearing-ui-") as server:
        address = HubAddress(host=server.host, port=server.port, dbname=pg_server.DBNAME,
                             ca_certificate=server.ca_pem)
        with connect(address, pg_server.ADMIN_USER, pg_server.ADMIN_PASSWORD) as owner:
            init_hub(owner)
        yield address


def _closed_and_synced(desk, address: HubAddress) -> tuple[int, int]:
    """One case closed 40 days ago and sent to the hub, and one still open; their numbers."""
    admin = open_with_password(desk.path, "admin", ADMIN_PASSWORD)
    try:
        enrol_desk(admin, address, pg_server.ADMIN_USER, pg_server.ADMIN_PASSWORD, "northtown")
    finally:
        admin.close()
    with story_time(datetime.now(UTC) - timedelta(days=47)):
        closed = add_case(desk, "Cleo", "Cleared")
    still_open = add_case(desk, "Otto", "Open")
    session = desk.open_as_practitioner()
    try:
        with story_time(datetime.now(UTC) - timedelta(days=40)):
            operations.close_case(session, closed, "Treatment completed")
        sync(session, summary_of)
    finally:
        session.close()
    return closed, still_open


def test_the_administrator_clears_a_confirmed_case_from_the_app(qtbot, desk, address,
                                                                monkeypatch) -> None:
    closed, still_open = _closed_and_synced(desk, address)
    window = sign_in(qtbot, "admin", ADMIN_PASSWORD).main_window
    holdings = window.case_list.holdings
    assert holdings.text().startswith("Cases on this desk: 2, since ")

    window.clear_confirmed_action.trigger()
    dialog = window.clear_confirmed_dialog
    qtbot.waitUntil(lambda: dialog.clear_button.isEnabled(), timeout=15_000)
    assert dialog.cases.toPlainText().startswith(f"Case {closed}, closed ")
    assert "1 closed cases the site hub holds in full" in dialog.status.text()

    asked: list[str] = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    with qtbot.waitSignal(dialog.cleared, timeout=15_000) as cleared:
        dialog.clear_button.click()
    assert cleared.args == [1] and "for good" in asked[0]
    assert dialog.status.text().startswith("Cleared 1 closed cases")
    assert holdings.text().endswith("; 1 cleared after the site hub confirmed them.")
    assert holdings.text().startswith("Cases on this desk: 1, since ")
    window.close()

    session = desk.open_as_practitioner()
    try:
        assert [case.referral_id for case in session.list_cases()] == [still_open]
    finally:
        session.close()


def test_a_desk_with_no_hub_lists_nothing_to_clear(qtbot, desk) -> None:
    add_case(desk)
    window = sign_in(qtbot, "admin", ADMIN_PASSWORD).main_window
    window.clear_confirmed_action.trigger()
    dialog = window.clear_confirmed_dialog
    qtbot.waitUntil(lambda: "not enrolled with a site hub" in dialog.status.text(),
                    timeout=15_000)
    assert not dialog.clear_button.isEnabled() and dialog.cases.toPlainText() == ""
    window.close()


def _settings_changes(desk) -> int:
    session = open_with_password(desk.path, "admin", ADMIN_PASSWORD)
    try:
        return sum(e.record_type == "site_settings" for e in session.audit_entries())
    finally:
        session.close()


def test_the_administrator_sets_how_long_closed_cases_stay(qtbot, desk) -> None:
    before = _settings_changes(desk)
    window = sign_in(qtbot, "admin", ADMIN_PASSWORD).main_window
    window.site_settings_action.trigger()
    dialog = window.site_settings_dialog
    assert dialog.retention_days.value() == 30  # the default
    dialog.retention_days.setValue(45)
    dialog.save_button.click()
    assert not dialog.isVisible()
    window.close()
    session = open_with_password(desk.path, "admin", ADMIN_PASSWORD)
    try:
        assert session.site_settings().closed_case_retention_days == 45
    finally:
        session.close()
    assert _settings_changes(desk) == before + 1  # audited, as every settings change is
