"""Questionnaire results as the reports print them: a results table and the CORE-OM profile.

Scores are recomputed from the recorded answers by `scoring`, never stored totals, so a report
always agrees with the current scoring rules and any amended answer.
"""

from __future__ import annotations

from collections.abc import Mapping
import re
from dataclasses import dataclass
from functools import cache
from datetime import datetime

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

import forms
import scoring
from cstr_desk.ukdates import uk_date
from cstr_desk.domain import Administration, AdministrationStatus, CaseRecord, User
from cstr_desk.reports.charts import ReferenceLine, Series, bar_chart
from cstr_desk.score_words import CORE_OM_SCALE_NAMES, band_label, flag_words, refusal_words
from cstr_desk.reports.layout import (
    CONTENT_WIDTH, FONT_BOLD, INK, RULE, SHADE, Para, Styles, escape, table_style, user_name,
)
from scoring import core34
from scoring.result import FlagCode, ScoreResult

CORE_OM = core34.INSTRUMENT_ID
# The profile's bars are CORE-OM item means (0-4). Connell et al. 2007 give a clinical cut-off of
# 10 on the All-items clinical score, i.e. a mean of 1.0 (see scoring/core34.py), and no cited
# source used here gives one for a single domain (Evans et al. 2002's gender-specific domain
# cut-offs were not verified), so the line is drawn over All items only: never over Risk, where
# any endorsed item matters whatever the mean.
CORE_OM_CUTOFF_MEAN = core34.CLINICAL_CUTOFF / 10
PROFILE_SCALES = tuple((key, CORE_OM_SCALE_NAMES[key])
                       for key in ("W", "P", "F", "R", "all_minus_risk", "all"))
CUTOFF_SCALES = ("all",)
AUDIT, AUDIT_C = "audit", "auditc"


@dataclass(frozen=True)
class ScoredAdministration:
    administration: Administration
    result: ScoreResult

    @property
    def when(self) -> datetime:
        return self.administration.completed_at or self.administration.started_at


def finished(case: CaseRecord) -> list[Administration]:
    """Complete or finalised administrations, oldest first: drafts are not results."""
    done = [a for a in case.administrations
            if a.status in (AdministrationStatus.COMPLETE, AdministrationStatus.FINALISED)]
    return sorted(done, key=lambda a: a.completed_at or a.started_at)


def scored(case: CaseRecord) -> list[ScoredAdministration]:
    return [ScoredAdministration(a, scoring.score(a.instrument_id, a.item_answers()))
            for a in finished(case)]


def instrument_title(instrument_id: str) -> str:
    return forms.load_form(instrument_id).short_title


