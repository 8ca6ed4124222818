"""A desk's sync to its site hub and the hub as witness (issue 16 items 2 to 4), against a real
PostgreSQL server over verified TLS (tests/core/pg_server.py): what travels, that sending twice
changes nothing, that a kill at any step or the hub stopping mid-sync loses and doubles
nothing, that a desk whose history was cut after an upload is refused and reported, and that
row-level security keeps each site's rows and audit entries to itself."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pg_server
import psycopg
import pytest
from faults import run_child, was_killed
from hub_desks import address, enrolled_desk, hub, passwords_in_environment, server  # noqa: F401 (fixtures)

import forms
from cstr_desk.cli import main
from cstr_desk.domain import AdministrationMode, Role
from cstr_desk.hub.connection import connect
from cstr_desk.hub.enrolment import HubEnrolment, load_enrolment
from cstr_desk.hub.errors import HubError
from cstr_desk.hub.sync import NOT_ENROLLED, sync
from cstr_desk.hub.witness import verify_hub
from cstr_desk.record_identity import ResourceIds
from cstr_desk.store import open_with_password, restore_backup
from cstr_desk.workflow.monitoring_summary import summary_of
from cstr_desk.store.testing import (
    TEST_PASSWORD,
    USERNAMES,
    make_database,
    sample_person,
    sample_referral,
)

ADMIN = USERNAMES[Role.ADMINISTRATOR]
PRACTITIONER = USERNAMES[Role.PRACTITIONER]


def _add_case(db: Path, name: str = "Aoife") -> int:
    """A person, their referral and a PHQ-9 with two answers: the records a screening makes."""
    with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
        person = session.add_person(sample_person(name))
        referral = session.add_referral(sample_referral(person.id))
        given = session.start_administration(referral.id, "phq9", forms.form_hash("phq9"),
                                             AdministrationMode.PRACTITIONER)
        session.record_answer(given.id, "q1", 2, 1)
        session.record_answer(given.id, "q2", 1, 2)
        return person.id


def _sync(db: Path, **options):
    with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
        return sync(session, summary_of, **options)


def _desk_state(db: Path) -> tuple[HubEnrolment, list[tuple[int, str]]]:
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        enrolment = load_enrolment(admin)
        # The hashes straight from the table: the store shows them to no screen.
        chain = [tuple(row) for row in admin._db.rows("SELECT id, hash FROM audit_log "
                                                       "ORDER BY id")]
    assert enrolment is not None
    return enrolment, chain


def _hub_chain(hub, desk_id: uuid.UUID) -> list[tuple[int, str]]:
    return [tuple(r) for r in hub.execute(
        "SELECT entry_id, hash FROM hub.audit_entries WHERE desk_id = %s ORDER BY entry_id",
        (desk_id,)).fetchall()]


def _hub_records(hub, desk_id: uuid.UUID) -> list[tuple]:
    return [tuple(r) for r in hub.execute(
        "SELECT record_uuid, version, kind FROM hub.records WHERE desk_id = %s "
        "ORDER BY record_uuid, version", (desk_id,)).fetchall()]


def _assert_hub_holds_what_the_desk_sent(hub, db: Path) -> list[tuple]:
    """The hub holds the desk's whole chain up to its watermark, each entry once, and every
    record version at most once (the primary key); returns the records it holds."""
    enrolment, chain = _desk_state(db)
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        watermark = admin.hub_sync_status().watermark
    held = _hub_chain(hub, enrolment.desk_id)
    assert held == [entry for entry in chain if entry[0] <= len(held)]
    assert len(held) >= watermark
    return _hub_records(hub, enrolment.desk_id)


def _expected_versions(db: Path) -> dict[str, int]:
    """Each case record's current version, worked out from the desk's audit trail here, apart
    from the store's own count: the number of entries that changed it."""
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        ids = ResourceIds(uuid.UUID(admin.hub_enrolment().database_uuid))
        versions: dict[str, int] = {}
        for entry in admin.audit_entries():
            if (entry.action in ("create", "update", "amend") and entry.record_id is not None
                    and entry.record_type in ("person", "referral", "administration")):
                key = ids.of(entry.record_type, entry.record_id)
                versions[key] = versions.get(key, 0) + 1
    return versions


