"""The Reports tab: the pathway says which reports may be made, the pages show inside the app,
and saving or printing writes the PDF, records the report as issued and audits it."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton

import forms
from cstr_desk.domain import (
    AdministrationMode, AuditAction, ClinicalLeadDecision, ConsentRecord, DecisionChannel,
    DecisionOutcome, OrderType, PractitionerAssessment, ReportKind, Requirement, RiskAssessment,
    Role,
)
from cstr_desk.store import Session, open_with_password
from cstr_desk.store.testing import (
    TEST_PASSWORD, USERNAMES, make_database, sample_person, sample_referral,
)
from cstr_desk.ui import report_preview
from cstr_desk.ui.report_preview import ReportsTab
from cstr_desk.workflow.report_issuing import REPORT_CHOICES, ReportChoice
from tests.ui.conftest import wait_for_preview

NOW = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)
DRAFT = ReportChoice(ReportKind.PSR)
FINAL = ReportChoice(ReportKind.PSR, final=True)
EASY_READ = ReportChoice(ReportKind.CONSENT, easy_read=True)


@pytest.fixture
def database(tmp_path: Path) -> tuple[Path, int, int]:
    """A case assessed and consented by the practitioner; (path, person id, referral id)."""
    path = tmp_path / "court.cstr"
    make_database(path)[0].close()
    with signed_in(path, Role.PRACTITIONER) as session:
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
            easy_read_used=True, acknowledgements={"information_sharing": True},
            verbal_consent_witness="Cora CDO", verbal_consent_reason="Hand in plaster",
            consented_at=NOW))
    return path, person.id, referral.id


def signed_in(path: Path, role: Role) -> Session:
    return open_with_password(path, USERNAMES[role], TEST_PASSWORD)


def decide(path: Path, referral_id: int) -> None:
    with signed_in(path, Role.CLINICAL_LEAD) as session:
        record_decision(session, referral_id)


def record_decision(session: Session, referral_id: int) -> None:
    session.record_decision(ClinicalLeadDecision(
        referral_id=referral_id, outcome=DecisionOutcome.TREAT,
        channel=DecisionChannel.TELEPHONE, clinical_lead_name="Dr Łucja Wŷn",
        discussed_at=NOW, recommendations_to_court="MHTR, 12 sessions",
        recommended_requirements=[Requirement.MHTR], recommended_length_months=12,
        recommended_order_type=OrderType.COMMUNITY_ORDER,
        treatment_plan="Weekly CBT", treatment_provider="Primary care MHTR service",
        first_appointment_at=NOW, first_appointment_place="Tŷ Cymorth",
        recorded_by=session.user.id, recorded_at=NOW))


def issued_and_audited(tab: ReportsTab, path: Path, person_id: int):
    """What the case records as issued, and the report entries of the audit trail (read after
    the tab's session is closed: the database opens for one session at a time)."""
    reports = [(r.kind, r.final) for r in tab.session.load_case(tab.case.referral.id).reports]
    tab.session.close()
    return reports, audit_trail(path, person_id)


def audit_trail(path: Path, person_id: int) -> list[AuditAction]:
    with signed_in(path, Role.ADMINISTRATOR) as admin:
        wanted = (AuditAction.PREVIEW, AuditAction.EXPORT, AuditAction.PRINT)
        return [e.action for e in admin.audit_entries(person_id) if e.action in wanted]


def open_tab(qtbot, path: Path, referral_id: int, role: Role = Role.PRACTITIONER) -> ReportsTab:
    session = signed_in(path, role)
    tab = ReportsTab(session)
    qtbot.addWidget(tab)
    tab.resize(1340, 560)
    tab.show()
    qtbot.waitExposed(tab)
    tab.show_case(session.load_case(referral_id))
    return tab


def pdf_text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_reports_the_pathway_does_not_allow_say_why(qtbot, database) -> None:
    path, _, referral_id = database
    tab = open_tab(qtbot, path, referral_id)
    assert list(tab.choice_buttons) == list(REPORT_CHOICES)
    assert tab.choice_buttons[DRAFT].isEnabled() and tab.choice_buttons[EASY_READ].isEnabled()
    assert not tab.choice_buttons[FINAL].isEnabled()
    assert "only a Clinical Lead signs it off" in tab.reasons[FINAL].text()
    assert tab.reasons[FINAL].isVisible() and not tab.reasons[DRAFT].isVisible()
    gp_letter = ReportChoice(ReportKind.GP_LETTER)
    assert "follows the court outcome" in tab.choice_buttons[gp_letter].accessibleDescription()
    assert not tab.save_button.isEnabled() and not tab.print_button.isEnabled()
    tab.session.close()


def test_preview_then_save_writes_records_and_audits(qtbot, database, tmp_path, monkeypatch) -> None:
    path, person_id, referral_id = database
    tab = open_tab(qtbot, path, referral_id)
    tab.choose(DRAFT)
    wait_for_preview(qtbot, tab)
    assert tab.report is not None
    expected_pages = len(PdfReader(io.BytesIO(tab.report.pdf)).pages)
    assert tab.document.pageCount() == expected_pages >= 2
    assert tab.showing.text() == f"Responsible Clinician's report (draft): {expected_pages} pages"
    assert tab.missing.isVisible()
    assert "The Clinical Lead's decision (treat or decline)" in tab.missing.text()
    offered = []

    def pick_file(parent, caption, suggested, filters):
        offered.append(Path(suggested).name)
        return str(tmp_path / "for-court"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", pick_file)
    with qtbot.waitSignal(tab.case_changed), qtbot.waitSignal(tab.notice) as notice:
        tab.save_button.click()
    assert offered == [tab.report.suggested_file_name] and "Siân" not in offered[0]
    saved = tmp_path / "for-court.pdf"
    assert "Siân Ó Briain" in pdf_text(saved.read_bytes())
    assert notice.args == ["Responsible Clinician's report (draft) saved as for-court.pdf."]
    assert issued_and_audited(tab, path, person_id) == (
        [(ReportKind.PSR, False)], [AuditAction.PREVIEW, AuditAction.EXPORT])


def test_print_sends_every_page_and_is_audited(qtbot, database, tmp_path, monkeypatch) -> None:
    path, person_id, referral_id = database
    decide(path, referral_id)
    tab = open_tab(qtbot, path, referral_id, Role.CLINICAL_LEAD)
    tab.choose(FINAL)
    wait_for_preview(qtbot, tab)
    assert tab.report is not None and not tab.missing.isVisible()
    printed = tmp_path / "printer.pdf"

    def accept(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    with qtbot.waitSignal(tab.case_changed):
        tab.print_button.click()
    assert len(PdfReader(printed).pages) == tab.document.pageCount()
    assert issued_and_audited(tab, path, person_id) == (
        [(ReportKind.PSR, True)], [AuditAction.PREVIEW, AuditAction.PRINT])


def test_a_cancelled_print_or_save_records_nothing(qtbot, database, monkeypatch) -> None:
    path, person_id, referral_id = database
    tab = open_tab(qtbot, path, referral_id)
    tab.choose(EASY_READ)
    wait_for_preview(qtbot, tab)
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    tab.print_button.click()
    tab.save_button.click()
    assert issued_and_audited(tab, path, person_id) == ([], [AuditAction.PREVIEW])


def test_a_file_that_cannot_be_written_is_explained(qtbot, database, tmp_path, monkeypatch) -> None:
    path, person_id, referral_id = database
    tab = open_tab(qtbot, path, referral_id)
    tab.choose(DRAFT)
    wait_for_preview(qtbot, tab)
    target = tmp_path / "gone" / "report.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    tab.save_button.click()
    assert tab.error.isVisible() and "Nothing was recorded" in tab.error.text()
    assert issued_and_audited(tab, path, person_id) == ([], [AuditAction.PREVIEW])


def test_an_existing_file_is_replaced_only_when_the_dialog_confirmed_it(qtbot, database, tmp_path, monkeypatch) -> None:
    """Qt's save dialog asks "replace?" before it returns a file that exists; a name the tab
    changed (".pdf" added) was never confirmed, so that file is kept (issue 13, finding 1)."""
    path, person_id, referral_id = database
    tab = open_tab(qtbot, path, referral_id)
    tab.choose(DRAFT)
    wait_for_preview(qtbot, tab)
    kept = tmp_path / "old.pdf"
    kept.write_bytes(b"someone's letter")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "old"), ""))
    tab.save_button.click()
    assert "old.pdf already exists and was kept" in tab.error.text()
    assert kept.read_bytes() == b"someone's letter"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(kept), ""))
    with qtbot.waitSignal(tab.case_changed):
        tab.save_button.click()
    assert kept.read_bytes().startswith(b"%PDF") and (kept.stat().st_mode & 0o777) == 0o600
    assert issued_and_audited(tab, path, person_id) == (
        [(ReportKind.PSR, False)], [AuditAction.PREVIEW, AuditAction.EXPORT])


