"""The treatment provider's acceptance of a DRR or ATR: its own pathway step (Manual §2.4),
recorded through an operation, stored as an amendable document, and needed before a final
report recommends the DRR or ATR."""

from __future__ import annotations

from pathlib import Path

import pytest

from cstr_desk.pathway_words import reasons_words
from cstr_desk.domain import DecisionOutcome, Requirement, Role
from cstr_desk.store import PermissionDenied
from cstr_desk.workflow import operations, pathway
from cstr_desk.workflow.entries import provider_acceptance_entry_problems
from cstr_desk.workflow.errors import ActionRefused
from test_operations import _assessed, _cl_decision, db, signed_in  # noqa: F401 (fixtures)
from test_pathway_cases import (
    TODAY, USERS, assessed, consent, decided, provider_acceptance, sentenced,
)

MHTR_ATR = (Requirement.MHTR, Requirement.ATR)


def _mhtr_atr_decided():
    case = decided()
    case.consents = [consent(MHTR_ATR)]
    return case


def test_only_case_roles_that_receive_the_answer_may_record_it() -> None:
    case = _mhtr_atr_decided()
    allowed = {role for role in Role
               if pathway.check(pathway.Action.RECORD_PROVIDER_ACCEPTANCE, case, USERS[role], TODAY).allowed}
    assert allowed == {Role.PRACTITIONER, Role.CLINICAL_LEAD, Role.COURT_DUTY_OFFICER}


def test_the_answer_needs_consent_to_be_assessed_for_a_drr_or_atr() -> None:
    user = USERS[Role.PRACTITIONER]
    no_consent = pathway.check(pathway.Action.RECORD_PROVIDER_ACCEPTANCE, assessed(), user, TODAY)
    assert not no_consent.allowed and "No consent" in reasons_words(no_consent.reasons)
    mhtr_only = pathway.check(pathway.Action.RECORD_PROVIDER_ACCEPTANCE, decided(), user, TODAY)
    assert not mhtr_only.allowed and "not assessed for a DRR or an ATR" in reasons_words(mhtr_only.reasons)
    after_sentence = sentenced()
    after_sentence.consents = [consent(MHTR_ATR)]
    late = pathway.check(pathway.Action.RECORD_PROVIDER_ACCEPTANCE, after_sentence, user, TODAY)
    assert not late.allowed and "sentenced" in reasons_words(late.reasons)


def test_what_the_answer_must_say() -> None:
    case = _mhtr_atr_decided()
    assert provider_acceptance_entry_problems(provider_acceptance(), case) == []
    problems = provider_acceptance_entry_problems(
        provider_acceptance((Requirement.MHTR, Requirement.DRR), accepted=False, reasons=" ",
                            provider_name=""), case)
    text = " ".join(problems)
    assert "the MHTR is the Clinical Lead's decision" in text
    assert "did not consent to be assessed for the DRR" in text
    assert "provider's name" in text and "reasons for not accepting" in text


def test_a_final_report_waits_for_the_provider_and_approval_follows_the_answer() -> None:
    case = _mhtr_atr_decided()
    lead = USERS[Role.CLINICAL_LEAD]
    waiting = pathway.check(pathway.Action.ISSUE_FINAL_PSR, case, lead, TODAY)
    assert not waiting.allowed and "answer on the ATR is not known yet" in reasons_words(waiting.reasons)
    assert case.approved_requirements() == [Requirement.MHTR]
    case.provider_acceptances = [provider_acceptance(accepted=False)]
    assert pathway.check(pathway.Action.ISSUE_FINAL_PSR, case, lead, TODAY).allowed
    assert case.approved_requirements() == [Requirement.MHTR]
    later = provider_acceptance(id=8, decided_at=case.provider_acceptances[0].decided_at.replace(hour=13),
                                recorded_at=case.provider_acceptances[0].recorded_at.replace(hour=13))
    case.provider_acceptances.append(later)
    assert case.provider_answer(Requirement.ATR) == later
    assert case.approved_requirements() == [Requirement.MHTR, Requirement.ATR]


def test_recorded_through_the_operation_and_corrected_by_amendment(db: Path) -> None:
    referral_id = _assessed(db)
    with signed_in(db, Role.PRACTITIONER) as s:
        given = consent(MHTR_ATR, id=None).model_copy(update={"referral_id": referral_id, "explained_by": s.user.id})
        operations.record_consent(s, given, TODAY)
    with signed_in(db, Role.CLINICAL_LEAD) as s:
        _cl_decision(s, referral_id, DecisionOutcome.TREAT)
        with pytest.raises(ActionRefused, match="answer on the ATR is not known yet"):
            operations.issue_report(s, referral_id, pathway.ReportKind.PSR, True, TODAY)
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s:
        answer = provider_acceptance(id=None, referral_id=referral_id, recorded_by=s.user.id)
        changed = operations.record_provider_acceptance(s, answer, TODAY)
        assert changed.case.provider_acceptances == [changed.record]
        s.amend("provider_acceptance", changed.record.id, "provider_name", "Turning Point Manchester",
                "Wrong service named")
        case = s.load_case(referral_id)
        assert case.provider_acceptances[0].provider_name == "Turning Point Manchester"
        assert case.amendments[-1].record_type == "provider_acceptance"
    with signed_in(db, Role.CLINICAL_LEAD) as s:
        issued = operations.issue_report(s, referral_id, pathway.ReportKind.PSR, True, TODAY)
        assert issued.case.approved_requirements() == [Requirement.MHTR, Requirement.ATR]


def test_the_store_refuses_other_roles_itself(db: Path) -> None:
    referral_id = _assessed(db)
    with signed_in(db, Role.LD_WORKER) as s, pytest.raises(PermissionDenied):
        s.record_provider_acceptance(provider_acceptance(id=None, referral_id=referral_id, recorded_by=s.user.id))
