"""Pulling the site's cases waiting for assessment from the hub (issue 16 item 3): a case
screened on desk A is opened, assessed and consented on desk B.

What comes: each case of the site registered on another desk, not closed, at the stage
"referred" or "screened" and with no assessment recorded, that this desk does not hold yet;
with the person, the case's questionnaires (the screens) and every other record of the case
already made there (contact preferences, a safeguarding referral ...), because whoever assesses
needs the whole case, not its first page. Each record comes at its newest version on the hub,
corrections applied; the corrections themselves stay on the hub as their own records.

The hub's row-level security gives a desk its own site's rows only, whatever the query asks.
The person's data comes over the verified TLS connection and goes straight into the desk's
encrypted store (store/session_pull.py), one case per transaction: a kill or a dropped
connection leaves whole cases stored and the rest for the next pull; a case held is never
stored twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import psycopg

from cstr_desk.hub.connection import connect
from cstr_desk.hub.enrolment import HubEnrolment
from cstr_desk.hub.errors import HubError
from cstr_desk.hub.sync import NOT_ENROLLED
from cstr_desk.store.session import Session
from cstr_desk.store.session_pull import PulledCase, PulledRecord

# The newest version of each record of the site made on other desks; `desk_id <> my_desk()`
# because this desk's own cases are here already. The site is named for the index: the
# server's policy keeps other sites' rows out whether it is or not.
_NEWEST = ("SELECT DISTINCT ON (record_uuid) record_uuid, version, kind, body, desk_id "
           "FROM hub.records WHERE site = hub.my_site() AND desk_id <> hub.my_desk() AND {only} "
           "ORDER BY record_uuid, version DESC")
WAITING_CASES = (
    "WITH newest AS (" + _NEWEST.format(only="kind IN ('referral', 'assessment')") + ") "
    "SELECT r.record_uuid::text, r.desk_id::text, r.body->>'id', r.body->>'person_id' "
    "FROM newest r WHERE r.kind = 'referral' AND r.body->>'closed_at' IS NULL "
    "AND r.body->>'stage' IN ('referred', 'screened') "
    "AND NOT EXISTS (SELECT FROM newest a WHERE a.kind = 'assessment' "
    "AND a.desk_id = r.desk_id AND a.body->>'referral_id' = r.body->>'id') "
    "AND r.record_uuid <> ALL(%s::uuid[]) ORDER BY r.body->>'created_at', r.record_uuid")
NEWEST_REFERRAL = ("SELECT record_uuid, version, kind, body, desk_id FROM hub.records "
                   "WHERE record_uuid = %s ORDER BY version DESC LIMIT 1")
# A case's records as its desk sent them, which name each other by that desk's numbers.
CASE_RECORDS = (
    _NEWEST.format(only="desk_id = %(desk)s AND kind NOT IN ('referral', 'amendment') AND "
                        "((kind = 'person' AND body->>'id' = %(person)s) "
                        "OR (kind <> 'person' AND body->>'referral_id' = %(referral)s))"))


# What other desks added to the cases this desk holds (its own, and those it pulled), that it
# lacks: an assessment made on desk B of a case registered on desk A reaches A. New records
# only: a new version of a record this desk holds too (both desks changed it) is the
# conflict of issue 16 item 3's third step, not settled here.
ADDED_TO_HELD_CASES = (
    "WITH held AS (SELECT record_uuid FROM hub.records WHERE desk_id = hub.my_desk() "
    "AND kind = 'referral' UNION SELECT unnest(%(pulled)s::uuid[])), "
    "newest AS (SELECT DISTINCT ON (record_uuid) record_uuid, version, kind, body, desk_id, "
    "case_uuid FROM hub.records WHERE site = hub.my_site() AND desk_id <> hub.my_desk() "
    "AND case_uuid IN (SELECT record_uuid FROM held) "
    "AND kind NOT IN ('person', 'referral', 'amendment') ORDER BY record_uuid, version DESC) "
    "SELECT n.case_uuid::text, n.record_uuid, n.version, n.kind, n.body, n.desk_id "
    "FROM newest n WHERE n.record_uuid <> ALL(%(pulled)s::uuid[]) AND NOT EXISTS ("
    "SELECT FROM hub.records m WHERE m.desk_id = hub.my_desk() "
    "AND m.record_uuid = n.record_uuid) ORDER BY n.case_uuid, n.record_uuid")


@dataclass(frozen=True)
class PullResult:
    cases: int  # cases stored on this desk by this pull
    records: int  # their records, people included
    from_desks: tuple[str, ...]  # the desks they were registered on
    added: int = 0  # records other desks added to cases this desk held already


def pull(session: Session, progress: Callable[[int, int], None] | None = None) -> PullResult:
    """Stores the site's cases waiting for assessment that this desk lacks; `progress(done,
    of)` after each case."""
    enrolment_text = session.pull_enrolment()
    if enrolment_text is None:
        raise HubError(NOT_ENROLLED)
    enrolment = HubEnrolment.model_validate_json(enrolment_text)
    held = session.held_hub_records()
    cases = records = 0
    desks: set[str] = set()
    with connect(enrolment.address, enrolment.role_name, enrolment.password) as hub:
        waiting = _ask(hub, WAITING_CASES, (list(held),))
        for done, (referral_uuid, desk, referral_id, person_id) in enumerate(waiting, start=1):
            case = _case(hub, referral_uuid, desk, referral_id, person_id)
            if case is not None and session.store_pulled_case(case) is not None:
                cases += 1
                records += 2 + len(case.records)
                desks.add(desk)
            if progress is not None:
                progress(done, len(waiting))
        added = _added_to_held_cases(hub, session)
    return PullResult(cases, records, tuple(sorted(desks)), added)


def _added_to_held_cases(hub: psycopg.Connection, session: Session) -> int:
    by_case: dict[str, list[PulledRecord]] = {}
    for case_uuid, *row in _ask(hub, ADDED_TO_HELD_CASES,
                                {"pulled": list(session.held_hub_records())}):
        by_case.setdefault(case_uuid, []).append(_record(tuple(row)))
    return sum(session.store_pulled_records(case_uuid, tuple(added))
               for case_uuid, added in by_case.items())


def _case(hub: psycopg.Connection, referral_uuid: str, desk: str, referral_id: str,
          person_id: str) -> PulledCase | None:
    referral = _ask(hub, NEWEST_REFERRAL, (referral_uuid,))
    rows = _ask(hub, CASE_RECORDS, {"desk": desk, "person": person_id,
                                    "referral": referral_id})
    case = [_record(row) for row in rows]
    people = [r for r in case if r.kind == "person"]
    if not people or not referral:
        return None  # the person has not reached the hub yet: the next pull takes the case
    return PulledCase(people[0], _record(referral[0]),
                      tuple(r for r in case if r.kind != "person"))


def _record(row: tuple) -> PulledRecord:
    record_uuid, version, kind, body, desk = row
    return PulledRecord(str(record_uuid), int(version), str(kind),
                        body if isinstance(body, str) else json.dumps(body), str(desk))


def _ask(hub: psycopg.Connection, sql: str, params: tuple | dict) -> list[tuple]:
    try:
        return hub.execute(sql, params).fetchall()
    except psycopg.Error as error:
        raise HubError("The pull stopped: the hub did not answer "
                       f"({type(error).__name__}). The cases stored so far are kept; the rest "
                       "come at the next sync.") from error
