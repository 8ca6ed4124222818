"""The audit trail's tail (issue 13, item 5): what `verify` and sign-in find when the newest
entries, the recorded head or the table itself have been changed outside the app."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from cstr_desk.cli import main
from cstr_desk.store import open_with_password, open_with_recovery_key
from cstr_desk.store.connection import raw_key_literal
from cstr_desk.store.errors import AuditTrailDamaged
from cstr_desk.store.testing import (
    TEST_PASSWORD, make_database, sample_person, sample_referral,
)

UNGUARD = ("DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete")


@pytest.fixture(autouse=True)
def password_in_environment(fast_kdf, monkeypatch) -> None:
    monkeypatch.setenv("CSTR_DESK_PASSWORD", TEST_PASSWORD)


@pytest.fixture
def database(tmp_path) -> tuple[Path, str]:
    """A database with a few cases' worth of audit entries; its path and recovery key."""
    path = tmp_path / "court.cstr"
    admin, recovery = make_database(path)
    admin.close()
    with open_with_password(path, "priya.mhtr", TEST_PASSWORD) as session:
        for given in ("Ann", "Bea", "Cat"):
            session.add_referral(sample_referral(session.add_person(sample_person(given)).id))
    return path, recovery.formatted


def _tamper(path: Path, recovery: str, *statements: str) -> None:
    """Changes made with the database key but not through the app (a SQLCipher tool)."""
    from cstr_desk.store.recovery import RecoveryKey

    handle = sqlcipher.connect(str(path), isolation_level=None)
    handle.set_key(raw_key_literal(RecoveryKey.parse(recovery).key))
    for statement in statements:
        handle.execute(statement)
    handle.close()


