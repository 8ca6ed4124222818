"""The breach process after sentence (Manual §4.7; DOMAIN.md step 9), beyond recording the
decision (`treatment_operations.record_breach`): the court's outcome when it is known, and the
breach that withdrawing consent after sentence is (`treatment.breach_for_withdrawal`, made by
`operations.withdraw_consent`). The deadline for the decision is `duties.breach_decision_due`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cstr_desk.domain import Amendment, BreachOutcome, CaseRecord
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.operations import Changed, apply_change, refuse_entry
from cstr_desk.workflow.pathway import Action, require_role

if TYPE_CHECKING:
    from cstr_desk.store import Session

FIRST_RECORDED = "Recorded when known"


def record_breach_outcome(
    session: Session, referral_id: int, breach_id: int, outcome: BreachOutcome, reason: str = "",
) -> Changed[Amendment]:
    """What the court did on a breach returned to it; changing a recorded outcome needs a reason."""

    def write(case: CaseRecord) -> Amendment:
        # Manual §4.7: breach is probation's decision, recorded by whoever is with the case.
        require_role(Action.RECORD_BREACH, session.user)
        breach = next((b for b in case.breaches if b.id == breach_id), None)
        if breach is None:
            raise ActionRefused("That breach is not part of this case any more; please reload the case.")
        problems = []
        if not breach.returned_to_court:
            problems.append("This breach was not returned to court, so the court gave no outcome.")
        if breach.outcome is not None and breach.outcome != outcome and not reason.strip():
            problems.append("Say why the court's outcome recorded before is being changed.")
        if breach.outcome == outcome:
            problems.append("Nothing has changed: that outcome is already recorded.")
        refuse_entry("breach outcome", problems)
        return session.amend("breach", breach_id, "outcome", BreachOutcome(outcome).value,
                             reason.strip() or FIRST_RECORDED)

    return apply_change(session, referral_id, None, None, write)

