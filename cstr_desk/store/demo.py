"""Fictional people and cases in bulk for the benchmarks, spread over every pathway stage.

Written straight into the tables, so it is fast (50,000 people) but does not go through the
pathway's operations; the cases trainers use (`cstr-desk demo-data`) are built through them by
`workflow.demo_cases`.

Names are drawn from short lists of common given and family names, NHS numbers from the 999
range that NHS Digital keeps for test data (never issued to a patient), and everything is
written with executemany in one transaction, which is what makes 50,000 people quick.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import forms
from cstr_desk.consent_text import CURRENT_VERSION, load_consent
from cstr_desk.domain import (
    AdministrationStatus, AuditAction, ClinicalLeadDecision, ConsentRecord, DecisionChannel,
    DecisionOutcome, OffenceType, Plea, PractitionerAssessment, ProviderAcceptance, PsrProposal,
    ReferralSource, ReportIssued,
    ReportKind, Requirement, SentenceKind, SentenceOutcome, Stage, TreatmentSession,
)
from cstr_desk.store import records
from cstr_desk.store.connection import Database
from cstr_desk.store.migrations import name_key
from cstr_desk.permissions import Action
from cstr_desk.store.session import Session
from cstr_desk.store.validation import nhs_check_digit

GIVEN = ("Alex Amara Ben Bethan Callum Chloe Daniel Dionne Ethan Efua Farah Gareth Grace Hamza "
         "Holly Imran Isla Jack Jade Kieran Kezia Liam Leah Mohammed Megan Nathan Niamh Oliver "
         "Olivia Priya Ryan Rhiannon Sam Sade Tom Tia Usman Vera Wesley Yasmin Zoe").split()
FAMILY = ("Ahmed Baker Bennett Campbell Clarke Davies Edwards Evans Green Hall Hughes Jones Khan "
          "Kaur Lewis Morgan Murphy Nowak O'Brien Patel Price Roberts Robinson Shah Smith "
          "Taylor Thomas Turner Walker Ward Williams Wilson Wright Young").split()
STAGES = tuple(Stage)


@dataclass(frozen=True)
class DemoSummary:
    people: int
    referrals: int
    administrations: int
    answers: int


def fictional_nhs_number(rng: random.Random) -> str:
    while True:
        first_nine = "999" + f"{rng.randrange(10**6):06d}"
        check = nhs_check_digit(first_nine)
        if check is not None:
            return first_nine + str(check)


def create_demo_data(session: Session, people: int, seed: int = 0,
                     administrations_per_person: int = 3) -> DemoSummary:
    """Adds `people` fictional people, one referral each, three questionnaires each."""
    session._require(Action.LOAD_DEMO_DATA)
    rng = random.Random(seed)
    db = session._db
    user_id = session.user.id
    now = datetime.now(UTC)
    with db.transaction():
        first_person = int(db.value("SELECT coalesce(max(id), 0) + 1 FROM people"))
        first_referral = int(db.value("SELECT coalesce(max(id), 0) + 1 FROM referrals"))
        first_admin = int(db.value("SELECT coalesce(max(id), 0) + 1 FROM administrations"))
        rows = _Rows()
        for n in range(people):
            _one_case(rng, rows, first_person + n, first_referral + n, now, user_id)
        for n, (referral_id, stage) in enumerate(rows.stages):
            for k in range(administrations_per_person):
                rows.add_administration(rng, first_admin + n * administrations_per_person + k,
                                        referral_id, stage, now, user_id)
        rows.write(db)
        session._audit(AuditAction.CREATE, detail=f"demo data: {people} fictional people")
    return DemoSummary(people, people, len(rows.administrations), len(rows.answers))


class _Rows:
    def __init__(self) -> None:
        self.people: list[tuple] = []
        self.referrals: list[tuple] = []
        self.stages: list[tuple[int, Stage]] = []
        self.administrations: list[tuple] = []
        self.answers: list[tuple] = []
        self.finalised: list[tuple[str, int]] = []
        self.documents: dict[str, list[tuple]] = {kind: [] for kind in records.DOCUMENTS}

    def add_administration(self, rng: random.Random, admin_id: int, referral_id: int,
                           stage: Stage, now: datetime, user_id: int | None) -> None:
        form = forms.load_form(rng.choice(forms.INSTRUMENT_IDS))
        draft = stage == Stage.REFERRED
        status = AdministrationStatus.DRAFT if draft else AdministrationStatus.FINALISED
        items = len(form.items)
        answered = rng.randrange(1, items) if draft else items
        # Given on the day of the referral, like the rest of the demo case.
        at = records.iso_time(now - timedelta(minutes=rng.randrange(1, 240)))
        # Written as drafts first: the finalised-record trigger refuses answers afterwards.
        self.administrations.append((admin_id, referral_id, form.id, form.content_hash,
                                     "practitioner",
                                     str(AdministrationStatus.DRAFT), at, user_id,
                                     None if draft else at, None if draft else at, answered))
        if not draft:
            self.finalised.append((str(status), admin_id))
        # Each answer is one of the item's own options, so every demo result scores.
        self.answers += [(admin_id, str(q), rng.choice(sorted(form.allowed_values(q))), at,
                          user_id) for q in range(1, answered + 1)]

    def write(self, db: Database) -> None:
        people_columns = ("id, given_name, family_name, date_of_birth, nhs_number, pnc_number, "
                          "postcode, eq_gender, given_key, family_key, pnc_key, created_at, "
                          "created_by")
        db.executemany(f"INSERT INTO people ({people_columns}) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self.people)
        db.executemany("INSERT INTO referrals (id, person_id, site, court, hearing_date, "
                       "referral_source, offence_type, plea, stage, created_at, created_by) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self.referrals)
        db.executemany("INSERT INTO administrations (id, referral_id, instrument_id, form_hash, "
                       "mode, status, started_at, started_by, completed_at, finalised_at, "
                       "position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       self.administrations)
        db.executemany("INSERT INTO answers (administration_id, question, value, recorded_at, "
                       "recorded_by) VALUES (?, ?, ?, ?, ?)", self.answers)
        db.executemany("UPDATE administrations SET status = ? WHERE id = ?", self.finalised)
        for kind, rows in self.documents.items():
            table, _ = records.DOCUMENTS[kind]
            db.executemany(f"INSERT INTO {table} (referral_id, body) VALUES (?, ?)", rows)
        db.executemany("UPDATE assessments SET completed = 1 WHERE referral_id = ?",
                       [(r,) for r, _ in self.documents["assessment"]])


def _one_case(rng: random.Random, rows: _Rows, person_id: int, referral_id: int,
              now: datetime, user_id: int | None) -> None:
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))
    pnc = f"{rng.randrange(0, 25):02d}/{rng.randrange(10**7):07d}{chr(65 + rng.randrange(26))}"
    created = records.iso_time(now)
    rows.people.append((person_id, given, family, born.isoformat(), fictional_nhs_number(rng),
                        pnc, None, rng.choice(("female", "male", "prefer_not_to_say")),
                        name_key(given), name_key(family), pnc, created, user_id))
    stage = STAGES[referral_id % len(STAGES)]
    hearing = (now.date() - timedelta(days=rng.randrange(-14, 700)))
    rows.referrals.append((referral_id, person_id, "Demo site", "Court 1", hearing.isoformat(),
                           str(rng.choice(list(ReferralSource))),
                           str(rng.choice(list(OffenceType))),
                           str(Plea.GUILTY if STAGES.index(stage) >= 2 else Plea.NOT_YET_TAKEN),
                           str(stage), created, user_id))
    rows.stages.append((referral_id, stage))
    _documents_for_stage(rng, rows, referral_id, stage, now, user_id or 1)


def _documents_for_stage(rng: random.Random, rows: _Rows, referral_id: int, stage: Stage,
                         now: datetime, user_id: int) -> None:
    """The records a case has once it reached `stage` (DOMAIN.md "The pathway")."""
    reached = STAGES.index(stage)
    add = rows.documents
    # Every fourth case is an MHTR with a DRR, whose provider answers beside the Clinical Lead
    # (Manual §2.4), so the monitoring benchmark counts both approvals.
    wanted = [Requirement.MHTR, Requirement.DRR] if referral_id % 4 == 0 else [Requirement.MHTR]
    if reached >= STAGES.index(Stage.ASSESSED):
        add["assessment"].append((referral_id, PractitionerAssessment(
            referral_id=referral_id, gp_registered=True, mental_health_need=True,
            presenting_problem="Low mood and anxiety (fictional demo case).", completed=True,
            completed_at=now, completed_by=user_id).model_dump_json(exclude={"id"})))
    if reached >= STAGES.index(Stage.CONSENTED):
        add["consent"].append((referral_id, ConsentRecord(
            referral_id=referral_id, consent_version=CURRENT_VERSION, explained_by=user_id,
            requirements_assessed_for=wanted, requirements_consented=wanted,
            easy_read_used=rng.random() < 0.3,
            acknowledgements=dict.fromkeys(
                load_consent(CURRENT_VERSION).required_points(wanted), True),
            verbal_consent_witness="Demo witness",
            verbal_consent_reason="fictional demo case",
            consented_at=now).model_dump_json(exclude={"id", "withdrawn_at", "withdrawal_reason"})))
    if reached >= STAGES.index(Stage.CLINICAL_LEAD_DECISION):
        add["decision"].append((referral_id, ClinicalLeadDecision(
            referral_id=referral_id, outcome=DecisionOutcome.TREAT,
            channel=DecisionChannel.TELEPHONE, clinical_lead_name="Dr Demo", discussed_at=now,
            recorded_by=user_id, recorded_at=now).model_dump_json(exclude={"id"})))
        if Requirement.DRR in wanted:
            add["provider_acceptance"].append((referral_id, ProviderAcceptance(
                referral_id=referral_id, requirements=[Requirement.DRR], accepted=True,
                provider_name="Demo Recovery Service", decided_at=now, recorded_by=user_id,
                recorded_at=now).model_dump_json(exclude={"id"})))
    if reached >= STAGES.index(Stage.REPORT_ISSUED):
        add["psr_proposal"].append((referral_id, PsrProposal(
            referral_id=referral_id, proposes_cstr=True, requirements=wanted,
            recorded_by=user_id, recorded_at=now).model_dump_json(exclude={"id"})))
        add["report"].append((referral_id, ReportIssued(
            referral_id=referral_id, kind=ReportKind.PSR, final=True, issued_at=now,
            issued_by=user_id).model_dump_json(exclude={"id"})))
    if reached >= STAGES.index(Stage.SENTENCED):
        add["sentence"].append((referral_id, SentenceOutcome(
            referral_id=referral_id, sentenced_on=now.date(),
            sentence=SentenceKind.COMMUNITY_ORDER, length_months=12,
            requirements=["mhtr"], recorded_by=user_id,
            recorded_at=now).model_dump_json(exclude={"id"})))
    if reached >= STAGES.index(Stage.IN_TREATMENT):
        for number in range(1, 4):
            add["session"].append((referral_id, TreatmentSession(
                referral_id=referral_id, number=number,
                scheduled_at=now + timedelta(weeks=number)).model_dump_json(exclude={"id"})))
