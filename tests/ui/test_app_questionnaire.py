"""Journeys through the questionnaire runner: keyboard-only K10, review and band, drafts that
survive closing the app, undo, AUDIT skip logic, and the PHQ-9 item 9 risk prompt."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cstr_desk.domain import Stage
from cstr_desk.store.errors import DiskFull
from cstr_desk.ui.case_list import STAGE_LABELS
from tests.ui.conftest import add_case, sign_in


def open_case_from_list(qtbot, window, name: str = "Smith"):
    window.find_action.trigger()
    qtbot.keyClicks(window.case_list.search, name)
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 1)
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_Return)  # a single match opens at once
    assert window.case_view is not None
    return window.case_view


def test_k10_by_keyboard_alone_in_eleven_presses_then_screened(qtbot, desk) -> None:
    add_case(desk)
    window = sign_in(qtbot).main_window
    view = open_case_from_list(qtbot, window)
    view.questionnaires().start_buttons["k10"][0].click()
    runner = window.runner
    assert runner.progress_text.text() == "Question 1 of 10"
    assert "During the last 30 days" in runner.stem.text()
    assert "Kessler" in runner.copyright.text() and runner.copyright.isVisible()
    presses = 0
    for key in (Qt.Key.Key_3,) * 6 + (Qt.Key.Key_4,) * 4:
        qtbot.keyClick(runner, key)
        presses += 1
    assert runner.pages.currentWidget() is runner.review
    assert "Score: 34" in runner.review.score.text()
    assert "Band:" in runner.review.score.text()
    qtbot.keyClick(runner, Qt.Key.Key_Return)
    presses += 1
    assert presses <= 12
    # 34 is "very high": the worker is prompted to tell the Court Duty Officer (DOMAIN.md step 2).
    assert runner.escalation_prompt is not None
    qtbot.keyClick(runner.escalation_prompt, Qt.Key.Key_Return)
    assert window.runner is None and window.case_view is not None
    results = window.case_view.questionnaires().results.table
    assert results.rowCount() == 1 and results.item(0, 2).text() == "34"
    assert window.case_view.stage.text() == f"Stage: {STAGE_LABELS[Stage.SCREENED]}"
    window.home_action.trigger()
    model = window.case_list.model
    assert model.data(model.index(0, 1)) == STAGE_LABELS[Stage.SCREENED]


def test_draft_survives_closing_the_app_and_resumes_where_it_stopped(qtbot, desk) -> None:
    add_case(desk)
    window = sign_in(qtbot).main_window
    open_case_from_list(qtbot, window).questionnaires().start_buttons["core10"][0].click()
    for key in (Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_1, Qt.Key.Key_4):
        qtbot.keyClick(window.runner, key)
    administration_id = window.runner.administration_id
    window.close()
    assert window.session is None

    window = sign_in(qtbot).main_window
    view = open_case_from_list(qtbot, window)
    view.questionnaires().resume_buttons[administration_id].click()
    runner = window.runner
    assert runner.position == 4
    assert runner.progress_text.text() == "Question 5 of 10"
    assert [runner.answers[str(n)] for n in range(1, 5)] == [1, 2, 0, 3]  # CORE options count from 0


def test_undo_back_and_skip(qtbot, desk) -> None:
    add_case(desk)
    window = sign_in(qtbot).main_window
    open_case_from_list(qtbot, window).questionnaires().start_buttons["gad7"][0].click()
    runner = window.runner
    qtbot.keyClick(runner, Qt.Key.Key_2)
    qtbot.keyClick(runner, Qt.Key.Key_S)
    assert runner.position == 2 and runner.answers["2"] is None
    qtbot.keyClick(runner, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert runner.position == 1 and "2" not in {k for k, v in runner.answers.items() if v is not None}
    qtbot.keyClick(runner, Qt.Key.Key_Backspace)
    assert runner.position == 0
    assert runner.question_page.option_buttons[1].isChecked()
    qtbot.keyClick(runner, Qt.Key.Key_R)
    unanswered = [w.property("unanswered") for w in runner.review.answer_labels]
    assert unanswered[0] is False and all(unanswered[1:7])
    assert "Cannot be scored yet" in runner.review.score.text()


def test_audit_skip_logic_skips_items_2_to_8_after_never(qtbot, desk) -> None:
    add_case(desk)
    window = sign_in(qtbot).main_window
    open_case_from_list(qtbot, window).questionnaires().start_buttons["audit"][0].click()
    runner = window.runner
    qtbot.keyClick(runner, Qt.Key.Key_1)  # item 1 "Never"
    assert runner.questions[runner.position].item == 9
    assert runner.progress_text.text() == "Question 2 of 3"


def test_risk_prompt_for_phq9_item_9_must_be_acknowledged(qtbot, desk) -> None:
    add_case(desk)
    window = sign_in(qtbot).main_window
    open_case_from_list(qtbot, window).questionnaires().start_buttons["phq9"][0].click()
    runner = window.runner
    for _ in range(8):
        qtbot.keyClick(runner, Qt.Key.Key_1)
    assert runner.risk_prompt is None
    qtbot.keyClick(runner, Qt.Key.Key_2)  # item 9 "Several days"
    prompt = runner.risk_prompt
    assert prompt is not None and prompt.isVisible()
    assert "item 9" in prompt.text()
    position = runner.position
    runner.choose(0)  # answering on is refused until the prompt is acknowledged
    assert runner.position == position
    prompt.buttons()[0].click()
    qtbot.waitUntil(lambda: runner.risk_prompt is None)
    assert window.session.get_administration(runner.administration_id).risk_prompt_acknowledged_at is not None


def test_footers_and_stems_have_no_paper_form_or_provenance_notes(qtbot, desk) -> None:
    add_case(desk)
    window = sign_in(qtbot).main_window
    open_case_from_list(qtbot, window).questionnaires().start_buttons["k10"][0].click()
    assert "Kessler" in window.runner.copyright.text()
    assert "page instead shows" not in window.runner.copyright.text()
    window.runner.close_button.click()
    window.case_view.questionnaires().start_buttons["audit"][0].click()
    assert "in the box" not in window.runner.stem.text()
    assert "Read questions as written" in window.runner.stem.text()


def test_a_risk_prompt_mid_run_takes_the_keys_and_says_so(qtbot, desk) -> None:
    """Issue 14 item 10: the prompt opening mid-run took the next digits and dropped them with no
    word. It takes the focus itself, says answering waits for it, says so again when a digit
    arrives, and Enter gives the keys back to the questions."""
    from PySide6.QtWidgets import QApplication

    add_case(desk)
    window = sign_in(qtbot).main_window
    open_case_from_list(qtbot, window).questionnaires().start_buttons["phq9"][0].click()
    runner = window.runner
    for _ in range(8):
        qtbot.keyClick(runner, Qt.Key.Key_1)
    qtbot.keyClick(runner, Qt.Key.Key_2)  # item 9 "Several days": the prompt opens
    prompt = runner.risk_prompt
    assert prompt is not None
    assert "press Enter" in prompt.text()
    qtbot.waitUntil(lambda: prompt.isAncestorOf(QApplication.focusWidget()))
    position = runner.position
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)  # meant for the next question
    assert runner.position == position
    assert "not recorded" in prompt.informativeText()
    qtbot.keyClick(runner, Qt.Key.Key_1)  # even typed at the questions behind it
    assert runner.position == position and runner.risk_prompt is prompt
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: runner.risk_prompt is None)
    qtbot.waitUntil(lambda: runner.isAncestorOf(QApplication.focusWidget()))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)  # the difficulty question
    assert runner.pages.currentWidget() is runner.review


def test_the_audit_starts_in_two_key_presses_from_any_tab(qtbot, desk) -> None:
    """Issue 14: the AUDIT's Start button was thirteen Tabs away. Alt+Q opens the Questionnaires
    tab, Alt and the row's number starts that row's questionnaire (the key is on the button)."""
    from PySide6.QtWidgets import QApplication

    add_case(desk)
    window = sign_in(qtbot).main_window
    view = open_case_from_list(qtbot, window)
    view.set_current_tab(1)  # somewhere else in the case
    start = view.questionnaires().start_buttons["audit"][0]
    assert "Alt+6" in start.text()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.tabs.currentIndex() == 0)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.runner is not None)
    assert window.runner.form.id == "audit"


def _failing_saves(monkeypatch, session, fail_on: set[int]):
    """record_answer fails (as on a full disk) on the given calls, counted from 1."""
    real, calls = session.record_answer, []

    def record_answer(*args, **kwargs):
        calls.append(args)
        if len(calls) in fail_on:
            raise DiskFull()
        return real(*args, **kwargs)

    monkeypatch.setattr(session, "record_answer", record_answer)
    return calls


def _stored(window, runner) -> dict[str, int | None]:
    answers = window.session.get_administration(runner.administration_id).answers
    return {key: answer.value for key, answer in answers.items()}


def test_an_answer_that_fails_to_save_is_not_shown_as_saved(qtbot, desk, monkeypatch) -> None:
    """Issue 15, item 5: save first, then update the screen; a plain banner and a retry."""
    add_case(desk)
    window = sign_in(qtbot).main_window
    open_case_from_list(qtbot, window).questionnaires().start_buttons["gad7"][0].click()
    runner = window.runner
    qtbot.keyClick(runner, Qt.Key.Key_2)
    _failing_saves(monkeypatch, window.session, fail_on={1})
    qtbot.keyClick(runner, Qt.Key.Key_3)
    assert runner.position == 1 and "2" not in runner.answers
    assert not any(b.isChecked() for b in runner.question_page.option_buttons)
    assert runner.save_problem.isVisible()
    assert "That answer was not saved. The disk is full" in runner.save_problem_text.text()
    assert runner.retry_button.hasFocus()
    assert _stored(window, runner) == {"1": 1}
    qtbot.keyClick(runner.retry_button, Qt.Key.Key_Space)
    assert not runner.save_problem.isVisible()
    assert runner.position == 2 and runner.answers["2"] == 2
    assert _stored(window, runner) == {"1": 1, "2": 2}


def test_an_answer_and_the_answers_it_clears_are_saved_together(qtbot, desk, monkeypatch) -> None:
    """AUDIT item 1 changed to "Never" clears items 2-8: one transaction, so a failure half-way
    leaves both the stored answers and the screen as they were."""
    add_case(desk)
    window = sign_in(qtbot).main_window
    open_case_from_list(qtbot, window).questionnaires().start_buttons["audit"][0].click()
    runner = window.runner
    for _ in range(4):
        qtbot.keyClick(runner, Qt.Key.Key_2)
    before = _stored(window, runner)
    assert [before[str(n)] for n in range(1, 5)] == [1, 1, 1, 1]
    qtbot.keyClick(runner, Qt.Key.Key_Backspace)
    for _ in range(3):
        qtbot.keyClick(runner, Qt.Key.Key_Backspace)
    assert runner.position == 0
    calls = _failing_saves(monkeypatch, window.session, fail_on={3})
    qtbot.keyClick(runner, Qt.Key.Key_1)  # "Never": items 2 to 8 no longer stand
    assert len(calls) == 3 and runner.save_problem.isVisible()
    assert _stored(window, runner) == before
    assert runner.position == 0 and runner.answers["1"] == 1 and runner.answers["4"] == 1
    runner.retry_save()
    stored = _stored(window, runner)
    assert stored["1"] == 0 and all(stored[str(n)] is None for n in range(2, 5))
    assert runner.questions[runner.position].item == 9


def test_an_undo_that_fails_to_save_keeps_the_answer_and_can_be_retried(qtbot, desk, monkeypatch) -> None:
    add_case(desk)
    window = sign_in(qtbot).main_window
    open_case_from_list(qtbot, window).questionnaires().start_buttons["gad7"][0].click()
    runner = window.runner
    qtbot.keyClick(runner, Qt.Key.Key_2)
    _failing_saves(monkeypatch, window.session, fail_on={1})
    qtbot.keyClick(runner, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "The undo was not saved" in runner.save_problem_text.text()
    assert runner.position == 1 and runner.answers["1"] == 1
    assert _stored(window, runner) == {"1": 1}
    runner.retry_save()
    assert runner.position == 0 and _stored(window, runner) == {"1": None}
