"""Fictional cases for trainers, each built through the same operations the app uses.

Every demo case is told as a story, event by event, by the role that would record it (the L&D
worker screens, the practitioner assesses and takes consent, the Clinical Lead decides and signs
off, the Court Duty Officer records the court's facts and the sentence), each stamped with the
time it happens in the story (`clock.story_time`) and judged by the pathway on that day. So a
demo case can never hold what the app would refuse: an assessment after the sentence, a case
"closed" with treatment still booked. The branches come at plausible rates: screened but not
assessed, no consent, withdrawal, decline, every requirement and combination (MHTR, DRR, ATR,
MHTR+DRR, MHTR+ATR), the provider's acceptance or not, adjournments, no CSTR from the court,
missed appointments told to the offender manager and followed up (the person by their chosen
method, the care coordinator where a risk is known), breach with the treatment plan sent to the
offender manager, completion and the 3/6/12-month follow-ups; equality answers asked after the
assessment (some "prefers not to say"), the practitioner allocated, the leaflet with the next
appointment given at sentence. Names are fictional and NHS numbers come from the 999 test range.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import forms
from cstr_desk.clock import story_time
from cstr_desk.consent_text import CURRENT_VERSION, load_consent
from cstr_desk.domain import (
    DECLINE_REASONS, FOLLOW_UP_MONTHS, TREAT_REASONS, Adjournment, AdministrationMode,
    Attendance, Breach, ClinicalLeadDecision, CommunityOrderLevel, ConsentRecord,
    DecisionChannel, DecisionOutcome, FollowUp, GpRegistrationCheck, MissedReason, OffenceType, OrderType, Person,
    Plea, PractitionerAssessment, ProviderAcceptance, Referral, ReferralSource, ReportKind,
    Requirement, RiskAssessment, SentenceKind, SentenceOutcome, SentenceRequirement,
    TreatmentCompletion,
)
from cstr_desk.progress_lines import Progress
from cstr_desk.store import Session
from cstr_desk.store.demo import FAMILY, GIVEN, fictional_nhs_number
from cstr_desk.ukdates import LONDON
from cstr_desk.workflow import court_facts, operations
from cstr_desk.workflow.demo_contact import ContactStory
from cstr_desk.workflow import treatment_operations as treatment
from cstr_desk.workflow.assessment import INTERVIEW_TOPICS
from cstr_desk.workflow.monitoring import ADJOURNMENT_REASONS

# Branch rates, per case (DOMAIN.md "What gets counted"; the process evaluation's pilot figures
# give the order of magnitude: most referrals assessed, about one in eight declined).
NOT_ASSESSED, NO_CONSENT, WITHDRAWN_BEFORE, DECLINED = 0.08, 0.06, 0.05, 0.12
ADJOURNED, NO_CSTR_FROM_COURT, PROVIDER_DECLINES = 0.15, 0.12, 0.15
MISSED, TOLD_IN_TIME, BREACH_AFTER_TWO_MISSED, WITHDRAWN_IN_TREATMENT = 0.12, 0.85, 0.5, 0.05
COMBINATIONS: tuple[tuple[tuple[Requirement, ...], float], ...] = (
    ((Requirement.MHTR,), 0.5), ((Requirement.MHTR, Requirement.ATR), 0.18),
    ((Requirement.MHTR, Requirement.DRR), 0.1), ((Requirement.ATR,), 0.12),
    ((Requirement.DRR,), 0.1),
)
HISTORY_DAYS = 450  # hearings over the last 15 months, so follow-ups and returns have data
PROVIDERS = {Requirement.DRR: "Northtown Drug Service (demo)",
             Requirement.ATR: "Northtown Alcohol Service (demo)"}
M, D, A = Requirement.MHTR, Requirement.DRR, Requirement.ATR
# (branches taken, requirements, hearing days ago): one example of each branch, old enough for
# twelve weekly sessions to have happened; the first one old enough for all three follow-ups.
TRAINING_SET: tuple[tuple[frozenset[str], tuple[Requirement, ...], int], ...] = (
    (frozenset(), (M,), 520), (frozenset({"not_assessed"}), (M,), 30),
    (frozenset({"no_consent"}), (M,), 40), (frozenset({"withdrawn_before"}), (M,), 50),
    (frozenset({"declined"}), (M,), 60), (frozenset({"provider_declines"}), (M, A), 200),
    (frozenset({"adjourned"}), (M,), 210), (frozenset({"no_cstr"}), (M, D), 70),
    (frozenset({"missed", "breach"}), (M,), 220), (frozenset(), (D,), 230),
    (frozenset(), (A,), 240), (frozenset(), (M, A), 250), (frozenset(), (M, D), 260),
    (frozenset({"withdrawn_in_treatment"}), (M,), 270),
)
SENTENCE_REQUIREMENT = {Requirement.MHTR: SentenceRequirement.MHTR,
                        Requirement.DRR: SentenceRequirement.DRR,
                        Requirement.ATR: SentenceRequirement.ATR}


@dataclass(frozen=True)
class DemoStaff:
    """One open session per role that records part of a case's story."""

    ld: Session
    practitioner: Session
    lead: Session
    cdo: Session


