"""The case as the day unfolds, after sentence (issue 20): a missed appointment followed up by the
person's chosen method and, where there is a risk of self-harm or suicide, with the care
coordinator at once (Manual §4.7); the treatment plan sent to the offender manager after a
breach (§4.7); the leaflet with the next appointment given at sentence (DRR/ATR service
description); a case allocated to a practitioner the Clinical Lead chooses (§4.2, §4.7).
Each is a record with its audit entry, corrected by amendment, and each deadline is a duty."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from cstr_desk.duty_words import duty_words
from cstr_desk.domain import (
    Attendance, AuditAction, Breach, ContactMethod, FollowUpContact, LeafletGiven, MissedFollowUp,
    MissedReason, Role, TreatmentPlanSent,
)
from cstr_desk.store import RecordFinalised, open_with_password
from cstr_desk.ukdates import LONDON
from cstr_desk.workflow import contact, continuity, duties, handover, risk
from cstr_desk.workflow import treatment_operations as treatment
from cstr_desk.workflow.errors import ActionRefused
from test_duties import _sentenced_case
from test_operations import PASSWORD, db, signed_in  # noqa: F401 (fixtures)
from test_pathway_cases import TODAY

FIRST = datetime(2024, 6, 17, 10, tzinfo=LONDON)  # a Monday


def _kinds(s) -> dict[str, list[duties.Duty]]:
    found: dict[str, list[duties.Duty]] = {}
    for duty in duties.open_duties(s.cases_with_duties()):
        found.setdefault(duty.kind, []).append(duty)
    return found


def _miss_first(s, referral_id: int) -> int:
    booked = treatment.schedule_sessions(s, referral_id, FIRST, today=TODAY)
    first = booked.record[0].id
    treatment.record_attendance(s, referral_id, first, Attendance.MISSED,
                                MissedReason.PREOCCUPIED, today=TODAY)
    return first


def _follow_up(referral_id: int, session_id: int, **changes: object) -> MissedFollowUp:
    fields = dict(referral_id=referral_id, session_id=session_id, contact=FollowUpContact.PERSON,
                  contacted_at=datetime(2024, 6, 17, 15, tzinfo=LONDON), method=ContactMethod.TEXT,
                  reached=True, recorded_by=0, recorded_at=datetime.now(UTC))
    return MissedFollowUp(**{**fields, **changes})


def test_a_missed_appointment_is_followed_up_by_the_chosen_method_and_the_care_coordinator_at_once(db: Path) -> None:
    referral_id = _sentenced_case(db)
    with signed_in(db, Role.PRACTITIONER) as s:
        first = _miss_first(s, referral_id)
        case = s.load_case(referral_id)
        assert not contact.suicide_risk(case)
        [person] = _kinds(s)[duties.DutyKind.MISSED_FOLLOW_UP]
        assert person.due_on == date(2024, 6, 18) and "session 1 on 17/06/2024" in duty_words(person, TODAY)
        assert duties.DutyKind.CARE_COORDINATOR not in _kinds(s)
        # A risk noted at a session: a missed appointment now means the care coordinator at once.
        risk.record_session_notes(s, referral_id, first, "Did not come", True,
                                  "Sister says he spoke of ending his life")
        [coordinator] = _kinds(s)[duties.DutyKind.CARE_COORDINATOR]
        assert coordinator.due_on == date(2024, 6, 17)
        with pytest.raises(ActionRefused, match="Record how the person prefers to be contacted"):
            contact.record_missed_follow_up(s, _follow_up(referral_id, first), TODAY)
        contact.set_contact_preferences(s, referral_id, ContactMethod.TEXT, "07700 900123",
                                        "Sam Reed, CMHT North", "0161 496 0000", today=TODAY)
        with pytest.raises(ActionRefused, match="not contacted by their chosen method"):
            contact.record_missed_follow_up(s, _follow_up(referral_id, first, method=ContactMethod.LETTER), TODAY)
        contact.record_missed_follow_up(s, _follow_up(referral_id, first), TODAY)
        assert duties.DutyKind.MISSED_FOLLOW_UP not in _kinds(s)
        with pytest.raises(ActionRefused, match="Say who was told"):
            contact.record_missed_follow_up(s, _follow_up(
                referral_id, first, contact=FollowUpContact.CARE_COORDINATOR, method=ContactMethod.PHONE), TODAY)
        told = contact.record_missed_follow_up(s, _follow_up(
            referral_id, first, contact=FollowUpContact.CARE_COORDINATOR, method=ContactMethod.PHONE,
            contacted_who="Sam Reed", contacted_at=datetime(2024, 6, 17, 11, tzinfo=LONDON)), TODAY)
        assert _kinds(s).keys() == {duties.DutyKind.FIRST_SESSION, duties.DutyKind.LEAFLET}
        case = told.case
        met = {d.kind: d for d in duties.case_duties(case, contact.suicide_risk(case))}
        assert met[duties.DutyKind.CARE_COORDINATOR].met() is True
        # Preferences change by amendment; overwriting what was recorded needs a reason.
        with pytest.raises(ActionRefused, match="Say why the contact preferences"):
            contact.set_contact_preferences(s, referral_id, ContactMethod.PHONE, "07700 900123",
                                            "Sam Reed, CMHT North", "0161 496 0000", today=TODAY)
        changed = contact.set_contact_preferences(
            s, referral_id, ContactMethod.PHONE, "07700 900123", "Sam Reed, CMHT North",
            "0161 496 0000", reason="Asked for calls instead of texts", today=TODAY)
        assert changed.case.contact_preferences.method is ContactMethod.PHONE
        assert [(a.field, a.old_value, a.new_value) for a in changed.record] == [("method", "text", "phone")]
        with pytest.raises(RecordFinalised):
            s.record_contact_preferences(case.contact_preferences)
    # In the order they happened: the care coordinator at 11:00, the person at 15:00.
    assert [(f.contact, f.method) for f in told.case.missed_follow_ups] == [
        (FollowUpContact.CARE_COORDINATOR, ContactMethod.PHONE), (FollowUpContact.PERSON, ContactMethod.TEXT)]
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s, pytest.raises(ActionRefused):
        contact.record_missed_follow_up(s, _follow_up(referral_id, first), TODAY)
    with open_with_password(db, "admin", PASSWORD) as admin:
        kinds = {(e.action, e.record_type) for e in admin.audit_entries()}
    assert {(AuditAction.CREATE, "missed_follow_up"), (AuditAction.CREATE, "contact_preferences"),
            (AuditAction.AMEND, "contact_preferences")} <= kinds


def test_a_breach_returned_to_court_waits_for_the_treatment_plan_sent_to_the_offender_manager(db: Path) -> None:
    referral_id = _sentenced_case(db)
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s:
        treatment.record_breach(s, Breach(
            referral_id=referral_id, decided_on=date(2024, 7, 1), returned_to_court=True,
            related_to_cstr=True, reason="Two unreasonable failures", recorded_by=s.user.id,
            recorded_at=datetime.now(UTC)))
        [due] = _kinds(s)[duties.DutyKind.TREATMENT_PLAN]
        assert due.due_on == date(2024, 7, 1) and "breach of 01/07/2024" in duty_words(due, TODAY)
        with pytest.raises(ActionRefused):  # the provider sends it, not probation
            handover.record_treatment_plan_sent(s, TreatmentPlanSent(
                referral_id=referral_id, sent_on=date(2024, 7, 1), sent_to="Jo Offender-Manager",
                recorded_by=0, recorded_at=datetime.now(UTC)), date(2024, 7, 2))
    with signed_in(db, Role.PRACTITIONER) as s:
        plan = TreatmentPlanSent(referral_id=referral_id, sent_on=date(2024, 7, 1), sent_to=" ",
                                 recorded_by=0, recorded_at=datetime.now(UTC))
        with pytest.raises(ActionRefused, match="Say which offender manager"):
            handover.record_treatment_plan_sent(s, plan, date(2024, 7, 2))
        sent = handover.record_treatment_plan_sent(s, plan.model_copy(update={
            "sent_to": "Jo Offender-Manager, NPS North", "notes": "12-session plan, 4 attended"}), date(2024, 7, 2))
        assert duties.DutyKind.TREATMENT_PLAN not in _kinds(s)
        s.amend("treatment_plan_sent", sent.record.id, "sent_to", "Jo Bloggs, NPS North", "Name misspelt")
        [held] = s.load_case(referral_id).treatment_plans_sent
    assert (held.sent_on, held.sent_to) == (date(2024, 7, 1), "Jo Bloggs, NPS North")


def _leaflet(referral_id: int, **changes: object) -> LeafletGiven:
    fields = dict(referral_id=referral_id, given_on=TODAY, easy_read=True,
                  next_appointment_at=datetime(2024, 6, 19, 10, tzinfo=LONDON),
                  next_appointment_place="Northtown Wellbeing Centre, room 2",
                  recorded_by=0, recorded_at=datetime.now(UTC))
    return LeafletGiven(**{**fields, **changes})


def test_the_leaflet_with_the_next_appointment_is_due_at_sentence_and_recorded_once(db: Path) -> None:
    referral_id = _sentenced_case(db)
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s:
        [due] = _kinds(s)[duties.DutyKind.LEAFLET]
        assert due.due_on == TODAY and due.is_overdue(date(2024, 6, 13))
        with pytest.raises(ActionRefused, match="before the day the leaflet was given"):
            handover.record_leaflet(s, _leaflet(referral_id, next_appointment_at=datetime(2024, 6, 1, 10, tzinfo=LONDON)), TODAY)
        with pytest.raises(ActionRefused, match="Say where"):
            handover.record_leaflet(s, _leaflet(referral_id, next_appointment_place=""), TODAY)
        given = handover.record_leaflet(s, _leaflet(referral_id), TODAY)
        assert given.case.leaflet.easy_read and given.case.leaflet.recorded_by == s.user.id
        assert duties.DutyKind.LEAFLET not in _kinds(s)
        with pytest.raises(RecordFinalised):
            handover.record_leaflet(s, _leaflet(referral_id), TODAY)
        s.amend("leaflet", given.record.id, "language", "Polish", "Polish version given too")
        assert s.load_case(referral_id).leaflet.language == "Polish"
    with signed_in(db, Role.LD_WORKER) as s, pytest.raises(ActionRefused):
        handover.record_leaflet(s, _leaflet(referral_id), TODAY)


def test_the_clinical_lead_chooses_the_practitioner_and_each_allocation_is_kept(db: Path) -> None:
    referral_id = _sentenced_case(db)
    with signed_in(db, Role.CLINICAL_LEAD) as s:
        people = continuity.practitioners(s.list_users())
        assert {u.role for u in people} == {Role.PRACTITIONER, Role.CLINICAL_LEAD}
        practitioner = next(u for u in people if u.role is Role.PRACTITIONER)
        with pytest.raises(ActionRefused, match="not a practitioner"):
            continuity.allocate_practitioner(s, referral_id, 1, TODAY)  # the administrator
        continuity.allocate_practitioner(s, referral_id, practitioner.id, TODAY)
        with pytest.raises(ActionRefused, match="Say why the case moves"):
            continuity.allocate_practitioner(s, referral_id, s.user.id, TODAY)
        moved = continuity.allocate_practitioner(s, referral_id, s.user.id, TODAY, "Practitioner on leave")
        assert continuity.may_choose_practitioner(s.user)
    assert moved.case.referral.allocated_practitioner_id == moved.record.allocated_practitioner_id
    assert [(a.old_value, a.reason) for a in continuity.allocation_history(moved.case)] == [
        (None, "Allocated"), (str(practitioner.id), "Practitioner on leave")]
    with signed_in(db, Role.PRACTITIONER) as s:
        assert not continuity.may_choose_practitioner(s.user)
        with pytest.raises(ActionRefused, match="only a Clinical Lead can"):
            continuity.allocate_practitioner(s, referral_id, moved.record.allocated_practitioner_id + 99, TODAY)
        continuity.allocate_practitioner(s, referral_id, s.user.id, TODAY, "Back from leave")


def _pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_leaflet_prints_the_next_appointment_and_is_issued_like_every_report(db: Path) -> None:
    from cstr_desk.domain import ReportKind
    from cstr_desk.workflow.report_issuing import record_report_use, render_report

    referral_id = _sentenced_case(db)
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s:
        with pytest.raises(ActionRefused, match="No next appointment is known yet"):
            render_report(s, referral_id, ReportKind.LEAFLET, today=TODAY)
        handover.record_leaflet(s, _leaflet(referral_id, easy_read=False), TODAY)
        report = render_report(s, referral_id, ReportKind.LEAFLET, today=TODAY)
        printed = record_report_use(s, report, "print", today=TODAY)
        # Issued reports go to the clinical record with their own document type.
        from cstr_desk.workflow.fhir import ExportContext, case_bundle
        bundle = case_bundle(printed.case, ExportContext.of(s))
    codes = [c["code"] for e in bundle["entry"] if e["resource"]["resourceType"] == "DocumentReference"
             for c in e["resource"]["type"]["coding"]]
    assert "sentence-leaflet" in codes
    text = _pdf_text(report.pdf)
    assert "Wednesday 19 June 2024 at 10:00" in text and "Northtown Wellbeing Centre, room 2" in text
    assert "offender manager" in text and "NHS 111" in text
    assert report.suggested_file_name.endswith(".pdf") and "leaflet" in report.suggested_file_name
    [issued] = [r for r in printed.case.reports if r.kind is ReportKind.LEAFLET]  # beside the PSR
    assert issued.final
    with signed_in(db, Role.LD_WORKER) as s, pytest.raises(ActionRefused):
        render_report(s, referral_id, ReportKind.LEAFLET, today=TODAY)
