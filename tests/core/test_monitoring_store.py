"""The store's `monitoring_rows` query agrees, field by field, with the reference definition
`facts_from_case(load_case(id))`, on the store's own demo cases (every pathway stage), and
picks for each month exactly the referrals with a dated fact in it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from cstr_desk.domain import (
    Adjournment,
    Breach,
    CaseRecord,
    ClinicalLeadDecision,
    ConsentRecord,
    DecisionChannel,
    DecisionOutcome,
    GpRegistrationCheck,
    JointMeeting,
    MeetingKind,
    MonitoringFacts,
    OffenceType,
    Person,
    PractitionerAssessment,
    ProviderAcceptance,
    PsrProposal,
    Referral,
    ReferralSource,
    Requirement,
    Role,
    SentenceKind,
    SentenceOutcome,
    SiteSettings,
    TreatmentCompletion,
    TreatmentSession,
    User,
)
from cstr_desk.store import Session, create_database, open_with_password
from cstr_desk.store.demo import create_demo_data
from cstr_desk.workflow.monitoring import facts_from_case, monthly_return
from cstr_desk.workflow.monitoring_export import month_range

CASES = 60


@pytest.fixture
def desk_path(tmp_path, fast_kdf):
    """Demo cases, a Clinical Lead "pat" and a Court Duty Officer "cora" (who records the
    court's decision: cstr_desk/permissions.py)."""
    path = tmp_path / "desk.db"
    admin, _key = create_database(path, User(username="admin", full_name="Ada Admin",
                                             role=Role.ADMINISTRATOR), "admin password 1",
                                  SiteSettings(site_name="Testbed", courts=["Court 1"]))
    create_demo_data(admin, CASES, seed=3)
    admin.add_user(User(username="pat", full_name="Pat Lead", role=Role.CLINICAL_LEAD), "pat pw 12345")
    admin.add_user(User(username="cora", full_name="Cora CDO", role=Role.COURT_DUTY_OFFICER),
                   "cora pw 12345")
    admin.close()
    yield path


@pytest.fixture
def desk(desk_path):
    with open_with_password(desk_path, "pat", "pat pw 12345") as pat:
        yield pat


def test_monitoring_rows_match_full_case_records(desk):
    first, following = month_range(datetime.now(UTC).date())
    rows = sorted(desk.monitoring_rows(first, following), key=lambda r: r.referral_id)
    expected = [facts_from_case(desk.load_case(r.referral_id)) for r in rows]
    assert rows and rows == expected
    assert monthly_return(rows, first) == monthly_return(expected, first)


def dated(fact: MonitoringFacts) -> list[date]:
    """Every date the facts carry (times by their own calendar day), as the store documents."""
    moments = [fact.referred_at, fact.mh_screened_at, fact.sm_screened_at, fact.assessed_at,
               fact.consent_at, fact.withdrawn_at, fact.decided_at, fact.psr_at,
               fact.sentenced_at, fact.first_session_at, *fact.missed_at,
               *(at for _r, _accepted, at in fact.provider_answers)]
    days = [fact.hearing_date, fact.sentenced_on, fact.breach_to_court_on,
            fact.treatment_ended_on, fact.meeting_on, *(on for on, _ in fact.adjournments)]
    return [m.date() for m in moments if m is not None] + [d for d in days if d is not None]


def may_be_active(fact: MonitoringFacts, low: date) -> bool:
    """An order given before the window and not ended before it (active at its end, perhaps)."""
    ended = fact.treatment_ended_on
    return (fact.sentenced_on is not None and fact.sentenced_on < low
            and (ended is None or ended >= low))


def past_records(case: CaseRecord, user_id: int, when: datetime) -> dict[str, object]:
    """One record of each dated kind, dated `when`, for a case that has none of that kind."""
    r, on = case.referral.id, when.date()
    return {
        "assessment": PractitionerAssessment(referral_id=r, completed=True, completed_at=when,
                                             completed_by=user_id),
        "consent": ConsentRecord(referral_id=r, consent_version="test", explained_by=user_id,
                                 requirements_assessed_for=[Requirement.MHTR],
                                 requirements_consented=[Requirement.MHTR], easy_read_used=False,
                                 acknowledgements={}, consented_at=when),
        "decision": ClinicalLeadDecision(referral_id=r, outcome=DecisionOutcome.TREAT,
                                         channel=DecisionChannel.TELEPHONE, clinical_lead_name="Dr Test",
                                         discussed_at=when, recorded_by=user_id, recorded_at=when),
        "psr_proposal": PsrProposal(referral_id=r, proposes_cstr=True, requirements=["mhtr"],
                                    recorded_by=user_id, recorded_at=when),
        "provider_acceptance": ProviderAcceptance(
            referral_id=r, requirements=["drr"], accepted=True, provider_name="Harbour Recovery",
            decided_at=when, recorded_by=user_id, recorded_at=when),
        "sentence": SentenceOutcome(referral_id=r, sentenced_on=on, sentence=SentenceKind.COMMUNITY_ORDER,
                                    length_months=12, requirements=["mhtr"], recorded_by=user_id,
                                    recorded_at=when),
        "session": TreatmentSession(referral_id=r, number=1, scheduled_at=when),
        "breach": Breach(referral_id=r, decided_on=on, returned_to_court=True, related_to_cstr=True,
                         reason="Did not attend", recorded_by=user_id, recorded_at=when),
        "adjournment": Adjournment(referral_id=r, adjourned_on=on, reason="court_led"),
        "completion": TreatmentCompletion(referral_id=r, ended_on=on, completed=True,
                                          recorded_by=user_id, recorded_at=when),
        "meeting": JointMeeting(referral_id=r, kind=MeetingKind.THREE_WAY, held_on=on,
                                attendees=["Offender manager"], person_attended=True,
                                recorded_by=user_id, recorded_at=when),
    }


def write(session: Session, kind: str, record: object) -> None:
    {"assessment": session.save_assessment, "consent": session.record_consent,
     "decision": session.record_decision, "psr_proposal": session.record_psr_proposal,
     "provider_acceptance": session.record_provider_acceptance,
     "completion": session.record_completion, "meeting": session.record_meeting,
     "sentence": session.record_sentence, "session": lambda s: session.schedule_sessions([s]),
     "breach": session.record_breach, "adjournment": session.add_adjournment}[kind](record)


def has(case: CaseRecord, kind: str) -> bool:
    return bool({"assessment": case.assessment, "consent": case.consents, "decision": case.decision,
                 "psr_proposal": case.psr_proposal,
                 "provider_acceptance": case.provider_acceptances,
                 "completion": case.completion, "meeting": case.meetings, "sentence": case.sentence, "session": case.sessions,
                 "breach": case.breaches, "adjournment": case.adjournments}[kind])


def test_each_month_holds_exactly_the_referrals_with_a_dated_fact_in_it(desk_path):
    today = datetime.now(UTC).date()
    desk = open_with_password(desk_path, "pat", "pat pw 12345")
    cases = [desk.load_case(i) for i in range(1, CASES + 1)]
    # Each kind of dated record, written to a case without one, in a month of its own; and a
    # corrected date counts where it now falls (one case's first session moved back).
    placed: dict[int, date] = {}
    for n, kind in enumerate(("assessment", "consent", "decision", "psr_proposal", "sentence",
                              "session", "breach", "adjournment", "provider_acceptance",
                              "completion", "meeting")):
        when = datetime.now(UTC) - timedelta(days=100 + 45 * n)
        case = next(c for c in cases if not has(c, kind) and c.referral.id not in placed)
        if kind in ("sentence", "psr_proposal"):  # the Court Duty Officer's to record
            desk.close()
            with open_with_password(desk_path, "cora", "cora pw 12345") as cora:
                write(cora, kind, past_records(case, cora.user.id, when)[kind])
            desk = open_with_password(desk_path, "pat", "pat pw 12345")
        else:
            write(desk, kind, past_records(case, desk.user.id, when)[kind])
        placed[case.referral.id] = when.date()
    treated = next(c for c in cases if c.sessions and c.referral.id not in placed)
    session = min(treated.sessions, key=lambda s: s.number)
    moved = session.scheduled_at - timedelta(days=500)
    desk.amend("session", session.id, "scheduled_at", moved.isoformat(), "Booked in error")
    placed[treated.referral.id] = moved.date()

    every = [facts_from_case(desk.load_case(i)) for i in range(1, CASES + 1)]
    for month in [today, today - timedelta(days=650), *placed.values()]:
        first, following = month_range(month)
        low, high = first - timedelta(days=1), following + timedelta(days=1)
        expected = [f for f in every if any(low <= day < high for day in dated(f))
                    or may_be_active(f, low)]
        rows = sorted(desk.monitoring_rows(first, following), key=lambda r: r.referral_id)
        assert rows == expected, month
        assert rows and (month == today or len(rows) < CASES), month
    for referral_id, day in placed.items():
        first, following = month_range(day)
        assert referral_id in {r.referral_id for r in desk.monitoring_rows(first, following)}
    desk.close()


def test_a_gp_registration_by_cstr_is_read_in_bulk_as_the_case_record_gives_it(desk) -> None:
    """Not registered when assessed, registered at the second check: the bulk read and the
    reference definition agree on the day, and only the registering check counts."""
    person = desk.add_person(Person(given_name="Gwen", family_name="Probert",
                                    date_of_birth=date(1988, 2, 2)))
    referral = desk.add_referral(Referral(
        person_id=person.id, site="Testbed", court="Court 1", hearing_date=date(2026, 3, 10),
        referral_source=ReferralSource.PROBATION, offence_type=OffenceType.THEFT))
    desk.save_assessment(PractitionerAssessment(
        referral_id=referral.id, gp_registered=False, completed=True,
        completed_at=datetime(2026, 3, 10, 10, tzinfo=UTC), completed_by=desk.user.id))
    for on, registered in ((date(2026, 3, 12), False), (date(2026, 4, 2), True)):
        desk.record_gp_check(GpRegistrationCheck(
            referral_id=referral.id, checked_on=on, registered=registered,
            practice="Riverside Surgery" if registered else "", recorded_by=desk.user.id,
            recorded_at=datetime(on.year, on.month, on.day, 12, tzinfo=UTC)))
    expected = facts_from_case(desk.load_case(referral.id))
    assert expected.registered_through_cstr_on == date(2026, 4, 2)
    april = [f for f in desk.monitoring_rows(*month_range(date(2026, 4, 1)))
             if f.referral_id == referral.id]
    assert april == [expected]
    april_return = monthly_return(desk.monitoring_rows(*month_range(date(2026, 4, 1))),
                                  date(2026, 4, 1))
    assert april_return.line("All CSTRs/gp_through_cstr").count == 1