@dataclass
class DemoCasesSummary:
    cases: int = 0
    branches: dict[str, int] = field(default_factory=dict)

    def count(self, branch: str) -> None:
        self.branches[branch] = self.branches.get(branch, 0) + 1


def build_demo_cases(staff: DemoStaff, count: int, seed: int, today: date,
                     court: str, site: str,
                     progress: Progress | None = None) -> DemoCasesSummary:
    """`count` fictional cases with hearings over the last 15 months, each through the pathway;
    `progress(done, count)` after each."""
    rng = random.Random(seed)
    summary = DemoCasesSummary()
    if progress is not None:
        progress(0, count)
    for index in range(count):
        if index < len(TRAINING_SET):
            # The first cases are one worked example of each branch, so every report and every
            # figure of the monthly return has something to show even in a small demo.
            forced, combination, days_ago = TRAINING_SET[index]
            story = _Story(staff, rng, today - timedelta(days=days_ago), today, court, site, summary)
            story.forced, story.combination = forced, combination
        else:
            hearing = today - timedelta(days=rng.randrange(HISTORY_DAYS))
            story = _Story(staff, rng, hearing, today, court, site, summary)
        story.tell()
        summary.cases += 1
        if progress is not None:
            progress(summary.cases, count)
    return summary


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), LONDON)


