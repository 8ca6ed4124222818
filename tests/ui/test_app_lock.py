"""Locking clears every widget with personal data and unlocking returns to the same place;
hand-over mode cannot reach the case list without the practitioner's password."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

from cstr_desk.ui.treatment import DeadlinesPanel
from tests.ui.conftest import PRACTITIONER_PASSWORD, add_case, sign_in
from tests.ui.test_app_questionnaire import open_case_from_list


def visible_text(window) -> str:
    texts = [w.text() for w in window.findChildren(QLabel) + window.findChildren(QLineEdit)
             + window.findChildren(QAbstractButton)]
    model = window.case_list.model
    texts += [str(model.data(model.index(r, c))) for r in range(model.rowCount()) for c in range(model.columnCount())]
    return "\n".join(texts)


def unlock(qtbot, window, password: str = PRACTITIONER_PASSWORD) -> None:
    window.lock_screen.password.setText(password)
    qtbot.keyClick(window.lock_screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.lock_screen is None, timeout=15_000)


def test_lock_clears_personal_data_and_unlock_returns_to_the_runner(qtbot, desk) -> None:
    add_case(desk, "Sam", "Smith")
    window = sign_in(qtbot).main_window
    view = open_case_from_list(qtbot, window)
    window.clipboard.copy("Sam Smith 12/3456789A")
    view.questionnaires().start_buttons["k10"][0].click()
    for key in (Qt.Key.Key_2, Qt.Key.Key_2, Qt.Key.Key_3):
        qtbot.keyClick(window.runner, key)
    administration_id = window.runner.administration_id
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.findChildren(type(view)))  # destroyed, not hidden
    assert window.case_view is None and window.runner is None
    assert window.case_list.model.rowCount() == 0 and window.case_list.search.text() == ""
    assert "Smith" not in visible_text(window)
    assert QGuiApplication.clipboard().text() == ""
    assert not window.new_action.isEnabled()

    window.lock_screen.password.setText("wrong password")
    window.lock_screen.submit()
    qtbot.waitUntil(lambda: "not right" in window.lock_screen.error.text(), timeout=15_000)
    unlock(qtbot, window)
    assert window.runner is not None and window.runner.administration_id == administration_id
    assert window.runner.position == 3 and window.runner.progress_text.text() == "Question 4 of 10"


def test_idle_timer_locks_and_unlock_returns_to_the_case_tab(qtbot, desk) -> None:
    add_case(desk)
    window = sign_in(qtbot).main_window
    assert window.idle.interval_ms() == 5 * 60_000  # SiteSettings.idle_lock_minutes default
    assert len(window.findChildren(DeadlinesPanel)) == 1  # the home page's deadlines
    view = open_case_from_list(qtbot, window)
    view.set_current_tab(0)
    referral_id = view.referral_id
    window.idle.idle.emit()  # what the single-shot timer does after the idle minutes
    assert window.lock_screen is not None and window.case_view is None
    assert window.findChildren(DeadlinesPanel) == []
    unlock(qtbot, window)
    assert window.case_view is not None and window.case_view.referral_id == referral_id


def test_activity_restarts_the_idle_countdown(qtbot, desk) -> None:
    window = sign_in(qtbot).main_window
    window.idle.set_minutes(1)
    window.idle.start()
    timer = window.idle._timer
    qtbot.wait(50)
    before = timer.remainingTime()
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_A)
    assert timer.remainingTime() > before


def test_hand_over_cannot_reach_the_case_list_without_the_password(qtbot, desk) -> None:
    add_case(desk, "Sam", "Smith")
    window = sign_in(qtbot).main_window
    open_case_from_list(qtbot, window).questionnaires().start_buttons["phq9"][1].click()
    runner = window.runner
    assert runner.hand_over and window.isFullScreen()
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert "Smith" not in visible_text(window)
    for attempt in (window.new_action, window.find_action, window.home_action, window.quit_action):
        attempt.trigger()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(runner, Qt.Key.Key_Escape)
    window.close()
    assert window.runner is runner and window.isVisible() and window.case_view is None
    for _ in range(8):
        qtbot.keyClick(runner, Qt.Key.Key_1)
    qtbot.keyClick(runner, Qt.Key.Key_3)  # item 9 above zero: no prompt in front of the person
    assert runner.risk_prompt is None
    qtbot.keyClick(runner, Qt.Key.Key_1)  # the difficulty question
    assert runner.pages.currentWidget() is runner.thanks
    assert "Score" not in visible_text(window)
    runner.hand_back_button.click()
    dialog = window.hand_back_dialog
    dialog.password.setText("not the password")
    dialog.submit()
    qtbot.waitUntil(lambda: "not right" in dialog.error.text(), timeout=15_000)
    assert runner.hand_over
    dialog.password.setText(PRACTITIONER_PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: not runner.hand_over, timeout=15_000)
    assert not window.isFullScreen() and window.menuBar().isVisible()
    assert runner.risk_prompt is not None and "item 9" in runner.risk_prompt.text()
    runner.risk_prompt.buttons()[0].click()
    qtbot.waitUntil(lambda: runner.risk_prompt is None)
    administration = window.session.get_administration(runner.administration_id)
    assert administration.risk_prompt_acknowledged_at is not None
    assert runner.pages.currentWidget() is runner.review
    assert "Score:" in runner.review.score.text()
