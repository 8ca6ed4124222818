"""Whole journeys through the assessment, consent and Clinical Lead decision tabs, driving the
real widgets against a real encrypted database in tmp_path.

Assessment → easy-read consent with a drawn signature → Clinical Lead approves on the device →
the case shows "Clinical Lead decision"; a telephone decline with reasons; standard consent with
witnessed verbal consent; consent withdrawn later; ATR + DRR refused.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

import forms
from cstr_desk.consent_text import CURRENT_VERSION
from cstr_desk.domain import (
    AdministrationMode,
    CommunityOrderLevel,
    DecisionChannel,
    DecisionOutcome,
    DecisionReason,
    Plea,
    Requirement,
    Role,
    Stage,
)
from cstr_desk.store import Session, open_with_password
from cstr_desk.store.testing import (
    TEST_PASSWORD,
    USERNAMES,
    make_database,
    sample_person,
    sample_referral,
)
from cstr_desk.ui.assessment import AssessmentTab
from cstr_desk.ui.case_view import CaseView
from cstr_desk.ui.consent import ConsentTab
from cstr_desk.ui.decision import DecisionTab
from cstr_desk.workflow import pathway
from cstr_desk.workflow.assessment import INTERVIEW_TOPICS

# Every item answered 1: scorable, mid-range, and a risk item endorsed, so the risk section and
# crisis plan are needed before the assessment can be completed (Manual §4.2).
ITEM_COUNTS = {"core34": 34, "phq9": 9, "gad7": 7}


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "cstr.db"
    admin, _key = make_database(path)
    admin.close()
    session = open_as(path, Role.PRACTITIONER)
    person = session.add_person(sample_person().model_copy(update={"gp_practice": "Elm Surgery"}))
    referral = sample_referral(person.id).model_copy(update={
        "plea": Plea.GUILTY, "imprisonable_offence": True,
        "community_order_level": CommunityOrderLevel.MEDIUM})
    referral_id = session.add_referral(referral).id
    for instrument_id, count in ITEM_COUNTS.items():
        done = session.start_administration(referral_id, instrument_id,
                                            forms.form_hash(instrument_id),
                                            AdministrationMode.PRACTITIONER)
        for item in range(1, count + 1):
            session.record_answer(done.id, str(item), 1, item)
        session.complete_administration(done.id)
    session.close()
    return path, referral_id


def open_as(path: Path, role: Role) -> Session:
    return open_with_password(path, USERNAMES[role], TEST_PASSWORD)


def assess(qtbot, session: Session, referral_id: int) -> AssessmentTab:
    tab = AssessmentTab(session)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_case(session.load_case(referral_id))
    with qtbot.waitSignal(tab.start_questionnaire) as started:
        qtbot.mouseClick(tab.questionnaire_buttons["phq9"], Qt.MouseButton.LeftButton)
    assert started.args == ["phq9"]
    assert "Well-being: mean" in tab.core_profile.text()
    assert tab.risk_warning.isVisible()
    QTest.keyClicks(tab.presenting_problem, "Low mood and anxiety since losing work.")
    tab.formulation.setPlainText("Loss of routine maintains low mood; avoidance of help.")
    for topic in INTERVIEW_TOPICS:
        tab.topic_notes[topic.key].setPlainText(f"Discussed {topic.heading.lower()}.")
    for field, editor in tab.risk_notes.items():
        editor.setPlainText(f"Asked about {field.replace('_', ' ')}; plan agreed.")
    tab.gp_registered.setCurrentIndex(tab.gp_registered.findText("Yes"))
    tab.mental_health_need.setCurrentIndex(tab.mental_health_need.findText("Yes"))
    tab.drug_misuse.setCurrentIndex(tab.drug_misuse.findText("No"))
    qtbot.waitUntil(lambda: tab.saved.text() == "All changes saved", timeout=5000)
    assert tab.complete_button.isEnabled(), tab.still_to_do.text()
    with qtbot.waitSignal(tab.case_changed):
        qtbot.mouseClick(tab.complete_button, Qt.MouseButton.LeftButton)
    return tab


def open_consent(qtbot, session: Session, referral_id: int, requirements: list[Requirement],
                 easy_read: bool) -> ConsentTab:
    tab = ConsentTab(session)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_case(session.load_case(referral_id))
    for requirement in requirements:
        tab.requirement_boxes[requirement].setChecked(True)
    (tab.format_easy_read if easy_read else tab.format_standard).setChecked(True)
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    assert tab.person_window is not None and tab.person_window.isVisible()
    return tab


def read_easy_read(qtbot, tab: ConsentTab) -> list[str]:
    """Page through every easy-read screen, pressing "I understand" where offered."""
    viewer = tab.person_window.easy_read
    seen = []
    while tab.person_window.pages.currentIndex() == tab.person_window.READ:
        seen.append(viewer.screen.key)
        assert viewer.picture.file_name == viewer.screen.picture
        if viewer.understand.isVisible():
            qtbot.mouseClick(viewer.understand, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(viewer.next_button, Qt.MouseButton.LeftButton)
    return seen


def draw_signature(qtbot, tab: ConsentTab) -> None:
    pad = tab.person_window.signature.pad
    points = [QPoint(40, 80), QPoint(80, 40), QPoint(120, 90), QPoint(160, 50), QPoint(200, 85)]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for point in points[1:]:
        QTest.mouseMove(pad, point)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(60, 110))
    QTest.mouseMove(pad, QPoint(220, 112))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(220, 112))


def consent_with_signature(qtbot, session: Session, referral_id: int) -> ConsentTab:
    tab = open_consent(qtbot, session, referral_id, [Requirement.MHTR], easy_read=True)
    seen = read_easy_read(qtbot, tab)
    assert "mhtr" in seen and "drr" not in seen and "atr" not in seen
    window = tab.person_window
    assert window.pages.currentIndex() == window.SIGN
    assert not window.sign_button.isEnabled()
    draw_signature(qtbot, tab)
    assert window.signature.pad.stroke_count() == 2
    with qtbot.waitSignal(tab.case_changed):
        qtbot.mouseClick(window.sign_button, Qt.MouseButton.LeftButton)
    return tab


def test_assessment_easy_read_signature_and_clinical_lead_approval(qtbot, site) -> None:
    path, referral_id = site
    practitioner = open_as(path, Role.PRACTITIONER)
    assess(qtbot, practitioner, referral_id)
    assert pathway.derive_stage(practitioner.load_case(referral_id)) == Stage.ASSESSED
    consent_with_signature(qtbot, practitioner, referral_id)

    consent = practitioner.load_case(referral_id).current_consent
    assert consent.consent_version == CURRENT_VERSION
    assert consent.easy_read_used and consent.requirements_consented == [Requirement.MHTR]
    assert consent.acknowledgements == {"information_sharing": True, "confidentiality_limits": True,
                                        "right_to_withdraw": True, "mhtr_sessions": True}
    assert consent.signature_svg.count("<path") == 2 and consent.gp_surgery == "Elm Surgery"
    assert consent.explained_by == practitioner.user.id
    practitioner.close()

    lead = open_as(path, Role.CLINICAL_LEAD)
    tab = DecisionTab(lead)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_case(lead.load_case(referral_id))
    assert tab.form.isVisible() and tab.on_device.isChecked()
    assert tab.clinical_lead_name.text() == lead.user.full_name
    assert "PHQ-9: Score" in tab.summary.text()
    assert not tab.treat.isChecked() and not tab.decline.isChecked()  # nothing preselected
    qtbot.mouseClick(tab.treat, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.reason_boxes[DecisionOutcome.TREAT][DecisionReason.MEETS_PRIMARY_CARE_CRITERIA], Qt.MouseButton.LeftButton)
    QTest.keyClicks(tab.recommendations, "An MHTR of 12 weekly sessions is recommended.")
    tab.treatment_plan.setPlainText("12 sessions of CBT-informed work with an assistant psychologist.")
    tab.provider.setText("Northtown Primary Care MHTR Service")
    tab.first_on.setText(date.today().strftime("%d/%m/%Y"))
    tab.first_time.setText("10:00")
    tab.first_place.setText("Northtown Health Centre")
    with qtbot.waitSignal(tab.case_changed):
        qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)

    case = lead.load_case(referral_id)
    assert case.decision.outcome == DecisionOutcome.TREAT
    assert case.decision.channel == DecisionChannel.ON_DEVICE
    assert case.decision.recorded_by == lead.user.id
    view = CaseView(lead, referral_id)
    qtbot.addWidget(view)
    assert view.stage.text() == "Stage: Clinical Lead decision"
    tab.show_case(case)
    assert tab.recorded.text().startswith("Clinical Lead decision: treat")
    assert not tab.form.isVisible()
    lead.close()


def decision_tab(qtbot, session: Session, referral_id: int) -> DecisionTab:
    tab = DecisionTab(session)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_case(session.load_case(referral_id))
    return tab


def test_decline_with_reasons_and_signposting(qtbot, site) -> None:
    path, referral_id = site
    practitioner = open_as(path, Role.PRACTITIONER)
    assess(qtbot, practitioner, referral_id)
    consent_with_signature(qtbot, practitioner, referral_id)
    practitioner.close()
    lead = open_as(path, Role.CLINICAL_LEAD)
    tab = decision_tab(qtbot, lead, referral_id)
    qtbot.mouseClick(tab.decline, Qt.MouseButton.LeftButton)
    assert tab.decline_box.isVisible() and not tab.treat_box.isVisible()
    assert not tab.reason_boxes[DecisionOutcome.TREAT][DecisionReason.MEETS_PRIMARY_CARE_CRITERIA].isVisible()
    tab.discussed_time.setText("25:00")
    qtbot.mouseClick(tab.reason_boxes[DecisionOutcome.DECLINE][DecisionReason.NEEDS_SECONDARY_CARE], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert "25:00 is not a real time" in tab.problem.text()
    tab.discussed_time.setText(datetime.now().strftime("%H:%M"))
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert "signposting" in tab.problem.text()
    tab.signposting.setPlainText("Referred to secondary care CMHT; GP letter; crisis line number.")
    tab.reason_notes.setPlainText("Needs CPA-level care.")
    with qtbot.waitSignal(tab.case_changed, timeout=2000):
        qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    case = lead.load_case(referral_id)
    decision = case.decision
    assert decision.outcome == DecisionOutcome.DECLINE
    assert decision.reasons == [DecisionReason.NEEDS_SECONDARY_CARE]  # the code, not the words
    assert decision.reason_notes == "Needs CPA-level care."
    assert decision.signposting.startswith("Referred to secondary care")
    assert decision.first_appointment_at is None and decision.treatment_plan == ""
    tab.show_case(case)
    assert tab.recorded.text().startswith("Clinical Lead decision: decline")
    assert "Support and signposting offered: Referred" in tab.recorded.text()
    lead.close()


def test_practitioner_records_a_telephone_decision(qtbot, site) -> None:
    path, referral_id = site
    practitioner = open_as(path, Role.PRACTITIONER)
    assess(qtbot, practitioner, referral_id)
    consent_with_signature(qtbot, practitioner, referral_id)
    tab = decision_tab(qtbot, practitioner, referral_id)
    assert not tab.on_device.isEnabled() and tab.telephone.isChecked()
    assert not tab.clinical_lead_name.isReadOnly()
    tab.clinical_lead_name.setText("Dr Clare Lead")
    tab.discussed_time.setText(datetime.now().strftime("%H:%M"))
    qtbot.mouseClick(tab.treat, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.reason_boxes[DecisionOutcome.TREAT][DecisionReason.LIKELY_TO_RESPOND_TO_THERAPY], Qt.MouseButton.LeftButton)
    tab.recommendations.setPlainText("MHTR recommended.")
    with qtbot.waitSignal(tab.case_changed, timeout=2000):
        qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    decision = practitioner.load_case(referral_id).decision
    assert decision.channel == DecisionChannel.TELEPHONE
    assert decision.clinical_lead_name == "Dr Clare Lead"
    assert decision.recorded_by == practitioner.user.id
    practitioner.close()


def test_standard_format_with_witnessed_verbal_consent_and_interpreter(qtbot, site) -> None:
    path, referral_id = site
    practitioner = open_as(path, Role.PRACTITIONER)
    tab = ConsentTab(practitioner)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_case(practitioner.load_case(referral_id))
    tab.requirement_boxes[Requirement.DRR].setChecked(True)
    qtbot.mouseClick(tab.interpreter_used, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    assert "language" in tab.setup_problem.text() and tab.person_window is None
    QTest.keyClicks(tab.interpreter_language, "Polish")
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    window = tab.person_window
    # Since consent wording 2026.2 the DRR has its own point to acknowledge (issue 11).
    assert set(window.standard.understand_buttons) == {
        "information_sharing", "confidentiality_limits", "right_to_withdraw", "drr_engagement"}
    qtbot.mouseClick(window.continue_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentIndex() == window.READ
    assert "Still to do" in window.problem.text()
    for toggle in window.standard.understand_buttons.values():
        qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.continue_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.cannot_sign_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentIndex() == window.VERBAL
    qtbot.mouseClick(window.verbal_button, Qt.MouseButton.LeftButton)
    assert "witness" in window.verbal_problem.text()
    QTest.keyClicks(window.witness_name, "Wendy Witness")
    QTest.keyClicks(window.verbal_reason, "Injured right hand")
    with qtbot.waitSignal(tab.case_changed):
        qtbot.mouseClick(window.verbal_button, Qt.MouseButton.LeftButton)
    consent = practitioner.load_case(referral_id).current_consent
    assert consent.signature_svg is None
    assert consent.verbal_consent_witness == "Wendy Witness"
    assert consent.verbal_consent_reason == "Injured right hand"
    assert consent.interpreter_language == "Polish" and not consent.easy_read_used
    assert consent.requirements_consented == [Requirement.DRR]
    assert "mhtr_sessions" not in consent.acknowledgements
    practitioner.close()


def test_consent_withdrawn_later_takes_the_case_back(qtbot, site, monkeypatch) -> None:
    path, referral_id = site
    practitioner = open_as(path, Role.PRACTITIONER)
    tab = consent_with_signature(qtbot, practitioner, referral_id)
    tab.show_case(practitioner.load_case(referral_id))
    assert tab.withdraw_button.isVisible()
    qtbot.mouseClick(tab.withdraw_button, Qt.MouseButton.LeftButton)
    assert "reason" in tab.problem.text()
    QTest.keyClicks(tab.withdraw_reason, "Does not want treatment any more")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(tab.withdraw_button, Qt.MouseButton.LeftButton)
    assert practitioner.load_case(referral_id).current_consent.withdrawn_at is None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(tab.case_changed):
        qtbot.mouseClick(tab.withdraw_button, Qt.MouseButton.LeftButton)
    case = practitioner.load_case(referral_id)
    assert case.current_consent.withdrawn_at is not None
    assert case.current_consent.withdrawal_reason == "Does not want treatment any more"
    assert pathway.derive_stage(case) != Stage.CONSENTED
    tab.show_case(case)
    assert "WITHDRAWN" in tab.summary.text() and not tab.withdraw_button.isVisible()
    practitioner.close()


def test_atr_with_drr_is_refused_with_the_eligibility_rule(qtbot, site) -> None:
    path, referral_id = site
    practitioner = open_as(path, Role.PRACTITIONER)
    tab = ConsentTab(practitioner)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_case(practitioner.load_case(referral_id))
    tab.requirement_boxes[Requirement.DRR].setChecked(True)
    tab.requirement_boxes[Requirement.ATR].setChecked(True)
    assert "DRR + ATR cannot be given together" in tab.setup_problem.text()
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    assert tab.person_window is None
    tab.requirement_boxes[Requirement.ATR].setChecked(False)
    tab.requirement_boxes[Requirement.MHTR].setChecked(True)
    assert not tab.setup_problem.isVisible()
    practitioner.close()
