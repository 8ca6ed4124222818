"""Every report says in its metadata what it is and what language it is in, so a PDF reader
names its window after the report and a screen reader reads it in a British English voice."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from cstr_desk.reports import render_completion_summary, render_consent_copy, render_gp_letter, render_psr
from cstr_desk.reports.sample import PRACTITIONER, sample_case, sample_users

NOW = datetime(2026, 3, 9, 10, 5, tzinfo=UTC)
USERS = sample_users()
ME = USERS[PRACTITIONER]


def _reports() -> dict[str, bytes]:
    """Each report by the words its title must carry."""
    case = sample_case()
    return {
        "responsible clinician's report": render_psr(case, generated_by=ME, users=USERS, now=NOW),
        "letter to the gp": render_gp_letter(case, generated_by=ME, users=USERS, now=NOW),
        "treatment completion summary": render_completion_summary(case, generated_by=ME, users=USERS,
                                                                  now=NOW),
        "consent": render_consent_copy(case, case.consents[-1], easy_read=False, generated_by=ME,
                                       users=USERS, now=NOW),
    }


@pytest.mark.parametrize("title", ["responsible clinician's report", "letter to the gp",
                                   "treatment completion summary", "consent"])
def test_title_language_and_window_title_are_set(title: str) -> None:
    reader = PdfReader(io.BytesIO(_reports()[title]))
    root = reader.trailer["/Root"]
    assert title in reader.metadata.title.lower()
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
