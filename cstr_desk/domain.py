"""The CSTR pathway's records, in the domain's own words.

These pydantic models are the contract between the store (which persists them), the workflow
rules (which judge them), the reports (which print them) and the screens (which show them).
Vocabularies follow the practitioner manual and the process evaluation's annexes; see
`../shared/DOMAIN.md`. No Qt and no database here.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from cstr_desk.translatable import QT_TRANSLATE_NOOP


class Record(BaseModel):
    """Base for every stored record: validated on assignment, unknown fields refused."""

    model_config = ConfigDict(validate_assignment=True, extra="forbid")


# --- people who use the app -----------------------------------------------------------------


class Role(StrEnum):
    LD_WORKER = "ld_worker"
    PRACTITIONER = "practitioner"
    CLINICAL_LEAD = "clinical_lead"
    COURT_DUTY_OFFICER = "court_duty_officer"
    ADMINISTRATOR = "administrator"


# In English for the command line and paper; the UI shows them through ui/words.ROLE_WORDS.
ROLE_LABELS: dict[Role, str] = {
    Role.LD_WORKER: QT_TRANSLATE_NOOP("roles", "Liaison & Diversion worker"),
    Role.PRACTITIONER: QT_TRANSLATE_NOOP("roles", "MHTR practitioner"),
    Role.CLINICAL_LEAD: QT_TRANSLATE_NOOP("roles", "Clinical Lead"),
    Role.COURT_DUTY_OFFICER: QT_TRANSLATE_NOOP("roles", "Court Duty Officer"),
    Role.ADMINISTRATOR: QT_TRANSLATE_NOOP("roles", "Administrator"),
}


class User(Record):
    id: int | None = None
    username: str
    full_name: str
    role: Role
    active: bool = True


# --- vocabularies ---------------------------------------------------------------------------


class Stage(StrEnum):
    """Where a case is on the pathway (DOMAIN.md "The pathway", steps 1-9)."""

    REFERRED = "referred"
    SCREENED = "screened"
    ASSESSED = "assessed"
    CONSENTED = "consented"
    CLINICAL_LEAD_DECISION = "clinical_lead_decision"
    REPORT_ISSUED = "report_issued"
    SENTENCED = "sentenced"
    IN_TREATMENT = "in_treatment"
    CLOSED = "closed"


class ReferralSource(StrEnum):
    """Referral sources counted in monitoring (Manual §2.4; process evaluation Annex D)."""

    POLICE_CUSTODY = "police_custody"
    PROBATION = "probation"
    LIAISON_DIVERSION = "liaison_diversion"
    COURT_STAFF = "court_staff"
    LEGAL_REPRESENTATIVE = "legal_representative"
    SUBSTANCE_MISUSE_SERVICE = "substance_misuse_service"
    COMMUNITY_MENTAL_HEALTH = "community_mental_health"
    SELF_REFERRAL = "self_referral"
    CARER_OR_FAMILY = "carer_or_family"
    APPROPRIATE_ADULT = "appropriate_adult"
    # Process evaluation Annex D "Source of referral": IAPT services and the PSR author.
    IAPT = "iapt"
    PSR_AUTHOR = "psr_author"
    OTHER = "other"


class OffenceType(StrEnum):
    """Offence types used at the sites (DOMAIN.md "What gets counted")."""

    PUBLIC_ORDER = "public_order"
    HARASSMENT = "harassment"
    DRUG_OFFENCES = "drug_offences"
    CRIMINAL_DAMAGE = "criminal_damage"
    ARSON = "arson"
    THEFT = "theft"
    BURGLARY = "burglary"
    ROBBERY = "robbery"
    FRAUD_AND_FORGERY = "fraud_and_forgery"
    OFFENSIVE_WEAPON = "offensive_weapon"
    FIREARM = "firearm"
    VIOLENCE_AGAINST_THE_PERSON = "violence_against_the_person"
    MURDER_MANSLAUGHTER = "murder_manslaughter"
    SEXUAL_OFFENCE = "sexual_offence"
    BREACH_OF_COURT_ORDER = "breach_of_court_order"
    VEHICLE_CRIME = "vehicle_crime"
    MOTORING = "motoring"


class Plea(StrEnum):
    NOT_YET_TAKEN = "not_yet_taken"
    GUILTY = "guilty"
    NOT_GUILTY = "not_guilty"
    FOUND_GUILTY_AFTER_TRIAL = "found_guilty_after_trial"


class Requirement(StrEnum):
    """Community Sentence Treatment Requirements."""

    MHTR = "mhtr"
    DRR = "drr"
    ATR = "atr"


class OrderType(StrEnum):
    COMMUNITY_ORDER = "co"
    SUSPENDED_SENTENCE_ORDER = "sso"


class CommunityOrderLevel(StrEnum):
    """Sentencing Council community order bands."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


PREFER_NOT_TO_SAY = "prefer_not_to_say"


class EqualityMonitoring(Record):
    """Equality monitoring (Manual §2.4 "Pre-sentence"; DRR/ATR service description: religion,
    sexuality). Every field is optional, None until asked; values are codes from
    `EQUALITY_OPTIONS`, each of which also accepts "prefer_not_to_say"."""

    gender: str | None = None
    ethnicity: str | None = None
    pregnant_or_caring: str | None = None
    disability: str | None = None
    armed_forces: str | None = None
    accommodation: str | None = None
    care_leaver: str | None = None
    education: str | None = None
    health_and_care_plan: str | None = None
    religion: str | None = None
    sexual_orientation: str | None = None
    accommodation_changed: str | None = None


