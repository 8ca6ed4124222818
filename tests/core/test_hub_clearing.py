"""Devices keep only what they need (issue 16 item 6): a closed case leaves the desk once the
hub, asked, holds all of it and the retention period has passed; against a real PostgreSQL
server (tests/core/pg_server.py). Nothing else is ever removed, a kill at any write of the
clearing leaves each case whole or gone, and the audit chain still verifies, on the desk and
on the hub."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pg_server
from hub_desks import address, enrolled_desk, passwords_in_environment, server  # noqa: F401 (fixtures)
import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from faults import run_child, was_killed
from openpyxl import load_workbook
from test_bad_input import copy_database
from test_hub_sync import _sync

import forms

from cstr_desk.clock import story_time
from cstr_desk.cli import main
from cstr_desk.domain import AdministrationMode, AuditAction, Role
from cstr_desk.hub.clearing import clear_confirmed, plan_clearing
from cstr_desk.hub.connection import connect
from cstr_desk.hub.enrolment import enrol_desk
from cstr_desk.hub.witness import verify_hub
from cstr_desk.store import open_with_password
from cstr_desk.store.errors import RecordFinalised
from cstr_desk.store.opening import open_colleague
from cstr_desk.store.testing import (
    TEST_PASSWORD,
    USERNAMES,
    make_database,
    sample_person,
    sample_referral,
)
from cstr_desk.workflow import operations
from cstr_desk.workflow.monitoring_export import export_monitoring

ADMIN = USERNAMES[Role.ADMINISTRATOR]
PRACTITIONER = USERNAMES[Role.PRACTITIONER]
NOW = datetime.now(UTC)
PAGE, RESERVE = 4096, 80  # SQLCipher 4's defaults, which the store keeps


def _open_case(db: Path, name: str, family: str = "O'Rourke-Ng") -> int:
    """A person, their referral, a PHQ-9 with two answers and a corrected plea: a row in
    each of the tables a screening fills, and an amendment; its case number."""
    with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
        person = session.add_person(sample_person(name, family))
        referral = session.add_referral(sample_referral(person.id))
        given = session.start_administration(referral.id, "phq9", forms.form_hash("phq9"),
                                             AdministrationMode.PRACTITIONER)
        session.record_answer(given.id, "q1", 2, 1)
        session.record_answer(given.id, "q2", 1, 2)
        assert referral.id is not None
        session.amend_referral(referral.id, "proposed_length_months", "12", "Asked in court")
        return referral.id


def _closed_case(db: Path, name: str, days_ago: int, family: str = "O'Rourke-Ng",
                 reason: str = "Order completed") -> int:
    """An open case (above) referred a week before it was closed `days_ago` days ago."""
    with story_time(NOW - timedelta(days=days_ago + 7)):
        referral_id = _open_case(db, name, family)
    with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
        with story_time(NOW - timedelta(days=days_ago)):
            operations.close_case(session, referral_id, reason)
    return referral_id


def _rows_of(db: Path, referral_id: int) -> int:
    """Every row anywhere on the desk that belongs to the case (its person's included)."""
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        found = admin._db
        person = found.value("SELECT person_id FROM referrals WHERE id = ?", (referral_id,))
        count = int(found.value("SELECT count(*) FROM referrals WHERE id = ?", (referral_id,)))
        count += int(found.value("SELECT count(*) FROM answers WHERE administration_id IN "
                                 "(SELECT id FROM administrations WHERE referral_id = ?)",
                                 (referral_id,)))
        for table in admin._tables_of_cases():
            count += int(found.value(f"SELECT count(*) FROM {table} WHERE referral_id = ?",
                                     (referral_id,)))
        if person is not None:
            count += int(found.value("SELECT count(*) FROM people WHERE id = ?", (person,)))
            count += int(found.value("SELECT count(*) FROM amendments WHERE person_id = ?",
                                     (person,)))
        return count


def _cleared_entries(db: Path) -> list:
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        return [e for e in admin.audit_entries() if e.action == AuditAction.CLEAR]


def _desk_verifies(db: Path) -> None:
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        report = admin.verify()
    assert report.ok, report.lines()


def test_only_a_closed_case_the_hub_holds_past_the_period_is_cleared(
        address, tmp_path, capsys, monkeypatch):
    db = enrolled_desk(tmp_path / "desk", address, "cardiff-mc")
    confirmed = _closed_case(db, "Confirmed", days_ago=40)
    still_open = _open_case(db, "Open")
    recent = _closed_case(db, "Recent", days_ago=10)
    _sync(db)
    unsynced = _closed_case(db, "Unsynced", days_ago=40)
    kept = {case: _rows_of(db, case) for case in (still_open, recent, unsynced)}

    assert main(["clear-confirmed", "--db", str(db), "--user", ADMIN, "--dry-run"]) == 0
    printed = capsys.readouterr()
    assert f"case {confirmed}," in printed.out and "Would clear 1 closed" in printed.out
    assert "1 more closed cases are due but the hub does not hold" in printed.out
    assert "Read 2 of 2 closed cases due on this desk." in printed.err
    assert "Asked the hub about 2 of 2 closed cases." in printed.err
    assert _rows_of(db, confirmed) > 0 and not _cleared_entries(db)  # a dry run changes nothing

    monkeypatch.setattr("sys.stdin", io.StringIO("no\n"))
    assert main(["clear-confirmed", "--db", str(db), "--user", ADMIN]) == 1
    assert "not confirmed" in capsys.readouterr().err and _rows_of(db, confirmed) > 0

    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    assert main(["clear-confirmed", "--db", str(db), "--user", ADMIN]) == 0
    printed = capsys.readouterr()
    assert "Cleared 1 closed cases" in printed.out and "Cleared 1 of 1 cases." in printed.err
    assert _rows_of(db, confirmed) == 0
    assert {case: _rows_of(db, case) for case in kept} == kept
    [entry] = _cleared_entries(db)
    assert (entry.record_type, entry.record_id, entry.person_id) == ("referral", confirmed, None)
    assert "Confirmed" not in entry.detail and entry.user_id is not None
    _desk_verifies(db)
    with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
        holdings = session.desk_holdings()
    assert (holdings.cases, holdings.cleared) == (3, 1)

    # The month's return says a case it counted before is counted only at the hub now.
    closed_month = (NOW - timedelta(days=40)).date()
    with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
        export_monitoring(session, closed_month, tmp_path / "return.xlsx")
    notes = [row[0] for row in load_workbook(tmp_path / "return.xlsx")["Notes"].values]
    cleared_note = next(str(note) for note in notes
                        if str(note).startswith("Cases counted only at the site hub: * cases"))
    assert "('cstr-desk hub return') counts them" in cleared_note

    # The clearing's own entry goes to the hub like any other; the hub's witness accepts it.
    _sync(db)
    with connect(address, pg_server.ADMIN_USER, pg_server.ADMIN_PASSWORD) as owner:
        chains = verify_hub(owner)
    assert chains and all(not chain.problems for chain in chains), chains


def test_the_hub_is_asked_not_the_desks_watermark(address, tmp_path):
    db = enrolled_desk(tmp_path / "desk", address, "newport-mc")
    case = _closed_case(db, "Forward", days_ago=40)
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        newest = admin.audit_entries()[-1].id
        assert newest is not None
        admin.confirm_hub_sync(newest)  # the desk believes the hub has everything
        plan = plan_clearing(admin)
        assert [c.referral_id for c in plan.waiting] == [case] and not plan.confirmed
        assert clear_confirmed(admin, plan).cleared == []
    assert _rows_of(db, case) > 0


def test_a_case_changed_after_the_hub_was_asked_stays(address, tmp_path):
    db = enrolled_desk(tmp_path / "desk", address, "swansea-mc")
    case = _closed_case(db, "Changed", days_ago=40)
    _sync(db)
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        plan = plan_clearing(admin)
        assert [c.referral_id for c in plan.confirmed] == [case]
        with open_colleague(admin, PRACTITIONER, TEST_PASSWORD) as practitioner:
            practitioner.amend_referral(case, "proposed_length_months", "18",
                                        "Corrected after the hearing")
        result = clear_confirmed(admin, plan)
    assert (result.cleared, result.left) == ([], 1)
    assert _rows_of(db, case) > 0
    _sync(db)
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        assert clear_confirmed(admin, plan_clearing(admin)).cleared == [case]
    assert _rows_of(db, case) == 0


def test_a_desk_with_no_hub_clears_nothing(tmp_path, capsys):
    db = tmp_path / "court.cstr"
    make_database(db)[0].close()
    case = _closed_case(db, "Alone", days_ago=400)
    before = _rows_of(db, case)
    assert main(["clear-confirmed", "--db", str(db), "--user", ADMIN, "--yes"]) == 0
    assert "not enrolled" in capsys.readouterr().out
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        assert admin.clearing_due(NOW + timedelta(days=4000)) == []
    assert _rows_of(db, case) == before


# The child signs in as the administrator and clears, killing itself before its Nth step: each
# statement that writes to the desk (and its COMMIT), each question to the hub, and the
# file-system steps of the desk's commits and its audit head file (faults.py).
KILLED_CLEARING = """
from pathlib import Path
import psycopg
from cstr_desk.hub.clearing import clear_confirmed, plan_clearing
from cstr_desk.store import open_with_password
from cstr_desk.store.errors import RecordFinalised
from cstr_desk.store.opening import open_colleague
from cstr_desk.store.connection import Database
db, user, password = sys.argv[2:5]
WRITES = ("INSERT", "DELETE", "UPDATE", "COMMIT", "PRAGMA WAL_CHECKPOINT")

def _killable(owner, name, only_writes):
    real = getattr(owner, name)
    def step(self, sql, *args, **kwargs):
        if not only_writes or str(sql).lstrip().upper().startswith(WRITES):
            _steps[0] += 1
            if _steps[0] == _kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
        return real(self, sql, *args, **kwargs)
    setattr(owner, name, step)

with open_with_password(Path(db), user, password) as session:
    _killable(psycopg.Connection, "execute", False)
    _killable(Database, "execute", True)
    _killable(Database, "executemany", True)
    arm_faults()
    clear_confirmed(session, plan_clearing(session))
    report_steps()
"""


@pytest.mark.slow
def test_a_clearing_killed_at_any_write_leaves_each_case_whole_or_gone(address, tmp_path):
    template = enrolled_desk(tmp_path / "template", address, "bridgend-mc")
    cases = [_closed_case(template, name, days_ago=40) for name in ("First", "Second")]
    _sync(template)
    whole = {case: _rows_of(template, case) for case in cases}
    killed = 0
    for kill_at in range(1, 400):
        folder = tmp_path / f"kill-{kill_at}"
        folder.mkdir()
        copy_database(template, folder)
        db = folder / template.name
        done = run_child(KILLED_CLEARING, kill_at, str(db), ADMIN, TEST_PASSWORD)
        if not was_killed(done):
            assert done.returncode == 0, done.stderr
            assert int(done.stdout.split()[-1]) < kill_at  # every step was killed once
            break
        killed += 1
        _desk_verifies(db)
        gone = {case for case in cases if _rows_of(db, case) == 0}
        assert {case: _rows_of(db, case) for case in cases if case not in gone} == {
            case: whole[case] for case in cases if case not in gone}
        assert len(_cleared_entries(db)) == len(gone)
        with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:  # the next run finishes
            clear_confirmed(admin, plan_clearing(admin))
        assert all(_rows_of(db, case) == 0 for case in cases)
        _desk_verifies(db)
    assert killed >= 60, killed  # per case: its row, each table's delete, the entry, the commit


def _decrypted_pages(path: Path, key: bytes) -> list[bytes]:
    """Each page of an SQLCipher 4 file as SQLite wrote it, for this test to search: AES-256-CBC
    under the raw database key, with each page's IV in its reserved tail (16 bytes of IV and 64
    of HMAC-SHA512); page 1 begins with the file's 16-byte salt, not encrypted."""
    data = path.read_bytes()
    pages = []
    for start in range(0, len(data) - PAGE + 1, PAGE):
        page = data[start:start + PAGE]
        iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        pages.append(decryptor.update(page[16 if start == 0 else 0:PAGE - RESERVE])
                     + decryptor.finalize())
    return pages


def test_a_cleared_persons_data_is_gone_from_the_file(address, tmp_path):
    db = tmp_path / "desk" / "court.cstr"
    db.parent.mkdir()
    admin, recovery = make_database(db)
    with admin:
        enrol_desk(admin, address, pg_server.ADMIN_USER, pg_server.ADMIN_PASSWORD, "neath-mc")
    # A reason long enough to fill pages of its own, which the clearing frees whole.
    cleared = _closed_case(db, "Zephyrine", days_ago=40, family="Quillbottom",
                           reason="Moved away. Zephyrine Quillbottom's new address... " * 400)
    kept = _open_case(db, "Kestrel", family="Ambleside")
    _sync(db)
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        admin._db.checkpoint()
        before = b"".join(_decrypted_pages(db, recovery.key)).lower()
        assert before[:2] == b"\x10\x00"  # SQLite's header: page size 4096 (decrypted right)
        assert b"zephyrine" in before and b"quillbottom" in before
        assert clear_confirmed(admin, plan_clearing(admin)).cleared == [cleared]
        after = [page.lower() for page in _decrypted_pages(db, recovery.key)]
        log = db.with_name(db.name + "-wal")
        assert not log.exists() or log.stat().st_size == 0  # no older copy of a page waits
        free_pages = int(admin._db.value("PRAGMA freelist_count"))
    text = b"".join(after)
    assert b"kestrel" in text and b"ambleside" in text  # what stays is still readable here
    for gone in (b"zephyrine", b"quillbottom"):
        assert gone not in text, [n + 1 for n, page in enumerate(after) if gone in page]
    assert free_pages > 0  # the long reason's overflow pages are on the free list, searched
    assert _rows_of(db, kept) > 0


def test_only_a_cleared_case_gets_past_the_guards_on_finalised_records(tmp_path):
    """Every table of case records that refuses deletes (a later one too) lets a row go only
    when its case is in cleared_cases; anything else is refused as before."""
    db = tmp_path / "court.cstr"
    make_database(db)[0].close()
    case = _closed_case(db, "Guarded", days_ago=40)
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        guards = dict(admin._db.rows(
            "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE "
            "'%BEFORE DELETE%' AND tbl_name NOT IN ('audit_log', 'cleared_cases')"))
        tables = {*admin._tables_of_cases(), "answers", "amendments"}
        assert set(guards) <= tables and len(guards) >= 20, sorted(guards)
        assert [t for t, sql in guards.items() if "cleared_cases" not in sql] == []
        with pytest.raises(RecordFinalised):
            admin._db.execute("DELETE FROM amendments WHERE record_id = ?", (case,))


def test_a_person_with_another_case_on_the_desk_stays_with_it(address, tmp_path):
    db = enrolled_desk(tmp_path / "desk", address, "merthyr-mc")
    with story_time(NOW - timedelta(days=60)):
        first = _open_case(db, "Twice")
    with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
        person_id = session.load_case(first).person.id
        assert person_id is not None
        session.amend_equality(person_id, "gender", "female", "Asked at assessment")
        second = session.add_referral(sample_referral(person_id)).id
        with story_time(NOW - timedelta(days=40)):
            operations.close_case(session, first, "Order completed")
    _sync(db)
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        assert clear_confirmed(admin, plan_clearing(admin)).cleared == [first]
        assert admin._db.value("SELECT count(*) FROM referrals WHERE id = ?", (first,)) == 0
        # The person's own correction stays with them; the cleared case's went with it.
        assert admin._db.rows("SELECT record_type, field FROM amendments WHERE person_id = ?",
                              (person_id,)) == [("person", "equality.gender")]
    with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
        case = session.load_case(second)
    assert case.person.id == person_id and case.person.equality.gender == "female"
    _desk_verifies(db)


def test_a_hub_out_of_reach_clears_nothing_and_says_so_in_a_line(server, address, tmp_path,
                                                                 capsys):
    db = enrolled_desk(tmp_path / "desk", address, "port-talbot-mc")
    case = _closed_case(db, "Unreached", days_ago=40)
    _sync(db)
    before = _rows_of(db, case)
    pg_server.stop(server)
    try:
        assert main(["clear-confirmed", "--db", str(db), "--user", ADMIN, "--yes"]) == 1
    finally:
        pg_server.restart(server)
    error = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(error) == 2 and "could not be reached" in error[-1], error  # after "Read 1 of 1"
    assert _rows_of(db, case) == before and not _cleared_entries(db)


def test_nothing_is_cleared_until_the_hub_holds_every_referrals_summary(address, tmp_path):
    # The site's return on the hub counts a cleared case from its summary: a desk that
    # synced before summaries travelled clears nothing until its next sync has sent them.
    db = enrolled_desk(tmp_path / "desk", address, "summaries-mc")
    closed = _closed_case(db, "Sian", days_ago=40)
    _sync(db)
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        assert [m.referral_id for m in admin.clearing_due()] == [closed]
        with admin._db.transaction():  # as before summaries travelled
            admin._db.execute("DELETE FROM meta WHERE key = 'hub_monitoring_summaries'")
        assert admin.clearing_due() == []
    _sync(db)
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        assert [m.referral_id for m in admin.clearing_due()] == [closed]
