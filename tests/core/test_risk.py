"""Risk after assessment and continuity (issue 20 items 6 and 7): a risk note on a session when
the risk changes, safeguarding referrals (MASH, MAPPA: date, to whom, reference), session notes,
the allocated practitioner and the caseload."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from cstr_desk.domain import AuditAction, Role, SafeguardingAgency, SafeguardingReferral
from cstr_desk.store import open_with_password
from cstr_desk.ukdates import LONDON
from cstr_desk.workflow import continuity, risk
from cstr_desk.workflow import treatment_operations as treatment
from cstr_desk.workflow.errors import ActionRefused
from test_duties import _sentenced_case
from test_operations import PASSWORD, db, signed_in  # noqa: F401 (fixtures)
from test_pathway_cases import TODAY


def _referral(referral_id: int, **changes: object) -> SafeguardingReferral:
    fields = dict(referral_id=referral_id, made_on=TODAY, agency=SafeguardingAgency.MASH,
                  made_to="Northtown MASH duty desk", reference="MASH/24/0612",
                  concern="Child in the household", recorded_by=0, recorded_at=datetime.now(LONDON))
    return SafeguardingReferral(**{**fields, **changes})


def test_a_risk_change_at_a_session_needs_a_note_and_shows_in_the_history(db: Path) -> None:
    referral_id = _sentenced_case(db)
    with signed_in(db, Role.PRACTITIONER) as s:
        booked = treatment.schedule_sessions(s, referral_id, datetime(2024, 6, 19, 10, tzinfo=LONDON), today=TODAY)
        first, second = booked.record[0].id, booked.record[1].id
        with pytest.raises(ActionRefused, match="Say how the risk has changed"):
            risk.record_session_notes(s, referral_id, first, "Talked about sleep", True, " ")
        risk.record_session_notes(s, referral_id, first, "Talked about sleep", False)
        changed = risk.record_session_notes(s, referral_id, second, "Low mood", True,
                                            "New thoughts of self-harm; crisis plan reviewed, GP told")
    [noted] = risk.risk_history(changed.case)
    assert (noted.number, noted.risk_note) == (2, "New thoughts of self-harm; crisis plan reviewed, GP told")
    assert changed.case.sessions[0].notes == "Talked about sleep"
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s, pytest.raises(ActionRefused):
        risk.record_session_notes(s, referral_id, first, "x", False)


def test_safeguarding_referrals_are_checked_recorded_audited_and_amendable(db: Path) -> None:
    referral_id = _sentenced_case(db)
    with signed_in(db, Role.PRACTITIONER) as s:
        with pytest.raises(ActionRefused, match="Say who the referral was made to"):
            risk.record_safeguarding_referral(s, _referral(referral_id, made_to=""), TODAY)
        with pytest.raises(ActionRefused, match="which agency"):
            risk.record_safeguarding_referral(s, _referral(referral_id, agency=SafeguardingAgency.OTHER), TODAY)
        made = risk.record_safeguarding_referral(s, _referral(referral_id, agency=SafeguardingAgency.MAPPA), TODAY)
        s.amend("safeguarding", made.record.id, "reference", "MAPPA-2024-77", "Reference came by email")
        case = s.load_case(referral_id)
    [held] = case.safeguarding_referrals
    assert (held.agency, held.reference, held.recorded_by) == (SafeguardingAgency.MAPPA, "MAPPA-2024-77", made.record.recorded_by)
    assert held.recorded_by != 0
    with open_with_password(db, "admin", PASSWORD) as admin:
        kinds = [(e.action, e.record_type) for e in admin.audit_entries()]
    assert (AuditAction.CREATE, "safeguarding") in kinds and (AuditAction.AMEND, "safeguarding") in kinds


def test_the_allocated_practitioner_and_the_caseload(db: Path) -> None:
    referral_id = _sentenced_case(db)
    with signed_in(db, Role.PRACTITIONER) as s:
        me = s.user.id
        changed = continuity.allocate_practitioner(s, referral_id, me, TODAY)
        assert changed.case.referral.allocated_practitioner_id == me
        assert [c.referral_id for c in s.caseload(me)] == [referral_id]
        with pytest.raises(ActionRefused, match="already allocated"):
            continuity.allocate_practitioner(s, referral_id, me, TODAY)
        with pytest.raises(ActionRefused, match="only a Clinical Lead can"):
            continuity.allocate_practitioner(s, referral_id, 1, TODAY)  # someone else
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s, pytest.raises(ActionRefused):
        continuity.allocate_practitioner(s, referral_id, me, TODAY)
