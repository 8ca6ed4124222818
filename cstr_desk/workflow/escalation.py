"""When a screening result means the Court Duty Officer must be told.

DOMAIN.md "The pathway" step 2 (from Manual §4.1): "A score indicating likely distress means the
CDO is told and the MH provider notified once a plea is taken." The K10 "very high" band
(30-50, Andrews and Slade 2001) is the screening result the brief names (issue 14, item 8); the
L&D worker who screened is prompted, and the prompt is recorded in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass

import scoring
from cstr_desk.domain import Administration, AuditAction
from cstr_desk.store import Session
from scoring.result import Band

# instrument -> the band codes that mean "tell the Court Duty Officer now".
TELL_COURT_DUTY_OFFICER: dict[str, frozenset[str]] = {
    "k10": frozenset({"very_high"}),
}


@dataclass(frozen=True)
class Escalation:
    instrument_id: str
    band: Band
    total: float


def escalation_for(administration: Administration) -> Escalation | None:
    """The escalation a completed questionnaire calls for, or None."""
    bands = TELL_COURT_DUTY_OFFICER.get(administration.instrument_id)
    if not bands:
        return None
    result = scoring.score(administration.instrument_id, administration.item_answers())
    if not result.scorable or result.band is None or result.band.code not in bands:
        return None
    return Escalation(administration.instrument_id, result.band, result.total)


def record_escalation_prompt(session: Session, administration: Administration,
                             escalation: Escalation) -> None:
    """The prompt was shown and acknowledged by the signed-in worker: audited, so it can be
    shown later that the Court Duty Officer was to be told."""
    person_id = session.load_case(administration.referral_id).person.id
    session.audit(AuditAction.UPDATE, "administration", administration.id, person_id,
                  detail=f"escalation prompt acknowledged: {escalation.instrument_id} "
                  f"{escalation.band.code} ({escalation.total:g}); tell the Court Duty Officer")
