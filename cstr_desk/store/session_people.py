"""People, referrals and the case list: registering, finding and moving cases along."""

from __future__ import annotations

import re
from datetime import date

from cstr_desk.domain import (
    REFERRAL_COURT_FACTS, Amendment, AuditAction, CaseRecord, CaseSummary, EqualityMonitoring,
    Person, Referral, Role, Stage,
)
from cstr_desk.store import records
from cstr_desk.store.errors import InvalidRecord, NotFound
from cstr_desk.store.migrations import name_key
from cstr_desk.permissions import Action
from cstr_desk.store.session_base import SessionBase
from cstr_desk.store.validation import (
    nhs_number_is_valid, normalise_nhs_number, normalise_pnc_number, pnc_number_looks_valid,
)

_EQUALITY = tuple(EqualityMonitoring.model_fields)
_PERSON_COLUMNS = ("given_name", "family_name", "date_of_birth", "nhs_number", "pnc_number",
                   "postcode", "gp_practice", *(f"eq_{f}" for f in _EQUALITY))
_PERSON_SELECT = "SELECT id, " + ", ".join(_PERSON_COLUMNS) + " FROM people"
_REFERRAL_COLUMNS = ("person_id", "site", "court", "hearing_date", "referral_source",
                     "referral_source_other", "offence_type", "plea", "imprisonable_offence",
                     "community_order_level", "proposed_order_type", "stage", "created_at",
                     "created_by", "closed_at", "closure_reason", "proposed_length_months",
                     "allocated_practitioner_id")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_TOP = "\U0010ffff"  # sorts after any character, so [prefix, prefix+_TOP) is a prefix range


def checked_person(person: Person) -> Person:
    """NHS numbers are kept as ten digits and must pass the modulus 11 check; PNC numbers
    must have the PNC's shape. A mistake is refused with the reason, nothing is saved."""
    updates: dict = {}
    if person.nhs_number:
        if not nhs_number_is_valid(person.nhs_number):
            raise InvalidRecord("The NHS number is not valid: its last digit does not match "
                                "the others. Please check it against the letter or card.")
        updates["nhs_number"] = normalise_nhs_number(person.nhs_number)
    if person.pnc_number:
        if not pnc_number_looks_valid(person.pnc_number):
            raise InvalidRecord("The PNC number should look like 21/1234567A.")
        updates["pnc_number"] = normalise_pnc_number(person.pnc_number)
    return person.model_copy(update=updates)


def person_row(person: Person) -> tuple:
    eq = person.equality
    return (person.given_name, person.family_name, person.date_of_birth.isoformat(),
            person.nhs_number or None, person.pnc_number or None, person.postcode,
            person.gp_practice, *(getattr(eq, f) for f in _EQUALITY),
            name_key(person.given_name), name_key(person.family_name),
            normalise_pnc_number(person.pnc_number) if person.pnc_number else None)


def person_from_row(row: tuple) -> Person:
    person_id, given, family, dob, nhs, pnc, postcode, gp, *equality = row
    return Person(id=person_id, given_name=given, family_name=family,
                  date_of_birth=date.fromisoformat(dob), nhs_number=nhs, pnc_number=pnc,
                  postcode=postcode, gp_practice=gp,
                  equality=EqualityMonitoring(**dict(zip(_EQUALITY, equality))))


def referral_from_row(row: tuple) -> Referral:
    data = dict(zip(("id", *_REFERRAL_COLUMNS), row))
    data["hearing_date"] = date.fromisoformat(data["hearing_date"])
    data["created_at"] = records.parse_time(data["created_at"])
    data["closed_at"] = records.parse_time(data["closed_at"])
    if data["imprisonable_offence"] is not None:
        data["imprisonable_offence"] = bool(data["imprisonable_offence"])
    return Referral(**data)


