"""`cstr-desk report ...` against a real encrypted store: the file, the issued-report record and
the EXPORT audit entry appear together, or none of them does; the pathway decides who may make
which report (only a Clinical Lead signs off the final report, Manual §4.4)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

import forms
from cstr_desk.cli import main
from cstr_desk.domain import (
    AdministrationMode, AuditAction, ClinicalLeadDecision, ConsentRecord, DecisionChannel,
    DecisionOutcome, OrderType, PractitionerAssessment, ReportKind, Requirement, RiskAssessment,
    Role,
    SentenceKind, SentenceOutcome, SentenceRequirement, TreatmentSession,
)
from cstr_desk.store import open_with_password
from cstr_desk.store.testing import (
    TEST_PASSWORD, USERNAMES, make_database, sample_person, sample_referral,
)

NOW = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)
PRACT, CL, LD = Role.PRACTITIONER, Role.CLINICAL_LEAD, Role.LD_WORKER


@pytest.fixture(autouse=True)
def password_in_environment(fast_kdf, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSTR_DESK_PASSWORD", TEST_PASSWORD)


@pytest.fixture
def database(tmp_path: Path) -> tuple[Path, int, int]:
    path = tmp_path / "court.cstr"
    return (path, *consented_case(path))


def consented_case(path: Path) -> tuple[int, int]:
    """A new database holding one case assessed and consented by the practitioner, not yet
    decided by the Clinical Lead; returns (person id, referral id)."""
    make_database(path)[0].close()
    with open_with_password(path, USERNAMES[PRACT], TEST_PASSWORD) as session:
        person = session.add_person(sample_person(given="Siân", family="Ó Briain"))
        referral = session.add_referral(sample_referral(person.id))
        given = session.start_administration(referral.id, "phq9", forms.form_hash("phq9"),
                                             AdministrationMode.PRACTITIONER)
        for number, value in enumerate([2, 2, 3, 2, 1, 2, 2, 1, 0], start=1):
            session.record_answer(given.id, str(number), value, number)
        session.complete_administration(given.id)
        session.save_assessment(PractitionerAssessment(
            referral_id=referral.id, presenting_problem="Low mood", formulation="Loss of work",
            risk=RiskAssessment(self_harm="None", suicide="None", harm_to_others="None",
                                safeguarding="None"), completed=True))
        session.record_consent(ConsentRecord(
            referral_id=referral.id, consent_version="2026.1",
            requirements_assessed_for=[Requirement.MHTR],
            requirements_consented=[Requirement.MHTR], explained_by=session.user.id,
            easy_read_used=False, acknowledgements={"information_sharing": True},
            verbal_consent_witness="Cora CDO", verbal_consent_reason="Hand in plaster",
            consented_at=NOW))
    return person.id, referral.id


def decide(path: Path, referral_id: int) -> None:
    with open_with_password(path, USERNAMES[CL], TEST_PASSWORD) as session:
        session.record_decision(ClinicalLeadDecision(
            referral_id=referral_id, outcome=DecisionOutcome.TREAT,
            channel=DecisionChannel.TELEPHONE, clinical_lead_name="Dr Łucja Wŷn",
            discussed_at=NOW, recommendations_to_court="MHTR, 12 sessions",
            recommended_requirements=[Requirement.MHTR], recommended_length_months=12,
            recommended_order_type=OrderType.COMMUNITY_ORDER,
            treatment_plan="Weekly CBT", treatment_provider="Primary care MHTR service",
            first_appointment_at=NOW, first_appointment_place="Tŷ Cymorth",
            recorded_by=session.user.id, recorded_at=NOW))


def sentence_to_treatment(path: Path, referral_id: int) -> None:
    """The court gives an MHTR and the practitioner books the sessions (what the GP letter and
    the completion summary follow, Manual §5.3 and §4.5.2)."""
    with open_with_password(path, USERNAMES[Role.COURT_DUTY_OFFICER], TEST_PASSWORD) as session:
        session.record_sentence(SentenceOutcome(
            referral_id=referral_id, sentenced_on=date(2025, 3, 3),
            sentence=SentenceKind.COMMUNITY_ORDER, length_months=12,
            requirements=[SentenceRequirement.MHTR], recorded_by=session.user.id,
            recorded_at=NOW))
    with open_with_password(path, USERNAMES[PRACT], TEST_PASSWORD) as session:
        session.schedule_sessions([
            TreatmentSession(referral_id=referral_id, number=n,
                             scheduled_at=NOW + timedelta(weeks=n)) for n in (1, 2)])


def report(path: Path, case: int, out: Path, *extra: str, role: Role = PRACT) -> int:
    return main(["report", *extra, "--db", str(path), "--case", str(case), "--out", str(out),
                 "--user", USERNAMES[role]])


def issued_and_exported(path: Path, person_id: int, referral_id: int):
    with open_with_password(path, USERNAMES[PRACT], TEST_PASSWORD) as session:
        reports = session.load_case(referral_id).reports
    with open_with_password(path, USERNAMES[Role.ADMINISTRATOR], TEST_PASSWORD) as admin:
        exports = [e for e in admin.audit_entries(person_id) if e.action is AuditAction.EXPORT]
    return reports, exports


def text_of(out: Path) -> str:
    pages = PdfReader(io.BytesIO(out.read_bytes())).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_a_final_report_is_written_recorded_and_audited(database, tmp_path, capsys) -> None:
    path, person_id, referral_id = database
    decide(path, referral_id)
    out = tmp_path / "rc-report.pdf"
    assert report(path, referral_id, out, "psr", "--final", role=CL) == 0
    assert "final" in capsys.readouterr().out
    text = text_of(out)
    assert "Siân Ó Briain" in text and "Dr Łucja Wŷn" in text and "DRAFT" not in text
    reports, exports = issued_and_exported(path, person_id, referral_id)
    assert [(r.kind, r.final) for r in reports] == [(ReportKind.PSR, True)]
    assert len(exports) == 1 and "final" in exports[0].detail
    assert "Siân" not in exports[0].detail, "the audit detail names the report, not the person"


def test_a_final_before_the_decision_is_refused_and_nothing_is_left(database, tmp_path,
                                                                    capsys) -> None:
    path, person_id, referral_id = database
    out = tmp_path / "rc-report.pdf"
    assert report(path, referral_id, out, "psr", "--final", role=CL) == 1
    assert "The Clinical Lead has not decided yet" in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert issued_and_exported(path, person_id, referral_id) == ([], [])


def test_draft_psr_and_each_other_report_can_be_written(database, tmp_path) -> None:
    path, _, referral_id = database
    assert report(path, referral_id, tmp_path / "draft.pdf", "psr") == 0
    assert "Missing information" in text_of(tmp_path / "draft.pdf")
    assert report(path, referral_id, tmp_path / "easy.pdf", "consent", "--easy-read") == 0
    assert "witnessed by Cora CDO" in text_of(tmp_path / "easy.pdf")
    decide(path, referral_id)
    sentence_to_treatment(path, referral_id)
    for kind in ("gp-letter", "completion"):
        assert report(path, referral_id, tmp_path / f"{kind}.pdf", kind) == 0
        assert "Siân Ó Briain" in text_of(tmp_path / f"{kind}.pdf")


def test_a_role_that_may_not_issue_reports_leaves_no_file(database, tmp_path, capsys) -> None:
    path, person_id, referral_id = database
    decide(path, referral_id)
    sentence_to_treatment(path, referral_id)
    out = tmp_path / "letter.pdf"
    assert report(path, referral_id, out, "gp-letter", role=LD) == 1
    assert "Liaison & Diversion worker cannot issue the GP letter" in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert issued_and_exported(path, person_id, referral_id) == ([], [])


def test_a_practitioner_cannot_sign_off_the_final_report(database, tmp_path, capsys) -> None:
    path, person_id, referral_id = database
    decide(path, referral_id)
    out = tmp_path / "rc-report.pdf"
    assert report(path, referral_id, out, "psr", "--final", role=PRACT) == 1
    assert "only a Clinical Lead signs it off" in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert issued_and_exported(path, person_id, referral_id) == ([], [])


def test_the_gp_letter_waits_for_the_court_outcome(database, tmp_path, capsys) -> None:
    path, person_id, referral_id = database
    decide(path, referral_id)
    out = tmp_path / "letter.pdf"
    assert report(path, referral_id, out, "gp-letter") == 1
    assert "follows the court outcome" in capsys.readouterr().err
    assert not out.exists()
    assert issued_and_exported(path, person_id, referral_id) == ([], [])


def test_a_file_that_cannot_be_written_records_nothing(database, tmp_path, capsys) -> None:
    path, person_id, referral_id = database
    out = tmp_path / "taken.pdf"
    out.mkdir()  # a folder already has the name: refused before anything is written
    assert report(path, referral_id, out, "psr") == 1
    assert "is a folder" in capsys.readouterr().err
    assert out.is_dir() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert issued_and_exported(path, person_id, referral_id) == ([], [])


@pytest.mark.parametrize(("extra", "message"), [
    (("psr", "--easy-read"), "--easy-read applies only to the consent copy"),
    (("consent", "--final"), "--final applies only to the Responsible Clinician's report"),
])
def test_options_that_do_not_fit_the_report_are_refused(database, tmp_path, capsys, extra,
                                                        message) -> None:
    path, _, referral_id = database
    assert report(path, referral_id, tmp_path / "x.pdf", *extra) == 2
    assert message in capsys.readouterr().err


def test_plain_messages_for_a_wrong_password_a_missing_case_and_a_missing_folder(
        database, tmp_path, capsys, monkeypatch) -> None:
    path, _, referral_id = database
    assert report(path, referral_id, tmp_path / "no-such-folder" / "x.pdf", "psr") == 2
    assert "does not exist" in capsys.readouterr().err
    assert report(path, referral_id + 99, tmp_path / "x.pdf", "psr") == 1
    assert "could not be found" in capsys.readouterr().err
    monkeypatch.setenv("CSTR_DESK_PASSWORD", "wrong")
    assert report(path, referral_id, tmp_path / "x.pdf", "psr") == 1
    assert "password" in capsys.readouterr().err
