"""Operations against a real encrypted store: pathway checks, one transaction, stage updates."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cstr_desk.domain import (
    Adjournment,
    AdministrationMode,
    DecisionChannel,
    DecisionOutcome,
    ReportKind,
    Role,
    Stage,
    User,
)
from cstr_desk.store import (
    PermissionDenied,
    Session,
    create_database,
    open_with_password,
)
from cstr_desk.workflow import operations
from cstr_desk.workflow.errors import ActionRefused
from test_pathway_cases import (
    SETTINGS,
    TODAY,
    USERS,
    complete_assessment,
    consent,
    decision,
    new_case,
    sentence,
    zero_answers,
)

PASSWORD = "correct horse battery staple"


pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def db(tmp_path: Path, fast_kdf: None) -> Path:
    path = tmp_path / "cases.cstr"
    admin = User(username="admin", full_name="Ada Admin", role=Role.ADMINISTRATOR)
    session, _ = create_database(path, admin, PASSWORD, SETTINGS)
    for role in Role:
        if role != Role.ADMINISTRATOR:
            u = USERS[role]
            session.add_user(User(username=u.username, full_name=u.full_name, role=role), PASSWORD)
    session.close()
    return path


@contextmanager
def signed_in(db: Path, role: Role) -> Iterator[Session]:
    session = open_with_password(db, USERS[role].username, PASSWORD)
    try:
        yield session
    finally:
        session.close()


def _register(db: Path) -> int:
    case = new_case(id=None)
    person = case.person.model_copy(update={"id": None})
    with signed_in(db, Role.LD_WORKER) as s:
        changed = operations.register_referral(s, person, case.referral, TODAY)
    assert changed.stage == Stage.REFERRED and changed.case.person.id is not None
    return changed.record.id


def _administer(s: Session, referral_id: int, instrument_id: str, values: dict[int, int | None]) -> None:
    started = operations.start_administration(s, referral_id, instrument_id, AdministrationMode.PRACTITIONER, TODAY)
    for position, (number, value) in enumerate(values.items()):
        s.record_answer(started.record.id, str(number), value, position + 1)
    operations.complete_administration(s, started.record.id, TODAY)


def _assessed(db: Path) -> int:
    referral_id = _register(db)
    with signed_in(db, Role.LD_WORKER) as s:
        _administer(s, referral_id, "k10", {n: 2 for n in range(1, 11)})
        assert s.load_case(referral_id).referral.stage == Stage.SCREENED
    with signed_in(db, Role.PRACTITIONER) as s:
        for instrument_id in ("core34", "phq9", "gad7"):
            _administer(s, referral_id, instrument_id, zero_answers(instrument_id))
        assessment = complete_assessment(id=None, referral_id=referral_id, completed_at=None, completed_by=None)
        changed = operations.save_assessment(s, assessment, TODAY)
    assert changed.stage == Stage.ASSESSED and changed.stage_changed
    return referral_id


def _consented(db: Path) -> int:
    referral_id = _assessed(db)
    with signed_in(db, Role.PRACTITIONER) as s:
        given = consent(id=None).model_copy(update={"referral_id": referral_id, "explained_by": s.user.id})
        changed = operations.record_consent(s, given, TODAY)
    assert changed.stage == Stage.CONSENTED
    return referral_id


def _cl_decision(s: Session, referral_id: int, outcome: DecisionOutcome = DecisionOutcome.TREAT):
    made = decision(outcome, DecisionChannel.ON_DEVICE, id=None, referral_id=referral_id,
                    clinical_lead_name=s.user.full_name, recorded_by=s.user.id)
    return operations.record_decision(s, made, TODAY)


def test_the_day_in_court_from_referral_to_sentence(db: Path) -> None:
    referral_id = _consented(db)
    with signed_in(db, Role.CLINICAL_LEAD) as s:
        assert _cl_decision(s, referral_id).stage == Stage.CLINICAL_LEAD_DECISION
        assert operations.issue_report(s, referral_id, ReportKind.PSR, True, TODAY).stage == Stage.REPORT_ISSUED
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s:
        printed = operations.issue_report(s, referral_id, ReportKind.PSR, True, TODAY)
        assert printed.record.issued_by == s.user.id
        outcome = sentence(id=None, referral_id=referral_id, recorded_by=s.user.id)
        changed = operations.record_sentence(s, outcome, TODAY)
        assert changed.stage == Stage.SENTENCED
        assert s.list_cases(today=TODAY)[0].stage == Stage.SENTENCED


def test_a_refused_action_writes_nothing(db: Path) -> None:
    referral_id = _assessed(db)
    with signed_in(db, Role.CLINICAL_LEAD) as s:
        with pytest.raises(ActionRefused, match="No consent has been recorded"):
            _cl_decision(s, referral_id)
        case = s.load_case(referral_id)
    assert case.decision is None and case.referral.stage == Stage.ASSESSED


def test_the_pathway_refuses_by_role_before_the_store_does(db: Path) -> None:
    referral_id = _consented(db)
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s:
        with pytest.raises(ActionRefused, match="^A Court Duty Officer cannot record a Clinical Lead decision"):
            _cl_decision(s, referral_id)


def test_the_store_still_checks_roles_itself(db: Path) -> None:
    referral_id = _register(db)
    with signed_in(db, Role.LD_WORKER) as s, pytest.raises(PermissionDenied):
        s.record_decision(decision(id=None, referral_id=referral_id, recorded_by=s.user.id))


def test_an_incomplete_assessment_cannot_be_marked_complete(db: Path) -> None:
    referral_id = _register(db)
    with signed_in(db, Role.PRACTITIONER) as s:
        incomplete = complete_assessment(id=None, referral_id=referral_id, topics={}, completed_at=None)
        with pytest.raises(ActionRefused) as refused:
            operations.save_assessment(s, incomplete, TODAY)
        assert "Complete the CORE-OM" in str(refused.value)
        assert any("Social circumstances" in r for r in refused.value.reasons)
        draft = incomplete.model_copy(update={"completed": False})
        assert operations.save_assessment(s, draft, TODAY).stage == Stage.REFERRED


def test_a_consent_entry_is_checked(db: Path) -> None:
    referral_id = _assessed(db)
    with signed_in(db, Role.PRACTITIONER) as s:
        unsigned = consent(id=None).model_copy(update={"referral_id": referral_id, "signature_svg": None})
        with pytest.raises(ActionRefused, match="witness to verbal consent"):
            operations.record_consent(s, unsigned, TODAY)
        assert s.load_case(referral_id).consents == []


def test_withdrawing_consent_takes_the_case_back(db: Path) -> None:
    referral_id = _consented(db)
    with signed_in(db, Role.PRACTITIONER) as s:
        with pytest.raises(ActionRefused, match="Give the reason"):
            operations.withdraw_consent(s, referral_id, datetime(2024, 6, 12, 15, tzinfo=UTC), " ", TODAY)
        changed = operations.withdraw_consent(s, referral_id, datetime(2024, 6, 12, 15, tzinfo=UTC), "Changed mind", TODAY)
    assert changed.stage == Stage.ASSESSED and changed.stage_changed
    assert changed.record.withdrawn_at is not None


def test_a_declined_case_gets_a_final_report(db: Path) -> None:
    # Manual §4.4: the decision to treat or decline, with reasons, goes to probation for the PSR.
    referral_id = _consented(db)
    with signed_in(db, Role.CLINICAL_LEAD) as s:
        _cl_decision(s, referral_id, DecisionOutcome.DECLINE)
        assert operations.issue_report(s, referral_id, ReportKind.PSR, True, TODAY).stage == Stage.REPORT_ISSUED


def test_an_adjournment_needs_a_reason_and_is_recorded(db: Path) -> None:
    referral_id = _register(db)
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s:
        with pytest.raises(ActionRefused):
            operations.record_adjournment(s, Adjournment(referral_id=referral_id, adjourned_on=TODAY, reason=""), TODAY)
        operations.record_adjournment(s, Adjournment(referral_id=referral_id, adjourned_on=TODAY, reason="Interpreter"), TODAY)
        assert [a.reason for a in s.load_case(referral_id).adjournments] == ["Interpreter"]


def test_registering_needs_the_source_detail(db: Path) -> None:
    case = new_case(id=None, referral_source="other")
    with signed_in(db, Role.LD_WORKER) as s:
        with pytest.raises(ActionRefused, match="source is 'other'"):
            operations.register_referral(s, case.person.model_copy(update={"id": None}), case.referral, TODAY)
        assert s.list_cases(today=TODAY) == []


def test_closing_a_case(db: Path) -> None:
    referral_id = _register(db)
    with signed_in(db, Role.PRACTITIONER) as s:
        changed = operations.close_case(s, referral_id, "Not eligible: lives outside the area", TODAY)
    assert changed.stage == Stage.CLOSED
