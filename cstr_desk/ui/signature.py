"""A signature drawn on the screen with a finger, a stylus or a mouse, kept as SVG path data.

Manual Appendix 2 asks for the person's signature on the combined consent. On a court tablet
the person signs on the glass; the strokes are stored as a small SVG (`ConsentRecord.
signature_svg`) so the printed consent copy can reproduce them at any size. A person who
cannot sign (or who uses only a keyboard) gives witnessed verbal consent instead, which the
consent tab offers beside this pad.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from cstr_desk.ui.widgets import button, label

_INK = QColor("#0b2a5b")
_STROKE_WIDTH = 3.0


def strokes_to_svg(strokes: list[list[QPointF]], size: QSize) -> str:
    """An SVG document holding each stroke as one path; a single tap becomes a short dot."""
    paths = []
    for stroke in strokes:
        if not stroke:
            continue
        first, *rest = stroke
        data = f"M{first.x():.1f} {first.y():.1f}"
        data += "".join(f" L{p.x():.1f} {p.y():.1f}" for p in rest) if rest else " l0.1 0"
        paths.append(f'<path d="{data}"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size.width()} {size.height()}" '
        f'width="{size.width()}" height="{size.height()}">'
        f'<g fill="none" stroke="{_INK.name()}" stroke-width="{_STROKE_WIDTH:g}" '
        f'stroke-linecap="round" stroke-linejoin="round">{"".join(paths)}</g></svg>'
    )


class SignaturePad(QWidget):
    """The drawing surface. `changed` fires after every stroke and after Clear."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[list[QPointF]] = []
        self._drawing = False
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setMinimumSize(360, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(self.tr("Signature pad"))
        self.setAccessibleDescription(
            self.tr("Sign here with a finger, a pen or the mouse. If you cannot sign, "
            "ask for verbal consent to be recorded with a witness instead.")
        )

    # --- what was drawn ----------------------------------------------------------------

    def is_empty(self) -> bool:
        return not any(self._strokes)

    def stroke_count(self) -> int:
        return sum(1 for s in self._strokes if s)

    def to_svg(self) -> str:
        return strokes_to_svg(self._strokes, self.size())

    def clear(self) -> None:
        self._strokes.clear()
        self._drawing = False
        self.update()
        self.changed.emit()

    # --- input: pen, touch and mouse all end in the same three steps --------------------

    def _begin(self, point: QPointF) -> None:
        self._drawing = True
        self._strokes.append([point])
        self.update()

    def _extend(self, point: QPointF) -> None:
        if self._drawing:
            self._strokes[-1].append(point)
            self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())
        self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        # Accepting the pen event stops Qt from also sending a synthesised mouse event.
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QTouchEvent) and event.points():
            point = event.points()[0].position()
            kind = event.type()
            if kind == QTouchEvent.Type.TouchBegin:
                self._begin(point)
            elif kind == QTouchEvent.Type.TouchUpdate:
                self._extend(point)
            elif kind in (QTouchEvent.Type.TouchEnd, QTouchEvent.Type.TouchCancel):
                self._end()
            event.accept()
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QPen(QColor("#1a1a1a"), 2))
        painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        baseline = self.height() * 0.75
        painter.setPen(QPen(QColor("#707070"), 2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(24, baseline), QPointF(self.width() - 24, baseline))
        painter.setPen(QPen(_INK, _STROKE_WIDTH, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(stroke[0])
                continue
            path = QPainterPath(stroke[0])
            for point in stroke[1:]:
                path.lineTo(point)
            painter.drawPath(path)


class SignatureField(QWidget):
    """The pad with its prompt and a Clear button, as the consent screen shows it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pad = SignaturePad(self)
        self.clear_button = button(self.tr("Clear signature"), self.tr("Clear the signature and start again"),
                                   self.pad.clear, self)
        self.clear_button.setMinimumWidth(160)
        prompt = label(self.tr("Sign in the box with your finger, a pen or the mouse."), "stem", self)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(prompt)
        layout.addWidget(self.pad, 1)
        layout.addLayout(row)
