"""What is handed over after sentence: the leaflet with the next appointment given at sentence
(DRR/ATR service description, "Sentence": "the person understands the sentence and is provided
with a CSTR leaflet (language appropriate/easy read if necessary) along with the date/time of
the next appointment"), and the treatment plan sent to the offender manager (Manual §4.7: "a
treatment plan will be provided to the Offender Manager which may be presented in court").
Each is recorded when done and corrected by amendment; the deadlines are in `duties`.
`next_appointment` gives the leaflet's default appointment.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from cstr_desk import clock
from cstr_desk.domain import CaseRecord, LeafletGiven, TreatmentPlanSent
from cstr_desk.reports.appointment import next_appointment
from cstr_desk.ukdates import london_date
from cstr_desk.workflow.operations import Changed, apply_change, refuse_entry, resolve_today
from cstr_desk.workflow.pathway import Action, require_role
from cstr_desk.workflow.treatment import is_cstr

__all__ = ["leaflet_problems", "next_appointment", "record_leaflet", "record_treatment_plan_sent"]

if TYPE_CHECKING:
    from cstr_desk.store import Session


def _require(session: Session, action: Action) -> None:
    require_role(action, session.user)


def leaflet_problems(case: CaseRecord, leaflet: LeafletGiven, today: date) -> list[str]:
    if case.sentence is None or not is_cstr(case.sentence):
        return ["Record a sentence with a treatment requirement first: the leaflet is given at "
                "sentence."]
    problems = []
    if leaflet.given_on < case.sentence.sentenced_on:
        problems.append("The leaflet is dated before the sentence.")
    if leaflet.given_on > today:
        problems.append("The date the leaflet was given is in the future.")
    if london_date(leaflet.next_appointment_at) < leaflet.given_on:
        problems.append("The next appointment is before the day the leaflet was given.")
    if not leaflet.next_appointment_place.strip():
        problems.append("Say where the next appointment is.")
    return problems


def record_leaflet(session: Session, leaflet: LeafletGiven,
                   today: date | None = None) -> Changed[LeafletGiven]:
    def write(case: CaseRecord) -> LeafletGiven:
        _require(session, Action.RECORD_LEAFLET)
        refuse_entry("leaflet", leaflet_problems(case, leaflet, resolve_today(today)))
        return session.record_leaflet(leaflet.model_copy(update={
            "language": leaflet.language.strip(),
            "next_appointment_place": leaflet.next_appointment_place.strip(),
            "recorded_by": session.user.id or 0, "recorded_at": clock.utc_now()}))

    return apply_change(session, leaflet.referral_id, None, today, write)


def record_treatment_plan_sent(session: Session, sent: TreatmentPlanSent,
                               today: date | None = None) -> Changed[TreatmentPlanSent]:
    def write(case: CaseRecord) -> TreatmentPlanSent:
        _require(session, Action.RECORD_TREATMENT_PLAN_SENT)
        problems = [] if sent.sent_to.strip() else ["Say which offender manager it was sent to."]
        if case.sentence is None:
            problems.append("Record the sentence first: the plan goes to the offender manager "
                            "of the order.")
        elif sent.sent_on < case.sentence.sentenced_on:
            problems.append("The plan is dated before the sentence.")
        if sent.sent_on > resolve_today(today):
            problems.append("The date sent is in the future.")
        refuse_entry("treatment plan sent", problems)
        return session.record_treatment_plan_sent(sent.model_copy(update={
            "sent_to": sent.sent_to.strip(), "notes": sent.notes.strip(),
            "recorded_by": session.user.id or 0, "recorded_at": clock.utc_now()}))

    return apply_change(session, sent.referral_id, None, today, write)
