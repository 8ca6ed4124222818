"""Output paths (issue 13, finding 1): no command may write over the database or the files the
store keeps beside it, an existing file is replaced only when asked, and every output is
owner-only and put in place by a rename."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cstr_desk.cli import main
from cstr_desk.store import open_with_password
from cstr_desk.store import files, outputs, swap
from cstr_desk.store.outputs import OutputExists, OutputRefused
from cstr_desk.domain import Role
from cstr_desk.store.testing import (
    TEST_PASSWORD, USERNAMES, make_database, sample_person,
)

STORE_FILES = ("", ".keys", ".attempts", ".lock", ".audit-head", "-wal", "-shm", "-journal")


@pytest.fixture(autouse=True)
def password_in_environment(fast_kdf, monkeypatch) -> None:
    monkeypatch.setenv("CSTR_DESK_PASSWORD", TEST_PASSWORD)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cases.db"
    make_database(path)[0].close()
    with open_with_password(path, USERNAMES[Role.LD_WORKER], TEST_PASSWORD) as worker:
        worker.add_person(sample_person())
    return path


def _snapshot(db: Path) -> dict[str, bytes | None]:
    """What a slip could destroy. Signing in adds audit entries, so the database and its audit
    head file are compared by what they are (still a working database that verifies, see the
    callers), the rest byte for byte."""
    return {s: (Path(f"{db}{s}").read_bytes() if Path(f"{db}{s}").exists() else None)
            for s in STORE_FILES if s not in ("", ".lock", ".attempts", ".audit-head")}


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("command", [
    ["export-person", "--person", "1"],
    ["backup"],
])
@pytest.mark.parametrize("suffix", STORE_FILES)
def test_no_command_writes_over_the_database_or_its_files(db, capsys, command, suffix):
    before = _snapshot(db)
    out = f"{db}{suffix}"
    assert main([*command, "--db", str(db), "--out", out, "--force"]) == 1
    assert "database's own files" in capsys.readouterr().err
    assert _snapshot(db) == before
    with open_with_password(db, "admin", TEST_PASSWORD) as session:
        assert session.verify().ok


def test_export_person_over_the_database_without_force_is_refused_too(db, capsys):
    assert main(["export-person", "--db", str(db), "--person", "1", "--out", str(db)]) == 1
    assert "database's own files" in capsys.readouterr().err
    with open_with_password(db, "admin", TEST_PASSWORD) as session:
        assert session.verify().ok


def test_a_symlink_or_a_relative_path_to_the_database_is_seen_through(db, tmp_path, capsys,
                                                                     monkeypatch):
    link = tmp_path / "elsewhere" / "innocent.json"
    link.parent.mkdir()
    link.symlink_to(f"{db}.keys")
    before = _snapshot(db)
    assert main(["backup", "--db", str(db), "--out", str(link), "--force"]) == 1
    monkeypatch.chdir(link.parent)
    assert main(["backup", "--db", str(db), "--out", "../cases.db-wal", "--force"]) == 1
    assert capsys.readouterr().err.count("database's own files") == 2
    assert _snapshot(db) == before


def test_an_existing_file_is_kept_without_force_and_replaced_with_it(db, tmp_path, capsys):
    out = tmp_path / "sar.json"
    out.write_text("someone else's file")
    assert main(["export-person", "--db", str(db), "--person", "1", "--out", str(out)]) == 1
    assert capsys.readouterr().err.strip() == ("sar.json already exists and was kept. Give "
                                               "another name, or --force to replace it.")
    assert out.read_text() == "someone else's file"
    backup = tmp_path / "b.backup"
    backup.write_text("old")
    assert main(["backup", "--db", str(db), "--out", str(backup)]) == 1
    assert backup.read_text() == "old"
    assert main(["export-person", "--db", str(db), "--person", "1", "--out", str(out),
                 "--force"]) == 0
    assert json.loads(out.read_text("utf-8"))["person"]["id"] == 1
    assert main(["backup", "--db", str(db), "--out", str(backup), "--force"]) == 0
    assert backup.read_bytes().startswith(b"CSTR-DESK-BACKUP/1\n")


def test_another_database_and_its_files_are_never_an_output(db, tmp_path):
    other = tmp_path / "other-court.cstr"
    make_database(other)[0].close()
    for target in (other, Path(f"{other}.keys"), Path(f"{other}-wal")):
        with pytest.raises(OutputRefused):
            outputs.check_output(target, database=db, force=True)


def test_outputs_and_restored_databases_are_owner_only(db, tmp_path, monkeypatch):
    monkeypatch.setattr(os, "umask", os.umask)  # restored below whatever happens
    previous = os.umask(0o022)
    try:
        assert main(["backup", "--db", str(db), "--out", str(tmp_path / "b.backup")]) == 0
        assert main(["export-person", "--db", str(db), "--person", "1",
                     "--out", str(tmp_path / "p.json")]) == 0
        restored = tmp_path / "restored.db"
        assert main(["restore", "--from", str(tmp_path / "b.backup"), "--db",
                     str(restored)]) == 0
    finally:
        os.umask(previous)
    for made in (tmp_path / "b.backup", tmp_path / "p.json", restored, Path(f"{restored}.keys")):
        assert _mode(made) == 0o600, made
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")

    def fail(handle):
        handle.write(b"half of the new")
        raise OSError(28, "No space left on device")

    with pytest.raises(outputs.DiskFull):
        outputs.write_output(outputs.check_output(target, database=None, force=True), fail)
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_a_folder_or_a_missing_folder_is_refused_in_plain_words(tmp_path):
    with pytest.raises(OutputRefused, match="is a folder"):
        outputs.check_output(tmp_path, database=None, force=True)
    with pytest.raises(OutputRefused, match="does not exist"):
        outputs.check_output(tmp_path / "missing" / "x.pdf", database=None, force=True)
    with pytest.raises(OutputExists):
        (tmp_path / "x.pdf").write_bytes(b"")
        outputs.check_output(tmp_path / "x.pdf", database=None, force=False)


@pytest.mark.parametrize("platform, calls", [("win32", 3), ("linux", 1)])
def test_a_rename_is_retried_briefly_on_windows_only(tmp_path, monkeypatch, platform, calls):
    """Windows: an antivirus scanner or indexer holding the file makes the rename fail with
    PermissionError for a moment (issue 13, finding 10)."""
    source, target = tmp_path / "new", tmp_path / "old"
    source.write_bytes(b"new")
    target.write_bytes(b"old")
    real, tries = os.replace, []

    def held_twice(a, b):
        tries.append(a)
        if len(tries) < 3:
            raise PermissionError(13, "The process cannot access the file")
        real(a, b)

    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(os, "replace", held_twice)
    if platform == "win32":
        files.replace_file(source, target, sleep=lambda _: None)
        assert target.read_bytes() == b"new"
    else:
        with pytest.raises(PermissionError):
            files.replace_file(source, target, sleep=lambda _: None)
    assert len(tries) == calls


def test_a_rename_held_too_long_gives_up(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")

    def always_held(a, b):
        raise PermissionError(13, "held")

    monkeypatch.setattr(os, "replace", always_held)
    waits: list[float] = []
    with pytest.raises(PermissionError):
        files.replace_file(tmp_path / "a", tmp_path / "b", sleep=waits.append)
    assert len(waits) == files.REPLACE_TRIES - 1 and sum(waits) < 3


def test_the_key_file_and_a_swap_retry_a_held_rename_on_windows(tmp_path, monkeypatch):
    """Every rename the store makes goes through the retrying replace: the key file's atomic
    write and each step of a restore's swap, not only the outputs."""
    real, held = os.replace, []

    def held_once(a, b):
        if Path(b).name not in {h for h in held}:
            held.append(Path(b).name)
            raise PermissionError(13, "The process cannot access the file")
        real(a, b)

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "replace", held_once)
    monkeypatch.setattr(files, "REPLACE_PAUSE", 0)
    database = tmp_path / "cases.db"
    files.write_atomically(files.keys_path(database), b"old keys")
    database.write_bytes(b"old database")
    swap.incoming_database(database).write_bytes(b"new database")
    swap.incoming_keys(database).write_bytes(b"new keys")
    swap.swap_in(database, keep_old_as=None)
    assert database.read_bytes() == b"new database"
    assert files.keys_path(database).read_bytes() == b"new keys"
    assert {"cases.db", "cases.db.keys", "cases.db.swap"} <= set(held)


