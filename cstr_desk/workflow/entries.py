"""What a person, a consent, a Clinical Lead decision, a provider's acceptance or a sentence
must itself say before it is
saved.

`pathway` says whether an action may happen on a case; these say whether the record being
entered is whole. Each returns plain-words problems; an empty list means the entry is fine.
"""

from __future__ import annotations

from datetime import date

from cstr_desk.domain import (
    PROVIDER_REQUIREMENTS,
    CaseRecord,
    ClinicalLeadDecision,
    ConsentRecord,
    DecisionChannel,
    OrderType,
    Person,
    ProviderAcceptance,
    Requirement,
    Role,
    SentenceKind,
    SentenceOutcome,
    SentenceRequirement,
    User,
)
from cstr_desk.permissions import decision_channel_allowed
from cstr_desk.store.validation import nhs_number_is_valid, pnc_number_looks_valid
from cstr_desk.ukdates import uk_date
from cstr_desk.workflow.eligibility import MAX_LENGTH_MONTHS
from cstr_desk.workflow.pathway import (
    ADULT_AGE, TREATMENT_REQUIREMENTS, consent_in_force,
)

_ORDER_OF_SENTENCE = {
    SentenceKind.COMMUNITY_ORDER: OrderType.COMMUNITY_ORDER,
    SentenceKind.SUSPENDED_SENTENCE_ORDER: OrderType.SUSPENDED_SENTENCE_ORDER,
}


def person_entry_problems(given_name: str, family_name: str, date_of_birth: date | None,
                          nhs_number: str, pnc_number: str,
                          today: date) -> tuple[list[str], list[str]]:
    """A new person's details: problems stop the save, warnings do not. An under-18 is still
    recorded, since L&D screening counts them, but a CSTR is for adults (Manual §4.1)."""
    problems: list[str] = []
    warnings: list[str] = []
    if not given_name.strip() or not family_name.strip():
        problems.append("Please give the person's given name and family name.")
    if date_of_birth is not None and date_of_birth > today:
        problems.append(f"The date of birth {uk_date(date_of_birth)} is in the future.")
    elif date_of_birth is not None and (age := Person.model_construct(
            date_of_birth=date_of_birth).age_on(today)) < ADULT_AGE:
        warnings.append(f"This person is {age}, under 18. The referral can be recorded for "
                        "Liaison and Diversion, but they are not eligible for a CSTR.")
    nhs, pnc = nhs_number.strip(), pnc_number.strip()
    if nhs and not nhs_number_is_valid(nhs):
        problems.append(f"The NHS number {nhs} is not right: it should be 10 digits and its "
                        "last digit (the check digit) does not match. Please check it.")
    if pnc and not pnc_number_looks_valid(pnc):
        problems.append(f"The PNC number {pnc} should look like 12/3456789A.")
    return problems, warnings


# Screening is for a hearing on the day or soon after (DOMAIN.md "sentencing on the day"); a
# date far from today is more often a slip of the keyboard than an old or distant hearing.
HEARING_PAST_DAYS = 28
HEARING_FUTURE_DAYS = 183


def _distance(days: int) -> str:
    if days >= 730:
        return f"{days // 365} years"
    if days >= 60:
        return f"{days // 30} months"
    return f"{days} days"


def hearing_date_warnings(hearing_date: date | None, today: date) -> list[str]:
    """A hearing long past or far ahead is asked about, not refused: adjourned cases exist."""
    if hearing_date is None:
        return []
    days = (hearing_date - today).days
    if -days > HEARING_PAST_DAYS:
        return [f"The hearing date {uk_date(hearing_date)} is {_distance(-days)} ago. "
                "Please check it."]
    if days > HEARING_FUTURE_DAYS:
        return [f"The hearing date {uk_date(hearing_date)} is {_distance(days)} away. "
                "Please check it."]
    return []


def decision_entry_problems(decision: ClinicalLeadDecision, user: User) -> list[str]:
    """Manual §4.4: the Clinical Lead decides to treat or decline, giving reasons. A
    practitioner may enter it only as the record of a telephone decision, naming the Lead."""
    problems = []
    if not decision_channel_allowed(user.role, decision.channel):
        problems.append(
            "A practitioner can only record a Clinical Lead's telephone decision; a decision on "
            "this device is recorded by the Clinical Lead."
        )
    if not decision.clinical_lead_name.strip():
        problems.append("Give the Clinical Lead's name.")
    elif (
        user.role == Role.CLINICAL_LEAD
        and decision.channel == DecisionChannel.ON_DEVICE
        and decision.clinical_lead_name.strip() != user.full_name
    ):
        problems.append("A decision made on this device must be in the signed-in Clinical Lead's name.")
    if not decision.reasons and not decision.reason_notes.strip():
        problems.append("Give the reasons for the decision (Manual §4.4).")
    if decision.discussed_at > decision.recorded_at:
        problems.append("The time of the discussion is after the time the decision was recorded.")
    return problems + _recommendation_problems(decision)


