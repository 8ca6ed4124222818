"""DRR and ATR through the order, against a real encrypted store: the treatment start and its
deadline list, drug tests (a missed test is not a negative), the three-way meeting, review
hearings, the court review's contributions and probation's sign-off, the final sentence review."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from cstr_desk.domain import (
    ConsentRecord, CourtReview, DrugTest, DrugTestMethod, DrugTestResult, DrugTestSchedule,
    JointMeeting, MeetingKind, OffenceType, Person, Plea, Referral, ReferralSource, Requirement,
    ReviewHearing, Role, SentenceKind, SentenceOutcome, SentenceRequirement, SiteSettings,
    Substance, SubstanceResult, TreatmentStart, User,
)
from cstr_desk.store import (
    PermissionDenied, RecordFinalised, create_database, open_with_password,
)
from cstr_desk.workflow import operations
from cstr_desk.workflow import order_operations as ops
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.reports.order_facts import drug_test_tally
from cstr_desk.workflow.order_rules import report_due_before
from cstr_desk.workflow.start_standards import (
    REQUIREMENTS_WITH_STANDARDS, StartState, case_start_checks, open_start_deadlines,
)

ORDER_DAY = date(2026, 4, 2)  # the Thursday before Easter: due Wednesday 08/04
NOW = datetime(2026, 4, 2, 15, tzinfo=UTC)
DRR = SentenceRequirement.DRR


@pytest.fixture
def desk(tmp_path, fast_kdf):
    path = tmp_path / "desk.db"
    admin, _key = create_database(path, User(username="admin", full_name="Ada Admin",
                                             role=Role.ADMINISTRATOR), "admin password 1",
                                  SiteSettings(site_name="Testbed", courts=["Testbed MC"]))
    admin.add_user(User(username="pat", full_name="Pat Provider", role=Role.PRACTITIONER), "pat pw 12345")
    admin.add_user(User(username="cdo", full_name="Cal Officer", role=Role.COURT_DUTY_OFFICER), "cdo pw 12345")
    admin.close()
    with open_with_password(path, "pat", "pat pw 12345") as pat:
        person = pat.add_person(Person(given_name="Rowan", family_name="Example",
                                       date_of_birth=date(1990, 1, 1)))
        referral = pat.add_referral(Referral(
            person_id=person.id, site="Testbed", court="Testbed MC", hearing_date=ORDER_DAY,
            referral_source=ReferralSource.PROBATION, offence_type=OffenceType.THEFT, plea=Plea.GUILTY))
        pat.record_consent(ConsentRecord(
            referral_id=referral.id, consent_version="2026.1", requirements_assessed_for=[Requirement.DRR],
            requirements_consented=[Requirement.DRR], explained_by=pat.user.id,
            easy_read_used=False, acknowledgements={}, consented_at=datetime(2026, 4, 2, 10, tzinfo=UTC)))
    with open_with_password(path, "cdo", "cdo pw 12345") as cdo:
        operations.record_sentence(cdo, SentenceOutcome(
            referral_id=referral.id, sentenced_on=ORDER_DAY, sentence=SentenceKind.COMMUNITY_ORDER,
            length_months=12, requirements=[DRR], recorded_by=cdo.user.id, recorded_at=NOW,
            sentenced_at=NOW), ORDER_DAY)
    yield path, referral.id


def provider(path):
    return open_with_password(path, "pat", "pat pw 12345")


def probation(path):
    return open_with_password(path, "cdo", "cdo pw 12345")


def test_drr_start_deadline_listed_until_the_start_is_recorded(desk):
    path, referral_id = desk
    with provider(path) as pat:
        rows = pat.orders_with_start_standards(REQUIREMENTS_WITH_STANDARDS)
        [deadline] = open_start_deadlines(rows, today=date(2026, 4, 7))
        assert deadline.referral_id == referral_id and deadline.check.due_on == date(2026, 4, 8)
        with pytest.raises(ActionRefused, match="cannot be in the future"):
            ops.record_treatment_start(pat, TreatmentStart(
                referral_id=referral_id, requirement=DRR, started_on=date(2026, 4, 9),
                recorded_by=pat.user.id, recorded_at=NOW), today=date(2026, 4, 7))
        ops.record_treatment_start(pat, TreatmentStart(
            referral_id=referral_id, requirement=DRR, started_on=date(2026, 4, 7),
            provider="Testbed Drug Service", recorded_by=pat.user.id, recorded_at=NOW),
            today=date(2026, 4, 7))
        assert open_start_deadlines(pat.orders_with_start_standards(REQUIREMENTS_WITH_STANDARDS),
                                    today=date(2026, 4, 7)) == []
        [check] = case_start_checks(pat.load_case(referral_id), date(2026, 4, 20))
        assert check.state is StartState.MET


def test_an_atr_start_on_a_drr_order_is_refused(desk):
    path, referral_id = desk
    with provider(path) as pat, pytest.raises(ActionRefused, match="no ATR"):
        ops.record_treatment_start(pat, TreatmentStart(
            referral_id=referral_id, requirement=SentenceRequirement.ATR, started_on=ORDER_DAY,
            recorded_by=pat.user.id, recorded_at=NOW), today=ORDER_DAY)


def test_a_missed_test_is_recorded_as_missed_and_never_as_negative(desk):
    path, referral_id = desk
    with provider(path) as pat:
        ops.record_test_schedule(pat, DrugTestSchedule(
            referral_id=referral_id, tests_per_week=1, regular=[Substance.OPIATES, Substance.COCAINE],
            intermittent=[Substance.BENZODIAZEPINES], agreed_on=ORDER_DAY, recorded_by=pat.user.id,
            recorded_at=NOW))
        ops.record_drug_test(pat, DrugTest(
            referral_id=referral_id, tested_on=date(2026, 4, 8), method=DrugTestMethod.ORAL_FLUID,
            results=[SubstanceResult(substance=Substance.OPIATES, result=DrugTestResult.POSITIVE),
                     SubstanceResult(substance=Substance.COCAINE, result=DrugTestResult.NEGATIVE)],
            recorded_by=pat.user.id, recorded_at=NOW), today=date(2026, 4, 20))
        with pytest.raises(ActionRefused, match="missed test is not a negative"):
            ops.record_drug_test(pat, DrugTest(
                referral_id=referral_id, tested_on=date(2026, 4, 15), missed=True,
                recorded_by=pat.user.id, recorded_at=NOW), today=date(2026, 4, 20))
        with pytest.raises(ActionRefused, match="missed test has no results"):
            ops.record_drug_test(pat, DrugTest(
                referral_id=referral_id, tested_on=date(2026, 4, 15), missed=True,
                missed_reason="Did not attend",
                results=[SubstanceResult(substance=Substance.OPIATES, result=DrugTestResult.NEGATIVE)],
                recorded_by=pat.user.id, recorded_at=NOW), today=date(2026, 4, 20))
        ops.record_drug_test(pat, DrugTest(
            referral_id=referral_id, tested_on=date(2026, 4, 15), missed=True,
            missed_reason="Did not attend", recorded_by=pat.user.id, recorded_at=NOW),
            today=date(2026, 4, 20))
        case = pat.load_case(referral_id)
    tally = drug_test_tally(case, ORDER_DAY, date(2026, 4, 29))
    assert (tally.taken, tally.missed, tally.expected) == (1, 1, 4)
    assert tally.positive == {Substance.OPIATES: 1}
    assert tally.behind_schedule == 2
    assert case.drug_tests[1].results == []


def test_probation_cannot_record_drug_tests(desk):
    path, referral_id = desk
    with probation(path) as cdo, pytest.raises(PermissionDenied):
        ops.record_drug_test(cdo, DrugTest(
            referral_id=referral_id, tested_on=date(2026, 4, 8), missed=True, missed_reason="x",
            recorded_by=cdo.user.id, recorded_at=NOW), today=date(2026, 4, 20))


def test_one_three_way_meeting_then_joint_reviews(desk):
    path, referral_id = desk
    meeting = dict(referral_id=referral_id, held_on=date(2026, 4, 7),
                   attendees=["Cal Officer (offender manager)", "Pat Provider (drug service)"],
                   person_attended=True, goals="Stable on script; reduce use", sequencing="DRR first",
                   recorded_by=1, recorded_at=NOW)
    with probation(path) as cdo:
        ops.record_meeting(cdo, JointMeeting(kind=MeetingKind.THREE_WAY, **meeting), today=date(2026, 4, 7))
        with pytest.raises(ActionRefused, match="already recorded"):
            ops.record_meeting(cdo, JointMeeting(kind=MeetingKind.THREE_WAY, **meeting), today=date(2026, 4, 7))
        ops.record_meeting(cdo, JointMeeting(kind=MeetingKind.JOINT_REVIEW, **meeting), today=date(2026, 4, 7))
        assert [m.kind for m in cdo.load_case(referral_id).meetings] == [
            MeetingKind.THREE_WAY, MeetingKind.JOINT_REVIEW]


def test_court_review_is_signed_off_by_probation_only_and_then_final(desk):
    path, referral_id = desk
    with probation(path) as cdo:
        hearing = ops.schedule_review_hearing(cdo, ReviewHearing(
            referral_id=referral_id, hearing_on=date(2026, 5, 5), court="Testbed MC",
            report_due_on=report_due_before(date(2026, 5, 5)), recorded_by=cdo.user.id,
            recorded_at=NOW)).record
        assert hearing.report_due_on == date(2026, 4, 30)  # Monday 04/05 is a bank holiday
    with provider(path) as pat:
        draft = ops.save_court_review(pat, CourtReview(
            referral_id=referral_id, period_from=ORDER_DAY, period_to=date(2026, 4, 30),
            hearing_id=hearing.id, engagement="Attends weekly", progress="Reducing use",
            provider_name="Testbed Drug Service", provider_contribution="Engaged well",
            recorded_by=pat.user.id, recorded_at=NOW)).record
        with pytest.raises(PermissionDenied):
            ops.sign_off_court_review(pat, referral_id, draft.id)
    with probation(path) as cdo:
        with pytest.raises(ActionRefused, match="Probation's contribution"):
            ops.sign_off_court_review(cdo, referral_id, draft.id)
        draft = ops.save_court_review(cdo, draft.model_copy(update={
            "probation_contribution": "Complying", "discussed_with_person": False})).record
        with pytest.raises(ActionRefused, match="Why it was not discussed"):
            ops.sign_off_court_review(cdo, referral_id, draft.id)
        ops.save_court_review(cdo, draft.model_copy(update={"not_discussed_reason": "In hospital"}))
        signed = ops.sign_off_court_review(cdo, referral_id, draft.id).record
        assert signed.signed_off_by == cdo.user.id
        with pytest.raises(RecordFinalised):
            cdo.save_court_review(signed.model_copy(update={"progress": "changed"}))


def _phq9(session, referral_id: int) -> None:
    import forms
    from cstr_desk.domain import AdministrationMode

    given = session.start_administration(referral_id, "phq9", forms.form_hash("phq9"),
                                         AdministrationMode.PRACTITIONER)
    for number in range(1, 10):
        session.record_answer(given.id, str(number), 1, number)
    session.complete_administration(given.id)


def test_final_review_needs_completion_and_the_tool_again_then_each_provider_signs(desk):
    from cstr_desk.domain import FinalSentenceReview, TreatmentCompletion
    from cstr_desk.workflow import treatment_operations

    path, referral_id = desk
    review = FinalSentenceReview(
        referral_id=referral_id, reviewed_on=date(2026, 9, 1), instruments=["phq9"],
        person_took_part=True, provider_took_part=True, ongoing_needs_plan="Stays with the service",
        onward_referral_to="Recovery community", recorded_by=1, recorded_at=NOW)
    with provider(path) as pat:
        _phq9(pat, referral_id)
    with probation(path) as cdo:
        with pytest.raises(ActionRefused) as refused:
            ops.record_final_review(cdo, review, today=date(2026, 9, 1))
        assert "Record the end of treatment first" in str(refused.value)
        assert "Re-administer PHQ9" in str(refused.value)
    with provider(path) as pat:
        _phq9(pat, referral_id)
        treatment_operations.complete_treatment(pat, TreatmentCompletion(
            referral_id=referral_id, ended_on=date(2026, 9, 1), completed=True,
            recorded_by=pat.user.id, recorded_at=NOW), today=date(2026, 9, 1))
    with probation(path) as cdo:
        with pytest.raises(ActionRefused, match="referred on to"):
            ops.record_final_review(cdo, review.model_copy(update={"onward_referral_to": " "}),
                                    today=date(2026, 9, 1))
        ops.record_final_review(cdo, review, today=date(2026, 9, 1))
    with provider(path) as pat:
        with pytest.raises(ActionRefused, match="no ATR provider"):
            ops.sign_final_review(pat, referral_id, SentenceRequirement.ATR, "Alcohol Service")
        ops.sign_final_review(pat, referral_id, DRR, "Testbed Drug Service")
        with pytest.raises(ActionRefused, match="no DRR provider still to sign"):
            ops.sign_final_review(pat, referral_id, DRR, "Testbed Drug Service")
        [signed] = pat.load_case(referral_id).final_review.sign_offs
        assert (signed.requirement, signed.provider, signed.signed_by) == (DRR, "Testbed Drug Service", pat.user.id)


@pytest.mark.parametrize(("started_on", "today", "key"), [
    (date(2026, 4, 8), date(2026, 5, 1), "start_met:drr"),      # the last day of the standard
    (date(2026, 4, 9), date(2026, 5, 1), "start_missed:drr"),   # a day late
    (None, date(2026, 5, 1), "start_missed:drr"),               # never started
    (None, date(2026, 4, 7), "start_not_due:drr"),              # the return made before it was due
])
def test_the_monthly_return_counts_the_start_standard(desk, started_on, today, key):
    from cstr_desk.workflow.monitoring import facts_from_case, monthly_return

    path, referral_id = desk
    with provider(path) as pat:
        if started_on is not None:
            ops.record_treatment_start(pat, TreatmentStart(
                referral_id=referral_id, requirement=DRR, started_on=started_on,
                recorded_by=pat.user.id, recorded_at=NOW), today=started_on)
        stored = pat.monitoring_rows(date(2026, 4, 1), date(2026, 5, 1))
        reference = facts_from_case(pat.load_case(referral_id))
    assert stored == [reference]  # the store's bulk query agrees with the reference definition
    counted = monthly_return(stored, date(2026, 4, 1), today=today)
    for sheet in ("All CSTRs", "DRR"):
        for other in ("start_met:drr", "start_missed:drr", "start_not_due:drr"):
            assert counted.count(f"{sheet}/{other}") == (other == key)
    with pytest.raises(KeyError):
        counted.count("DRR/start_met:atr")  # the DRR sheet shows the DRR's standard only
    assert counted.count("ATR/start_met:atr") == 0


def test_a_reported_start_puts_the_order_in_treatment(desk):
    from cstr_desk.domain import Stage

    path, referral_id = desk
    with provider(path) as pat:
        assert pat.load_case(referral_id).referral.stage is Stage.SENTENCED
        changed = ops.record_treatment_start(pat, TreatmentStart(
            referral_id=referral_id, requirement=DRR, started_on=date(2026, 4, 7),
            recorded_by=pat.user.id, recorded_at=NOW), today=date(2026, 4, 7))
        assert changed.stage is Stage.IN_TREATMENT and changed.stage_changed
