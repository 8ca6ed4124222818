"""The desk's side of the site hub (issue 16): its enrolment, kept inside the encrypted
database so the hub's password for this desk is as safe as the cases it carries, and what a
sync sends. The store holds the enrolment as text; `cstr_desk.hub.enrolment` gives it its shape.

What travels is read from the audit trail, which records every change: a sync sends the audit
entries after the last one the hub confirmed (the watermark, in `meta`) and the current body of
each record they name as changed. A record's version is the number of audit entries that
changed it so far, so it is the same number on every read and grows with each change, with no
column of its own to keep up to date.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import BaseModel

from cstr_desk.domain import AuditAction, MonitoringSummary
from cstr_desk.permissions import Action
from cstr_desk.progress_lines import Progress
from cstr_desk.record_identity import ResourceIds
from cstr_desk.store import audit, records
from cstr_desk.store.errors import NotFound, StoreError
from cstr_desk.store.monitoring_summary import MonitoringSummaryMixin, Summarise
from cstr_desk.store.session_forms import FormsMixin
from cstr_desk.store.session_people import PeopleMixin

_ENROLMENT_KEY = "hub_enrolment"
_WATERMARK_KEY = "hub_watermark"
_SYNCED_AT_KEY = "hub_synced_at"
# Set once the hub has confirmed a batch carrying every referral's monthly-return summary: a
# desk that synced before summaries travelled sends them all once, then only the changed.
_SUMMARIES_KEY = "hub_monitoring_summaries"
# The actions that change a record; a view, print or export names one without changing it.
CHANGES = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.AMEND)
# The records of a case. Users (their password hashes), site settings and the enrolment
# itself are the desk's own and never leave it.
CASE_KINDS = frozenset({"person", "referral", "administration", *records.DOCUMENTS})
_IN_CHUNK = 500  # SQLite's bound-parameter limit is far above this


@dataclass(frozen=True)
class HubEnrolmentRecord:
    database_uuid: str  # the desk's identity on the hub (migration 8)
    enrolment: str | None  # None: this desk works alone, as every desk did before the hub


@dataclass(frozen=True)
class OutgoingEntry:
    """An audit entry as the hub keeps it: no user, person or detail. The detail is free text
    that may name a person's circumstances, and the hub witnesses the chain's continuity (each
    entry's previous hash), which needs only the hashes."""

    id: int
    at: str
    action: str
    record_type: str | None
    record_id: int | None
    hash: str
    previous_hash: str
    record_uuid: str | None = None  # a record pulled from the hub: the uuid it has there


@dataclass(frozen=True)
class OutgoingRecord:
    kind: str
    record_id: int
    version: int
    body: str  # the record's pydantic JSON, amendments applied
    # A record pulled from the hub (session_pull.py) travels under the uuid it came with;
    # None: born on this desk, named by its number (record_identity.py).
    record_uuid: str | None = None
    # The uuid of the referral it belongs to (None for a person or an amendment): the desks
    # holding the case find by it what another desk added (hub migration 3).
    case_uuid: str | None = None


@dataclass(frozen=True)
class HubOutbox:
    database_uuid: str
    enrolment: str | None
    watermark: int  # the last audit entry the hub confirmed
    waiting: int  # audit entries after the watermark, this batch's included
    entries: list[OutgoingEntry]
    records: list[OutgoingRecord]
    # The monthly return's summary of each referral this batch changed (a site's return is
    # counted on the hub from them), versioned by the batch's last entry, which only grows.
    summaries: list[MonitoringSummary] = field(default_factory=list)
    # The uuid each pulled referral has on the hub (session_pull.py): its summary travels
    # under it, so the site's return counts the case once, whichever desks worked on it.
    pulled_referrals: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class HubSyncStatus:
    enrolled: bool
    watermark: int
    waiting: int  # audit entries the hub has not confirmed yet
    last_synced_at: str | None  # when the hub last confirmed an upload (UTC, ISO 8601)


class HubMixin(PeopleMixin, FormsMixin, MonitoringSummaryMixin):
    def hub_enrolment(self) -> HubEnrolmentRecord:
        self._require(Action.ENROL_HUB)
        enrolment = self._db.value("SELECT value FROM meta WHERE key = ?", (_ENROLMENT_KEY,))
        return HubEnrolmentRecord(self._stored_database_uuid(), enrolment)

    def save_hub_enrolment(self, enrolment: str) -> None:
        """Records the enrolment once; a desk enrolled already keeps the one it has."""
        self._require(Action.ENROL_HUB)
        with self._db.transaction():
            if self._db.value("SELECT 1 FROM meta WHERE key = ?", (_ENROLMENT_KEY,)):
                raise StoreError("This desk is enrolled with a hub already. Nothing was changed.")
            self._db.execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                             (_ENROLMENT_KEY, enrolment))
            self._audit(AuditAction.UPDATE, "hub_enrolment", detail="enrolled with the site hub")

    def hub_outbox(self, limit: int, summarise: Summarise,
                   summarising: Progress | None = None) -> HubOutbox:
        """The next `limit` audit entries after the watermark, the records they changed and
        the summaries (made with `summarise`, a long making told to `summarising`, as the
        monthly return tells it) of the referrals those belong to, read at one moment. It carries the enrolment (the desk's hub login) because whoever syncs must
        sign in to the hub as this desk; that login reaches no more than the desk holds."""
        self._require(Action.SYNC_HUB)
        with self._db.transaction():
            watermark = self._watermark()
            entries = self._entries_after(watermark, limit)
            waiting = int(self._db.value("SELECT count(*) FROM audit_log WHERE id > ?",
                                         (watermark,)))
            changed = _changed(entries)
            summaries = []
            if entries:
                self._summarise_missing(summarise, summarising)
                summaries = self._summaries_of(self._referrals_of(changed))
            return HubOutbox(
                self._stored_database_uuid(),
                self._db.value("SELECT value FROM meta WHERE key = ?", (_ENROLMENT_KEY,)),
                watermark, waiting, entries, self._changed_records(entries), summaries,
                {i: u for i, (u, _) in self._pulled_versions("referral").items()})

    def hub_sync_status(self) -> HubSyncStatus:
        self._require(Action.SYNC_HUB)
        watermark = self._watermark()
        return HubSyncStatus(
            self._db.value("SELECT 1 FROM meta WHERE key = ?", (_ENROLMENT_KEY,)) is not None,
            watermark,
            int(self._db.value("SELECT count(*) FROM audit_log WHERE id > ?", (watermark,))),
            self._db.value("SELECT value FROM meta WHERE key = ?", (_SYNCED_AT_KEY,)))

    def hub_holds_summaries(self) -> bool:
        """Whether the hub has confirmed a batch carrying every referral's summary."""
        self._require(Action.SYNC_HUB)
        return self._db.value("SELECT 1 FROM meta WHERE key = ?", (_SUMMARIES_KEY,)) is not None

    def confirm_hub_sync(self, through_entry: int) -> None:
        """Moves the watermark once the hub has committed entries up to `through_entry`. Not
        audited: an entry for every sync would itself wait to be sent, so no sync would ever
        find nothing to send; the hub holds each upload's entries as the record of it."""
        self._require(Action.SYNC_HUB)
        with self._db.transaction():
            if through_entry > self._watermark():
                self._db.executemany(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                    [(_WATERMARK_KEY, str(through_entry)),
                     (_SYNCED_AT_KEY, records.iso_time(records.utc_now())),
                     (_SUMMARIES_KEY, "sent")])

    def _watermark(self) -> int:
        return int(self._db.value("SELECT value FROM meta WHERE key = ?", (_WATERMARK_KEY,))
                   or 0)

    def _entries_after(self, watermark: int, limit: int) -> list[OutgoingEntry]:
        rows = self._db.rows("SELECT id, at, action, record_type, record_id, hash FROM "
                             "audit_log WHERE id > ? ORDER BY id LIMIT ?", (watermark, limit))
        if not rows:
            return []
        previous = self._db.value("SELECT hash FROM audit_log WHERE id < ? ORDER BY id DESC "
                                  "LIMIT 1", (rows[0][0],)) or audit.GENESIS
        pulled = self._pulled_uuids()
        entries = []
        for entry_id, at, action, record_type, record_id, digest in rows:
            entries.append(OutgoingEntry(entry_id, at, action, record_type, record_id, digest,
                                         previous, pulled.get((record_type, record_id))))
            previous = digest
        return entries

    def _referrals_of(self, changed: dict[str, set[int]]) -> list[int]:
        """The referrals whose records these are (a person's: all theirs); every referral
        while the hub has not confirmed a batch of summaries yet."""
        if not self.hub_holds_summaries():
            return [r for (r,) in self._db.rows("SELECT id FROM referrals ORDER BY id")]
        found = set(changed.get("referral", ()))
        for kind, ids in changed.items():
            if kind == "referral":
                continue
            column, table = (("id", "referrals") if kind == "person" else ("referral_id", (
                "administrations" if kind == "administration" else records.DOCUMENTS[kind][0])))
            where = "person_id" if kind == "person" else "id"
            for chunk in _chunks(sorted(ids)):
                found.update(r for (r,) in self._db.rows(
                    f"SELECT {column} FROM {table} WHERE {where} IN "
                    f"({', '.join('?' * len(chunk))})", tuple(chunk)))
        return sorted(found)

    def _pulled_uuids(self) -> dict[tuple[str, int], str]:
        return {(kind, int(record_id)): str(record_uuid) for record_uuid, kind, record_id in
                self._db.rows("SELECT record_uuid, kind, record_id FROM hub_records")}

    def _pulled_versions(self, kind: str) -> dict[int, tuple[str, int]]:
        """Each pulled record of `kind`: its uuid and the hub version it was pulled at, on
        which this desk's own changes are counted (so its first change here is the next)."""
        return {int(record_id): (str(record_uuid), int(version))
                for record_uuid, record_id, version in self._db.rows(
                    "SELECT record_uuid, record_id, version FROM hub_records WHERE kind = ?",
                    (kind,))}

    def _changed_records(self, entries: list[OutgoingEntry]) -> list[OutgoingRecord]:
        changed = _changed(entries)
        amended = {(e.record_type, e.record_id) for e in entries
                   if e.action == AuditAction.AMEND and e.record_type in CASE_KINDS
                   and e.record_id is not None}
        outgoing = []
        names = ResourceIds(uuid.UUID(self._stored_database_uuid()))
        referrals = {record_id: record_uuid for record_id, (record_uuid, _)
                     in self._pulled_versions("referral").items()}
        for kind, ids in sorted(changed.items()):
            versions = self._versions(kind, sorted(ids))
            pulled = self._pulled_versions(kind)
            for record_id in sorted(ids):
                body = self._current_body(kind, record_id)
                if body is None:  # removed since (a draft discarded)
                    continue
                record_uuid, base = pulled.get(record_id, (None, 0))
                case = (record_id if kind == "referral" else
                        None if kind == "person" else json.loads(body)["referral_id"])
                outgoing.append(OutgoingRecord(
                    kind, record_id, base + versions[record_id], body, record_uuid,
                    None if case is None else referrals.get(case) or names.of("referral", case)))
        for kind, record_id in sorted(amended):
            # Each correction travels as a record of its own, final once made (version 1),
            # so the hub keeps who corrected what and why, not only the corrected value.
            outgoing += [OutgoingRecord("amendment", a.id, 1, a.model_dump_json())
                         for a in records.amendments_for(self._db, kind, record_id)
                         if a.id is not None]
        return outgoing

    def _versions(self, kind: str, ids: list[int]) -> dict[int, int]:
        versions: dict[int, int] = {}
        actions = tuple(str(a) for a in CHANGES)
        for chunk in _chunks(ids):
            marks = ", ".join("?" * len(chunk))
            versions.update(self._db.rows(
                f"SELECT record_id, count(*) FROM audit_log WHERE record_type = ? AND action "
                f"IN (?, ?, ?) AND record_id IN ({marks}) GROUP BY record_id",
                (kind, *actions, *chunk)))
        return versions

    def _current_body(self, kind: str, record_id: int) -> str | None:
        record: BaseModel
        try:
            if kind == "person":
                record = self._load_person(record_id)
            elif kind == "referral":
                record = self._load_referral(record_id)
            elif kind == "administration":
                record = self._load_administration(record_id)
            else:
                record = records.load_document(self._db, kind, record_id)
        except NotFound:
            return None
        return record.model_dump_json()


def _changed(entries: list[OutgoingEntry]) -> dict[str, set[int]]:
    """The case records these entries changed, by kind."""
    changed: dict[str, set[int]] = {}
    for entry in entries:
        if (entry.action in CHANGES and entry.record_type in CASE_KINDS
                and entry.record_id is not None):
            changed.setdefault(entry.record_type, set()).add(entry.record_id)
    return changed


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _IN_CHUNK):
        yield ids[start:start + _IN_CHUNK]
