"""A case as a FHIR R4 transaction Bundle, a month's cases as FHIR Bulk Data NDJSON files.

Exports are personal data leaving the encrypted store, so: only roles that may see the case
(the store's VIEW_CASES check, so not an administrator); every resource checked with the FHIR
model library first (an invalid one stops the export and nothing is written); files written
owner-only through a temporary file renamed into place (`store/outputs.py`); each case exported gets
an EXPORT entry in the audit trail in the same transaction that puts the file in place, so a
file the audit trail does not know of is never left behind.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic_core import to_json

import forms
from cstr_desk.domain import AuditAction, CaseRecord, ConsentRecord, User
from cstr_desk.store import outputs
from cstr_desk.record_identity import ResourceIds
from cstr_desk.workflow.fhir.questionnaires import (
    current_questionnaires, questionnaire, questionnaire_response, score_observations,
)
from cstr_desk.workflow.fhir.records import consent, document_references, patient, pdf_attachment
from cstr_desk.workflow.fhir.validation import ResourceValidator, full_check
from cstr_desk.workflow.monitoring_export import month_range

if TYPE_CHECKING:
    from cstr_desk.store import Session

Progress = Callable[[int, int], None]
# The Bulk Data files, one per resource type, in the order a loader should take them (what is
# referred to before what refers to it).
BULK_TYPES = ("Patient", "Questionnaire", "QuestionnaireResponse", "Observation", "Consent",
              "DocumentReference")
ConsentCopy = Callable[[CaseRecord, ConsentRecord], dict | None]


@dataclass(frozen=True)
class ExportContext:
    ids: ResourceIds
    users: Mapping[int, User]

    @classmethod
    def of(cls, session: Session) -> ExportContext:
        return cls(ResourceIds(uuid.UUID(session.database_uuid())),
                   {u.id: u for u in session.list_users() if u.id is not None})


def case_resources(case: CaseRecord, context: ExportContext,
                   consent_copy: ConsentCopy | None = None) -> list[dict]:
    """Everything the export says about one case, Questionnaires excepted (they are shared)."""
    ids, users = context.ids, context.users
    gp = case.current_consent.gp_surgery if case.current_consent else None
    person = patient(case.person, ids, gp)
    ref = {"reference": f"Patient/{person['id']}"}
    found = [person]
    for administration in case.administrations:
        response = questionnaire_response(administration, ref, ids, users)
        found.append(response)
        found += score_observations(administration, response["id"], ref, ids, users)
    for record in case.consents:
        copy = consent_copy(case, record) if consent_copy else None
        found.append(consent(record, ref, ids, copy))
    found += document_references(case.reports, ref, ids, users)
    return found


def _consent_copy(users: Mapping[int, User]) -> ConsentCopy:
    def render(case: CaseRecord, record: ConsentRecord) -> dict:
        from cstr_desk.reports import render_consent_copy  # ReportLab loads only when used

        # Rendered as at the moment of consent, from the record, so the same consent gives
        # the same copy in every export.
        pdf = render_consent_copy(case, record, easy_read=False, users=users,
                                  now=record.consented_at)
        return pdf_attachment("Consent copy", record.consented_at, pdf=pdf)

    return render


def bundle_entry(resource: dict) -> dict:
    # PUT to the resource's own id: sending the same case again updates, never duplicates.
    return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource,
            "request": {"method": "PUT", "url": f"{resource['resourceType']}/{resource['id']}"}}


def case_bundle(case: CaseRecord, context: ExportContext, now: datetime | None = None) -> dict:
    """The case's transaction Bundle, every resource checked (InvalidResource if one fails)."""
    resources = [*current_questionnaires(case.administrations),
                 *case_resources(case, context, _consent_copy(context.users))]
    validator = ResourceValidator()
    for resource in resources:
        validator.check(resource)
    stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    bundle = {"resourceType": "Bundle",
              "id": context.ids.of("bundle", case.referral.id, stamp), "type": "transaction",
              "timestamp": stamp,
              "entry": [bundle_entry(r) for r in resources]}
    full_check(bundle)
    return bundle


def export_case(session: Session, referral_id: int, out: Path, *, force: bool = False) -> int:
    """Write the case's bundle to `out` and audit it, together; returns the resource count."""
    target = outputs.check_output(out, database=session.path, force=force)
    case = session.load_case(referral_id)
    bundle = case_bundle(case, ExportContext.of(session))
    data = json.dumps(bundle, ensure_ascii=False, indent=1).encode("utf-8")
    with session.transaction():
        session.audit(AuditAction.EXPORT, "referral", referral_id, case.person.id,
                      detail=f"FHIR bundle written to {target.name}")
        outputs.write_bytes(target, data)
    return len(bundle["entry"])


def month_referral_ids(session: Session, month: date) -> list[int]:
    """The month's cases: every case with a recorded event in the month, as the monitoring
    return finds them (its window reaches a day either side for the Europe/London day)."""
    first, following = month_range(month)
    return [facts.referral_id for facts in session.monitoring_rows(first, following)]


def bulk_lines(cases: Iterable[CaseRecord], context: ExportContext,
               validator: ResourceValidator) -> Iterable[tuple[str, int, int, bytes]]:
    """(resource type, referral id, person id, NDJSON line) for every resource of the cases.
    The bulk files carry no PDF bodies (a month is thousands of PDFs): a Consent goes without
    its consent copy (the case bundle carries it), a DocumentReference keeps the issued PDF's
    title, size and hash. Lines are compact UTF-8 JSON from pydantic's serialiser, the same
    bytes as json.dumps(ensure_ascii=False, separators=(",", ":")) gives (tests check) in a
    quarter of the time."""
    people: set[str] = set()
    for case in cases:
        for resource in case_resources(case, context):
            if resource["resourceType"] == "Patient":
                # A person with two cases in the month is one Patient, written once.
                if resource["id"] in people:
                    continue
                people.add(resource["id"])
            validator.check(resource)
            yield (resource["resourceType"], case.referral.id, case.person.id or 0,
                   to_json(resource))


def export_month(session: Session, month: date, out_dir: Path, *, force: bool = False,
                 progress: Progress | None = None) -> dict[str, int]:
    """Write the month's NDJSON files into `out_dir`; returns the count per resource type.
    Every form's Questionnaire goes in, so a loader always has the one a response names."""
    targets = outputs.check_folder(out_dir, [f"{t}.ndjson" for t in BULK_TYPES],
                                   database=session.path, force=force)
    referral_ids = month_referral_ids(session, month)
    cases = session.cases_in_bulk(referral_ids)
    context = ExportContext.of(session)
    validator = ResourceValidator()
    counts = dict.fromkeys(BULK_TYPES, 0)
    exported: dict[int, int] = {}
    with outputs.StagedFiles(targets) as files:
        for resource in (questionnaire(form) for form in forms.all_forms()):
            validator.check(resource)
            files.write("Questionnaire", to_json(resource))
            counts["Questionnaire"] += 1
        for kind, referral_id, person_id, line in bulk_lines(cases, context, validator):
            files.write(kind, line)
            counts[kind] += 1
            if referral_id not in exported:
                exported[referral_id] = person_id
                if progress is not None:
                    progress(len(exported), len(referral_ids))
        detail = f"FHIR bulk export {month:%Y-%m} to {out_dir.name}"
        with session.transaction():
            session.audit_many(AuditAction.EXPORT, [("referral", referral_id, person_id, detail)
                                                    for referral_id, person_id in exported.items()])
            files.commit()
    return counts

