"""Anonymising the monthly return (Manual §2.4: "replace low numbers 1,2,3,4 with an asterisk"):
small-number suppression that an outsider with nothing but the file cannot undo, audited
against every relation the return publishes (`workflow.disclosure`)."""

from __future__ import annotations

from dataclasses import dataclass

from cstr_desk.workflow import monitoring_later as later
from cstr_desk.workflow.disclosure import Protection, Relation, adds_up, at_most, at_most_sum, protect
from cstr_desk.workflow.monitoring import OVERALL, REQUIREMENT_SHEETS
from cstr_desk.workflow.monitoring_lines import Group, Line, MonitoringReturn

SUPPRESSED = "*"
# Events that only happen to a case on at least one requirement sheet: a CSTR sentence has a
# treatment requirement, consenting means consenting to one, and a provider answers on a DRR
# or an ATR.
_ON_SOME_REQUIREMENT_SHEET = ("cstr", "order:community_order", "order:suspended_sentence_order",
                              "on_the_day", "consented", "provider_accepted",
                              "provider_not_accepted")


@dataclass(frozen=True)
class AnonymisedReturn:
    """What may leave the device: the return's layout with every figure as shown text, and
    which figures were hidden and why."""

    source: MonitoringReturn
    shown: dict[str, str]
    protection: Protection

    def text(self, line: Line) -> str:
        return self.shown[line.key]


def anonymise(monitoring_return: MonitoringReturn) -> AnonymisedReturn:
    """Counts from 1 to 4 become `*` (zero reveals nobody and stays), then further figures
    until no `*` can be worked out from the rest (`disclosure.protect`, against
    `published_relations`)."""
    lines = [line for sheet in monitoring_return.sheets for group in sheet.groups
             for line in _lines(group)]
    counts = {line.key: line.count for line in lines if not line.is_statistic}
    protection = protect(counts, published_relations(monitoring_return))
    hidden = protection.hidden
    shown = {key: SUPPRESSED if key in hidden else str(count) for key, count in counts.items()}
    # A median or mean is shown only beside the number of people it describes.
    shown.update((line.key, _statistic_text(line, line.basis in hidden))
                 for line in lines if line.is_statistic)
    return AnonymisedReturn(monitoring_return, shown, protection)


def _statistic_text(line: Line, basis_hidden: bool) -> str:
    if basis_hidden:
        return SUPPRESSED
    return "" if line.value is None else f"{line.value:.1f}"


def published_relations(monitoring_return: MonitoringReturn) -> list[Relation]:
    """Everything the return itself tells a reader about how its figures relate:
    * each group's lines add up to its total (a figure in several groups has one key);
    * a requirement sheet counts some of the overall sheet's cases, so each of its figures is
      at most the overall one;
    * every case sentenced to a CSTR, consenting, or answered by a treatment provider, is on
      some requirement sheet showing that figure, so the overall figure is at most theirs
      together;
    * "on the day" is a part of "Sentenced to a CSTR", on every sheet, and so are the figures
      `monitoring_later.at_most_pairs` names of theirs.
    Medians and means are no part of these: they are not counts."""
    relations = [adds_up((line.key for line in group.lines), group.total.key)
                 for sheet in monitoring_return.sheets for group in sheet.groups
                 if group.total is not None]
    keys = {line.key: None for sheet in monitoring_return.sheets for group in sheet.groups
            for line in _lines(group) if not line.is_statistic}  # the layout's order: stable
    sheets = [r.upper() for r in REQUIREMENT_SHEETS]
    for key in keys:
        sheet, _slash, event = key.partition("/")
        overall = f"{OVERALL}/{event}"
        if sheet in sheets and overall in keys and not event.startswith("combination:"):
            relations.append(at_most(key, overall))
    for event in _ON_SOME_REQUIREMENT_SHEET:
        parts = [f"{sheet}/{event}" for sheet in sheets if f"{sheet}/{event}" in keys]
        if f"{OVERALL}/{event}" in keys and parts:
            relations.append(at_most_sum(f"{OVERALL}/{event}", parts))
    for sheet in (OVERALL, *sheets):
        for part, whole in (("on_the_day", "cstr"), *later.at_most_pairs()):
            if f"{sheet}/{part}" in keys and f"{sheet}/{whole}" in keys:
                relations.append(at_most(f"{sheet}/{part}", f"{sheet}/{whole}"))
    return relations


def _lines(group: Group) -> tuple[Line, ...]:
    return (*group.lines, group.total) if group.total else group.lines
