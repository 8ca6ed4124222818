"""Does the person meet the criteria for an MHTR, a DRR, an ATR or an allowed combination?

Pure rules over `EligibilityFacts` (gathered from a case by `facts_from_case`). Each rule gives
"meets the criteria", "does not meet" or "needs checking" with the rule's words and its source,
so the screen can show why. The court decides; this says what the record supports. Sources:
DOMAIN.md "Eligibility rules"; Manual §3.2 and §4.1; the 2014 guidance "Supporting community
order treatment requirements"; the CSTR DRR/ATR service description.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

import scoring
from cstr_desk.domain import (
    CaseRecord,
    CommunityOrderLevel,
    DecisionOutcome,
    OrderType,
    Plea,
    Requirement,
    SiteSettings,
)
from cstr_desk.workflow.pathway import ADULT_AGE, completed_administrations, consent_in_force
from cstr_desk.workflow.postcodes import is_served, outward_code, postcode_area, read_served_postcodes
from scoring.result import FlagCode

MANUAL_3_2_1 = "Manual §3.2.1 (sentencing: general principles)"
MANUAL_3_2_3 = "Manual §3.2.3 (community order requirements)"
MANUAL_3_2_4 = "Manual §3.2.4 (MHTR; Criminal Justice Act 2003 s.207)"
MANUAL_4_1 = "Manual §4.1 (eligibility check and screening)"
MANUAL_4_4 = "Manual §4.4 (Clinical Lead approval)"
MANUAL_4_5_1 = "Manual §4.5.1 (timeframe for treatment delivery)"
GUIDANCE_2014_DRR = "2014 guidance, DRR eligibility (Criminal Justice Act 2003 s.209)"
GUIDANCE_2014_ATR = "2014 guidance, ATR eligibility (NOMS Alcohol Interventions Guidance 2010)"
SERVICE_DESCRIPTION = "DRR/ATR service description (eligibility; combined orders)"

# Manual §4.5.1: "a maximum of three years as part of a Community Order and two years as part
# of a Suspended Sentence Order".
MAX_LENGTH_MONTHS: dict[OrderType, int] = {
    OrderType.COMMUNITY_ORDER: 36,
    OrderType.SUSPENDED_SENTENCE_ORDER: 24,
}
# 2014 guidance: AUDIT 20+ indicates possible dependence; 18-19 may warrant investigation.
AUDIT_DEPENDENCE_AT = 20
AUDIT_INVESTIGATE_AT = 18
# Manual §3.2.3, 2014 guidance: court reviews are mandatory for a DRR over 12 months.
DRR_REVIEW_MANDATORY_OVER_MONTHS = 12

SINGLE: tuple[tuple[Requirement, ...], ...] = ((Requirement.MHTR,), (Requirement.DRR,), (Requirement.ATR,))
# DRR/ATR service description: combined orders are "a MHTR with a DRR or an ATR".
ALLOWED_COMBINATIONS: tuple[tuple[Requirement, ...], ...] = (
    (Requirement.MHTR, Requirement.DRR),
    (Requirement.MHTR, Requirement.ATR),
)
_ORDER = {Requirement.MHTR: 0, Requirement.DRR: 1, Requirement.ATR: 2}


class Verdict(StrEnum):
    MEETS = "meets"
    NEEDS_CHECKING = "needs_checking"
    DOES_NOT_MEET = "does_not_meet"


VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.MEETS: "meets the criteria",
    Verdict.NEEDS_CHECKING: "needs checking",
    Verdict.DOES_NOT_MEET: "does not meet",
}
_SEVERITY = {Verdict.MEETS: 0, Verdict.NEEDS_CHECKING: 1, Verdict.DOES_NOT_MEET: 2}


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EligibilityFacts(Frozen):
    date_of_birth: date
    plea: Plea
    imprisonable_offence: bool | None = None
    community_order_level: CommunityOrderLevel | None = None
    order_type: OrderType | None = None
    gp_registered: bool | None = None
    postcode: str | None = None
    site_postcode_areas: tuple[str, ...] = ()
    mental_health_need: bool | None = None
    audit_total: int | None = Field(default=None, ge=0, le=40)
    auditc_positive: bool | None = None
    drug_misuse: bool | None = None
    consented_requirements: tuple[Requirement, ...] | None = None
    clinical_lead_outcome: DecisionOutcome | None = None
    proposed: tuple[Requirement, ...] = ()
    length_months: int | None = Field(default=None, ge=1)


class Finding(Frozen):
    rule: str
    verdict: Verdict
    detail: str
    source: str


class RequirementResult(Frozen):
    requirements: tuple[Requirement, ...]
    label: str
    verdict: Verdict
    findings: tuple[Finding, ...]
    warnings: tuple[str, ...] = ()


class EligibilityReport(Frozen):
    results: tuple[RequirementResult, ...]
    proposed: RequirementResult | None
    warnings: tuple[str, ...]

    def result_for(self, requirements: tuple[Requirement, ...] | list[Requirement]) -> RequirementResult:
        key = _canonical(requirements)
        for result in (*self.results, *((self.proposed,) if self.proposed else ())):
            if result.requirements == key:
                return result
        raise KeyError(f"no result for {combination_label(key)}")


def _canonical(requirements: tuple[Requirement, ...] | list[Requirement]) -> tuple[Requirement, ...]:
    return tuple(sorted(set(requirements), key=_ORDER.__getitem__))


def combination_label(requirements: tuple[Requirement, ...]) -> str:
    return " + ".join(r.name for r in _canonical(requirements))


def worst(verdicts: list[Verdict]) -> Verdict:
    return max(verdicts, key=_SEVERITY.__getitem__, default=Verdict.MEETS)


# --- rules common to every requirement ------------------------------------------------------


def _age(facts: EligibilityFacts, today: date) -> Finding:
    born = facts.date_of_birth
    age = today.year - born.year - int((today.month, today.day) < (born.month, born.day))
    rule = "Aged 18 or over"
    source = f"{MANUAL_4_1}; {SERVICE_DESCRIPTION}"
    if age >= ADULT_AGE:
        return Finding(rule=rule, verdict=Verdict.MEETS, detail=f"Aged {age}.", source=source)
    return Finding(rule=rule, verdict=Verdict.DOES_NOT_MEET, detail=f"Aged {age}: under 18.", source=source)


def _conviction(facts: EligibilityFacts) -> Finding:
    rule = "Pleaded guilty or found guilty after trial"
    verdict, detail = {
        Plea.GUILTY: (Verdict.MEETS, "Pleaded guilty."),
        Plea.FOUND_GUILTY_AFTER_TRIAL: (Verdict.MEETS, "Found guilty after trial."),
        Plea.NOT_YET_TAKEN: (Verdict.NEEDS_CHECKING, "No plea has been taken yet."),
        Plea.NOT_GUILTY: (Verdict.DOES_NOT_MEET, "Pleaded not guilty; no CSTR unless found guilty after trial."),
    }[facts.plea]
    return Finding(rule=rule, verdict=verdict, detail=detail, source=f"{MANUAL_3_2_1}; {MANUAL_4_1}")


def _order_range(facts: EligibilityFacts) -> Finding:
    rule = "Offence in the community order or suspended sentence order range"
    source = f"{MANUAL_3_2_1}; {MANUAL_4_1}"
    if facts.order_type == OrderType.SUSPENDED_SENTENCE_ORDER:
        return Finding(rule=rule, verdict=Verdict.MEETS, detail="A suspended sentence order is proposed.", source=source)
    if facts.community_order_level is not None:
        detail = f"Community order range, {facts.community_order_level.value} level."
        return Finding(rule=rule, verdict=Verdict.MEETS, detail=detail, source=source)
    return Finding(
        rule=rule, verdict=Verdict.NEEDS_CHECKING, source=source,
        detail="Neither a community order level nor a suspended sentence order is recorded.",
    )


def _imprisonable(facts: EligibilityFacts) -> Finding:
    # Manual §3.2.1: no power to make a community order for a non-imprisonable offence; §3.2.4:
    # an MHTR needs an offence punishable with imprisonment.
    rule = "Offence punishable with imprisonment"
    source = f"{MANUAL_3_2_1}; {MANUAL_3_2_4}"
    if facts.imprisonable_offence is None:
        return Finding(rule=rule, verdict=Verdict.NEEDS_CHECKING, detail="Not recorded.", source=source)
    if facts.imprisonable_offence:
        return Finding(rule=rule, verdict=Verdict.MEETS, detail="Imprisonable offence.", source=source)
    return Finding(rule=rule, verdict=Verdict.DOES_NOT_MEET, detail="The offence is not imprisonable.", source=source)


def _length(facts: EligibilityFacts) -> Finding:
    rule = "Length at most 3 years in a community order, 2 years in a suspended sentence order"
    length, order = facts.length_months, facts.order_type
    if length is None:
        return Finding(rule=rule, verdict=Verdict.NEEDS_CHECKING, detail="No length proposed yet.", source=MANUAL_4_5_1)
    if order is None:
        most = max(MAX_LENGTH_MONTHS.values())
        shortest = min(MAX_LENGTH_MONTHS.values())
        if length > most:
            verdict, detail = Verdict.DOES_NOT_MEET, f"{length} months is over 3 years."
        elif length > shortest:
            verdict, detail = Verdict.NEEDS_CHECKING, f"{length} months is too long for a suspended sentence order; the order type is not recorded."
        else:
            verdict, detail = Verdict.MEETS, f"{length} months."
        return Finding(rule=rule, verdict=verdict, detail=detail, source=MANUAL_4_5_1)
    most = MAX_LENGTH_MONTHS[order]
    order_name = "community order" if order == OrderType.COMMUNITY_ORDER else "suspended sentence order"
    if length > most:
        detail = f"{length} months is over the {most}-month maximum in a {order_name}."
        return Finding(rule=rule, verdict=Verdict.DOES_NOT_MEET, detail=detail, source=MANUAL_4_5_1)
    return Finding(rule=rule, verdict=Verdict.MEETS, detail=f"{length} months in a {order_name}.", source=MANUAL_4_5_1)


def _willing(facts: EligibilityFacts, requirement: Requirement) -> Finding:
    rule = f"Expressed willingness to comply with the {requirement.name} (consent)"
    source = f"{MANUAL_4_1}; {MANUAL_3_2_3}"
    if facts.consented_requirements is None:
        return Finding(rule=rule, verdict=Verdict.NEEDS_CHECKING, detail="No consent in force yet.", source=source)
    if requirement in facts.consented_requirements:
        return Finding(rule=rule, verdict=Verdict.MEETS, detail=f"Consented to the {requirement.name}.", source=source)
    detail = f"The consent in force does not cover the {requirement.name}."
    return Finding(rule=rule, verdict=Verdict.NEEDS_CHECKING, detail=detail, source=source)


# --- rules for each requirement -------------------------------------------------------------


def _yes_no(value: bool | None, rule: str, source: str, yes: str, no: str, unknown: str) -> Finding:
    if value is None:
        return Finding(rule=rule, verdict=Verdict.NEEDS_CHECKING, detail=unknown, source=source)
    verdict = Verdict.MEETS if value else Verdict.DOES_NOT_MEET
    return Finding(rule=rule, verdict=verdict, detail=yes if value else no, source=source)


def _mhtr(facts: EligibilityFacts) -> list[Finding]:
    findings = [
        _yes_no(
            facts.mental_health_need,
            "A mental condition that requires and may be susceptible to treatment, not warranting "
            "a hospital or guardianship order (Mental Health Act 1983)",
            f"{MANUAL_3_2_4}; {MANUAL_4_1}",
            "The practitioner assessment records a mental health need.",
            "The practitioner assessment records no mental health need for an MHTR.",
            "The practitioner assessment has not recorded a mental health need yet.",
        ),
        # Manual §4.1: "GP registration is a pre-requisite condition of an MHTR being used".
        _yes_no(
            facts.gp_registered,
            "Registered with a GP (or registration arranged before treatment starts)",
            MANUAL_4_1,
            "Registered with a GP.",
            "Not registered with a GP: arrange registration before an MHTR can be proposed.",
            "GP registration is not recorded.",
        ),
        _postcode(facts),
        _yes_no(
            None if facts.clinical_lead_outcome is None else facts.clinical_lead_outcome == DecisionOutcome.TREAT,
            "Arrangements for treatment have been or can be made (Clinical Lead agrees to treat)",
            f"{MANUAL_3_2_4}; {MANUAL_4_4}",
            "The Clinical Lead decided to treat.",
            "The Clinical Lead declined to treat.",
            "The Clinical Lead has not decided yet.",
        ),
    ]
    return findings


def _postcode(facts: EligibilityFacts) -> Finding:
    # Manual §4.1: "if they live and reside within the post code area that the CSTR site is
    # operating ... there should be no reason why CSTR cannot be offered".
    rule = "Lives within the site's postcode areas"
    served = read_served_postcodes(list(facts.site_postcode_areas))
    if not facts.postcode:
        return Finding(rule=rule, verdict=Verdict.NEEDS_CHECKING, detail="No postcode recorded.", source=MANUAL_4_1)
    if postcode_area(facts.postcode) is None:
        detail = f"'{facts.postcode}' is not a full UK postcode."
        return Finding(rule=rule, verdict=Verdict.NEEDS_CHECKING, detail=detail, source=MANUAL_4_1)
    if not served.entries:
        detail = "The site's postcode areas are not set (ask the administrator)."
        return Finding(rule=rule, verdict=Verdict.NEEDS_CHECKING, detail=detail, source=MANUAL_4_1)
    if is_served(facts.postcode, served):
        detail = f"{facts.postcode.upper()} is in the site's area ({outward_code(facts.postcode)})."
        return Finding(rule=rule, verdict=Verdict.MEETS, detail=detail, source=MANUAL_4_1)
    detail = (f"{facts.postcode.upper()} is outside the postcodes the site serves "
              f"({', '.join(served.entries)}).")
    return Finding(rule=rule, verdict=Verdict.DOES_NOT_MEET, detail=detail, source=MANUAL_4_1)


def _drr(facts: EligibilityFacts) -> list[Finding]:
    return [
        _yes_no(
            facts.drug_misuse,
            "Dependent on or with a propensity to misuse drugs, requiring and susceptible to treatment",
            f"{GUIDANCE_2014_DRR}; {SERVICE_DESCRIPTION}",
            "Drug misuse is recorded.",
            "No drug misuse is recorded.",
            "Drug misuse has not been asked about or recorded.",
        )
    ]


def _atr(facts: EligibilityFacts) -> list[Finding]:
    rule = "Dependent on alcohol (AUDIT 20 or more indicates possible dependence; 18-19 warrants investigation)"
    total = facts.audit_total
    if total is None:
        detail = "No scored AUDIT."
        if facts.auditc_positive:
            detail = "The AUDIT-C screen is positive but no full AUDIT is scored: complete the AUDIT."
        return [Finding(rule=rule, verdict=Verdict.NEEDS_CHECKING, detail=detail, source=GUIDANCE_2014_ATR)]
    if total >= AUDIT_DEPENDENCE_AT:
        verdict, detail = Verdict.MEETS, f"AUDIT {total}: possible dependence, supports an ATR."
    elif total >= AUDIT_INVESTIGATE_AT:
        verdict, detail = Verdict.NEEDS_CHECKING, f"AUDIT {total}: investigate suitability for an ATR."
    else:
        # 2014 guidance: those not dependent are better served by other requirements (RAR).
        verdict, detail = Verdict.DOES_NOT_MEET, f"AUDIT {total}: below 18, does not indicate dependence."
    return [Finding(rule=rule, verdict=verdict, detail=detail, source=GUIDANCE_2014_ATR)]


_SPECIFIC = {Requirement.MHTR: _mhtr, Requirement.DRR: _drr, Requirement.ATR: _atr}


# --- combinations -------------------------------------------------------------------------


def _combination(requirements: tuple[Requirement, ...]) -> Finding | None:
    if len(requirements) < 2:
        return None
    rule = "Combined treatment requirements: an MHTR with a DRR, or an MHTR with an ATR"
    source = f"{SERVICE_DESCRIPTION}; DOMAIN.md 'Eligibility rules'"
    if requirements in ALLOWED_COMBINATIONS:
        detail = f"{combination_label(requirements)} is an allowed combination."
        return Finding(rule=rule, verdict=Verdict.MEETS, detail=detail, source=source)
    detail = f"{combination_label(requirements)} cannot be given together: a DRR and an ATR are never combined."
    return Finding(rule=rule, verdict=Verdict.DOES_NOT_MEET, detail=detail, source=source)


def _warnings(facts: EligibilityFacts, requirements: tuple[Requirement, ...]) -> tuple[str, ...]:
    warnings = []
    sso = facts.order_type == OrderType.SUSPENDED_SENTENCE_ORDER
    if len(requirements) >= 2 and not sso and facts.community_order_level != CommunityOrderLevel.MEDIUM \
            and facts.community_order_level != CommunityOrderLevel.HIGH:
        # Manual §3.2.1 and the service description: a guideline, so warn; the court decides.
        level = "is not known yet" if facts.community_order_level is None else "is low"
        warnings.append(
            f"Two treatment requirements are generally for offences at the medium community "
            f"order level or above; the level {level}. The court has discretion (Manual §3.2.1)."
        )
    if (
        Requirement.DRR in requirements
        and facts.length_months is not None
        and facts.length_months > DRR_REVIEW_MANDATORY_OVER_MONTHS
    ):
        warnings.append("A DRR over 12 months must have court reviews (Manual §3.2.3).")
    return tuple(warnings)


def judge(facts: EligibilityFacts, requirements: tuple[Requirement, ...] | list[Requirement], today: date) -> RequirementResult:
    """The verdict for one requirement or one combination of requirements."""
    key = _canonical(requirements)
    if not key:
        raise ValueError("name at least one requirement to judge")
    findings = [_age(facts, today), _conviction(facts), _order_range(facts), _imprisonable(facts), _length(facts)]
    combination = _combination(key)
    if combination is not None:
        findings.append(combination)
    for requirement in key:
        findings.append(_willing(facts, requirement))
        findings.extend(_SPECIFIC[requirement](facts))
    return RequirementResult(
        requirements=key,
        label=combination_label(key),
        verdict=worst([f.verdict for f in findings]),
        findings=tuple(findings),
        warnings=_warnings(facts, key),
    )


def check_eligibility(facts: EligibilityFacts, today: date) -> EligibilityReport:
    results = tuple(judge(facts, r, today) for r in (*SINGLE, *ALLOWED_COMBINATIONS))
    proposed = judge(facts, facts.proposed, today) if facts.proposed else None
    warnings: list[str] = []
    for result in (*results, *((proposed,) if proposed else ())):
        warnings.extend(w for w in result.warnings if w not in warnings)
    return EligibilityReport(results=results, proposed=proposed, warnings=tuple(warnings))


# --- facts from the record ------------------------------------------------------------------


def latest_audit(case: CaseRecord) -> tuple[int | None, bool | None]:
    """The latest scored AUDIT total, and whether the latest scored AUDIT-C was positive."""
    total = None
    for administration in _latest_first(case, "audit"):
        result = scoring.score("audit", administration.item_answers())
        if result.scorable and result.total is not None:
            total = int(result.total)
            break
    auditc_positive = None
    for administration in _latest_first(case, "auditc"):
        result = scoring.score("auditc", administration.item_answers())
        if result.scorable:
            auditc_positive = any(f.code == FlagCode.AUDITC_POSITIVE for f in result.flags)
            break
    return total, auditc_positive


def _latest_first(case: CaseRecord, instrument_id: str) -> list:
    done = completed_administrations(case, instrument_id)
    return sorted(done, key=lambda a: a.completed_at or a.started_at, reverse=True)


def facts_from_case(
    case: CaseRecord, settings: SiteSettings, proposed: list[Requirement], length_months: int | None
) -> EligibilityFacts:
    """`length_months` None takes the length recorded on the referral, else the PSR's."""
    if length_months is None:
        length_months = case.referral.proposed_length_months or (
            case.psr_proposal.length_months if case.psr_proposal is not None else None)
    assessment = case.assessment
    gp_registered = assessment.gp_registered if assessment is not None else None
    if gp_registered is None and (case.person.gp_practice or "").strip():
        gp_registered = True
    consent = consent_in_force(case)
    audit_total, auditc_positive = latest_audit(case)
    return EligibilityFacts(
        date_of_birth=case.person.date_of_birth,
        plea=case.referral.plea,
        imprisonable_offence=case.referral.imprisonable_offence,
        community_order_level=case.referral.community_order_level,
        order_type=case.referral.proposed_order_type,
        gp_registered=gp_registered,
        postcode=case.person.postcode,
        site_postcode_areas=tuple(settings.postcode_areas),
        mental_health_need=assessment.mental_health_need if assessment is not None else None,
        audit_total=audit_total,
        auditc_positive=auditc_positive,
        drug_misuse=assessment.drug_misuse if assessment is not None else None,
        consented_requirements=tuple(consent.requirements_consented) if consent is not None else None,
        clinical_lead_outcome=case.decision.outcome if case.decision is not None else None,
        proposed=tuple(proposed),
        length_months=length_months,
    )