class _Icacls:
    def __init__(self, returncode: int = 0) -> None:
        self.returncode, self.commands = returncode, []

    def __call__(self, command, **_):
        self.commands.append(command)
        return subprocess.CompletedProcess(command, self.returncode, b"", b"")


def test_on_windows_an_output_is_made_owner_only_by_its_access_list(tmp_path, monkeypatch):
    """chmod cannot restrict reading on Windows; icacls drops the folder's inherited entries and
    grants the signed-in user alone, before the file holds anything."""
    icacls = _Icacls()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(subprocess, "run", icacls)
    monkeypatch.setenv("USERNAME", "pat")
    outputs.write_bytes(tmp_path / "report.pdf", b"%PDF")
    assert (tmp_path / "report.pdf").read_bytes() == b"%PDF"
    [command] = icacls.commands
    assert command[0] == "icacls" and Path(command[1]).name.startswith(".report.pdf.")
    assert command[2:] == ["/inheritance:r", "/grant:r", "pat:F"]


def test_on_windows_an_output_whose_access_cannot_be_restricted_is_not_written(tmp_path,
                                                                              monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(subprocess, "run", _Icacls(returncode=5))
    monkeypatch.setenv("USERNAME", "pat")
    (tmp_path / "report.pdf").write_bytes(b"old")
    with pytest.raises(OutputRefused, match="readable by you only"):
        outputs.write_bytes(tmp_path / "report.pdf", b"%PDF new")
    assert (tmp_path / "report.pdf").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]
