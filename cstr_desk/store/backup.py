"""Encrypted backups and verified restores.

A backup file is one file: a short header, a copy of the key slots, then a database made by
SQLite's online backup API into a new file keyed with the same key, so it is never plaintext
at any point, and any account's password or the recovery key opens it. A restore checks the
backup completely (key, SQLCipher page checks, SQLite integrity, audit chain) in a temporary
file before anything is replaced; the database it replaces is kept beside it, renamed.
"""

from __future__ import annotations

import errno
import os
import shutil
import struct
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from cstr_desk.domain import AuditAction
from cstr_desk.store import audit
from cstr_desk.store.connection import Database
from cstr_desk.store.errors import (
    BackupInvalid, DatabaseTampered, DiskFull, KeySlotFileMissing, NotACstrDatabase, StoreError,
)
from cstr_desk.store.files import DatabaseLock, database_salt, fsync_directory, keys_path
from cstr_desk.store.keyslots import KeySlotFile
from cstr_desk.store.migrations import LATEST_VERSION, schema_version
from cstr_desk.store.recovery import RecoveryKey

MAGIC = b"CSTR-DESK-BACKUP/1\n"
_LENGTH = struct.Struct(">Q")


def write_backup(db: Database, key: bytes, db_path: Path, out: Path) -> None:
    part = out.with_name(f".{out.name}.db-part")
    part.unlink(missing_ok=True)
    try:
        db.backup_to(part, key)
        try:
            slots = KeySlotFile.load(db_path).slots
        except KeySlotFileMissing:
            slots = {}  # the backup still opens with the recovery key
        header = KeySlotFile(database_salt(part), slots).to_bytes()
        _write_bundle(out, header, part)
    finally:
        part.unlink(missing_ok=True)


def _write_bundle(out: Path, slots: bytes, database: Path) -> None:
    fd, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle, database.open("rb") as source:
            handle.write(MAGIC + _LENGTH.pack(len(slots)) + slots)
            shutil.copyfileobj(source, handle, 1024 * 1024)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, out)
    except OSError as error:
        Path(temp_name).unlink(missing_ok=True)
        if error.errno == errno.ENOSPC:
            raise DiskFull("The disk is full, so the backup could not be written. The "
                           "database itself is unchanged.") from error
        raise
    fsync_directory(out.parent)


def _unpack(source: Path, temp_db: Path) -> KeySlotFile:
    try:
        with source.open("rb") as handle:
            if handle.read(len(MAGIC)) != MAGIC:
                raise BackupInvalid()
            (length,) = _LENGTH.unpack(handle.read(_LENGTH.size))
            if length > 10 * 1024 * 1024:
                raise BackupInvalid()
            slots = KeySlotFile.from_bytes(handle.read(length))
            with temp_db.open("xb") as target:
                shutil.copyfileobj(handle, target, 1024 * 1024)
                target.flush()
                os.fsync(target.fileno())
    except (OSError, struct.error, NotACstrDatabase) as error:
        if isinstance(error, OSError) and error.errno == errno.ENOSPC:
            raise DiskFull() from error
        raise BackupInvalid() from error
    if slots.db_salt != database_salt(temp_db):
        raise BackupInvalid()
    return slots


def check_backup(db: Database) -> list[str]:
    db.checkpoint()
    problems = [r[0] for r in db.rows("PRAGMA cipher_integrity_check")]
    problems += [r[0] for r in db.rows("PRAGMA integrity_check") if r[0] != "ok"]
    problems += audit.verify_chain(db)
    if schema_version(db) > LATEST_VERSION:
        problems.append("The backup was made by a newer version of CSTR Desk.")
    return problems


def restore_backup(source: Path, target: Path, *, username: str | None = None,
                   password: str | None = None, recovery_key: str | None = None) -> Path | None:
    """Replaces the database at `target` with the backup, after checking it. Returns where
    the replaced database was kept (None if there was none)."""
    target = Path(target)
    lock = DatabaseLock(target)
    lock.acquire()
    temp_db = target.with_name(f".{target.name}.restoring")
    for leftover in (temp_db, Path(f"{temp_db}-wal"), Path(f"{temp_db}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        slots = _unpack(Path(source), temp_db)
        key = (RecoveryKey.parse(recovery_key).key if recovery_key is not None
               else slots.unwrap(username or "", password or ""))
        _check_and_record(temp_db, key, slots, username, Path(source).name)
        kept = _move_aside(target)
        os.replace(temp_db, target)
        KeySlotFile(database_salt(target), slots.slots).save(target)
        fsync_directory(target.parent)
        return kept
    finally:
        temp_db.unlink(missing_ok=True)
        lock.release()


def _check_and_record(temp_db: Path, key: bytes, slots: KeySlotFile, username: str | None,
                      source_name: str) -> None:
    try:
        db = Database.open(temp_db, key)
    except (DatabaseTampered, NotACstrDatabase) as error:
        raise BackupInvalid("This backup could not be opened: the key does not fit it or the "
                            "file is damaged. The current database has not been changed.") from error
    try:
        problems = check_backup(db)
        if problems:
            raise BackupInvalid("This backup failed its checks (" + "; ".join(problems[:3]) +
                                "). The current database has not been changed.")
        user_id = db.value("SELECT id FROM users WHERE username = ?", (username or "",))
        with db.transaction():
            audit.append(db, user_id, AuditAction.RESTORE,
                         detail=f"restored from backup file: {source_name}")
    except DatabaseTampered as error:
        raise BackupInvalid() from error
    finally:
        db.close()
    db_path_journal = Path(f"{temp_db}-wal")
    if db_path_journal.exists():
        raise StoreError("The restored copy could not be closed cleanly; nothing was replaced.")


def _move_aside(target: Path) -> Path | None:
    if not target.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    kept = target.with_name(f"{target.name}.before-restore-{stamp}")
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{target}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{kept}{suffix}"))
    os.replace(target, kept)
    if keys_path(target).exists():
        os.replace(keys_path(target), keys_path(kept))
    return kept