_YES_NO = ("yes", "no")
# The answers offered for each question, as codes (labels are the screen's). Ethnicity and
# religion follow the ONS 2021 census categories for England and Wales; "prefer_not_to_say" is
# added to every question by `equality_options`.
EQUALITY_OPTIONS: dict[str, tuple[str, ...]] = {
    "gender": ("female", "male", "non_binary", "other"),
    "ethnicity": (
        "white_british", "white_irish", "white_gypsy_traveller", "white_roma", "white_other",
        "mixed_white_black_caribbean", "mixed_white_black_african", "mixed_white_asian",
        "mixed_other", "asian_indian", "asian_pakistani", "asian_bangladeshi", "asian_chinese",
        "asian_other", "black_african", "black_caribbean", "black_other", "arab", "other"),
    "pregnant_or_caring": ("pregnant", "caring", "pregnant_and_caring", "neither"),
    "disability": _YES_NO,
    "armed_forces": _YES_NO,
    "accommodation": ("settled", "temporary", "no_fixed_abode"),
    "accommodation_changed": _YES_NO,
    "care_leaver": _YES_NO,
    "education": ("no_qualifications", "school", "further_education", "higher_education"),
    "health_and_care_plan": _YES_NO,
    "religion": ("no_religion", "christian", "buddhist", "hindu", "jewish", "muslim", "sikh",
                 "other"),
    "sexual_orientation": ("heterosexual", "gay_or_lesbian", "bisexual", "other"),
}


def equality_options(field: str) -> tuple[str, ...]:
    return (*EQUALITY_OPTIONS[field], PREFER_NOT_TO_SAY)


# --- the person and the case ----------------------------------------------------------------


class Person(Record):
    id: int | None = None
    given_name: str = Field(min_length=1)
    family_name: str = Field(min_length=1)
    date_of_birth: date
    nhs_number: str | None = None
    pnc_number: str | None = None
    postcode: str | None = None
    gp_practice: str | None = None
    equality: EqualityMonitoring = Field(default_factory=EqualityMonitoring)

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def age_on(self, day: date) -> int:
        before_birthday = (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day)
        return day.year - self.date_of_birth.year - int(before_birthday)


class Referral(Record):
    """A case: one referral of one person to the CSTR pathway for one hearing."""

    id: int | None = None
    person_id: int
    site: str
    court: str
    hearing_date: date
    referral_source: ReferralSource
    referral_source_other: str | None = None
    offence_type: OffenceType
    plea: Plea = Plea.NOT_YET_TAKEN
    imprisonable_offence: bool | None = None
    community_order_level: CommunityOrderLevel | None = None
    proposed_order_type: OrderType | None = None
    # At most 3 years in a CO (DOMAIN.md "Length"); None until known (DOMAIN.md "Facts that
    # arrive as the day goes on").
    proposed_length_months: int | None = Field(default=None, ge=1, le=36)
    # The same practitioner assesses and treats (Manual §4.2, §4.7): their user id.
    allocated_practitioner_id: int | None = None
    stage: Stage = Stage.REFERRED
    created_at: datetime | None = None
    created_by: int | None = None
    # Closing is recorded, not typed as a stage: `workflow.pathway.derive_stage` reads these.
    closed_at: datetime | None = None
    closure_reason: str | None = None


# The referral's court facts: they arrive during the court day (DOMAIN.md "Facts that arrive as
# the day goes on") and are recorded, then corrected, by amendment, never by registering again.
REFERRAL_COURT_FACTS: tuple[str, ...] = (
    "plea", "imprisonable_offence", "community_order_level", "proposed_order_type",
    "proposed_length_months",
)


# --- questionnaires -------------------------------------------------------------------------


class AdministrationStatus(StrEnum):
    DRAFT = "draft"
    COMPLETE = "complete"
    FINALISED = "finalised"


class AdministrationMode(StrEnum):
    PRACTITIONER = "practitioner"
    HAND_OVER = "hand_over"


class AnswerRecord(Record):
    """One answer as given: `question` is the item number as text ("1".."34") or an extra
    question's id ("phq9_difficulty"); `value` is None when the item was skipped."""

    question: str
    value: int | None
    recorded_at: datetime
    recorded_by: int


class Administration(Record):
    id: int | None = None
    referral_id: int
    instrument_id: str
    form_hash: str
    mode: AdministrationMode = AdministrationMode.PRACTITIONER
    status: AdministrationStatus = AdministrationStatus.DRAFT
    started_at: datetime
    started_by: int
    completed_at: datetime | None = None
    position: int = 0
    answers: dict[str, AnswerRecord] = Field(default_factory=dict)
    risk_prompt_acknowledged_at: datetime | None = None

    def item_answers(self) -> dict[int, int | None]:
        """Answers keyed by item number, the scoring engine's input."""
        return {int(q): a.value for q, a in self.answers.items() if q.isdigit()}


# --- assessment, consent, decision ----------------------------------------------------------


class RiskAssessment(Record):
    self_harm: str = ""
    suicide: str = ""
    harm_to_others: str = ""
    safeguarding: str = ""
    crisis_plan: str = ""


class PractitionerAssessment(Record):
    """Manual Appendix 1: the semi-structured interview. `topics` maps a topic key (see
    `cstr_desk.workflow.assessment.INTERVIEW_TOPICS`) to the practitioner's notes."""

    id: int | None = None
    referral_id: int
    topics: dict[str, str] = Field(default_factory=dict)
    gp_registered: bool | None = None
    mental_health_need: bool | None = None
    drug_misuse: bool | None = None
    # Manual §4.5.1: the first session is due within 2 weeks of sentence, not 6.
    first_episode_psychosis: bool | None = None
    presenting_problem: str = ""
    formulation: str = ""
    risk: RiskAssessment = Field(default_factory=RiskAssessment)
    completed: bool = False
    completed_at: datetime | None = None
    completed_by: int | None = None


