"""Facts that arrive as the court day goes on: the plea, whether the offence is imprisonable,
the community order level, the proposed order type and length, and the PSR's proposal.

Screening in the cells usually comes before plea (DOMAIN.md "Facts that arrive as the day goes
on"), so a referral is registered with the plea "not yet taken" and these facts unknown. Each is
recorded when known and corrected later, always as an amendment with who, when and why, so the
case never has to be registered again (which would lose screening, assessment and consent).
A fact recorded for the first time needs no reason; changing a known fact does.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from cstr_desk import clock
from cstr_desk.domain import (
    REFERRAL_COURT_FACTS,
    Amendment,
    CaseRecord,
    NotSuitableReason,
    OrderType,
    Plea,
    PsrProposal,
    Referral,
    Requirement,
)
from cstr_desk.store import Session
from cstr_desk.store.records import value_as_text
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.operations import Changed, apply_change, refuse_entry
from cstr_desk.workflow.pathway import Action

# Stored as the amendment's reason when a fact is recorded for the first time (it was unknown).
FIRST_RECORDED = "Recorded when known"
CONVICTED = (Plea.GUILTY, Plea.FOUND_GUILTY_AFTER_TRIAL)
FACT_LABELS: dict[str, str] = {
    "plea": "plea",
    "imprisonable_offence": "whether the offence is imprisonable",
    "community_order_level": "community order level",
    "proposed_order_type": "proposed order type",
    "proposed_length_months": "proposed length",
}
EXPAND_REASONS = (NotSuitableReason.NO_SUITABLE_TREATMENT, NotSuitableReason.PREVIOUSLY_FAILED,
                  NotSuitableReason.OTHER)
# The longest order of each type (DOMAIN.md "Length": 3 years in a CO, 2 in an SSO).
LONGEST_MONTHS = {OrderType.COMMUNITY_ORDER: 36, OrderType.SUSPENDED_SENTENCE_ORDER: 24}


def is_unknown(field: str, value: object) -> bool:
    """Not known yet: a rule that needs it says so, never "no" (DOMAIN.md)."""
    return value is None or (field == "plea" and value == Plea.NOT_YET_TAKEN)


def court_fact_problems(case: CaseRecord, changes: Mapping[str, object], reason: str) -> list[str]:
    problems = [f"“{field}” is not one of the court facts." for field in changes
                if field not in REFERRAL_COURT_FACTS]
    referral = case.referral
    corrected = [f for f in changes if f in REFERRAL_COURT_FACTS
                 and not is_unknown(f, getattr(referral, f)) and getattr(referral, f) != changes[f]]
    if corrected and not reason.strip():
        problems.append("Say why the " + " and the ".join(FACT_LABELS[f] for f in corrected)
                        + " recorded before " + ("is" if len(corrected) == 1 else "are")
                        + " being changed.")
    plea = changes.get("plea", referral.plea)
    if case.sentence is not None and plea not in CONVICTED:
        # Manual §3.2.1: the sentence stands on a guilty plea or a finding of guilt.
        problems.append("The case is sentenced, which needs a guilty plea or a finding of guilt "
                        "(Manual §3.2.1); the plea cannot be changed to that.")
    order = changes.get("proposed_order_type", referral.proposed_order_type)
    length = changes.get("proposed_length_months", referral.proposed_length_months)
    if isinstance(length, int) and isinstance(order, OrderType) and length > LONGEST_MONTHS[order]:
        problems.append(f"{length} months is longer than the law allows for that order "
                        f"({LONGEST_MONTHS[order]} months at most).")
    return problems


def record_court_facts(
    session: Session, referral_id: int, changes: Mapping[str, object], reason: str = "",
    today: date | None = None,
) -> Changed[list[Amendment]]:
    """Records each changed fact as one amendment, all in one transaction. Facts given with
    their current value are left alone, so a screen may send the whole form."""

    def write(case: CaseRecord) -> list[Amendment]:
        refuse_entry("plea and order details", court_fact_problems(case, changes, reason))
        referral = case.referral
        made = []
        for field, value in changes.items():
            if getattr(referral, field) == value:
                continue
            why = reason.strip() or FIRST_RECORDED
            made.append(session.amend_referral(referral_id, field, value_as_text(value), why))
        if not made:
            raise ActionRefused("Nothing has changed: the plea and order details are as recorded.")
        return made

    return apply_change(session, referral_id, Action.RECORD_COURT_FACTS, today, write)


def court_fact_history(case: CaseRecord) -> list[Amendment]:
    """Every recording and correction of the referral's court facts, oldest first."""
    return [a for a in case.amendments
            if a.record_type == "referral" and a.field in REFERRAL_COURT_FACTS]


def unknown_court_facts(referral: Referral) -> list[str]:
    return [f for f in REFERRAL_COURT_FACTS if is_unknown(f, getattr(referral, f))]


# --- the PSR's proposal -------------------------------------------------------------------


def psr_proposal_problems(proposal: PsrProposal) -> list[str]:
    problems = []
    if proposal.proposes_cstr and not proposal.requirements:
        problems.append("Say which treatment requirements the PSR proposes (MHTR, DRR, ATR).")
    if not proposal.proposes_cstr and proposal.requirements:
        problems.append("The PSR does not propose a CSTR, so it proposes no treatment requirement.")
    if {Requirement.DRR, Requirement.ATR} <= set(proposal.requirements):
        # DRR/ATR service description; DOMAIN.md "Combinations".
        problems.append("A DRR and an ATR are never given together.")
    # Process evaluation Annex A: "If no, what were your reasons ... (please expand reasons)".
    if proposal.suitable_for_cstr is False and proposal.not_suitable_reason is None:
        problems.append("Say why the person is not suitable for a CSTR.")
    if proposal.not_suitable_reason in EXPAND_REASONS and not proposal.not_suitable_notes.strip():
        problems.append("Please expand on the reason the person is not suitable.")
    if proposal.already_in_treatment and not proposal.already_in_treatment_with.strip():
        problems.append("Say who is treating the person already (e.g. self, OASys, arrest referral, L&D).")
    if (proposal.length_months is not None and proposal.order_type is not None
            and proposal.length_months > LONGEST_MONTHS[proposal.order_type]):
        problems.append(f"{proposal.length_months} months is longer than the law allows for that "
                        f"order ({LONGEST_MONTHS[proposal.order_type]} months at most).")
    return problems


def record_psr_proposal(
    session: Session, referral_id: int, proposes_cstr: bool, requirements: list[Requirement],
    order_type: OrderType | None = None, length_months: int | None = None, notes: str = "",
    today: date | None = None, **pink_slip: object,
) -> Changed[PsrProposal]:
    """The Court Duty Officer records what the PSR proposed, with the rest of the probation
    pink slip (`pink_slip`: the other PsrProposal fields, process evaluation Annex A); counted
    in the monthly return as "recommended for a CSTR by probation in a PSR" (Manual §2.4)."""
    proposal = PsrProposal.model_validate(dict(
        referral_id=referral_id, proposes_cstr=proposes_cstr, requirements=requirements,
        order_type=order_type, length_months=length_months, notes=notes.strip(),
        recorded_by=session.user.id or 0, recorded_at=clock.utc_now(), **pink_slip))

    def write(case: CaseRecord) -> PsrProposal:
        refuse_entry("PSR's proposal", psr_proposal_problems(proposal))
        return session.record_psr_proposal(proposal)

    return apply_change(session, referral_id, Action.RECORD_PSR_PROPOSAL, today, write)