def _assert_hub_has_the_current_versions(hub, db: Path) -> None:
    held = _assert_hub_holds_what_the_desk_sent(hub, db)
    newest: dict[str, int] = {}
    for record_uuid, version, _ in held:
        newest[str(record_uuid)] = max(version, newest.get(str(record_uuid), 0))
    for record_uuid, version in _expected_versions(db).items():
        assert newest.get(record_uuid) == version, record_uuid


def test_a_sync_sends_the_cases_and_a_second_sends_nothing(address, hub, tmp_path, capsys,
                                                          caplog):
    caplog.set_level("DEBUG")
    db = enrolled_desk(tmp_path / "desk", address, "cardiff-mc")
    person_id = _add_case(db)
    assert main(["sync", "--db", str(db), "--user", PRACTITIONER]) == 0
    printed = capsys.readouterr()
    assert "Synced with the hub" in printed.out and "Sent " in printed.err
    for text in (printed.out, printed.err, caplog.text):
        assert "Aoife" not in text and "O'Rourke" not in text  # nothing personal printed
    enrolment, _ = _desk_state(db)
    _assert_hub_has_the_current_versions(hub, db)
    kinds = {kind: version for _, version, kind in _hub_records(hub, enrolment.desk_id)}
    # The questionnaire was started and answered twice: three changes, version 3.
    assert kinds == {"person": 1, "referral": 1, "administration": 3}
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        ids = ResourceIds(uuid.UUID(admin.hub_enrolment().database_uuid))
    body = hub.execute("SELECT body FROM hub.records WHERE record_uuid = %s",
                       (ids.of("person", person_id),)).fetchone()[0]
    assert body["given_name"] == "Aoife"
    # Sending again sends no record (only the sign-in and sign-out entries since), and a
    # sync in the same session finds nothing at all to send.
    records_before = _hub_records(hub, enrolment.desk_id)
    with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
        again = sync(session, summary_of)
        assert again.records == 0 and again.entries >= 1
        assert sync(session, summary_of).entries == 0
    assert _hub_records(hub, enrolment.desk_id) == records_before
    # A change is a new version beside the old one: nothing on the hub is overwritten.
    with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
        person = session.get_person(person_id)
        session.update_person(person.model_copy(update={"postcode": "CF10 1AA"}))
    _sync(db, batch=3)
    versions = [v for u, v, _ in _hub_records(hub, enrolment.desk_id)
                if str(u) == ids.of("person", person_id)]
    assert versions == [1, 2]
    _assert_hub_has_the_current_versions(hub, db)
    assert main(["sync", "--db", str(db), "--user", PRACTITIONER, "--status"]) == 0
    assert "Last synced: 20" in capsys.readouterr().out


def test_a_desk_never_enrolled_gets_a_plain_message(tmp_path, capsys):
    db = tmp_path / "court.cstr"
    make_database(db)[0].close()
    assert main(["sync", "--db", str(db), "--user", PRACTITIONER]) == 1
    error = capsys.readouterr().err
    assert NOT_ENROLLED in error and "Traceback" not in error
    assert main(["sync", "--db", str(db), "--user", PRACTITIONER, "--status"]) == 0
    assert "not enrolled" in capsys.readouterr().out


# The child signs in and syncs in batches of 4 entries, killing itself before its Nth step:
# each statement sent to the hub, each hub commit, the watermark's write and the file-system
# steps of the desk's own commits (faults.py).
KILLED_SYNC = """
from pathlib import Path
import psycopg
from cstr_desk.hub.sync import sync
from cstr_desk.store import open_with_password
from cstr_desk.store.session import Session
from cstr_desk.workflow.monitoring_summary import summary_of
db, user, password = sys.argv[2:5]

def _killable(owner, name):
    real = getattr(owner, name)
    def step(*args, **kwargs):
        _steps[0] += 1
        if _steps[0] == _kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    setattr(owner, name, step)

with open_with_password(Path(db), user, password) as session:
    for owner, name in ((psycopg.Connection, "execute"), (psycopg.Cursor, "executemany"),
                        (psycopg.Transaction, "__exit__"), (Session, "confirm_hub_sync")):
        _killable(owner, name)
    arm_faults()
    sync(session, summary_of, batch=4)
    report_steps()
"""


