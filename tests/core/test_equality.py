"""Equality monitoring entry (issue 20 item 3): every question optional with "prefers not to
say", answers recorded as amendments with audit entries, and counted in the monthly return."""

from __future__ import annotations

from pathlib import Path

import pytest

from cstr_desk.domain import PREFER_NOT_TO_SAY, AuditAction, EqualityMonitoring, Role, equality_options
from cstr_desk.store import open_with_password
from cstr_desk.workflow import equality
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.monitoring import EQUALITY_FIELDS
from test_court_facts import _registered_in_the_cells
from test_operations import PASSWORD, db, signed_in  # noqa: F401 (fixtures)
from test_pathway_cases import TODAY


def test_every_question_offers_prefers_not_to_say_and_is_counted_in_the_return() -> None:
    for field in EqualityMonitoring.model_fields:
        assert equality_options(field)[-1] == PREFER_NOT_TO_SAY
        assert field in EQUALITY_FIELDS


def test_answers_are_recorded_changed_and_audited(db: Path) -> None:
    referral_id = _registered_in_the_cells(db)
    with signed_in(db, Role.PRACTITIONER) as s:
        changed = equality.record_equality(s, referral_id, {
            "gender": "female", "religion": PREFER_NOT_TO_SAY, "sexual_orientation": None}, today=TODAY)
        assert [a.field for a in changed.record] == ["equality.gender", "equality.religion"]
        assert changed.case.person.equality.religion == PREFER_NOT_TO_SAY
        again = equality.record_equality(s, referral_id, {"gender": PREFER_NOT_TO_SAY}, today=TODAY)
        history = [(a.field, a.old_value, a.new_value) for a in again.case.amendments if a.record_type == "person"]
        assert history[-1] == ("equality.gender", "female", PREFER_NOT_TO_SAY)
        assert s.get_person(again.case.person.id).equality.gender == PREFER_NOT_TO_SAY
    with open_with_password(db, "admin", PASSWORD) as admin:
        details = [e.detail for e in admin.audit_entries() if e.action == AuditAction.AMEND]
    assert details.count("equality answer recorded: gender") == 2


def test_an_answer_outside_the_vocabulary_is_refused_and_nothing_is_saved(db: Path) -> None:
    referral_id = _registered_in_the_cells(db)
    with signed_in(db, Role.LD_WORKER) as s:
        with pytest.raises(ActionRefused, match="not one of the answers to the gender question"):
            equality.record_equality(s, referral_id, {"ethnicity": "white_irish", "gender": "Female"}, today=TODAY)
        assert s.load_case(referral_id).person.equality.ethnicity is None
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s, pytest.raises(ActionRefused, match="cannot record equality"):
        equality.record_equality(s, referral_id, {"gender": "male"}, today=TODAY)


def test_the_questions_are_offered_once_the_assessment_is_under_way_and_never_block(db: Path) -> None:
    from test_court_facts import _assessed_consented_approved

    referral_id = _registered_in_the_cells(db)
    with signed_in(db, Role.PRACTITIONER) as s:
        screened = s.load_case(referral_id)
    assert not equality.offer_equality(screened)  # screened in the cells: not the moment yet
    _assessed_consented_approved(db, referral_id)  # the whole pathway, no answer given
    with signed_in(db, Role.PRACTITIONER) as s:
        case = s.load_case(referral_id)
        assert case.decision is not None and equality.offer_equality(case)
        equality.record_equality(s, referral_id, {"gender": "male"}, today=TODAY)
        rest = equality.prefers_not_to_say_to_the_rest(s.load_case(referral_id).person.equality)
        assert "gender" not in rest and set(rest.values()) == {PREFER_NOT_TO_SAY} and len(rest) == 11
        done = equality.record_equality(s, referral_id, rest, today=TODAY)
    assert not equality.offer_equality(done.case) and done.case.person.equality.gender == "male"
