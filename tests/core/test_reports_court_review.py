"""The DRR court review report: the court's standards (OFFICIAL-SENSITIVE, Page N of M, DRAFT
until probation signs off), drug tests as a table with the missed test shown as missed, and
`cstr-desk report court-review --from --to` against a real store."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from cstr_desk.cli import main
from cstr_desk.domain import (
    AuditAction, CourtReview, DrugTest, DrugTestMethod, DrugTestResult, ReportKind, Role,
    SentenceKind, SentenceOutcome, SentenceRequirement, Substance, SubstanceResult,
)
from cstr_desk.reports.court_review import render_court_review
from cstr_desk.reports.sample import CDO, sample_users
from cstr_desk.reports.sample_drr import sample_court_review, sample_drr_case
from cstr_desk.store import open_with_password
from cstr_desk.store.testing import (
    TEST_PASSWORD, USERNAMES, make_database, sample_person, sample_referral,
)
from cstr_desk.workflow import order_operations as ops

NOW = datetime(2026, 4, 2, 15, tzinfo=UTC)
PROBATION, PROVIDER = USERNAMES[Role.COURT_DUTY_OFFICER], USERNAMES[Role.PRACTITIONER]


def text_of(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_signed_off_review_has_the_courts_furniture_and_every_section():
    users = sample_users()
    pdf = render_court_review(sample_drr_case(), sample_court_review(), generated_by=users[CDO],
                              users=users, missing=[])
    text = text_of(pdf)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert text.count("OFFICIAL-SENSITIVE") == 2 * pages
    assert f"Page {pages} of {pages}" in text and "DRAFT" not in text
    for heading in ("Period covered", "Attendance", "Drug test results", "Results by substance",
                    "Engagement with treatment", "Assessment of progress",
                    "Treatment provider's contribution", "Probation's contribution",
                    "Discussed with the person before the review"):
        assert heading in text
    assert "Missed: Did not attend" in text and "Tests taken 11; missed 1" in text
    assert "Signed off by probation: Jo Brown" in text


def test_a_review_not_signed_off_is_a_draft_listing_what_is_missing():
    users = sample_users()
    review = sample_court_review(signed=False).model_copy(update={
        "discussed_with_person": False, "not_discussed_reason": ""})
    pdf = render_court_review(sample_drr_case(), review, generated_by=users[CDO], users=users,
                              missing=["Why it was not discussed with the person"])
    text = text_of(pdf)
    assert "DRAFT: not for the court" in text and "Why it was not discussed" in text


@pytest.fixture
def drr_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast_kdf: None):
    monkeypatch.setenv("CSTR_DESK_PASSWORD", TEST_PASSWORD)
    path = tmp_path / "court.cstr"
    make_database(path)[0].close()
    with open_with_password(path, PROVIDER, TEST_PASSWORD) as session:
        person = session.add_person(sample_person(given="Siân", family="Ó Briain"))
        referral = session.add_referral(sample_referral(person.id))
    with open_with_password(path, PROBATION, TEST_PASSWORD) as session:
        session.record_sentence(SentenceOutcome(
            referral_id=referral.id, sentenced_on=date(2026, 4, 2),
            sentence=SentenceKind.COMMUNITY_ORDER, length_months=12,
            requirements=[SentenceRequirement.DRR], recorded_by=session.user.id, recorded_at=NOW))
    with open_with_password(path, PROVIDER, TEST_PASSWORD) as session:
        ops.record_drug_test(session, DrugTest(
            referral_id=referral.id, tested_on=date(2026, 4, 9), method=DrugTestMethod.URINE,
            results=[SubstanceResult(substance=Substance.OPIATES, result=DrugTestResult.NEGATIVE)],
            recorded_by=session.user.id, recorded_at=NOW), today=date(2026, 4, 30))
        ops.save_court_review(session, CourtReview(
            referral_id=referral.id, period_from=date(2026, 4, 2), period_to=date(2026, 4, 30),
            engagement="Attends", progress="Good", provider_name="Drug Service",
            provider_contribution="Engaged", recorded_by=session.user.id, recorded_at=NOW))
    yield path, person.id, referral.id


def report(path: Path, case: int, out: Path, *period: str, user: str = PROBATION) -> int:
    return main(["report", "court-review", "--db", str(path), "--case", str(case),
                 "--out", str(out), *period, "--user", user])


def test_the_command_writes_a_draft_then_the_signed_off_report(drr_database, tmp_path, capsys):
    path, person_id, referral_id = drr_database
    period = ("--from", "02/04/2026", "--to", "30/04/2026")
    assert report(path, referral_id, tmp_path / "draft.pdf", *period) == 0
    assert "DRAFT" in text_of((tmp_path / "draft.pdf").read_bytes())
    with open_with_password(path, PROBATION, TEST_PASSWORD) as session:
        review = session.load_case(referral_id).court_reviews[0]
        ops.save_court_review(session, review.model_copy(update={
            "probation_contribution": "Complying", "discussed_with_person": True}))
        ops.sign_off_court_review(session, referral_id, review.id)
    assert report(path, referral_id, tmp_path / "final.pdf", *period) == 0
    assert "DRAFT" not in text_of((tmp_path / "final.pdf").read_bytes())
    with open_with_password(path, PROBATION, TEST_PASSWORD) as session:
        issued = [(r.kind, r.final) for r in session.load_case(referral_id).reports]
    assert issued == [(ReportKind.COURT_REVIEW, False), (ReportKind.COURT_REVIEW, True)]
    with open_with_password(path, USERNAMES[Role.ADMINISTRATOR], TEST_PASSWORD) as admin:
        exports = [e for e in admin.audit_entries(person_id) if e.action is AuditAction.EXPORT]
    assert [e.detail for e in exports] == ["DRR court review report written to a PDF file"] * 2


@pytest.mark.parametrize(("period", "message"), [
    (("--from", "01/05/2026", "--to", "31/05/2026"), "No court review is recorded for 01/05/2026"),
    (("--from", "2026-04-02", "--to", "30/04/2026"), "is not a date in the form dd/mm/yyyy"),
    (("--from", "30/04/2026", "--to", "02/04/2026"), "ends (--to) before it begins"),
    ((), "Give the period the review covers"),
])
def test_a_wrong_period_is_refused_in_plain_words_and_nothing_written(
        drr_database, tmp_path, capsys, period, message):
    path, _, referral_id = drr_database
    out = tmp_path / "review.pdf"
    assert report(path, referral_id, out, *period) != 0
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_an_ld_worker_cannot_issue_the_review(drr_database, tmp_path, capsys):
    path, _, referral_id = drr_database
    out = tmp_path / "review.pdf"
    assert report(path, referral_id, out, "--from", "02/04/2026", "--to", "30/04/2026",
                  user=USERNAMES[Role.LD_WORKER]) == 1
    assert "cannot issue the DRR court review report" in capsys.readouterr().err
    assert not out.exists()
