"""Encrypted backups and verified restores.

A backup file is one file: a short header, a copy of the key slots, then a database made by
SQLite's online backup API into a new file keyed with the same key, so it is never plaintext
at any point, and any account's password or the recovery key opens it. A restore checks the
backup completely (key, SQLCipher page checks, SQLite integrity, audit chain) in a staged
file before anything is replaced, and only an administrator's password (or the recovery key)
restores. The database it replaces is kept beside it under a name no other restore takes, and
the two files change places through swap.py's journal, so a crash leaves a working pair.

A backup names the database it came from: the UUID every database holds (migration 8) is in
the backup's own `meta`, and the key file beside the current database carries a fingerprint of
its UUID (`origin`). A backup of another database is refused unless asked for explicitly: it
would put another site's records and accounts in place of these.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import struct
from pathlib import Path
from typing import BinaryIO

from cstr_desk.domain import AuditAction, Role
from cstr_desk.permissions import Action
from cstr_desk.store import audit, outputs
from cstr_desk.store.audit_head import AuditPoint, write_audit_head
from cstr_desk.store.connection import Database
from cstr_desk.store.errors import (
    BackupInvalid, BackupOfAnotherDatabase, DatabaseTampered, DiskFull, KeySlotFileMissing,
    NotACstrDatabase, StoreError, WrongPassword,
)
from cstr_desk.store.files import (
    DatabaseLock, UnusableSideFile, database_salt, keys_path, open_ordinary, write_atomically,
)
from cstr_desk.store.keyslots import KeySlotFile
from cstr_desk.store.migrations import LATEST_VERSION, schema_version
from cstr_desk.store.permissions import check
from cstr_desk.store.recovery import RecoveryKey
from cstr_desk.store.swap import (
    finish_interrupted_swap, incoming_database, incoming_keys, remove_leftovers, swap_in,
    unused_name,
)

MAGIC = b"CSTR-DESK-BACKUP/1\n"
_LENGTH = struct.Struct(">Q")


def database_origin(db: Database) -> str:
    """A one-way fingerprint of the database's UUID: it tells two databases apart in the clear
    (in key files and backups) without giving away the UUID the exported record ids hang on."""
    value = db.value("SELECT value FROM meta WHERE key = 'database_uuid'")
    if value is None:
        return ""
    return hashlib.sha256(b"cstr-desk database origin\x00" + str(value).encode()).hexdigest()[:32]


def write_backup(db: Database, key: bytes, db_path: Path, out: Path) -> None:
    """`out` has been checked by `outputs.check_output` (never the database's own files).

    The audit head file does not travel in the backup: the backup holds the chain itself, a
    restore checks it whole and writes a fresh head for it, and a copy of the head file would
    prove nothing more (its key is the database key the backup opens with)."""
    # The encrypted part is made beside the database (not the output), where the next start
    # finds it if this is killed (swap.remove_leftovers).
    part = db_path.with_name(f".{db_path.name}.backup-{os.urandom(4).hex()}.db-part")
    try:
        db.backup_to(part, key)
        outputs.owner_only(part)  # encrypted, but nobody else needs even that
        try:
            slots = KeySlotFile.load(db_path).slots
        except KeySlotFileMissing:
            slots = {}  # the backup still opens with the recovery key
        header_file = KeySlotFile(database_salt(part), slots, database_origin(db))
        header_file.bind_key(key)
        header = header_file.to_bytes()
        _write_bundle(out, header, part)
    finally:
        part.unlink(missing_ok=True)


def _write_bundle(out: Path, slots: bytes, database: Path) -> None:
    def write(handle: BinaryIO) -> None:
        with database.open("rb") as source:
            handle.write(MAGIC + _LENGTH.pack(len(slots)) + slots)
            shutil.copyfileobj(source, handle, 1024 * 1024)

    try:
        outputs.write_output(out, write)
    except DiskFull:
        raise DiskFull("The disk is full, so the backup could not be written. The "
                       "database itself is unchanged.") from None


def _unpack(source: Path, temp_db: Path) -> KeySlotFile:
    try:
        with open_ordinary(source) as handle:  # a FIFO is refused, not waited on
            if handle.read(len(MAGIC)) != MAGIC:
                raise BackupInvalid()
            (length,) = _LENGTH.unpack(handle.read(_LENGTH.size))
            if length > 10 * 1024 * 1024:
                raise BackupInvalid()
            slots = KeySlotFile.from_bytes(handle.read(length))
            with outputs.create_owner_only(temp_db) as target:
                shutil.copyfileobj(handle, target, 1024 * 1024)
                target.flush()
                os.fsync(target.fileno())
    except (OSError, struct.error, NotACstrDatabase, UnusableSideFile) as error:
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
                   password: str | None = None, recovery_key: str | None = None,
                   other_database: bool = False) -> Path | None:
    """Replaces the database at `target` with the backup, after checking it. Returns where
    the replaced database was kept (None if there was none). `other_database` allows a backup
    of a different database; without it such a backup is refused."""
    target = Path(target)
    _check_restore_paths(Path(source), target)
    lock = DatabaseLock(target)
    lock.acquire()
    try:
        finish_interrupted_swap(target)
        staged = incoming_database(target)
        slots = _unpack(Path(source), staged)
        key = (RecoveryKey.parse(recovery_key).key if recovery_key is not None
               else slots.unwrap(username or "", password or ""))
        origin, point = _check_and_record(staged, key, username, Path(source).name,
                                          other_database)
        current = _current_origin(target, key)
        if current is not None and current != origin and not other_database:
            raise BackupOfAnotherDatabase()
        # The restored chain was checked whole and the restore is its newest entry: its head
        # file is written fresh, and swapped in with it (the old one stays with the old pair).
        write_audit_head(staged, key, point.count, point.head)
        write_atomically(incoming_keys(target),
                         KeySlotFile(database_salt(staged), slots.slots, origin,
                                     slots.key_check).to_bytes())
        kept = (unused_name(target, "before-restore")
                if target.exists() or keys_path(target).exists() else None)
        swap_in(target, kept)
        return kept
    finally:
        remove_leftovers(target)  # the staged pair, unless a swap is under way
        lock.release()


def _check_restore_paths(source: Path, target: Path) -> None:
    """Plain refusals before anything is locked or staged. A target that is an ordinary file
    but no database is replaced (and kept): a database damaged past opening is what a restore
    is for, and cannot be told from any other file."""
    unchanged = "Nothing has been changed."
    if source.is_dir():
        raise BackupInvalid(f"{source} is a folder, not a backup file. {unchanged}")
    if not source.exists():
        raise BackupInvalid(f"There is no backup file at {source}. {unchanged}")
    if target.is_dir():
        raise StoreError(f"{target} is a folder; give the database's file name inside it. "
                         f"{unchanged}")
    if target.exists() and not target.is_file():
        raise StoreError(f"{target} is not an ordinary file, so not a database a backup can "
                         f"replace. {unchanged}")
    if not target.parent.is_dir():
        raise StoreError(f"The folder {target.parent} does not exist. {unchanged}")


def _current_origin(target: Path, key: bytes) -> str | None:
    """The origin of the database at `target`: from its key file, or from inside it when the
    backup's key opens it. None when it cannot be told (no database, or its key file lost and
    the database re-keyed or damaged since the backup): a restore is then not refused, since
    nothing shows the backup is of another database, and restoring is how such a loss is met."""
    if not target.exists():
        return None
    try:
        origin = KeySlotFile.load(target).origin
    except StoreError:
        origin = ""
    if origin:
        return origin
    try:
        db = Database.open(target, key)
    except StoreError:
        return None
    try:
        return database_origin(db) or None
    except StoreError:
        return None
    finally:
        db.close()


def _check_and_record(staged: Path, key: bytes, username: str | None, source_name: str,
                      other_database: bool) -> tuple[str, AuditPoint]:
    """Checks the staged backup, refuses anyone but an administrator, writes the restore into
    its audit trail; returns the backup's origin and its audit trail's new head."""
    try:
        db = Database.open(staged, key)
    except (DatabaseTampered, NotACstrDatabase) as error:
        raise BackupInvalid("This backup could not be opened: the key does not fit it or the "
                            "file is damaged. The current database has not been changed.") from error
    try:
        problems = check_backup(db)
        if problems:
            raise BackupInvalid("This backup failed its checks (" + "; ".join(problems[:3]) +
                                "). The current database has not been changed.")
        user_id = _restoring_user(db, username)
        origin = database_origin(db)
        detail = f"restored from backup file: {source_name}"
        if other_database:
            detail += " (asked to allow a backup of another database)"
        with db.transaction():
            audit.append(db, user_id, AuditAction.RESTORE, detail=detail)
        point = audit.current_point(db)
    except DatabaseTampered as error:
        raise BackupInvalid() from error
    finally:
        db.close()
    if Path(f"{staged}-wal").exists():
        raise StoreError("The restored copy could not be closed cleanly; nothing was replaced.")
    return origin, point


def _restoring_user(db: Database, username: str | None) -> int | None:
    """Only an administrator restores (the table's RESTORE row): their account as the backup
    holds it, active; the recovery key stands for an administrator."""
    if username is None:
        return None
    row = db.row("SELECT id, role, active FROM users WHERE username = ?", (username,))
    if row is None or not row[2]:
        raise WrongPassword()
    check(Role(row[1]), Action.RESTORE)
    return int(row[0])