def format_score(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def headline_score(result: ScoreResult) -> str:
    """The one score a person reads, on screen and on paper alike: the CORE-OM's clinical score
    (item mean x 10, as the CORE System reports it), every other questionnaire's total."""
    if result.instrument_id == CORE_OM:
        return f"Clinical score {format_score(result.derived.get('all_clinical'))}"
    return f"Score {format_score(result.total)}"


def total_text(result: ScoreResult) -> str:
    if not result.scorable:
        return "Not scorable: " + " ".join(refusal_words(result))
    if result.instrument_id == CORE_OM:
        text = (f"Clinical score {format_score(result.derived.get('all_clinical'))}"
                f" (mean {result.derived['all_mean']:.2f}); all minus risk "
                f"{format_score(result.derived.get('all_minus_risk_clinical'))}")
    else:
        text = format_score(result.total)
    return text + (" (pro-rated for missing answers)" if result.prorated else "")


def results_table(entries: list[ScoredAdministration], users: Mapping[int, User],
                  styles: Styles) -> Table:
    """One row per questionnaire given: instrument, date, who gave it, total, band, flags."""
    cell = styles.small.clone("cell", textColor=INK)
    head = styles.small.clone("head", fontName=FONT_BOLD, textColor=INK)
    rows = [[Para(h, head) for h in ("Questionnaire", "Date", "Given by", "Total", "Band",
                                          "Flags")]]
    for entry in entries:
        result = entry.result
        flags = "<br/>".join(escape(line) for line in flag_lines(entry, entries)) or "None"
        rows.append([
            Para(instrument_title(result.instrument_id), cell),
            Para(uk_date(entry.when), cell),
            Para(user_name(users, entry.administration.started_by), cell),
            Para(total_text(result), cell),
            Para(band_label(result.band) if result.band else "-", cell),
            Para(flags, cell),
        ])
    # The flags carry the most words (each endorsed risk item's wording), so they get the room.
    widths = [0.17, 0.13, 0.14, 0.12, 0.15, 0.29]
    table = Table(rows, colWidths=[w * CONTENT_WIDTH for w in widths], repeatRows=1)
    table.setStyle(grid_style())
    return table


def flag_lines(entry: ScoredAdministration, entries: list[ScoredAdministration]) -> list[str]:
    """The entry's flags as printed. A positive AUDIT-C asks for the full AUDIT; when the case
    holds a full AUDIT the advice says it was given instead of asking for it again."""
    full_audit = next((e for e in reversed(entries)
                       if e.result.instrument_id == AUDIT and e.result.scorable), None)
    lines = []
    for flag in entry.result.flags:
        if (flag.code is FlagCode.AUDITC_POSITIVE and entry.result.instrument_id == AUDIT_C
                and full_audit is not None and entry.result.total is not None):
            lines.append(f"AUDIT-C {entry.result.total:g} (5 or more) is positive; the full AUDIT "
                         f"was given on {uk_date(full_audit.when)} (total "
                         f"{format_score(full_audit.result.total)}).")
        else:
            lines.append(flag_words(entry.result.instrument_id, flag))
    return lines


def licence_lines(entries: list[ScoredAdministration]) -> list[str]:
    """Each instrument's copyright line and citation, as its publisher asks them to be shown
    with its results (../shared/instruments/README.md); one line per instrument, in order."""
    seen: list[str] = []
    for entry in entries:
        if entry.result.instrument_id not in seen:
            seen.append(entry.result.instrument_id)
    return [licence_line(instrument_id) for instrument_id in seen]


@cache
def licence_line(instrument_id: str) -> str:
    """The copyright line, and the citation where the terms of use ask for it too (the K10:
    "include the copyright and the citation")."""
    form = forms.load_form(instrument_id)
    # The form keeps remarks on its sources in brackets; the printed line is the copyright itself.
    copyright_line = re.sub(r"\s*\([^)]*\)", "", form.copyright).strip().rstrip(".")
    wants_citation = form.citation and "citation" in form.terms.lower()
    citation = f" {form.citation}" if wants_citation else ""
    return f"{form.short_title}: {copyright_line}.{citation}"


def grid_style() -> TableStyle:
    return table_style([
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ])


def latest_core_om(entries: list[ScoredAdministration]) -> ScoredAdministration | None:
    core = [e for e in entries if e.result.instrument_id == CORE_OM and e.result.scorable]
    return core[-1] if core else None


def core_om_profile(result: ScoreResult, width: float = CONTENT_WIDTH,
                    height: float = 48 * mm) -> Drawing:
    """Bar chart of the CORE-OM domain means and All items, with the clinical cut-off line.
    A domain with too many missing answers has no score and is left as an empty slot."""
    means = [result.derived.get(f"{key}_mean") for key, _ in PROFILE_SCALES]
    over = tuple(i for i, (key, _) in enumerate(PROFILE_SCALES) if key in CUTOFF_SCALES)
    return bar_chart(
        [label for _, label in PROFILE_SCALES],
        [Series("Mean item score", colors.HexColor("#4a6fa5"), means)],
        width=width, height=height, value_max=4, tick=1, axis_title="Mean item score (0-4)",
        value_format=lambda v: f"{v:.2f}",
        reference=ReferenceLine(CORE_OM_CUTOFF_MEAN,
                                f"All items cut-off {CORE_OM_CUTOFF_MEAN:.1f}",
                                "(Connell et al. 2007)", over=over),
    )


def core_om_profile_note(result: ScoreResult) -> str:
    """What the chart's line means, and that the Risk bar is read item by item."""
    text = ("The clinical cut-off (Connell et al. 2007) is for the All-items score only; no "
            "cut-off is drawn for a single domain.")
    risky = [f for f in result.flags if f.code is FlagCode.RISK_ITEM]
    if risky:
        items = ", ".join(str(n) for f in risky for n in f.items)
        text += f" Risk items endorsed ({items}): see the flags above, whatever the Risk mean."
    return text
