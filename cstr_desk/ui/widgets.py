"""Small building blocks every screen uses, so each control gets an accessible name, a large
touch target and the UK date format without each screen remembering to."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHeaderView, QLabel, QLayout, QLineEdit, QPushButton, QScrollArea, QTableWidget, QWidget,
)

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
    """A wrapping label. With no `accessible_name`, a screen reader reads what it shows, kept in
    step as the text changes (a fixed name would go stale, and `role` is a style, not a name)."""
    widget = QLabel(text, parent)
    widget.setWordWrap(True)
    if role:
        widget.setProperty("role", role)
    if accessible_name:
        widget.setAccessibleName(accessible_name)
    return widget


def field_label(text: str, field: QWidget, parent: QWidget | None = None) -> QLabel:
    """The label of a field, tied to it as its buddy: Alt plus the underlined letter moves there,
    and the accessibility bus gives the field a labelled-by relation. On Linux Qt names a combo
    box after its current value, so this relation is how Orca says what the box asks."""
    widget = label(text, parent=parent)
    widget.setBuddy(field)
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
    widget = line_edit(accessible_name, QCoreApplication.translate("widgets", "dd/mm/yyyy"), parent)
    widget.setMaxLength(10)
    return widget


def set_error(widget: QLabel, message: str) -> None:
    """Show a refusal or problem in plain words; a rule's citation goes to the tooltip."""
    from cstr_desk.ui.plain_words import show_plainly

    widget.setText(show_plainly(widget, message))
    widget.setVisible(bool(message))


def clear_layout(layout: QLayout) -> None:
    """Empty a layout now: widgets leave the window at once (so sizes shrink back and nothing
    personal lingers on screen) and are freed on the next turn of the event loop."""
    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()


def scrolling(widget: QWidget, name: str = "") -> QScrollArea:
    """`widget` in a scroll area that resizes it: long content scrolls instead of growing the
    window past a 1366x768 screen. Without a `name` the area is no Tab stop of its own (it
    follows the focus of the controls inside); with one, it is a named stop, for content with no
    control to carry the keyboard there."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(widget)
    if name:
        scroll.setAccessibleName(name)
    else:
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return scroll


def read_only_table(rows: int, columns: int, name: str, parent: QWidget | None = None) -> QTableWidget:
    """A table for reading: Tab leaves it (a table's own default moves from cell to cell and
    wraps round for ever, a keyboard trap), the arrow keys move inside it."""
    table = QTableWidget(rows, columns, parent)
    table.setAccessibleName(name)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    # Rows grow with the text size and wrap long cells (issue 14: at extra large text fixed rows
    # cut the words in half); past the table's height it scrolls.
    table.setWordWrap(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table
