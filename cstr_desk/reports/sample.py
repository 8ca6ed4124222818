"""A worked example case, for the benchmark, for trying a layout, and as the tests' base record.

Run `python -m cstr_desk.reports.sample OUT_DIR` to write every report for it. The names use
letters outside Latin-1 (Siân Ó Briain, Łukasz, Welsh ŵ and ŷ) on purpose: they are what the
embedded fonts are for.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from cstr_desk.consent_text import CURRENT_VERSION
from cstr_desk.domain import (
    DECLINE_REASONS, TREAT_REASONS,
    Administration, AdministrationStatus, AnswerRecord, Attendance, CaseRecord,
    ClinicalLeadDecision, ConsentRecord, ContactDetails, DecisionChannel, DecisionOutcome, FollowUp,
    MissedReason, ServiceContacts,
    OffenceType, OrderType, Person, Plea, PractitionerAssessment, ProviderAcceptance, Referral,
    ReferralSource, Requirement,
    RiskAssessment, Role, SentenceKind, SentenceOutcome, SentenceRequirement, Stage,
    TreatmentCompletion, TreatmentSession, User,
)

HEARING = datetime(2026, 3, 9, 9, 30, tzinfo=UTC)
# As an issued report prints the audit trail's point (store.Session.audit_reference).
SAMPLE_AUDIT_REFERENCE = "1234-0f3a9c2e"
PRACTITIONER, CLINICAL_LEAD, LD_WORKER, CDO = 2, 3, 4, 5

# Answers as recorded (option values in printed order), chosen to give a mild-to-moderate
# picture at assessment and a better one at the end of treatment.
CORE_OM_BEFORE = [2, 3, 1, 2, 2, 1, 2, 3, 0, 2, 3, 1, 2, 2, 3, 0, 2, 2, 2, 3, 1, 0, 2, 0, 2, 3,
                  3, 2, 2, 3, 1, 2, 2, 0]
CORE_OM_AFTER = [1, 1, 3, 3, 1, 0, 1, 1, 0, 1, 1, 3, 1, 3, 1, 0, 1, 1, 3, 1, 3, 0, 1, 0, 1, 1,
                 1, 1, 1, 1, 3, 3, 1, 0]
PHQ9_BEFORE, PHQ9_AFTER = [2, 2, 3, 2, 1, 2, 2, 1, 1], [1, 0, 1, 1, 0, 1, 1, 0, 0]
GAD7_BEFORE, GAD7_AFTER = [2, 3, 2, 2, 1, 2, 1], [1, 1, 0, 1, 0, 1, 0]
K10_SCREEN = [3, 3, 2, 3, 2, 3, 3, 2, 3, 2]


def sample_users() -> dict[int, User]:
    people = [
        User(id=PRACTITIONER, username="lnowak", full_name="Łukasz Nowak", role=Role.PRACTITIONER),
        User(id=CLINICAL_LEAD, username="gwyn", full_name="Dr Gwŷn Llŵyd",
             role=Role.CLINICAL_LEAD),
        User(id=LD_WORKER, username="apatel", full_name="Anjali Patel", role=Role.LD_WORKER),
        User(id=CDO, username="jbrown", full_name="Jo Brown", role=Role.COURT_DUTY_OFFICER),
    ]
    return {user.id: user for user in people if user.id is not None}


def administration(instrument_id: str, values: list[int], at: datetime, by: int) -> Administration:
    answers = {str(n): AnswerRecord(question=str(n), value=v, recorded_at=at, recorded_by=by)
               for n, v in enumerate(values, start=1)}
    return Administration(
        id=None, referral_id=1, instrument_id=instrument_id, form_hash="sample",
        status=AdministrationStatus.FINALISED, started_at=at, started_by=by,
        completed_at=at + timedelta(minutes=12), position=len(values), answers=answers,
    )


def sample_case() -> CaseRecord:
    """A case on the day of the hearing: screened, assessed, consented, the Clinical Lead has
    decided to treat; what the Responsible Clinician's report is printed from."""
    morning = HEARING - timedelta(hours=1)
    return CaseRecord(
        person=Person(id=1, given_name="Siân", family_name="Ó Briain",
                      date_of_birth=date(1991, 7, 14), nhs_number="943 476 5919",
                      pnc_number="14/123456X", postcode="CF10 1EP",
                      gp_practice="Meddygfa Tŷ Newydd, Heol y Frenhines, Caerdydd"),
        referral=Referral(id=1, person_id=1, site="Cardiff CSTR",
                          court="Cardiff Magistrates' Court", hearing_date=HEARING.date(),
                          referral_source=ReferralSource.LIAISON_DIVERSION,
                          offence_type=OffenceType.CRIMINAL_DAMAGE, plea=Plea.GUILTY,
                          imprisonable_offence=True, stage=Stage.CLINICAL_LEAD_DECISION),
        administrations=[
            administration("k10", K10_SCREEN, morning - timedelta(hours=1), LD_WORKER),
            administration("core34", CORE_OM_BEFORE, morning, PRACTITIONER),
            administration("phq9", PHQ9_BEFORE, morning + timedelta(minutes=15), PRACTITIONER),
            administration("gad7", GAD7_BEFORE, morning + timedelta(minutes=25), PRACTITIONER),
        ],
        assessment=_assessment(morning + timedelta(minutes=40)),
        consents=[_consent(morning + timedelta(minutes=50))],
        decision=_decision(HEARING + timedelta(minutes=20)),
    )