class PeopleMixin(SessionBase):
    def add_person(self, person: Person) -> Person:
        self._require(Action.REGISTER_REFERRAL)
        person = checked_person(person)
        columns = (*_PERSON_COLUMNS, "given_key", "family_key", "pnc_key", "created_at",
                   "created_by")
        with self._db.transaction():
            cursor = self._db.execute(
                f"INSERT INTO people ({', '.join(columns)}) VALUES "
                f"({', '.join('?' * len(columns))})",
                (*person_row(person), records.iso_time(records.utc_now()), self.user.id))
            person = person.model_copy(update={"id": cursor.lastrowid})
            self._audit(AuditAction.CREATE, "person", person.id, person.id)
        return person

    def update_person(self, person: Person) -> Person:
        self._require(Action.REGISTER_REFERRAL)
        person = checked_person(person)
        before = self._load_person(person.id)
        changed = [f for f in Person.model_fields if getattr(before, f) != getattr(person, f)]
        assignments = ", ".join(f"{c} = ?" for c in (*_PERSON_COLUMNS, "given_key",
                                                      "family_key", "pnc_key"))
        with self._db.transaction():
            self._db.execute(f"UPDATE people SET {assignments} WHERE id = ?",
                             (*person_row(person), person.id))
            # Field names only: the audit trail must not become a second copy of the record.
            self._audit(AuditAction.UPDATE, "person", person.id, person.id,
                        "changed: " + ", ".join(changed))
        return person

    def _load_person(self, person_id: int | None) -> Person:
        row = self._db.row(_PERSON_SELECT + " WHERE id = ?", (person_id,))
        if row is None:
            raise NotFound("That person could not be found.")
        return person_from_row(row)

    def get_person(self, person_id: int) -> Person:
        self._require(Action.VIEW_CASES)
        person = self._load_person(person_id)
        with self._db.transaction():
            self._audit(AuditAction.VIEW, "person", person_id, person_id)
        return person

    def find_possible_duplicates(self, given_name: str, family_name: str,
                                 date_of_birth: date) -> list[Person]:
        self._require(Action.VIEW_CASES)
        rows = self._db.rows(
            _PERSON_SELECT + " WHERE date_of_birth = ? AND (family_key = ? OR given_key = ?)",
            (date_of_birth.isoformat(), name_key(family_name), name_key(given_name)))
        return [person_from_row(r) for r in rows]

    def search_people(self, text: str, limit: int = 50) -> list[Person]:
        """By name prefix ("smi", "jo smi"), date of birth (dd/mm/yyyy), PNC or NHS number;
        each form uses its own index."""
        self._require(Action.VIEW_CASES)
        where, params = person_search_clause(text)
        if where is None:
            return []
        rows = self._db.rows(f"{_PERSON_SELECT} WHERE {where} ORDER BY family_key, given_key "
                             "LIMIT ?", (*params, limit))
        return [person_from_row(r) for r in rows]

    def add_referral(self, referral: Referral) -> Referral:
        self._require(Action.REGISTER_REFERRAL)
        self._load_person(referral.person_id)
        referral = referral.model_copy(update={"created_at": records.utc_now(),
                                               "created_by": self.user.id})
        with self._db.transaction():
            cursor = self._db.execute(
                f"INSERT INTO referrals ({', '.join(_REFERRAL_COLUMNS)}) VALUES "
                f"({', '.join('?' * len(_REFERRAL_COLUMNS))})", referral_values(referral))
            referral = referral.model_copy(update={"id": cursor.lastrowid})
            self._audit(AuditAction.CREATE, "referral", referral.id, referral.person_id)
        return referral

    def update_referral(self, referral: Referral) -> Referral:
        self._require(Action.REGISTER_REFERRAL)
        before = self._load_referral(referral.id)
        referral = referral.model_copy(update={"person_id": before.person_id,
                                               "created_at": before.created_at,
                                               "created_by": before.created_by})
        assignments = ", ".join(f"{c} = ?" for c in _REFERRAL_COLUMNS)
        changed = [f for f in Referral.model_fields if getattr(before, f) != getattr(referral, f)]
        with self._db.transaction():
            self._db.execute(f"UPDATE referrals SET {assignments} WHERE id = ?",
                             (*referral_values(referral), referral.id))
            self._audit(AuditAction.UPDATE, "referral", referral.id, referral.person_id,
                        "changed: " + ", ".join(changed))
        return referral

    def amend_referral(self, referral_id: int, field: str, new_value: str | None,
                       reason: str) -> Amendment:
        """A court fact recorded or corrected (`REFERRAL_COURT_FACTS`): the referral's column
        holds the value now in force, because the case list and the return search and count
        it; the amendment row keeps what it was, who changed it, when and why."""
        self._require(Action.RECORD_COURT_FACTS)
        if field not in REFERRAL_COURT_FACTS:
            raise InvalidRecord(f"“{field}” is not a part of the referral that can be corrected.")
        if not reason.strip():
            raise InvalidRecord("Please give the reason for the correction.")
        before = self._load_referral(referral_id)
        after = records.with_field(before, field, new_value)
        amendment = Amendment(
            record_type="referral", record_id=referral_id, field=field,
            old_value=records.value_as_text(before.model_dump(mode="json")[field]),
            new_value=records.value_as_text(after.model_dump(mode="json")[field]),
            reason=reason.strip(), amended_by=self.user.id, amended_at=records.utc_now())
        column = dict(zip(_REFERRAL_COLUMNS, referral_values(after)))[field]
        with self._db.transaction():
            self._db.execute(f"UPDATE referrals SET {field} = ? WHERE id = ?",
                             (column, referral_id))
            amendment = records.insert_amendment(self._db, amendment, before.person_id)
            self._audit(AuditAction.AMEND, "referral", referral_id, before.person_id,
                        f"field corrected: {field}")
        return amendment

    def allocate_practitioner(self, referral_id: int, practitioner_id: int,
                              reason: str = "Allocated") -> Referral:
        """The practitioner who assesses and treats this case (Manual §4.2, §4.7). Taking a
        case on oneself is any practitioner's; choosing someone else is ALLOCATE_TO_OTHERS.
        Each allocation is kept as an amendment of the referral: who had it, who has it, why."""
        self._require(Action.ALLOCATE_PRACTITIONER)
        if practitioner_id != self.user.id:
            self._require(Action.ALLOCATE_TO_OTHERS)
        row = self._db.row("SELECT role, active FROM users WHERE id = ?", (practitioner_id,))
        if row is None or row[0] not in (Role.PRACTITIONER, Role.CLINICAL_LEAD) or not row[1]:
            raise InvalidRecord("That account is not a practitioner's, so the case cannot be allocated to it.")
        before = self._load_referral(referral_id)
        amendment = Amendment(
            record_type="referral", record_id=referral_id, field="allocated_practitioner_id",
            old_value=records.value_as_text(before.allocated_practitioner_id),
            new_value=str(practitioner_id), reason=reason.strip() or "Allocated",
            amended_by=self.user.id, amended_at=records.utc_now())
        with self._db.transaction():
            self._db.execute("UPDATE referrals SET allocated_practitioner_id = ? WHERE id = ?",
                             (practitioner_id, referral_id))
            records.insert_amendment(self._db, amendment, before.person_id)
            self._audit(AuditAction.UPDATE, "referral", referral_id, before.person_id,
                        f"allocated to user {practitioner_id}")
        return before.model_copy(update={"allocated_practitioner_id": practitioner_id})

    def caseload(self, practitioner_id: int, limit: int = 200) -> list[CaseSummary]:
        """The open cases allocated to one practitioner, latest hearing first."""
        self._require(Action.VIEW_CASES)
        rows = self._db.rows(
            "SELECT r.id, p.id, p.given_name, p.family_name, p.date_of_birth, p.pnc_number, "
            "p.nhs_number, r.court, r.hearing_date, r.stage FROM referrals r "
            "JOIN people p ON p.id = r.person_id WHERE r.allocated_practitioner_id = ? "
            "AND r.closed_at IS NULL ORDER BY r.hearing_date DESC, r.id DESC LIMIT ?",
            (practitioner_id, limit))
        with self._db.transaction():
            self._audit(AuditAction.VIEW, "referral", detail="caseload")
        return [case_summary(row) for row in rows]

    def amend_equality(self, person_id: int, field: str, new_value: str | None,
                       reason: str) -> Amendment:
        """One equality monitoring answer recorded or changed: the column holds the answer now
        (the return counts it), the amendment row what it was, who changed it, when and why."""
        self._require(Action.RECORD_EQUALITY)
        if field not in _EQUALITY:
            raise InvalidRecord(f"“{field}” is not an equality monitoring question.")
        if not reason.strip():
            raise InvalidRecord("Please give the reason for the change.")
        before = self._load_person(person_id)
        amendment = Amendment(
            record_type="person", record_id=person_id, field=f"equality.{field}",
            old_value=getattr(before.equality, field), new_value=new_value,
            reason=reason.strip(), amended_by=self.user.id, amended_at=records.utc_now())
        with self._db.transaction():
            self._db.execute(f"UPDATE people SET eq_{field} = ? WHERE id = ?", (new_value, person_id))
            amendment = records.insert_amendment(self._db, amendment, person_id)
            self._audit(AuditAction.AMEND, "person", person_id, person_id,
                        f"equality answer recorded: {field}")
        return amendment

    def _load_referral(self, referral_id: int | None) -> Referral:
        row = self._db.row(f"SELECT id, {', '.join(_REFERRAL_COLUMNS)} FROM referrals "
                           "WHERE id = ?", (referral_id,))
        if row is None:
            raise NotFound("That case could not be found.")
        return referral_from_row(row)

    def set_stage(self, referral_id: int, stage: Stage) -> None:
        self._require(Action.MOVE_STAGE)
        person_id = self._person_of_referral(referral_id)
        with self._db.transaction():
            self._db.execute("UPDATE referrals SET stage = ? WHERE id = ?",
                             (str(Stage(stage)), referral_id))
            self._audit(AuditAction.UPDATE, "referral", referral_id, person_id,
                        f"stage: {Stage(stage).value}")

    def list_cases(self, text: str = "", stages: set[Stage] | None = None,
                   hearing_from: date | None = None, hearing_to: date | None = None,
                   today: date | None = None, limit: int = 200) -> list[CaseSummary]:
        """Today's hearings first, then by hearing date, newest first."""
        self._require(Action.VIEW_CASES)
        today = today or date.today()
        clauses, params = [], []
        if text.strip():
            where, search_params = person_search_clause(text)
            if where is None:
                return []
            clauses.append(f"p.id IN (SELECT id FROM people WHERE {where})")
            params += search_params
        if stages:
            clauses.append(f"r.stage IN ({', '.join('?' * len(stages))})")
            params += [str(s) for s in stages]
        if hearing_from:
            clauses.append("r.hearing_date >= ?")
            params.append(hearing_from.isoformat())
        if hearing_to:
            clauses.append("r.hearing_date <= ?")
            params.append(hearing_to.isoformat())
        base = ("SELECT r.id, p.id, p.given_name, p.family_name, p.date_of_birth, p.pnc_number, "
                "p.nhs_number, r.court, r.hearing_date, r.stage FROM referrals r "
                "JOIN people p ON p.id = r.person_id WHERE " + " AND ".join(clauses or ["1"]))
        todays = self._db.rows(base + " AND r.hearing_date = ? ORDER BY r.id LIMIT ?",
                               (*params, today.isoformat(), limit))
        others = self._db.rows(base + " AND r.hearing_date <> ? ORDER BY r.hearing_date DESC, "
                               "r.id DESC LIMIT ?", (*params, today.isoformat(), limit))
        return [case_summary(row) for row in (todays + others)[:limit]]

    def load_case(self, referral_id: int) -> CaseRecord:
        self._require(Action.VIEW_CASES)
        referral = self._load_referral(referral_id)
        case = self._case_record(referral)
        with self._db.transaction():
            self._audit(AuditAction.VIEW, "referral", referral_id, referral.person_id)
        return case

    def _case_record(self, referral: Referral) -> CaseRecord:
        docs = {kind: records.documents_for_referral(self._db, kind, referral.id)
                for kind in records.DOCUMENTS}
        return case_from_parts(self._load_person(referral.person_id), referral,
                               self._administrations_of(referral.id), docs,
                               self._amendments_of_referral(referral.id))


