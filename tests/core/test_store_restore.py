"""Restore: kept copies that never collide, administrators only, a backup names its database,
and what a crash leaves behind is cleared at the next start."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from cstr_desk.cli import main
from cstr_desk.domain import Role
from cstr_desk.store import (
    BackupOfAnotherDatabase, PermissionDenied, Store, open_with_password, restore_backup,
)
from cstr_desk.store.files import keys_path
from cstr_desk.store.swap import incoming_database, incoming_keys, journal_path
from cstr_desk.store.testing import (
    TEST_PASSWORD, USERNAMES, make_database, sample_person,
)


pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def backed_up(tmp_path):
    path = tmp_path / "court.cstr"
    admin, recovery = make_database(path)
    admin.backup(tmp_path / "court.backup")
    admin.close()
    return path, tmp_path / "court.backup", recovery


def _restore(backup: Path, path: Path, username: str = "admin", **options) -> Path | None:
    return restore_backup(backup, path, username=username, password=TEST_PASSWORD, **options)


def test_two_restores_in_one_second_keep_both_replaced_databases(backed_up):
    path, backup, _ = backed_up
    first = _restore(backup, path)
    with open_with_password(path, USERNAMES[Role.PRACTITIONER], TEST_PASSWORD) as session:
        session.add_person(sample_person("Between", "Restores"))
    second = _restore(backup, path)
    assert first != second and first.exists() and second.exists()
    assert keys_path(first).exists() and keys_path(second).exists()
    with open_with_password(second, USERNAMES[Role.PRACTITIONER], TEST_PASSWORD) as session:
        assert session.search_people("between")  # the first restore's result is not lost


@pytest.mark.parametrize("role", [Role.LD_WORKER, Role.COURT_DUTY_OFFICER, Role.PRACTITIONER,
                                  Role.CLINICAL_LEAD])
def test_only_an_administrator_restores(backed_up, role):
    path, backup, _ = backed_up
    before = path.read_bytes(), keys_path(path).read_bytes()
    with pytest.raises(PermissionDenied) as refused:
        _restore(backup, path, USERNAMES[role])
    assert "administrator" in refused.value.message.lower()
    assert (path.read_bytes(), keys_path(path).read_bytes()) == before
    assert not list(path.parent.glob("*before-restore*"))


def test_a_backup_of_another_database_is_refused_unless_asked_for(backed_up, tmp_path):
    path, _, _ = backed_up
    other = tmp_path / "other" / "court.cstr"
    other.parent.mkdir()
    admin, _ = make_database(other)
    admin.backup(tmp_path / "other.backup")
    admin.close()
    before = path.read_bytes()
    with pytest.raises(BackupOfAnotherDatabase) as refused:
        _restore(tmp_path / "other.backup", path)
    assert "--other-database" in refused.value.message
    assert path.read_bytes() == before
    kept = _restore(tmp_path / "other.backup", path, other_database=True)
    assert kept is not None and kept.read_bytes() == before
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        restores = [e for e in admin.audit_entries() if e.action == "restore"]
    assert "another database" in restores[-1].detail


def test_the_origin_is_told_without_the_key_file_from_inside_the_database(backed_up):
    """A key file written before it named its database: the backup's key opens the current
    database, whose own UUID then says it is the same one."""
    path, backup, _ = backed_up
    from cstr_desk.store.keyslots import KeySlotFile

    slots = KeySlotFile.load(path)
    slots.origin = ""
    slots.save(path)
    assert _restore(backup, path) is not None


def test_cli_restore_of_another_database_needs_the_flag_and_warns(backed_up, tmp_path, capsys,
                                                                   monkeypatch):
    path, _, _ = backed_up
    other = tmp_path / "other.cstr"
    make_database(other)[0].backup(tmp_path / "other.backup")
    monkeypatch.setenv("CSTR_DESK_PASSWORD", TEST_PASSWORD)
    arguments = ["restore", "--from", str(tmp_path / "other.backup"), "--db", str(path)]
    assert main(arguments) == 1
    assert "--other-database" in capsys.readouterr().err
    assert main(arguments + ["--other-database"]) == 0
    assert "Warning" in capsys.readouterr().err


def test_leftovers_of_a_crash_are_removed_at_the_next_start(backed_up):
    path, _, _ = backed_up
    folder = path.parent
    made = [incoming_database(path), incoming_keys(path), folder / ".court.cstr.restoring",
            folder / ".court.cstr.backup-1a2b3c4d.db-part", folder / ".court.cstr.keys.x1y2.tmp",
            folder / ".court.cstr.attempts.old1.tmp"]
    for leftover in made:
        leftover.write_bytes(os.urandom(2048))
    an_hour_ago = time.time() - 3600
    os.utime(folder / ".court.cstr.attempts.old1.tmp", (an_hour_ago, an_hour_ago))
    fresh = folder / ".court.cstr.attempts.new1.tmp"  # perhaps being written right now
    fresh.write_bytes(b"{}")
    unrelated = folder / ".notes.txt.tmp"
    unrelated.write_bytes(b"not ours")
    with open_with_password(path, "admin", TEST_PASSWORD):
        pass
    assert [p for p in made if p.exists()] == []
    assert fresh.exists() and unrelated.exists()


def test_a_killed_backup_leaves_its_part_beside_the_database(backed_up, tmp_path, monkeypatch):
    path, _, _ = backed_up
    from cstr_desk.store import backup as backup_module

    def disk_gone(*args, **kwargs):
        raise KeyboardInterrupt  # stands for a kill after the part was written

    monkeypatch.setattr(backup_module, "_write_bundle", disk_gone)
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    admin = open_with_password(path, "admin", TEST_PASSWORD)
    part_unlink = Path.unlink
    monkeypatch.setattr(Path, "unlink", lambda self, missing_ok=False: None)
    with pytest.raises(KeyboardInterrupt):
        admin.backup(elsewhere / "court.backup")
    monkeypatch.setattr(Path, "unlink", part_unlink)
    admin.close()
    assert list(path.parent.glob(".court.cstr.backup-*.db-part"))
    assert not list(elsewhere.iterdir())
    with open_with_password(path, "admin", TEST_PASSWORD):
        pass
    assert not list(path.parent.glob("*.db-part"))


def test_a_database_mid_swap_is_never_offered_for_set_up(backed_up):
    path, _, _ = backed_up
    incoming_database(path).write_bytes(path.read_bytes())
    incoming_keys(path).write_bytes(keys_path(path).read_bytes())
    journal_path(path).write_text('{"format": "cstr-desk-swap/1", "keep_old_as": null}')
    path.unlink()  # the crash fell between moving the old database out and the new one in
    assert Store.exists(path)
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        assert admin.verify().ok
    assert not journal_path(path).exists()