def sample_completed_case() -> CaseRecord:
    """The same case at the end of its 12 sessions, with the sentence and the measures taken
    again; what the completion summary is printed from."""
    case = sample_case()
    end = HEARING + timedelta(weeks=13)
    return case.model_copy(update={
        "referral": case.referral.model_copy(update={"stage": Stage.IN_TREATMENT}),
        "administrations": [*case.administrations, *_after_treatment(end)],
        "sentence": SentenceOutcome(
            referral_id=1, sentenced_on=HEARING.date(), sentence=SentenceKind.COMMUNITY_ORDER,
            length_months=12, requirements=[SentenceRequirement.MHTR, SentenceRequirement.RAR],
            without_cstr_custody_weeks=8, recorded_by=CDO,
            recorded_at=HEARING + timedelta(hours=6)),
        "sessions": _sessions(),
        "completion": TreatmentCompletion(
            referral_id=1, ended_on=end.date(), completed=True,
            notes="Completed all but two sessions.",
            signposting=("Given the local services sheet (Samaritans 116 123, CALL helpline, "
                         "Cardiff Mind); referred to the GP for a medication review; "
                         "two top-up sessions offered."),
            recorded_by=PRACTITIONER, recorded_at=end),
        "follow_ups": [FollowUp(referral_id=1, months_after=3, done_on=(end + timedelta(days=92)).date(),
                                notes="Mood stable; back in part-time work.",
                                recorded_by=PRACTITIONER, recorded_at=end + timedelta(days=92))],
    })


def _after_treatment(end: datetime) -> list[Administration]:
    return [administration("core34", CORE_OM_AFTER, end, PRACTITIONER),
            administration("phq9", PHQ9_AFTER, end + timedelta(minutes=15), PRACTITIONER),
            administration("gad7", GAD7_AFTER, end + timedelta(minutes=25), PRACTITIONER)]


INTERVIEW_NOTES = {
    "social_circumstances": "Rents a flat alone; lost her retail job in October; rent arrears.",
    "vulnerabilities": "Emotional neglect in childhood; no current abuse disclosed.",
    "speech_and_communication": "No needs identified; prefers Welsh for the paperwork.",
    "physical_health": "Asthma, well controlled.",
    "drug_and_alcohol": "Drinks 20-30 units at weekends; no drug use. AUDIT-C discussed.",
    "cultural_age_gender": "None raised.",
    "medication": "Salbutamol inhaler. No known allergies.",
    "criminal_justice_involvement": "Damaged a neighbour's car during an argument while drunk.",
    "forensic_history": "One public order offence in 2019 (fine).",
    "other_agencies": "None currently.",
    "previous_help": "Six sessions of counselling in 2021; found talking helpful.",
    "existing_diagnosis": "Depression, diagnosed by her GP in 2021.",
    "impact_on_daily_living": "Stays in bed most mornings; stopped seeing friends.",
    "mhtr_goals": "Feel less low, sleep better, cut down drinking, look for work.",
    "main_problem": "Low mood and worry about money.",
    "barriers_to_attendance": "None: lives on a bus route to the service.",
}


def _assessment(at: datetime) -> PractitionerAssessment:
    return PractitionerAssessment(
        referral_id=1, topics=INTERVIEW_NOTES, gp_registered=True, mental_health_need=True, drug_misuse=False,
        presenting_problem=("Low mood and anxiety for about two years, worse since losing her job "
                            "in the autumn; poor sleep; drinking more at weekends to cope."),
        formulation=("Long-standing low self-worth after a difficult childhood, maintained by "
                     "isolation and avoidance. Recent job loss and debt triggered the current "
                     "episode. The offence happened during an argument while intoxicated.\n\n"
                     "Protective factors: supportive sister in Caerdydd, motivated to change."),
        risk=RiskAssessment(self_harm="Historic self-harm (cutting) aged 16; none since.",
                            suicide="Passive thoughts in the past month, no plans or intent.",
                            harm_to_others="Low: one previous public order offence.",
                            safeguarding="No children in her care; no concerns identified.",
                            crisis_plan="Samaritans 116 123; sister; GP same-day appointment."),
        completed=True, completed_at=at, completed_by=PRACTITIONER,
    )


