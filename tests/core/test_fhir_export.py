"""FHIR R4 export of a case against a real encrypted store: every resource kind passes the FHIR
model library, answers and scores survive the round trip, withdrawal makes the Consent
inactive, a second export keeps every id, and only roles that may see the case can export."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import scoring
from cstr_desk.domain import AuditAction, ReportKind, Role
from cstr_desk.store import PermissionDenied, open_with_password
from cstr_desk.store.testing import TEST_PASSWORD, USERNAMES
from cstr_desk.store.outputs import OutputRefused
from cstr_desk.workflow.fhir import ExportContext, case_bundle, export_case
from cstr_desk.workflow.fhir.questionnaires import answers_from_response
from cstr_desk.workflow.fhir.validation import InvalidResource, ResourceValidator, model_class
from cstr_desk.workflow.report_issuing import render_report, save_report
from test_reports_commands import consented_case, decide

PRACT, CL = Role.PRACTITIONER, Role.CLINICAL_LEAD


pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def database(tmp_path: Path) -> tuple[Path, int]:
    """A case with a PHQ-9, an assessment, consent, the Clinical Lead's decision and the final
    Responsible Clinician's report issued; returns (database, referral id)."""
    path = tmp_path / "court.cstr"
    _person, referral_id = consented_case(path)
    decide(path, referral_id)
    with signed_in(path, CL) as session:
        report = render_report(session, referral_id, ReportKind.PSR, final=True)
        save_report(session, report, tmp_path / "rc-report.pdf")
    return path, referral_id


def signed_in(path: Path, role: Role):
    return open_with_password(path, USERNAMES[role], TEST_PASSWORD)


def bundle_of(path: Path, referral_id: int, role: Role = PRACT) -> dict:
    with signed_in(path, role) as session:
        return case_bundle(session.load_case(referral_id), ExportContext.of(session))


