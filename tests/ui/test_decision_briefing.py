"""The Clinical Lead does not decide blind (issue 14, broken item 7): the risk items endorsed,
the self-harm and suicide notes and a failed eligibility check come first on the decision
screen, nothing is preselected, and ticking "meets the criteria" against a failed check warns."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cstr_desk.domain import DecisionOutcome, DecisionReason, Role
from cstr_desk.store.testing import TEST_PASSWORD, USERNAMES
from cstr_desk.store import open_with_password
from tests.ui.test_consent_journeys import (  # noqa: F401 (site is a fixture)
    assess, consent_with_signature, decision_tab, open_as, site,
)


def test_risk_and_a_failed_check_come_first_and_nothing_is_preselected(qtbot, site) -> None:
    path, referral_id = site
    practitioner = open_as(path, Role.PRACTITIONER)
    assess(qtbot, practitioner, referral_id)  # every item answered 1: the risk items endorsed
    consent_with_signature(qtbot, practitioner, referral_id)
    person = practitioner.load_case(referral_id).person
    practitioner.update_person(person.model_copy(update={"postcode": "NT1 2CD"}))
    practitioner.close()
    admin = open_with_password(path, USERNAMES[Role.ADMINISTRATOR], TEST_PASSWORD)
    admin.update_site_settings(admin.site_settings().model_copy(update={"postcode_areas": ["SK"]}))
    admin.close()

    lead = open_as(path, Role.CLINICAL_LEAD)
    tab = decision_tab(qtbot, lead, referral_id)
    briefing = tab.briefing.text()
    assert tab.briefing.isVisible() and briefing.startswith("Before you decide:")
    assert "Risk: PHQ-9 item 9 endorsed." in briefing
    assert "Risk: CORE-OM items" in briefing
    assert "Self-harm: Asked about self harm; plan agreed." in briefing
    assert "Suicide: Asked about suicide; plan agreed." in briefing
    assert "Eligibility not met: Lives within the site's postcode areas. NT1 2CD is outside" in briefing
    assert not tab.treat.isChecked() and not tab.decline.isChecked()
    assert not tab.treat_box.isVisible() and not tab.decline_box.isVisible()
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert "Choose Treat or Decline" in tab.problem.text()
    assert lead.load_case(referral_id).decision is None

    qtbot.mouseClick(tab.treat, Qt.MouseButton.LeftButton)
    meets = tab.reason_boxes[DecisionOutcome.TREAT][DecisionReason.MEETS_PRIMARY_CARE_CRITERIA]
    assert meets.text().startswith("Meets the criteria")
    meets.setChecked(True)
    assert tab.criteria_warning.isVisible()
    assert "the eligibility check says they do not" in tab.criteria_warning.text()
    meets.setChecked(False)
    assert not tab.criteria_warning.isVisible()
    lead.close()
