"""Facts that arrive as the court day goes on (issue 20 items 1 and 2): a case screened in the
cells before plea goes through plea, sentence and its first treatment session without being
registered again; the order details and the PSR's proposal are recorded when known, as
amendments with their audit entries, and the eligibility warnings that need them fire."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cstr_desk.domain import (
    Attendance, AuditAction, CommunityOrderLevel, DecisionOutcome, OrderType, Plea, ReportKind,
    Requirement, Role, Stage,
)
from cstr_desk.store import InvalidRecord, PermissionDenied, open_with_password
from cstr_desk.ukdates import LONDON
from cstr_desk.workflow import court_facts, eligibility, operations
from cstr_desk.workflow import treatment_operations as treatment
from cstr_desk.workflow.errors import ActionRefused
from test_operations import PASSWORD, _administer, _cl_decision, db, signed_in  # noqa: F401 (fixtures)
from test_pathway_cases import (
    SETTINGS, TODAY, complete_assessment, consent, new_case, sentence, zero_answers,
)


def _registered_in_the_cells(db: Path) -> int:
    """L&D registers before plea: the plea and the order details are not known yet."""
    case = new_case(id=None, plea=Plea.NOT_YET_TAKEN, imprisonable_offence=None,
                    community_order_level=None, proposed_order_type=None)
    person = case.person.model_copy(update={"id": None})
    with signed_in(db, Role.LD_WORKER) as s:
        referral_id = operations.register_referral(s, person, case.referral, TODAY).record.id
        _administer(s, referral_id, "k10", {n: 3 for n in range(1, 11)})
    return referral_id


def _assessed_consented_approved(db: Path, referral_id: int) -> None:
    with signed_in(db, Role.PRACTITIONER) as s:
        for instrument_id in ("core34", "phq9", "gad7"):
            _administer(s, referral_id, instrument_id, zero_answers(instrument_id))
        operations.save_assessment(s, complete_assessment(
            id=None, referral_id=referral_id, completed_at=None, completed_by=None), TODAY)
        operations.record_consent(s, consent(id=None).model_copy(update={
            "referral_id": referral_id, "explained_by": s.user.id}), TODAY)
    with signed_in(db, Role.CLINICAL_LEAD) as s:
        _cl_decision(s, referral_id, DecisionOutcome.TREAT)
        operations.issue_report(s, referral_id, ReportKind.PSR, True, TODAY)


def test_a_case_screened_before_plea_goes_through_plea_sentence_and_first_session(db: Path) -> None:
    referral_id = _registered_in_the_cells(db)
    _assessed_consented_approved(db, referral_id)
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s:
        outcome = sentence(id=None, referral_id=referral_id, recorded_by=s.user.id)
        with pytest.raises(ActionRefused, match="record the plea when it is taken"):
            operations.record_sentence(s, outcome, TODAY)
        pleaded = court_facts.record_court_facts(s, referral_id, {"plea": Plea.GUILTY}, today=TODAY)
        assert pleaded.case.referral.plea == Plea.GUILTY
        assert [(a.field, a.old_value, a.new_value, a.reason) for a in pleaded.record] == [
            ("plea", "not_yet_taken", "guilty", court_facts.FIRST_RECORDED)]
        # The screening, assessment, consent and decision are all still there.
        case = pleaded.case
        assert case.administrations and case.assessment and case.consents and case.decision
        assert operations.record_sentence(s, outcome, TODAY).stage == Stage.SENTENCED
    with signed_in(db, Role.PRACTITIONER) as s:
        first = datetime(2024, 6, 19, 10, 0, tzinfo=LONDON)
        booked = treatment.schedule_sessions(s, referral_id, first, today=TODAY)
        attended = treatment.record_attendance(s, referral_id, booked.record[0].id,
                                               Attendance.ATTENDED, today=TODAY + timedelta(days=7))
        assert attended.stage == Stage.IN_TREATMENT
        assert attended.case.sessions[0].attendance == Attendance.ATTENDED
    with open_with_password(db, "admin", PASSWORD) as s:
        amended = [e for e in s.audit_entries() if e.action == AuditAction.AMEND]
    assert [(e.record_type, e.record_id, e.detail) for e in amended] == [
        ("referral", referral_id, "field corrected: plea")]


def test_order_details_are_recorded_when_known_and_the_warnings_then_fire(db: Path) -> None:
    referral_id = _registered_in_the_cells(db)
    with signed_in(db, Role.PRACTITIONER) as s:
        case = s.load_case(referral_id)
        facts = eligibility.facts_from_case(case, SETTINGS, [Requirement.MHTR, Requirement.DRR], None)
        report = eligibility.check_eligibility(facts, TODAY)
        assert any("the level is not known yet" in w for w in report.warnings)
        assert not any("DRR over 12 months" in w for w in report.warnings)
        assert report.result_for([Requirement.MHTR]).findings[3].verdict == eligibility.Verdict.NEEDS_CHECKING
        changed = court_facts.record_court_facts(s, referral_id, {
            "imprisonable_offence": True, "community_order_level": CommunityOrderLevel.LOW,
            "proposed_order_type": OrderType.COMMUNITY_ORDER, "proposed_length_months": 18,
        }, today=TODAY)
    facts = eligibility.facts_from_case(changed.case, SETTINGS, [Requirement.MHTR, Requirement.DRR], None)
    report = eligibility.check_eligibility(facts, TODAY)
    assert facts.length_months == 18 and facts.imprisonable_offence is True
    assert any("the level is low" in w for w in report.warnings)
    assert any("DRR over 12 months must have court reviews" in w for w in report.warnings)
    assert {a.field for a in court_facts.court_fact_history(changed.case)} == {
        "imprisonable_offence", "community_order_level", "proposed_order_type", "proposed_length_months"}


def test_changing_a_known_fact_needs_a_reason_and_keeps_the_history(db: Path) -> None:
    referral_id = _registered_in_the_cells(db)
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s:
        court_facts.record_court_facts(s, referral_id, {"community_order_level": CommunityOrderLevel.LOW}, today=TODAY)
        with pytest.raises(ActionRefused, match="Say why the community order level"):
            court_facts.record_court_facts(s, referral_id, {"community_order_level": CommunityOrderLevel.MEDIUM}, today=TODAY)
        assert s.load_case(referral_id).referral.community_order_level == CommunityOrderLevel.LOW
        changed = court_facts.record_court_facts(
            s, referral_id, {"community_order_level": CommunityOrderLevel.MEDIUM}, "Bench retired and came back at medium", TODAY)
    history = court_facts.court_fact_history(changed.case)
    assert [(a.old_value, a.new_value) for a in history] == [(None, "low"), ("low", "medium")]
    assert history[-1].reason == "Bench retired and came back at medium"
    assert changed.case.referral.community_order_level == CommunityOrderLevel.MEDIUM


def test_bad_court_facts_are_refused_in_plain_words_and_nothing_is_saved(db: Path) -> None:
    referral_id = _registered_in_the_cells(db)
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s:
        with pytest.raises(ActionRefused, match="30 months is longer than the law allows"):
            court_facts.record_court_facts(s, referral_id, {
                "proposed_order_type": OrderType.SUSPENDED_SENTENCE_ORDER, "proposed_length_months": 30}, today=TODAY)
        with pytest.raises(ActionRefused, match="not one of the court facts"):
            court_facts.record_court_facts(s, referral_id, {"offence_type": "theft"}, today=TODAY)
        with pytest.raises(ActionRefused, match="Nothing has changed"):
            court_facts.record_court_facts(s, referral_id, {"plea": Plea.NOT_YET_TAKEN}, today=TODAY)
        case = s.load_case(referral_id)
    assert case.referral.proposed_length_months is None and court_facts.court_fact_history(case) == []


def test_after_sentence_the_plea_cannot_become_not_guilty(db: Path) -> None:
    referral_id = _registered_in_the_cells(db)
    _assessed_consented_approved(db, referral_id)
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s:
        court_facts.record_court_facts(s, referral_id, {"plea": Plea.GUILTY}, today=TODAY)
        operations.record_sentence(s, sentence(id=None, referral_id=referral_id, recorded_by=s.user.id), TODAY)
        with pytest.raises(ActionRefused, match="needs a guilty plea or a finding of guilt"):
            court_facts.record_court_facts(s, referral_id, {"plea": Plea.NOT_GUILTY}, "typo", TODAY)


def test_the_psr_proposal_is_the_court_duty_officers_and_is_amendable(db: Path) -> None:
    referral_id = _registered_in_the_cells(db)
    with signed_in(db, Role.PRACTITIONER) as s, pytest.raises(ActionRefused, match="Court Duty Officer"):
        court_facts.record_psr_proposal(s, referral_id, True, [Requirement.MHTR], today=TODAY)
    with signed_in(db, Role.PRACTITIONER) as s, pytest.raises(PermissionDenied):
        s.record_psr_proposal(court_facts.PsrProposal(
            referral_id=referral_id, proposes_cstr=False, recorded_by=s.user.id, recorded_at=datetime.now(LONDON)))
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s:
        with pytest.raises(ActionRefused, match="never given together"):
            court_facts.record_psr_proposal(s, referral_id, True, [Requirement.DRR, Requirement.ATR], today=TODAY)
        with pytest.raises(ActionRefused, match="Say which treatment requirements"):
            court_facts.record_psr_proposal(s, referral_id, True, [], today=TODAY)
        changed = court_facts.record_psr_proposal(
            s, referral_id, True, [Requirement.MHTR], OrderType.COMMUNITY_ORDER, 12, today=TODAY)
        assert changed.case.psr_proposal.proposes_cstr and changed.case.psr_proposal.requirements == [Requirement.MHTR]
        with pytest.raises(ActionRefused, match="already recorded; correct it with an amendment"):
            court_facts.record_psr_proposal(s, referral_id, False, [], today=TODAY)
        s.amend("psr_proposal", changed.record.id, "length_months", "24", "Misread the report")
        case = s.load_case(referral_id)
    assert case.psr_proposal.length_months == 24
    assert eligibility.facts_from_case(case, SETTINGS, [Requirement.MHTR], None).length_months == 24
    assert [a.field for a in case.amendments if a.record_type == "psr_proposal"] == ["length_months"]


def test_the_plea_is_amendable_through_the_stores_amend_and_only_court_facts_are(db: Path) -> None:
    referral_id = _registered_in_the_cells(db)
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s:
        s.amend("referral", referral_id, "plea", "found_guilty_after_trial", "Found guilty after trial")
        assert s.load_case(referral_id).referral.plea == Plea.FOUND_GUILTY_AFTER_TRIAL
        with pytest.raises(InvalidRecord, match="not a part of the referral that can be corrected"):
            s.amend("referral", referral_id, "person_id", "2", "no")
        with pytest.raises(InvalidRecord, match="not a valid value"):
            s.amend("referral", referral_id, "plea", "maybe", "no")
    with signed_in(db, Role.LD_WORKER) as s:
        s.amend("referral", referral_id, "imprisonable_offence", "true", "Either-way offence")
        assert s.load_case(referral_id).referral.imprisonable_offence is True


def test_the_probation_pink_slip_is_recorded_with_the_psr_proposal(db: Path) -> None:
    from cstr_desk.domain import NotSuitableReason, TreatmentArranged

    referral_id = _registered_in_the_cells(db)
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s:
        with pytest.raises(ActionRefused, match="Please expand on the reason"):
            court_facts.record_psr_proposal(s, referral_id, False, [], today=TODAY, suitable_for_cstr=False,
                                            not_suitable_reason=NotSuitableReason.PREVIOUSLY_FAILED)
        with pytest.raises(ActionRefused, match="Say why the person is not suitable"):
            court_facts.record_psr_proposal(s, referral_id, False, [], today=TODAY, suitable_for_cstr=False)
        changed = court_facts.record_psr_proposal(
            s, referral_id, False, [], today=TODAY, suitable_for_cstr=False,
            not_suitable_reason=NotSuitableReason.PREVIOUSLY_FAILED,
            not_suitable_notes="Breached an MHTR in 2023", already_in_treatment=True,
            already_in_treatment_with="Community drug service", needs_identified=[Requirement.DRR],
            treatment_arranged=TreatmentArranged.ALREADY_IN_TREATMENT)
    proposal = changed.case.psr_proposal
    assert (proposal.not_suitable_reason, proposal.needs_identified, proposal.treatment_arranged) == (
        NotSuitableReason.PREVIOUSLY_FAILED, [Requirement.DRR], TreatmentArranged.ALREADY_IN_TREATMENT)
