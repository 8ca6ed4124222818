"""Printed reports (ReportLab): the Responsible Clinician's report for the PSR, the person's
consent copy (standard and easy read), the GP letter, the completion summary, the DRR
court review report and the leaflet with the next appointment given at sentence.

Each takes a `CaseRecord` and a few plain arguments and returns PDF bytes; none touches the
database, so the UI, the command line and the tests call them alike.

The names below load on first use: `cstr-desk` imports the report command at every start (the
desktop app included), and ReportLab, svglib and the scoring modules together take about a third
of a second to import, which only making a report should pay.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cstr_desk.reports.completion import render_completion_summary
    from cstr_desk.reports.consent_copy import render_consent_copy
    from cstr_desk.reports.court_review import render_court_review
    from cstr_desk.reports.gp_letter import ReportNotReady, render_gp_letter
    from cstr_desk.reports.leaflet import render_leaflet
    from cstr_desk.reports.pictures import PictureError
    from cstr_desk.reports.psr import (
        APPENDIX_3_HEADINGS, ReportNotFinal, missing_for_psr, render_psr,
    )

_HOMES = {
    "APPENDIX_3_HEADINGS": "psr",
    "PictureError": "pictures",
    "ReportNotFinal": "psr",
    "ReportNotReady": "gp_letter",
    "missing_for_psr": "psr",
    "render_completion_summary": "completion",
    "render_consent_copy": "consent_copy",
    "render_court_review": "court_review",
    "render_gp_letter": "gp_letter",
    "render_leaflet": "leaflet",
    "render_psr": "psr",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