class ConsentRecord(Record):
    """Manual §4.3 and Appendix 2 (combined consent)."""

    id: int | None = None
    referral_id: int
    consent_version: str
    requirements_assessed_for: list[Requirement]
    requirements_consented: list[Requirement]
    explained_by: int
    easy_read_used: bool
    interpreter_language: str | None = None
    acknowledgements: dict[str, bool]
    signature_svg: str | None = None
    verbal_consent_witness: str | None = None
    verbal_consent_reason: str | None = None
    gp_surgery: str | None = None
    consented_at: datetime
    withdrawn_at: datetime | None = None
    withdrawal_reason: str | None = None


class DecisionOutcome(StrEnum):
    TREAT = "treat"
    DECLINE = "decline"


class DecisionChannel(StrEnum):
    ON_DEVICE = "on_device"
    TELEPHONE = "telephone"


class DecisionReason(StrEnum):
    """Reasons offered as ticks so they can be counted; free text (`reason_notes`) covers the
    rest. Treat: the MHTR criteria of Manual §3.2 and §4.1; decline: the secondary care
    criteria of Manual §2.2 and the exclusions of §3.2 (hospital or guardianship order; no GP;
    outside the site's area). The words are `vocabulary.DECISION_REASON_NAMES`."""

    MEETS_PRIMARY_CARE_CRITERIA = "meets_primary_care_criteria"
    LIKELY_TO_RESPOND_TO_THERAPY = "likely_to_respond_to_therapy"
    UNDERSTANDS_AND_WANTS_TO_ENGAGE = "understands_and_wants_to_engage"
    RISK_MANAGEABLE_IN_PRIMARY_CARE = "risk_manageable_in_primary_care"
    GP_REGISTERED_OR_WILL_BE = "gp_registered_or_will_be"
    TREATMENT_AVAILABLE = "treatment_available"
    NEEDS_SECONDARY_CARE = "needs_secondary_care"
    RISK_BEYOND_PRIMARY_CARE = "risk_beyond_primary_care"
    MAY_WARRANT_HOSPITAL_ORDER = "may_warrant_hospital_order"
    NO_TREATABLE_NEED = "no_treatable_need"
    SUBSTANCE_USE_FIRST = "substance_use_first"
    NO_GP_AND_CANNOT_REGISTER = "no_gp_and_cannot_register"
    OUTSIDE_SITE_AREA = "outside_site_area"
    DOES_NOT_WANT_TO_ENGAGE = "does_not_want_to_engage"


TREAT_REASONS: tuple[DecisionReason, ...] = (
    DecisionReason.MEETS_PRIMARY_CARE_CRITERIA,
    DecisionReason.LIKELY_TO_RESPOND_TO_THERAPY,
    DecisionReason.UNDERSTANDS_AND_WANTS_TO_ENGAGE,
    DecisionReason.RISK_MANAGEABLE_IN_PRIMARY_CARE,
    DecisionReason.GP_REGISTERED_OR_WILL_BE,
    DecisionReason.TREATMENT_AVAILABLE,
)
DECLINE_REASONS: tuple[DecisionReason, ...] = tuple(
    reason for reason in DecisionReason if reason not in TREAT_REASONS)
DECISION_REASONS: dict[DecisionOutcome, tuple[DecisionReason, ...]] = {
    DecisionOutcome.TREAT: TREAT_REASONS, DecisionOutcome.DECLINE: DECLINE_REASONS,
}


class ClinicalLeadDecision(Record):
    """Manual §4.4: the Clinical Lead decides to treat or decline, with reasons."""

    id: int | None = None
    referral_id: int
    outcome: DecisionOutcome
    channel: DecisionChannel
    clinical_lead_name: str
    discussed_at: datetime
    reasons: list[DecisionReason] = Field(default_factory=list)
    # Reasons in the Clinical Lead's own words, beside or instead of the ticks.
    reason_notes: str = ""
    recommendations_to_court: str = ""
    # Manual §4.5.1 and Appendix 3 "Recommendations to court": what the court is asked for, as
    # fields it can read at a glance beside the free text (MHTR, DRR or ATR alone or an MHTR
    # with one of them; the length; the order it is part of).
    recommended_requirements: list[Requirement] = Field(default_factory=list)
    recommended_length_months: int | None = Field(default=None, ge=1, le=36)
    recommended_order_type: OrderType | None = None
    treatment_plan: str = ""
    treatment_provider: str = ""
    first_appointment_at: datetime | None = None
    first_appointment_place: str = ""
    signposting: str = ""
    recorded_by: int
    recorded_at: datetime


# The requirements a treatment provider, not the MHTR Clinical Lead, approves (Manual §2.4).
PROVIDER_REQUIREMENTS: tuple[Requirement, ...] = (Requirement.DRR, Requirement.ATR)


class ProviderAcceptance(Record):
    """The treatment provider's answer on a DRR or ATR placement, a pathway step of its own:
    Manual §2.4 counts "CSTRs obtaining provider approval for ATR/DRR" apart from those
    "obtaining MHTR Clinical Lead Approval", and asks for the "reasons given for Clinical Lead
    and/or Substance Misuse Provider accepting/declining". It often arrives later the same day
    (DOMAIN.md "Facts that arrive as the day goes on"); a later record for the same requirement
    supersedes an earlier one, and a wrong one is corrected by amendment."""

    id: int | None = None
    referral_id: int
    requirements: list[Requirement] = Field(min_length=1)
    accepted: bool
    provider_name: str
    decided_at: datetime
    reasons: str = ""
    recorded_by: int
    recorded_at: datetime


# --- reports, sentence, treatment -----------------------------------------------------------


class ReportKind(StrEnum):
    PSR = "psr"
    CONSENT = "consent"
    GP_LETTER = "gp_letter"
    COMPLETION = "completion"
    COURT_REVIEW = "court_review"
    LEAFLET = "leaflet"


