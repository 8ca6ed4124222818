"""The words for the domain's codes, each list written once (issue 15, item 3: one vocabulary).

Codes live in `domain` (what is stored and compared); the words people read live here, for
the screens, the reports and the exports alike, so a requirement is called the same on the
consent screen, the Responsible Clinician's report and a FHIR Consent. The names are the
statutory ones (Sentencing Act 2020, Schedule 9: "mental health treatment requirement", "drug
rehabilitation requirement", "alcohol treatment requirement", "rehabilitation activity
requirement", "unpaid work requirement", "curfew requirement"), capitalised as the CSTR
documents write them.
"""

from __future__ import annotations

from cstr_desk.domain import (
    DecisionReason, OffenceType, ReferralSource, Requirement, SentenceRequirement,
)

REQUIREMENT_NAMES: dict[Requirement, str] = {
    Requirement.MHTR: "Mental Health Treatment Requirement",
    Requirement.DRR: "Drug Rehabilitation Requirement",
    Requirement.ATR: "Alcohol Treatment Requirement",
}

SENTENCE_REQUIREMENT_NAMES: dict[SentenceRequirement, str] = {
    **{SentenceRequirement(r.value): name for r, name in REQUIREMENT_NAMES.items()},
    SentenceRequirement.RAR: "Rehabilitation Activity Requirement",
    SentenceRequirement.UNPAID_WORK: "Unpaid Work Requirement",
    SentenceRequirement.CURFEW: "Curfew Requirement",
    SentenceRequirement.OTHER: "Another requirement",
}
# The abbreviations everyone at court uses beside the name.
_ABBREVIATED = {SentenceRequirement.MHTR, SentenceRequirement.DRR, SentenceRequirement.ATR,
                SentenceRequirement.RAR}


def requirement_label(requirement: Requirement) -> str:
    """"Mental Health Treatment Requirement (MHTR)"."""
    return f"{REQUIREMENT_NAMES[requirement]} ({requirement.value.upper()})"


def sentence_requirement_label(requirement: SentenceRequirement) -> str:
    name = SENTENCE_REQUIREMENT_NAMES[requirement]
    return f"{name} ({requirement.value.upper()})" if requirement in _ABBREVIATED else name


REFERRAL_SOURCE_NAMES: dict[ReferralSource, str] = {
    ReferralSource.POLICE_CUSTODY: "Police custody",
    ReferralSource.PROBATION: "Probation / court duty officer",
    ReferralSource.LIAISON_DIVERSION: "Liaison and diversion",
    ReferralSource.COURT_STAFF: "Court staff",
    ReferralSource.LEGAL_REPRESENTATIVE: "Legal representative (solicitor)",
    ReferralSource.SUBSTANCE_MISUSE_SERVICE: "Substance misuse service",
    ReferralSource.COMMUNITY_MENTAL_HEALTH: "Community mental health service",
    ReferralSource.SELF_REFERRAL: "Self-referral",
    ReferralSource.IAPT: "IAPT",
    ReferralSource.PSR_AUTHOR: "PSR author",
    ReferralSource.CARER_OR_FAMILY: "Carer or family member",
    ReferralSource.APPROPRIATE_ADULT: "Appropriate adult",
    ReferralSource.OTHER: "Other",
}

# The same sources as a sentence names them ("after a referral from ..."); Other is the free
# text the referrer gave.
REFERRED_BY: dict[ReferralSource, str] = {
    ReferralSource.POLICE_CUSTODY: "police custody",
    ReferralSource.PROBATION: "probation (court duty officer)",
    ReferralSource.LIAISON_DIVERSION: "Liaison and Diversion",
    ReferralSource.COURT_STAFF: "court staff",
    ReferralSource.LEGAL_REPRESENTATIVE: "a legal representative",
    ReferralSource.SUBSTANCE_MISUSE_SERVICE: "a substance misuse service",
    ReferralSource.COMMUNITY_MENTAL_HEALTH: "a community mental health service",
    ReferralSource.SELF_REFERRAL: "themselves (self-referral)",
    ReferralSource.IAPT: "an IAPT (NHS Talking Therapies) service",
    ReferralSource.PSR_AUTHOR: "the author of the pre-sentence report",
    ReferralSource.CARER_OR_FAMILY: "a carer or family member",
    ReferralSource.APPROPRIATE_ADULT: "an appropriate adult",
}

