"""The CSTR pathway: where a case is, what may be done next, and by whom.

A case's stage is never typed in: `derive_stage` reads it from what has been recorded, so the
stage cannot disagree with the record. Who may take each action is the one role × action
table (cstr_desk/permissions.py, which the store enforces too); here each action has the
things it needs first; `allowed_actions` lists them for a screen, `require` refuses in plain
words. Sources: Manual §3.2-§5.3 (primary-care-mhtr-practitioner-manual-2020), Appendix 2 and 3;
DOMAIN.md "Who uses it" and "The pathway".
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
# Action, its labels, the instrument groups and report_action are re-exported: the pathway is
# where screens and operations have always looked for them.
from cstr_desk.permissions import ACTION_LABELS as ACTION_LABELS
from cstr_desk.permissions import ASSESSMENT_INSTRUMENTS as ASSESSMENT_INSTRUMENTS
from cstr_desk.permission_words import role_with_article, who_may
from cstr_desk.permissions import CASE_ACTIONS, may
from cstr_desk.permissions import SCREENING_INSTRUMENTS as SCREENING_INSTRUMENTS
from cstr_desk.permissions import Action as Action
from cstr_desk.permissions import report_action as report_action
from cstr_desk.reports.appointment import next_appointment
from cstr_desk.ukdates import uk_date
from cstr_desk.workflow.errors import ActionRefused

STAGE_ORDER: tuple[Stage, ...] = tuple(Stage)

TREATMENT_REQUIREMENTS = frozenset(
    {SentenceRequirement.MHTR, SentenceRequirement.DRR, SentenceRequirement.ATR}
)
# A CSTR is for adults only (Manual §4.1 "18 years +"; DRR/ATR service description "18 years or over").
ADULT_AGE = 18

# Who may take each action is the one table in cstr_desk/permissions.py; the pathway adds only
# what each needs first. These words name who can when the table's list alone would mislead.
_WHO_CAN_OVERRIDES: dict[Action, str] = {
    Action.RECORD_DECISION: "only a Clinical Lead, or a practitioner recording the Clinical "
    "Lead's telephone decision, can",
    Action.ISSUE_FINAL_PSR: "only a Clinical Lead signs it off, and a Court Duty Officer issues "
    "it once signed off",
}


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


def _needs_provider_acceptance(case: CaseRecord, user: User, today: date) -> list[str]:
    # The provider assesses the person for the placement, which needs their consent to be
    # assessed for it (Manual Appendix 2), and answers before sentence (DOMAIN.md "Facts that
    # arrive as the day goes on").
    reasons = _consent_standing(case) + _not_sentenced(case)
    consent = consent_in_force(case)
    if consent is not None and not set(PROVIDER_REQUIREMENTS) & set(consent.requirements_assessed_for):
        reasons.append("The person was not assessed for a DRR or an ATR, so there is no "
                       "provider's answer to record (Manual §2.4).")
    return reasons


def _needs_draft_psr(case: CaseRecord, user: User, today: date) -> list[str]:
    return _assessment_complete(case) + _not_sentenced(case)


def _decided(case: CaseRecord) -> list[str]:
    # Manual §4.4: the Clinical Lead agrees "a decision to treat or decline, giving reasons",
    # and "this information will be conveyed to Probation ... for inclusion in the
    # Pre-Sentence Report", so a decline is signed off and issued as final as a treat is.
    if case.decision is None:
        return ["The Clinical Lead has not decided yet (Manual §4.4)."]
    return []


def _providers_answered(case: CaseRecord) -> list[str]:
    # Manual §2.4: a DRR or ATR needs its provider's approval besides the Clinical Lead's.
    awaited = case.provider_requirements_awaited()
    if not awaited:
        return []
    names = " and ".join(r.name for r in awaited)
    return [f"The treatment provider's answer on the {names} is not known yet (Manual §2.4)."]


def _needs_final_psr(case: CaseRecord, user: User, today: date) -> list[str]:
    reasons = (_consent_standing(case) + _not_sentenced(case) + _decided(case)
               + _providers_answered(case))
    if user.role == Role.COURT_DUTY_OFFICER and not reasons and not report_signed_off(case):
        reasons.append(f"The Clinical Lead has not signed off the report yet: ask "
                       f"{case.decision.clinical_lead_name} to sign it off on the Clinical Lead "
                       "decision tab.")
    return reasons


def _needs_sign_off(case: CaseRecord, user: User, today: date) -> list[str]:
    reasons = (_consent_standing(case) + _not_sentenced(case) + _decided(case)
               + _providers_answered(case))
    if report_signed_off(case):
        reasons.append("The report is already signed off.")
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
    if not treatment_under_way(case):
        return ["There is no treatment under way to report on."]
    return []


def _needs_court_review(case: CaseRecord, user: User, today: date) -> list[str]:
    # CJA 2003 s.210: the court reviews a DRR; the report is written for a period.
    if case.sentence is None or SentenceRequirement.DRR not in set(case.sentence.requirements):
        return ["Court review reports are for a DRR, and this case has none."]
    if not case.court_reviews:
        return ["No court review is recorded yet: add the period and the contributions first."]
    return []


def _needs_leaflet(case: CaseRecord, user: User, today: date) -> list[str]:
    # DRR/ATR service description, "Sentence": the leaflet goes with the next appointment.
    if case.sentence is None or not has_treatment_requirement(case):
        return ["The leaflet is given at sentence to a treatment requirement, which is not recorded."]
    if next_appointment(case) is None:
        return ["No next appointment is known yet: book the first session, or give the Clinical "
                "Lead's first appointment."]
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


def _who_can(action: Action) -> str:
    if action in _WHO_CAN_OVERRIDES:
        return _WHO_CAN_OVERRIDES[action]
    return f"only {who_may(action)} can"


def role_refusal(action: Action, user: User) -> str | None:
    """Why this user's role may not make the action, or None when it may."""
    if not user.active:
        return f"{user.full_name}'s account is switched off, so it cannot {ACTION_LABELS[action]}."
    if may(user.role, action):
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
    return [check(action, case, user, today) for action in CASE_ACTIONS]


def require(action: Action, case: CaseRecord, user: User, today: date) -> None:
    """Raise ActionRefused, in plain words, unless the action is allowed."""
    result = check(action, case, user, today)
    if result.allowed:
        return
    if role_refusal(action, user) is not None:
        raise ActionRefused(result.reasons[0])
    message = f"You cannot {result.label} on this case yet. " + " ".join(result.reasons)
    raise ActionRefused(message, result.reasons)