def _consent(at: datetime) -> ConsentRecord:
    return ConsentRecord(
        referral_id=1, consent_version=CURRENT_VERSION, requirements_assessed_for=[Requirement.MHTR],
        requirements_consented=[Requirement.MHTR], explained_by=PRACTITIONER, easy_read_used=True,
        interpreter_language="Welsh",
        acknowledgements={"information_sharing": True, "confidentiality_limits": True,
                          "right_to_withdraw": True, "mhtr_sessions": True},
        signature_svg=("M 10 60 C 30 10, 50 10, 60 50 S 90 90, 110 40 L 130 55 "
                       "M 140 30 Q 160 80 190 35"),
        gp_surgery="Meddygfa Tŷ Newydd", consented_at=at,
    )


def _decision(at: datetime) -> ClinicalLeadDecision:
    return ClinicalLeadDecision(
        referral_id=1, outcome=DecisionOutcome.TREAT, channel=DecisionChannel.TELEPHONE,
        clinical_lead_name="Dr Gwŷn Llŵyd", discussed_at=at,
        reasons=[TREAT_REASONS[0], TREAT_REASONS[2]],
        recommendations_to_court=("A Mental Health Treatment Requirement of 12 weekly one-hour "
                                  "sessions as part of a 12-month community order."),
        recommended_requirements=[Requirement.MHTR], recommended_length_months=12,
        recommended_order_type=OrderType.COMMUNITY_ORDER,
        treatment_plan=("12 weekly sessions of CBT-informed psychological intervention focused on "
                        "low mood, emotional regulation and alcohol use; outcome measures at the "
                        "start and end."),
        treatment_provider="Primary care MHTR service, Cardiff and Vale University Health Board",
        first_appointment_at=HEARING + timedelta(days=8, hours=1),
        first_appointment_place="Tŷ Cymorth, 12 Heol y Frenhines, Caerdydd CF10 2BU",
        recorded_by=PRACTITIONER, recorded_at=at + timedelta(minutes=5),
    )


def _sessions() -> list[TreatmentSession]:
    first = HEARING + timedelta(days=8, hours=1)
    sessions = []
    for number in range(1, 13):
        at = first + timedelta(weeks=number - 1)
        session = TreatmentSession(referral_id=1, number=number, scheduled_at=at,
                                   attendance=Attendance.ATTENDED)
        if number in (4, 9):
            session = session.model_copy(update={
                "attendance": Attendance.MISSED,
                "missed_reason": (MissedReason.PHYSICAL_HEALTH if number == 4
                                  else MissedReason.OTHER),
                "missed_reason_notes": "" if number == 4 else "Childcare fell through",
                "offender_manager_told_at": at + timedelta(hours=20 if number == 4 else 60)})
        sessions.append(session)
    return sessions


def sample_contacts() -> ServiceContacts:
    """The site's contact details as an administrator sets them (Manual §5.2)."""
    return ServiceContacts(
        service=ContactDetails(name="Cardiff CSTR service", address="Tŷ Cymorth, 12 Heol y "
                               "Frenhines, Caerdydd CF10 2BU", phone="029 2000 1234",
                               secure_email="cstr.cardiff@wales.nhs.uk"),
        practitioner=ContactDetails(name="Łukasz Nowak", phone="029 2000 1235",
                                    secure_email="lukasz.nowak@wales.nhs.uk"),
        clinical_lead=ContactDetails(name="Dr Gwŷn Llŵyd", phone="029 2000 1236",
                                     secure_email="gwyn.llwyd@wales.nhs.uk"),
        treatment_provider=ContactDetails(name="Primary care MHTR service, Cardiff and Vale UHB",
                                          phone="029 2000 1240"),
    )


