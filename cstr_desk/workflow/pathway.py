"""The CSTR pathway: where a case is, what may be done next, and by whom.

A case's stage is never typed in: `derive_stage` reads it from what has been recorded, so the
stage cannot disagree with the record. Who may take each action is the one role × action
table (cstr_desk/permissions.py, which the store enforces too); here each action has the
things it needs first; `allowed_actions` lists them for a screen with the reasons as codes
(workflow/reasons.py, worded in cstr_desk/pathway_words.py), `require` refuses in plain
words. Sources: Manual §3.2-§5.3 (primary-care-mhtr-practitioner-manual-2020), Appendix 2 and
3; DOMAIN.md "Who uses it" and "The pathway".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pydantic import BaseModel, ConfigDict

from cstr_desk.domain import (
    AdministrationStatus,
    Attendance,
    CaseRecord,
    ConsentRecord,
    PROVIDER_REQUIREMENTS,
    Plea,
    ReferralSource,
    ReportKind,
    Role,
    SentenceRequirement,
    Stage,
    User,
)
# Action, the instrument groups and report_action are re-exported: the pathway is where
# screens and operations have always looked for them (the actions' words are in pathway_words).
from cstr_desk.permissions import ASSESSMENT_INSTRUMENTS as ASSESSMENT_INSTRUMENTS
from cstr_desk.permissions import CASE_ACTIONS, may
from cstr_desk.permissions import SCREENING_INSTRUMENTS as SCREENING_INSTRUMENTS
from cstr_desk.permissions import Action as Action
from cstr_desk.permissions import report_action as report_action
from cstr_desk import pathway_words
from cstr_desk.reports.appointment import next_appointment
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.reasons import Reason, ReasonCode

STAGE_ORDER: tuple[Stage, ...] = tuple(Stage)

TREATMENT_REQUIREMENTS = frozenset(
    {SentenceRequirement.MHTR, SentenceRequirement.DRR, SentenceRequirement.ATR}
)
# A CSTR is for adults only (Manual §4.1 "18 years +"; DRR/ATR service description "18 years or over").
ADULT_AGE = 18

# Who may take each action is the one table in cstr_desk/permissions.py; the pathway adds only
# what each needs first.


class ActionCheck(BaseModel):
    model_config = ConfigDict(frozen=True)

    action: Action
    allowed: bool
    reasons: list[Reason]


# --- what the record says ----------------------------------------------------------------


def consent_in_force(case: CaseRecord) -> ConsentRecord | None:
    consent = case.current_consent
    if consent is None or consent.withdrawn_at is not None:
        return None
    return consent


def has_treatment_requirement(case: CaseRecord) -> bool:
    return case.sentence is not None and bool(TREATMENT_REQUIREMENTS & set(case.sentence.requirements))


def treatment_under_way(case: CaseRecord) -> bool:
    """Sessions are booked, or a DRR/ATR provider reported that treatment started (their
    treatment is not always booked as sessions on this desk)."""
    return has_treatment_requirement(case) and bool(case.sessions or case.treatment_starts)


def completed_administrations(case: CaseRecord, instrument_id: str | None = None) -> list:
    done = (AdministrationStatus.COMPLETE, AdministrationStatus.FINALISED)
    return [
        a for a in case.administrations
        if a.status in done and (instrument_id is None or a.instrument_id == instrument_id)
    ]


def final_psr_issued(case: CaseRecord) -> bool:
    return any(r.kind == ReportKind.PSR and r.final for r in case.reports)


def report_signed_off(case: CaseRecord) -> bool:
    """The Clinical Lead signed off the Responsible Clinician's report (Manual §4.4, Appendix
    3). Signing off is recorded as the final report's first issue: only a Clinical Lead can
    issue it before sign-off, so any final report on record is a signed-off one."""
    return final_psr_issued(case)


def derive_stage(case: CaseRecord) -> Stage:
    """The furthest point the record shows. Before sentence, the consent-dependent stages count
    only while consent stands: withdrawing it takes the case back (Manual §4.3, Appendix 2:
    the right to withdraw at any time), and the decision and report must be redone on renewal."""
    if case.referral.closed_at is not None:
        return Stage.CLOSED
    if case.sentence is not None:
        return Stage.IN_TREATMENT if treatment_under_way(case) else Stage.SENTENCED
    if consent_in_force(case) is not None:
        if final_psr_issued(case):
            return Stage.REPORT_ISSUED
        if case.decision is not None:
            return Stage.CLINICAL_LEAD_DECISION
        return Stage.CONSENTED
    if case.assessment is not None and case.assessment.completed:
        return Stage.ASSESSED
    if completed_administrations(case):
        return Stage.SCREENED
    return Stage.REFERRED


# --- consent renewal ---------------------------------------------------------------------


def one_year_after(day: date) -> date:
    # A 29 February consent falls due on 28 February: early rather than a day lapsed.
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def consent_renewal_due(consent: ConsentRecord, today: date) -> date | None:
    """When this consent must be renewed: a year after it was given (Manual Appendix 2: "You
    will be asked to renew your consent ... every year if still in treatment"). None when it
    was withdrawn on or before `today`; a renewal is a new ConsentRecord with its own date."""
    if consent.withdrawn_at is not None and consent.withdrawn_at.date() <= today:
        return None
    return one_year_after(consent.consented_at.date())


def case_consent_renewal_due(case: CaseRecord, today: date) -> date | None:
    """The renewal date of the case's consent, only while the person is in treatment."""
    consent = consent_in_force(case)
    if consent is None or derive_stage(case) != Stage.IN_TREATMENT:
        return None
    return consent_renewal_due(consent, today)


# Renewal may be taken in the month before it falls due so consent never lapses mid-treatment.
RENEWAL_WINDOW_DAYS = 31


def _renewal_open(case: CaseRecord, today: date) -> bool:
    due = case_consent_renewal_due(case, today)
    return due is not None and (due - today).days <= RENEWAL_WINDOW_DAYS


# --- what each action needs ----------------------------------------------------------------


def _assessment_complete(case: CaseRecord) -> list[Reason]:
    # Manual §4.2: the practitioner assessment comes first.
    if case.assessment is not None and case.assessment.completed:
        return []
    return [Reason(code=ReasonCode.ASSESSMENT_INCOMPLETE)]


def _consent_standing(case: CaseRecord) -> list[Reason]:
    # Manual §4.3, §4.4: consent before the Clinical Lead is asked, and again after a withdrawal.
    if consent_in_force(case) is not None:
        return []
    if case.current_consent is not None:
        return [Reason(code=ReasonCode.CONSENT_WITHDRAWN)]
    return [Reason(code=ReasonCode.NO_CONSENT)]


def _not_sentenced(case: CaseRecord) -> list[Reason]:
    if case.sentence is None:
        return []
    return [Reason(code=ReasonCode.SENTENCED, on=case.sentence.sentenced_on)]


def _needs_register(case: CaseRecord, user: User, today: date) -> list[Reason]:
    reasons = []
    if case.referral.id is not None:
        reasons.append(Reason(code=ReasonCode.ALREADY_REGISTERED))
    if case.referral.referral_source == ReferralSource.OTHER and not (
        case.referral.referral_source_other or ""
    ).strip():
        reasons.append(Reason(code=ReasonCode.REFERRAL_SOURCE_NOT_SAID))
    if case.person.date_of_birth > today:
        reasons.append(Reason(code=ReasonCode.BORN_IN_THE_FUTURE))
    return reasons


def _needs_screen(case: CaseRecord, user: User, today: date) -> list[Reason]:
    if case.sentence is None:
        return []
    # After sentence the measures are the outcome measures (CORE-34, PHQ-9, GAD-7; DOMAIN.md
    # step 9), recorded under the assessment, not screens.
    return _not_sentenced(case) + [Reason(code=ReasonCode.SCREENING_BEFORE_SENTENCE)]


def _needs_nothing(case: CaseRecord, user: User, today: date) -> list[Reason]:
    return []


def _needs_consent(case: CaseRecord, user: User, today: date) -> list[Reason]:
    age = case.person.age_on(today)
    reasons = []
    if age < ADULT_AGE:
        reasons.append(Reason(code=ReasonCode.UNDER_AGE, name=case.person.full_name, count=age,
                              limit=ADULT_AGE))
    consent = consent_in_force(case)
    if consent is not None and not _renewal_open(case, today):
        reasons.append(Reason(code=ReasonCode.CONSENT_IN_FORCE, on=consent.consented_at.date()))
    if consent is None and case.sentence is not None:
        # After sentence, withdrawal is a breach matter for probation (Manual §4.3, §4.7).
        reasons.append(Reason(code=ReasonCode.CONSENT_ONLY_RENEWED_AFTER_SENTENCE))
    return reasons


def _needs_withdraw(case: CaseRecord, user: User, today: date) -> list[Reason]:
    if consent_in_force(case) is not None:
        return []
    return [Reason(code=ReasonCode.NO_CONSENT_TO_WITHDRAW)]


def _needs_decision(case: CaseRecord, user: User, today: date) -> list[Reason]:
    # Manual §4.4: "Once consent is provided, the practitioner will contact the MHTR Clinical
    # Lead"; they discuss the assessment, then the Clinical Lead decides.
    reasons = _assessment_complete(case) + _consent_standing(case) + _not_sentenced(case)
    if case.decision is not None:
        reasons.append(Reason(code=ReasonCode.DECISION_RECORDED,
                              on=case.decision.recorded_at.date()))
    return reasons


def _needs_provider_acceptance(case: CaseRecord, user: User, today: date) -> list[Reason]:
    # The provider assesses the person for the placement, which needs their consent to be
    # assessed for it (Manual Appendix 2), and answers before sentence (DOMAIN.md "Facts that
    # arrive as the day goes on").
    reasons = _consent_standing(case) + _not_sentenced(case)
    consent = consent_in_force(case)
    if consent is not None and not set(PROVIDER_REQUIREMENTS) & set(consent.requirements_assessed_for):
        # Manual §2.4: only a DRR or an ATR has a provider's answer.
        reasons.append(Reason(code=ReasonCode.NOT_ASSESSED_FOR_DRR_OR_ATR))
    return reasons


def _needs_draft_psr(case: CaseRecord, user: User, today: date) -> list[Reason]:
    return _assessment_complete(case) + _not_sentenced(case)


def _decided(case: CaseRecord) -> list[Reason]:
    # Manual §4.4: the Clinical Lead agrees "a decision to treat or decline, giving reasons",
    # and "this information will be conveyed to Probation ... for inclusion in the
    # Pre-Sentence Report", so a decline is signed off and issued as final as a treat is.
    if case.decision is None:
        return [Reason(code=ReasonCode.NOT_DECIDED)]
    return []


def _providers_answered(case: CaseRecord) -> list[Reason]:
    # Manual §2.4: a DRR or ATR needs its provider's approval besides the Clinical Lead's.
    awaited = case.provider_requirements_awaited()
    if not awaited:
        return []
    return [Reason(code=ReasonCode.PROVIDER_ANSWER_AWAITED, requirements=tuple(awaited))]


def _needs_final_psr(case: CaseRecord, user: User, today: date) -> list[Reason]:
    reasons = (_consent_standing(case) + _not_sentenced(case) + _decided(case)
               + _providers_answered(case))
    if user.role == Role.COURT_DUTY_OFFICER and not reasons and not report_signed_off(case):
        reasons.append(Reason(code=ReasonCode.NOT_SIGNED_OFF,
                              name=case.decision.clinical_lead_name))
    return reasons


def _needs_sign_off(case: CaseRecord, user: User, today: date) -> list[Reason]:
    reasons = (_consent_standing(case) + _not_sentenced(case) + _decided(case)
               + _providers_answered(case))
    if report_signed_off(case):
        reasons.append(Reason(code=ReasonCode.ALREADY_SIGNED_OFF))
    return reasons


def _needs_consent_copy(case: CaseRecord, user: User, today: date) -> list[Reason]:
    return [] if case.consents else [Reason(code=ReasonCode.NO_CONSENT_ON_RECORD)]


def _needs_gp_letter(case: CaseRecord, user: User, today: date) -> list[Reason]:
    # Manual §5.3 "Following court outcome: Produce letter to GP (for both accepted and declined)".
    reasons = _assessment_complete(case)
    if case.sentence is None:
        reasons.append(Reason(code=ReasonCode.COURT_OUTCOME_NOT_RECORDED))
    return reasons


def _needs_completion_report(case: CaseRecord, user: User, today: date) -> list[Reason]:
    # Manual §4.5.2: on completion, advice, signposting and referrals; needs a treatment order.
    if not treatment_under_way(case):
        return [Reason(code=ReasonCode.NO_TREATMENT_UNDER_WAY)]
    return []


def _needs_court_review(case: CaseRecord, user: User, today: date) -> list[Reason]:
    # CJA 2003 s.210: the court reviews a DRR; the report is written for a period.
    if case.sentence is None or SentenceRequirement.DRR not in set(case.sentence.requirements):
        return [Reason(code=ReasonCode.NO_DRR)]
    if not case.court_reviews:
        return [Reason(code=ReasonCode.NO_COURT_REVIEW)]
    return []


def _needs_leaflet(case: CaseRecord, user: User, today: date) -> list[Reason]:
    # DRR/ATR service description, "Sentence": the leaflet goes with the next appointment.
    if case.sentence is None or not has_treatment_requirement(case):
        return [Reason(code=ReasonCode.NO_TREATMENT_SENTENCE)]
    if next_appointment(case) is None:
        return [Reason(code=ReasonCode.NO_NEXT_APPOINTMENT)]
    return []


def _needs_adjournment(case: CaseRecord, user: User, today: date) -> list[Reason]:
    return _not_sentenced(case)


def _needs_sentence(case: CaseRecord, user: User, today: date) -> list[Reason]:
    reasons = []
    if case.referral.plea not in (Plea.GUILTY, Plea.FOUND_GUILTY_AFTER_TRIAL):
        # Manual §3.2.1: only after a guilty plea or a finding of guilt after trial.
        reasons.append(Reason(code=ReasonCode.NOT_CONVICTED))
    if case.sentence is not None:
        reasons.append(Reason(code=ReasonCode.SENTENCE_RECORDED))
    return reasons


def _needs_psr_proposal(case: CaseRecord, user: User, today: date) -> list[Reason]:
    if case.psr_proposal is None:
        return []
    return [Reason(code=ReasonCode.PSR_PROPOSAL_RECORDED)]


def _needs_schedule(case: CaseRecord, user: User, today: date) -> list[Reason]:
    if case.sentence is None:
        return [Reason(code=ReasonCode.NOT_SENTENCED)]
    if not has_treatment_requirement(case):
        return [Reason(code=ReasonCode.NO_TREATMENT_REQUIREMENT)]
    if consent_in_force(case) is None:
        # Manual §4.7: non-engagement and withdrawal go to probation, who decide on breach.
        return [Reason(code=ReasonCode.CONSENT_WITHDRAWN_AFTER_SENTENCE)]
    return []


def _needs_attendance(case: CaseRecord, user: User, today: date) -> list[Reason]:
    return [] if case.sessions else [Reason(code=ReasonCode.NO_SESSIONS)]


def _needs_close(case: CaseRecord, user: User, today: date) -> list[Reason]:
    booked = [s for s in case.sessions if s.attendance == Attendance.SCHEDULED]
    if not booked:
        return []
    return [Reason(code=ReasonCode.SESSIONS_BOOKED, count=len(booked))]


_NEEDS: dict[Action, Callable[[CaseRecord, User, date], list[Reason]]] = {
    Action.REGISTER_REFERRAL: _needs_register,
    Action.SCREEN: _needs_screen,
    Action.ASSESS: _needs_nothing,
    Action.CHECK_ELIGIBILITY: _needs_nothing,
    Action.TAKE_CONSENT: _needs_consent,
    Action.WITHDRAW_CONSENT: _needs_withdraw,
    Action.RECORD_DECISION: _needs_decision,
    Action.SIGN_OFF_REPORT: _needs_sign_off,
    Action.RECORD_PROVIDER_ACCEPTANCE: _needs_provider_acceptance,
    Action.ISSUE_DRAFT_PSR: _needs_draft_psr,
    Action.ISSUE_FINAL_PSR: _needs_final_psr,
    Action.ISSUE_CONSENT_COPY: _needs_consent_copy,
    Action.ISSUE_GP_LETTER: _needs_gp_letter,
    Action.ISSUE_COMPLETION_REPORT: _needs_completion_report,
    Action.ISSUE_COURT_REVIEW: _needs_court_review,
    Action.ISSUE_LEAFLET: _needs_leaflet,
    Action.RECORD_ADJOURNMENT: _needs_adjournment,
    Action.RECORD_SENTENCE: _needs_sentence,
    Action.SCHEDULE_TREATMENT: _needs_schedule,
    Action.RECORD_ATTENDANCE: _needs_attendance,
    Action.CLOSE_CASE: _needs_close,
    Action.RECORD_COURT_FACTS: _needs_nothing,
    Action.RECORD_PSR_PROPOSAL: _needs_psr_proposal,
    Action.RECORD_EQUALITY: _needs_nothing,
}


# --- who may ------------------------------------------------------------------------------


def role_refusal(action: Action, user: User) -> Reason | None:
    """Why this user's role may not make the action, or None when it may."""
    if not user.active:
        return Reason(code=ReasonCode.ACCOUNT_SWITCHED_OFF, name=user.full_name, action=action)
    if may(user.role, action):
        return None
    return Reason(code=ReasonCode.ROLE_MAY_NOT, role=user.role, action=action)


def require_role(action: Action, user: User) -> None:
    """Raise ActionRefused unless this user's role may make the action (for the entries that
    check only who may, not the stage: cstr_desk/workflow/contact.py, handover.py ...)."""
    refusal = role_refusal(action, user)
    if refusal is not None:
        raise ActionRefused(pathway_words.reason_words(refusal))


def check(action: Action, case: CaseRecord, user: User, today: date) -> ActionCheck:
    refusal = role_refusal(action, user)
    if refusal is not None:
        reasons = [refusal]
    else:
        reasons = []
        if case.referral.closed_at is not None and action != Action.CHECK_ELIGIBILITY:
            reasons.append(Reason(code=ReasonCode.CASE_CLOSED, on=case.referral.closed_at.date()))
        reasons += _NEEDS[action](case, user, today)
    return ActionCheck(action=action, allowed=not reasons, reasons=reasons)


def allowed_actions(case: CaseRecord, user: User, today: date) -> list[ActionCheck]:
    """Every action with whether this user may make it on this case now, and why not."""
    return [check(action, case, user, today) for action in CASE_ACTIONS]


def require(action: Action, case: CaseRecord, user: User, today: date) -> None:
    """Raise ActionRefused, in plain words, unless the action is allowed."""
    result = check(action, case, user, today)
    if not result.allowed:
        raise ActionRefused(pathway_words.refusal_words(action, result.reasons),
                            [pathway_words.reason_words(r) for r in result.reasons])
