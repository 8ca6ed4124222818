"""The mouse wheel scrolls the page; it never changes an answer.

Scrolling a long form over a drop-down or a number box used to change its value (and autosave
it: issue 14, "Mental health need" changed while scrolling the assessment). One application-wide
filter makes every such control take focus only from a click or Tab, and sends the wheel of a
control without focus to the page around it, so the page scrolls instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea, QAbstractSlider, QAbstractSpinBox, QApplication, QComboBox, QScrollBar,
    QWidget,
)

_VALUE_CONTROLS = (QComboBox, QAbstractSpinBox, QAbstractSlider)


def _is_value_control(widget: QObject) -> bool:
    return isinstance(widget, _VALUE_CONTROLS) and not isinstance(widget, QScrollBar)


def _page_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and _is_value_control(watched):
            # Qt's default for these is WheelFocus: the wheel alone would give them focus.
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and _is_value_control(watched) and not watched.hasFocus():
            page = _page_around(watched)
            if page is not None:
                QApplication.sendEvent(page.verticalScrollBar(), event)
            return True
        return False


def install_wheel_guard(app: QApplication) -> None:
    """Once per application; later calls do nothing."""
    if app.property("wheel_guard_installed"):
        return
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    app.setProperty("wheel_guard_installed", True)
