"""What a screen reader is told, checked in-process through Qt's own accessibility interfaces
(the bus test, test_screen_reader_bus.py, reads the same through AT-SPI): names that follow what
is shown, the runner moving the focus to each new question's answers before its navigation, no table
that holds on to the Tab key, and no two shortcuts on one wizard page."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QApplication, QHeaderView, QLabel, QLineEdit,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from cstr_desk.ui.setup_wizard import SetupWizard
from cstr_desk.ui.widgets import read_only_table
from tests.ui.conftest import add_case, sign_in
from tests.ui.test_app_questionnaire import open_case_from_list


def spoken_name(widget: QWidget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def start(qtbot, desk, instrument: str):
    add_case(desk)
    window = sign_in(qtbot).main_window
    open_case_from_list(qtbot, window).questionnaires().start_buttons[instrument][0].click()
    return window.runner


def test_each_question_takes_the_focus_to_its_answers_which_carry_the_question(qtbot, desk) -> None:
    runner = start(qtbot, desk, "k10")
    first = runner.question_page.option_buttons
    assert QApplication.focusWidget() is first[0]
    assert runner.questions[0].text in first[0].accessibleDescription()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3)
    now = runner.question_page.option_buttons
    assert QApplication.focusWidget() is now[0]
    assert now[0].accessibleDescription() == f"Question 2 of 10: {runner.questions[1].text}"
    # Tab goes through every answer before Back, Skip, Undo, Review and Close.
    order = [now[0]]
    while len(order) < len(now) + 2:
        order.append(order[-1].nextInFocusChain())
    assert order[: len(now)] == now and order[len(now)] is runner.back_button


def test_the_review_is_named_as_shown_and_every_question_by_its_words(qtbot, desk) -> None:
    runner = start(qtbot, desk, "phq9")
    for _ in range(len(runner.questions)):
        qtbot.keyClick(runner, Qt.Key.Key_1)
    assert runner.pages.currentWidget() is runner.review
    assert spoken_name(runner.progress_text) == "Review"
    names = [spoken_name(b) for b in runner.review.change_buttons]
    assert all(not name.rstrip().endswith("-") for name in names), names
    assert names[-1] == f"Change the answer to: {runner.questions[-1].text}"
    assert QApplication.focusWidget() is runner.review.finish_button
    assert runner.review.score.text() in runner.review.finish_button.accessibleDescription()


def test_labels_are_read_as_they_show_never_as_their_style(qtbot, desk) -> None:
    add_case(desk)
    window = sign_in(qtbot).main_window
    view = open_case_from_list(qtbot, window)
    styles = {"muted", "error", "warning", "stem", "heading", "label"}
    # Hidden ones too: an error label is read when it appears, and every tab of the case.
    spoken = [spoken_name(w) for root in (window, view) for w in root.findChildren(QLabel)]
    assert not styles & set(spoken)
    assert "No problems" not in spoken  # an empty error label said so, though nothing showed


def _mnemonics(page: QWidget, wizard: SetupWizard) -> list[str]:
    texts = [w.text() for w in page.findChildren(QLabel) if w.buddy() is not None]
    texts += [w.text() for w in page.findChildren(QAbstractButton)]
    # The wizard's own buttons on that page: Back and Next, or Finish alone on the last.
    last = page is wizard.recovery
    shown = ((SetupWizard.WizardButton.FinishButton,) if last else
             (SetupWizard.WizardButton.BackButton, SetupWizard.WizardButton.NextButton))
    texts += [wizard.button(b).text() for b in shown]
    return [m.group(1).lower() for text in texts for m in [re.search(r"&(\w)", text)] if m]


def test_no_two_shortcuts_on_a_wizard_page_share_a_letter(qtbot, tmp_path: Path) -> None:
    wizard = SetupWizard(tmp_path / "new.db")
    qtbot.addWidget(wizard)
    for page in (wizard.database, wizard.site, wizard.administrator, wizard.recovery):
        letters = _mnemonics(page, wizard)
        assert len(letters) == len(set(letters)), (page.title(), letters)


def test_tab_leaves_a_filled_table_and_ctrl_tab_does_not_walk_it(qtbot) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    before, table, after = QLineEdit(box), read_only_table(3, 3, "Results", box), QLineEdit(box)
    for row in range(3):
        for column in range(3):
            table.setItem(row, column, QTableWidgetItem(f"{row},{column}"))
    layout = QVBoxLayout(box)
    for widget in (before, table, after):
        layout.addWidget(widget)
    box.show()
    qtbot.waitExposed(box)
    table.setFocus()
    table.setCurrentCell(1, 1)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert box.focusWidget() is after
    # Ctrl+Tab no longer walks the cells either (it wrapped round them for ever).
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert (table.currentRow(), table.currentColumn()) == (1, 1)


def test_no_table_or_list_on_any_case_screen_keeps_the_tab_key(qtbot, desk) -> None:
    add_case(desk)
    window = sign_in(qtbot).main_window
    view = open_case_from_list(qtbot, window)
    views = view.findChildren(QAbstractItemView) + window.case_list.findChildren(QAbstractItemView)
    window.show_monitoring()
    views += window.monitoring_page.findChildren(QAbstractItemView)
    keeping = [v.accessibleName() or type(v).__name__ for v in views
               if v.tabKeyNavigation() and not isinstance(v, QHeaderView)]
    assert keeping == []
