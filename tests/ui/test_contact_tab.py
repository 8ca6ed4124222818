"""Journeys through the day after sentence (issue 20), driving the real tabs on a real encrypted
database: the CDO records the leaflet with the next appointment given at sentence; the
practitioner records how the person prefers to be contacted and follows up a missed appointment
by that method and, with a risk noted, with the care coordinator at once; the treatment plan
sent to the offender manager after a breach; the Clinical Lead chooses the practitioner. Each
deadline shows on the home panel until it is met."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from conftest import ADMIN_PASSWORD
from PySide6.QtCore import Qt
from test_after_sentence import (  # noqa: F401 (fixture)
    CDO_PASSWORD, case_ready, host, record_sentence_through_the_tab, schedule_and_miss_two,
)

from cstr_desk.domain import Breach, ContactMethod, Role, User
from cstr_desk.store import open_with_password
from cstr_desk.ui.contact import ContactTab
from cstr_desk.ui.duties import DutiesPanel
from cstr_desk.ui.sentence import SentenceTab
from cstr_desk.ui.treatment import TreatmentTab
from cstr_desk.ukdates import LONDON
from cstr_desk.workflow import risk

LEAD_PASSWORD = "clinical lead pw 1"


def _panel_lines(qtbot, session) -> list[str]:
    panel = DutiesPanel(session)
    qtbot.addWidget(panel)
    return [panel.list.item(i).text() for i in range(panel.list.count())]


def test_the_cdo_records_the_leaflet_given_at_sentence_and_the_panel_clears(qtbot, case_ready):
    desk, referral_id = case_ready
    record_sentence_through_the_tab(qtbot, desk, referral_id, days_ago=0).session.close()
    with open_with_password(desk.path, "cdo", CDO_PASSWORD) as cdo:
        assert any("leaflet with the next appointment" in line for line in _panel_lines(qtbot, cdo))
        tab = host(qtbot, SentenceTab, cdo, referral_id)
        box = tab.leaflet_box
        assert not box.isHidden() and "Not recorded yet" in box.given.text()
        box.next_day.setText((datetime.now(LONDON) + timedelta(days=7)).strftime("%d/%m/%Y"))
        box.next_time.setText("25:00")
        qtbot.mouseClick(box.record_button, Qt.MouseButton.LeftButton)
        assert "not a real time" in box.problem.text() and cdo.load_case(referral_id).leaflet is None
        box.next_time.setText("10:30")
        box.place.setText("Northtown Wellbeing Centre")
        box.easy_read.setChecked(True)
        with qtbot.waitSignal(tab.case_changed):
            qtbot.mouseClick(box.record_button, Qt.MouseButton.LeftButton)
        assert "easy read" in box.given.text() and box.record_button.isHidden()
        assert cdo.load_case(referral_id).leaflet.next_appointment_place == "Northtown Wellbeing Centre"
        assert not any("leaflet" in line for line in _panel_lines(qtbot, cdo))


def test_a_missed_appointment_is_followed_up_from_the_contact_tab(qtbot, case_ready):
    desk, referral_id = case_ready
    pat, treatment_tab = schedule_and_miss_two(qtbot, desk, referral_id)
    first = pat.load_case(referral_id).sessions[0]
    risk.record_session_notes(pat, referral_id, first.id, "Did not attend", True,
                              "Said at the last session he has thought of ending his life")
    lines = _panel_lines(qtbot, pat)
    assert any("tell the care coordinator at once" in line and "session 1" in line for line in lines)
    assert any("follow up the missed appointment, session 2" in line for line in lines)
    tab = host(qtbot, ContactTab, pat, referral_id)
    assert "risk of self-harm or suicide is known" in tab.risk_line.text()
    assert tab.missed.rowCount() == 2 and tab.missed.item(0, 3).text() == "DUE AT ONCE"
    tab.missed.selectRow(0)
    tab.contacted_time.setText("16:00")
    qtbot.mouseClick(tab.follow_button, Qt.MouseButton.LeftButton)
    assert "Record how the person prefers to be contacted first" in tab.problem.text()
    tab.method.setCurrentIndex(tab.method.findData(ContactMethod.TEXT))
    tab.details.setText("07700 900123")
    tab.coordinator.setText("Sam Reed, CMHT North")
    with qtbot.waitSignal(tab.case_changed):
        qtbot.mouseClick(tab.preferences_button, Qt.MouseButton.LeftButton)
    tab.missed.selectRow(0)
    tab.contact.setCurrentIndex(1)  # the care coordinator: name and phone filled in for them
    assert tab.contacted_who.text() == "Sam Reed, CMHT North"
    # Yesterday, so the times typed are in the past whenever the test runs.
    tab.contacted_day.setText((datetime.now(LONDON) - timedelta(days=1)).strftime("%d/%m/%Y"))
    tab.contacted_time.setText("10:15")
    tab.reached.setChecked(True)
    with qtbot.waitSignal(tab.case_changed):
        qtbot.mouseClick(tab.follow_button, Qt.MouseButton.LeftButton)
    tab.missed.selectRow(0)
    tab.contact.setCurrentIndex(0)  # the person, by their chosen method
    assert tab.follow_method.currentData() == ContactMethod.TEXT
    tab.contacted_time.setText("16:00")
    with qtbot.waitSignal(tab.case_changed):
        qtbot.mouseClick(tab.follow_button, Qt.MouseButton.LeftButton)
    assert "Sam Reed" in tab.missed.item(0, 3).text() and "text message" in tab.missed.item(0, 2).text()
    lines = _panel_lines(qtbot, pat)
    assert not any("session 1 " in line for line in lines)
    pat.close()


def test_the_treatment_plan_sent_after_a_breach_and_the_lead_chooses_the_practitioner(qtbot, case_ready):
    desk, referral_id = case_ready
    record_sentence_through_the_tab(qtbot, desk, referral_id, days_ago=3).session.close()
    with open_with_password(desk.path, "admin", ADMIN_PASSWORD) as admin:
        admin.add_user(User(username="lead", full_name="Lou Lead", role=Role.CLINICAL_LEAD), LEAD_PASSWORD)
    with open_with_password(desk.path, "cdo", CDO_PASSWORD) as cdo:
        cdo.record_breach(Breach(
            referral_id=referral_id, decided_on=datetime.now(LONDON).date(), returned_to_court=True,
            related_to_cstr=True, reason="Consent withdrawn", recorded_by=cdo.user.id,
            recorded_at=datetime.now(UTC)))
    with desk.open_as_practitioner() as pat:
        assert any("treatment plan to the offender manager" in line for line in _panel_lines(qtbot, pat))
        tab = host(qtbot, ContactTab, pat, referral_id)
        qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
        assert "Say which offender manager" in tab.problem.text()
        tab.plan_to.setText("Jo Bloggs, NPS North")
        with qtbot.waitSignal(tab.case_changed):
            qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
        assert "to Jo Bloggs, NPS North" in tab.plans.item(0).text()
        assert not any("treatment plan" in line for line in _panel_lines(qtbot, pat))
        practitioner_id = pat.user.id
        treatment = host(qtbot, TreatmentTab, pat, referral_id)
        assert treatment.practitioner_choice.isHidden()  # a practitioner takes cases on themselves
    with open_with_password(desk.path, "lead", LEAD_PASSWORD) as lead:
        treatment = host(qtbot, TreatmentTab, lead, referral_id)
        assert not treatment.practitioner_choice.isHidden()
        treatment.practitioner_choice.setCurrentIndex(treatment.practitioner_choice.findData(practitioner_id))
        with qtbot.waitSignal(treatment.case_changed):
            qtbot.mouseClick(treatment.allocate_chosen_button, Qt.MouseButton.LeftButton)
        assert treatment.allocated.text() == "Practitioner: Pat Practitioner"
        assert lead.load_case(referral_id).referral.allocated_practitioner_id == practitioner_id


def test_consent_withdrawn_after_sentence_is_a_breach_that_waits_for_the_treatment_plan(qtbot, case_ready, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from cstr_desk.domain import BreachTrigger
    from cstr_desk.ui.consent import ConsentTab

    desk, referral_id = case_ready
    record_sentence_through_the_tab(qtbot, desk, referral_id, days_ago=2).session.close()
    with desk.open_as_practitioner() as pat:
        consent = host(qtbot, ConsentTab, pat, referral_id)
        consent.withdraw_reason.setText("Does not want to come any more")
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        with qtbot.waitSignal(consent.case_changed):
            qtbot.mouseClick(consent.withdraw_button, Qt.MouseButton.LeftButton)
        [breach] = pat.load_case(referral_id).breaches
        assert breach.trigger is BreachTrigger.CONSENT_WITHDRAWN and breach.returned_to_court
        treatment = host(qtbot, TreatmentTab, pat, referral_id)
        assert "Consent withdrawn after sentence: Does not want to come any more" in treatment.breaches.text()
        assert "treatment plan to the offender manager (breach)" in treatment.duties.text()
        assert any("treatment plan to the offender manager" in line for line in _panel_lines(qtbot, pat))
        contact_tab = host(qtbot, ContactTab, pat, referral_id)
        contact_tab.plan_to.setText("Jo Bloggs, NPS North")
        with qtbot.waitSignal(contact_tab.case_changed):
            qtbot.mouseClick(contact_tab.plan_button, Qt.MouseButton.LeftButton)
        treatment.show_case(pat.load_case(referral_id))
        assert "treatment plan to the offender manager (breach), breach of" in treatment.duties.text()
        assert " on " in treatment.duties.text().split("treatment plan")[1]  # met, with its date
        assert not any("treatment plan" in line for line in _panel_lines(qtbot, pat))
