"""A case's progress along the court day, step by step, read from the record like `derive_stage`
and gated by the same pathway checks, so the strip on screen cannot disagree with what the app
lets anyone do (issue 14: "no step that only the code knows about").

Steps follow DOMAIN.md "The pathway" (Manual §3.3, §4, §5.3): referral, screening, assessment,
consent, Clinical Lead decision, sign-off, report, sentence, treatment. Each is done, current
(the next one to do, and this user may do it), blocked (the next one, with the one reason it
cannot be done now or by this user), to come, or not needed (a decline needs no sign-off or
treatment; a sentence without a treatment requirement needs no treatment).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from cstr_desk.domain import CaseRecord, DecisionOutcome, ReportKind, User
from cstr_desk.workflow.pathway import (
    SCREENING_INSTRUMENTS,
    Action,
    ActionCheck,
    check,
    completed_administrations,
    consent_in_force,
    has_treatment_requirement,
    report_signed_off,
    role_refusal,
)
from cstr_desk.workflow.reasons import Reason, ReasonCode


class Step(StrEnum):
    REFERRAL = "referral"
    SCREENING = "screening"
    ASSESSMENT = "assessment"
    CONSENT = "consent"
    DECISION = "decision"
    SIGN_OFF = "sign_off"
    REPORT = "report"
    SENTENCE = "sentence"
    TREATMENT = "treatment"


class StepState(StrEnum):
    DONE = "done"
    CURRENT = "current"
    BLOCKED = "blocked"
    TO_COME = "to_come"
    NOT_NEEDED = "not_needed"


@dataclass(frozen=True)
class StepProgress:
    step: Step
    state: StepState
    reason: Reason | None = None


@dataclass(frozen=True)
class CaseProgress:
    steps: tuple[StepProgress, ...]
    # What this user can do next, as one action (None when nothing is theirs to do now).
    next_action: Action | None

    def state_of(self, step: Step) -> StepState:
        return next(s.state for s in self.steps if s.step == step)


# The action that completes each step (the referral is registered before there is a case).
STEP_ACTIONS: dict[Step, Action] = {
    Step.SCREENING: Action.SCREEN,
    Step.ASSESSMENT: Action.ASSESS,
    Step.CONSENT: Action.TAKE_CONSENT,
    Step.DECISION: Action.RECORD_DECISION,
    Step.SIGN_OFF: Action.SIGN_OFF_REPORT,
    Step.REPORT: Action.ISSUE_FINAL_PSR,
    Step.SENTENCE: Action.RECORD_SENTENCE,
    Step.TREATMENT: Action.SCHEDULE_TREATMENT,
}


def _declined(case: CaseRecord) -> bool:
    return case.decision is not None and case.decision.outcome == DecisionOutcome.DECLINE


def _report_issued(case: CaseRecord) -> bool:
    # Sign-off is the final report's first issue (pathway.report_signed_off); the report is
    # with the court once it is issued again (printed or saved by the Court Duty Officer).
    finals = [r for r in case.reports if r.kind == ReportKind.PSR and r.final]
    return len(finals) >= 2


def _done(step: Step, case: CaseRecord) -> bool:
    assessed = case.assessment is not None and case.assessment.completed
    checks: dict[Step, Callable[[], bool]] = {
        Step.REFERRAL: lambda: case.referral.id is not None,
        Step.SCREENING: lambda: any(a.instrument_id in SCREENING_INSTRUMENTS
                                    for a in completed_administrations(case)),
        Step.ASSESSMENT: lambda: assessed,
        Step.CONSENT: lambda: consent_in_force(case) is not None,
        Step.DECISION: lambda: case.decision is not None,
        Step.SIGN_OFF: lambda: report_signed_off(case),
        Step.REPORT: lambda: _report_issued(case),
        Step.SENTENCE: lambda: case.sentence is not None,
        Step.TREATMENT: lambda: bool(case.sessions),
    }
    return checks[step]()


def _not_needed(step: Step, case: CaseRecord) -> Reason | None:
    """Why a step is not needed on this case, or None when it is."""
    code = None
    if step in (Step.SIGN_OFF, Step.REPORT, Step.TREATMENT) and _declined(case):
        code = ReasonCode.DECLINED
    elif step == Step.SCREENING and case.assessment is not None and case.assessment.completed:
        code = ReasonCode.ASSESSED_WITHOUT_SCREEN
    elif step == Step.REPORT and case.sentence is not None and not _report_issued(case):
        code = ReasonCode.SENTENCED_WITHOUT_REPORT
    elif (step == Step.TREATMENT and case.sentence is not None
          and not has_treatment_requirement(case)):
        code = ReasonCode.SENTENCE_WITHOUT_TREATMENT
    return Reason(code=code) if code is not None else None


def _waiting_reason(step: Step, case: CaseRecord, user: User, result: ActionCheck) -> Reason:
    """The one reason, said as whom the case waits for when it is someone else's step (the
    Clinical Lead by name for the sign-off, once the decision names them)."""
    action = STEP_ACTIONS[step]
    if role_refusal(action, user) is None:
        return result.reasons[0]
    named = case.decision.clinical_lead_name if step == Step.SIGN_OFF and case.decision else None
    return Reason(code=ReasonCode.WAITING_FOR, action=action, name=named)


def case_progress(case: CaseRecord, user: User, today: date) -> CaseProgress:
    steps: list[StepProgress] = []
    next_action: Action | None = None
    current_found = False
    for step in Step:
        skipped = _not_needed(step, case)
        if _done(step, case):
            steps.append(StepProgress(step, StepState.DONE))
        elif skipped is not None:
            steps.append(StepProgress(step, StepState.NOT_NEEDED, skipped))
        elif current_found:
            steps.append(StepProgress(step, StepState.TO_COME))
        else:
            current_found = True
            result = check(STEP_ACTIONS[step], case, user, today)
            if result.allowed:
                next_action = result.action
                steps.append(StepProgress(step, StepState.CURRENT))
            else:
                steps.append(StepProgress(step, StepState.BLOCKED, _waiting_reason(step, case, user, result)))
    return CaseProgress(tuple(steps), next_action)
