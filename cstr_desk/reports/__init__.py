"""Printed reports (ReportLab): the Responsible Clinician's report for the PSR, the person's
consent copy (standard and easy read), the GP letter and the completion summary.

Each takes a `CaseRecord` and a few plain arguments and returns PDF bytes; none touches the
database, so the UI, the command line and the tests call them alike.
"""

from __future__ import annotations

from cstr_desk.reports.completion import render_completion_summary
from cstr_desk.reports.consent_copy import render_consent_copy
from cstr_desk.reports.gp_letter import ReportNotReady, render_gp_letter
from cstr_desk.reports.pictures import PictureError
from cstr_desk.reports.psr import APPENDIX_3_HEADINGS, ReportNotFinal, missing_for_psr, render_psr

__all__ = [
    "APPENDIX_3_HEADINGS",
    "PictureError",
    "ReportNotFinal",
    "ReportNotReady",
    "missing_for_psr",
    "render_completion_summary",
    "render_consent_copy",
    "render_gp_letter",
    "render_psr",
]
