"""Small building blocks every screen uses, so each control gets an accessible name, a large
touch target and the UK date format without each screen remembering to."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLayout, QLineEdit, QPushButton, QScrollArea, QWidget

def button(text: str, accessible_name: str, on_click: Callable[[], object] | None = None,
           parent: QWidget | None = None) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setAccessibleName(accessible_name)
    widget.setMinimumHeight(44)
    if on_click is not None:
        widget.clicked.connect(lambda _checked=False: on_click())
    return widget


def label(text: str = "", role: str | None = None, parent: QWidget | None = None,
          accessible_name: str | None = None) -> QLabel:
    widget = QLabel(text, parent)
    widget.setWordWrap(True)
    if role:
        widget.setProperty("role", role)
    widget.setAccessibleName(accessible_name or text or (role or "label"))
    return widget


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    return label(text, "heading", parent)


def line_edit(accessible_name: str, placeholder: str = "", parent: QWidget | None = None,
              password: bool = False) -> QLineEdit:
    widget = QLineEdit(parent)
    widget.setAccessibleName(accessible_name)
    widget.setPlaceholderText(placeholder)
    if password:
        widget.setEchoMode(QLineEdit.EchoMode.Password)
    return widget


def date_edit(accessible_name: str, parent: QWidget | None = None) -> QLineEdit:
    """A date typed as dd/mm/yyyy and read with `parse_uk_date` (a calendar popup is slower on a
    court laptop and hides impossible dates rather than explaining them)."""
    widget = line_edit(accessible_name, "dd/mm/yyyy", parent)
    widget.setMaxLength(10)
    return widget


def set_error(widget: QLabel, message: str) -> None:
    widget.setText(message)
    widget.setAccessibleName(message or "No problems")
    widget.setVisible(bool(message))


def clear_layout(layout: QLayout) -> None:
    """Empty a layout now: widgets leave the window at once (so sizes shrink back and nothing
    personal lingers on screen) and are freed on the next turn of the event loop."""
    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()


def scrolling(widget: QWidget) -> QScrollArea:
    """`widget` in a scroll area that resizes it: long content scrolls instead of growing the
    window past a 1366x768 screen."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(widget)
    return scroll
