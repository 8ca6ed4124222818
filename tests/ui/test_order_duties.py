"""DRR and ATR through the order, on screen: the home panel's treatment-start deadlines, and the
whole DRR journey through the real tabs."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

import forms
from cstr_desk.domain import (
    AdministrationMode, ConsentRecord, DrugTestMethod, DrugTestResult, Plea, ReportKind,
    Requirement, Role, SentenceKind, SentenceOutcome, SentenceRequirement, Substance,
    TreatmentStart, User,
)
from cstr_desk.store import open_with_password
from cstr_desk.ui.order_tab import OrderTab
from cstr_desk.ui.report_preview import ReportsTab
from cstr_desk.ui.reviews_tab import ReviewsTab
from cstr_desk.ui.sentence import SentenceTab
from cstr_desk.ui.start_deadlines import OVERDUE, StartDeadlinesPanel
from cstr_desk.ui.treatment import TreatmentTab
from cstr_desk.workflow.report_issuing import ReportChoice
from cstr_desk.workflow import operations
from cstr_desk.workflow import order_operations as ops
from tests.ui.conftest import ADMIN_PASSWORD, add_case, wait_for_preview

CDO_PASSWORD = "court duty pw 1"


@pytest.fixture
def drr_case(desk):
    """A DRR sentenced ten days ago (so its 2-working-day start is overdue) and an ATR today."""
    with open_with_password(desk.path, "admin", ADMIN_PASSWORD) as admin:
        admin.add_user(User(username="cal", full_name="Cal Officer", role=Role.COURT_DUTY_OFFICER),
                       CDO_PASSWORD)
    ids = {}
    for name, requirement, days_ago in (("Dee", Requirement.DRR, 10), ("Ash", Requirement.ATR, 0)):
        referral_id = add_case(desk, given=name, family="Example")
        with desk.open_as_practitioner() as pat:
            case = pat.load_case(referral_id)
            pat.update_referral(case.referral.model_copy(update={"plea": Plea.GUILTY}))
            pat.record_consent(ConsentRecord(
                referral_id=referral_id, consent_version="2026.1",
                requirements_assessed_for=[requirement], requirements_consented=[requirement],
                explained_by=pat.user.id, easy_read_used=False, acknowledgements={},
                consented_at=datetime.now(UTC) - timedelta(days=days_ago + 1)))
        with open_with_password(desk.path, "cal", CDO_PASSWORD) as cal:
            day = date.today() - timedelta(days=days_ago)
            operations.record_sentence(cal, SentenceOutcome(
                referral_id=referral_id, sentenced_on=day, sentence=SentenceKind.COMMUNITY_ORDER,
                length_months=12, requirements=[SentenceRequirement(requirement.value)],
                recorded_by=cal.user.id, recorded_at=datetime.now(UTC)))
        ids[requirement] = referral_id
    return desk, ids


def test_home_panel_lists_unstarted_treatment_overdue_first_and_opens_the_case(qtbot, drr_case):
    desk, ids = drr_case
    with desk.open_as_practitioner() as pat:
        panel = StartDeadlinesPanel(pat)
        qtbot.addWidget(panel)
        assert panel.list.count() == 2
        first, second = panel.list.item(0), panel.list.item(1)
        assert first.text().startswith("Dee Example: DRR start overdue since")
        assert first.foreground().color() == OVERDUE
        assert second.text().startswith("Ash Example: ATR to start by")
        panel.list.setCurrentRow(0)
        with qtbot.waitSignal(panel.open_case) as opened:
            panel.open_button.click()
        assert opened.args == [ids[Requirement.DRR]]
        ops.record_treatment_start(pat, TreatmentStart(
            referral_id=ids[Requirement.DRR], requirement=SentenceRequirement.DRR,
            started_on=date.today(), recorded_by=pat.user.id, recorded_at=datetime.now(UTC)))
        panel.refresh()
        assert [panel.list.item(i).text()[:11] for i in range(panel.list.count())] == ["Ash Example"]


# --- the journey: DRR sentence -> three-way meeting -> tests (one missed) -> court review
# report issued -> completion with the final sentence review -----------------------------------


def host(qtbot, tab_class, session, referral_id: int):
    tab = tab_class(session)
    qtbot.addWidget(tab)
    tab.case_changed.connect(lambda: tab.show_case(session.load_case(referral_id)))
    tab.show_case(session.load_case(referral_id))
    return tab


def shown(qtbot, tab):
    tab.resize(1340, 560)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def click(qtbot, tab, widget) -> None:
    with qtbot.waitSignal(tab.case_changed, timeout=5000):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def uk(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def phq9(session, referral_id: int, answers: list[int]) -> None:
    given = session.start_administration(referral_id, "phq9", forms.form_hash("phq9"),
                                         AdministrationMode.PRACTITIONER)
    for number, value in enumerate(answers, start=1):
        session.record_answer(given.id, str(number), value, number)
    session.complete_administration(given.id)


@pytest.fixture
def drr_ready(desk):
    """A guilty plea, PHQ-9 at assessment and consent to a DRR; a Court Duty Officer account."""
    referral_id = add_case(desk, given="Siân", family="Ó Briain")
    with open_with_password(desk.path, "admin", ADMIN_PASSWORD) as admin:
        admin.add_user(User(username="cal", full_name="Cal Officer", role=Role.COURT_DUTY_OFFICER),
                       CDO_PASSWORD)
    with desk.open_as_practitioner() as pat:
        case = pat.load_case(referral_id)
        pat.update_referral(case.referral.model_copy(update={"plea": Plea.GUILTY}))
        phq9(pat, referral_id, [2, 2, 3, 2, 1, 2, 2, 1, 1])
        pat.record_consent(ConsentRecord(
            referral_id=referral_id, consent_version="2026.1",
            requirements_assessed_for=[Requirement.DRR], requirements_consented=[Requirement.DRR],
            explained_by=pat.user.id, easy_read_used=False, acknowledgements={},
            consented_at=datetime.now(UTC) - timedelta(days=15)))
    return desk, referral_id


def test_drr_journey_from_sentence_to_final_review(qtbot, drr_ready, tmp_path, monkeypatch):
    desk, referral_id = drr_ready
    today = date.today()
    ordered = today - timedelta(days=14)

    # Probation records the DRR the court gave, the three-way meeting and a review hearing.
    with open_with_password(desk.path, "cal", CDO_PASSWORD) as cal:
        sentence = host(qtbot, SentenceTab, cal, referral_id)
        sentence.sentenced_on.setText(uk(ordered))
        sentence.sentenced_time.setText("11:00")
        sentence.kind.setCurrentIndex(0)  # community order
        sentence.length.setValue(12)
        sentence.requirement_boxes[SentenceRequirement.DRR].setChecked(True)
        sentence.without_cstr.setText("Custody")
        sentence.without_cstr_weeks.setValue(16)
        click(qtbot, sentence, sentence.record_button)
        order = host(qtbot, OrderTab, cal, referral_id)
        assert "DRR: due by" in order.start_state.text() and "not started yet" not in order.start_state.text()
        order.held_on.setText(uk(ordered + timedelta(days=1)))
        order.attendees.setText("Cal Officer (offender manager); Pat Practitioner (drug service)")
        order.goals.setText("Stop heroin use; stable on a script")
        order.sequencing.setText("DRR first, then housing support")
        click(qtbot, order, order.meeting_button)
        assert order.meetings.text().startswith("Three/four-way meeting")
        reviews = host(qtbot, ReviewsTab, cal, referral_id)
        reviews.hearing_on.setText(uk(today + timedelta(days=14)))
        click(qtbot, reviews, reviews.hearing_button)
        assert "report due by" in reviews.hearings.text()
        assert "must review this DRR" in reviews.hearings.text()

    # The provider records the start, the schedule and two tests, one of them missed.
    with desk.open_as_practitioner() as pat:
        order = host(qtbot, OrderTab, pat, referral_id)
        order.started_on.setText(uk(ordered + timedelta(days=1)))
        order.start_provider.setText("Northtown Drug Service")
        click(qtbot, order, order.start_button)
        assert "standard" in order.start_state.text() and not order.start_button.isEnabled()
        order.regular[Substance.OPIATES].setChecked(True)
        order.regular[Substance.COCAINE].setChecked(True)
        click(qtbot, order, order.schedule_button)
        order.tested_on.setText(uk(today - timedelta(days=7)))
        order.method.setCurrentIndex(order.method.findData(DrugTestMethod.ORAL_FLUID))
        order.results[Substance.OPIATES].setCurrentIndex(
            order.results[Substance.OPIATES].findData(DrugTestResult.POSITIVE))
        order.results[Substance.COCAINE].setCurrentIndex(
            order.results[Substance.COCAINE].findData(DrugTestResult.NEGATIVE))
        click(qtbot, order, order.test_button)
        order.tested_on.setText(uk(today - timedelta(days=1)))
        order.missed.setChecked(True)
        qtbot.mouseClick(order.test_button, Qt.MouseButton.LeftButton)
        assert "missed test is not a negative" in order.problem.text()  # no reason given yet
        order.missed_reason.setText("Did not attend")
        click(qtbot, order, order.test_button)
        cells = [order.tests.item(row, 2).text() for row in range(order.tests.rowCount())]
        assert cells == ["Opiates positive; Cocaine negative", "Missed: Did not attend"]
        reviews = host(qtbot, ReviewsTab, pat, referral_id)
        reviews.period_from.setText(uk(ordered))
        reviews.period_to.setText(uk(today))
        reviews.review_hearing.setCurrentIndex(1)
        reviews.engagement.setPlainText("Attends key work weekly.")
        reviews.progress.setPlainText("Opiate use reducing.")
        reviews.provider_name.setText("Northtown Drug Service")
        reviews.provider_part.setPlainText("Good engagement; one missed test.")
        click(qtbot, reviews, reviews.save_review_button)
        assert "Probation's contribution" in reviews.review_state.text()
        assert not reviews.sign_off_button.isEnabled()

    # Probation adds its part, says it was discussed, signs off and issues the report.
    with open_with_password(desk.path, "cal", CDO_PASSWORD) as cal:
        reviews = host(qtbot, ReviewsTab, cal, referral_id)
        reviews.probation_part.setPlainText("Complying with the order.")
        reviews.discussed.setCurrentIndex(reviews.discussed.findData(True))
        click(qtbot, reviews, reviews.save_review_button)
        assert reviews.sign_off_button.isEnabled()
        click(qtbot, reviews, reviews.sign_off_button)
        assert "signed off" in reviews.review_state.text()
        report_tab = shown(qtbot, host(qtbot, ReportsTab, cal, referral_id))
        choice = ReportChoice(ReportKind.COURT_REVIEW)
        report_tab.choose(choice)
        wait_for_preview(qtbot, report_tab)
        assert report_tab.report is not None and report_tab.report.signed_off
        out = tmp_path / "review"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out), args[-1]))
        click(qtbot, report_tab, report_tab.save_button)
        saved = out.with_suffix(".pdf").read_bytes()
        # Looked at as pictures: every page rendered to PNG, none blank.
        pngs = pages_as_png(saved, tmp_path)
        assert len(pngs) == report_tab.document.pageCount() >= 2
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(saved)).pages).split())
        assert "Missed: Did not attend" in text and "DRAFT" not in text
        assert "Complying with the order." in text and "OFFICIAL-SENSITIVE" in text
        assert [(r.kind, r.final) for r in cal.load_case(referral_id).reports] == [
            (ReportKind.COURT_REVIEW, True)]

    # The provider's appointments, the measures taken again, the end of treatment.
    with desk.open_as_practitioner() as pat:
        treatment = host(qtbot, TreatmentTab, pat, referral_id)
        treatment.first_day.setText(uk(ordered + timedelta(days=1)))
        treatment.first_time.setText("10:00")
        treatment.session_count.setValue(2)
        click(qtbot, treatment, treatment.schedule_button)
        for number in (1, 2):
            treatment.select_session(number)
            click(qtbot, treatment, treatment.attended_button)
        phq9(pat, referral_id, [1, 0, 1, 1, 0, 1, 1, 0, 0])
        treatment.ended_on.setText(uk(today))
        click(qtbot, treatment, treatment.complete_button)

    # Probation's final sentence review with the provider and the person; the provider signs.
    with open_with_password(desk.path, "cal", CDO_PASSWORD) as cal:
        reviews = host(qtbot, ReviewsTab, cal, referral_id)
        reviews.reviewed_on.setText(uk(today))
        reviews.instruments["phq9"].setChecked(True)
        reviews.person_took_part.setChecked(True)
        reviews.provider_took_part.setChecked(True)
        reviews.needs_plan.setPlainText("Stays with the drug service on a reducing script.")
        reviews.onward.setText("Northtown Recovery Community")
        click(qtbot, reviews, reviews.final_button)
        assert "onward referral to Northtown Recovery Community" in reviews.final_state.text()
        assert not reviews.sign_button.isEnabled() or reviews.sign_requirement.count() == 1
    with desk.open_as_practitioner() as pat:
        reviews = host(qtbot, ReviewsTab, pat, referral_id)
        reviews.sign_provider.setText("Northtown Drug Service")
        click(qtbot, reviews, reviews.sign_button)
        assert "DRR (Northtown Drug Service)" in reviews.final_state.text()
        report_tab = shown(qtbot, host(qtbot, ReportsTab, pat, referral_id))
        report_tab.choose(ReportChoice(ReportKind.COMPLETION))
        wait_for_preview(qtbot, report_tab)
        summary = " ".join(" ".join(p.extract_text() for p in
                                    PdfReader(io.BytesIO(report_tab.report.pdf)).pages).split())
        assert "Final sentence review" in summary and "Northtown Recovery Community" in summary
        assert "DRR: Northtown Drug Service, signed by Pat Practitioner" in summary
        assert "PHQ-9" in summary


def pages_as_png(pdf: bytes, folder) -> list:
    """Render each page with Qt's PDF engine, as a person would see it, and save it as PNG."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    paths = []
    for page in range(document.pageCount()):
        image = document.render(page, QSize(496, 702))
        assert not image.isNull() and len({image.pixel(x, y) for x in range(0, 496, 31)
                                            for y in range(0, 702, 31)}) > 2
        path = folder / f"court-review-{page + 1}.png"
        assert image.save(str(path))
        paths.append(path)
    return paths
