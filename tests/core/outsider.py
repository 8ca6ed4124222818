"""An outsider's attack on an exported monitoring return, written apart from the export's own
audit (cstr_desk.workflow.disclosure) and sharing none of its code.

It reads nothing but the file. From the file's layout and the Notes sheet's words it rebuilds
what the figures must satisfy:
  * in each group of several rows, the rows add up to the last one (the group's total);
  * "Sentenced to a CSTR", "Assessed for a CSTR", "Not sentenced to a CSTR" and "Returned to
    court due to breach" are each one number within a sheet; "Assessed for a CSTR" is one
    number on the All CSTRs and Equality sheets; a combination row on the MHTR/DRR/ATR sheet naming that
    sheet's requirement is the All CSTRs sheet's row;
  * a row of a requirement sheet is at most the same row of the All CSTRs sheet (not "Other
    combination", which counts different cases on each sheet);
  * the All CSTRs rows for consent, sentenced to a CSTR, by order, on the day and the treatment
    provider's answers are at most the requirement sheets' (those showing the row) together;
    on each sheet "on the day" (and the other parts in PART_OF) at most their whole;
  * medians and means ("Median ...", "Mean ...") are no part of any sum.
Then, for each *, the least and the greatest whole number it can be (a * at least 1), one
integer programme per question (SciPy's HiGHS): `attack` returns those ranges.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from openpyxl import load_workbook
from scipy.optimize import Bounds, LinearConstraint, milp

Cell = tuple[str, str, str]  # sheet, group, figure
STAR = "*"
REQUIREMENT_SHEETS = ("MHTR", "DRR", "ATR")
BY_TYPE = "Sentenced to a CSTR, by type of order"
CSTR = "Sentenced to a CSTR"
ON_THE_DAY = "Sentenced to a CSTR on the day (within 24 hours of assessment)"
COVERED = ("Agreed to consent to treatment", CSTR, "Community order", "Suspended sentence order",
           ON_THE_DAY, "Approved by the treatment provider", "Not accepted by the treatment provider")
# One number wherever it appears on its sheet (the Notes say so).
ONE_PER_SHEET = (CSTR, "Assessed for a CSTR", "Not sentenced to a CSTR",
                 "Returned to court due to breach")
# (part, whole) on each sheet, by the Notes' words.
PART_OF = [(ON_THE_DAY, CSTR), ("Sentenced to a CSTR, custody otherwise (the sentencer's answer)", CSTR),
           ("Sentencer feedback forms returned", "Sentenced (total)"),
           ("With a score before and after treatment", "Treatment ended (total)")]
# Not counts: shown beside their number of people, in no sum (the Notes say so).
STATISTICS = ("Median ", "Mean ")
# "Large": a * this big or more is as good as unbounded (no return has a million cases).
LARGE = 1_000_000


def read_csv(path: Path) -> dict[Cell, int | float | str | None]:
    """Counts as int (a * as None); medians and means as float, or "*" or "" as written."""
    with path.open(encoding="utf-8") as handle:
        return {(row["sheet"], row["group"], row["figure"]): _value(row["figure"], row["number"])
                for row in csv.DictReader(handle)}


def read_xlsx(path: Path) -> dict[Cell, int | None]:
    cells: dict[Cell, int | None] = {}
    workbook = load_workbook(path)
    for worksheet in workbook.worksheets:
        if worksheet.title == "Notes":
            continue
        for group, figure, number in worksheet.iter_rows(min_row=5, max_col=3, values_only=True):
            if is_statistic(figure):
                # A spreadsheet keeps 73.0 as 73: any number is the statistic's value.
                assert isinstance(number, (int, float)) or number in (STAR, None), (figure, number)
                value = number if number in (STAR, None) else float(number)
                cells[(worksheet.title, group, figure)] = "" if value is None else value
                continue
            assert isinstance(number, int) or number == STAR, (worksheet.title, figure, number)
            cells[(worksheet.title, group, figure)] = None if number == STAR else number
    return cells


def is_statistic(figure: str) -> bool:
    return figure.startswith(STATISTICS)


def _value(figure: str, text: str) -> int | float | str | None:
    if is_statistic(figure):
        return text if text in (STAR, "") else float(text)
    return None if text == STAR else int(text)


def attack(cells: dict[Cell, int | None]) -> dict[Cell, tuple[int, int]]:
    """For each * cell, the (least, greatest) whole number it can be given the whole file."""
    cells = {cell: value for cell, value in cells.items() if not is_statistic(cell[2])}
    same = _Same(cells)
    equal, at_most = _relations(cells, same)
    unknown = sorted({same.root(c) for c, v in cells.items() if v is None and same.value(c) is None})
    column = {root: i for i, root in enumerate(unknown)}

    def row(terms: list[tuple[Cell, int]]) -> tuple[np.ndarray, float]:
        coefficients, constant = np.zeros(len(unknown)), 0.0
        for cell, sign in terms:
            known = same.value(cell)
            if known is None:
                coefficients[column[same.root(cell)]] += sign
            else:
                constant -= sign * known
        return coefficients, constant

    matrix, low, high = [], [], []
    for terms in equal:
        coefficients, constant = row(terms)
        matrix.append(coefficients), low.append(constant), high.append(constant)
    for terms in at_most:
        coefficients, constant = row(terms)
        matrix.append(coefficients), low.append(-np.inf), high.append(constant)
    constraints = [LinearConstraint(np.array(matrix), low, high)] if matrix and unknown else []
    ranges = {}
    for cell, value in cells.items():
        if value is not None:
            continue
        known = same.value(cell)
        if known is not None:
            ranges[cell] = (known, known)
            continue
        ranges[cell] = (_extreme(column[same.root(cell)], 1, len(unknown), constraints),
                        _extreme(column[same.root(cell)], -1, len(unknown), constraints))
    return ranges


def _extreme(index: int, sense: int, size: int, constraints: list) -> int:
    objective = np.zeros(size)
    objective[index] = sense
    result = milp(objective, integrality=np.ones(size), bounds=Bounds(1, LARGE),
                  constraints=constraints, options={"mip_rel_gap": 0.0})
    assert result.status == 0, result.message
    return round(result.x[index])


class _Same:
    """Cells that are one number, by the Notes' words."""

    def __init__(self, cells: dict[Cell, int | None]) -> None:
        self.cells = cells
        self.parent: dict[Cell, Cell] = {cell: cell for cell in cells}
        for sheet in {c[0] for c in cells}:
            for figure in ONE_PER_SHEET:
                self._join([c for c in cells if c[0] == sheet and c[2] == figure])
        self._join([c for c in cells if c[0] in ("All CSTRs", "Equality")
                    and c[2] == "Assessed for a CSTR"])
        for sheet, group, figure in cells:
            if sheet in REQUIREMENT_SHEETS and group == BY_TYPE and sheet in figure.split(" + "):
                self._join([(sheet, group, figure), ("All CSTRs", group, figure)])

    def _join(self, cells: list[Cell]) -> None:
        for cell in cells[1:]:
            self.parent[self.root(cell)] = self.root(cells[0])

    def root(self, cell: Cell) -> Cell:
        while self.parent[cell] != cell:
            cell = self.parent[cell]
        return cell

    def value(self, cell: Cell) -> int | None:
        root = self.root(cell)
        shown = {v for c, v in self.cells.items() if v is not None and self.root(c) == root}
        assert len(shown) <= 1, (cell, shown)  # one number printed twice, differently
        return shown.pop() if shown else None