# Offence types in the words of the list the sites use (Manual §3.2.2, "the following list
# provides an overview of different offences typically captured across the existing sites").
OFFENCE_NAMES: dict[OffenceType, str] = {
    OffenceType.PUBLIC_ORDER: "Public Order - Nuisance",
    OffenceType.HARASSMENT: "Harassment",
    OffenceType.DRUG_OFFENCES: "Drug offences",
    OffenceType.CRIMINAL_DAMAGE: "Criminal Damage",
    OffenceType.ARSON: "Arson",
    OffenceType.THEFT: "Theft",
    OffenceType.BURGLARY: "Burglary",
    OffenceType.ROBBERY: "Robbery",
    OffenceType.FRAUD_AND_FORGERY: "Fraud and Forgery",
    OffenceType.OFFENSIVE_WEAPON: "Possession of an offensive weapon",
    OffenceType.FIREARM: "Possession of a firearm",
    OffenceType.VIOLENCE_AGAINST_THE_PERSON: "Violence against the person",
    OffenceType.MURDER_MANSLAUGHTER: "Murder - Manslaughter",
    OffenceType.SEXUAL_OFFENCE: "Sexual Offence",
    OffenceType.BREACH_OF_COURT_ORDER: "Breach Court Order",
    OffenceType.VEHICLE_CRIME: "Vehicle Crime",
    OffenceType.MOTORING: "Motoring Offences",
}

# The Clinical Lead's reasons as the decision screen offers them and the reports print them;
# the citation in brackets goes to the tooltip on screen (ui.plain_words) and stays on paper.
DECISION_REASON_NAMES: dict[DecisionReason, str] = {
    DecisionReason.MEETS_PRIMARY_CARE_CRITERIA:
        "Meets the criteria for a primary care MHTR (Manual §3.2, §4.1)",
    DecisionReason.LIKELY_TO_RESPOND_TO_THERAPY:
        "Mental health need likely to respond to psychological therapy",
    DecisionReason.UNDERSTANDS_AND_WANTS_TO_ENGAGE:
        "The person understands the requirement and wants to engage",
    DecisionReason.RISK_MANAGEABLE_IN_PRIMARY_CARE:
        "Risk can be managed in primary care with the crisis plan",
    DecisionReason.GP_REGISTERED_OR_WILL_BE:
        "Registered with a GP, or a GP will register them before treatment",
    DecisionReason.TREATMENT_AVAILABLE:
        "Treatment can be arranged and a first appointment is available",
    DecisionReason.NEEDS_SECONDARY_CARE:
        "Needs secondary care: severe and enduring condition or high complexity (Manual §2.2)",
    DecisionReason.RISK_BEYOND_PRIMARY_CARE:
        "Risk to self or others beyond what primary care can manage (Manual §2.2)",
    DecisionReason.MAY_WARRANT_HOSPITAL_ORDER:
        "Condition may warrant a hospital or guardianship order (Mental Health Act 1983)",
    DecisionReason.NO_TREATABLE_NEED: "No mental health need that an MHTR would treat",
    DecisionReason.SUBSTANCE_USE_FIRST:
        "Drug or alcohol use needs treating first (consider a DRR or ATR)",
    DecisionReason.NO_GP_AND_CANNOT_REGISTER:
        "Not registered with a GP and cannot register (Manual §4.1)",
    DecisionReason.OUTSIDE_SITE_AREA: "Lives outside the site's area",
    DecisionReason.DOES_NOT_WANT_TO_ENGAGE: "The person does not want to engage",
}
