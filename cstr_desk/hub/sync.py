"""Sending a desk's changes to its site hub (issue 16 items 2 and 4).

A sync sends, batch by batch, the audit entries after the desk's watermark (the last entry the
hub confirmed) and the current body of each record they changed, as (record, version, kind,
body). Each batch is one transaction on the hub: the hub checks the entries continue the chain
it holds for this desk (hub.receive_audit) and only then takes the records; the desk moves its
watermark after the hub's commit. So a kill or a lost connection anywhere leaves either the
batch committed on the hub with the watermark behind (the next sync sends it again; the hub
accepts entries it holds only if identical, and a record's (uuid, version) once only) or
nothing committed at all: nothing lost, nothing doubled.

The desk never waits for the hub: a desk that is not enrolled, or cannot reach the hub, keeps
working; a sync with nothing new to send does not connect at all.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import psycopg

from cstr_desk.domain import MonitoringSummary
from cstr_desk.hub.connection import connect
from cstr_desk.hub.enrolment import HubEnrolment
from cstr_desk.hub.errors import HubError
from cstr_desk.progress_lines import Progress
from cstr_desk.record_identity import ResourceIds
from cstr_desk.store.session import Session
from cstr_desk.store.monitoring_summary import Summarise
from cstr_desk.store.session_hub import CASE_KINDS, HubOutbox

# Entries per hub transaction: large enough that a thousand cases take a handful of round
# trips, small enough that a dropped connection costs little to send again.
BATCH_ENTRIES = 2000
INSERT_RECORD = ("INSERT INTO hub.records (record_uuid, version, site, desk_id, kind, body, "
                 "case_uuid) VALUES (%s, %s, %s, %s, %s, %s::jsonb, %s) ON CONFLICT DO NOTHING")
# A summary travels under its referral's record id; the desk's row number stays on the desk.
_SUMMARY_FIELDS = MonitoringSummary._fields[1:]
SUMMARIES_PER_PART = 5_000
INSERT_SUMMARY = (f"INSERT INTO hub.monitoring_summaries (record_uuid, version, site, desk_id, "
                  f"{', '.join(_SUMMARY_FIELDS)}) VALUES (%s, %s, %s, %s, "
                  f"{', '.join('%s' for _ in _SUMMARY_FIELDS)}) ON CONFLICT DO NOTHING")
REFUSALS = {
    "rewritten": "The hub refused this desk's upload: its audit trail no longer matches what "
                 "the hub received before (history changed or cut after an upload, or an older "
                 "copy of the database put back). The hub has recorded it; nothing was sent. "
                 "Tell the hub's administrator.",
    "gap": "The hub refused this desk's upload: audit entries are missing between what the hub "
           "holds and what this desk sent. The hub has recorded it; nothing was sent. Tell the "
           "hub's administrator.",
    "unordered": "The hub refused this desk's upload: its audit entries were out of order. The "
                 "hub has recorded it; nothing was sent. Tell the hub's administrator.",
}
NOT_ENROLLED = ("This desk is not enrolled with a site hub, so there is nothing to sync it "
                "with: the administrator enrols it with 'cstr-desk hub add-desk'.")


@dataclass(frozen=True)
class SyncResult:
    entries: int  # audit entries the hub confirmed in this sync
    records: int  # record versions sent (the hub keeps each version once)
    watermark: int  # the last audit entry the hub holds


def sync(session: Session, summarise: Summarise,
         progress: Callable[[int, int], None] | None = None,
         batch: int = BATCH_ENTRIES, summarising: Progress | None = None,
         sending: Progress | None = None) -> SyncResult:
    """Sends what changed since the last confirmed sync, with the monthly-return summary
    (`summarise`: the workflow's definition) of each referral it changed; `progress(sent, of)`
    after each batch, `summarising(done, of)` while many referrals are summarised first (all
    of them, the first time after an upgrade) and `sending(done, of)` while many summaries
    are sent."""
    outbox = session.hub_outbox(batch, summarise, summarising)
    if outbox.enrolment is None:
        raise HubError(NOT_ENROLLED)
    if not outbox.entries:
        return SyncResult(0, 0, outbox.watermark)
    enrolment = HubEnrolment.model_validate_json(outbox.enrolment)
    ids = ResourceIds(uuid.UUID(outbox.database_uuid))
    sent = records = 0
    with connect(enrolment.address, enrolment.role_name, enrolment.password) as hub:
        while outbox.entries:
            _send(hub, enrolment, ids, outbox, sending)
            session.confirm_hub_sync(outbox.entries[-1].id)
            sent += len(outbox.entries)
            records += len(outbox.records)
            if progress is not None:
                progress(sent, sent + outbox.waiting - len(outbox.entries))
            outbox = session.hub_outbox(batch, summarise, summarising)
    return SyncResult(sent, records, outbox.watermark)


def _send_summaries(cursor: psycopg.Cursor, enrolment: HubEnrolment, ids: ResourceIds,
                    outbox: HubOutbox, sending: Progress | None) -> None:
    """The batch's summaries, in parts when there are many (the first sync after an upgrade
    sends every referral's: 50,000 took about 7 s), each part told to `sending`."""
    version, summaries = outbox.entries[-1].id, outbox.summaries
    if len(summaries) <= SUMMARIES_PER_PART:
        sending = None  # quick: a progress line would only be noise
    for start in range(0, max(len(summaries), 1), SUMMARIES_PER_PART):
        part = summaries[start:start + SUMMARIES_PER_PART]
        cursor.executemany(INSERT_SUMMARY, [
            (outbox.pulled_referrals.get(s.referral_id) or ids.of("referral", s.referral_id),
             version, enrolment.site, enrolment.desk_id, *s[1:]) for s in part])
        if sending is not None:
            sending(start + len(part), len(summaries))


def _send(hub: psycopg.Connection, enrolment: HubEnrolment, ids: ResourceIds,
          outbox: HubOutbox, sending: Progress | None = None) -> None:
    try:
        with hub.transaction():
            verdict = hub.execute("SELECT hub.receive_audit(%s::jsonb)",
                                  (_entries_json(ids, outbox),)).fetchone()
            if verdict is not None and verdict[0] == "accepted":
                with hub.cursor() as cursor:
                    cursor.executemany(INSERT_RECORD, [
                        (r.record_uuid or ids.of(r.kind, r.record_id), r.version, enrolment.site,
                         enrolment.desk_id, r.kind, r.body, r.case_uuid)
                        for r in outbox.records])
                    _send_summaries(cursor, enrolment, ids, outbox, sending)
    except psycopg.Error as error:
        # Nothing of this batch was committed, and the watermark has not moved.
        raise HubError("The sync stopped: the hub did not take this batch "
                       f"({type(error).__name__}). What the hub confirmed before is kept; the "
                       "rest is sent at the next sync.") from error
    if verdict is None or verdict[0] != "accepted":
        # Committed as it is: the hub recorded the refusal and took nothing else.
        raise HubError(REFUSALS.get(verdict[0] if verdict else "", REFUSALS["rewritten"]))


def _entries_json(ids: ResourceIds, outbox: HubOutbox) -> str:
    return json.dumps([{
        "entry_id": e.id, "at": e.at, "action": e.action, "record_type": e.record_type,
        "record_uuid": (e.record_uuid or ids.of(e.record_type, e.record_id)
                        if e.record_type in CASE_KINDS and e.record_id is not None else None),
        "hash": e.hash, "previous_hash": e.previous_hash,
    } for e in outbox.entries])
