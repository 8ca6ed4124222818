"""A desk's sync to its site hub (issue 16, "Speed"), over loopback TLS to a real PostgreSQL
server (cstr_desk.hub.trial_server, the one `./dev hub` and the tests start), next to
plain statements of the same rows in the same run.

- Sync of 1,000 new cases, each a person, a referral and a PHQ-9 with its nine answers, as a
  practitioner enters them (every change audited): target 10 s. Baseline: a new connection and
  a plain INSERT of the same rows (the record versions, audit entries and monthly-return
  summaries the hub took) into copies of the hub's tables, committed.
- A sync with no case changed (a new sign-in: only its own sign-in entries wait): target
  0.2 s. Baseline: a new connection and a plain SELECT of the same entries.
- A sync in a session that has just synced: nothing waits, so it does not connect at all.

Skips with one line when PostgreSQL's server (initdb) is not installed.
Run: `python -m bench.bench_hub [--quick]` or `python -m bench --only bench_hub`.
"""

from __future__ import annotations

import secrets
import sys
import tempfile
import time
import uuid
from pathlib import Path

from psycopg.types.string import TextLoader

import forms
from bench.table import row, run_alone
from cstr_desk.domain import AdministrationMode, Role
from cstr_desk.hub import trial_server
from cstr_desk.hub.admin import init_hub
from cstr_desk.hub.connection import HubAddress, connect
from cstr_desk.hub.enrolment import enrol_desk, load_enrolment
from cstr_desk.hub.sync import sync
from cstr_desk.progress_lines import every_tenth
from cstr_desk.store import open_with_password
from cstr_desk.store.testing import (
    TEST_PASSWORD, USERNAMES, cheap_kdf, make_database, sample_person, sample_referral,
)
from cstr_desk.workflow.monitoring_summary import summary_of

PRACTITIONER = USERNAMES[Role.PRACTITIONER]
SYNC_TARGET_SECONDS = 10.0
NO_CHANGE_TARGET_SECONDS = 0.2
PHQ9_QUESTIONS = [f"q{n}" for n in range(1, 10)]
OWNER = trial_server.ADMIN_USER
# What a sync writes on the hub for a desk, each with its desk_id.
HUB_TABLES = ("records", "audit_entries", "monitoring_summaries")


def _desk(folder: Path, address: HubAddress, owner_password: str, cases: int) -> Path:
    db = folder / "desk.cstr"
    admin = make_database(db)[0]
    with admin:
        enrol_desk(admin, address, OWNER, owner_password, "bench-mc")
    form_hash = forms.form_hash("phq9")
    entered = every_tenth(lambda percent, done, of: f"  entering cases: {done:,} of {of:,}")
    with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
        for n in range(cases):
            entered(n, cases)
            with session.transaction():  # one commit per case, as the runner's save would be
                person = session.add_person(sample_person(f"Bench{n}"))
                referral = session.add_referral(sample_referral(person.id))
                given = session.start_administration(referral.id, "phq9", form_hash,
                                                     AdministrationMode.PRACTITIONER)
                for position, question in enumerate(PHQ9_QUESTIONS, 1):
                    session.record_answer(given.id, question, n % 4, position)
    return db


def _plain_insert(address: HubAddress, owner_password: str, desk_id: uuid.UUID) -> float:
    """The same rows the sync sent (record versions, audit entries, return summaries), inserted
    plainly into copies of the hub's tables (no triggers, no row-level security)."""
    with connect(address, OWNER, owner_password) as owner:
        # Bodies come back as their JSON text and go in as it, as the sync sends them.
        owner.adapters.register_loader("jsonb", TextLoader)
        rows = {table: owner.execute(f"SELECT * FROM hub.{table} WHERE desk_id = %s",
                                     (desk_id,)).fetchall() for table in HUB_TABLES}
        for table in HUB_TABLES:
            owner.execute(f"CREATE TABLE bench_{table} (LIKE hub.{table} INCLUDING ALL)")
    start = time.perf_counter()
    with connect(address, OWNER, owner_password) as owner:
        with owner.transaction(), owner.cursor() as cursor:
            for table, taken in rows.items():
                if taken:
                    marks = ", ".join(["%s"] * len(taken[0]))
                    cursor.executemany(f"INSERT INTO bench_{table} VALUES ({marks})", taken)
    return time.perf_counter() - start


def _plain_select(address: HubAddress, owner_password: str, desk_id: uuid.UUID,
                  after: int) -> float:
    start = time.perf_counter()
    with connect(address, OWNER, owner_password) as owner:
        owner.execute("SELECT entry_id, hash FROM hub.audit_entries WHERE desk_id = %s AND "
                      "entry_id > %s", (desk_id, after)).fetchall()
    return time.perf_counter() - start


def _timed_sync(db: Path) -> tuple[float, float, int, int, int]:
    """A sign-in, then two syncs in it: (seconds of each, entries and records of the first,
    the watermark before the sign-in's own entries)."""
    with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
        before = session.hub_sync_status()
        start = time.perf_counter()
        first = sync(session, summary_of)
        first_seconds = time.perf_counter() - start
        start = time.perf_counter()
        again = sync(session, summary_of)
        again_seconds = time.perf_counter() - start
    assert again.entries == 0, "a second sync found something to send"
    watermark = first.watermark - first.entries
    assert before.waiting == first.entries
    return first_seconds, again_seconds, first.entries, first.records, watermark


def _measure(folder: Path, cases: int) -> list[dict]:
    owner_password = secrets.token_urlsafe(18)
    with trial_server.temporary_server("cstr-bench-hub-", owner_password) as server:
        address = HubAddress(host=server.host, port=server.port, dbname=trial_server.DBNAME,
                             ca_certificate=server.ca_pem)
        with connect(address, OWNER, owner_password) as owner:
            init_hub(owner)
        db = _desk(folder, address, owner_password, cases)
        with open_with_password(db, USERNAMES[Role.ADMINISTRATOR], TEST_PASSWORD) as admin:
            enrolment = load_enrolment(admin)
        assert enrolment is not None
        sync_seconds, _, entries, records, _ = _timed_sync(db)
        insert_seconds = _plain_insert(address, owner_password, enrolment.desk_id)
        quiet_seconds, idle_seconds, quiet_entries, quiet_records, after = _timed_sync(db)
        select_seconds = _plain_select(address, owner_password, enrolment.desk_id, after)
    assert quiet_records == 0, "a sign-in alone sent case records"
    return [
        row(f"hub sync: {cases:,} new cases ({records:,} records, {entries:,} audit entries)",
            sync_seconds, "s", insert_seconds, f"<= {SYNC_TARGET_SECONDS:g} s",
            sync_seconds <= SYNC_TARGET_SECONDS),
        row(f"hub sync: no case changed ({quiet_entries} sign-in entries)", quiet_seconds, "s",
            select_seconds, f"<= {NO_CHANGE_TARGET_SECONDS:g} s",
            quiet_seconds <= NO_CHANGE_TARGET_SECONDS),
        row("hub sync: nothing waiting (no connection made)", idle_seconds, "s", None, None,
            None),
    ]


def run(quick: bool = False) -> list[dict]:
    try:
        trial_server.postgres_bin()
    except trial_server.NoPostgresServer:
        print("bench_hub skipped: PostgreSQL's server (initdb) is not installed.",
              file=sys.stderr)
        return []
    with cheap_kdf(), tempfile.TemporaryDirectory(prefix="cstr-bench-hub-desk-") as folder:
        return _measure(Path(folder), 100 if quick else 1_000)


if __name__ == "__main__":
    sys.exit(run_alone(run, __doc__))
