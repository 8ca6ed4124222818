"""Keyboard focus is visible from the first Tab (issue 14): the focused control is drawn with
the focus colours of the style sheet (resources/styles/base.qss), on buttons, fields, ticks and
tabs, and the control without focus is not."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QLineEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from cstr_desk.ui.theme import TextSize, style_sheet

YELLOW, EDGE = QColor("#ffdd00"), QColor("#0b0c0c")


def count(image: QImage, colour: QColor) -> int:
    near = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if abs(pixel.red() - colour.red()) + abs(pixel.green() - colour.green()) \
                    + abs(pixel.blue() - colour.blue()) < 40:
                near += 1
    return near


@pytest.mark.parametrize("make, colour", [
    (lambda: QPushButton("Save referral"), YELLOW),
    (lambda: QCheckBox("MHTR"), YELLOW),
    (lambda: QLineEdit("Quill"), EDGE),
])
def test_the_first_tab_shows_where_the_focus_is(qtbot, make, colour) -> None:
    QApplication.instance().setStyleSheet(style_sheet(TextSize.NORMAL, high_contrast=False))
    window = QWidget()
    before = QLineEdit()  # where the focus starts
    control = make()
    control.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    column = QVBoxLayout(window)
    column.addWidget(before)
    column.addWidget(control)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    unfocused = count(control.grab().toImage(), colour)
    qtbot.keyClick(window, Qt.Key.Key_Tab)
    qtbot.waitUntil(control.hasFocus)
    focused = count(control.grab().toImage(), colour)
    assert focused > 3 * unfocused + 20, (unfocused, focused)


def test_the_current_tab_shows_the_focus(qtbot) -> None:
    QApplication.instance().setStyleSheet(style_sheet(TextSize.NORMAL, high_contrast=False))
    tabs = QTabWidget()
    tabs.addTab(QWidget(), "Questionnaires")
    tabs.addTab(QWidget(), "Assessment")
    qtbot.addWidget(tabs)
    tabs.show()
    qtbot.waitExposed(tabs)
    bar = tabs.tabBar()
    unfocused = count(bar.grab().toImage(), YELLOW)
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(bar.hasFocus)
    assert count(bar.grab().toImage(), YELLOW) > 3 * unfocused + 20
