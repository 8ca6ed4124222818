"""Cases, questionnaires, clinical-record discipline, search and subject access."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from cstr_desk.domain import (
    AdministrationMode, AdministrationStatus, ClinicalLeadDecision, ConsentRecord,
    DecisionChannel, DecisionOutcome, DecisionReason, EqualityMonitoring, PREFER_NOT_TO_SAY,
    Attendance, PractitionerAssessment, Requirement, Role, Stage, TreatmentCompletion,
    TreatmentSession,
)
from cstr_desk.store import (
    InvalidRecord, RecordFinalised, open_with_password,
)
from cstr_desk.store.testing import (
    TEST_PASSWORD, USERNAMES, make_database, sample_person, sample_referral,
)
from cstr_desk.store.validation import nhs_number_is_valid

NOW = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)


pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def path(tmp_path):
    make_database(tmp_path / "court.cstr")[0].close()
    return tmp_path / "court.cstr"


def _as(path, role):
    return open_with_password(path, USERNAMES[role], TEST_PASSWORD)


@pytest.mark.parametrize("number, valid", [
    ("943 476 5919", True), ("9434765919", True), ("943-476-5919", True),
    ("9434765918", False), ("943476591", False), ("94347659190", False), ("abcdefghij", False),
    ("0000000060", False),  # check digit would be 10: never valid
])
def test_nhs_number_modulus_11(number, valid):
    assert nhs_number_is_valid(number) is valid


def test_person_round_trip_with_equality_and_validation(path):
    with _as(path, Role.LD_WORKER) as session:
        person = sample_person().model_copy(update={"equality": EqualityMonitoring(
            gender=PREFER_NOT_TO_SAY, ethnicity="white_irish")})
        saved = session.add_person(person)
        assert session.get_person(saved.id) == saved
        assert saved.nhs_number == "9434765919" and saved.pnc_number == "21/0123456A"
        with pytest.raises(InvalidRecord, match="NHS number"):
            session.add_person(sample_person().model_copy(update={"nhs_number": "9434765918"}))
        with pytest.raises(InvalidRecord, match="PNC"):
            session.add_person(sample_person().model_copy(update={"pnc_number": "rubbish"}))
        assert len(session.search_people("aoife")) == 1  # nothing half-saved


def test_search_by_name_prefix_date_pnc_and_nhs(path):
    with _as(path, Role.LD_WORKER) as session:
        target = session.add_person(sample_person("Zoë", "O'Brien"))
        session.add_person(sample_person("Zack", "Brown").model_copy(
            update={"nhs_number": None, "pnc_number": None, "date_of_birth": date(1970, 1, 1)}))
        for text in ("zoe", "ZOË", "o'b", "obri", "zoe obr", "O'Brien, Zoë", "12/04/1990",
                     "21/123456a", "943 476 5919"):
            assert [p.id for p in session.search_people(text)] == [target.id], text
        assert session.search_people("31/02/1990") == []
        assert [p.family_name for p in session.search_people("z")] == ["Brown", "O'Brien"]
        duplicates = session.find_possible_duplicates("zoe", "Someone", date(1990, 4, 12))
        assert [p.id for p in duplicates] == [target.id]


def test_case_list_puts_todays_hearings_first(path):
    with _as(path, Role.LD_WORKER) as session:
        person = session.add_person(sample_person())
        dates = [date(2025, 1, 1), date(2025, 3, 3), date(2025, 2, 1), date(2024, 6, 1)]
        for hearing in dates:
            session.add_referral(sample_referral(person.id).model_copy(
                update={"hearing_date": hearing}))
        listed = session.list_cases(today=date(2025, 3, 3))
        assert [c.hearing_date for c in listed] == [
            date(2025, 3, 3), date(2025, 2, 1), date(2025, 1, 1), date(2024, 6, 1)]
        session.set_stage(listed[0].referral_id, Stage.SCREENED)
        screened = session.list_cases(stages={Stage.SCREENED}, today=date(2025, 3, 3))
        assert [c.referral_id for c in screened] == [listed[0].referral_id]
        assert session.list_cases("nobody-called-this") == []


def test_draft_resumes_and_finalised_answers_change_only_by_amendment(path):
    with _as(path, Role.PRACTITIONER) as session:
        referral = session.add_referral(sample_referral(session.add_person(sample_person()).id))
        started = session.start_administration(referral.id, "phq9", "h1",
                                               AdministrationMode.HAND_OVER)
        session.record_answer(started.id, "1", 2, position=1)
        session.record_answer(started.id, "2", None, position=2)
        session.record_answer(started.id, "1", 3, position=2)
    with _as(path, Role.PRACTITIONER) as session:
        (draft,) = session.drafts(referral.id)
        assert draft.position == 2 and draft.item_answers() == {1: 3, 2: None}
        assert draft.answers["1"].recorded_by == session.user.id
        session.complete_administration(draft.id)
        final = session.finalise_administration(draft.id)
        assert final.status == AdministrationStatus.FINALISED and session.drafts(referral.id) == []
        with pytest.raises(RecordFinalised):
            session.record_answer(draft.id, "1", 0, position=1)
        with pytest.raises(RecordFinalised):
            session.finalise_administration(draft.id)
        amendment = session.amend_answer(draft.id, "1", 1, "Person corrected their answer")
        assert (amendment.old_value, amendment.new_value) == ("3", "1")
        case = session.load_case(referral.id)
        assert case.administrations[0].item_answers() == {1: 1, 2: None}
        assert [a.reason for a in case.amendments] == ["Person corrected their answer"]


def test_decision_is_final_and_amended_with_history(path):
    with _as(path, Role.PRACTITIONER) as session:
        referral = session.add_referral(sample_referral(session.add_person(sample_person()).id))
        session.save_assessment(PractitionerAssessment(referral_id=referral.id,
                                                       presenting_problem="draft"))
        session.save_assessment(PractitionerAssessment(referral_id=referral.id,
                                                       presenting_problem="low mood",
                                                       completed=True))
        with pytest.raises(RecordFinalised):
            session.save_assessment(PractitionerAssessment(referral_id=referral.id))
    with _as(path, Role.CLINICAL_LEAD) as lead:
        decision = lead.record_decision(ClinicalLeadDecision(
            referral_id=referral.id, outcome=DecisionOutcome.TREAT,
            channel=DecisionChannel.TELEPHONE, clinical_lead_name="Dr Lead", discussed_at=NOW,
            reasons=[DecisionReason.MEETS_PRIMARY_CARE_CRITERIA], recorded_by=lead.user.id, recorded_at=NOW))
        with pytest.raises(InvalidRecord):
            lead.amend("decision", decision.id, "outcome", "maybe", "typo")
        with pytest.raises(InvalidRecord):
            lead.amend("decision", decision.id, "outcome", "decline", "   ")
        lead.amend("decision", decision.id, "outcome", "decline", "Recorded the wrong option")
        with pytest.raises(InvalidRecord):  # a reason is stored as its code, never its words
            lead.amend("decision", decision.id, "reasons", '["Risk beyond primary care"]', "R")
        lead.amend("decision", decision.id, "reasons", '["risk_beyond_primary_care"]', "Reason")
        case = lead.load_case(referral.id)
        assert case.decision.outcome == DecisionOutcome.DECLINE
        assert case.decision.reasons == [DecisionReason.RISK_BEYOND_PRIMARY_CARE]
        assert [(a.field, a.old_value) for a in case.amendments] == [
            ("outcome", "treat"), ("reasons", '["meets_primary_care_criteria"]')]
        assert case.assessment.presenting_problem == "low mood" and case.assessment.completed


def test_consent_withdrawal_keeps_the_consent(path):
    with _as(path, Role.PRACTITIONER) as session:
        referral = session.add_referral(sample_referral(session.add_person(sample_person()).id))
        consent = session.record_consent(ConsentRecord(
            referral_id=referral.id, consent_version="2020", explained_by=session.user.id,
            requirements_assessed_for=[Requirement.MHTR],
            requirements_consented=[Requirement.MHTR], easy_read_used=True,
            interpreter_language="Polish", acknowledgements={"understood": True},
            consented_at=NOW))
        session.withdraw_consent(consent.id, NOW, "No longer wishes to take part")
        with pytest.raises(RecordFinalised):
            session.withdraw_consent(consent.id, NOW, "again")
        (stored,) = session.load_case(referral.id).consents
        assert stored.easy_read_used and stored.interpreter_language == "Polish"
        assert stored.withdrawal_reason == "No longer wishes to take part"


def test_subject_access_export_holds_one_person_only(path, tmp_path):
    with _as(path, Role.PRACTITIONER) as session:
        subject = session.add_person(sample_person("Saoirse", "Subjectson"))
        other = session.add_person(sample_person("Otto", "Otherperson").model_copy(
            update={"nhs_number": "401 023 2137", "pnc_number": "99/7654321X"}))
        for person in (subject, other):
            referral = session.add_referral(sample_referral(person.id).model_copy(
                update={"court": f"Court of {person.given_name}"}))
            session.save_assessment(PractitionerAssessment(
                referral_id=referral.id, topics={"housing": f"notes about {person.given_name}"}))
    with _as(path, Role.ADMINISTRATOR) as admin:
        admin.export_person(subject.id, tmp_path / "sar.json")
    text = (tmp_path / "sar.json").read_text("utf-8")
    document = json.loads(text)
    assert document["person"]["family_name"] == "Subjectson"
    assert "notes about Saoirse" in text and "Court of Saoirse" in text
    assert {e["person_id"] for e in document["audit_entries"]} == {subject.id}
    assert any(e["action"] == "export" for e in document["audit_entries"])
    for leak in ("Otto", "Otherperson", "4010232137", "99/7654321X", "Court of Otto"):
        assert leak not in text


def test_missed_sessions_list_and_single_completion(path):
    with _as(path, Role.PRACTITIONER) as session:
        referral = session.add_referral(sample_referral(session.add_person(sample_person()).id))
        first, second, third = session.schedule_sessions([
            TreatmentSession(referral_id=referral.id, number=n,
                             scheduled_at=NOW.replace(day=n)) for n in (1, 2, 3)])
        for missed in (second, first):
            session.update_session(missed.model_copy(update={"attendance": Attendance.MISSED}))
        assert [s.number for _, s in session.untold_missed_sessions()] == [1, 2]
        session.update_session(first.model_copy(update={"attendance": Attendance.MISSED,
                                                        "offender_manager_told_at": NOW}))
        ((summary, untold),) = session.untold_missed_sessions()
        assert untold.number == 2 and summary.referral_id == referral.id
        completion = TreatmentCompletion(referral_id=referral.id, ended_on=date(2025, 6, 1),
                                         completed=True, recorded_by=session.user.id,
                                         recorded_at=NOW)
        saved = session.record_completion(completion)
        with pytest.raises(RecordFinalised):
            session.record_completion(completion)
        session.amend("completion", saved.id, "completed", "false", "Ended early, not completed")
        assert session.load_case(referral.id).completion.completed is False


def test_disk_full_loses_nothing_already_saved(path):
    from cstr_desk.store import DiskFull

    with _as(path, Role.PRACTITIONER) as session:
        referral = session.add_referral(sample_referral(session.add_person(sample_person()).id))
        started = session.start_administration(referral.id, "core34", "h",
                                               AdministrationMode.PRACTITIONER)
        session.record_answer(started.id, "1", 4, position=1)
        # SQLite reports a full disk as SQLITE_FULL; a page limit produces the same error.
        pages = session._db.value("PRAGMA page_count")
        session._db.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(DiskFull) as full:
            for n in range(200):
                session.save_assessment(PractitionerAssessment(
                    referral_id=referral.id, topics={"notes": "x" * 20_000 + str(n)}))
        assert "Everything saved before is safe" in full.value.message
        assert session.get_administration(started.id).item_answers() == {1: 4}