def case_from_parts(person: Person, referral: Referral, administrations: list,
                    docs: dict[str, list], amendments: list) -> CaseRecord:
    """One case from its records, however they were read (one by one, or in bulk by
    store.case_batches), so both ways give the same CaseRecord."""
    return CaseRecord(
        person=person, referral=referral, administrations=administrations,
        assessment=(docs["assessment"] or [None])[-1], consents=docs["consent"],
        decision=(docs["decision"] or [None])[-1], reports=docs["report"],
        psr_proposal=(docs["psr_proposal"] or [None])[-1],
        provider_acceptances=sorted(docs["provider_acceptance"], key=lambda p: p.decided_at),
        sentence=(docs["sentence"] or [None])[-1], adjournments=docs["adjournment"],
        sessions=sorted(docs["session"], key=lambda s: s.number), amendments=amendments,
        breaches=sorted(docs["breach"], key=lambda b: b.decided_on),
        safeguarding_referrals=sorted(docs["safeguarding"], key=lambda r: r.made_on),
        completion=(docs["completion"] or [None])[-1],
        follow_ups=sorted(docs["follow_up"], key=lambda f: (f.months_after, f.done_on)),
        treatment_starts=docs["treatment_start"],
        drug_tests=sorted(docs["drug_test"], key=lambda t: (t.tested_on, t.id)),
        test_schedule=(docs["test_schedule"] or [None])[-1],
        meetings=sorted(docs["meeting"], key=lambda m: (m.held_on, m.id)),
        review_hearings=sorted(docs["review_hearing"], key=lambda h: h.hearing_on),
        court_reviews=docs["court_review"],
        final_review=(docs["final_review"] or [None])[-1],
        contact_preferences=(docs["contact_preferences"] or [None])[-1],
        missed_follow_ups=sorted(docs["missed_follow_up"], key=lambda f: (f.contacted_at, f.id or 0)),
        treatment_plans_sent=sorted(docs["treatment_plan_sent"], key=lambda p: (p.sent_on, p.id or 0)),
        leaflet=(docs["leaflet"] or [None])[-1],
        gp_checks=sorted(docs["gp_check"], key=lambda c: (c.checked_on, c.id or 0)))