def _relations(cells: dict[Cell, int | None], same: _Same
               ) -> tuple[list[list[tuple[Cell, int]]], list[list[tuple[Cell, int]]]]:
    groups: dict[tuple[str, str], list[Cell]] = {}
    for cell in cells:  # the file's order: a group's total is its last row
        groups.setdefault(cell[:2], []).append(cell)
    equal = [[(c, 1) for c in rows[:-1]] + [(rows[-1], -1)]
             for rows in groups.values() if len(rows) > 1]
    at_most = []
    for sheet, group, figure in cells:
        overall = ("All CSTRs", group, figure)
        if sheet in REQUIREMENT_SHEETS and overall in cells and figure != "Other combination":
            at_most.append([((sheet, group, figure), 1), (overall, -1)])
    for figure in COVERED:
        for whole in [c for c in cells if c[0] == "All CSTRs" and c[2] == figure]:
            parts = [(s, whole[1], figure) for s in REQUIREMENT_SHEETS
                     if (s, whole[1], figure) in cells]
            if parts:
                at_most.append([(whole, 1), *((p, -1) for p in parts)])
    for sheet in {c[0] for c in cells}:
        for part_figure, whole_figure in PART_OF:
            part = [c for c in cells if c[0] == sheet and c[2] == part_figure]
            whole = [c for c in cells if c[0] == sheet and c[2] == whole_figure]
            for cell in part[:1] if whole else ():
                at_most.append([(cell, 1), (whole[0], -1)])
    return equal, at_most


def worked_out(cells: dict[Cell, int | None]) -> dict[Cell, int]:
    """The * cells whose exact value the outsider gets, with that value."""
    return {cell: low for cell, (low, high) in attack(cells).items() if low == high}
