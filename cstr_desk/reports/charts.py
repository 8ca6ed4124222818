"""Bar charts drawn with reportlab.graphics shapes.

Drawn from plain rectangles, lines and strings rather than ReportLab's chart widgets: the widgets
validate every attribute as they draw and took a quarter of the Responsible Clinician's report's
build time (bench/bench_reports.py) for a chart that needs none of their options.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.units import mm

from cstr_desk.reports.layout import FONT, INK, MUTED, RULE, new_drawing

LABEL_SIZE = 8


@dataclass(frozen=True)
class Series:
    label: str
    colour: Color
    values: list[float | None]  # None: no score, an empty slot


@dataclass(frozen=True)
class ReferenceLine:
    """A dashed line at `value`, drawn only across the categories in `over` (indices), since a
    cut-off belongs to the score its source gives it for; None draws it across every one."""

    value: float
    label: str
    note: str
    colour: Color = colors.HexColor("#b00020")
    over: tuple[int, ...] | None = None


def nice_maximum(values: list[float]) -> tuple[float, float]:
    """An axis top at or above the largest value, and a tick step giving about five ticks."""
    largest = max(values, default=1) or 1
    magnitude = 10 ** math.floor(math.log10(largest))
    for step in (0.2, 0.5, 1, 2, 5, 10):
        if largest / (step * magnitude) <= 5:
            tick = step * magnitude
            return math.ceil(largest / tick) * tick, tick
    return largest, largest / 5


def bar_chart(categories: list[str], series: list[Series], *, width: float, height: float,
              value_max: float, tick: float, axis_title: str,
              value_format: Callable[[float], str], reference: ReferenceLine | None = None,
              legend: bool = False) -> Drawing:
    """Grouped vertical bars, one group per category, with y-axis ticks, a value over each bar,
    an optional dashed reference line and an optional legend, on the right."""
    drawing = new_drawing(width, height)
    left, bottom, top_gap, right_gap = 12 * mm, 9 * mm, 7 * mm, 46 * mm
    plot_w, plot_h = width - left - right_gap, height - bottom - top_gap

    def y_of(value: float) -> float:
        return bottom + plot_h * min(value, value_max) / value_max

    drawing.add(String(0, height - 8, axis_title, fontName=FONT, fontSize=7.5, fillColor=MUTED))
    _axes(drawing, left, bottom, plot_w, value_max, tick, y_of)
    group_w = plot_w / len(categories)
    bar_w = group_w * 0.7 / len(series)
    for index, category in enumerate(categories):
        x0 = left + index * group_w + group_w * 0.15
        for offset, one in enumerate(series):
            value = one.values[index]
            if value is None:
                continue
            x = x0 + offset * bar_w
            drawing.add(Rect(x, bottom, bar_w, y_of(value) - bottom, fillColor=one.colour,
                             strokeColor=None))
            drawing.add(String(x + bar_w / 2, y_of(value) + 2, value_format(value), fontName=FONT,
                               fontSize=7.5, textAnchor="middle", fillColor=INK))
        drawing.add(String(left + (index + 0.5) * group_w, bottom - 10, category, fontName=FONT,
                           fontSize=LABEL_SIZE, textAnchor="middle", fillColor=INK))
    side = left + plot_w + 4 * mm
    if reference is not None:
        y = y_of(reference.value)
        spans = ([(left, left + plot_w)] if reference.over is None else
                 [(left + i * group_w, left + (i + 1) * group_w) for i in reference.over])
        for start, end in spans:
            drawing.add(Line(start, y, end, y, strokeColor=reference.colour, strokeWidth=1.2,
                             strokeDashArray=[4, 2]))
        drawing.add(String(side, y - 3, reference.label, fontName=FONT, fontSize=7.5,
                           fillColor=reference.colour))
        drawing.add(String(side, y - 12, reference.note, fontName=FONT, fontSize=7,
                           fillColor=MUTED))
    if legend:
        for row, one in enumerate(series):
            y = bottom + plot_h - row * 12
            drawing.add(Rect(side, y, 8, 8, fillColor=one.colour, strokeColor=None))
            drawing.add(String(side + 12, y + 1, one.label, fontName=FONT, fontSize=LABEL_SIZE,
                               fillColor=INK))
    return drawing


def _axes(drawing: Drawing, left: float, bottom: float, plot_w: float, value_max: float,
          tick: float, y_of: Callable[[float], float]) -> None:
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=INK, strokeWidth=0.8))
    drawing.add(Line(left, bottom, left, y_of(value_max), strokeColor=INK, strokeWidth=0.8))
    steps = round(value_max / tick)
    for step in range(steps + 1):
        value = step * tick
        y = y_of(value)
        if step:
            drawing.add(Line(left, y, left + plot_w, y, strokeColor=RULE, strokeWidth=0.25))
        drawing.add(Line(left - 3, y, left, y, strokeColor=INK, strokeWidth=0.8))
        drawing.add(String(left - 5, y - 3, f"{value:g}", fontName=FONT, fontSize=LABEL_SIZE,
                           textAnchor="end", fillColor=INK))
