"""The monthly return's layout: figures (lines) in groups on sheets (Manual §2.4: "separate tabs
for MHTRs, ATRs and DRRs"). Plain frozen data, so a return compares equal to another."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Line:
    key: str  # unique across the return; the same figure shown twice shares its key
    label: str
    count: int
    # A line that is not a count (a median, a mean) carries its value here and the key of the
    # count of people it describes: it is shown only when that count is, and takes no part in
    # the sums the disclosure audit reads (workflow.monitoring.anonymise).
    value: float | None = None
    basis: str | None = None

    @property
    def is_statistic(self) -> bool:
        return self.basis is not None


@dataclass(frozen=True)
class Group:
    """Lines shown together; when `total` is set the lines add up to it, which is what
    secondary suppression has to protect."""

    title: str
    lines: tuple[Line, ...]
    total: Line | None = None


@dataclass(frozen=True)
class Sheet:
    name: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class MonitoringReturn:
    month: date  # the first day of the month
    sheets: tuple[Sheet, ...]

    def count(self, key: str) -> int:
        return self.line(key).count

    def line(self, key: str) -> Line:
        for sheet in self.sheets:
            for group in sheet.groups:
                for line in (*group.lines, *((group.total,) if group.total else ())):
                    if line.key == key:
                        return line
        raise KeyError(key)
