"""The audit trail's tail (issue 13, item 5): what `verify` and sign-in find when the newest
entries, the recorded head or the table itself have been changed outside the app."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from cstr_desk.cli import main
from cstr_desk.store import open_with_password, open_with_recovery_key, set_kdf_params_for_tests
from cstr_desk.store.connection import raw_key_literal
from cstr_desk.store.errors import AuditTrailDamaged
from cstr_desk.store.testing import (
    FAST_KDF, TEST_PASSWORD, make_database, sample_person, sample_referral,
)

UNGUARD = ("DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete")


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    set_kdf_params_for_tests(FAST_KDF)
    monkeypatch.setenv("CSTR_DESK_PASSWORD", TEST_PASSWORD)
    yield
    set_kdf_params_for_tests(None)


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
