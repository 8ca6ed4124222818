"""A K10 "very high" result prompts the L&D worker to tell the Court Duty Officer, and the prompt
is recorded (issue 14, broken item 8; DOMAIN.md pathway step 2)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cstr_desk.domain import AuditAction
from tests.ui.conftest import ADMIN_PASSWORD, LD_PASSWORD, add_case, sign_in
from tests.ui.test_app_questionnaire import open_case_from_list
from cstr_desk.store import open_with_password


def run_k10(qtbot, window, keys: str):
    open_case_from_list(qtbot, window).questionnaires().start_buttons["k10"][0].click()
    runner = window.runner
    for digit in keys:
        qtbot.keyClick(runner, getattr(Qt.Key, f"Key_{digit}"))
    qtbot.keyClick(runner, Qt.Key.Key_Return)
    return runner


def test_a_very_high_k10_prompts_to_tell_the_court_duty_officer_and_is_recorded(qtbot, desk) -> None:
    add_case(desk)
    window = sign_in(qtbot, "lee", LD_PASSWORD).main_window
    runner = run_k10(qtbot, window, "4" * 10)  # 40: very high (30-50)
    prompt = runner.escalation_prompt
    assert prompt is not None and prompt.isVisible()
    assert "Tell the Court Duty Officer" in prompt.windowTitle()
    assert "score 40: Very high" in prompt.text()
    assert window.runner is runner  # the case does not come back until it is acknowledged
    prompt.buttons()[0].click()
    qtbot.waitUntil(lambda: window.case_view is not None)
    window.close()
    admin = open_with_password(desk.path, "admin", ADMIN_PASSWORD)
    try:
        details = [e.detail for e in admin.audit_entries() if e.action == AuditAction.UPDATE]
    finally:
        admin.close()
    assert any("escalation prompt acknowledged: k10 very_high (40)" in d for d in details)


def test_a_lower_k10_goes_straight_back_to_the_case(qtbot, desk) -> None:
    add_case(desk)
    window = sign_in(qtbot, "lee", LD_PASSWORD).main_window
    runner = run_k10(qtbot, window, "2" * 10)  # 20: moderate
    assert runner.escalation_prompt is None
    assert window.runner is None and window.case_view is not None
