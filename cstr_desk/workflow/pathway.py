"""The CSTR pathway: where a case is, what may be done next, and by whom.

A case's stage is never typed in: `derive_stage` reads it from what has been recorded, so the
stage cannot disagree with the record. Each action has the roles allowed to make it and the
things it needs first; `allowed_actions` lists them for a screen, `require` refuses in plain
words. Sources: Manual §3.2-§5.3 (primary-care-mhtr-practitioner-manual-2020), Appendix 2 and 3;
DOMAIN.md "Who uses it" and "The pathway".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from cstr_desk.domain import (
    AdministrationStatus,
    Attendance,
    CaseRecord,
    ConsentRecord,
    DecisionOutcome,
    Plea,
    ReferralSource,
    ReportKind,
    Role,
    SentenceRequirement,
    Stage,
    User,
    role_with_article,
)
from cstr_desk.ukdates import uk_date
from cstr_desk.workflow.errors import ActionRefused

STAGE_ORDER: tuple[Stage, ...] = tuple(Stage)

SCREENING_INSTRUMENTS = frozenset({"k10", "core10", "audit", "auditc"})
ASSESSMENT_INSTRUMENTS = frozenset({"core34", "phq9", "gad7"})
TREATMENT_REQUIREMENTS = frozenset(
    {SentenceRequirement.MHTR, SentenceRequirement.DRR, SentenceRequirement.ATR}
)
# A CSTR is for adults only (Manual §4.1 "18 years +"; DRR/ATR service description "18 years or over").
ADULT_AGE = 18


class Action(StrEnum):
    REGISTER_REFERRAL = "register_referral"
    SCREEN = "screen"
    ASSESS = "assess"
    CHECK_ELIGIBILITY = "check_eligibility"
    TAKE_CONSENT = "take_consent"
    WITHDRAW_CONSENT = "withdraw_consent"
    RECORD_DECISION = "record_decision"
    ISSUE_DRAFT_PSR = "issue_draft_psr"
    ISSUE_FINAL_PSR = "issue_final_psr"
    ISSUE_CONSENT_COPY = "issue_consent_copy"
    ISSUE_GP_LETTER = "issue_gp_letter"
    ISSUE_COMPLETION_REPORT = "issue_completion_report"
    RECORD_ADJOURNMENT = "record_adjournment"
    RECORD_SENTENCE = "record_sentence"
    SCHEDULE_TREATMENT = "schedule_treatment"
    RECORD_ATTENDANCE = "record_attendance"
    CLOSE_CASE = "close_case"
    RECORD_COURT_FACTS = "record_court_facts"
    RECORD_PSR_PROPOSAL = "record_psr_proposal"
    RECORD_EQUALITY = "record_equality"


ACTION_LABELS: dict[Action, str] = {
    Action.REGISTER_REFERRAL: "register a referral",
    Action.SCREEN: "screen the person",
    Action.ASSESS: "carry out the practitioner assessment",
    Action.CHECK_ELIGIBILITY: "check eligibility",
    Action.TAKE_CONSENT: "take consent",
    Action.WITHDRAW_CONSENT: "record that consent was withdrawn",
    Action.RECORD_DECISION: "record a Clinical Lead decision",
    Action.ISSUE_DRAFT_PSR: "issue a draft report for the PSR",
    Action.ISSUE_FINAL_PSR: "issue the final report for the PSR",
    Action.ISSUE_CONSENT_COPY: "issue a copy of the consent",
    Action.ISSUE_GP_LETTER: "issue the GP letter",
    Action.ISSUE_COMPLETION_REPORT: "issue the completion report",
    Action.RECORD_ADJOURNMENT: "record an adjournment",
    Action.RECORD_SENTENCE: "record the sentence",
    Action.SCHEDULE_TREATMENT: "schedule treatment sessions",
    Action.RECORD_ATTENDANCE: "record attendance",
    Action.CLOSE_CASE: "close the case",
    Action.RECORD_COURT_FACTS: "record the plea and the order details",
    Action.RECORD_PSR_PROPOSAL: "record the PSR's proposal",
    Action.RECORD_EQUALITY: "record equality monitoring answers",
}

# Who does what (DOMAIN.md "Who uses it, where"; Manual §5.1 key roles). L&D workers register
# and screen in custody and the cells (Manual §4.1); the practitioner assesses, takes consent and
# may record the Clinical Lead's telephone decision (Manual §4.4: they discuss by phone); the
# Clinical Lead can do all a practitioner can and alone signs off the final report; the Court
# Duty Officer prints reports for the court and records the sentence (process evaluation Annex
# A/B); administrators manage users and settings and never touch clinical records. The plea and
# order details are recorded when heard by whoever is with the case; the PSR's proposal by the
# Court Duty Officer, whose report it is (DOMAIN.md "Facts that arrive as the day goes on").
# Equality monitoring is asked by those who meet the person (Manual §2.4 "Pre-sentence").
_LD = {Action.REGISTER_REFERRAL, Action.SCREEN, Action.CHECK_ELIGIBILITY, Action.RECORD_COURT_FACTS,
       Action.RECORD_EQUALITY}
_PRACTITIONER = {
    Action.REGISTER_REFERRAL, Action.SCREEN, Action.ASSESS, Action.CHECK_ELIGIBILITY,
    Action.TAKE_CONSENT,
    Action.WITHDRAW_CONSENT, Action.RECORD_DECISION, Action.ISSUE_DRAFT_PSR,
    Action.ISSUE_CONSENT_COPY, Action.ISSUE_GP_LETTER, Action.ISSUE_COMPLETION_REPORT,
    Action.RECORD_ADJOURNMENT,
    Action.SCHEDULE_TREATMENT, Action.RECORD_ATTENDANCE, Action.CLOSE_CASE,
    Action.RECORD_COURT_FACTS, Action.RECORD_EQUALITY,
}
_CDO = {
    Action.CHECK_ELIGIBILITY, Action.ISSUE_DRAFT_PSR, Action.ISSUE_FINAL_PSR,
    Action.ISSUE_CONSENT_COPY, Action.RECORD_ADJOURNMENT, Action.RECORD_SENTENCE,
    Action.RECORD_COURT_FACTS, Action.RECORD_PSR_PROPOSAL,
}
ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.LD_WORKER: frozenset(_LD),
    Role.PRACTITIONER: frozenset(_PRACTITIONER),
    Role.CLINICAL_LEAD: frozenset(_PRACTITIONER | {Action.ISSUE_FINAL_PSR}),
    Role.COURT_DUTY_OFFICER: frozenset(_CDO),
    Role.ADMINISTRATOR: frozenset(),
}

_WHO_CAN_OVERRIDES: dict[Action, str] = {
    Action.RECORD_DECISION: "only a Clinical Lead, or a practitioner recording the Clinical "
    "Lead's telephone decision, can",
    Action.ISSUE_FINAL_PSR: "only a Clinical Lead signs it off, and a Court Duty Officer issues "
    "it once signed off",
}


_REPORT_ACTIONS: dict[ReportKind, Action] = {
    ReportKind.CONSENT: Action.ISSUE_CONSENT_COPY,
    ReportKind.GP_LETTER: Action.ISSUE_GP_LETTER,
    ReportKind.COMPLETION: Action.ISSUE_COMPLETION_REPORT,
}


def report_action(kind: ReportKind, final: bool) -> Action:
    """The action that issuing a report is. Only the Responsible Clinician's report has a
    draft and a final (Manual Appendix 3); the others are issued as they are."""
    if kind is ReportKind.PSR:
        return Action.ISSUE_FINAL_PSR if final else Action.ISSUE_DRAFT_PSR
    return _REPORT_ACTIONS[kind]


class ActionCheck(BaseModel):
    model_config = ConfigDict(frozen=True)

    action: Action
    label: str
    allowed: bool
    reasons: list[str]


# --- what the record says ----------------------------------------------------------------


def consent_in_force(case: CaseRecord) -> ConsentRecord | None:
    consent = case.current_consent
    if consent is None or consent.withdrawn_at is not None:
        return None
    return consent


def has_treatment_requirement(case: CaseRecord) -> bool:
    return case.sentence is not None and bool(TREATMENT_REQUIREMENTS & set(case.sentence.requirements))


def completed_administrations(case: CaseRecord, instrument_id: str | None = None) -> list:
    done = (AdministrationStatus.COMPLETE, AdministrationStatus.FINALISED)
    return [
        a for a in case.administrations
        if a.status in done and (instrument_id is None or a.instrument_id == instrument_id)
    ]


def final_psr_issued(case: CaseRecord) -> bool:
    return any(r.kind == ReportKind.PSR and r.final for r in case.reports)


def derive_stage(case: CaseRecord) -> Stage:
    """The furthest point the record shows. Before sentence, the consent-dependent stages count
    only while consent stands: withdrawing it takes the case back (Manual §4.3, Appendix 2:
    the right to withdraw at any time), and the decision and report must be redone on renewal."""
    if case.referral.closed_at is not None:
        return Stage.CLOSED
    if case.sentence is not None:
        return Stage.IN_TREATMENT if has_treatment_requirement(case) and case.sessions else Stage.SENTENCED
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


def _assessment_complete(case: CaseRecord) -> list[str]:
    if case.assessment is not None and case.assessment.completed:
        return []
    return ["The practitioner assessment is not complete yet (Manual §4.2)."]


def _consent_standing(case: CaseRecord) -> list[str]:
    if consent_in_force(case) is not None:
        return []
    if case.current_consent is not None:
        return ["The person withdrew consent; take consent again first (Manual §4.3)."]
    return ["No consent has been recorded yet (Manual §4.3, §4.4)."]


def _not_sentenced(case: CaseRecord) -> list[str]:
    if case.sentence is None:
        return []
    return [f"The case was sentenced on {uk_date(case.sentence.sentenced_on)}."]


def _needs_register(case: CaseRecord, user: User, today: date) -> list[str]:
    reasons = []
    if case.referral.id is not None:
        reasons.append("This referral is already registered.")
    if case.referral.referral_source == ReferralSource.OTHER and not (
        case.referral.referral_source_other or ""
    ).strip():
        reasons.append("Say who made the referral: the source is 'other' but no detail is given.")
    if case.person.date_of_birth > today:
        reasons.append("The date of birth is in the future.")
    return reasons


def _needs_screen(case: CaseRecord, user: User, today: date) -> list[str]:
    if case.sentence is None:
        return []
    # After sentence the measures are the outcome measures (CORE-34, PHQ-9, GAD-7; DOMAIN.md
    # step 9), recorded under the assessment, not screens.
    return _not_sentenced(case) + ["Screening is before sentence; use the outcome measures now."]


def _needs_nothing(case: CaseRecord, user: User, today: date) -> list[str]:
    return []


def _needs_consent(case: CaseRecord, user: User, today: date) -> list[str]:
    age = case.person.age_on(today)
    reasons = []
    if age < ADULT_AGE:
        reasons.append(
            f"{case.person.full_name} is {age}: a CSTR is only for people aged 18 or over "
            "(Manual §4.1), so consent cannot be taken."
        )
    consent = consent_in_force(case)
    if consent is not None and not _renewal_open(case, today):
        reasons.append(
            f"Consent given on {uk_date(consent.consented_at.date())} is in force and not due for renewal."
        )
    if consent is None and case.sentence is not None:
        # After sentence, withdrawal is a breach matter for probation (Manual §4.3, §4.7).
        reasons.append("After sentence consent can only be renewed; tell the offender manager.")
    return reasons


def _needs_withdraw(case: CaseRecord, user: User, today: date) -> list[str]:
    return [] if consent_in_force(case) is not None else ["There is no consent in force to withdraw."]


def _needs_decision(case: CaseRecord, user: User, today: date) -> list[str]:
    # Manual §4.4: "Once consent is provided, the practitioner will contact the MHTR Clinical
    # Lead"; they discuss the assessment, then the Clinical Lead decides.
    reasons = _assessment_complete(case) + _consent_standing(case) + _not_sentenced(case)
    if case.decision is not None:
        reasons.append(
            f"A Clinical Lead decision is already recorded ({uk_date(case.decision.recorded_at.date())}); "
            "correct it with an amendment."
        )
    return reasons


def _needs_draft_psr(case: CaseRecord, user: User, today: date) -> list[str]:
    return _assessment_complete(case) + _not_sentenced(case)


def _needs_final_psr(case: CaseRecord, user: User, today: date) -> list[str]:
    # Manual §4.4 and Appendix 3: the report carries the Clinical Lead's recommendation to
    # treat; a decline goes to probation but is not a treatment recommendation to the court.
    reasons = _consent_standing(case) + _not_sentenced(case)
    if case.decision is None:
        reasons.append("The Clinical Lead has not decided yet (Manual §4.4).")
    elif case.decision.outcome != DecisionOutcome.TREAT:
        reasons.append("The Clinical Lead declined to treat, so there is no treatment report to issue.")
    if user.role == Role.COURT_DUTY_OFFICER and not final_psr_issued(case):
        reasons.append("The Clinical Lead has not signed off the final report yet.")
    return reasons


def _needs_consent_copy(case: CaseRecord, user: User, today: date) -> list[str]:
    return [] if case.consents else ["No consent has been recorded yet."]


def _needs_gp_letter(case: CaseRecord, user: User, today: date) -> list[str]:
    # Manual §5.3 "Following court outcome: Produce letter to GP (for both accepted and declined)".
    reasons = _assessment_complete(case)
    if case.sentence is None:
        reasons.append("The GP letter follows the court outcome, which is not recorded yet (Manual §5.3).")
    return reasons


def _needs_completion_report(case: CaseRecord, user: User, today: date) -> list[str]:
    # Manual §4.5.2: on completion, advice, signposting and referrals; needs a treatment order.
    if not has_treatment_requirement(case) or not case.sessions:
        return ["There is no treatment under way to report on."]
    return []


def _needs_adjournment(case: CaseRecord, user: User, today: date) -> list[str]:
    return _not_sentenced(case)


def _needs_sentence(case: CaseRecord, user: User, today: date) -> list[str]:
    reasons = []
    if case.referral.plea not in (Plea.GUILTY, Plea.FOUND_GUILTY_AFTER_TRIAL):
        # Manual §3.2.1: only after a guilty plea or a finding of guilt after trial.
        reasons.append("The person has not pleaded guilty or been found guilty (Manual §3.2.1); "
                       "record the plea when it is taken.")
    if case.sentence is not None:
        reasons.append("The sentence is already recorded; correct it with an amendment.")
    return reasons


def _needs_psr_proposal(case: CaseRecord, user: User, today: date) -> list[str]:
    if case.psr_proposal is None:
        return []
    return ["The PSR's proposal is already recorded; correct it with an amendment."]


def _needs_schedule(case: CaseRecord, user: User, today: date) -> list[str]:
    if case.sentence is None:
        return ["Treatment follows sentence, which is not recorded yet."]
    if not has_treatment_requirement(case):
        return ["The sentence has no treatment requirement (MHTR, DRR or ATR)."]
    if consent_in_force(case) is None:
        # Manual §4.7: non-engagement and withdrawal go to probation, who decide on breach.
        return ["Consent was withdrawn; tell the offender manager, who decides on breach (Manual §4.7)."]
    return []


def _needs_attendance(case: CaseRecord, user: User, today: date) -> list[str]:
    return [] if case.sessions else ["No treatment sessions are scheduled yet."]


def _needs_close(case: CaseRecord, user: User, today: date) -> list[str]:
    booked = [s for s in case.sessions if s.attendance == Attendance.SCHEDULED]
    if not booked:
        return []
    return [f"{len(booked)} treatment session(s) are still booked; record attendance or cancel them first."]


_NEEDS: dict[Action, Callable[[CaseRecord, User, date], list[str]]] = {
    Action.REGISTER_REFERRAL: _needs_register,
    Action.SCREEN: _needs_screen,
    Action.ASSESS: _needs_nothing,
    Action.CHECK_ELIGIBILITY: _needs_nothing,
    Action.TAKE_CONSENT: _needs_consent,
    Action.WITHDRAW_CONSENT: _needs_withdraw,
    Action.RECORD_DECISION: _needs_decision,
    Action.ISSUE_DRAFT_PSR: _needs_draft_psr,
    Action.ISSUE_FINAL_PSR: _needs_final_psr,
    Action.ISSUE_CONSENT_COPY: _needs_consent_copy,
    Action.ISSUE_GP_LETTER: _needs_gp_letter,
    Action.ISSUE_COMPLETION_REPORT: _needs_completion_report,
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


def _who_can(action: Action) -> str:
    if action in _WHO_CAN_OVERRIDES:
        return _WHO_CAN_OVERRIDES[action]
    names = [role_with_article(role) for role in Role if action in ROLE_ACTIONS[role]]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return f"only {listed} can"


def role_refusal(action: Action, user: User) -> str | None:
    """Why this user's role may not make the action, or None when it may."""
    if not user.active:
        return f"{user.full_name}'s account is switched off, so it cannot {ACTION_LABELS[action]}."
    if action in ROLE_ACTIONS[user.role]:
        return None
    who = role_with_article(user.role)
    return f"{who[0].upper()}{who[1:]} cannot {ACTION_LABELS[action]}: {_who_can(action)}."


def check(action: Action, case: CaseRecord, user: User, today: date) -> ActionCheck:
    refusal = role_refusal(action, user)
    if refusal is not None:
        reasons = [refusal]
    else:
        reasons = []
        if case.referral.closed_at is not None and action != Action.CHECK_ELIGIBILITY:
            reasons.append(f"The case was closed on {uk_date(case.referral.closed_at.date())}.")
        reasons += _NEEDS[action](case, user, today)
    return ActionCheck(action=action, label=ACTION_LABELS[action], allowed=not reasons, reasons=reasons)


def allowed_actions(case: CaseRecord, user: User, today: date) -> list[ActionCheck]:
    """Every action with whether this user may make it on this case now, and why not."""
    return [check(action, case, user, today) for action in Action]


def require(action: Action, case: CaseRecord, user: User, today: date) -> None:
    """Raise ActionRefused, in plain words, unless the action is allowed."""
    result = check(action, case, user, today)
    if result.allowed:
        return
    if role_refusal(action, user) is not None:
        raise ActionRefused(result.reasons[0])
    message = f"You cannot {result.label} on this case yet. " + " ".join(result.reasons)
    raise ActionRefused(message, result.reasons)
