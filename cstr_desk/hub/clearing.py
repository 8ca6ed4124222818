"""Clearing closed cases the site hub holds (issue 16 item 6), as `cstr-desk clear-confirmed`
and the administrator's action in the app run it.

The desk's watermark says what the hub acknowledged, but a hub restored from an older backup, or
a watermark put forward by hand, would make it say too much; so the hub itself is asked, for
each case due: does it hold, as this site's, each record's current version with this very
body, and, as this desk's chain, each audit entry that made them with this very hash? Only a
case the hub answers yes for in full is cleared, each case in its own transaction on the desk.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

import psycopg

from cstr_desk.hub.connection import connect
from cstr_desk.hub.enrolment import HubEnrolment
from cstr_desk.hub.errors import HubError
from cstr_desk.hub.sync import NOT_ENROLLED
from cstr_desk.record_identity import ResourceIds
from cstr_desk.store.session import Session
from cstr_desk.store.session_clearing import CaseManifest, PlanStage

# Cases asked about per round trip: a few thousand records and entries per query.
CASES_PER_QUESTION = 100
HELD_RECORDS = (
    "SELECT x.record_uuid::text, x.version FROM unnest(%s::uuid[], %s::integer[], %s::text[]) "
    "AS x(record_uuid, version, body) JOIN hub.records r ON r.record_uuid = x.record_uuid "
    "AND r.version = x.version AND r.body = x.body::jsonb")
HELD_ENTRIES = ("SELECT entry_id, hash FROM hub.audit_entries WHERE desk_id = hub.my_desk() "
                "AND entry_id = ANY(%s::bigint[])")


@dataclass(frozen=True)
class ClearingPlan:
    confirmed: list[CaseManifest]  # due, and held in full by the hub
    waiting: list[CaseManifest]  # due, but the hub does not hold all of it yet


@dataclass(frozen=True)
class ClearingResult:
    cleared: list[int]  # case numbers removed from the desk
    left: int  # confirmed cases that changed since the hub was asked: left for next time


def plan_clearing(session: Session, now: datetime | None = None,
                  progress: Callable[[PlanStage, int, int], None] | None = None
                  ) -> ClearingPlan:
    """The cases due for clearing, split by the hub's answer; nothing is changed;
    `progress(stage, done, of)` as it goes. A desk with no hub has nothing due and is never
    connected to anything."""
    due = session.clearing_due(now, None if progress is None else (
        lambda done, of: progress(PlanStage.READING, done, of)))
    if not due:
        return ClearingPlan([], [])
    stored = session.hub_enrolment()
    if stored.enrolment is None:
        raise HubError(NOT_ENROLLED)
    enrolment = HubEnrolment.model_validate_json(stored.enrolment)
    ids = ResourceIds(uuid.UUID(stored.database_uuid))
    confirmed: list[CaseManifest] = []
    with connect(enrolment.address, enrolment.role_name, enrolment.password) as hub:
        for start in range(0, len(due), CASES_PER_QUESTION):
            chunk = due[start:start + CASES_PER_QUESTION]
            confirmed += _held_in_full(hub, ids, chunk)
            if progress is not None:
                progress(PlanStage.ASKING, start + len(chunk), len(due))
    held = {case.referral_id for case in confirmed}
    return ClearingPlan(confirmed, [case for case in due if case.referral_id not in held])


def clear_confirmed(session: Session, plan: ClearingPlan, now: datetime | None = None,
                    progress: Callable[[int, int], None] | None = None) -> ClearingResult:
    """Removes each confirmed case of `plan`, one transaction each; `progress(done, of)`."""
    cleared: list[int] = []
    for done, case in enumerate(plan.confirmed, start=1):
        if session.clear_case(case, now):
            cleared.append(case.referral_id)
        if progress is not None:
            progress(done, len(plan.confirmed))
    if cleared:
        session.finish_clearing()
    return ClearingResult(cleared, len(plan.confirmed) - len(cleared))


def _held_in_full(hub: psycopg.Connection, ids: ResourceIds,
                  cases: list[CaseManifest]) -> list[CaseManifest]:
    wanted = [(ids.of(r.kind, r.record_id), r.version, r.body)
              for case in cases for r in case.records]
    entries = sorted({entry_id for case in cases for entry_id, _ in case.entries})
    try:
        held_records = {(str(u), v) for u, v in hub.execute(HELD_RECORDS, (
            [w[0] for w in wanted], [w[1] for w in wanted], [w[2] for w in wanted])).fetchall()}
        held_entries = set(hub.execute(HELD_ENTRIES, (entries,)).fetchall())
    except psycopg.Error as error:
        raise HubError("The hub could not be asked which cases it holds "
                       f"({type(error).__name__}); nothing was cleared.") from error
    return [case for case in cases
            if _all_in(((ids.of(r.kind, r.record_id), r.version) for r in case.records),
                       held_records)
            and _all_in(case.entries, held_entries)]


def _all_in(items: Iterable[tuple], held: set) -> bool:
    return all(item in held for item in items)
