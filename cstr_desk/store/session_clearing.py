"""Devices keep only what they need (issue 16 item 6): a closed case leaves the desk once the
site hub holds all of it and the site's retention period since its closure has passed.

The store says which cases are due and what the hub must hold of each (`CaseManifest`: every
record's current version and body, and the audit entries that made them, as a sync sends
them); `cstr_desk.hub.clearing` asks the hub, and only then `clear_case` removes one case, in
one transaction: its row in `cleared_cases` (non-identifying: two months and a time), every row
of every table that belongs to it, the person when no other case of theirs stays, and an audit
entry saying which case went, by whom and when. A case changed since the hub was asked is
left for the next clearing. The audit trail keeps its entries (they name record numbers and
field names, never what a field held), so the chain still verifies on the desk and on the hub.

The connection runs with secure_delete on (connection.py), so SQLite overwrites what it frees;
after the clearing the write-ahead log is checkpointed and truncated, so no older copy of a
page waits in it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from cstr_desk.domain import AuditAction
from cstr_desk.permissions import Action
from cstr_desk.store import records
from cstr_desk.store.errors import StoreError
from cstr_desk.store.session_hub import CHANGES, HubMixin, OutgoingRecord
from cstr_desk.ukdates import london_date

_PROGRESS_EVERY = 100  # cases read between two progress reports: about a tenth of a second


class PlanStage(StrEnum):
    """Where the planning of a clearing is, for its progress (hub/clearing.plan_clearing)."""

    READING = "reading"  # the desk's closed cases due, and what the hub must hold of each
    ASKING = "asking"  # the hub, about each of them


@dataclass(frozen=True)
class CaseManifest:
    """What the hub must hold of one closed case before the desk lets it go."""

    referral_id: int
    closed_at: datetime
    records: tuple[OutgoingRecord, ...]  # current versions, as a sync sends them
    entries: tuple[tuple[int, str], ...]  # (audit entry, hash) of every change to them

    @property
    def digest(self) -> str:
        """Changes with any change to the case: a case changed after the hub was asked is
        not cleared on that answer."""
        text = repr((self.referral_id, self.records, self.entries))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DeskHoldings:
    """What the case list says the desk holds: no case is named, so any role may see it."""

    cases: int
    since: date | None  # when the oldest case still held was registered
    cleared: int  # cases cleared after the hub confirmed them


class ClearingMixin(HubMixin):
    def clearing_due(self, now: datetime | None = None,
                     progress: Callable[[int, int], None] | None = None) -> list[CaseManifest]:
        """The closed cases past the site's retention period, each with what the hub must
        hold of it, read at one moment; `progress(read, of)` now and then (a desk of some
        thousand closed cases takes seconds). None on a desk with no hub: such a desk keeps
        every case, as before."""
        self._require(Action.CLEAR_CONFIRMED)
        # A desk that synced before the monthly-return summaries travelled sends every
        # referral's at its next sync; until the hub confirms that, the site's return on the
        # hub would lose a case cleared here, so none is due.
        if not self.hub_sync_status().enrolled or not self.hub_holds_summaries():
            return []
        with self._db.transaction():
            due = self._due_referrals(now or records.utc_now())
            manifests = []
            for referral_id in due:
                manifests.append(self._manifest(referral_id))
                if progress is not None and (len(manifests) % _PROGRESS_EVERY == 0
                                             or len(manifests) == len(due)):
                    progress(len(manifests), len(due))
            return manifests

    def clear_case(self, manifest: CaseManifest, now: datetime | None = None) -> bool:
        """Removes the case the hub confirmed as `manifest`; False, and nothing changed, when
        it is no longer due or has changed since (the next clearing asks the hub again)."""
        self._require(Action.CLEAR_CONFIRMED)
        moment = now or records.utc_now()
        with self._db.transaction():
            if (manifest.referral_id not in self._due_referrals(moment, manifest.referral_id)
                    or self._manifest(manifest.referral_id).digest != manifest.digest):
                return False
            person_id, created_at = self._db.row(
                "SELECT person_id, created_at FROM referrals WHERE id = ?",
                (manifest.referral_id,)) or (0, "")
            # The return's months are London months (monitoring counts events so).
            self._db.execute(
                "INSERT INTO cleared_cases (referral_id, referred_month, closed_month, "
                "cleared_at, cleared_by) VALUES (?, ?, ?, ?, ?)",
                (manifest.referral_id, _month(datetime.fromisoformat(created_at)),
                 _month(manifest.closed_at), records.iso_time(moment), self.user.id))
            self._remove_case(manifest.referral_id, int(person_id))
            self._audit(AuditAction.CLEAR, "referral", manifest.referral_id,
                        detail="closed case cleared from this desk: the site hub confirmed it "
                               "holds every record")
        return True

    def finish_clearing(self) -> None:
        """Folds the write-ahead log into the file and empties it: the pages the clearing
        freed are overwritten in the file, and no earlier copy of them stays in the log."""
        self._require(Action.CLEAR_CONFIRMED)
        self._db.checkpoint()

    def desk_holdings(self) -> DeskHoldings:
        # Counts only, as the monthly return is; every role sees them on the case list.
        self._require(Action.MONITORING)
        cases, since = self._db.row("SELECT count(*), min(created_at) FROM referrals") or (0, None)
        cleared = int(self._db.value("SELECT count(*) FROM cleared_cases"))
        return DeskHoldings(int(cases), london_date(datetime.fromisoformat(since)) if since else None,
                            cleared)

    def cleared_in_months(self, first: date, following: date) -> int:
        """Cleared cases that were open at some time from `first` up to `following`: the
        monthly return's figures for those days may have counted them."""
        self._require(Action.MONITORING)
        return int(self._db.value(
            "SELECT count(*) FROM cleared_cases WHERE referred_month < ? AND closed_month >= ?",
            (f"{following:%Y-%m}", f"{first:%Y-%m}")))

    def _due_referrals(self, now: datetime, only: int | None = None) -> list[int]:
        cutoff = now - timedelta(days=self.site_settings().closed_case_retention_days)
        sql, params = "SELECT id, closed_at FROM referrals WHERE closed_at IS NOT NULL", ()
        if only is not None:
            sql, params = sql + " AND id = ?", (only,)
        # Compared as times, not as text: a stored time's text need not carry microseconds.
        return [referral_id for referral_id, closed_at in self._db.rows(sql + " ORDER BY id",
                                                                        params)
                if datetime.fromisoformat(closed_at) <= cutoff]

    def _case_records(self, referral_id: int) -> list[tuple[str, int]]:
        person_id = self._person_of_referral(referral_id)
        kinds = [("person", person_id), ("referral", referral_id)]
        kinds += [("administration", row[0]) for row in self._db.rows(
            "SELECT id FROM administrations WHERE referral_id = ? ORDER BY id", (referral_id,))]
        for kind, (table, _) in sorted(records.DOCUMENTS.items()):
            kinds += [(kind, row[0]) for row in self._db.rows(
                f"SELECT id FROM {table} WHERE referral_id = ? ORDER BY id", (referral_id,))]
        return kinds

    def _manifest(self, referral_id: int) -> CaseManifest:
        closed_at = records.parse_time(self._db.value(
            "SELECT closed_at FROM referrals WHERE id = ?", (referral_id,)))
        if closed_at is None:
            raise StoreError("Only a closed case can be cleared from the desk.")
        outgoing: list[OutgoingRecord] = []
        entries: list[tuple[int, str]] = []
        actions = tuple(str(a) for a in CHANGES)
        for kind, record_id in self._case_records(referral_id):
            version = self._versions(kind, [record_id]).get(record_id, 0)
            body = self._current_body(kind, record_id)
            if body is not None:
                outgoing.append(OutgoingRecord(kind, record_id, version, body))
            entries += [(row[0], row[1]) for row in self._db.rows(
                "SELECT id, hash FROM audit_log WHERE record_type = ? AND record_id = ? AND "
                "action IN (?, ?, ?) ORDER BY id", (kind, record_id, *actions))]
            outgoing += [OutgoingRecord("amendment", a.id, 1, a.model_dump_json())
                         for a in records.amendments_for(self._db, kind, record_id)
                         if a.id is not None]
        return CaseManifest(referral_id, closed_at, tuple(outgoing), tuple(sorted(entries)))

    def _remove_case(self, referral_id: int, person_id: int) -> None:
        """Every row of the case, children first (foreign keys); the person's own rows too
        when no other case of theirs stays on the desk."""
        case_records = self._case_records(referral_id)
        person_goes = int(self._db.value(
            "SELECT count(*) FROM referrals WHERE person_id = ?", (person_id,))) == 1
        self._db.execute("DELETE FROM answers WHERE administration_id IN "
                         "(SELECT id FROM administrations WHERE referral_id = ?)", (referral_id,))
        for kind, record_id in case_records:
            if kind != "person" or person_goes:
                self._db.execute("DELETE FROM amendments WHERE record_type = ? AND "
                                 "record_id = ?", (kind, record_id))
        for table in self._tables_of_cases():
            self._db.execute(f"DELETE FROM {table} WHERE referral_id = ?", (referral_id,))
        self._db.execute("DELETE FROM referrals WHERE id = ?", (referral_id,))
        if person_goes:
            self._db.execute("DELETE FROM people WHERE id = ?", (person_id,))

    def _tables_of_cases(self) -> list[str]:
        """Every table with a row per case record, read from the schema, so a table added by
        a later migration is cleared too without a list here to keep up to date."""
        tables = [row[0] for row in self._db.rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
            "('referrals', 'cleared_cases') ORDER BY name")]
        return [table for table in tables if any(
            column[1] == "referral_id" for column in self._db.rows(
                f"PRAGMA table_info({table})"))]


def _month(moment: datetime) -> str:
    return f"{london_date(moment):%Y-%m}"
