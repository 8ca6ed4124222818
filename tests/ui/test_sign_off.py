"""Sign-off is an explicit step on the decision screen (issue 14, broken item 2): after a treat
decision the Clinical Lead signs the report off there, the case shows it as the next step, and
until then the Court Duty Officer is told whom to ask."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cstr_desk.pathway_words import reason_words
from cstr_desk.domain import DecisionOutcome, DecisionReason, Role
from cstr_desk.ui.case_view import CaseView
from cstr_desk.workflow import pathway
from tests.ui.test_consent_journeys import (  # noqa: F401 (site is a fixture)
    assess, consent_with_signature, decision_tab, open_as, site,
)


def decide_to_treat(qtbot, path, referral_id: int):
    practitioner = open_as(path, Role.PRACTITIONER)
    assess(qtbot, practitioner, referral_id)
    consent_with_signature(qtbot, practitioner, referral_id)
    practitioner.close()
    lead = open_as(path, Role.CLINICAL_LEAD)
    tab = decision_tab(qtbot, lead, referral_id)
    assert not tab.sign_off_box.isVisible()  # nothing to sign off before the decision
    qtbot.mouseClick(tab.treat, Qt.MouseButton.LeftButton)
    tab.reason_boxes[DecisionOutcome.TREAT][DecisionReason.MEETS_PRIMARY_CARE_CRITERIA].setChecked(True)
    QTest.keyClicks(tab.recommendations, "An MHTR of 12 weekly sessions is recommended.")
    tab.provider.setText("Northtown Primary Care MHTR Service")
    tab.first_on.setText(date.today().strftime("%d/%m/%Y"))
    tab.first_time.setText("10:00")
    tab.first_place.setText("Northtown Health Centre")
    with qtbot.waitSignal(tab.case_changed):
        qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    tab.show_case(lead.load_case(referral_id))
    return lead, tab


def test_the_clinical_lead_signs_off_on_the_decision_screen(qtbot, site) -> None:
    path, referral_id = site
    lead, tab = decide_to_treat(qtbot, path, referral_id)
    case = lead.load_case(referral_id)
    assert not pathway.report_signed_off(case)
    view = CaseView(lead, referral_id)
    qtbot.addWidget(view)
    assert "sign off the report for the court" in view.next_steps.text()
    assert tab.sign_off_box.isVisible() and tab.sign_off_button.isVisible()
    assert "Not signed off yet" in tab.sign_off_status.text()
    lead.close()

    officer = open_as(path, Role.COURT_DUTY_OFFICER)
    refused = pathway.check(pathway.Action.ISSUE_FINAL_PSR, officer.load_case(referral_id),
                            officer.user, date.today())
    assert not refused.allowed
    lead_name = case.decision.clinical_lead_name
    assert f"ask {lead_name} to sign it off on the Clinical Lead decision tab" in reason_words(refused.reasons[0])
    waiting = decision_tab(qtbot, officer, referral_id)
    assert f"Waiting for {lead_name}" in waiting.sign_off_status.text()
    assert not waiting.sign_off_button.isVisible()
    officer.close()

    lead = open_as(path, Role.CLINICAL_LEAD)
    tab = decision_tab(qtbot, lead, referral_id)
    with qtbot.waitSignal(tab.case_changed):
        qtbot.mouseClick(tab.sign_off_button, Qt.MouseButton.LeftButton)
    case = lead.load_case(referral_id)
    assert pathway.report_signed_off(case)
    tab.show_case(case)
    assert tab.sign_off_status.text().startswith(f"Signed off by {lead.user.full_name}")
    assert not tab.sign_off_button.isVisible()
    lead.close()

    officer = open_as(path, Role.COURT_DUTY_OFFICER)
    assert pathway.check(pathway.Action.ISSUE_FINAL_PSR, officer.load_case(referral_id),
                         officer.user, date.today()).allowed
    officer.close()


def test_only_a_clinical_lead_may_sign_off(qtbot, site) -> None:
    path, referral_id = site
    lead, _tab = decide_to_treat(qtbot, path, referral_id)
    lead.close()
    practitioner = open_as(path, Role.PRACTITIONER)
    refused = pathway.check(pathway.Action.SIGN_OFF_REPORT, practitioner.load_case(referral_id),
                            practitioner.user, date.today())
    assert not refused.allowed and "only a Clinical Lead can" in reason_words(refused.reasons[0])
    practitioner.close()
