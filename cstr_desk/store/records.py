"""Rows to models and back: the clinical records kept as validated JSON documents, and the
amendments laid over them when they are read.

Records whose inner structure the workflow owns (assessment topics, consent acknowledgements,
decision reasons) are stored as the model's own JSON, checked by pydantic on the way in and
out, with the referral id in a column for joins. People, referrals and questionnaire answers
have real columns because they are searched and counted.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from cstr_desk.domain import (
    Adjournment, Amendment, AnswerRecord, Breach, ClinicalLeadDecision, ConsentRecord, ContactPreferences,
    CourtReview, GpRegistrationCheck, LeafletGiven, MissedFollowUp, TreatmentPlanSent,
    DrugTest, DrugTestSchedule, FinalSentenceReview, FollowUp, JointMeeting,
    PractitionerAssessment, ProviderAcceptance, PsrProposal, ReportIssued, ReviewHearing, SafeguardingReferral, SentenceOutcome,
    TreatmentCompletion, TreatmentSession, TreatmentStart,
)
from cstr_desk import clock
from cstr_desk.store.connection import Database
from cstr_desk.store.errors import InvalidRecord, NotFound

DOCUMENTS: dict[str, tuple[str, type[BaseModel]]] = {
    "assessment": ("assessments", PractitionerAssessment),
    "consent": ("consents", ConsentRecord),
    "decision": ("decisions", ClinicalLeadDecision),
    "provider_acceptance": ("provider_acceptances", ProviderAcceptance),
    "report": ("reports_issued", ReportIssued),
    "psr_proposal": ("psr_proposals", PsrProposal),
    "sentence": ("sentences", SentenceOutcome),
    "adjournment": ("adjournments", Adjournment),
    "session": ("treatment_sessions", TreatmentSession),
    "breach": ("breaches", Breach),
    "completion": ("completions", TreatmentCompletion),
    "follow_up": ("follow_ups", FollowUp),
    "treatment_start": ("treatment_starts", TreatmentStart),
    "drug_test": ("drug_tests", DrugTest),
    "test_schedule": ("drug_test_schedules", DrugTestSchedule),
    "meeting": ("joint_meetings", JointMeeting),
    "review_hearing": ("review_hearings", ReviewHearing),
    "court_review": ("court_reviews", CourtReview),
    "final_review": ("final_reviews", FinalSentenceReview),
    "safeguarding": ("safeguarding_referrals", SafeguardingReferral),
    "contact_preferences": ("contact_preferences", ContactPreferences),
    "missed_follow_up": ("missed_follow_ups", MissedFollowUp),
    "treatment_plan_sent": ("treatment_plans_sent", TreatmentPlanSent),
    "leaflet": ("leaflets_given", LeafletGiven),
    "gp_check": ("gp_registration_checks", GpRegistrationCheck),
}
_OWN_COLUMNS = {"consent": {"withdrawn_at", "withdrawal_reason"}}
_NOT_AMENDABLE = {"id", "referral_id", "person_id"}


def utc_now() -> datetime:
    return clock.utc_now()


def iso_time(moment: datetime | None) -> str | None:
    """Stored times are UTC; a naive time is taken to be UTC already (the contract)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC).isoformat()
    return moment.astimezone(UTC).isoformat()


def parse_time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def parse_date(text: str) -> date:
    return date.fromisoformat(text)


def body_of(kind: str, record: BaseModel) -> str:
    return record.model_dump_json(exclude={"id", *_OWN_COLUMNS.get(kind, set())})


def insert_document(db: Database, kind: str, record: BaseModel) -> BaseModel:
    table, _ = DOCUMENTS[kind]
    cursor = db.execute(f"INSERT INTO {table} (referral_id, body) VALUES (?, ?)",
                        (record.referral_id, body_of(kind, record)))
    return record.model_copy(update={"id": cursor.lastrowid})


def _from_row(kind: str, row: tuple) -> BaseModel:
    _, model = DOCUMENTS[kind]
    record_id, body, *own = row
    data = json.loads(body)
    if kind == "consent":
        data["withdrawn_at"], data["withdrawal_reason"] = own
    return model.model_validate({**data, "id": record_id})


def _select(kind: str) -> str:
    table, _ = DOCUMENTS[kind]
    extra = ", withdrawn_at, withdrawal_reason" if kind == "consent" else ""
    return f"SELECT id, body{extra} FROM {table}"


def load_document(db: Database, kind: str, record_id: int) -> BaseModel:
    row = db.row(_select(kind) + " WHERE id = ?", (record_id,))
    if row is None:
        raise NotFound()
    return apply_amendments(_from_row(kind, row), amendments_for(db, kind, record_id))


def documents_for_referral(db: Database, kind: str, referral_id: int) -> list[BaseModel]:
    rows = db.rows(_select(kind) + " WHERE referral_id = ? ORDER BY id", (referral_id,))
    return [apply_amendments(_from_row(kind, row), amendments_for(db, kind, row[0]))
            for row in rows]


def amendments_for(db: Database, record_type: str, record_id: int) -> list[Amendment]:
    rows = db.rows("SELECT id, record_type, record_id, field, old_value, new_value, reason, "
                   "amended_by, amended_at FROM amendments WHERE record_type = ? AND "
                   "record_id = ? ORDER BY id", (record_type, record_id))
    return [amendment_from_row(row) for row in rows]


def amendment_from_row(row: tuple) -> Amendment:
    i, rt, ri, field, old, new, reason, by, at = row
    return Amendment(id=i, record_type=rt, record_id=ri, field=field, old_value=old,
                     new_value=new, reason=reason, amended_by=by, amended_at=parse_time(at))


def value_as_text(value: Any) -> str | None:
    """How a field's value is written in an amendment: text as it is, anything else as JSON."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def with_field(record: BaseModel, field: str, new_value: str | None) -> BaseModel:
    """The record with one field replaced, validated; text that is not valid for the field
    is tried as JSON (for numbers, true/false, lists)."""
    if field in _NOT_AMENDABLE or field not in type(record).model_fields:
        raise InvalidRecord(f"“{field}” is not a part of this record that can be corrected.")
    data = record.model_dump(mode="json")
    try:
        return type(record).model_validate({**data, field: new_value})
    except ValidationError:
        pass
    try:
        return type(record).model_validate({**data, field: json.loads(new_value or "null")})
    except (ValidationError, ValueError):
        raise InvalidRecord(f"“{new_value}” is not a valid value for {field}.") from None


def apply_amendments(record: BaseModel, amendments: list[Amendment]) -> BaseModel:
    for amendment in amendments:
        if amendment.field.startswith("answers."):
            question = amendment.field.removeprefix("answers.")
            value = None if amendment.new_value is None else int(amendment.new_value)
            answers = dict(record.answers)
            answers[question] = AnswerRecord(question=question, value=value,
                                             recorded_at=amendment.amended_at,
                                             recorded_by=amendment.amended_by)
            record = record.model_copy(update={"answers": answers})
        else:
            record = with_field(record, amendment.field, amendment.new_value)
    return record


def insert_amendment(db: Database, amendment: Amendment, person_id: int | None) -> Amendment:
    cursor = db.execute(
        "INSERT INTO amendments (record_type, record_id, person_id, field, old_value, "
        "new_value, reason, amended_by, amended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (amendment.record_type, amendment.record_id, person_id, amendment.field,
         amendment.old_value, amendment.new_value, amendment.reason, amendment.amended_by,
         iso_time(amendment.amended_at)))
    return amendment.model_copy(update={"id": cursor.lastrowid})
