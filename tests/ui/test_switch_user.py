"""Switching person on a shared court laptop (issue 14): "Switch user" signs out and, after the
next person signs in, the same case is open at their own next step; the sign-in window offers
the usernames used lately, so picking one replaces typing it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cstr_desk.ui.consent import ConsentTab
from cstr_desk.ui.questionnaires import QuestionnairesTab
from tests.ui.conftest import (
    ADMIN_PASSWORD, LD_PASSWORD, PRACTITIONER_PASSWORD, add_case, sign_in,
)
from tests.ui.test_app_questionnaire import open_case_from_list


def test_switch_user_keeps_the_case_open_for_the_next_person(qtbot, desk) -> None:
    add_case(desk)
    desk_app = sign_in(qtbot, "pat", PRACTITIONER_PASSWORD)
    view = open_case_from_list(qtbot, desk_app.main_window)
    referral_id = view.referral_id
    field = next(t for t in view.case_tabs if isinstance(t, ConsentTab)).gp_surgery
    field.setFocus()  # from inside a text field too
    qtbot.keyClick(field, Qt.Key.Key_L,
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    window = desk_app.sign_in
    assert window is not None and desk_app.main_window is None
    qtbot.addWidget(window)
    assert [b.text() for b in window.recent_buttons] == ["pat"]
    window.username.setText("lee")
    window.password.setText(LD_PASSWORD)
    with qtbot.waitSignal(desk_app.main_window_shown, timeout=15_000):
        qtbot.keyClick(window.password, Qt.Key.Key_Return)
    main = desk_app.main_window
    qtbot.addWidget(main)
    assert main.case_view is not None and main.case_view.referral_id == referral_id
    # The L&D worker's next step on a new referral is screening: that tab is open.
    assert isinstance(main.case_view.case_tabs[main.case_view.current_tab()], QuestionnairesTab)
    assert main.session.user.username == "lee"

    main.switch_user()
    window = desk_app.sign_in
    qtbot.addWidget(window)
    assert [b.text() for b in window.recent_buttons] == ["lee", "pat"]
    qtbot.mouseClick(window.recent_buttons[1], Qt.MouseButton.LeftButton)
    assert window.username.text() == "pat" and window.focusWidget() is window.password


def test_a_role_that_cannot_see_cases_gets_the_home_page(qtbot, desk) -> None:
    add_case(desk)
    desk_app = sign_in(qtbot, "pat", PRACTITIONER_PASSWORD)
    open_case_from_list(qtbot, desk_app.main_window)
    desk_app.main_window.switch_user()
    window = desk_app.sign_in
    qtbot.addWidget(window)
    window.username.setText("admin")
    window.password.setText(ADMIN_PASSWORD)
    with qtbot.waitSignal(desk_app.main_window_shown, timeout=15_000):
        qtbot.keyClick(window.password, Qt.Key.Key_Return)
    qtbot.addWidget(desk_app.main_window)
    assert desk_app.main_window.case_view is None
