"""report_issuing against a real encrypted store: the pathway decides who may make which report,
previews are audited, saving and printing are recorded as issued and audited, all or nothing."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from cstr_desk.domain import AuditAction, ReportKind, Role, Stage
from cstr_desk.pathway_words import reason_words
from cstr_desk.store import Session, open_with_password
from cstr_desk.store.testing import TEST_PASSWORD, USERNAMES
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.report_issuing import (
    REPORT_CHOICES, ReportChoice, ReportFileError, record_report_use, render_report,
    report_checks, save_report,
)
from test_reports_commands import consented_case, decide, sentence_to_treatment

PRACT, CL, LD, CDO = Role.PRACTITIONER, Role.CLINICAL_LEAD, Role.LD_WORKER, Role.COURT_DUTY_OFFICER
MADE = datetime(2025, 3, 3, 11, 30, tzinfo=UTC)


pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def case(tmp_path: Path) -> tuple[Path, int, int]:
    """(database, person id, referral id): assessed and consented, no Clinical Lead decision."""
    path = tmp_path / "court.cstr"
    return (path, *consented_case(path))


@contextmanager
def signed_in(path: Path, role: Role) -> Iterator[Session]:
    with open_with_password(path, USERNAMES[role], TEST_PASSWORD) as session:
        yield session


def trail(path: Path, person_id: int) -> list[tuple[AuditAction, str]]:
    with signed_in(path, Role.ADMINISTRATOR) as admin:
        return [(e.action, e.detail) for e in admin.audit_entries(person_id)
                if e.action in (AuditAction.PREVIEW, AuditAction.EXPORT, AuditAction.PRINT)]


def issued(path: Path, referral_id: int) -> list[tuple[ReportKind, bool]]:
    with signed_in(path, PRACT) as session:
        return [(r.kind, r.final) for r in session.load_case(referral_id).reports]


@pytest.mark.parametrize(("role", "kind", "final", "message"), [
    (PRACT, ReportKind.PSR, True, "only a Clinical Lead signs it off"),
    (LD, ReportKind.GP_LETTER, False, "Liaison & Diversion worker cannot issue the GP letter"),
    (LD, ReportKind.PSR, False, "cannot issue a draft report for the PSR"),
    (CDO, ReportKind.PSR, True, "The Clinical Lead has not signed off the report yet: ask"),
    (PRACT, ReportKind.COMPLETION, False, "no treatment under way"),
])
def test_the_pathway_refuses_in_plain_words(case, role, kind, final, message) -> None:
    path, person_id, referral_id = case
    decide(path, referral_id)
    with signed_in(path, role) as session, pytest.raises(ActionRefused, match=message):
        render_report(session, referral_id, kind, final=final)
    assert trail(path, person_id) == []


def test_a_preview_is_audited_but_not_issued(case) -> None:
    path, person_id, referral_id = case
    with signed_in(path, PRACT) as session:
        report = render_report(session, referral_id, ReportKind.PSR, now=MADE)
        assert report.pdf.startswith(b"%PDF")
        assert "The Clinical Lead's decision (treat or decline)" in report.missing
        assert record_report_use(session, report, "preview") is None
    assert trail(path, person_id) == [
        (AuditAction.PREVIEW, "Responsible Clinician's report (draft) previewed")]
    assert issued(path, referral_id) == []


def test_the_clinical_lead_signs_off_and_the_court_duty_officer_prints(case, tmp_path) -> None:
    path, person_id, referral_id = case
    decide(path, referral_id)
    with signed_in(path, CL) as session:
        report = render_report(session, referral_id, ReportKind.PSR, final=True, now=MADE)
        assert report.missing == []
        changed = save_report(session, report, tmp_path / report.suggested_file_name)
    assert changed.stage == Stage.REPORT_ISSUED
    assert (tmp_path / f"case-{referral_id}-rc-report-final-03-03-2025.pdf").read_bytes() == report.pdf
    printed = []
    with signed_in(path, CDO) as session:
        final = render_report(session, referral_id, ReportKind.PSR, final=True)
        record_report_use(session, final, "print", deliver=lambda: printed.append(final.pdf))
    assert printed == [final.pdf]
    assert issued(path, referral_id) == [(ReportKind.PSR, True), (ReportKind.PSR, True)]
    assert trail(path, person_id) == [
        (AuditAction.EXPORT, "Responsible Clinician's report (final) written to a PDF file"),
        (AuditAction.PRINT, "Responsible Clinician's report (final) printed")]


def test_a_failed_print_job_records_nothing(case) -> None:
    path, person_id, referral_id = case

    def printer_jams() -> None:
        raise RuntimeError("printer jammed")

    with signed_in(path, PRACT) as session:
        report = render_report(session, referral_id, ReportKind.CONSENT, easy_read=True)
        with pytest.raises(RuntimeError):
            record_report_use(session, report, "print", deliver=printer_jams)
    assert issued(path, referral_id) == [] and trail(path, person_id) == []


def test_a_file_that_cannot_be_written_records_nothing(case, tmp_path) -> None:
    path, person_id, referral_id = case
    with signed_in(path, PRACT) as session:
        report = render_report(session, referral_id, ReportKind.CONSENT)
        with pytest.raises(ReportFileError, match="Nothing was recorded"):
            save_report(session, report, tmp_path / "no-such-folder" / "copy.pdf")
    assert issued(path, referral_id) == [] and trail(path, person_id) == []


def test_a_save_the_pathway_refuses_leaves_no_file(case, tmp_path) -> None:
    path, person_id, referral_id = case
    with signed_in(path, PRACT) as session:
        report = render_report(session, referral_id, ReportKind.PSR)
    with signed_in(path, LD) as session, pytest.raises(ActionRefused):
        save_report(session, report, tmp_path / "draft.pdf")
    assert not list(tmp_path.glob("draft.pdf*"))
    assert issued(path, referral_id) == [] and trail(path, person_id) == []


def test_report_checks_say_what_each_role_may_make_now(case) -> None:
    path, _, referral_id = case
    with signed_in(path, PRACT) as session:
        checks = dict(report_checks(session.load_case(referral_id), session.user, date(2025, 3, 3)))
    assert list(checks) == list(REPORT_CHOICES)
    allowed = {choice.label for choice, check in checks.items() if check.allowed}
    assert allowed == {"Responsible Clinician's report (draft)", "Consent copy",
                       "Consent copy (easy read)"}
    assert any("only a Clinical Lead" in reason_words(r)
               for r in checks[ReportChoice(ReportKind.PSR, final=True)].reasons)
    assert [reason_words(r) for r in checks[ReportChoice(ReportKind.GP_LETTER)].reasons] == [
        "The GP letter follows the court outcome, which is not recorded yet (Manual §5.3)."]


def test_every_report_once_treatment_is_under_way(case) -> None:
    path, person_id, referral_id = case
    decide(path, referral_id)
    sentence_to_treatment(path, referral_id)
    with signed_in(path, CL) as session:
        for choice in REPORT_CHOICES:
            if choice.kind in (ReportKind.PSR, ReportKind.COURT_REVIEW):
                # The case is sentenced: the pre-sentence report is past (pathway); and it is
                # an MHTR, which has no court review (tests/core/test_reports_court_review.py).
                continue
            report = render_report(session, referral_id, choice.kind, final=choice.final,
                                   easy_read=choice.easy_read, now=MADE)
            assert report.pdf.startswith(b"%PDF") and report.title == choice.label
            assert "Siân" not in report.suggested_file_name
            assert len(audit_references(report.pdf)) == 1, choice.label
            record_report_use(session, report, "preview")
    details = [detail for _, detail in trail(path, person_id)]
    assert all("Siân" not in detail and "Briain" not in detail for detail in details)
    assert len(details) == len(REPORT_CHOICES) - 3


def test_options_that_do_not_fit_the_report_are_refused() -> None:
    with pytest.raises(ValueError, match="easy-read"):
        ReportChoice(ReportKind.GP_LETTER, easy_read=True)
    with pytest.raises(ValueError, match="draft and a final"):
        ReportChoice(ReportKind.CONSENT, final=True)


def audit_references(pdf: bytes) -> set[str]:
    """The audit references a PDF's pages print; every page must print one."""
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    found = [re.findall(r"Audit ref (\d+-[0-9a-f]{8})", text) for text in pages]
    assert all(found), "a page without its audit reference"
    return {reference for on_page in found for reference in on_page}


def test_an_issued_report_prints_the_audit_reference_verify_checks(case, tmp_path) -> None:
    path, person_id, referral_id = case
    decide(path, referral_id)
    with signed_in(path, CL) as session:
        report = render_report(session, referral_id, ReportKind.PSR, final=True, now=MADE)
        save_report(session, report, tmp_path / "rc-report.pdf")
    (reference,) = audit_references((tmp_path / "rc-report.pdf").read_bytes())
    with signed_in(path, Role.ADMINISTRATOR) as admin:
        assert admin.verify(reference).ok
        export = [e for e in admin.audit_entries(person_id) if e.action == AuditAction.EXPORT]
    # The trail as it stood while the report was made, just before its own issue entry.
    assert int(reference.split("-")[0]) < export[-1].id
