"""Postcodes served: the wizard shows what it understood and refuses what is not a postcode area
or district; an administrator changes them later in the app (issue 14, broken item 1)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cstr_desk.store import open_with_password
from cstr_desk.ui.setup_wizard import SitePage
from tests.ui.conftest import ADMIN_PASSWORD, sign_in


def test_the_site_page_reads_areas_and_districts_and_shows_them_back(qtbot) -> None:
    page = SitePage()
    qtbot.addWidget(page)
    page.site_name.setText("Northtown L&D")
    page.courts.setPlainText("Northtown Magistrates' Court")
    qtbot.keyClicks(page.postcode_areas, "NT2 nt3;sk")
    assert page.postcodes.understood.text() == "Understood: whole areas SK; districts NT2, NT3."
    assert page.settings().postcode_areas == ["SK", "NT2", "NT3"]
    page.postcode_areas.setText("NT1, 12")
    assert not page.validatePage()
    assert "12 is not a postcode area or district" in page.error.text()
    page.postcode_areas.setText("NT1, NT2, NT3")
    assert page.validatePage()


def test_an_administrator_changes_the_postcodes_in_the_app(qtbot, desk) -> None:
    window = sign_in(qtbot, "admin", ADMIN_PASSWORD).main_window
    window.site_settings_action.trigger()
    dialog = window.site_settings_dialog
    assert dialog.isVisible() and dialog.postcodes.edit.text() == "NT1"
    dialog.postcodes.edit.clear()
    qtbot.keyClicks(dialog.postcodes.edit, "nt1 NT2, ZZ 9")
    qtbot.keyClick(dialog.postcodes.edit, Qt.Key.Key_Return)  # Save is the default button
    assert dialog.isVisible() and "9 is not a postcode area" in dialog.error.text()
    dialog.postcodes.edit.setText("nt1 NT2, ZZ")
    qtbot.keyClick(dialog.postcodes.edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.settings.postcode_areas == ["ZZ", "NT1", "NT2"]
    window.close()
    session = open_with_password(desk.path, "admin", ADMIN_PASSWORD)
    try:
        assert session.site_settings().postcode_areas == ["ZZ", "NT1", "NT2"]
    finally:
        session.close()


def test_other_roles_have_no_site_settings(qtbot, desk) -> None:
    window = sign_in(qtbot).main_window
    assert not hasattr(window, "site_settings_action")
