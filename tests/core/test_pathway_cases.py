"""Builders for pathway, eligibility and operations tests: cases recorded up to each stage.

No tests here; the test modules import these (tests/core is on sys.path under pytest's
default import mode).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import forms
from cstr_desk.domain import (
    Administration,
    AdministrationStatus,
    AnswerRecord,
    CaseRecord,
    ClinicalLeadDecision,
    CommunityOrderLevel,
    ConsentRecord,
    CourtReview,
    DecisionChannel,
    DecisionOutcome,
    DecisionReason,
    OffenceType,
    OrderType,
    Person,
    Plea,
    PractitionerAssessment,
    ProviderAcceptance,
    Referral,
    ReferralSource,
    ReportIssued,
    ReportKind,
    Requirement,
    RiskAssessment,
    Role,
    SentenceKind,
    SentenceOutcome,
    SentenceRequirement,
    SiteSettings,
    TreatmentSession,
    User,
)
from cstr_desk.workflow.assessment import INTERVIEW_TOPICS

TODAY = date(2024, 6, 12)
NOW = datetime(2024, 6, 12, 10, 0, tzinfo=UTC)

USERS: dict[Role, User] = {
    role: User(id=n, username=role.value, full_name=f"Pat {role.name.title()}", role=role)
    for n, role in enumerate(Role, start=1)
}
CLINICAL_LEAD = USERS[Role.CLINICAL_LEAD]
PRACTITIONER = USERS[Role.PRACTITIONER]
SETTINGS = SiteSettings(site_name="Manchester", courts=["Manchester Magistrates"], postcode_areas=["M", "SK"])


def at(minutes: int) -> datetime:
    return NOW + timedelta(minutes=minutes)


def new_case(*, date_of_birth: date = date(1990, 5, 1), plea: Plea = Plea.GUILTY, **referral: object) -> CaseRecord:
    person = Person(
        id=1, given_name="Sam", family_name="Jones", date_of_birth=date_of_birth,
        postcode="M1 2AB", gp_practice="Ancoats Surgery",
    )
    fields = dict(
        id=7, person_id=1, site="Manchester", court="Manchester Magistrates", hearing_date=TODAY,
        referral_source=ReferralSource.LIAISON_DIVERSION, offence_type=OffenceType.THEFT, plea=plea,
        imprisonable_offence=True, community_order_level=CommunityOrderLevel.MEDIUM,
        proposed_order_type=OrderType.COMMUNITY_ORDER,
    )
    fields.update(referral)
    return CaseRecord(person=person, referral=Referral(**fields))


def answers(instrument_id: str, values: dict[int, int | None]) -> dict[str, AnswerRecord]:
    return {
        str(n): AnswerRecord(question=str(n), value=v, recorded_at=NOW, recorded_by=PRACTITIONER.id)
        for n, v in values.items()
    }


def zero_answers(instrument_id: str) -> dict[int, int | None]:
    return {item.number: 0 for item in forms.load_form(instrument_id).items}


def administration(
    instrument_id: str,
    values: dict[int, int | None] | None = None,
    *,
    status: AdministrationStatus = AdministrationStatus.COMPLETE,
    minutes: int = 0,
    id: int | None = None,
) -> Administration:
    values = zero_answers(instrument_id) if values is None else values
    return Administration(
        id=id, referral_id=7, instrument_id=instrument_id, form_hash=forms.form_hash(instrument_id),
        status=status, started_at=at(minutes), started_by=PRACTITIONER.id,
        completed_at=at(minutes + 5) if status != AdministrationStatus.DRAFT else None,
        answers=answers(instrument_id, values),
    )


def audit_answers(total: int) -> dict[int, int | None]:
    """AUDIT answers summing to `total` (items 1-8 first, then 9-10 in steps of 2)."""
    values: dict[int, int | None] = {}
    left = total
    for number in range(1, 9):
        values[number] = min(4, left)
        left -= values[number]
    for number in (9, 10):
        values[number] = min(4, left - left % 2)
        left -= values[number]
    assert left == 0, f"cannot make AUDIT total {total} this way"
    if values[2] == values[3] == 0:
        values.update({n: None for n in range(4, 9)})
    return values


def complete_assessment(**changes: object) -> PractitionerAssessment:
    fields = dict(
        id=3, referral_id=7, topics={t.key: "Discussed." for t in INTERVIEW_TOPICS},
        gp_registered=True, mental_health_need=True, drug_misuse=False,
        presenting_problem="Low mood and anxiety.", formulation="Recent losses; avoidance.",
        risk=RiskAssessment(
            self_harm="None disclosed.", suicide="None disclosed.", harm_to_others="None.",
            safeguarding="None.", crisis_plan="",
        ),
        completed=True, completed_at=at(60), completed_by=PRACTITIONER.id,
    )
    fields.update(changes)
    return PractitionerAssessment(**fields)


def consent(
    requirements: tuple[Requirement, ...] = (Requirement.MHTR,), *, when: datetime | None = None,
    withdrawn: datetime | None = None, id: int = 11,
) -> ConsentRecord:
    return ConsentRecord(
        id=id, referral_id=7, consent_version="2026.1", requirements_assessed_for=list(requirements),
        requirements_consented=list(requirements), explained_by=PRACTITIONER.id, easy_read_used=False,
        acknowledgements={"data_sharing": True}, signature_svg="<svg/>", consented_at=when or at(70),
        withdrawn_at=withdrawn, withdrawal_reason="Changed mind" if withdrawn else None,
    )


def decision(
    outcome: DecisionOutcome = DecisionOutcome.TREAT, channel: DecisionChannel = DecisionChannel.TELEPHONE,
    **changes: object,
) -> ClinicalLeadDecision:
    fields = dict(
        id=5, referral_id=7, outcome=outcome, channel=channel, clinical_lead_name=CLINICAL_LEAD.full_name,
        discussed_at=at(80), reasons=[DecisionReason.MEETS_PRIMARY_CARE_CRITERIA], recorded_by=PRACTITIONER.id,
        recorded_at=at(85),
    )
    fields.update(changes)
    return ClinicalLeadDecision(**fields)


def provider_acceptance(
    requirements: tuple[Requirement, ...] = (Requirement.ATR,), accepted: bool = True, **changes: object,
) -> ProviderAcceptance:
    fields = dict(
        id=6, referral_id=7, requirements=list(requirements), accepted=accepted,
        provider_name="Change Grow Live Manchester", decided_at=at(82),
        reasons="" if accepted else "Not dependent on alcohol at assessment.",
        recorded_by=PRACTITIONER.id, recorded_at=at(84),
    )
    fields.update(changes)
    return ProviderAcceptance(**fields)


def report(kind: ReportKind = ReportKind.PSR, final: bool = True) -> ReportIssued:
    return ReportIssued(id=9, referral_id=7, kind=kind, final=final, issued_at=at(90), issued_by=CLINICAL_LEAD.id)


def sentence(requirements: tuple[SentenceRequirement, ...] = (SentenceRequirement.MHTR,), **changes: object) -> SentenceOutcome:
    fields = dict(
        id=4, referral_id=7, sentenced_on=TODAY, sentence=SentenceKind.COMMUNITY_ORDER, length_months=12,
        requirements=list(requirements), recorded_by=USERS[Role.COURT_DUTY_OFFICER].id, recorded_at=at(300),
    )
    if not requirements:
        fields["no_cstr_reason"] = "Not suitable"
    fields.update(changes)
    return SentenceOutcome(**fields)


def treatment_session(number: int = 1, **changes: object) -> TreatmentSession:
    fields = dict(id=number, referral_id=7, number=number, scheduled_at=at(7 * 24 * 60 * number))
    fields.update(changes)
    return TreatmentSession(**fields)


def screened() -> CaseRecord:
    case = new_case()
    case.administrations = [administration("k10", {n: 1 for n in range(1, 11)})]
    return case


def assessed() -> CaseRecord:
    case = screened()
    case.administrations += [administration(i, minutes=20) for i in ("core34", "phq9", "gad7")]
    case.assessment = complete_assessment()
    return case


def consented() -> CaseRecord:
    case = assessed()
    case.consents = [consent()]
    return case


def decided(outcome: DecisionOutcome = DecisionOutcome.TREAT) -> CaseRecord:
    case = consented()
    case.decision = decision(outcome)
    return case


def reported() -> CaseRecord:
    case = decided()
    case.reports = [report()]
    return case


def sentenced(requirements: tuple[SentenceRequirement, ...] = (SentenceRequirement.MHTR,)) -> CaseRecord:
    case = reported()
    case.sentence = sentence(requirements)
    return case


def in_treatment() -> CaseRecord:
    case = sentenced()
    case.sessions = [treatment_session(1), treatment_session(2)]
    return case


def drr_reviewed() -> CaseRecord:
    """A DRR sentence with a court review's contributions recorded."""
    case = sentenced((SentenceRequirement.DRR,))
    case.court_reviews = [CourtReview(
        id=1, referral_id=case.referral.id, period_from=case.sentence.sentenced_on,
        period_to=case.sentence.sentenced_on + timedelta(days=28), recorded_by=1, recorded_at=at(300))]
    return case


def closed() -> CaseRecord:
    case = decided(DecisionOutcome.DECLINE)
    case.referral.closed_at = at(400)
    case.referral.closure_reason = "Declined by the Clinical Lead"
    return case