def test_reports_are_chosen_and_read_by_keyboard(qtbot, database) -> None:
    path, _, referral_id = database
    tab = open_tab(qtbot, path, referral_id)
    consent_copy = tab.choice_buttons[ReportChoice(ReportKind.CONSENT)]
    consent_copy.setFocus()
    qtbot.keyClick(consent_copy, Qt.Key.Key_Space)
    wait_for_preview(qtbot, tab)
    assert tab.selected() == ReportChoice(ReportKind.CONSENT)
    assert tab.showing.text().startswith("Consent copy: ")
    assert consent_copy.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert tab.view.focusPolicy() == Qt.FocusPolicy.StrongFocus  # arrows and Page Down scroll
    for control in tab.findChildren(QPushButton):
        assert control.accessibleName() and control.minimumHeight() >= 44
    for radio in tab.choice_buttons.values():
        assert radio.accessibleName() and radio.minimumHeight() >= 44
    tab.session.close()


def test_a_change_to_the_case_rebuilds_the_preview_once_it_is_seen(qtbot, database) -> None:
    path, person_id, referral_id = database
    tab = open_tab(qtbot, path, referral_id, Role.CLINICAL_LEAD)
    tab.choose(DRAFT)
    wait_for_preview(qtbot, tab)
    record_decision(tab.session, referral_id)
    tab.hide()
    tab.show_case(tab.session.load_case(referral_id))
    assert tab.report is None and not tab.save_button.isEnabled()
    tab.show()
    qtbot.waitUntil(lambda: tab.report is not None)
    assert "Dr Łucja Wŷn" in pdf_text(tab.report.pdf)
    assert tab.choice_buttons[FINAL].isEnabled()
    assert issued_and_audited(tab, path, person_id) == ([], [AuditAction.PREVIEW] * 2)


