"""Cases pulled from the site hub (issue 16 item 3): a case screened on one desk, stored on
this one so that it can be assessed here.

`cstr_desk.hub.pull` fetches a case's records from the hub (over its verified TLS connection)
and hands them here as they are on the hub; `store_pulled_case` writes them into this desk's
encrypted store, in one transaction: each row gets this desk's own number, and `hub_records`
(migration 21) maps the record's global uuid to it, so the record keeps one identity on every
desk, on the hub and in the FHIR export. A case already held is not stored again, so pulling
twice, or again after a kill, doubles nothing.

The records' references to other records (a referral's person, a questionnaire's referral)
are the other desk's numbers: they are read as such and turned into this desk's. Their
references to staff (who registered, started or answered) are the other desk's accounts,
which mean nothing here, or someone else: they are not kept (0 or empty), and the audit entry
of each pulled record says which desk it came from.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel

from cstr_desk.domain import Administration, AuditAction, Person, Referral
from cstr_desk.permissions import Action
from cstr_desk.record_identity import ResourceIds
from cstr_desk.store import records
from cstr_desk.store.errors import InvalidRecord
from cstr_desk.store.session_hub import HubMixin
from cstr_desk.store.session_people import (
    _PERSON_COLUMNS, _REFERRAL_COLUMNS, person_row, referral_values,
)

M = TypeVar("M", bound=BaseModel)
# Another desk's staff, in a record's fields: no account of this desk is meant by them.
_NO_ACCOUNT = 0


@dataclass(frozen=True)
class PulledRecord:
    """One record as the hub holds it: its newest version there, and the desk that sent it."""

    record_uuid: str
    version: int
    kind: str
    body: str  # the record's JSON as the sending desk made it (its numbers, its accounts)
    from_desk: str


@dataclass(frozen=True)
class PulledCase:
    person: PulledRecord
    referral: PulledRecord
    records: tuple[PulledRecord, ...]  # its questionnaires and the documents of the case


@dataclass(frozen=True)
class PulledCaseHeld:
    """A case this desk holds from another desk, for `cstr-desk sync --status`."""

    referral_id: int
    from_desk: str
    pulled_at: str


class PullMixin(HubMixin):
    def pull_enrolment(self) -> str | None:
        """The desk's hub login, for whoever pulls: it reaches this site's records only, and
        what it fetches is stored here encrypted (as hub_outbox carries it for a sync)."""
        self._require(Action.PULL_CASES)
        return self._db.value("SELECT value FROM meta WHERE key = 'hub_enrolment'")

    def held_hub_records(self) -> dict[str, int]:
        """The uuid and pulled version of every record this desk holds from the hub."""
        self._require(Action.PULL_CASES)
        return dict(self._db.rows("SELECT record_uuid, version FROM hub_records"))

    def pulled_cases(self) -> list[PulledCaseHeld]:
        self._require(Action.PULL_CASES)
        return [PulledCaseHeld(int(i), str(d), str(at)) for i, d, at in self._db.rows(
            "SELECT record_id, from_desk, pulled_at FROM hub_records WHERE kind = 'referral' "
            "ORDER BY pulled_at, record_id")]

    def store_pulled_case(self, case: PulledCase) -> int | None:
        """Stores the case and returns its referral's number here; None, and nothing changed,
        when this desk holds it already."""
        self._require(Action.PULL_CASES)
        with self._db.transaction():
            if self._local_id(case.referral.record_uuid) is not None:
                return None
            person_id = self._local_id(case.person.record_uuid)
            if person_id is None:
                person_id = self._store_person(case.person)
            referral_id = self._store_referral(case.referral, person_id)
            for record in case.records:
                if self._local_id(record.record_uuid) is None:
                    self._store_record(record, referral_id, person_id)
        return referral_id

    def store_pulled_records(self, case_uuid: str, added: tuple[PulledRecord, ...]) -> int:
        """Stores what another desk added to a case this desk holds (its own or one it
        pulled), in one transaction; returns how many records were new here."""
        self._require(Action.PULL_CASES)
        with self._db.transaction():
            referral_id = self._local_referral(case_uuid)
            if referral_id is None:
                return 0  # cleared from this desk since the hub was asked
            person_id = self._person_of_referral(referral_id)
            new = [r for r in added if self._local_id(r.record_uuid) is None]
            for record in new:
                self._store_record(record, referral_id, person_id)
        return len(new)

    def _local_referral(self, case_uuid: str) -> int | None:
        pulled = self._local_id(case_uuid)
        if pulled is not None:
            return pulled
        # A case born here is named by its number (record_identity.py): found by naming each.
        names = ResourceIds(uuid.UUID(self._stored_database_uuid()))
        return next((int(i) for (i,) in self._db.rows("SELECT id FROM referrals")
                     if names.of("referral", int(i)) == case_uuid), None)

    def _local_id(self, record_uuid: str) -> int | None:
        value = self._db.value("SELECT record_id FROM hub_records WHERE record_uuid = ?",
                               (record_uuid,))
        return None if value is None else int(value)

    def _map(self, record: PulledRecord, record_id: int, person_id: int) -> None:
        self._db.execute(
            "INSERT INTO hub_records (record_uuid, kind, record_id, from_desk, version, "
            "pulled_at) VALUES (?, ?, ?, ?, ?, ?)",
            (record.record_uuid, record.kind, record_id, record.from_desk, record.version,
             records.iso_time(records.utc_now())))
        # What came and from where; the record itself stays out of the audit trail.
        self._audit(AuditAction.PULL, record.kind, record_id, person_id,
                    f"pulled from desk {record.from_desk}, hub version {record.version}")

    def _store_person(self, record: PulledRecord) -> int:
        person = _valid(Person, record)
        columns = (*_PERSON_COLUMNS, "given_key", "family_key", "pnc_key", "created_at",
                   "created_by")
        cursor = self._db.execute(
            f"INSERT INTO people ({', '.join(columns)}) VALUES "
            f"({', '.join('?' * len(columns))})",
            (*person_row(person), records.iso_time(records.utc_now()), None))
        person_id = int(cursor.lastrowid or 0)
        self._map(record, person_id, person_id)
        return person_id

    def _store_referral(self, record: PulledRecord, person_id: int) -> int:
        referral = _valid(Referral, record)
        referral = referral.model_copy(update={
            "person_id": person_id, "created_by": None, "allocated_practitioner_id": None,
            "created_at": referral.created_at or records.utc_now()})
        cursor = self._db.execute(
            f"INSERT INTO referrals ({', '.join(_REFERRAL_COLUMNS)}) VALUES "
            f"({', '.join('?' * len(_REFERRAL_COLUMNS))})", referral_values(referral))
        referral_id = int(cursor.lastrowid or 0)
        self._map(record, referral_id, person_id)
        return referral_id

    def _store_record(self, record: PulledRecord, referral_id: int, person_id: int) -> None:
        if record.kind == "administration":
            record_id = self._store_administration(record, referral_id)
        elif record.kind in records.DOCUMENTS:
            record_id = self._store_document(record, referral_id)
        else:
            raise InvalidRecord(f"The hub sent a record of a kind this desk does not keep "
                                f"({record.kind}); nothing of the case was stored.")
        self._map(record, record_id, person_id)

    def _store_administration(self, record: PulledRecord, referral_id: int) -> int:
        given = _valid(Administration, record)
        cursor = self._db.execute(
            "INSERT INTO administrations (referral_id, instrument_id, form_hash, mode, status, "
            "started_at, started_by, completed_at, position, risk_prompt_acknowledged_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (referral_id, given.instrument_id, given.form_hash, str(given.mode),
             str(given.status), records.iso_time(given.started_at), _NO_ACCOUNT,
             records.iso_time(given.completed_at), given.position,
             records.iso_time(given.risk_prompt_acknowledged_at)))
        administration_id = int(cursor.lastrowid or 0)
        self._db.executemany(
            "INSERT INTO answers (administration_id, question, value, recorded_at, "
            "recorded_by) VALUES (?, ?, ?, ?, ?)",
            [(administration_id, a.question, a.value, records.iso_time(a.recorded_at),
              _NO_ACCOUNT) for a in given.answers.values()])
        return administration_id

    def _store_document(self, record: PulledRecord, referral_id: int) -> int:
        table, model = records.DOCUMENTS[record.kind]
        data = {**json.loads(record.body), **_no_accounts(model), "referral_id": referral_id}
        document = _valid(model, record, data)
        cursor = self._db.execute(f"INSERT INTO {table} (referral_id, body) VALUES (?, ?)",
                                  (referral_id, records.body_of(record.kind, document)))
        document_id = int(cursor.lastrowid or 0)
        if record.kind == "consent":
            # Withdrawal has columns of its own (records._OWN_COLUMNS), not in the body.
            self._db.execute(
                "UPDATE consents SET withdrawn_at = ?, withdrawal_reason = ? WHERE id = ?",
                (records.iso_time(getattr(document, "withdrawn_at")),
                 getattr(document, "withdrawal_reason"), document_id))
        return document_id


def _no_accounts(model: type[BaseModel]) -> dict[str, int | None]:
    """The model's fields naming a member of staff (recorded_by, signed_by ...), emptied."""
    return {name: None if not field.is_required() else _NO_ACCOUNT
            for name, field in model.model_fields.items() if name.endswith("_by")}


def _valid(model: type[M], record: PulledRecord, data: dict | None = None) -> M:
    """The record checked as this desk checks its own; a record that does not pass is refused
    with the whole case (the transaction), never stored half-read."""
    try:
        if data is None:
            return model.model_validate_json(record.body)
        return model.model_validate(data)
    except ValueError:
        raise InvalidRecord(f"The hub sent a {record.kind} this desk cannot read (from desk "
                            f"{record.from_desk}); nothing of the case was stored.") from None