DAMAGE = {
    "head unreadable": ("UPDATE meta SET value = 'junk' WHERE key = 'audit_head'",),
    "head count not a number": ("UPDATE meta SET value = 'x:' || substr(value, 1 + instr(value, "
                                "':')) WHERE key = 'audit_head'",),
    "table dropped": (*UNGUARD, "DROP TABLE audit_log"),
    "column dropped": (*UNGUARD, "ALTER TABLE audit_log DROP COLUMN detail"),
    "table replaced": (*UNGUARD, "DROP INDEX audit_person", "ALTER TABLE audit_log RENAME TO x",
                       "CREATE TABLE audit_log (id TEXT)"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_audit_table_is_a_plain_message_at_sign_in(database, damage, capsys):
    path, recovery = database
    _tamper(path, recovery, *DAMAGE[damage])
    with pytest.raises(AuditTrailDamaged, match="audit trail .* restore the latest backup"):
        open_with_password(path, "admin", TEST_PASSWORD)
    with pytest.raises(AuditTrailDamaged):
        open_with_recovery_key(path, recovery)
    assert main(["verify", "--db", str(path)]) == 1
    error = capsys.readouterr().err
    assert "audit trail" in error and "Traceback" not in error and len(error.splitlines()) == 1
    # The refusal wrote nothing, so it is the same at the next try.
    with pytest.raises(AuditTrailDamaged):
        open_with_password(path, "admin", TEST_PASSWORD)


def _recomputed(path: Path, recovery: str, edit_id: int) -> None:
    """Edits one entry and recomputes every hash after it and the head in `meta`, as someone
    with the database key and this code could: the chain then checks on its own."""
    from cstr_desk.store.audit import GENESIS, _row_hash
    from cstr_desk.store.recovery import RecoveryKey

    handle = sqlcipher.connect(str(path), isolation_level=None)
    handle.set_key(raw_key_literal(RecoveryKey.parse(recovery).key))
    for statement in UNGUARD:
        handle.execute(statement)
    handle.execute("UPDATE audit_log SET detail = 'nothing to see' WHERE id = ?", (edit_id,))
    previous, count = GENESIS, 0
    for *row, _ in handle.execute("SELECT id, at, user_id, action, record_type, record_id, "
                                  "person_id, detail, hash FROM audit_log ORDER BY id").fetchall():
        previous, count = _row_hash(previous, tuple(row)), count + 1
        handle.execute("UPDATE audit_log SET hash = ? WHERE id = ?", (previous, row[0]))
    handle.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{count}:{previous}",))
    handle.close()


def _newest_removed(path: Path, recovery: str, removed: int) -> None:
    """The newest entries deleted and the head in `meta` rewritten to match."""
    _tamper(path, recovery, *UNGUARD,
            f"DELETE FROM audit_log WHERE id > (SELECT max(id) FROM audit_log) - {removed}",
            "UPDATE meta SET value = (SELECT id || ':' || hash FROM audit_log ORDER BY id DESC "
            "LIMIT 1) WHERE key = 'audit_head'")


def _refused(path: Path, capsys, found: str) -> None:
    with pytest.raises(AuditTrailDamaged, match=found):
        open_with_password(path, "admin", TEST_PASSWORD)
    assert main(["verify", "--db", str(path)]) == 1
    error = capsys.readouterr().err
    assert found in error and "Traceback" not in error


def test_newest_entries_removed_with_the_head_rewritten_are_found(database, capsys):
    path, recovery = database
    _newest_removed(path, recovery, 3)
    _refused(path, capsys, "the newest entries have been removed")


def test_a_chain_recomputed_after_an_edit_is_found(database, capsys):
    path, recovery = database
    _recomputed(path, recovery, edit_id=5)
    _refused(path, capsys, "the audit trail has been rewritten")


@pytest.mark.parametrize("damage", ["deleted", "garbled", "emptied"])
def test_a_missing_or_damaged_head_file_is_found(database, damage, capsys):
    path, _ = database
    head = path.with_name(path.name + ".audit-head")
    if damage == "deleted":
        head.unlink()
    else:
        head.write_bytes(b"\x00" * 176 if damage == "garbled" else b"")
    _refused(path, capsys, "audit head file is missing" if damage == "deleted"
             else "audit head file is damaged")


def test_an_older_head_file_put_back_is_found_by_a_reports_audit_reference(database, capsys):
    path, recovery = database
    head = path.with_name(path.name + ".audit-head")
    older = head.read_bytes()
    with open_with_password(path, "priya.mhtr", TEST_PASSWORD) as session:
        session.add_person(sample_person("Dee"))
        reference = session.audit_reference()  # as a report issued now prints it
        session.add_person(sample_person("Eve"))
    assert main(["verify", "--db", str(path), "--audit-ref", reference]) == 0
    assert "still holds this point of the audit trail, unchanged" in capsys.readouterr().out
    # The older copy put back, and the entries after it removed with the head in `meta`:
    # table, `meta` and head file agree, and only the printed reference shows what happened.
    head.write_bytes(older)
    _newest_removed(path, recovery, _entries(path, recovery) - _count_in(older, recovery))
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        assert admin.verify().ok
    # Signing in to verify adds entries again, so the entry the reference names is either gone
    # or another one: both say the trail changed since the report was made.
    assert main(["verify", "--db", str(path), "--audit-ref", reference]) == 1
    assert "since the report was made" in capsys.readouterr().out


def test_an_older_head_file_put_back_while_signed_in_is_found_by_the_reference(database):
    """A head file behind the table is what a crash leaves, so it is accepted on its own (and
    the next commit brings it up to date); behind a printed reference it cannot be."""
    path, _ = database
    head = path.with_name(path.name + ".audit-head")
    older = head.read_bytes()
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        reference = admin.audit_reference()
        head.write_bytes(older)
        report = admin.verify(reference)
    assert report.audit_problems == []
    assert "an older copy of it has been put back" in report.reference_problems[0]


def test_an_edited_entry_named_by_a_reference_is_found(database, capsys):
    path, recovery = database
    with open_with_password(path, "priya.mhtr", TEST_PASSWORD) as session:
        reference = session.audit_reference()
    count = int(reference.split("-")[0])
    _recomputed(path, recovery, edit_id=count)
    # The head file is rewritten too, as only someone holding the key could.
    from cstr_desk.store.audit_head import write_audit_head
    from cstr_desk.store.recovery import RecoveryKey

    handle = sqlcipher.connect(str(path), isolation_level=None)
    key = RecoveryKey.parse(recovery).key
    handle.set_key(raw_key_literal(key))
    count_now, head_now = handle.execute(
        "SELECT value FROM meta WHERE key = 'audit_head'").fetchone()[0].split(":")
    handle.close()
    write_audit_head(path, key, int(count_now), head_now)
    assert main(["verify", "--db", str(path), "--audit-ref", reference]) == 1
    assert "is not the one the reference names" in capsys.readouterr().out


@pytest.mark.parametrize("text", ["12", "abc-12345678", "12-xyz", "1.5-abcd", "12-ab"])
def test_a_reference_that_is_not_one_is_a_plain_message(database, text, capsys):
    path, _ = database
    assert main(["verify", "--db", str(path), "--audit-ref", text]) == 1
    error = capsys.readouterr().err
    assert "is not an audit reference" in error and "Traceback" not in error


def _entries(path: Path, recovery: str) -> int:
    from cstr_desk.store.recovery import RecoveryKey

    handle = sqlcipher.connect(str(path), isolation_level=None)
    handle.set_key(raw_key_literal(RecoveryKey.parse(recovery).key))
    count = handle.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    handle.close()
    return count


def _count_in(head_file: bytes, recovery: str) -> int:
    from cstr_desk.store.audit_head import AuditHeadFile
    from cstr_desk.store.recovery import RecoveryKey

    folder = Path(tempfile.mkdtemp())
    (folder / "x.audit-head").write_bytes(head_file)
    point = AuditHeadFile(folder / "x", RecoveryKey.parse(recovery).key).read()
    assert point is not None
    return point.count


def test_a_rekeyed_database_keeps_its_audit_head_under_the_new_key(database):
    from cstr_desk.store.audit_head import AuditHeadFile, AuditHeadUnreadable
    from cstr_desk.store.recovery import RecoveryKey

    path, recovery = database
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        rekeyed = admin.rekey()
        admin.update_site_settings(admin.site_settings())  # a commit after, on the new key
    new_key = rekeyed.recovery_key.key
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        assert admin.verify().ok
    assert AuditHeadFile(path, new_key).read() is not None
    with pytest.raises(AuditHeadUnreadable):
        AuditHeadFile(path, RecoveryKey.parse(recovery).key).read()
