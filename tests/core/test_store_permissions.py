"""The store enforces the decision-channel rule and the idle lock itself."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cstr_desk.domain import (
    ROLE_LABELS, ClinicalLeadDecision, DecisionChannel, DecisionOutcome,
    Role,
)
from cstr_desk.permission_words import ROLE_WITH_ARTICLE
from cstr_desk.permissions import Action, Refusal
from cstr_desk.store import (
    PermissionDenied, SessionLocked, WrongPassword, open_with_password,
)
from cstr_desk.store.testing import (
    cheap_kdf,
    TEST_PASSWORD, USERNAMES, make_database, sample_person, sample_referral,
)

NOW = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)
ADMIN, LD, PRACT, CL, CDO = (Role.ADMINISTRATOR, Role.LD_WORKER, Role.PRACTITIONER,
                             Role.CLINICAL_LEAD, Role.COURT_DUTY_OFFICER)


pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    with cheap_kdf():
        path = tmp_path_factory.mktemp("perm") / "court.cstr"
        make_database(path)[0].close()
        with open_with_password(path, USERNAMES[PRACT], TEST_PASSWORD) as practitioner:
            person = practitioner.add_person(sample_person())
            referral = practitioner.add_referral(sample_referral(person.id))
    return path, person.id, referral.id


# Every Session method for every role: tests/core/test_permission_table.py.


def _on_device_decision(session, referral_id):
    return session.record_decision(ClinicalLeadDecision(
        referral_id=referral_id, outcome=DecisionOutcome.TREAT, channel=DecisionChannel.ON_DEVICE,
        clinical_lead_name="Dr C", discussed_at=NOW, recorded_by=session.user.id,
        recorded_at=NOW))


def _telephone_decision(session, referral_id):
    return session.record_decision(ClinicalLeadDecision(
        referral_id=referral_id, outcome=DecisionOutcome.TREAT, channel=DecisionChannel.TELEPHONE,
        clinical_lead_name="Dr C", discussed_at=NOW, recorded_by=session.user.id,
        recorded_at=NOW))


def test_practitioner_records_only_the_clinical_leads_telephone_decision(database):
    path, _, referral_id = database
    with open_with_password(path, USERNAMES[PRACT], TEST_PASSWORD) as session:
        with pytest.raises(PermissionDenied) as denied:
            _on_device_decision(session, referral_id)
        assert "telephone decision" in denied.value.message
        assert denied.value.refusal == Refusal(Action.RECORD_DECISION, PRACT,
                                               DecisionChannel.ON_DEVICE)
        assert _telephone_decision(session, referral_id).channel == DecisionChannel.TELEPHONE


def test_decision_refusal_names_who_can(database):
    path, _, referral_id = database
    with open_with_password(path, USERNAMES[CDO], TEST_PASSWORD) as session:
        with pytest.raises(PermissionDenied) as denied:
            _telephone_decision(session, referral_id)
    assert denied.value.message == (
        "Only an MHTR practitioner or a Clinical Lead can record a Clinical Lead decision.")
    # The refusal itself is codes; permission_words makes the sentence above from them.
    assert denied.value.refusal == Refusal(Action.RECORD_DECISION, CDO)


def test_every_role_is_named_with_its_article() -> None:
    assert set(ROLE_WITH_ARTICLE) == set(Role)
    assert [ROLE_WITH_ARTICLE[role].split(" ", 1)[1] for role in Role] == [
        ROLE_LABELS[role] for role in Role]


def test_locked_session_refuses_work_until_unlocked(database):
    path, _, referral_id = database
    with open_with_password(path, USERNAMES[PRACT], TEST_PASSWORD) as session:
        session.lock()
        with pytest.raises(SessionLocked):
            session.load_case(referral_id)
        with pytest.raises(WrongPassword):
            session.unlock("not my password")
        session.unlock(TEST_PASSWORD)
        assert session.load_case(referral_id).referral.id == referral_id
