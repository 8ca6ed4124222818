"""Each role may do exactly what DOMAIN.md gives it, enforced by the store itself."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from cstr_desk.domain import (
    AdministrationMode, Breach, ClinicalLeadDecision, ConsentRecord, DecisionChannel, DecisionOutcome,
    PractitionerAssessment, ReportIssued, ReportKind, Requirement, Role, SentenceKind,
    SentenceOutcome, SiteSettings, TreatmentSession, User,
)
from cstr_desk.store import (
    PermissionDenied, SessionLocked, WrongPassword, open_with_password, set_kdf_params_for_tests,
)
from cstr_desk.store.testing import (
    FAST_KDF, TEST_PASSWORD, USERNAMES, make_database, sample_person, sample_referral,
)

NOW = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)
ADMIN, LD, PRACT, CL, CDO = (Role.ADMINISTRATOR, Role.LD_WORKER, Role.PRACTITIONER,
                             Role.CLINICAL_LEAD, Role.COURT_DUTY_OFFICER)


@pytest.fixture(autouse=True)
def fast_kdf():
    set_kdf_params_for_tests(FAST_KDF)
    yield
    set_kdf_params_for_tests(None)


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    set_kdf_params_for_tests(FAST_KDF)
    path = tmp_path_factory.mktemp("perm") / "court.cstr"
    make_database(path)[0].close()
    with open_with_password(path, USERNAMES[PRACT], TEST_PASSWORD) as practitioner:
        person = practitioner.add_person(sample_person())
        referral = practitioner.add_referral(sample_referral(person.id))
    return path, person.id, referral.id


OPERATIONS = {
    "add_user": ({ADMIN}, lambda s, p, r: s.add_user(
        User(username=f"new.{s.user.username}", full_name="N", role=LD), TEST_PASSWORD)),
    "update_site_settings": ({ADMIN}, lambda s, p, r: s.update_site_settings(
        SiteSettings(site_name="S", courts=["Court 1"]))),
    "add_person": ({LD, PRACT, CL, CDO}, lambda s, p, r: s.add_person(sample_person("New", "One"))),
    "load_case": ({LD, PRACT, CL, CDO}, lambda s, p, r: s.load_case(r)),
    "search_people": ({LD, PRACT, CL, CDO}, lambda s, p, r: s.search_people("aoi")),
    "start_administration": ({LD, PRACT, CL}, lambda s, p, r: s.start_administration(
        r, "k10", "hash", AdministrationMode.PRACTITIONER)),
    "save_assessment": ({PRACT, CL}, lambda s, p, r: s.save_assessment(
        PractitionerAssessment(referral_id=r))),
    "record_consent": ({PRACT, CL}, lambda s, p, r: s.record_consent(ConsentRecord(
        referral_id=r, consent_version="v1", requirements_assessed_for=[Requirement.MHTR],
        requirements_consented=[Requirement.MHTR], explained_by=s.user.id, easy_read_used=False,
        acknowledgements={"understood": True}, consented_at=NOW))),
    # On the device: a practitioner is refused by the channel rule (tested below).
    "record_decision": ({CL}, lambda s, p, r: s.record_decision(ClinicalLeadDecision(
        referral_id=r, outcome=DecisionOutcome.TREAT, channel=DecisionChannel.ON_DEVICE,
        clinical_lead_name="Dr C", discussed_at=NOW, recorded_by=s.user.id, recorded_at=NOW))),
    "record_report_issued": ({PRACT, CL, CDO}, lambda s, p, r: s.record_report_issued(
        ReportIssued(referral_id=r, kind=ReportKind.PSR, final=True, issued_at=NOW,
                     issued_by=s.user.id))),
    "record_sentence": ({CDO, PRACT}, lambda s, p, r: s.record_sentence(SentenceOutcome(
        referral_id=r, sentenced_on=date(2025, 3, 3), sentence=SentenceKind.COMMUNITY_ORDER,
        recorded_by=s.user.id, recorded_at=NOW))),
    "schedule_sessions": ({PRACT, CL}, lambda s, p, r: s.schedule_sessions(
        [TreatmentSession(referral_id=r, number=1, scheduled_at=NOW)])),
    "record_breach": ({CDO, PRACT, CL}, lambda s, p, r: s.record_breach(Breach(
        referral_id=r, decided_on=date(2025, 6, 1), returned_to_court=True,
        related_to_cstr=True, reason="second unreasonable failure", recorded_by=s.user.id,
        recorded_at=NOW))),
    "monitoring_rows": (set(Role), lambda s, p, r: s.monitoring_rows(date(2025, 3, 1),
                                                                      date(2025, 4, 1))),
    "audit_entries": ({ADMIN}, lambda s, p, r: s.audit_entries()),
    "verify": ({ADMIN}, lambda s, p, r: s.verify()),
    "export_person": ({ADMIN}, lambda s, p, r: s.export_person(p, s.path.with_name(
        f"sar-{s.user.username}.json"))),
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_role_permissions(database, role, operation):
    path, person_id, referral_id = database
    allowed, call = OPERATIONS[operation]
    with open_with_password(path, USERNAMES[role], TEST_PASSWORD) as session:
        if role in allowed:
            call(session, person_id, referral_id)
        else:
            with pytest.raises(PermissionDenied) as denied:
                call(session, person_id, referral_id)
            assert denied.value.message.startswith("Only ")


def _telephone_decision(session, referral_id):
    return session.record_decision(ClinicalLeadDecision(
        referral_id=referral_id, outcome=DecisionOutcome.TREAT, channel=DecisionChannel.TELEPHONE,
        clinical_lead_name="Dr C", discussed_at=NOW, recorded_by=session.user.id,
        recorded_at=NOW))


def test_practitioner_records_only_the_clinical_leads_telephone_decision(database):
    path, _, referral_id = database
    with open_with_password(path, USERNAMES[PRACT], TEST_PASSWORD) as session:
        with pytest.raises(PermissionDenied) as denied:
            OPERATIONS["record_decision"][1](session, None, referral_id)
        assert "telephone decision" in denied.value.message
        assert _telephone_decision(session, referral_id).channel == DecisionChannel.TELEPHONE


def test_decision_refusal_names_who_can(database):
    path, _, referral_id = database
    with open_with_password(path, USERNAMES[CDO], TEST_PASSWORD) as session:
        with pytest.raises(PermissionDenied) as denied:
            _telephone_decision(session, referral_id)
    assert denied.value.message == (
        "Only an MHTR practitioner or a Clinical Lead can record a Clinical Lead decision.")


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
