"""One role × action table answers every permission question (issue 13 item 6).

The expected roles below are written out from DOMAIN.md "Who uses it" and the Manual,
independently of cstr_desk/permissions.py, for every public Session method; a method added to
Session without a row here fails `test_every_session_method_is_in_the_matrix`.
"""

from __future__ import annotations

import inspect
import uuid
from datetime import UTC, date, datetime

import pytest

from cstr_desk.domain import (
    CourtReview, DrugTest, DrugTestSchedule, FinalSentenceReview, JointMeeting, MeetingKind,
    ReviewHearing, SentenceRequirement, Substance, TreatmentStart,
    Adjournment, AdministrationMode, AuditAction, Breach, ClinicalLeadDecision, ConsentRecord,
    DecisionChannel, DecisionOutcome, FollowUp, PractitionerAssessment, ProviderAcceptance, PsrProposal, ReportIssued, ReportKind,
    Requirement, Role, SafeguardingAgency, SafeguardingReferral, SentenceKind, SentenceOutcome, SiteSettings, Stage, TreatmentCompletion,
    TreatmentSession, User,
    ContactMethod, ContactPreferences, FollowUpContact, GpRegistrationCheck, LeafletGiven, MissedFollowUp,
    TreatmentPlanSent,
)
from cstr_desk.permissions import CASE_ACTIONS, PERMISSIONS, Action
from cstr_desk.store import PermissionDenied, Session, open_with_password
from cstr_desk.store.errors import StoreError
from cstr_desk.store.session_clearing import CaseManifest
from cstr_desk.store.session_pull import PulledCase, PulledRecord
from cstr_desk.store.testing import (
    cheap_kdf,
    TEST_PASSWORD, USERNAMES, make_database, sample_person, sample_referral,
)
from cstr_desk.workflow import pathway
from cstr_desk.workflow.monitoring_summary import summary_of

NOW = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)
ADMIN, LD, PR, CL, CDO = (Role.ADMINISTRATOR, Role.LD_WORKER, Role.PRACTITIONER,
                          Role.CLINICAL_LEAD, Role.COURT_DUTY_OFFICER)
CASE = {LD, PR, CL, CDO}
EVERYONE = set(Role)
# Methods every signed-in user has whatever their role: leaving, and grouping their own work.
# file_with_records, like transaction, wraps records that check their own role.
NO_ROLE_NEEDED = {"close", "transaction", "file_with_records"}


pytestmark = pytest.mark.usefixtures("fast_kdf")


def _pulled_case() -> PulledCase:
    desk = str(uuid.uuid4())
    return PulledCase(
        PulledRecord(str(uuid.uuid4()), 1, "person", sample_person().model_dump_json(), desk),
        PulledRecord(str(uuid.uuid4()), 1, "referral", sample_referral(1).model_dump_json(),
                     desk), ())


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """One case with a record of each kind, so every method has something to act on."""
    with cheap_kdf():
        path = tmp_path_factory.mktemp("matrix") / "court.cstr"
        make_database(path)[0].close()
        ids = {}
        with open_with_password(path, USERNAMES[CL], TEST_PASSWORD) as lead:
            person = lead.add_person(sample_person())
            referral = lead.add_referral(sample_referral(person.id))
            ids.update(person=person.id, referral=referral.id, lead=lead.user.id)
            ids["k10"] = lead.start_administration(referral.id, "k10", "h",
                                                   AdministrationMode.PRACTITIONER).id
            ids["phq9"] = lead.start_administration(referral.id, "phq9", "h",
                                                    AdministrationMode.PRACTITIONER).id
            ids["final"] = lead.start_administration(referral.id, "k10", "h",
                                                     AdministrationMode.PRACTITIONER).id
            lead.finalise_administration(ids["final"])
            ids["consent"] = lead.record_consent(_consent(referral.id, lead.user.id)).id
            ids["session"] = lead.schedule_sessions(
                [TreatmentSession(referral_id=referral.id, number=1, scheduled_at=NOW)])[0].id
    return path, ids