class _Story(ContactStory):
    def __init__(self, staff: DemoStaff, rng: random.Random, hearing: date, today: date,
                 court: str, site: str, summary: DemoCasesSummary) -> None:
        self.staff, self.rng, self.hearing, self.today = staff, rng, hearing, today
        self.court, self.site, self.summary = court, site, summary
        self.referral_id = 0
        self.forced: frozenset[str] | None = None
        self.combination: tuple[Requirement, ...] | None = None
        self.registered_when_assessed: bool | None = None

    def chance(self, rate: float) -> bool:
        return self.rng.random() < rate

    def branch(self, name: str, rate: float) -> bool:
        """A named branch of the story: in a training example exactly the branches it shows,
        otherwise each at its rate."""
        if self.forced is not None:
            return name in self.forced
        return self.chance(rate)

    def _do(self, moment: datetime, action: Callable[[], object]) -> object:
        with story_time(moment):
            return action(moment.date())

    # --- the story ------------------------------------------------------------------------

    def tell(self) -> None:
        self._register()
        self._screen()
        if self.branch("not_assessed", NOT_ASSESSED):
            return self.summary.count("screened, not assessed")
        self._assess()
        self._after_assessment()
        wanted = self._combination()
        if self.branch("no_consent", NO_CONSENT):
            self._consent(wanted, consented=())
            return self.summary.count("did not consent")
        self._consent(wanted, consented=wanted)
        self._court_facts()
        if self.branch("withdrawn_before", WITHDRAWN_BEFORE):
            self._do(_at(self.hearing, 11, 40), lambda day: operations.withdraw_consent(
                self.staff.practitioner, self.referral_id, _at(self.hearing, 11, 35),
                "Changed their mind before the hearing (demo)", day))
            return self.summary.count("withdrew consent before sentence")
        approved = self._provider_answers(wanted)
        # With nothing approved (the provider declined the only DRR or ATR) there is nothing
        # to recommend, so the Clinical Lead's decision is a decline too.
        declined = not approved or (Requirement.MHTR in wanted and self.branch("declined", DECLINED))
        self._decide(wanted, approved, declined)
        self._final_report(approved, declined)
        day = self._maybe_adjourn()
        if day is None:
            return self.summary.count("adjourned, awaiting sentence")
        cstr = [] if declined or self.branch("no_cstr", NO_CSTR_FROM_COURT) else approved
        self._sentence(day, cstr)
        self.summary.count("declined" if declined else "+".join(r.name for r in cstr) or "no CSTR")
        self._gp_letter(day)
        if cstr:
            self._treatment(day, cstr)

    def _register(self) -> None:
        rng = self.rng
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        born = self.hearing - timedelta(days=rng.randrange(18 * 366, 60 * 365))
        person = Person(given_name=given, family_name=family, date_of_birth=born,
                        nhs_number=fictional_nhs_number(rng), postcode=f"NT{rng.randrange(1, 4)} 1AA",
                        gp_practice=rng.choice(("Northtown Health Centre (demo)",
                                                "High Street Surgery (demo)")))
        source = rng.choice([s for s in ReferralSource if s is not ReferralSource.OTHER])
        referral = Referral(person_id=0, site=self.site, court=self.court,
                            hearing_date=self.hearing, referral_source=source,
                            offence_type=rng.choice(list(OffenceType)))
        changed = self._do(_at(self.hearing, 8, 30), lambda day: operations.register_referral(
            self.staff.ld, person, referral, day))
        self.referral_id = changed.record.id
        # The facts added after the stories were first written (issue 20: contact, equality,
        # leaflet, follow-ups) draw from their own generator, so each story's main events stay
        # as they were for the same seed.
        self.side = random.Random(f"side-{self.referral_id}-{self.hearing.isoformat()}")

    def _administer(self, session: Session, instrument_id: str, moment: datetime) -> None:
        form = forms.load_form(instrument_id)

        def give(day: date) -> None:
            started = operations.start_administration(
                session, self.referral_id, instrument_id, AdministrationMode.PRACTITIONER, day)
            for position, item in enumerate(form.items, start=1):
                values = sorted(form.allowed_values(item.number))
                # Mostly low-to-middle answers, now and then the top of the scale.
                value = values[min(len(values) - 1, int(self.rng.triangular(0, len(values), 1)))]
                session.record_answer(started.record.id, str(item.number), value, position)
            operations.complete_administration(session, started.record.id, day)

        self._do(moment, give)

    def _screen(self) -> None:
        self._administer(self.staff.ld, self.rng.choice(("k10", "core10")), _at(self.hearing, 8, 45))
        if self.chance(0.4):
            self._administer(self.staff.ld, "auditc", _at(self.hearing, 8, 55))

    def _assess(self) -> None:
        for minutes, instrument_id in ((15, "core34"), (30, "phq9"), (40, "gad7")):
            self._administer(self.staff.practitioner, instrument_id, _at(self.hearing, 9, minutes))
        if self.chance(0.3):
            self._administer(self.staff.practitioner, "audit", _at(self.hearing, 9, 50))
        risk = RiskAssessment(
            # Risk written as a practitioner would after asking about each endorsed item, so it
            # never reads as a bare denial of what a questionnaire shows (reports/risk_check.py).
            self_harm="Asked about self-harm: past episodes discussed; managed with the crisis plan.",
            suicide="Asked about suicidal thoughts and plans; to be reviewed at every session.",
            harm_to_others="Asked about violence and threats: assessed as low.",
            safeguarding="Asked about children, exploitation and gangs: nothing to report.",
            crisis_plan="Samaritans 116 123; GP same-day appointment; crisis team number.")
        assessment = PractitionerAssessment(
            referral_id=self.referral_id,
            topics={t.key: "Discussed (fictional demo case)." for t in INTERVIEW_TOPICS},
            gp_registered=self.chance(0.93), mental_health_need=True, drug_misuse=self.chance(0.3),
            presenting_problem="Low mood and anxiety (fictional demo case).",
            formulation="Recent losses and isolation; coping by drinking (fictional).",
            risk=risk, completed=True)
        self._do(_at(self.hearing, 10, 0), lambda day: operations.save_assessment(
            self.staff.practitioner, assessment, day))
        self.registered_when_assessed = assessment.gp_registered

    def _combination(self) -> tuple[Requirement, ...]:
        if self.combination is not None:
            return self.combination
        combinations, weights = zip(*COMBINATIONS)
        return self.rng.choices(combinations, weights)[0]

    def _consent(self, wanted: tuple[Requirement, ...], consented: tuple[Requirement, ...]) -> None:
        points = load_consent(CURRENT_VERSION).required_points(wanted)
        moment = _at(self.hearing, 10, 20)
        consent = ConsentRecord(
            referral_id=self.referral_id, consent_version=CURRENT_VERSION,
            requirements_assessed_for=list(wanted), requirements_consented=list(consented),
            explained_by=self.staff.practitioner.user.id, easy_read_used=self.chance(0.3),
            interpreter_language="Polish" if self.chance(0.05) else None,
            acknowledgements=dict.fromkeys(points, True),
            verbal_consent_witness="Demo witness", verbal_consent_reason="Fictional demo case",
            gp_surgery=None, consented_at=moment)
        self._do(moment, lambda day: operations.record_consent(self.staff.practitioner, consent, day))

    def _court_facts(self) -> None:
        facts = {"plea": Plea.GUILTY, "imprisonable_offence": True,
                 "community_order_level": self.rng.choice((CommunityOrderLevel.MEDIUM,
                                                           CommunityOrderLevel.HIGH)),
                 "proposed_order_type": OrderType.COMMUNITY_ORDER, "proposed_length_months": 12}
        self._do(_at(self.hearing, 10, 30), lambda day: court_facts.record_court_facts(
            self.staff.cdo, self.referral_id, facts, "", day))

    def _provider_answers(self, wanted: tuple[Requirement, ...]) -> list[Requirement]:
        approved = [r for r in wanted if r is Requirement.MHTR]
        for requirement in (r for r in wanted if r is not Requirement.MHTR):
            accepted = not self.branch("provider_declines", PROVIDER_DECLINES)
            answer = ProviderAcceptance(
                referral_id=self.referral_id, requirements=[requirement], accepted=accepted,
                provider_name=PROVIDERS[requirement], decided_at=_at(self.hearing, 11, 0),
                reasons="" if accepted else "Not dependent at assessment (demo).",
                recorded_by=self.staff.cdo.user.id, recorded_at=_at(self.hearing, 11, 5))
            self._do(_at(self.hearing, 11, 5), lambda day: operations.record_provider_acceptance(
                self.staff.cdo, answer, day))
            if accepted:
                approved.append(requirement)
            else:
                self.summary.count(f"provider did not accept the {requirement.name}")
        return approved

    def _decide(self, wanted: tuple[Requirement, ...], approved: list[Requirement],
                declined: bool) -> None:
        lead = self.staff.lead
        moment = _at(self.hearing, 11, 30)
        first = _at(self.hearing + timedelta(days=self.rng.randrange(2, 35)), 10, 0)
        treat = not declined
        decision = ClinicalLeadDecision(
            referral_id=self.referral_id,
            outcome=DecisionOutcome.TREAT if treat else DecisionOutcome.DECLINE,
            channel=DecisionChannel.ON_DEVICE, clinical_lead_name=lead.user.full_name,
            discussed_at=moment, reasons=[TREAT_REASONS[0] if treat else DECLINE_REASONS[0]],
            recommendations_to_court="As recommended above (fictional demo case)." if treat else "",
            recommended_requirements=approved if treat else [],
            recommended_length_months=12 if treat else None,
            recommended_order_type=OrderType.COMMUNITY_ORDER if treat else None,
            treatment_plan="12 weekly sessions (fictional demo case)." if treat else "",
            treatment_provider="Northtown primary care MHTR service (demo)" if treat else "",
            first_appointment_at=first if treat else None,
            first_appointment_place="Northtown Wellbeing Hub (demo)" if treat else "",
            signposting="" if treat else "Community mental health team; Samaritans 116 123.",
            recorded_by=lead.user.id, recorded_at=moment)
        self._do(moment, lambda day: operations.record_decision(lead, decision, day))

    def _final_report(self, approved: list[Requirement], declined: bool) -> None:
        """The Clinical Lead signs the report off, the Court Duty Officer prints it and records
        what the PSR proposed (counted in the monthly return, Manual §2.4)."""
        self._do(_at(self.hearing, 11, 45), lambda day: operations.sign_off_report(
            self.staff.lead, self.referral_id, day))
        self._do(_at(self.hearing, 11, 55), lambda day: operations.issue_report(
            self.staff.cdo, self.referral_id, ReportKind.PSR, True, day))
        proposes = not declined and not self.chance(0.1)
        self._do(_at(self.hearing, 12, 30), lambda day: court_facts.record_psr_proposal(
            self.staff.cdo, self.referral_id, proposes, approved if proposes else [],
            OrderType.COMMUNITY_ORDER if proposes else None, 12 if proposes else None,
            today=day))

    def _maybe_adjourn(self) -> date | None:
        """The day of sentence: the hearing, or after an adjournment (None: not yet come)."""
        if not self.branch("adjourned", ADJOURNED):
            return self.hearing
        reason = self.rng.choice(list(ADJOURNMENT_REASONS))
        self._do(_at(self.hearing, 14, 0), lambda day: operations.record_adjournment(
            self.staff.cdo, Adjournment(referral_id=self.referral_id, adjourned_on=self.hearing,
                                        reason=reason), day))
        self.summary.count("adjourned")
        day = self.hearing + timedelta(days=self.rng.randrange(7, 29))
        return day if day <= self.today else None

    def _sentence(self, day: date, cstr: list[Requirement]) -> None:
        moment = _at(day, 15, 30)
        given = [SENTENCE_REQUIREMENT[r] for r in cstr]
        if not cstr and self.chance(0.3):
            outcome = SentenceOutcome(
                referral_id=self.referral_id, sentenced_on=day, sentenced_at=moment,
                sentence=SentenceKind.CUSTODY, custody_weeks=self.rng.choice((6, 12, 16)),
                no_cstr_reason="Custody given (demo)", recorded_by=self.staff.cdo.user.id,
                recorded_at=moment)
        else:
            outcome = SentenceOutcome(
                referral_id=self.referral_id, sentenced_on=day, sentenced_at=moment,
                sentence=SentenceKind.COMMUNITY_ORDER, length_months=12,
                requirements=given or [SentenceRequirement.UNPAID_WORK],
                no_cstr_reason=None if given else "Not suitable for a CSTR (demo)",
                without_cstr_custody_weeks=self.rng.choice((None, 8, 12)) if given else None,
                recorded_by=self.staff.cdo.user.id, recorded_at=moment)
        self._do(moment, lambda d: operations.record_sentence(self.staff.cdo, outcome, d))

    def _gp_letter(self, day: date) -> None:
        self._do(_at(day, 16, 30), lambda d: operations.issue_report(
            self.staff.practitioner, self.referral_id, ReportKind.GP_LETTER, True, d))

    # --- after sentence -------------------------------------------------------------------

    def _gp_registered_before_treatment(self, sentenced: date) -> None:
        """Not registered when assessed: the provider helps the person register before the
        first session (Manual §2.4 counts them as registered as a result of CSTR)."""
        moment = _at(sentenced, 16, 30)
        check = GpRegistrationCheck(
            referral_id=self.referral_id, checked_on=moment.date(), registered=True,
            practice="Northtown Health Centre (demo)", recorded_by=0, recorded_at=moment)
        self._do(moment, lambda d: treatment.record_gp_check(self.staff.practitioner, check, d))

    def _treatment(self, sentenced: date, cstr: list[Requirement]) -> None:
        practitioner = self.staff.practitioner
        first = _at(sentenced + timedelta(days=self.rng.randrange(2, 30)), 10, 0)
        self._leaflet(sentenced, first)
        if first.date() > self.today:
            return
        if not self.registered_when_assessed:
            self._gp_registered_before_treatment(sentenced)
        booked = self._do(_at(sentenced, 16, 45), lambda d: treatment.schedule_sessions(
            practitioner, self.referral_id, first, today=d)).record
        missed = 0
        # Decided once per case: at which session (if any) the person withdraws.
        withdraws_at = (self.rng.randrange(2, len(booked)) if self.branch("withdrawn_in_treatment", WITHDRAWN_IN_TREATMENT)
                        else None)
        for index, booking in enumerate(booked):
            if booking.scheduled_at.date() >= self.today:
                return  # still to come: the case is in treatment today
            if index == withdraws_at:
                self._withdraw_in_treatment(booking.scheduled_at)
                self._cancel_the_rest(booking.scheduled_at - timedelta(hours=1), booked)
                return
            missed += self._attend(booking.id, booking.scheduled_at)
            if missed >= 2 and self.branch("breach", BREACH_AFTER_TWO_MISSED):
                self._breach(booking.scheduled_at, booked)
                return
        self._complete(booked[-1].scheduled_at.date(), completed=True)

    def _attend(self, session_id: int, at: datetime) -> int:
        practitioner = self.staff.practitioner
        if not self.branch("missed", MISSED):
            self._do(at + timedelta(hours=1), lambda d: treatment.record_attendance(
                practitioner, self.referral_id, session_id, Attendance.ATTENDED, today=d))
            return 0
        reason = self.rng.choice([r for r in MissedReason if r is not MissedReason.OTHER])
        self._do(at + timedelta(hours=1), lambda d: treatment.record_attendance(
            practitioner, self.referral_id, session_id, Attendance.MISSED, reason, today=d))
        told = at + timedelta(hours=self.rng.randrange(2, 40) if self.chance(TOLD_IN_TIME)
                              else self.rng.randrange(50, 96))
        if told.date() <= self.today:
            self._do(told, lambda d: treatment.mark_offender_manager_told(
                practitioner, self.referral_id, session_id, told))
        self._follow_up_missed(session_id, at)
        self.summary.count("missed appointment")
        return 1

    def _cancel_the_rest(self, after: datetime, booked: list) -> None:
        for booking in booked:
            if booking.scheduled_at > after:
                self._do(after + timedelta(hours=2), lambda d, b=booking: treatment.record_attendance(
                    self.staff.practitioner, self.referral_id, b.id, Attendance.CANCELLED, today=d))

    def _breach(self, at: datetime, booked: list) -> None:
        day = at.date() + timedelta(days=5)
        if day > self.today:
            return
        breach = Breach(referral_id=self.referral_id, decided_on=day, returned_to_court=True,
                        related_to_cstr=True, reason="Second unreasonable failure to attend (demo)",
                        recorded_by=self.staff.cdo.user.id, recorded_at=_at(day, 12))
        self._do(_at(day, 12), lambda d: treatment.record_breach(self.staff.cdo, breach))
        self._treatment_plan_sent(day)
        self._cancel_the_rest(_at(day, 12), booked)
        self._complete(day, completed=False)
        self.summary.count("breach")

    def _withdraw_in_treatment(self, at: datetime) -> None:
        self._do(at, lambda d: operations.withdraw_consent(
            self.staff.practitioner, self.referral_id, at, "Withdrew during treatment (demo)", d))
        self.summary.count("withdrew consent in treatment")

    def _complete(self, ended: date, completed: bool) -> None:
        if ended > self.today:
            return
        lead = self.staff.practitioner
        if completed:
            # Manual §2.4: the outcome measures again at the end (CORE-34, PHQ-9, GAD-7).
            for minutes, instrument_id in ((0, "core34"), (15, "phq9"), (25, "gad7")):
                self._administer(lead, instrument_id, _at(ended, 16, minutes))
        completion = TreatmentCompletion(
            referral_id=self.referral_id, ended_on=ended, completed=completed,
            notes="Fictional demo case.",
            signposting="Local services sheet; GP review; helplines." if completed else "",
            recorded_by=lead.user.id, recorded_at=_at(ended, 17))
        self._do(_at(ended, 17), lambda d: treatment.complete_treatment(lead, completion, d))
        if not completed:
            return
        self._do(_at(ended, 17, 30), lambda d: operations.issue_report(
            lead, self.referral_id, ReportKind.COMPLETION, True, d))
        self.summary.count("completed")
        for months in FOLLOW_UP_MONTHS:
            done = ended + timedelta(days=round(months * 30.5))
            if done > self.today or not self.chance(0.8):
                break
            follow_up = FollowUp(referral_id=self.referral_id, months_after=months, done_on=done,
                                 notes="Fictional follow-up.", recorded_by=lead.user.id,
                                 recorded_at=_at(done, 12))
            self._do(_at(done, 12), lambda d, f=follow_up: treatment.record_follow_up(lead, f))
            self.summary.count(f"{months}-month follow-up")
