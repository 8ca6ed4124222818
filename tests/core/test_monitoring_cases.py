"""A hand-built set of cases for the monitoring tests, with March 2026 as the month counted.

The expected March return is worked out by hand in test_monitoring.py. Names, dates of birth
and identifiers here are what the export tests look for (and must not find).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from cstr_desk.domain import (
    Adjournment,
    Administration,
    AdministrationStatus,
    AnswerRecord,
    Attendance,
    Breach,
    BreachOutcome,
    CaseRecord,
    ClinicalLeadDecision,
    ConsentRecord,
    DecisionChannel,
    GpRegistrationCheck,
    DecisionOutcome,
    EqualityMonitoring,
    JointMeeting,
    MeetingKind,
    OffenceType,
    Person,
    PractitionerAssessment,
    ProviderAcceptance,
    PsrProposal,
    Referral,
    ReferralSource,
    ReportIssued,
    ReportKind,
    Requirement,
    SentenceKind,
    SentenceOutcome,
    SentenceRequirement,
    TreatmentCompletion,
    TreatmentSession,
)

MARCH = date(2026, 3, 1)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def person(pid: int, given: str, family: str, dob: date, gender: str | None) -> Person:
    return Person(
        id=pid, given_name=given, family_name=family, date_of_birth=dob,
        nhs_number=f"94347659{pid:02d}", pnc_number=f"19/{1234560 + pid}X",
        postcode=f"ZZ{pid} 9QQ", gp_practice=f"Harbourside Surgery {given}",
        equality=EqualityMonitoring(gender=gender, ethnicity="white_british" if gender else None),
    )


def referral(rid: int, source: ReferralSource, created: str, hearing: date,
             offence: OffenceType = OffenceType.THEFT) -> Referral:
    return Referral(id=rid, person_id=rid, site="Testbed", court="Testbed Magistrates",
                    hearing_date=hearing, referral_source=source, offence_type=offence,
                    created_at=at(created))


def screen(rid: int, instrument: str, when: str) -> Administration:
    return Administration(referral_id=rid, instrument_id=instrument, form_hash="h",
                          status=AdministrationStatus.FINALISED, started_at=at(when),
                          started_by=1, completed_at=at(when))


def assessment(rid: int, when: str, gp_registered: bool | None = None,
               psychosis: bool | None = None) -> PractitionerAssessment:
    return PractitionerAssessment(referral_id=rid, completed=True, completed_at=at(when),
                                  completed_by=2, gp_registered=gp_registered,
                                  first_episode_psychosis=psychosis)


def questionnaire(rid: int, instrument: str, when: str, answer: int, items: int) -> Administration:
    """Every item answered `answer` (PHQ-9: 9 items, so the total is 9 x answer)."""
    answers = {str(i): AnswerRecord(question=str(i), value=answer, recorded_at=at(when),
                                    recorded_by=2) for i in range(1, items + 1)}
    return Administration(referral_id=rid, instrument_id=instrument, form_hash="h",
                          status=AdministrationStatus.FINALISED, started_at=at(when),
                          started_by=2, completed_at=at(when), answers=answers)


def meeting(rid: int, kind: MeetingKind, on: date) -> JointMeeting:
    return JointMeeting(referral_id=rid, kind=kind, held_on=on, attendees=["Offender manager"],
                        person_attended=True, recorded_by=4, recorded_at=at(f"{on}T16:00:00"))


def consent(rid: int, assessed_for: list[Requirement], consented: list[Requirement], when: str,
            withdrawn: str | None = None) -> ConsentRecord:
    return ConsentRecord(
        referral_id=rid, consent_version="2020", requirements_assessed_for=assessed_for,
        requirements_consented=consented, explained_by=2, easy_read_used=False,
        acknowledgements={}, consented_at=at(when),
        withdrawn_at=at(withdrawn) if withdrawn else None,
        withdrawal_reason="changed mind" if withdrawn else None,
    )


def decision(rid: int, outcome: DecisionOutcome, when: str) -> ClinicalLeadDecision:
    return ClinicalLeadDecision(referral_id=rid, outcome=outcome, channel=DecisionChannel.TELEPHONE,
                                clinical_lead_name="Dr Lead", discussed_at=at(when),
                                recorded_by=3, recorded_at=at(when))


def proposal(rid: int, proposes: bool, when: str, requirements: list[Requirement]) -> PsrProposal:
    return PsrProposal(referral_id=rid, proposes_cstr=proposes, requirements=requirements,
                       recorded_by=4, recorded_at=at(when))


def provider(rid: int, requirement: Requirement, accepted: bool, when: str,
             record_id: int) -> ProviderAcceptance:
    return ProviderAcceptance(id=record_id, referral_id=rid, requirements=[requirement],
                              accepted=accepted, provider_name="Harbour Recovery",
                              decided_at=at(when), recorded_by=2, recorded_at=at(when))


def sentence(rid: int, kind: SentenceKind, on: date, requirements: list[SentenceRequirement],
             sentenced_at: str | None = None, **extra: object) -> SentenceOutcome:
    return SentenceOutcome(referral_id=rid, sentenced_on=on, sentence=kind,
                           length_months=12 if requirements else None, requirements=requirements,
                           recorded_by=4, recorded_at=at(f"{on.isoformat()}T17:00:00"),
                           sentenced_at=at(sentenced_at) if sentenced_at else None, **extra)


def session(rid: int, number: int, when: str, attendance: Attendance) -> TreatmentSession:
    return TreatmentSession(id=rid * 100 + number, referral_id=rid, number=number,
                            scheduled_at=at(when), attendance=attendance)


M, D, A = Requirement.MHTR, Requirement.DRR, Requirement.ATR
S = SentenceRequirement


def gp_check(rid: int, on: date, registered: bool) -> GpRegistrationCheck:
    return GpRegistrationCheck(referral_id=rid, checked_on=on, registered=registered,
                               practice="Riverside Surgery" if registered else "",
                               recorded_by=2, recorded_at=at(f"{on.isoformat()}T12:00:00"))


def march_cases() -> list[CaseRecord]:
    return [
        # 1: the whole pathway on 02/03, sentenced on the day (the sentencer: 12 weeks' custody
        # otherwise); registered with a GP; a three-way meeting on 05/03; attends session 1 on
        # 09/03 (within 6 weeks), misses 2 and 3; still active at the end of March.
        CaseRecord(
            person=person(1, "Alice", "Smithson", date(1990, 5, 1), "female"),
            referral=referral(1, ReferralSource.PROBATION, "2026-03-02T08:00:00", date(2026, 3, 2)),
            administrations=[screen(1, "k10", "2026-03-02T08:30:00")],
            assessment=assessment(1, "2026-03-02T10:00:00", gp_registered=True),
            # Registered when assessed already: a later check is not a registration by CSTR.
            gp_checks=[gp_check(1, date(2026, 3, 9), registered=True)],
            consents=[consent(1, [M], [M], "2026-03-02T10:30:00")],
            decision=decision(1, DecisionOutcome.TREAT, "2026-03-02T11:00:00"),
            reports=[ReportIssued(referral_id=1, kind=ReportKind.PSR, final=True,
                                  issued_at=at("2026-03-02T12:00:00"), issued_by=4)],
            psr_proposal=proposal(1, True, "2026-03-02T12:30:00", [M]),
            sentence=sentence(1, SentenceKind.COMMUNITY_ORDER, date(2026, 3, 2), [S.MHTR, S.RAR],
                              sentenced_at="2026-03-02T14:00:00", without_cstr_custody_weeks=12),
            meetings=[meeting(1, MeetingKind.THREE_WAY, date(2026, 3, 5))],
            sessions=[session(1, 1, "2026-03-09T10:00:00", Attendance.ATTENDED),
                      session(1, 2, "2026-03-16T10:00:00", Attendance.MISSED),
                      session(1, 3, "2026-03-23T10:00:00", Attendance.MISSED)],
        ),
        # 2: alcohol; sentenced two days after assessment (not on the day); a draft Clinical
        # Lead report only, but probation proposed the ATR; the provider accepted it; a
        # three-way meeting on 10/03 (a joint review later is not one); treatment ended early on
        # 28/03, the PHQ-9 down from 18 to 9 (a reliable improvement: 6 or more).
        CaseRecord(
            person=person(2, "Bartholomew", "Quennell", date(2000, 3, 4), "male"),
            referral=referral(2, ReferralSource.LIAISON_DIVERSION, "2026-03-03T08:00:00",
                              date(2026, 3, 3)),
            administrations=[screen(2, "auditc", "2026-03-03T08:30:00"),
                             questionnaire(2, "phq9", "2026-03-03T09:30:00", 2, 9),
                             questionnaire(2, "gad7", "2026-03-03T09:40:00", 2, 7),
                             questionnaire(2, "phq9", "2026-03-27T10:00:00", 1, 9)],
            assessment=assessment(2, "2026-03-03T10:00:00", gp_registered=True),
            consents=[consent(2, [A], [A], "2026-03-03T10:30:00")],
            decision=decision(2, DecisionOutcome.TREAT, "2026-03-03T11:00:00"),
            reports=[ReportIssued(referral_id=2, kind=ReportKind.PSR, final=False,
                                  issued_at=at("2026-03-03T12:00:00"), issued_by=4)],
            provider_acceptances=[provider(2, A, True, "2026-03-03T11:30:00", 21)],
            psr_proposal=proposal(2, True, "2026-03-03T13:00:00", [A]),
            sentence=sentence(2, SentenceKind.SUSPENDED_SENTENCE_ORDER, date(2026, 3, 5), [S.ATR]),
            meetings=[meeting(2, MeetingKind.JOINT_REVIEW, date(2026, 3, 20)),
                      meeting(2, MeetingKind.THREE_WAY, date(2026, 3, 10))],
            completion=TreatmentCompletion(referral_id=2, ended_on=date(2026, 3, 28), completed=False,
                                           recorded_by=2, recorded_at=at("2026-03-28T12:00:00")),
        ),
        # 3: assessed for an MHTR, not registered with a GP, did not consent; probation still
        # proposed an MHTR; a GP registration check on 24/03 finds them registered (after one
        # on 12/03 that did not): registered with a GP as a result of CSTR.
        CaseRecord(
            person=person(3, "Cornelius", "Wragge", date(1960, 1, 1), "male"),
            referral=referral(3, ReferralSource.PROBATION, "2026-03-10T08:00:00", date(2026, 3, 10)),
            administrations=[screen(3, "k10", "2026-03-10T08:30:00")],
            assessment=assessment(3, "2026-03-10T10:00:00", gp_registered=False),
            consents=[consent(3, [M], [], "2026-03-10T10:30:00")],
            psr_proposal=proposal(3, True, "2026-03-10T12:00:00", [M]),
            gp_checks=[gp_check(3, date(2026, 3, 12), registered=False),
                       gp_check(3, date(2026, 3, 24), registered=True)],
        ),
        # 4: screened only.
        CaseRecord(
            person=person(4, "Delphine", "Ashcombe", date(1985, 7, 7), "female"),
            referral=referral(4, ReferralSource.POLICE_CUSTODY, "2026-03-15T08:00:00",
                              date(2026, 3, 16)),
            administrations=[screen(4, "k10", "2026-03-15T09:00:00")],
        ),
        # 5: everything in February except the withdrawal of consent on 05/03.
        CaseRecord(
            person=person(5, "Evander", "Pollexfen", date(1975, 2, 2), "male"),
            referral=referral(5, ReferralSource.COURT_STAFF, "2026-02-20T08:00:00", date(2026, 2, 20)),
            assessment=assessment(5, "2026-02-20T10:00:00"),
            consents=[consent(5, [M], [M], "2026-02-20T10:30:00", withdrawn="2026-03-05T09:00:00")],
            decision=decision(5, DecisionOutcome.DECLINE, "2026-02-20T11:00:00"),
        ),
        # 6: 23:30 UTC on 31/03 is 00:30 BST on 01/04 in London: April, not March.
        CaseRecord(
            person=person(6, "Florizel", "Tregothnan", date(1995, 6, 6), None),
            referral=referral(6, ReferralSource.SELF_REFERRAL, "2026-03-31T23:30:00", date(2026, 4, 1)),
            administrations=[screen(6, "k10", "2026-03-31T23:40:00")],
        ),
        # 7: referred 28/02 (GMT, so UTC is London time); custody on 10/03, the sentencer's
        # comments recorded; two adjournments.
        CaseRecord(
            person=person(7, "Gwendolen", "Fairfax-Moncrieff", date(1988, 8, 8), "female"),
            referral=referral(7, ReferralSource.LEGAL_REPRESENTATIVE, "2026-02-28T23:30:00",
                              date(2026, 3, 2)),
            sentence=sentence(7, SentenceKind.CUSTODY, date(2026, 3, 10), [], custody_weeks=8,
                              no_cstr_reason="custody threshold passed",
                              sentencer_comments="Custody threshold passed; no CSTR possible"),
            adjournments=[Adjournment(referral_id=7, adjourned_on=date(2026, 3, 3), reason="court_led"),
                          Adjournment(referral_id=7, adjourned_on=date(2026, 3, 4),
                                      reason="Magistrate Hollowbrook unwell")],
        ),
        # 8: MHTR + DRR; the Clinical Lead's final report, but probation proposed no CSTR;
        # the DRR provider first had no place, then accepted (the later answer counts);
        # a first episode of psychosis (first session due within 2 weeks); misses the first
        # session; returned to court for breach on 28/03, re-sentenced to a CSTR.
        CaseRecord(
            person=person(8, "Hermione", "Vavasour", date(2007, 3, 4), None),
            referral=referral(8, ReferralSource.SELF_REFERRAL, "2026-03-04T08:00:00", date(2026, 3, 4)),
            assessment=assessment(8, "2026-03-04T10:00:00", psychosis=True),
            consents=[consent(8, [M, D], [M, D], "2026-03-04T10:30:00")],
            decision=decision(8, DecisionOutcome.TREAT, "2026-03-04T11:00:00"),
            reports=[ReportIssued(referral_id=8, kind=ReportKind.PSR, final=True,
                                  issued_at=at("2026-03-04T12:00:00"), issued_by=4)],
            provider_acceptances=[provider(8, D, False, "2026-03-04T11:30:00", 81),
                                  provider(8, D, True, "2026-03-06T09:00:00", 82)],
            psr_proposal=proposal(8, False, "2026-03-04T12:30:00", []),
            sentence=sentence(8, SentenceKind.COMMUNITY_ORDER, date(2026, 3, 20), [S.MHTR, S.DRR]),
            sessions=[session(8, 1, "2026-03-25T10:00:00", Attendance.MISSED)],
            breaches=[Breach(referral_id=8, decided_on=date(2026, 3, 28), returned_to_court=True,
                             related_to_cstr=True, reason="did not attend", recorded_by=4,
                             recorded_at=at("2026-03-28T12:00:00"),
                             outcome=BreachOutcome.RESENTENCED_TO_CSTR)],
        ),
    ]


def identifying_strings(cases: list[CaseRecord]) -> list[str]:
    """Every name, date of birth (as people write it) and identifier in the cases."""
    found = []
    for case in cases:
        p = case.person
        found += [p.given_name, p.family_name, p.full_name, p.nhs_number, p.pnc_number,
                  p.postcode, p.gp_practice, p.date_of_birth.isoformat(),
                  p.date_of_birth.strftime("%d/%m/%Y"), p.date_of_birth.strftime("%d-%m-%Y")]
        found += [a.reason for a in case.adjournments if a.reason != "court_led"]
        if case.sentence and case.sentence.no_cstr_reason:
            found.append(case.sentence.no_cstr_reason)
        if case.sentence and case.sentence.sentencer_comments:
            found.append(case.sentence.sentencer_comments)
    return [s for s in found if s]
