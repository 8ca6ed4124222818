"""Demo cases are built through the app's own operations (issue 11 "Demo data through the
pathway"): every branch appears, and no case holds what the app would refuse."""

from __future__ import annotations

from datetime import date

import pytest

from cstr_desk.domain import Attendance, Stage
from cstr_desk.store import open_with_password
from cstr_desk.store.testing import cheap_kdf, TEST_PASSWORD, make_database
from cstr_desk.workflow.demo_cases import TRAINING_SET, build_demo_cases
from cstr_desk.workflow.demo_commands import ensure_demo_staff, open_demo_staff
from cstr_desk.workflow.pathway import derive_stage
from cstr_desk.ukdates import london_date

TODAY = date(2026, 11, 30)
STAFF_PASSWORD = "demo staff password 1"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with cheap_kdf():
        path = tmp_path_factory.mktemp("demo") / "court.cstr"
        admin, _ = make_database(path)
        with admin:
            ensure_demo_staff(admin, STAFF_PASSWORD)
            staff = open_demo_staff(admin, STAFF_PASSWORD)
            summary = build_demo_cases(staff, len(TRAINING_SET) + 2, seed=5, today=TODAY,
                                       court="Court 1", site="Test site")
            for session in (staff.ld, staff.practitioner, staff.lead, staff.cdo):
                session.close()
        with open_with_password(path, "carl.lead", TEST_PASSWORD) as lead:
            cases = [lead.load_case(c.referral_id) for c in lead.list_cases(today=TODAY, limit=1000)]
    return summary, cases


def test_every_branch_of_the_pathway_has_an_example(demo) -> None:
    summary, cases = demo
    for branch in ("screened, not assessed", "did not consent", "withdrew consent before sentence",
                   "declined", "provider did not accept the ATR", "adjourned", "no CSTR",
                   "missed appointment", "breach", "withdrew consent in treatment", "completed",
                   "3-month follow-up", "6-month follow-up", "12-month follow-up",
                   "MHTR", "DRR", "ATR", "MHTR+ATR", "MHTR+DRR",
                   # Issue 20: the facts that arrive as the day goes on, and after it.
                   "equality asked", "allocated, contact preferences recorded", "leaflet given",
                   "missed appointment followed up", "treatment plan sent to the offender manager"):
        assert summary.branches.get(branch, 0) >= 1, branch
    assert len(cases) == summary.cases
    assert any(p.accepted for c in cases for p in c.provider_acceptances)
    assert any(c.psr_proposal is not None and c.psr_proposal.proposes_cstr for c in cases)
    assert any(c.person.equality.religion == "prefer_not_to_say" for c in cases)
    assert all(c.referral.allocated_practitioner_id for c in cases if c.assessment is not None)
    assert any(c.leaflet is not None and c.leaflet.next_appointment_at == min(s.scheduled_at for s in c.sessions)
               for c in cases if c.sessions)


def test_no_demo_case_holds_what_the_app_would_refuse(demo) -> None:
    _, cases = demo
    for case in cases:
        referral = case.referral
        assert case.referral.stage == derive_stage(case), referral.id
        hearing = referral.hearing_date
        assert london_date(referral.created_at) == hearing
        for given in case.administrations:
            assert given.started_at >= referral.created_at
        if case.assessment is not None:
            assert london_date(case.assessment.completed_at) == hearing
        if case.sentence is not None:
            assert case.sentence.sentenced_on >= hearing
            assert all(london_date(s.scheduled_at) >= case.sentence.sentenced_on for s in case.sessions)
            assert all(london_date(r.issued_at) <= case.sentence.sentenced_on
                       for r in case.reports if r.kind == "psr")
        if case.completion is not None:
            ended = case.completion.ended_on
            assert not [s for s in case.sessions if s.attendance is Attendance.SCHEDULED
                        and london_date(s.scheduled_at) <= ended]
            assert all(f.done_on > ended for f in case.follow_ups)
        assert referral.closed_at is None or case.completion is not None
        assert all(london_date(s.scheduled_at) < TODAY or s.attendance is Attendance.SCHEDULED
                   for s in case.sessions)
    stages = {c.referral.stage for c in cases}
    assert {Stage.SCREENED, Stage.ASSESSED, Stage.SENTENCED, Stage.IN_TREATMENT} <= stages