class ReportIssued(Record):
    id: int | None = None
    referral_id: int
    kind: ReportKind
    final: bool
    issued_at: datetime
    issued_by: int
    # The issued PDF's size and SHA-1 (hex), so the FHIR DocumentReference can name the exact
    # file (FHIR Attachment.hash is SHA-1); None for reports issued before these were kept.
    pdf_size: int | None = None
    pdf_sha1: str | None = None


class TreatmentArranged(StrEnum):
    """Annex A "Has treatment been arranged"."""

    ALREADY_IN_TREATMENT = "already_in_treatment"
    PLAN_ARRANGED = "plan_arranged"
    NONE = "none"


class NotSuitableReason(StrEnum):
    """Annex A "If no [not suitable for a CSTR], what were your reasons"."""

    DID_NOT_CONSENT = "did_not_consent"
    NO_DRUG_TESTING = "no_drug_testing"
    NO_SUITABLE_TREATMENT = "no_suitable_treatment"
    PREVIOUSLY_FAILED = "previously_failed"
    OTHER = "other"


class PsrProposal(Record):
    """What probation proposed to the court in the pre-sentence report, recorded by the Court
    Duty Officer (DOMAIN.md "Facts that arrive as the day goes on"); counted in the monthly
    return as "recommended for a CSTR by probation in a PSR" (Manual §2.4). `requirements` are
    the treatment requirements proposed; empty when `proposes_cstr` is false."""

    id: int | None = None
    referral_id: int
    proposes_cstr: bool
    requirements: list[Requirement] = Field(default_factory=list)
    order_type: OrderType | None = None
    length_months: int | None = Field(default=None, ge=1, le=36)
    notes: str = ""
    recorded_by: int
    recorded_at: datetime
    # The rest of the probation pink slip (process evaluation Annex A).
    already_in_treatment: bool | None = None
    already_in_treatment_with: str = ""
    needs_identified: list[Requirement] = Field(default_factory=list)
    treatment_arranged: TreatmentArranged | None = None
    suitable_for_cstr: bool | None = None
    not_suitable_reason: NotSuitableReason | None = None
    not_suitable_notes: str = ""
    other_requirements: str = ""


class SentenceRequirement(StrEnum):
    MHTR = "mhtr"
    DRR = "drr"
    ATR = "atr"
    RAR = "rar"
    UNPAID_WORK = "unpaid_work"
    CURFEW = "curfew"
    OTHER = "other"


class SentenceKind(StrEnum):
    COMMUNITY_ORDER = "community_order"
    SUSPENDED_SENTENCE_ORDER = "suspended_sentence_order"
    CUSTODY = "custody"
    FINE = "fine"
    DISCHARGE = "discharge"
    OTHER = "other"


class Adjournment(Record):
    id: int | None = None
    referral_id: int
    adjourned_on: date
    reason: str


class SentenceOutcome(Record):
    """Process evaluation Annex A/B (probation and sentencer feedback, the "pink slips")."""

    id: int | None = None
    referral_id: int
    sentenced_on: date
    sentence: SentenceKind
    length_months: int | None = None
    requirements: list[SentenceRequirement] = Field(default_factory=list)
    no_cstr_reason: str | None = None
    custody_weeks: int | None = None
    without_cstr_custody_weeks: int | None = None
    without_cstr_sentence: str | None = None
    recorded_by: int
    recorded_at: datetime
    # When the court sentenced, so "sentenced on the day" (within 24 hours of the assessment,
    # Manual §2.4 "Sentence") can be derived rather than typed.
    sentenced_at: datetime | None = None
    # The Annex B "all requirements given" beyond the listed ones (e.g. a residence requirement).
    other_requirements: str = ""
    # Annex B "Additional Comments" from the sentencer.
    sentencer_comments: str = ""


class Attendance(StrEnum):
    SCHEDULED = "scheduled"
    ATTENDED = "attended"
    MISSED = "missed"
    CANCELLED = "cancelled"


class MissedReason(StrEnum):
    """Process evaluation Annex C."""

    UNDER_THE_INFLUENCE = "under_the_influence"
    REFUSAL_TO_PARTICIPATE = "refusal_to_participate"
    PHYSICAL_HEALTH = "physical_health"
    BEING_LATE = "being_late"
    PREOCCUPIED = "preoccupied"
    OTHER = "other"


class TreatmentSession(Record):
    id: int | None = None
    referral_id: int
    number: int
    scheduled_at: datetime
    duration_minutes: int = 60
    attendance: Attendance = Attendance.SCHEDULED
    missed_reason: MissedReason | None = None
    missed_reason_notes: str = ""
    offender_manager_told_at: datetime | None = None
    # Session notes, and a risk note when the risk changed (Manual §4.6).
    notes: str = ""
    risk_changed: bool = False
    risk_note: str = ""


class BreachTrigger(StrEnum):
    """What led to the breach (Manual §4.7; Appendix 2: withdrawing consent is a breach)."""

    MISSED_APPOINTMENTS = "missed_appointments"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    OTHER = "other"


class BreachOutcome(StrEnum):
    """What the court did on the breach (Manual §2.4 "Breach"; §4.7)."""

    RESENTENCED_TO_CSTR = "resentenced_to_cstr"
    RESENTENCED_TO_OTHER_ORDER = "resentenced_to_other_order"
    CUSTODY = "custody"
    ORDER_CONTINUED = "order_continued"
    WITHDRAWN = "withdrawn"


class Breach(Record):
    """Manual §4.7: breach is probation's decision; §2.4 asks for the reason and whether it
    concerned the CSTR or another requirement of the order. The court's `outcome` arrives
    later and is recorded by amendment."""

    id: int | None = None
    referral_id: int
    decided_on: date
    returned_to_court: bool
    related_to_cstr: bool
    reason: str = Field(min_length=1)
    recorded_by: int
    recorded_at: datetime
    trigger: BreachTrigger = BreachTrigger.MISSED_APPOINTMENTS
    outcome: BreachOutcome | None = None


