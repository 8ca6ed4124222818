"""The worked sample case (cstr_desk/reports/sample.py) as a FHIR bundle, kept under
tests/core/fixtures/ so a change to the export shows up as a change to a file a person can read.

Regenerate after a deliberate change: CSTR_DESK_REGENERATE_FIXTURES=1 pytest this file, then
read the difference before committing it.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from reportlab import rl_config

import forms
from cstr_desk.domain import CaseRecord, ReportIssued, ReportKind
from cstr_desk.reports.sample import CDO, CLINICAL_LEAD, HEARING, sample_case, sample_users
from cstr_desk.workflow.fhir import ExportContext, case_bundle
from cstr_desk.record_identity import ResourceIds

FIXTURE = Path(__file__).parent / "fixtures" / "sample-case-fhir-bundle.json"
# A fixed identity for the sample "database", so the fixture's ids never change.
SAMPLE_DATABASE = uuid.UUID("6f1c2d0e-3b7a-4c1e-9a55-0d2b8e4f7a31")
EXPORTED_AT = HEARING + timedelta(hours=3)


def stored_sample_case() -> CaseRecord:
    """The sample case as the store would hold it: record numbers given, each questionnaire
    with its real form hash, the final report and the GP letter issued."""
    case = sample_case()
    administrations = [a.model_copy(update={"id": n, "form_hash": forms.form_hash(a.instrument_id)})
                       for n, a in enumerate(case.administrations, start=1)]
    reports = [
        ReportIssued(id=1, referral_id=1, kind=ReportKind.PSR, final=True,
                     issued_at=HEARING + timedelta(hours=1), issued_by=CLINICAL_LEAD,
                     pdf_size=48211, pdf_sha1="3f786850e387550fdab836ed7e6dc881de23001b"),
        ReportIssued(id=2, referral_id=1, kind=ReportKind.GP_LETTER, final=True,
                     issued_at=HEARING + timedelta(hours=7), issued_by=CDO),
    ]
    consents = [c.model_copy(update={"id": 1}) for c in case.consents]
    return case.model_copy(update={"administrations": administrations, "reports": reports,
                                   "consents": consents})


def sample_bundle() -> dict:
    context = ExportContext(ResourceIds(SAMPLE_DATABASE), sample_users())
    previous = rl_config.invariant
    rl_config.invariant = 1  # ReportLab's reproducible output: no creation time or random id
    try:
        return case_bundle(stored_sample_case(), context, now=EXPORTED_AT)
    finally:
        rl_config.invariant = previous


def test_the_sample_case_bundle_matches_the_committed_fixture() -> None:
    made = json.dumps(sample_bundle(), ensure_ascii=False, indent=1) + "\n"
    if os.environ.get("CSTR_DESK_REGENERATE_FIXTURES"):
        FIXTURE.parent.mkdir(exist_ok=True)
        FIXTURE.write_text(made, "utf-8")
    assert made == FIXTURE.read_text("utf-8")


def test_the_fixture_holds_what_the_issue_asks_for() -> None:
    bundle = json.loads(FIXTURE.read_text("utf-8"))
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("Questionnaire") == 4  # K10, CORE-OM, PHQ-9, GAD-7
    assert kinds.count("QuestionnaireResponse") == 4
    assert kinds.count("DocumentReference") == 2
    codes = {c["code"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
             for c in e["resource"]["code"]["coding"]}
    assert {"44261-6", "70274-6", "k10-total", "core34-total"} <= codes
    assert datetime.fromisoformat(bundle["timestamp"]) == EXPORTED_AT.astimezone(UTC)


@pytest.mark.parametrize("kind", ["Patient", "Consent"])
def test_the_fixture_reads_as_the_sample_person(kind: str) -> None:
    bundle = json.loads(FIXTURE.read_text("utf-8"))
    (resource,) = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]
    text = json.dumps(resource, ensure_ascii=False)
    assert ("Siân" in text) if kind == "Patient" else ('"status": "active"' in text)
