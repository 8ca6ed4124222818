"""Accessibility: every control named for screen readers, large touch targets, text size and
high contrast applied app-wide, the About box listing every instrument's copyright and terms."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QApplication, QComboBox, QHeaderView, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QToolButton, QWidget,
)

import forms
from cstr_desk.ui.about import AboutDialog
from cstr_desk.ui.clipboard import PersonalClipboard
from cstr_desk.ui.results import LineChart
from cstr_desk.ui.theme import Preferences, TextSize, apply_theme, style_sheet
from tests.ui.conftest import LD_PASSWORD, add_case, sign_in
from tests.ui.test_app_questionnaire import open_case_from_list

_CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QAbstractItemView)


def unnamed_controls(root: QWidget) -> list[str]:
    controls = [w for w in root.findChildren(QWidget) if isinstance(w, _CONTROLS) and not isinstance(w, QHeaderView)]
    # Scroll bars and the table's corner button belong to Qt's own composite widgets.
    own = [w for w in controls if w.objectName() != "qt_scrollarea_viewport"
           and not (w.parent() and w.parent().inherits("QAbstractScrollArea") and isinstance(w, QAbstractButton))]
    return [f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}" for w in own
            if w.isVisibleTo(root) and not w.accessibleName()]


def small_buttons(root: QWidget) -> list[str]:
    return [b.text() for b in root.findChildren(QPushButton) if b.isVisible() and b.height() < 44]


def test_every_control_on_every_screen_has_an_accessible_name_and_44px_buttons(qtbot, desk) -> None:
    apply_theme(QApplication.instance(), Preferences())
    add_case(desk)
    window = sign_in(qtbot, "lee", LD_PASSWORD).main_window
    assert unnamed_controls(window) == [] and small_buttons(window) == []
    window.new_action.trigger()
    qtbot.waitExposed(window.referral_page)
    assert unnamed_controls(window.referral_page) == [] and small_buttons(window.referral_page) == []
    view = open_case_from_list(qtbot, window)
    assert unnamed_controls(view) == [] and small_buttons(view) == []
    view.questionnaires().start_buttons["audit"][0].click()
    qtbot.keyClick(window.runner, Qt.Key.Key_2)
    assert unnamed_controls(window.runner) == [] and small_buttons(window.runner) == []
    qtbot.keyClick(window.runner, Qt.Key.Key_R)
    assert unnamed_controls(window.runner) == []
    window.lock()
    assert unnamed_controls(window.lock_screen) == [] and small_buttons(window.lock_screen) == []


@pytest.mark.parametrize("size", list(TextSize))
def test_text_size_scales_the_app_font_and_style(qtbot, size: TextSize) -> None:
    app = QApplication.instance()
    preferences = Preferences()
    preferences.text_size = TextSize.NORMAL
    apply_theme(app, preferences)
    normal = app.font().pointSizeF()
    preferences.text_size = size
    apply_theme(app, preferences)
    expected = {TextSize.NORMAL: 1.0, TextSize.LARGE: 1.25, TextSize.EXTRA_LARGE: 1.5}[size]
    assert app.font().pointSizeF() == pytest.approx(normal * expected)
    assert f"font-size: {10.5 * expected:.1f}pt" in app.styleSheet()
    assert Preferences().text_size == size  # remembered for next time


def test_high_contrast_sheet_is_laid_over_the_base(qtbot) -> None:
    plain, contrast = style_sheet(TextSize.NORMAL, False), style_sheet(TextSize.NORMAL, True)
    assert contrast.startswith(plain.split("\n")[0]) and "#ffff00" in contrast and "#ffff00" not in plain


def test_view_menu_changes_text_size_and_contrast(qtbot, desk) -> None:
    window = sign_in(qtbot).main_window
    window.size_actions[TextSize.EXTRA_LARGE].trigger()
    assert "15.8pt" in QApplication.instance().styleSheet()
    window.contrast_action.trigger()
    assert window.preferences.high_contrast and "#ffff00" in QApplication.instance().styleSheet()


def test_about_box_lists_every_instrument_copyright_and_terms(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = "\n".join(label.text() for label in dialog.findChildren(QLabel))
    for form in forms.all_forms():
        assert form.copyright in text and form.terms in text


def test_chart_drawn_when_an_instrument_was_given_more_than_once(qtbot, desk) -> None:
    add_case(desk)
    window = sign_in(qtbot, "lee", LD_PASSWORD).main_window
    for answer in (Qt.Key.Key_3, Qt.Key.Key_2):
        open_case_from_list(qtbot, window).questionnaires().start_buttons["k10"][0].click()
        for _ in range(10):
            qtbot.keyClick(window.runner, answer)
        qtbot.keyClick(window.runner, Qt.Key.Key_Return)
    charts = window.case_view.questionnaires().results.findChildren(LineChart)
    assert len(charts) == 1 and [v for _, v in charts[0].points] == [30, 20]
    assert "30" in charts[0].accessibleName() and not charts[0].grab().isNull()


def test_personal_text_leaves_the_clipboard_after_the_timeout(qtbot) -> None:
    clipboard = PersonalClipboard(clear_after_ms=50)
    clipboard.copy("Sam Smith 01/04/1990")
    assert QGuiApplication.clipboard().text() == "Sam Smith 01/04/1990"
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=2000)
    clipboard.copy("Sam Smith")
    QGuiApplication.clipboard().setText("the user's own text")
    clipboard.clear()
    assert QGuiApplication.clipboard().text() == "the user's own text"


def test_the_case_tabs_that_do_not_fit_scroll_with_buttons_large_enough_to_see_and_touch(qtbot, desk) -> None:
    """At 1366 x 768 the case's fifteen tabs do not all fit: the tab bar's scroll buttons are
    what shows there are more, so they must be there, with room for their arrows."""
    apply_theme(QApplication.instance(), Preferences())
    add_case(desk)
    window = sign_in(qtbot, "lee", LD_PASSWORD).main_window
    window.resize(1366, 768)
    view = open_case_from_list(qtbot, window)
    bar = view.tabs.tabBar()
    qtbot.waitUntil(lambda: bar.isVisible())
    scrollers = [b for b in bar.findChildren(QToolButton) if b.isVisible()]
    assert len(scrollers) == 2
    assert all(b.width() >= 44 and b.height() >= 36 for b in scrollers), [b.size() for b in scrollers]