class ContactMethod(StrEnum):
    """How the person prefers to be contacted (Manual §4.7: "the person's chosen method of
    communication (for example, by letter, phone, text, emails or outreach work)")."""

    PHONE = "phone"
    TEXT = "text"
    LETTER = "letter"
    EMAIL = "email"
    OUTREACH = "outreach"


class ContactPreferences(Record):
    """How to reach the person after a missed appointment, and their care coordinator in
    community mental health services if they have one (Manual §4.7). One per case, corrected
    by amendment."""

    id: int | None = None
    referral_id: int
    method: ContactMethod
    details: str = ""
    care_coordinator: str = ""
    care_coordinator_contact: str = ""
    recorded_by: int
    recorded_at: datetime


class FollowUpContact(StrEnum):
    PERSON = "person"
    CARE_COORDINATOR = "care_coordinator"


class MissedFollowUp(Record):
    """One follow-up of one missed appointment (Manual §4.7 "Follow-up actions"): the person
    contacted by their chosen method, or their care coordinator told."""

    id: int | None = None
    referral_id: int
    session_id: int
    contact: FollowUpContact
    contacted_at: datetime
    method: ContactMethod
    contacted_who: str = ""
    reached: bool
    notes: str = ""
    recorded_by: int
    recorded_at: datetime


class TreatmentPlanSent(Record):
    """The treatment plan provided to the offender manager (Manual §4.7: "a treatment plan will
    be provided to the Offender Manager which may be presented in court")."""

    id: int | None = None
    referral_id: int
    sent_on: date
    sent_to: str
    notes: str = ""
    recorded_by: int
    recorded_at: datetime


class GpRegistrationCheck(Record):
    """Whether the person is registered with a GP, checked before treatment starts (Manual
    §2.4: "whether an individual is registered with a GP (either before sentence or prior to
    treatment commencing)"). A person not registered when assessed and registered at a later
    check counts as "registered with GP as a result of CSTR" (§2.4, Post-Sentence)."""

    id: int | None = None
    referral_id: int
    checked_on: date
    registered: bool
    practice: str = ""
    recorded_by: int
    recorded_at: datetime


class LeafletGiven(Record):
    """The CSTR leaflet with the next appointment, given at sentence (DRR/ATR service
    description, "Sentence": "provided with a CSTR leaflet (language appropriate/easy read if
    necessary) along with the date/time of the next appointment")."""

    id: int | None = None
    referral_id: int
    given_on: date
    easy_read: bool = False
    language: str = ""
    next_appointment_at: datetime
    next_appointment_place: str
    recorded_by: int
    recorded_at: datetime


class SafeguardingAgency(StrEnum):
    MASH = "mash"
    MAPPA = "mappa"
    MARAC = "marac"
    OTHER = "other"


class SafeguardingReferral(Record):
    """A safeguarding referral made (Manual §4.6): when, to which agency and whom, their reference."""

    id: int | None = None
    referral_id: int
    made_on: date
    agency: SafeguardingAgency
    agency_other: str = ""
    made_to: str
    reference: str = ""
    concern: str
    recorded_by: int
    recorded_at: datetime


class TreatmentCompletion(Record):
    """The end of treatment (Manual §2.4 "Sentence completion"): completed, or ended early."""

    id: int | None = None
    referral_id: int
    ended_on: date
    completed: bool
    notes: str = ""
    # Manual §4.5.2: on completion "advice, signposting and, where necessary, appropriate
    # referrals" for any remaining needs; printed on the completion summary.
    signposting: str = ""
    recorded_by: int
    recorded_at: datetime


# Manual §2.4 "Monitor and record health outcomes, including 3, 6, 12-month post sentence
# completion (MHTR)".
FOLLOW_UP_MONTHS: tuple[int, ...] = (3, 6, 12)


class FollowUp(Record):
    """A follow-up done at 3, 6 or 12 months after completion (Manual §2.4)."""

    id: int | None = None
    referral_id: int
    months_after: int = Field(ge=1, le=24)
    done_on: date
    notes: str = ""
    recorded_by: int
    recorded_at: datetime


# --- DRR and ATR through the order ----------------------------------------------------------
# 2014 guidance ("Supporting community order treatment requirements"), DRR and ATR sections;
# DRR/ATR service description, "Sentence" and "Sentence completion".


class TreatmentStart(Record):
    """The day treatment began for one requirement of the order, as the provider reports it.
    The start standard it is judged against is `workflow.start_standards`."""

    id: int | None = None
    referral_id: int
    requirement: SentenceRequirement
    started_on: date
    provider: str = ""
    notes: str = ""
    recorded_by: int
    recorded_at: datetime


class Substance(StrEnum):
    """Drugs a DRR test looks for. Opiates and cocaine are the trigger-offence drugs tested at
    charge (2014 guidance, Drug Interventions Programme); the rest are the intermittent tests
    for polydrug use ("Testing")."""

    OPIATES = "opiates"
    COCAINE = "cocaine"
    AMPHETAMINES = "amphetamines"
    BENZODIAZEPINES = "benzodiazepines"
    CANNABIS = "cannabis"
    METHADONE = "methadone"
    BUPRENORPHINE = "buprenorphine"
    SYNTHETIC_CANNABINOIDS = "synthetic_cannabinoids"


class DrugTestMethod(StrEnum):
    URINE = "urine"
    ORAL_FLUID = "oral_fluid"
    HAIR = "hair"


