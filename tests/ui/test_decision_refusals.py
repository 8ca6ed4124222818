"""Who may record a Clinical Lead decision: the refusal's own words reach the screen."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import forms
from cstr_desk.ukdates import parse_time
from cstr_desk.domain import (
    AdministrationMode,
    ConsentRecord,
    DecisionOutcome,
    DecisionReason,
    Plea,
    PractitionerAssessment,
    Requirement,
    RiskAssessment,
    Role,
)
from cstr_desk.store import Session, open_with_password
from cstr_desk.store.testing import (
    TEST_PASSWORD,
    USERNAMES,
    make_database,
    sample_person,
    sample_referral,
)
from cstr_desk.ui.decision import DecisionTab
from cstr_desk.workflow import operations
from cstr_desk.workflow.assessment import INTERVIEW_TOPICS

SIGNATURE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M1 1 L9 9"/></svg>'


def open_as(path: Path, role: Role) -> Session:
    return open_with_password(path, USERNAMES[role], TEST_PASSWORD)


@pytest.fixture
def consented_case(tmp_path: Path) -> tuple[Path, int]:
    """A case assessed and consented through the workflow operations, ready for a decision."""
    path = tmp_path / "cstr.db"
    admin, _key = make_database(path)
    admin.close()
    session = open_as(path, Role.PRACTITIONER)
    person = session.add_person(sample_person())
    referral_id = session.add_referral(
        sample_referral(person.id).model_copy(update={"plea": Plea.GUILTY})).id
    for instrument_id, count in (("core34", 34), ("phq9", 9), ("gad7", 7)):
        started = operations.start_administration(session, referral_id, instrument_id,
                                                  AdministrationMode.PRACTITIONER).record
        for item in range(1, count + 1):
            session.record_answer(started.id, str(item), 1, item)
        assert forms.form_hash(instrument_id) == started.form_hash
        operations.complete_administration(session, started.id)
    notes = {t.key: "Discussed." for t in INTERVIEW_TOPICS}
    risk = RiskAssessment(self_harm="None", suicide="None", harm_to_others="None",
                          safeguarding="None", crisis_plan="Crisis line; GP.")
    operations.save_assessment(session, PractitionerAssessment(
        referral_id=referral_id, topics=notes, gp_registered=True, mental_health_need=True,
        drug_misuse=False, presenting_problem="Low mood", formulation="Loss of routine",
        risk=risk, completed=True))
    operations.record_consent(session, ConsentRecord(
        referral_id=referral_id, consent_version="2026.1",
        requirements_assessed_for=[Requirement.MHTR], requirements_consented=[Requirement.MHTR],
        explained_by=session.user.id, easy_read_used=False,
        acknowledgements={"information_sharing": True}, signature_svg=SIGNATURE,
        consented_at=datetime.now(timezone.utc)))
    session.close()
    return path, referral_id


def test_court_duty_officer_sees_the_refusal_and_cannot_record(qtbot, consented_case) -> None:
    path, referral_id = consented_case
    cdo = open_as(path, Role.COURT_DUTY_OFFICER)
    tab = DecisionTab(cdo)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_case(cdo.load_case(referral_id))
    assert tab.refusal.isVisible()
    assert tab.refusal.text() == (
        "A Court Duty Officer cannot record a Clinical Lead decision: only a Clinical Lead, or "
        "a practitioner recording the Clinical Lead's telephone decision, can.")
    assert not tab.form.isVisible() and not tab.record_button.isVisible()
    # Even if the form were reached, the operation refuses and nothing is written.
    tab.clinical_lead_name.setText("Dr Clare Lead")
    tab.treat.setChecked(True)
    tab.reason_boxes[DecisionOutcome.TREAT][DecisionReason.MEETS_PRIMARY_CARE_CRITERIA].setChecked(True)
    tab.record()
    assert "Court Duty Officer cannot record a Clinical Lead decision" in tab.problem.text()
    assert cdo.load_case(referral_id).decision is None
    cdo.close()


def test_practitioner_cannot_claim_an_on_device_decision(qtbot, consented_case) -> None:
    path, referral_id = consented_case
    practitioner = open_as(path, Role.PRACTITIONER)
    tab = DecisionTab(practitioner)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_case(practitioner.load_case(referral_id))
    assert tab.form.isVisible()
    assert not tab.on_device.isEnabled() and tab.telephone.isChecked()
    assert tab.clinical_lead_name.text() == "" and not tab.clinical_lead_name.isReadOnly()
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert "Choose Treat or Decline" in tab.problem.text()
    qtbot.mouseClick(tab.treat, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert "Clinical Lead's name" in tab.problem.text()
    practitioner.close()


def test_decision_needs_consent_first(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "cstr.db"
    admin, _key = make_database(path)
    admin.close()
    practitioner = open_as(path, Role.PRACTITIONER)
    person = practitioner.add_person(sample_person())
    referral_id = practitioner.add_referral(sample_referral(person.id)).id
    practitioner.close()
    lead = open_as(path, Role.CLINICAL_LEAD)
    tab = DecisionTab(lead)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_case(lead.load_case(referral_id))
    assert "No consent has been recorded yet" in tab.refusal.text()
    assert "The practitioner assessment is not complete yet" in tab.refusal.text()
    # Plain words on screen (issue 14); the rules' sources in the tooltip.
    assert "Manual" not in tab.refusal.text() and "§" not in tab.refusal.text()
    assert "Manual §4.3" in tab.refusal.toolTip() and "Manual §4.2" in tab.refusal.toolTip()
    assert not tab.form.isVisible()
    lead.close()


@pytest.mark.parametrize(("text", "problem"), [
    ("9:5", None), ("24:00", "not a real time"), ("noon", "HH:MM"), ("12:60", "not a real time"),
])
def test_times_are_read_strictly(text: str, problem: str | None) -> None:
    if problem is None:
        assert parse_time(text).hour == 9
    else:
        with pytest.raises(ValueError, match=problem):
            parse_time(text)