def referral_values(referral: Referral) -> tuple:
    data = referral.model_dump(mode="json")
    data["created_at"] = records.iso_time(referral.created_at)
    data["closed_at"] = records.iso_time(referral.closed_at)
    if referral.imprisonable_offence is not None:
        data["imprisonable_offence"] = int(referral.imprisonable_offence)
    return tuple(data[c] for c in _REFERRAL_COLUMNS)


def case_summary(row: tuple) -> CaseSummary:
    referral_id, person_id, given, family, dob, pnc, nhs, court, hearing, stage = row
    return CaseSummary(referral_id=referral_id, person_id=person_id,
                       full_name=f"{given} {family}", date_of_birth=date.fromisoformat(dob),
                       pnc_number=pnc, nhs_number=nhs, court=court,
                       hearing_date=date.fromisoformat(hearing), stage=Stage(stage))


def person_search_clause(text: str) -> tuple[str | None, list]:
    """The WHERE clause over `people` for what someone typed in the search box."""
    text = text.strip()
    if not text:
        return None, []
    uk_date = _UK_DATE.match(text)
    if uk_date:
        day, month, year = (int(g) for g in uk_date.groups())
        try:
            return "date_of_birth = ?", [date(year, month, day).isoformat()]
        except ValueError:
            return None, []
    digits = normalise_nhs_number(text)
    if digits.isdigit() and len(digits) == 10:
        return "nhs_number = ?", [digits]
    if pnc_number_looks_valid(text):
        return "pnc_key = ?", [normalise_pnc_number(text)]
    tokens = [name_key(t) for t in text.replace(",", " ").split() if name_key(t)]
    if not tokens:
        return None, []
    if len(tokens) == 1:
        return ("id IN (SELECT id FROM people WHERE family_key >= ? AND family_key < ? "
                "UNION SELECT id FROM people WHERE given_key >= ? AND given_key < ?)",
                [tokens[0], tokens[0] + _TOP] * 2)
    first, last = tokens[0], tokens[-1]
    return ("((family_key >= ? AND family_key < ? AND given_key >= ? AND given_key < ?) OR "
            "(family_key >= ? AND family_key < ? AND given_key >= ? AND given_key < ?))",
            [last, last + _TOP, first, first + _TOP, first, first + _TOP, last, last + _TOP])