class DrugTestResult(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    INCONCLUSIVE = "inconclusive"


class SubstanceResult(Record):
    substance: Substance
    result: DrugTestResult


class DrugTest(Record):
    """One test due under a DRR. A missed test is `missed` with its reason and no results: it
    is never a negative (2014 guidance, "Testing": tests and results are recorded)."""

    id: int | None = None
    referral_id: int
    tested_on: date
    missed: bool = False
    missed_reason: str = ""
    method: DrugTestMethod | None = None
    results: list[SubstanceResult] = Field(default_factory=list)
    notes: str = ""
    recorded_by: int
    recorded_at: datetime


class DrugTestSchedule(Record):
    """The DRR's testing as agreed by the court at sentence (2014 guidance, "Testing": weekly
    at least; changes sanctioned by the court in advance): a later schedule replaces it."""

    id: int | None = None
    referral_id: int
    tests_per_week: int = Field(ge=1, le=7)
    regular: list[Substance] = Field(min_length=1)
    intermittent: list[Substance] = Field(default_factory=list)
    agreed_on: date
    recorded_by: int
    recorded_at: datetime


class MeetingKind(StrEnum):
    THREE_WAY = "three_way"
    JOINT_REVIEW = "joint_review"


class JointMeeting(Record):
    """The three/four-way meeting after sentence and the later joint case reviews (DRR/ATR
    service description, "Sentence"): who came, the goals and the order's sequencing."""

    id: int | None = None
    referral_id: int
    kind: MeetingKind
    held_on: date
    attendees: list[str] = Field(min_length=1)
    person_attended: bool
    goals: str = ""
    sequencing: str = ""
    notes: str = ""
    recorded_by: int
    recorded_at: datetime


class ReviewHearing(Record):
    """A court review of a DRR (CJA 2003 s.210), with the day the written report is due."""

    id: int | None = None
    referral_id: int
    hearing_on: date
    court: str = Field(min_length=1)
    report_due_on: date
    recorded_by: int
    recorded_at: datetime


class CourtReview(Record):
    """The written review report's contributions for one period: the provider's and
    probation's, and whether it was discussed with the person (2014 guidance, DRR "Court
    reviews"). Editable until probation signs it off; then final."""

    id: int | None = None
    referral_id: int
    period_from: date
    period_to: date
    hearing_id: int | None = None
    engagement: str = ""
    progress: str = ""
    provider_name: str = ""
    provider_contribution: str = ""
    probation_contribution: str = ""
    discussed_with_person: bool | None = None
    not_discussed_reason: str = ""
    signed_off_by: int | None = None
    signed_off_at: datetime | None = None
    recorded_by: int
    recorded_at: datetime


class ProviderSignOff(Record):
    requirement: SentenceRequirement
    provider: str = Field(min_length=1)
    signed_by: int
    signed_at: datetime


class FinalSentenceReview(Record):
    """The final sentence review on completion (2014 guidance, DRR/ATR/MHTR "Completion"):
    the validated screening tools re-administered, with the provider and the person; the plan
    for ongoing needs and the onward referral; each provider's sign-off (service description,
    "Sentence completion")."""

    id: int | None = None
    referral_id: int
    reviewed_on: date
    instruments: list[str] = Field(default_factory=list)
    person_took_part: bool
    provider_took_part: bool
    ongoing_needs_plan: str = ""
    onward_referral_to: str = ""
    sign_offs: list[ProviderSignOff] = Field(default_factory=list)
    recorded_by: int
    recorded_at: datetime


# --- corrections, settings, aggregates -----------------------------------------------------


class Amendment(Record):
    """A correction to a finalised record: the original is never edited in place."""

    id: int | None = None
    record_type: str
    record_id: int
    field: str
    old_value: str | None
    new_value: str | None
    reason: str = Field(min_length=1)
    amended_by: int
    amended_at: datetime


class ContactDetails(Record):
    """How to reach someone: Manual §5.2 "It's vital to have all partners direct contact
    details"; Appendix 2 tells the person to "use the contact details below"."""

    name: str = ""
    address: str = ""
    phone: str = ""
    secure_email: str = ""

    def is_empty(self) -> bool:
        return not any(v.strip() for v in (self.name, self.address, self.phone, self.secure_email))


class ServiceContacts(Record):
    """The contacts printed on the report, the consent copy and the GP letter, set by an
    administrator in the set-up wizard and the site settings (Manual §5.2)."""

    service: ContactDetails = Field(default_factory=ContactDetails)
    practitioner: ContactDetails = Field(default_factory=ContactDetails)
    clinical_lead: ContactDetails = Field(default_factory=ContactDetails)
    treatment_provider: ContactDetails = Field(default_factory=ContactDetails)


class SiteSettings(Record):
    site_name: str
    courts: list[str] = Field(min_length=1)
    postcode_areas: list[str] = Field(default_factory=list)
    idle_lock_minutes: int = Field(default=5, ge=1, le=60)
    contacts: ServiceContacts = Field(default_factory=ServiceContacts)
    # Issue 16 item 6: days a closed case stays on the desk once the site hub holds it. The
    # site's setting, so the administrator's (Action.CHANGE_SETTINGS), audited as every change
    # of the settings is; the 30 days of the issue give the desk a month to correct a closure.
    closed_case_retention_days: int = Field(default=30, ge=1, le=3650)


class CaseSummary(Record):
    """One row of the case list."""

    referral_id: int
    person_id: int
    full_name: str
    date_of_birth: date
    pnc_number: str | None
    nhs_number: str | None
    court: str
    hearing_date: date
    stage: Stage


class CaseRecord(Record):
    """Everything recorded about one referral, as the workflow rules and reports read it."""

    person: Person
    referral: Referral
    administrations: list[Administration] = Field(default_factory=list)
    assessment: PractitionerAssessment | None = None
    consents: list[ConsentRecord] = Field(default_factory=list)
    decision: ClinicalLeadDecision | None = None
    provider_acceptances: list[ProviderAcceptance] = Field(default_factory=list)
    reports: list[ReportIssued] = Field(default_factory=list)
    psr_proposal: PsrProposal | None = None
    sentence: SentenceOutcome | None = None
    adjournments: list[Adjournment] = Field(default_factory=list)
    sessions: list[TreatmentSession] = Field(default_factory=list)
    amendments: list[Amendment] = Field(default_factory=list)
    breaches: list[Breach] = Field(default_factory=list)
    safeguarding_referrals: list[SafeguardingReferral] = Field(default_factory=list)
    completion: TreatmentCompletion | None = None
    follow_ups: list[FollowUp] = Field(default_factory=list)
    treatment_starts: list[TreatmentStart] = Field(default_factory=list)
    drug_tests: list[DrugTest] = Field(default_factory=list)
    test_schedule: DrugTestSchedule | None = None
    meetings: list[JointMeeting] = Field(default_factory=list)
    review_hearings: list[ReviewHearing] = Field(default_factory=list)
    court_reviews: list[CourtReview] = Field(default_factory=list)
    final_review: FinalSentenceReview | None = None
    contact_preferences: ContactPreferences | None = None
    missed_follow_ups: list[MissedFollowUp] = Field(default_factory=list)
    treatment_plans_sent: list[TreatmentPlanSent] = Field(default_factory=list)
    leaflet: LeafletGiven | None = None
    gp_checks: list[GpRegistrationCheck] = Field(default_factory=list)

    @property
    def current_consent(self) -> ConsentRecord | None:
        """The latest consent, withdrawn or not."""
        return max(self.consents, key=lambda c: c.consented_at, default=None)

    @property
    def consent_in_force(self) -> ConsentRecord | None:
        """The latest consent unless it was withdrawn."""
        consent = self.current_consent
        return consent if consent is not None and consent.withdrawn_at is None else None

    def provider_answer(self, requirement: Requirement) -> ProviderAcceptance | None:
        """The provider's latest answer on this requirement; a later one supersedes an earlier."""
        answers = [p for p in self.provider_acceptances if requirement in p.requirements]
        return max(answers, key=lambda p: (p.decided_at, p.id or 0), default=None)

    def provider_requirements_awaited(self) -> list[Requirement]:
        """DRR/ATR the person consented to, on which the provider has not answered yet."""
        consent = self.consent_in_force
        wanted = consent.requirements_consented if consent is not None else []
        return [r for r in PROVIDER_REQUIREMENTS if r in wanted and self.provider_answer(r) is None]

    def approved_requirements(self) -> list[Requirement]:
        """What was approved of what the person consented to: the MHTR by the Clinical Lead's
        decision to treat (Manual §4.4), a DRR or ATR by its provider's acceptance (§2.4)."""
        consent = self.consent_in_force
        if consent is None:
            return []
        approved = []
        for requirement in consent.requirements_consented:
            if requirement in PROVIDER_REQUIREMENTS:
                answer = self.provider_answer(requirement)
                if answer is not None and answer.accepted:
                    approved.append(requirement)
            elif self.decision is not None and self.decision.outcome == DecisionOutcome.TREAT:
                approved.append(requirement)
        return approved


class MonitoringFacts(NamedTuple):
    """The facts about one referral that the monthly monitoring return counts (Manual §2.4,
    process evaluation Annex D). A plain tuple, not a pydantic model, because the store builds
    50,000 of these per return and the whole return must take under a second. It lives here,
    not in the workflow, so the store may build it. `cstr_desk.workflow.monitoring.facts_from_case`
    is the reference definition of every field; the store's `monitoring_rows` must agree."""

    referral_id: int
    referred_at: datetime | None
    hearing_date: date
    referral_source: str
    offence_type: str
    date_of_birth: date
    equality: dict[str, str | None]
    mh_screened_at: datetime | None
    sm_screened_at: datetime | None
    assessed_at: datetime | None
    assessed_for: tuple[str, ...]
    consent_at: datetime | None
    consented: tuple[str, ...]
    withdrawn_at: datetime | None
    decided_at: datetime | None
    decision: str | None
    # When the Court Duty Officer recorded a PSR proposal that proposes a CSTR (PsrProposal:
    # "recommended for a CSTR by probation in a PSR", Manual §2.4); None when it proposes none.
    psr_at: datetime | None
    sentenced_on: date | None
    sentenced_at: datetime | None
    sentence: str | None
    sentence_requirements: tuple[str, ...]
    first_session_at: datetime | None
    first_session_attendance: str | None
    missed_at: tuple[datetime, ...]
    breach_to_court_on: date | None
    adjournments: tuple[tuple[date, str], ...]
    # (requirement, started_on) of each recorded treatment start, in order: the DRR/ATR
    # start standards (workflow.start_standards) are judged from these and the sentence.
    treatment_starts: tuple[tuple[str, date], ...] = ()
    # (requirement, accepted, decided_at) of the provider's latest answer on each DRR or ATR
    # (CaseRecord.provider_answer), in the order drr, atr: Manual §2.4 counts provider
    # approval apart from the MHTR Clinical Lead's.
    provider_answers: tuple[tuple[str, bool, datetime], ...] = ()
    # After sentence (Manual §2.4 "Sentence", "Post-Sentence", "Sentence completion"):
    gp_registered: bool | None = None  # the assessment's answer
    first_episode_psychosis: bool | None = None  # the assessment's answer (Manual §4.5.1)
    first_attended_on: date | None = None  # London day of the earliest attended session
    order_length_months: int | None = None
    # The sentencer's Annex B answers were recorded (what the sentence would have been without
    # the CSTR, or comments): a sentencer feedback form returned. Free text never leaves.
    sentencer_answered: bool = False
    custody_without_cstr: bool = False  # the sentencer's answer gave custody weeks
    breach_outcome: str | None = None  # the court's outcome of the first return to court
    treatment_ended_on: date | None = None
    treatment_completed: bool | None = None
    meeting_on: date | None = None  # the first three/four-way meeting after sentence
    # (instrument, change in score, classification) per outcome instrument with a score before
    # and after treatment (cstr_desk.outcome_pairs.outcome_changes); only once treatment ended.
    outcome_changes: tuple[tuple[str, float, str], ...] = ()
    # The first GP registration check that found the person registered, when the assessment
    # found them not registered: "registered with GP as a result of CSTR" (Manual §2.4).
    registered_through_cstr_on: date | None = None



class MonthView(NamedTuple):
    """One referral's facts as one month's return sees them: each dated fact reduced to
    whether it falls in the month, and only the dates a figure's definition still compares
    (the sentence, the treatment starts and first attendance of an order made that month, the
    end of treatment and a breach for the orders active at its end). Referrals that look the
    same to the month are counted together, once (`cstr_desk.workflow.monitoring.month_view`
    defines every field)."""

    referred: bool
    referral_source: str
    screened_mh: bool
    screened_sm: bool
    assessed: bool
    gp_registered: bool | None
    assessed_for: tuple[str, ...]  # the latest consent's, whenever it was given
    consented: tuple[str, ...]
    consent_in: bool
    withdrew: bool
    decision: str | None  # the Clinical Lead's outcome, when discussed in the month
    provider_answers: tuple[tuple[str, bool, bool], ...]  # (requirement, accepted, in the month)
    psr: bool
    sentenced_on: date | None
    sentence: str | None
    sentence_requirements: tuple[str, ...]
    on_the_day: bool  # of a sentence given in the month
    sentencer_answered: bool
    custody_without_cstr: bool
    first_episode_psychosis: bool | None
    first_attended_on: date | None  # of an MHTR order made in the month
    first_starts: tuple[tuple[str, date], ...]  # (DRR/ATR, first start) of an order of the month
    first_attended_in: bool
    missed_two: bool
    breach_to_court_on: date | None
    breach_outcome: str | None
    order_length_months: int | None
    treatment_ended_on: date | None
    treatment_completed: bool | None  # of treatment ended in the month
    referral_to_meeting: int | None  # days, when the first three/four-way meeting is in the month
    sentence_to_meeting: int | None
    adjournments: tuple[str, ...]  # the reasons of the month's adjournments, sorted
    outcome_changes: tuple[tuple[str, float, str], ...]  # of treatment ended in the month
    registered_through_cstr: bool  # a GP registration check found them registered in the month


class MonitoringSummary(NamedTuple):
    """One referral's `MonitoringFacts` as plain values, the same whatever the month: the row
    the store keeps per referral (table monitoring_summary) so a month's return is a grouped
    query rather than 50,000 records read. Dates are ISO text, a timestamp's the London day
    it fell on (a month's figures only ask which London month it is in); flags 0/1; lists
    comma-joined codes or JSON. `cstr_desk.workflow.monitoring_summary.summary_of` defines
    every field. Only the fields `DATES_IN_MONTH` (store.monitoring_summary) lists are asked
    nothing but whether they fall in the month."""

    referral_id: int
    referred_on: str  # the referral's London day, or its hearing date
    referral_source: str
    mh_screened_on: str | None
    sm_screened_on: str | None
    assessed_on: str | None
    gp_registered: int | None
    assessed_for: str
    consented: str
    consent_on: str | None
    withdrawn_on: str | None
    decision: str | None
    decided_on: str | None
    drr_accepted: int | None
    drr_answered_on: str | None
    atr_accepted: int | None
    atr_answered_on: str | None
    psr_on: str | None
    sentenced_on: str | None
    sentence: str | None
    sentence_requirements: str
    on_the_day: int  # within 24 hours of the assessment (workflow.treatment)
    sentencer_answered: int
    custody_without_cstr: int
    first_episode_psychosis: int | None
    first_attended_on: str | None
    first_starts: str  # "atr:2026-12-03,drr:..." the first start of each with a standard
    first_session_on: str | None
    first_session_attended: int
    second_missed_on: str | None
    breach_to_court_on: str | None
    breach_outcome: str | None
    order_length_months: int | None
    treatment_ended_on: str | None
    treatment_completed: int | None
    meeting_on: str | None
    referral_to_meeting: int | None
    sentence_to_meeting: int | None
    first_adjourned_on: str | None
    last_adjourned_on: str | None
    adjournments: str  # JSON [[day, reason], ...] sorted
    outcome_changes: str  # JSON [[instrument, change, classification], ...]
    assessed_age: int | None  # on the assessment's London day
    offence_type: str
    equality: str  # JSON list of the equality answers, as AssessedProfile.equality
    registered_through_cstr_on: str | None  # MonitoringFacts.registered_through_cstr_on


class AssessedProfile(NamedTuple):
    """A person assessed in the month, as the Equality sheet counts them: age on the
    assessment's London day, offence type, and the equality answers in
    `EqualityMonitoring`'s field order."""

    age: int
    offence_type: str
    equality: tuple[str | None, ...]


# --- audit ----------------------------------------------------------------------------------


class AuditAction(StrEnum):
    SIGN_IN = "sign_in"
    FAILED_SIGN_IN = "failed_sign_in"
    SIGN_OUT = "sign_out"
    LOCK = "lock"
    UNLOCK = "unlock"
    VIEW = "view"
    CREATE = "create"
    UPDATE = "update"
    AMEND = "amend"
    EXPORT = "export"
    PREVIEW = "preview"
    PRINT = "print"
    BACKUP = "backup"
    RESTORE = "restore"
    REKEY = "rekey"
    MANAGE_USERS = "manage_users"
    CLEAR = "clear"  # a closed case removed from the desk once the hub confirmed it
    PULL = "pull"  # a record of another desk's case stored here from the site hub


class AuditEntry(Record):
    id: int | None = None
    at: datetime
    user_id: int | None
    action: AuditAction
    record_type: str | None = None
    record_id: int | None = None
    person_id: int | None = None
    detail: str = ""