def by_type(bundle: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for entry in bundle["entry"]:
        found.setdefault(entry["resource"]["resourceType"], []).append(entry["resource"])
    return found


def test_every_resource_kind_is_in_the_bundle_and_passes_the_model(database) -> None:
    bundle = bundle_of(*database)
    kinds = by_type(bundle)
    assert set(kinds) == {"Patient", "Questionnaire", "QuestionnaireResponse", "Observation",
                          "Consent", "DocumentReference"}
    for resources in kinds.values():
        for resource in resources:
            model_class(resource["resourceType"]).model_validate(resource)
    assert bundle["type"] == "transaction"
    assert all(e["request"] == {"method": "PUT", "url": f"{e['resource']['resourceType']}/"
                                f"{e['resource']['id']}"} for e in bundle["entry"])


def test_the_patient_carries_the_nhs_number_and_nothing_from_the_police(database) -> None:
    (patient,) = by_type(bundle_of(*database))["Patient"]
    assert patient["identifier"] == [{"system": "https://fhir.nhs.uk/Id/nhs-number",
                                      "value": "9434765919"}]
    assert patient["name"][0]["family"] == "Ó Briain"
    assert patient["birthDate"] == "1990-04-12"
    assert "21/123456A" not in json.dumps(patient)  # the PNC number stays behind


def test_a_questionnaire_response_reads_back_to_the_same_answers_and_score(database) -> None:
    path, referral_id = database
    kinds = by_type(bundle_of(path, referral_id))
    (response,) = kinds["QuestionnaireResponse"]
    with signed_in(path, PRACT) as session:
        (given,) = session.load_case(referral_id).administrations
    assert answers_from_response(response) == given.item_answers()
    total = next(o for o in kinds["Observation"]
                 if o["code"]["coding"][0]["code"] == "44261-6")
    assert total["valueQuantity"]["value"] == scoring.score("phq9", given.item_answers()).total
    assert scoring.score("phq9", answers_from_response(response)).total == 15
    assert total["interpretation"][0]["coding"][0]["code"] == "moderately_severe"
    assert total["derivedFrom"] == [{"reference": f"QuestionnaireResponse/{response['id']}"}]
    (questionnaire,) = kinds["Questionnaire"]
    assert response["questionnaire"] == f"{questionnaire['url']}|{questionnaire['version']}"


def test_withdrawing_consent_makes_the_consent_inactive(database) -> None:
    path, referral_id = database
    (before,) = by_type(bundle_of(path, referral_id))["Consent"]
    assert before["status"] == "active"
    assert [p["code"][0]["coding"][0]["code"] for p in before["provision"]["provision"]] == [
        "mhtr"]
    with signed_in(path, PRACT) as session:
        consent_id = session.load_case(referral_id).consents[0].id
        session.withdraw_consent(consent_id, datetime(2025, 3, 10, 9, 0, tzinfo=UTC),
                                 "No longer wishes to take part")
    (after,) = by_type(bundle_of(path, referral_id))["Consent"]
    assert after["status"] == "inactive"
    assert after["provision"]["period"]["end"] == "2025-03-10T09:00:00+00:00"
    assert after["id"] == before["id"]


def test_a_second_export_keeps_every_id(database) -> None:
    first, second = bundle_of(*database), bundle_of(*database)
    ids = [e["resource"]["id"] for e in first["entry"]]
    assert ids == [e["resource"]["id"] for e in second["entry"]]
    assert len(set(ids)) == len(ids)


def test_ids_come_from_the_database_so_another_database_gives_others(database,
                                                                     tmp_path) -> None:
    path, referral_id = database
    other = tmp_path / "other" / "court.cstr"
    other.parent.mkdir()
    _person, other_referral = consented_case(other)
    mine = {e["resource"]["id"] for e in bundle_of(path, referral_id)["entry"]
            if e["resource"]["resourceType"] == "Patient"}
    theirs = {e["resource"]["id"] for e in bundle_of(other, other_referral)["entry"]
              if e["resource"]["resourceType"] == "Patient"}
    assert mine.isdisjoint(theirs)


def test_the_issued_report_is_a_document_reference_with_its_hash(database, tmp_path) -> None:
    (document,) = by_type(bundle_of(*database))["DocumentReference"]
    attachment = document["content"][0]["attachment"]
    pdf = (tmp_path / "rc-report.pdf").read_bytes()
    assert attachment["hash"] == base64.b64encode(hashlib.sha1(pdf).digest()).decode()
    assert attachment["size"] == len(pdf)
    assert document["docStatus"] == "final" and document["status"] == "current"


def test_the_consent_copy_travels_as_the_consents_source_attachment(database) -> None:
    (consent,) = by_type(bundle_of(*database))["Consent"]
    attachment = consent["sourceAttachment"]
    assert attachment["contentType"] == "application/pdf"
    assert base64.b64decode(attachment["data"]).startswith(b"%PDF")


def test_export_writes_an_owner_only_file_and_audits_it(database, tmp_path) -> None:
    path, referral_id = database
    out = tmp_path / "bundle.json"
    with signed_in(path, PRACT) as session:
        count = export_case(session, referral_id, out)
        person_id = session.load_case(referral_id).person.id
    assert count == len(json.loads(out.read_text("utf-8"))["entry"])
    assert os.stat(out).st_mode & 0o777 == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    with signed_in(path, Role.ADMINISTRATOR) as admin:
        details = [e.detail for e in admin.audit_entries(person_id)
                   if e.action is AuditAction.EXPORT]
    assert "FHIR bundle written to bundle.json" in details


def test_an_existing_file_is_kept_unless_forced(database, tmp_path) -> None:
    path, referral_id = database
    out = tmp_path / "bundle.json"
    out.write_text("keep me")
    with signed_in(path, PRACT) as session:
        with pytest.raises(OutputRefused, match="already exists"):
            export_case(session, referral_id, out)
        assert out.read_text() == "keep me"
        export_case(session, referral_id, out, force=True)
    assert json.loads(out.read_text("utf-8"))["resourceType"] == "Bundle"


def test_the_database_files_are_never_an_export_target(database) -> None:
    path, referral_id = database
    with signed_in(path, PRACT) as session:
        for target in (path, path.with_name(path.name + ".keys"),
                       path.with_name(path.name + "-wal")):
            with pytest.raises(OutputRefused, match="database's own files"):
                export_case(session, referral_id, target, force=True)


def test_an_administrator_sees_no_case_so_exports_none(database, tmp_path) -> None:
    path, referral_id = database
    with signed_in(path, Role.ADMINISTRATOR) as admin:
        with pytest.raises(PermissionDenied):
            export_case(admin, referral_id, tmp_path / "bundle.json")
    assert not (tmp_path / "bundle.json").exists()


def test_an_invalid_resource_stops_the_export() -> None:
    validator = ResourceValidator()
    patient = {"resourceType": "Patient", "id": "a1", "birthDate": "1990-04-12"}
    validator.check(patient)
    for bad in ({**patient, "birthDate": "1990-13-12"}, {**patient, "gender": "woman"},
                {**patient, "id": "not an id"}, {**patient, "colour": "blue"}):
        with pytest.raises(InvalidResource, match="Patient"):
            validator.check(bad)


def test_every_recorded_gender_answer_has_its_fhir_gender() -> None:
    from cstr_desk.domain import EQUALITY_OPTIONS, PREFER_NOT_TO_SAY, Person
    from cstr_desk.record_identity import ResourceIds
    from cstr_desk.workflow.fhir.records import patient

    ids = ResourceIds(uuid.uuid4())
    found = {}
    for answer in (*EQUALITY_OPTIONS["gender"], PREFER_NOT_TO_SAY, None):
        person = Person(id=1, given_name="A", family_name="B", date_of_birth=date(1990, 1, 1),
                        equality={"gender": answer})
        resource = patient(person, ids)
        ResourceValidator().check(resource)
        found[answer] = resource.get("gender")
    assert found == {"female": "female", "male": "male", "non_binary": "other",
                     "other": "other", PREFER_NOT_TO_SAY: None, None: None}


def test_record_ids_are_the_rfc_4122_uuid5_of_the_database_and_record() -> None:
    from cstr_desk.record_identity import ResourceIds

    database = uuid.uuid4()
    ids = ResourceIds(database)
    for kind, number, part in (("person", 1, None), ("administration", 12, "total"),
                               ("consent", 987654321, None), ("administration", 3, "flag-x")):
        name = f"{kind}/{number}" + (f"/{part}" if part else "")
        assert ids.of(kind, number, part) == str(uuid.uuid5(database, name))


@pytest.mark.parametrize("kind", list(ReportKind))
def test_every_kind_of_issued_report_has_a_document_type(kind: ReportKind) -> None:
    """A DRR court review report issued once made the whole case's export fail (KeyError)."""
    from cstr_desk.domain import ReportIssued
    from cstr_desk.record_identity import ResourceIds
    from cstr_desk.workflow.fhir.records import document_references

    issued = ReportIssued(id=1, referral_id=1, kind=kind, final=True,
                          issued_at=datetime(2026, 3, 2, 10, tzinfo=UTC), issued_by=1)
    [reference] = document_references([issued], {"reference": "Patient/p"},
                                      ResourceIds(uuid.UUID(int=7)), {})
    assert reference["type"]["coding"][0]["code"]