@pytest.mark.slow
def test_a_sync_killed_at_any_step_loses_nothing_and_doubles_nothing(address, hub, tmp_path):
    db = enrolled_desk(tmp_path / "desk", address, "newport-mc")
    killed = 0
    for kill_at in range(1, 200):
        _add_case(db, f"Case{kill_at}")
        done = run_child(KILLED_SYNC, kill_at, str(db), PRACTITIONER, TEST_PASSWORD)
        if not was_killed(done):
            assert done.returncode == 0, done.stderr
            assert int(done.stdout.split()[-1]) < kill_at  # every step was killed once
            break
        killed += 1
        _assert_hub_holds_what_the_desk_sent(hub, db)  # the kill left nothing doubled
        _sync(db)  # the next sync finishes the job
        _assert_hub_has_the_current_versions(hub, db)
    assert killed >= 12, killed  # per batch: the upload, the records, the commit, the watermark


def test_the_hub_stopped_mid_sync_loses_nothing(server, address, tmp_path, monkeypatch):
    db = enrolled_desk(tmp_path / "desk", address, "newport-mc")
    for name in ("One", "Two", "Three"):
        _add_case(db, name)
    real = psycopg.Cursor.executemany
    calls: list[int] = []

    def stop_at_the_second_batch(cursor, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            pg_server.stop(server)
        return real(cursor, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "executemany", stop_at_the_second_batch)
    try:
        with pytest.raises(HubError, match="What the hub confirmed before is kept"):
            _sync(db, batch=6)
    finally:
        pg_server.restart(server)
    monkeypatch.setattr(psycopg.Cursor, "executemany", real)
    with connect(address, pg_server.ADMIN_USER, pg_server.ADMIN_PASSWORD) as owner:
        _assert_hub_holds_what_the_desk_sent(owner, db)
        _sync(db, batch=6)
        _assert_hub_has_the_current_versions(owner, db)


def test_a_desk_whose_history_was_cut_after_an_upload_is_refused_and_reported(
        server, address, hub, tmp_path, capsys):
    db = enrolled_desk(tmp_path / "desk", address, "bridgend-mc")
    _add_case(db, "Before")
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        admin.backup(tmp_path / "court.backup")
    _add_case(db, "After")
    _sync(db)
    enrolment, _ = _desk_state(db)
    held = _hub_chain(hub, enrolment.desk_id)
    # An older copy put back: the entries since it are gone from the desk, not from the hub.
    restore_backup(tmp_path / "court.backup", db, username=ADMIN, password=TEST_PASSWORD)
    _add_case(db, "Later")
    with pytest.raises(HubError, match="no longer matches what the hub received"):
        _sync(db)
    assert _hub_chain(hub, enrolment.desk_id) == held  # nothing of the cut history taken
    arguments = ["--host", server.host, "--port", str(server.port),
                 "--hub-user", pg_server.ADMIN_USER, "--ca-cert", str(server.ca_path)]
    assert main(["hub", "verify", *arguments]) == 1
    printed = capsys.readouterr()
    line = next(line for line in printed.out.splitlines() if str(enrolment.desk_id) in line)
    assert "bridgend-mc" in line and "BROKEN" in line
    assert "was refused" in printed.out and "broken" in printed.err


def test_the_hub_refuses_an_upload_that_does_not_continue_the_chain(address, hub, tmp_path):
    db = enrolled_desk(tmp_path / "desk", address, "wrexham-mc")
    _sync(db)
    enrolment, _ = _desk_state(db)
    held = _hub_chain(hub, enrolment.desk_id)
    (before_id, before_hash), (last_id, last_hash) = held[-2], held[-1]

    def upload(*entries: tuple[int, str, str]) -> str:
        return json.dumps([{"entry_id": i, "at": "2026-12-02T07:00:00+00:00", "action": "view",
                            "record_type": None, "record_uuid": None, "hash": h,
                            "previous_hash": p} for i, h, p in entries])

    with connect(address, enrolment.role_name, enrolment.password) as desk:
        for entries, reason in (
                # A chain recomputed: the next entry does not follow the last one held.
                ([(last_id + 1, "a" * 64, "b" * 64)], "rewritten"),
                # An entry held, sent again changed.
                ([(last_id, "c" * 64, before_hash)], "rewritten"),
                ([(last_id + 2, "a" * 64, last_hash)], "gap"),
                ([(last_id + 1, "a" * 64, last_hash), (last_id + 1, "a" * 64, last_hash)],
                 "unordered")):
            with desk.transaction():
                verdict = desk.execute("SELECT hub.receive_audit(%s::jsonb)",
                                       (upload(*entries),)).fetchone()[0]
            assert verdict == reason
        # The entries it holds, sent again unchanged, are accepted and change nothing.
        with desk.transaction():
            assert desk.execute("SELECT hub.receive_audit(%s::jsonb)", (upload(
                (before_id, before_hash, held[-3][1]), (last_id, last_hash, before_hash)),)
            ).fetchone()[0] == "accepted"
    assert _hub_chain(hub, enrolment.desk_id) == held
    chains = {chain.desk_id: chain for chain in verify_hub(hub)}
    assert chains[str(enrolment.desk_id)].problems == (
        f"refused:rewritten:{last_id + 1}", f"refused:rewritten:{last_id}",
        f"refused:gap:{last_id + 2}", f"refused:unordered:{last_id + 1}")


INSERT_RECORD = ("INSERT INTO hub.records (record_uuid, version, site, desk_id, kind, body) "
                 "VALUES (%s, 9, 'site-y', %s, 'person', '{}')")
INSERT_ENTRY = ("INSERT INTO hub.audit_entries (desk_id, site, entry_id, at, action, hash, "
                "previous_hash) VALUES (%s, '{site}', 999, now(), 'view', %s, %s)")


def test_a_desk_cannot_read_or_add_another_sites_rows_or_audit_entries(address, hub, tmp_path):
    x, y = (enrolled_desk(tmp_path / site, address, site) for site in ("site-x", "site-y"))
    for db in (x, y):
        _add_case(db)
        _sync(db)
    (desk_x, _), (desk_y, _) = _desk_state(x), _desk_state(y)
    y_record = hub.execute("SELECT record_uuid FROM hub.records WHERE desk_id = %s LIMIT 1",
                           (desk_y.desk_id,)).fetchone()[0]
    with connect(address, desk_x.role_name, desk_x.password) as desk:
        for table in ("hub.records", "hub.audit_entries"):
            sites = {r[0] for r in desk.execute(f"SELECT DISTINCT site FROM {table}")}
            assert sites == {"site-x"}, table
        assert desk.execute("SELECT count(*) FROM hub.records WHERE record_uuid = %s",
                            (y_record,)).fetchone()[0] == 0
        refused = [
            # Site Y's name on a record, or on an audit entry; and any entry not sent through
            # the hub's check, even in its own name.
            (INSERT_RECORD, (uuid.uuid4(), desk_y.desk_id)),
            (INSERT_ENTRY.format(site="site-y"), (desk_y.desk_id, "a" * 64, "b" * 64)),
            (INSERT_ENTRY.format(site="site-x"), (desk_x.desk_id, "a" * 64, "b" * 64)),
            ("SELECT * FROM hub.chain_breaks", ()),
            ("UPDATE hub.audit_entries SET hash = hash", ()),
        ]
        for statement, values in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                with desk.transaction():
                    desk.execute(statement, values)