def test_pages_are_scaled_to_the_paper(qtbot) -> None:
    from PySide6.QtCore import QRect, QSize

    fitted = report_preview._fitted(QSize(595, 842), QRect(0, 0, 1000, 1000))
    assert fitted.height() == 1000 and fitted.width() == 706 and fitted.x() == 147


def test_the_preview_is_drawn_off_the_gui_thread_and_the_latest_choice_wins(qtbot, database) -> None:
    """Issue 15, item 5: ReportLab takes a second or more for a long report; the screen says it
    is making it and stays live, and a report chosen meanwhile replaces the one being drawn (only
    what was shown is audited as previewed)."""
    path, person_id, referral_id = database
    tab = open_tab(qtbot, path, referral_id)
    tab.choose(DRAFT)
    assert tab.drawing and tab.showing.text() == f"Making the {DRAFT.label}…"
    assert not tab.save_button.isEnabled() and not tab.print_button.isEnabled()
    tab.choose(EASY_READ)
    wait_for_preview(qtbot, tab)
    qtbot.wait(100)  # the first drawing's result, if it arrives late, must not replace it
    assert tab.report is not None and tab.report.choice == EASY_READ
    assert tab.showing.text().startswith("Consent copy (easy read): ")
    assert issued_and_audited(tab, path, person_id) == ([], [AuditAction.PREVIEW])
    tab.session.close()