def _consent(referral_id: int, user_id: int) -> ConsentRecord:
    return ConsentRecord(
        referral_id=referral_id, consent_version="v1", requirements_assessed_for=[Requirement.MHTR],
        requirements_consented=[Requirement.MHTR], explained_by=user_id, easy_read_used=False,
        acknowledgements={"understood": True}, consented_at=NOW)


def _report(kind: ReportKind, final: bool):
    return lambda s, i: s.record_report_issued(ReportIssued(
        referral_id=i["referral"], kind=kind, final=final, issued_at=NOW, issued_by=s.user.id))


MATRIX = {
    "lock": (EVERYONE, lambda s, i: s.lock()),
    "unlock": (EVERYONE, lambda s, i: s.unlock(TEST_PASSWORD)),
    "change_own_password": (EVERYONE, lambda s, i: s.change_own_password(TEST_PASSWORD,
                                                                         TEST_PASSWORD)),
    "site_settings": (EVERYONE, lambda s, i: s.site_settings()),
    "list_users": (EVERYONE, lambda s, i: s.list_users()),
    "update_site_settings": ({ADMIN}, lambda s, i: s.update_site_settings(
        SiteSettings(site_name="S", courts=["Court 1"]))),
    "add_user": ({ADMIN}, lambda s, i: s.add_user(
        User(username=f"new.{s.user.username}", full_name="N", role=LD), TEST_PASSWORD)),
    "change_password": ({ADMIN}, lambda s, i: s.change_password(USERNAMES[LD], TEST_PASSWORD)),
    "remove_user": ({ADMIN}, lambda s, i: s.remove_user("nobody.here")),
    # A re-key is the administrator's, as backups and restores are (issue 13 item 3).
    "rekey": ({ADMIN}, lambda s, i: s.rekey()),
    "accounts_a_rekey_leaves_out": ({ADMIN}, lambda s, i: s.accounts_a_rekey_leaves_out()),
    "audit": (EVERYONE, lambda s, i: s.audit(AuditAction.PREVIEW, "referral", i["referral"])),
    "audit_many": (EVERYONE, lambda s, i: s.audit_many(AuditAction.EXPORT, [
        ("referral", i["referral"], i["person"], "bulk")])),
    "audit_entries": ({ADMIN}, lambda s, i: s.audit_entries()),
    # Every issued report prints it, whoever issues the report (issue 13, item 5).
    "audit_reference": (EVERYONE, lambda s, i: s.audit_reference()),
    "verify": ({ADMIN}, lambda s, i: s.verify()),
    "backup": ({ADMIN}, lambda s, i: s.backup(s.path.with_name(f"b-{s.user.username}.cstr"))),
    # The desk's hub password is inside its enrolment (issue 16): the administrator's, as backups.
    "hub_enrolment": ({ADMIN}, lambda s, i: s.hub_enrolment()),
    "save_hub_enrolment": ({ADMIN}, lambda s, i: s.save_hub_enrolment(
        f'{{"by": "{s.user.username}"}}')),
    "hub_outbox": (EVERYONE, lambda s, i: s.hub_outbox(10, summary_of)),
    "confirm_hub_sync": (EVERYONE, lambda s, i: s.confirm_hub_sync(1)),
    "hub_holds_summaries": (EVERYONE, lambda s, i: s.hub_holds_summaries()),
    "hub_sync_status": (EVERYONE, lambda s, i: s.hub_sync_status()),
    # Removing cases from the device (issue 16 item 6) is the administrator's, as a restore is;
    # what the desk holds is counts only, shown on every role's case list.
    "clearing_due": ({ADMIN}, lambda s, i: s.clearing_due()),
    "clear_case": ({ADMIN}, lambda s, i: s.clear_case(CaseManifest(
        i["referral"], NOW, (), ()))),
    "finish_clearing": ({ADMIN}, lambda s, i: s.finish_clearing()),
    # Pulling stores a person's case here (issue 16 item 3): the case roles', as opening one is.
    "pull_enrolment": (CASE, lambda s, i: s.pull_enrolment()),
    "held_hub_records": (CASE, lambda s, i: s.held_hub_records()),
    "pulled_cases": (CASE, lambda s, i: s.pulled_cases()),
    "store_pulled_case": (CASE, lambda s, i: s.store_pulled_case(_pulled_case())),
    "store_pulled_records": (CASE, lambda s, i: s.store_pulled_records(str(uuid.uuid4()), ())),
    "desk_holdings": (EVERYONE, lambda s, i: s.desk_holdings()),
    "cleared_in_months": (EVERYONE, lambda s, i: s.cleared_in_months(date(2025, 3, 1),
                                                                      date(2025, 4, 1))),
    "export_person": ({ADMIN}, lambda s, i: s.export_person(i["person"], s.path.with_name(
        f"sar-{s.user.username}.json"))),
    # Registering is L&D's, the practitioner's and the Clinical Lead's (Manual §4.1); the CDO
    # receives reports and records the court's decision, and registers no one.
    "add_person": ({LD, PR, CL}, lambda s, i: s.add_person(sample_person("New", "One"))),
    "update_person": ({LD, PR, CL}, lambda s, i: s.update_person(
        sample_person().model_copy(update={"id": i["person"]}))),
    "add_referral": ({LD, PR, CL}, lambda s, i: s.add_referral(sample_referral(i["person"]))),
    "update_referral": ({LD, PR, CL}, lambda s, i: s.update_referral(
        sample_referral(i["person"]).model_copy(update={"id": i["referral"]}))),
    "get_person": (CASE, lambda s, i: s.get_person(i["person"])),
    "find_possible_duplicates": (CASE, lambda s, i: s.find_possible_duplicates(
        "Aoife", "X", date(1990, 4, 12))),
    "search_people": (CASE, lambda s, i: s.search_people("aoi")),
    "list_cases": (CASE, lambda s, i: s.list_cases()),
    "load_case": (CASE, lambda s, i: s.load_case(i["referral"])),
    "set_stage": (CASE, lambda s, i: s.set_stage(i["referral"], Stage.REFERRED)),
    "get_administration": (CASE, lambda s, i: s.get_administration(i["k10"])),
    "drafts": (CASE, lambda s, i: s.drafts(i["referral"])),
    "untold_missed_sessions": (CASE, lambda s, i: s.untold_missed_sessions()),
    "cases_with_duties": (CASE, lambda s, i: s.cases_with_duties()),
    "monitoring_rows": (EVERYONE, lambda s, i: s.monitoring_rows(date(2025, 3, 1),
                                                                  date(2025, 4, 1))),
    # The return's per-referral summary (store.monitoring_summary): filled and grouped by
    # whoever prepares the return.
    "monitoring_month": (EVERYONE, lambda s, i: s.monitoring_month(
        date(2025, 3, 1), date(2025, 4, 1), summary_of)),
    "summarise_for_monitoring": (EVERYONE, lambda s, i: s.summarise_for_monitoring(summary_of)),
    # The FHIR export's reads (issue 17): whole case records, and the database's identity the
    # exported ids come from; only roles that see cases.
    "cases_in_bulk": (CASE, lambda s, i: s.cases_in_bulk([i["referral"]])),
    "database_uuid": (CASE, lambda s, i: s.database_uuid()),
    # Screens: L&D, practitioner, Clinical Lead (brief; DOMAIN.md step 2).
    "start_administration": ({LD, PR, CL}, lambda s, i: s.start_administration(
        i["referral"], "k10", "h", AdministrationMode.PRACTITIONER)),
    "record_answer": ({LD, PR, CL}, lambda s, i: s.record_answer(i["k10"], "q1", 1, 1)),
    "set_position": ({LD, PR, CL}, lambda s, i: s.set_position(i["k10"], 1)),
    "acknowledge_risk_prompt": ({LD, PR, CL}, lambda s, i: s.acknowledge_risk_prompt(i["k10"])),
    "complete_administration": ({LD, PR, CL}, lambda s, i: s.complete_administration(i["k10"])),
    "finalise_administration": ({LD, PR, CL}, lambda s, i: s.finalise_administration(i["k10"])),
    "amend_answer": ({LD, PR, CL}, lambda s, i: s.amend_answer(i["final"], "q1", 2, "typo")),
    # PHQ-9 is part of the practitioner assessment (Manual §4.2): not an L&D screen.
    "record_answer (assessment measure)": ({PR, CL}, lambda s, i: s.record_answer(
        i["phq9"], "q1", 1, 1)),
    "save_assessment": ({PR, CL}, lambda s, i: s.save_assessment(
        PractitionerAssessment(referral_id=i["referral"]))),
    "record_consent": ({PR, CL}, lambda s, i: s.record_consent(_consent(i["referral"],
                                                                        s.user.id))),
    "withdraw_consent": ({PR, CL}, lambda s, i: s.withdraw_consent(i["consent"], NOW, "asked")),
    "record_decision": ({PR, CL}, lambda s, i: s.record_decision(ClinicalLeadDecision(
        referral_id=i["referral"], outcome=DecisionOutcome.TREAT,
        channel=DecisionChannel.TELEPHONE, clinical_lead_name="Dr C", discussed_at=NOW,
        recorded_by=s.user.id, recorded_at=NOW))),
    # The DRR/ATR provider's answer (Manual §2.4) reaches the practitioner, the Clinical Lead
    # or probation's Court Duty Officer.
    "record_provider_acceptance": ({PR, CL, CDO}, lambda s, i: s.record_provider_acceptance(
        ProviderAcceptance(referral_id=i["referral"], requirements=[Requirement.ATR],
                           accepted=True, provider_name="Alcohol service", decided_at=NOW,
                           recorded_by=s.user.id, recorded_at=NOW))),
    "record_report_issued": ({PR, CL, CDO}, _report(ReportKind.PSR, False)),
    # Only the Clinical Lead signs off the final report; the CDO issues it (Manual §4.4).
    "record_report_issued (final)": ({CL, CDO}, _report(ReportKind.PSR, True)),
    "record_report_issued (GP letter)": ({PR, CL}, _report(ReportKind.GP_LETTER, False)),
    # The CDO records what the court decided (DOMAIN.md "Who uses it").
    "record_sentence": ({CDO}, lambda s, i: s.record_sentence(SentenceOutcome(
        referral_id=i["referral"], sentenced_on=date(2025, 3, 3),
        sentence=SentenceKind.COMMUNITY_ORDER, recorded_by=s.user.id, recorded_at=NOW))),
    # Court facts are recorded when heard, by whoever is with the case; the PSR's proposal by
    # the CDO, whose report it is (DOMAIN.md "Facts that arrive as the day goes on").
    "amend_referral": (CASE, lambda s, i: s.amend_referral(i["referral"], "plea", "guilty",
                                                           "plea taken")),
    "record_psr_proposal": ({CDO}, lambda s, i: s.record_psr_proposal(PsrProposal(
        referral_id=i["referral"], proposes_cstr=False, recorded_by=s.user.id,
        recorded_at=NOW))),
    # Equality monitoring is asked by those who meet the person (Manual §2.4 "Pre-sentence").
    "amend_equality": ({LD, PR, CL}, lambda s, i: s.amend_equality(i["person"], "ethnicity",
                                                                  "white_british", "asked")),
    "add_adjournment": ({PR, CL, CDO}, lambda s, i: s.add_adjournment(Adjournment(
        referral_id=i["referral"], adjourned_on=date(2025, 3, 10), reason="reports"))),
    "schedule_sessions": ({PR, CL}, lambda s, i: s.schedule_sessions(
        [TreatmentSession(referral_id=i["referral"], number=9, scheduled_at=NOW)])),
    "update_session": ({PR, CL}, lambda s, i: s.update_session(TreatmentSession(
        id=i["session"], referral_id=i["referral"], number=1, scheduled_at=NOW))),
    "record_safeguarding_referral": ({LD, PR, CL}, lambda s, i: s.record_safeguarding_referral(
        SafeguardingReferral(referral_id=i["referral"], made_on=date(2025, 6, 1),
                             agency=SafeguardingAgency.MASH, made_to="MASH", concern="child",
                             recorded_by=s.user.id, recorded_at=NOW))),
    # A practitioner takes a case on themselves; choosing someone else is the Clinical Lead's,
    # who leads the team (Manual §4.2, §4.7, §5.1).
    "allocate_practitioner": ({PR, CL}, lambda s, i: s.allocate_practitioner(i["referral"], s.user.id)),
    "allocate_practitioner (someone else)": ({CL}, lambda s, i: s.allocate_practitioner(
        i["referral"], _someone_else(s, i))),
    # After a missed appointment the provider contacts the person and the care coordinator, and
    # sends the offender manager the treatment plan (Manual §4.7); the leaflet with the next
    # appointment is given at sentence by the CDO or the provider (DRR/ATR service description).
    "record_contact_preferences": ({PR, CL}, lambda s, i: s.record_contact_preferences(
        ContactPreferences(referral_id=i["referral"], method=ContactMethod.PHONE,
                           recorded_by=s.user.id, recorded_at=NOW))),
    "record_missed_follow_up": ({PR, CL}, lambda s, i: s.record_missed_follow_up(MissedFollowUp(
        referral_id=i["referral"], session_id=i["session"], contact=FollowUpContact.PERSON,
        contacted_at=NOW, method=ContactMethod.PHONE, reached=False, recorded_by=s.user.id,
        recorded_at=NOW))),
    "record_treatment_plan_sent": ({PR, CL}, lambda s, i: s.record_treatment_plan_sent(
        TreatmentPlanSent(referral_id=i["referral"], sent_on=date(2025, 3, 4), sent_to="OM",
                          recorded_by=s.user.id, recorded_at=NOW))),
    "record_leaflet": ({CDO, PR, CL}, lambda s, i: s.record_leaflet(LeafletGiven(
        referral_id=i["referral"], given_on=date(2025, 3, 3), next_appointment_at=NOW,
        next_appointment_place="Clinic", recorded_by=s.user.id, recorded_at=NOW))),
    # The MHTR provider checks GP registration before treatment (Manual §2.4).
    "record_gp_check": ({PR, CL}, lambda s, i: s.record_gp_check(GpRegistrationCheck(
        referral_id=i["referral"], checked_on=date(2025, 3, 5), registered=True,
        practice="Northtown Health Centre", recorded_by=s.user.id, recorded_at=NOW))),
    "caseload": (CASE, lambda s, i: s.caseload(i["lead"])),
    "record_breach": ({CDO, PR, CL}, lambda s, i: s.record_breach(Breach(
        referral_id=i["referral"], decided_on=date(2025, 6, 1), returned_to_court=True,
        related_to_cstr=True, reason="second failure", recorded_by=s.user.id,
        recorded_at=NOW))),
    "record_completion": ({PR, CL}, lambda s, i: s.record_completion(TreatmentCompletion(
        referral_id=i["referral"], ended_on=date(2025, 9, 1), completed=True,
        recorded_by=s.user.id, recorded_at=NOW))),
    "record_follow_up": ({PR, CL}, lambda s, i: s.record_follow_up(FollowUp(
        referral_id=i["referral"], months_after=3, done_on=date(2025, 12, 1),
        recorded_by=s.user.id, recorded_at=NOW))),
    "amend": ({PR, CL}, lambda s, i: s.amend("consent", i["consent"], "consent_version", "v2",
                                             "typo")),
    # Through a DRR or ATR: the provider reports the start and does the tests (2014 guidance,
    # "Testing"); the offender manager (probation) co-ordinates meetings and reviews with the
    # provider, and alone signs the review report off for the court (CJA 2003 s.210); each
    # provider signs the completion documents (service description, "Sentence completion").
    "record_treatment_start": ({PR, CL}, lambda s, i: s.record_treatment_start(TreatmentStart(
        referral_id=i["referral"], requirement=SentenceRequirement.DRR,
        started_on=date(2025, 3, 4), recorded_by=s.user.id, recorded_at=NOW))),
    "record_drug_test": ({PR, CL}, lambda s, i: s.record_drug_test(DrugTest(
        referral_id=i["referral"], tested_on=date(2025, 3, 10), missed=True,
        missed_reason="did not attend", recorded_by=s.user.id, recorded_at=NOW))),
    "record_test_schedule": ({PR, CL}, lambda s, i: s.record_test_schedule(DrugTestSchedule(
        referral_id=i["referral"], tests_per_week=1, regular=[Substance.OPIATES],
        agreed_on=date(2025, 3, 3), recorded_by=s.user.id, recorded_at=NOW))),
    "record_meeting": ({CDO, PR, CL}, lambda s, i: s.record_meeting(JointMeeting(
        referral_id=i["referral"], kind=MeetingKind.THREE_WAY, held_on=date(2025, 3, 5),
        attendees=["OM"], person_attended=True, recorded_by=s.user.id, recorded_at=NOW))),
    "record_review_hearing": ({CDO, PR, CL}, lambda s, i: s.record_review_hearing(ReviewHearing(
        referral_id=i["referral"], hearing_on=date(2025, 6, 2), court="Court 1",
        report_due_on=date(2025, 5, 29), recorded_by=s.user.id, recorded_at=NOW))),
    "save_court_review": ({CDO, PR, CL}, lambda s, i: s.save_court_review(CourtReview(
        referral_id=i["referral"], period_from=date(2025, 3, 3), period_to=date(2025, 5, 28),
        recorded_by=s.user.id, recorded_at=NOW))),
    "sign_off_court_review": ({CDO}, lambda s, i: s.sign_off_court_review(CourtReview(
        id=999, referral_id=i["referral"], period_from=date(2025, 3, 3),
        period_to=date(2025, 5, 28), signed_off_by=s.user.id, signed_off_at=NOW,
        recorded_by=s.user.id, recorded_at=NOW))),
    "save_final_review": ({CDO, PR, CL}, lambda s, i: s.save_final_review(_final_review(i, s))),
    "save_final_review (provider's sign-off)": ({PR, CL}, lambda s, i: s.save_final_review(
        _final_review(i, s).model_copy(update={"id": 999}))),
    "orders_with_start_standards": (CASE, lambda s, i: s.orders_with_start_standards(("drr",))),
    "review_reports_due": (CASE, lambda s, i: s.review_reports_due(date(2025, 6, 1))),
}