def sample_declined_case() -> CaseRecord:
    """The same person declined by the Clinical Lead (needs secondary care), sentenced without
    a CSTR: a decline report and a GP letter with the outcome and signposting."""
    case = sample_case()
    decision = case.decision.model_copy(update={
        "outcome": DecisionOutcome.DECLINE, "reasons": [DECLINE_REASONS[0]],
        "reason_notes": "Long-standing pattern needs the community mental health team.",
        "recommendations_to_court": "", "recommended_requirements": [],
        "recommended_length_months": None, "recommended_order_type": None,
        "treatment_plan": "", "treatment_provider": "", "first_appointment_at": None,
        "first_appointment_place": "",
        "signposting": "Referred to the Cardiff community mental health team; Samaritans 116 123."})
    return case.model_copy(update={"decision": decision, "sentence": SentenceOutcome(
        referral_id=1, sentenced_on=HEARING.date(), sentence=SentenceKind.COMMUNITY_ORDER,
        length_months=12, requirements=[SentenceRequirement.UNPAID_WORK],
        no_cstr_reason="The Clinical Lead did not recommend an MHTR", recorded_by=CDO,
        recorded_at=HEARING + timedelta(hours=6))})


def sample_withdrawn_case() -> CaseRecord:
    """Sentenced to an MHTR, then the person withdrew consent: what may still be shared."""
    case = sample_completed_case()
    withdrawn = case.consents[0].model_copy(update={
        "withdrawn_at": HEARING + timedelta(weeks=3), "withdrawal_reason": "Does not want contact"})
    return case.model_copy(update={"consents": [withdrawn], "completion": None})


def sample_mhtr_atr_case() -> CaseRecord:
    """An MHTR with an ATR, the alcohol service's acceptance recorded as its own step."""
    case = sample_case()
    consent = case.consents[0].model_copy(update={
        "requirements_assessed_for": [Requirement.MHTR, Requirement.ATR],
        "requirements_consented": [Requirement.MHTR, Requirement.ATR],
        "acknowledgements": {**case.consents[0].acknowledgements, "atr_engagement": True}})
    decision = case.decision.model_copy(update={
        "recommended_requirements": [Requirement.MHTR, Requirement.ATR],
        "recommendations_to_court": "An MHTR of 12 weekly sessions and an ATR with the alcohol "
                                    "service, as part of a 12-month community order."})
    accepted = ProviderAcceptance(
        referral_id=1, requirements=[Requirement.ATR], accepted=True,
        provider_name="Cardiff Alcohol Service (Kaleidoscope)", decided_at=HEARING + timedelta(hours=2),
        reasons="AUDIT 24; motivated; can start within 14 days.", recorded_by=CDO,
        recorded_at=HEARING + timedelta(hours=2, minutes=5))
    return case.model_copy(update={"consents": [consent], "decision": decision,
                                   "provider_acceptances": [accepted]})


def write_all(out_dir: Path) -> list[Path]:
    """Every report kind for each sample: treat, decline, withdrawal, MHTR+ATR, completion."""
    from cstr_desk.reports import (
        render_completion_summary, render_consent_copy, render_gp_letter, render_psr,
    )

    users, contacts = sample_users(), sample_contacts()
    me, lead = users[PRACTITIONER], users[CLINICAL_LEAD]
    ref = SAMPLE_AUDIT_REFERENCE
    samples = {"treat": sample_case(), "decline": sample_declined_case(),
               "withdrawn": sample_withdrawn_case(), "mhtr-atr": sample_mhtr_atr_case(),
               "completion": sample_completed_case()}
    outputs: dict[str, bytes] = {}
    for name, case in samples.items():
        consent, final = case.consents[0], case.consent_in_force is not None
        outputs |= {
            f"{name}-psr-{'final' if final else 'draft'}.pdf":
                render_psr(case, generated_by=lead, users=users, final=final, contacts=contacts,
                           audit_reference=ref),
            f"{name}-consent.pdf": render_consent_copy(case, consent, easy_read=False, users=users,
                                                       contacts=contacts, audit_reference=ref),
            f"{name}-consent-easy-read.pdf": render_consent_copy(
                case, consent, easy_read=True, users=users, contacts=contacts,
                audit_reference=ref),
            f"{name}-gp-letter.pdf": render_gp_letter(case, generated_by=me, users=users,
                                                      contacts=contacts, audit_reference=ref),
        }
        if case.sessions:
            outputs[f"{name}-completion.pdf"] = render_completion_summary(
                case, generated_by=me, users=users, audit_reference=ref)
    outputs["treat-psr-draft.pdf"] = render_psr(sample_case().model_copy(update={"decision": None}),
                                                generated_by=me, users=users, audit_reference=ref)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, pdf in outputs.items():
        (out_dir / name).write_bytes(pdf)
    return [out_dir / name for name in outputs]


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "sample-reports")):
        print(path)
