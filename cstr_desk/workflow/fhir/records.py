"""Patient, Consent and DocumentReference from the case record.

Data minimisation (Caldicott principle 3, "use the minimum necessary"): the Patient carries what
the NHS record needs to match and reach the person (NHS number, name, date of birth, gender,
postcode, GP practice) and nothing from the criminal justice side (no PNC number, no offence).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from datetime import datetime

from cstr_desk.domain import ConsentRecord, Person, ReportIssued, ReportKind, User
from cstr_desk.store.validation import normalise_nhs_number
from cstr_desk.workflow.fhir.codes import (
    ADMINISTRATIVE_GENDER, CONSENT_CATEGORY_CODES, CONSENT_CATEGORY_LOINC, CONSENT_POLICY,
    CONSENT_SCOPE, LOINC, NHS_NUMBER_SYSTEM, REPORT_CODES, REQUIREMENT_CODES,
    REQUIREMENT_DISPLAY,
)
from cstr_desk.record_identity import ResourceIds
from cstr_desk.workflow.fhir.questionnaires import fhir_time, staff
from cstr_desk.workflow.report_issuing import ReportChoice


def patient(person: Person, ids: ResourceIds, gp_surgery: str | None = None) -> dict:
    resource: dict = {"resourceType": "Patient", "id": ids.of("person", person.id)}
    if person.nhs_number:
        # Ten digits, no spaces: the UK Core NHS number form.
        resource["identifier"] = [{"system": NHS_NUMBER_SYSTEM,
                                   "value": normalise_nhs_number(person.nhs_number)}]
    resource["name"] = [{"use": "official", "family": person.family_name,
                         "given": [person.given_name]}]
    gender = ADMINISTRATIVE_GENDER.get(person.equality.gender or "")
    if gender:
        resource["gender"] = gender
    resource["birthDate"] = person.date_of_birth.isoformat()
    if person.postcode:
        resource["address"] = [{"postalCode": person.postcode}]
    # The practice is held as its name only (no ODS code), so the reference is by display.
    practice = person.gp_practice or gp_surgery
    if practice:
        resource["generalPractitioner"] = [{"display": practice}]
    return resource


def pdf_attachment(title: str, created: datetime, *, pdf: bytes | None = None,
                   size: int | None = None, sha1_hex: str | None = None) -> dict:
    """A PDF attachment: with its bytes when given, else its size and hash alone (the file
    itself travels separately). FHIR's Attachment.hash is the SHA-1 in base64."""
    if pdf is not None:
        size, sha1_hex = len(pdf), hashlib.sha1(pdf).hexdigest()
    attachment: dict = {"contentType": "application/pdf", "language": "en-GB"}
    if pdf is not None:
        attachment["data"] = base64.b64encode(pdf).decode("ascii")
    if size is not None:
        attachment["size"] = size
    if sha1_hex is not None:
        attachment["hash"] = base64.b64encode(bytes.fromhex(sha1_hex)).decode("ascii")
    attachment["title"] = title
    attachment["creation"] = fhir_time(created)
    return attachment


def _requirement(code: str, kind: str) -> dict:
    return {"type": kind, "code": [{"coding": [{"system": REQUIREMENT_CODES, "code": code,
                                                "display": REQUIREMENT_DISPLAY[code]}]}]}


def consent(record: ConsentRecord, patient_ref: dict, ids: ResourceIds,
            copy: dict | None = None) -> dict:
    """The combined consent (Manual §4.3, Appendix 2): active until withdrawn, then inactive
    (withdrawal is the person's right at any time, Appendix 2). Each requirement consented to
    is a permit provision; one assessed for but not consented to is a deny."""
    period = {"start": fhir_time(record.consented_at)}
    if record.withdrawn_at is not None:
        period["end"] = fhir_time(record.withdrawn_at)
    consented = [str(r) for r in record.requirements_consented]
    refused = [str(r) for r in record.requirements_assessed_for if str(r) not in consented]
    resource: dict = {
        "resourceType": "Consent", "id": ids.of("consent", record.id),
        "status": "inactive" if record.withdrawn_at is not None else "active",
        "scope": {"coding": [{"system": CONSENT_SCOPE, "code": "treatment",
                              "display": "Treatment"}]},
        "category": [
            {"coding": [{"system": LOINC, "code": CONSENT_CATEGORY_LOINC,
                         "display": "Patient Consent"}]},
            {"coding": [{"system": CONSENT_CATEGORY_CODES, "code": "cstr-combined-consent",
                         "display": "CSTR combined consent (practitioner manual Appendix 2)"}]},
        ],
        "patient": patient_ref, "dateTime": fhir_time(record.consented_at),
        # The grantor is the person (FHIR R4 Consent.performer); who explained it is kept in
        # the case record and the consent copy, not here.
        "performer": [patient_ref],
        "policy": [{"uri": f"{CONSENT_POLICY}/{record.consent_version}"}],
        "provision": {"type": "permit", "period": period},
    }
    nested = [*(_requirement(c, "permit") for c in consented),
              *(_requirement(c, "deny") for c in refused)]
    if nested:
        resource["provision"]["provision"] = nested
    if copy is not None:
        resource["sourceAttachment"] = copy
    return resource


_DOCUMENT_TYPES = {
    ReportKind.PSR: "rc-report", ReportKind.CONSENT: "consent-copy",
    ReportKind.GP_LETTER: "gp-letter", ReportKind.COMPLETION: "completion-summary",
    ReportKind.COURT_REVIEW: "drr-court-review", ReportKind.LEAFLET: "sentence-leaflet",
}


def document_references(reports: list[ReportIssued], patient_ref: dict, ids: ResourceIds,
                        users: Mapping[int, User]) -> list[dict]:
    """One per issued report; a later issue of the same report supersedes the earlier."""
    latest: dict[tuple[ReportKind, bool], int | None] = {}
    for report in sorted(reports, key=lambda r: r.issued_at):
        latest[(report.kind, report.final)] = report.id
    return [_document_reference(r, latest[(r.kind, r.final)] == r.id, patient_ref, ids, users)
            for r in reports]


def _document_reference(report: ReportIssued, current: bool, patient_ref: dict,
                        ids: ResourceIds, users: Mapping[int, User]) -> dict:
    choice = ReportChoice(report.kind, final=report.final and report.kind is ReportKind.PSR)
    return {
        "resourceType": "DocumentReference", "id": ids.of("report", report.id),
        "status": "current" if current else "superseded",
        "docStatus": "final" if choice.issued_as_final else "preliminary",
        "type": {"coding": [{"system": REPORT_CODES, "code": _DOCUMENT_TYPES[report.kind],
                             "display": choice.label}], "text": choice.label},
        "subject": patient_ref, "date": fhir_time(report.issued_at),
        "author": [staff(report.issued_by, users)], "description": choice.label,
        "content": [{"attachment": pdf_attachment(choice.label, report.issued_at,
                                                  size=report.pdf_size,
                                                  sha1_hex=report.pdf_sha1)}],
    }
