"""Controls that cannot change by accident: the mouse wheel over a drop-down or number box
scrolls the page and leaves the answer as it was (issue 14, broken item 3)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from tests.ui.conftest import add_case, sign_in
from tests.ui.test_app_questionnaire import open_case_from_list


def wheel_down(widget: QWidget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(widget.rect().center())), QPoint(0, -120),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def enclosing_scroll(widget: QWidget) -> QAbstractScrollArea:
    parent = widget.parentWidget()
    while not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def test_wheel_over_an_answer_scrolls_the_page_and_changes_nothing(qtbot, desk) -> None:
    add_case(desk)
    window = sign_in(qtbot).main_window
    view = open_case_from_list(qtbot, window)
    view.tabs.setCurrentIndex(1)  # the assessment
    tab = view.case_tabs[1]
    combo = tab.mental_health_need
    qtbot.waitUntil(combo.isVisible)
    before = combo.currentIndex()
    scroll = enclosing_scroll(combo).verticalScrollBar()
    assert scroll.maximum() > 0  # the assessment is longer than the screen
    top = scroll.value()
    wheel_down(combo)
    assert combo.currentIndex() == before
    assert tab.session.load_case(view.referral_id).assessment is None  # nothing autosaved
    assert scroll.value() > top  # the page scrolled instead
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel gives no focus either

    # Clicked (so focused), the control is the user's to change with the wheel.
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    combo.hidePopup()
    assert combo.hasFocus()
    wheel_down(combo)
    assert combo.currentIndex() != before
