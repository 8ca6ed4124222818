"""The progress strip's steps, read from the record and gated by the pathway (issue 14, "the
shape of a case"): done, current, blocked with one reason, to come, not needed."""

from __future__ import annotations

from datetime import date

from cstr_desk.domain import DecisionOutcome, Role, SentenceRequirement
from cstr_desk.pathway_words import reason_words
from cstr_desk.workflow.pathway import Action
from cstr_desk.workflow.progress import Step, StepState, case_progress
from test_pathway_cases import (
    TODAY,
    USERS,
    assessed,
    consented,
    decided,
    in_treatment,
    new_case,
    report,
    reported,
    screened,
    sentenced,
)

DONE, CURRENT, BLOCKED, TO_COME, NOT_NEEDED = (StepState.DONE, StepState.CURRENT, StepState.BLOCKED,
                                               StepState.TO_COME, StepState.NOT_NEEDED)


def states(case, role: Role) -> list[StepState]:
    return [s.state for s in case_progress(case, USERS[role], TODAY).steps]


def test_a_new_referral_is_waiting_for_screening() -> None:
    progress = case_progress(new_case(), USERS[Role.LD_WORKER], TODAY)
    assert [s.step for s in progress.steps] == list(Step)
    assert states(new_case(), Role.LD_WORKER) == [DONE, CURRENT] + [TO_COME] * 7
    assert progress.next_action == Action.SCREEN


def test_a_step_this_role_cannot_do_is_blocked_with_who_can() -> None:
    progress = case_progress(screened(), USERS[Role.LD_WORKER], TODAY)
    step = progress.steps[2]
    assert step.step == Step.ASSESSMENT and step.state == BLOCKED
    assert step.reason is not None and reason_words(step.reason) == ("Waiting for an MHTR practitioner or a Clinical Lead to carry out the "
                           "practitioner assessment.")
    assert progress.next_action is None


def test_each_stage_of_the_day() -> None:
    assert states(assessed(), Role.PRACTITIONER)[:5] == [DONE, DONE, DONE, CURRENT, TO_COME]
    assert states(consented(), Role.CLINICAL_LEAD)[4] == CURRENT
    assert states(decided(), Role.CLINICAL_LEAD)[4:7] == [DONE, CURRENT, TO_COME]
    officer = case_progress(decided(), USERS[Role.COURT_DUTY_OFFICER], TODAY)
    sign_off = officer.steps[5]
    assert sign_off.state == BLOCKED
    lead = decided().decision.clinical_lead_name
    assert sign_off.reason is not None and reason_words(sign_off.reason) == f"Waiting for {lead}, the Clinical Lead, to sign off the report for the court."
    signed = reported()
    assert states(signed, Role.COURT_DUTY_OFFICER)[5:7] == [DONE, CURRENT]
    printed = reported()
    printed.reports.append(report())
    assert states(printed, Role.COURT_DUTY_OFFICER)[6:8] == [DONE, CURRENT]
    assert case_progress(printed, USERS[Role.COURT_DUTY_OFFICER], TODAY).next_action == Action.RECORD_SENTENCE
    assert states(sentenced(), Role.PRACTITIONER)[7:] == [DONE, CURRENT]
    # Sentenced after sign-off with no further issue of the report: the report step was not needed.
    assert states(in_treatment(), Role.PRACTITIONER) == [DONE] * 6 + [NOT_NEEDED, DONE, DONE]


def test_steps_a_case_does_not_need() -> None:
    declined = states(decided(DecisionOutcome.DECLINE), Role.CLINICAL_LEAD)
    assert declined[5:7] == [NOT_NEEDED, NOT_NEEDED] and declined[8] == NOT_NEEDED
    unpaid = states(sentenced((SentenceRequirement.UNPAID_WORK,)), Role.PRACTITIONER)
    assert unpaid[8] == NOT_NEEDED
    straight_to_assessment = assessed()
    straight_to_assessment.administrations = [a for a in straight_to_assessment.administrations
                                              if a.instrument_id != "k10"]
    assert states(straight_to_assessment, Role.PRACTITIONER)[1] == NOT_NEEDED


def test_an_under_18_is_blocked_at_consent_in_plain_words() -> None:
    case = assessed()
    case.person.date_of_birth = date(TODAY.year - 16, 1, 1)
    consent = case_progress(case, USERS[Role.PRACTITIONER], TODAY).steps[3]
    assert consent.state == BLOCKED and consent.reason is not None
    assert "only for people aged 18 or over" in reason_words(consent.reason)