def _someone_else(session, ids) -> int:
    if session.user.id != ids["lead"]:
        return ids["lead"]
    return next(u.id for u in session.list_users() if u.role is PR)


def _final_review(ids, session):
    return FinalSentenceReview(
        referral_id=ids["referral"], reviewed_on=date(2025, 9, 1), instruments=["phq9"],
        person_took_part=True, provider_took_part=True, ongoing_needs_plan="GP",
        onward_referral_to="IAPT", recorded_by=session.user.id, recorded_at=NOW)


def test_every_session_method_is_in_the_matrix() -> None:
    public = {name for name, _ in inspect.getmembers(Session, inspect.isfunction)
              if not name.startswith("_")}
    covered = {name.split(" (")[0] for name in MATRIX} | NO_ROLE_NEEDED
    assert public == covered


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("method", sorted(MATRIX))
def test_session_method_permission(database, role, method):
    path, ids = database
    allowed, call = MATRIX[method]
    with open_with_password(path, USERNAMES[role], TEST_PASSWORD) as session:
        if role in allowed:
            try:
                call(session, ids)
            except PermissionDenied as denied:
                pytest.fail(f"{role} refused {method}: {denied.message}")
            except StoreError:
                pass  # past the permission check; the record's state refused it
        else:
            with pytest.raises(PermissionDenied) as denied:
                call(session, ids)
            assert denied.value.message.startswith("Only ")


@pytest.mark.parametrize("action", CASE_ACTIONS)
def test_pathway_and_store_read_the_same_table(action: Action) -> None:
    for role in Role:
        user = User(id=1, username="u", full_name="U", role=role)
        assert (pathway.role_refusal(action, user) is None) == (role in PERMISSIONS[action])


def test_every_action_has_a_row_and_a_label() -> None:
    from cstr_desk.permissions import ACTION_LABELS
    assert set(PERMISSIONS) == set(Action) == set(ACTION_LABELS)
