"""The treatment provider tab: the DRR/ATR provider's answer recorded through its operation,
typed with the keyboard, refused in plain words when it cannot be recorded."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cstr_desk.domain import ConsentRecord, Requirement, Role
from cstr_desk.store import Session, open_with_password
from cstr_desk.store.testing import TEST_PASSWORD, USERNAMES
from cstr_desk.ui.provider_acceptance import ProviderAcceptanceTab
from cstr_desk.workflow import operations
from test_decision_refusals import SIGNATURE, consented_case  # noqa: F401 (fixture)


def open_as(path: Path, role: Role) -> Session:
    return open_with_password(path, USERNAMES[role], TEST_PASSWORD)


@pytest.fixture
def atr_case(consented_case) -> tuple[Path, int]:
    """The MHTR consent renewed to cover an ATR too, so a provider's answer is awaited."""
    path, referral_id = consented_case
    with open_as(path, Role.PRACTITIONER) as session:
        case = session.load_case(referral_id)
        session.withdraw_consent(case.consents[0].id, datetime.now(timezone.utc), "Renewed to add the ATR")
        operations.record_consent(session, ConsentRecord(
            referral_id=referral_id, consent_version="2026.1",
            requirements_assessed_for=[Requirement.MHTR, Requirement.ATR],
            requirements_consented=[Requirement.MHTR, Requirement.ATR],
            explained_by=session.user.id, easy_read_used=False,
            acknowledgements={"information_sharing": True}, signature_svg=SIGNATURE,
            consented_at=datetime.now(timezone.utc)))
    return path, referral_id


def test_the_court_duty_officer_records_the_providers_acceptance(qtbot, atr_case) -> None:
    path, referral_id = atr_case
    cdo = open_as(path, Role.COURT_DUTY_OFFICER)
    tab = ProviderAcceptanceTab(cdo)
    qtbot.addWidget(tab)
    tab.show_case(cdo.load_case(referral_id))
    assert "ATR: the provider's answer is not known yet" in tab.summary.text()
    assert not tab.form_box.isHidden()
    assert tab.requirement_boxes[Requirement.ATR].isChecked()
    assert tab.requirement_boxes[Requirement.DRR].isHidden()
    qtbot.keyClicks(tab.provider_name, "Change Grow Live")
    with qtbot.waitSignal(tab.case_changed):
        qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    case = cdo.load_case(referral_id)
    answer = case.provider_answer(Requirement.ATR)
    assert answer is not None and answer.accepted and answer.provider_name == "Change Grow Live"
    assert answer.recorded_by == cdo.user.id
    tab.show_case(case)
    assert "ATR: accepted by Change Grow Live" in tab.summary.text()
    cdo.close()


def test_a_decline_without_reasons_is_refused_in_plain_words(qtbot, atr_case) -> None:
    path, referral_id = atr_case
    practitioner = open_as(path, Role.PRACTITIONER)
    tab = ProviderAcceptanceTab(practitioner)
    qtbot.addWidget(tab)
    tab.show_case(practitioner.load_case(referral_id))
    tab.not_accepted.setChecked(True)
    tab.provider_name.setText("Change Grow Live")
    tab.record()
    assert "reasons for not accepting" in tab.problem.text()
    assert practitioner.load_case(referral_id).provider_acceptances == []
    tab.decided_time.setText("25:00")
    tab.record()
    assert "not a real time" in tab.problem.text()
    practitioner.close()


def test_an_mhtr_only_case_says_there_is_nothing_to_record(qtbot, consented_case) -> None:
    path, referral_id = consented_case
    practitioner = open_as(path, Role.PRACTITIONER)
    tab = ProviderAcceptanceTab(practitioner)
    qtbot.addWidget(tab)
    tab.show_case(practitioner.load_case(referral_id))
    assert tab.form_box.isHidden()
    assert "not assessed for a DRR or an ATR" in tab.refusal.text()
    assert "No DRR or ATR" in tab.summary.text()
    practitioner.close()