def _recommendation_problems(decision: ClinicalLeadDecision) -> list[str]:
    """The structured recommendation (Manual §4.5.1): combinations as the DRR/ATR service
    description allows them, a length the order can hold."""
    problems = []
    recommended = set(decision.recommended_requirements)
    if {Requirement.DRR, Requirement.ATR} <= recommended:
        problems.append("A DRR and an ATR cannot be recommended together.")
    order, length = decision.recommended_order_type, decision.recommended_length_months
    if order is not None and length is not None and length > MAX_LENGTH_MONTHS[order]:
        years = MAX_LENGTH_MONTHS[order] // 12
        problems.append(f"A requirement in this order can last at most {years} years (Manual §4.5.1).")
    return problems


def consent_entry_problems(consent: ConsentRecord, case: CaseRecord, today: date) -> list[str]:
    """Manual §4.3 and Appendix 2 (combined consent)."""
    problems = []
    if not consent.requirements_assessed_for:
        problems.append("Say which requirements the person is being assessed for (Appendix 2).")
    if not set(consent.requirements_consented) <= set(consent.requirements_assessed_for):
        problems.append("The person can only consent to requirements they were assessed for.")
    if {Requirement.DRR, Requirement.ATR} <= set(consent.requirements_consented):
        # DRR/ATR service description: combined orders are an MHTR with a DRR or an ATR.
        problems.append("A DRR and an ATR cannot be given together, so consent cannot cover both.")
    if consent.signature_svg is None and not (
        (consent.verbal_consent_witness or "").strip() and (consent.verbal_consent_reason or "").strip()
    ):
        problems.append("Without a signature, give the witness to verbal consent and why it was verbal.")
    if consent.consented_at.date() > today:
        problems.append("The consent date is in the future.")
    if consent.referral_id != case.referral.id:
        problems.append("This consent belongs to a different referral.")
    return problems


def provider_acceptance_entry_problems(acceptance: ProviderAcceptance, case: CaseRecord) -> list[str]:
    """Manual §2.4: the provider's approval of a DRR or ATR, with the reasons for accepting or
    declining; the person must have been assessed for it with consent (Appendix 2)."""
    problems = []
    chosen = set(acceptance.requirements)
    if not chosen <= set(PROVIDER_REQUIREMENTS):
        problems.append("A treatment provider's acceptance is for a DRR or an ATR; the MHTR "
                        "is the Clinical Lead's decision (Manual §4.4).")
    consent = consent_in_force(case)
    assessed_for = set(consent.requirements_assessed_for) if consent is not None else set()
    missing = sorted(r.name for r in chosen & set(PROVIDER_REQUIREMENTS) - assessed_for)
    if missing:
        problems.append(f"The person did not consent to be assessed for the {' or '.join(missing)}.")
    if not acceptance.provider_name.strip():
        problems.append("Give the treatment provider's name.")
    if not acceptance.accepted and not acceptance.reasons.strip():
        problems.append("Give the provider's reasons for not accepting (Manual §2.4).")
    if acceptance.decided_at > acceptance.recorded_at:
        problems.append("The time of the provider's answer is after the time it was recorded.")
    if acceptance.referral_id != case.referral.id:
        problems.append("This answer belongs to a different referral.")
    return problems


def sentence_entry_problems(outcome: SentenceOutcome, today: date) -> list[str]:
    """Process evaluation Annex A/B ("pink slips"); lengths from Manual §4.5.1."""
    problems = []
    if outcome.sentenced_on > today:
        problems.append("The sentence date is in the future.")
    order = _ORDER_OF_SENTENCE.get(outcome.sentence)
    treatment = TREATMENT_REQUIREMENTS & set(outcome.requirements)
    if order is not None:
        most = MAX_LENGTH_MONTHS[order]
        if outcome.length_months is None:
            problems.append("Give the length of the order in months.")
        elif not 1 <= outcome.length_months <= most:
            problems.append(f"The order's length must be between 1 and {most} months.")
    elif outcome.requirements:
        problems.append("Requirements belong to a community order or a suspended sentence order.")
    if outcome.sentence == SentenceKind.CUSTODY and not outcome.custody_weeks:
        problems.append("Give the custody length in weeks.")
    if {SentenceRequirement.DRR, SentenceRequirement.ATR} <= treatment:
        problems.append("A DRR and an ATR cannot be given together; check what the court ordered.")
    if not treatment and not (outcome.no_cstr_reason or "").strip():
        problems.append("Give the reason no treatment requirement was given (Annex A).")
    return problems
