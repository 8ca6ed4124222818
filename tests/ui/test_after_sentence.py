"""Journeys after sentence, driving the real tabs on a real encrypted database: record a sentence,
schedule sessions, miss two, see and clear the 48-hour deadlines, complete with a post-treatment
CORE-34 and see the change classification; and the monitoring page's preview and export.

The tabs are hosted as the case view hosts them (reload the case on `case_changed`, then
`show_case`), so these run whether or not the lead has added them to CASE_TABS yet.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from conftest import ADMIN_PASSWORD, PRACTITIONER_PASSWORD, add_case
from PySide6.QtCore import Qt

import forms
import scoring
from cstr_desk.ukdates import LONDON, uk_date
from cstr_desk.domain import (
    Attendance,
    ConsentRecord,
    Plea,
    PractitionerAssessment,
    Requirement,
    Role,
    User,
)
from cstr_desk.store import Session, open_with_password
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.monitoring import MonitoringPage
from cstr_desk.ui.outcomes import CLASS_LABELS, OutcomesTab
from cstr_desk.ui.sentence import SentenceTab
from cstr_desk.ui.treatment import OVERDUE, DeadlinesPanel, TreatmentTab

CDO_PASSWORD = "court duty pw 1"
needs_store = pytest.mark.skipif(
    not all(hasattr(Session, name) for name in ("untold_missed_sessions", "record_completion")),
    reason="store requests open: untold_missed_sessions, record_completion "
           "(/work/briefs/store_requests.md)")


def host(qtbot, tab_class: type[CaseTab], session: Session, referral_id: int) -> CaseTab:
    tab = tab_class(session)
    qtbot.addWidget(tab)
    tab.case_changed.connect(lambda: tab.show_case(session.load_case(referral_id)))
    tab.show_case(session.load_case(referral_id))
    return tab


@pytest.fixture
def case_ready(desk):
    """A guilty plea, an assessment completed two hours ago and consent to an MHTR."""
    referral_id = add_case(desk, "Morwenna", "Trelawny")
    with open_with_password(desk.path, "admin", ADMIN_PASSWORD) as admin:
        admin.add_user(User(username="cdo", full_name="Cal Officer", role=Role.COURT_DUTY_OFFICER), CDO_PASSWORD)
    with desk.open_as_practitioner() as pat:
        case = pat.load_case(referral_id)
        pat.update_referral(case.referral.model_copy(update={"plea": Plea.GUILTY}))
        now = datetime.now(UTC)
        pat.save_assessment(PractitionerAssessment(referral_id=referral_id, completed=True,
                                                   completed_at=now - timedelta(hours=2),
                                                   completed_by=pat.user.id))
        pat.record_consent(ConsentRecord(
            referral_id=referral_id, consent_version="2026.1", requirements_assessed_for=[Requirement.MHTR],
            requirements_consented=[Requirement.MHTR], explained_by=pat.user.id, easy_read_used=True,
            acknowledgements={}, consented_at=now - timedelta(hours=1)))
    return desk, referral_id


def record_sentence_through_the_tab(qtbot, desk, referral_id: int, days_ago: int) -> SentenceTab:
    cdo = open_with_password(desk.path, "cdo", CDO_PASSWORD)
    tab = host(qtbot, SentenceTab, cdo, referral_id)
    moment = datetime.now(LONDON) - timedelta(days=days_ago)
    tab.sentenced_on.setText(moment.strftime("%d/%m/%Y"))
    tab.sentenced_time.setText(moment.strftime("%H:%M"))
    tab.kind.setCurrentIndex(0)  # community order
    tab.length.setValue(12)
    for requirement in ("mhtr", "rar"):
        next(c for r, c in tab.requirement_boxes.items() if r.value == requirement).setChecked(True)
    tab.without_cstr.setText("Custody")
    tab.without_cstr_weeks.setValue(12)
    with qtbot.waitSignal(tab.case_changed):
        qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    return tab


def test_record_a_sentence_and_see_it_derived_as_on_the_day(qtbot, case_ready):
    desk, referral_id = case_ready
    tab = record_sentence_through_the_tab(qtbot, desk, referral_id, days_ago=0)
    assert tab.form_box.isHidden()  # recorded: the form gives way to the summary
    assert "Treatment requirement: MHTR + RAR" in tab.summary.text()
    assert "Sentenced on the day (within 24 hours of the assessment): yes" in tab.summary.text()
    assert "would have given: Custody (12 weeks' custody)" in tab.summary.text()
    tab.session.close()


def test_a_sentence_with_no_length_is_refused_in_plain_words_and_nothing_saved(qtbot, case_ready):
    desk, referral_id = case_ready
    with open_with_password(desk.path, "cdo", CDO_PASSWORD) as cdo:
        tab = host(qtbot, SentenceTab, cdo, referral_id)
        tab.sentenced_time.setText("25:00")
        qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
        assert "not a real time" in tab.problem.text()
        tab.sentenced_time.setText("10:00")
        qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
        assert "length" in tab.problem.text()
        assert cdo.load_case(referral_id).sentence is None


def schedule_and_miss_two(qtbot, desk, referral_id: int) -> tuple[Session, TreatmentTab]:
    record_sentence_through_the_tab(qtbot, desk, referral_id, days_ago=21).session.close()
    pat = desk.open_as_practitioner()
    tab = host(qtbot, TreatmentTab, pat, referral_id)
    first = datetime.now(LONDON) - timedelta(days=14)
    tab.first_day.setText(first.strftime("%d/%m/%Y"))
    tab.first_time.setText("10:00")
    with qtbot.waitSignal(tab.case_changed):
        qtbot.mouseClick(tab.schedule_button, Qt.MouseButton.LeftButton)
    assert tab.sessions.rowCount() == 12
    for number in (1, 2):
        tab.select_session(number)
        tab.missed_reason.setCurrentIndex(tab.missed_reason.findText("Being late"))
        with qtbot.waitSignal(tab.case_changed):
            qtbot.mouseClick(tab.missed_button, Qt.MouseButton.LeftButton)
    missed = [s for s in pat.load_case(referral_id).sessions if s.attendance == Attendance.MISSED]
    assert [s.number for s in missed] == [1, 2]
    assert tab.sessions.item(0, 4).text() != ""  # "tell the offender manager by" shown
    return pat, tab


def test_schedule_twelve_sessions_and_miss_two(qtbot, case_ready):
    desk, referral_id = case_ready
    pat, tab = schedule_and_miss_two(qtbot, desk, referral_id)
    tab.select_session(3)
    tab.missed_reason.setCurrentIndex(0)
    qtbot.mouseClick(tab.missed_button, Qt.MouseButton.LeftButton)
    assert "why the appointment was missed" in tab.problem.text()
    pat.close()


def answer_core34(session: Session, referral_id: int, value: int) -> None:
    from cstr_desk.domain import AdministrationMode

    administration = session.start_administration(referral_id, "core34", forms.form_hash("core34"),
                                                  AdministrationMode.PRACTITIONER)
    for item in range(1, 35):
        session.record_answer(administration.id, str(item), value, item)
    session.complete_administration(administration.id)


@needs_store
def test_deadlines_cleared_then_completion_with_core34_change(qtbot, case_ready, tmp_path):
    desk, referral_id = case_ready
    pat, tab = schedule_and_miss_two(qtbot, desk, referral_id)
    panel = DeadlinesPanel(pat)
    qtbot.addWidget(panel)
    assert panel.list.count() == 2
    assert all("Morwenna Trelawny" in panel.list.item(i).text() for i in range(2))
    assert "overdue since" in panel.list.item(0).text()  # missed 14 days ago
    assert panel.list.item(0).foreground().color() == OVERDUE
    with qtbot.waitSignal(panel.open_case) as opened:
        panel.list.setCurrentRow(0)
        qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [referral_id]
    for _ in range(2):
        panel.list.setCurrentRow(0)
        qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert panel.list.count() == 0 and panel.empty.isVisibleTo(panel)

    answer_core34(pat, referral_id, 2)  # before: clinical score 20
    for number in range(3, 13):
        tab.select_session(number)
        if tab.sessions.item(number - 1, 2).text() == "Booked":
            with qtbot.waitSignal(tab.case_changed):
                qtbot.mouseClick(tab.cancelled_button if number > 3 else tab.attended_button,
                                 Qt.MouseButton.LeftButton)
    answer_core34(pat, referral_id, 0)  # after treatment
    tab.ended_on.setText(datetime.now(LONDON).strftime("%d/%m/%Y"))
    with qtbot.waitSignal(tab.case_changed):
        qtbot.mouseClick(tab.complete_button, Qt.MouseButton.LeftButton)
    assert tab.follow_ups.count() == 3

    outcomes = host(qtbot, OutcomesTab, pat, referral_id)
    case = pat.load_case(referral_id)
    before, after = sorted((a for a in case.administrations if a.instrument_id == "core34"),
                           key=lambda a: a.completed_at)
    expected = scoring.change("core34", before.item_answers(), after.item_answers())
    assert outcomes.table.item(0, 5).text() == CLASS_LABELS[expected.classification] == "Reliable improvement"
    assert outcomes.table.item(0, 6).text() == "yes"
    assert outcomes.chart.pairs and outcomes.save_button.isEnabled()
    outcomes.chart.resize(600, 220)
    assert not outcomes.chart.grab().isNull()  # the QPainter chart paints
    out = tmp_path / "summary.pdf"
    with qtbot.waitSignal(outcomes.notice, timeout=20_000):
        outcomes.save_summary(out)
    assert out.read_bytes().startswith(b"%PDF")
    pat.close()


def test_monitoring_page_previews_and_exports_without_names(qtbot, case_ready, tmp_path):
    desk, referral_id = case_ready
    with desk.open_as_practitioner() as pat:
        page = MonitoringPage(pat)
        qtbot.addWidget(page)
        with qtbot.waitSignal(page.worker.finished, timeout=20_000):
            qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
        texts = [page.table.item(r, 3).text() for r in range(page.table.rowCount())]
        assert texts and not set(texts) & {"1", "2", "3", "4"}
        out = tmp_path / "return.csv"
        assert page.export(out)
        content = out.read_text(encoding="utf-8")
        assert "Assessed for a CSTR" in content
        assert "Morwenna" not in content and "Trelawny" not in content
    assert PRACTITIONER_PASSWORD not in content


def test_record_an_adjournment_with_its_reason(qtbot, case_ready):
    desk, referral_id = case_ready
    with open_with_password(desk.path, "cdo", CDO_PASSWORD) as cdo:
        tab = host(qtbot, SentenceTab, cdo, referral_id)
        tab.adjourned_on.setText(datetime.now(LONDON).strftime("%d/%m/%Y"))
        tab.adjournment_reason.setCurrentIndex(tab.adjournment_reason.findData("assessment_not_available"))
        with qtbot.waitSignal(tab.case_changed):
            qtbot.mouseClick(tab.adjourn_button, Qt.MouseButton.LeftButton)
        assert tab.adjournments.count() == 1
        assert tab.adjournments.item(0).text().endswith("Assessment not available on the day")
        assert [a.reason for a in cdo.load_case(referral_id).adjournments] == ["assessment_not_available"]


def test_gp_registration_is_checked_before_treatment(qtbot, desk) -> None:
    """Manual §2.4: whether the person is registered with a GP before treatment; a person not
    registered when assessed and registered later is counted as registered as a result of CSTR."""
    referral_id = add_case(desk)
    with desk.open_as_practitioner() as pat:
        pat.save_assessment(PractitionerAssessment(referral_id=referral_id, gp_registered=False))
    pat = desk.open_as_practitioner()
    tab = host(qtbot, TreatmentTab, pat, referral_id)
    assert "When assessed: not registered with a GP." in tab.gp_status.text()
    tab.gp_registered.setCurrentIndex(tab.gp_registered.findData(True))
    qtbot.mouseClick(tab.gp_button, Qt.MouseButton.LeftButton)
    assert "Say which GP practice" in tab.problem.text()
    assert pat.load_case(referral_id).gp_checks == []
    tab.gp_practice.setText("  Northtown Health Centre ")
    with qtbot.waitSignal(tab.case_changed):
        qtbot.mouseClick(tab.gp_button, Qt.MouseButton.LeftButton)
    [check] = pat.load_case(referral_id).gp_checks
    assert check.registered and check.practice == "Northtown Health Centre"
    assert check.recorded_by == pat.user.id
    tab.show_case(pat.load_case(referral_id))
    assert (f"Checked {uk_date(check.checked_on)}: registered with Northtown Health Centre."
            in tab.gp_status.text())
    pat.close()
