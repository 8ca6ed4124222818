"""Re-keying: a new random database key, so that old copies of the key file (a removed
account's slot in a backup or a synced folder) and the old recovery key open nothing any more.

SQLCipher's `sqlcipher_export` copies the whole database into a new file under the new key
(with its own new salt), staged beside the database; the re-key is written into the copy's
audit trail, and the copy's audit head file (audit_head.py) written under the new key; every
format 2 slot is sealed to the new key with its account's public key
(keyslots.py), so no one needs to type a password; and the new pair takes the old pair's place
through swap.py's journal, which deletes the old pair, so a crash at any point leaves either
the old pair or the new one working (tests/core/test_store_rekey_crash.py kills it before every
file-system step). The key file keeps its origin: it is the same database, under a new key.

A format 1 slot holds the database key sealed under its password alone, so it cannot be given
the new key: those accounts are named in the result, and an administrator sets each a new
password. What re-keying cannot undo: anything a leaver copied while they could read it
(README "Revocation and re-key"), and backups made before it, which open as they always did.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cstr_desk.domain import AuditAction
from cstr_desk.store import audit, outputs
from cstr_desk.store.audit_head import write_audit_head
from cstr_desk.store.connection import Database
from cstr_desk.store.errors import KeySlotFileMissing, RekeyUnfinished, StoreError
from cstr_desk.store.files import database_salt, write_atomically
from cstr_desk.store.keyslots import KeySlot, KeySlotFile, new_database_key
from cstr_desk.store.recovery import RecoveryKey
from cstr_desk.store.swap import (
    incoming_database, incoming_keys, journal_path, remove_leftovers, swap_in,
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Rekeyed:
    """What a re-key did: the new recovery key (to show once: the old one opens nothing now),
    the accounts carried over to the new key, and those that need a new password."""

    recovery_key: RecoveryKey
    carried_over: tuple[str, ...]
    need_new_password: tuple[str, ...]


def rekey(db: Database, old_key: bytes, user_id: int | None, reason: str,
          progress: Progress | None = None, *, leave_out: str | None = None,
          changes: Callable[[Database], None] | None = None) -> tuple[bytes, Rekeyed]:
    """Re-keys the database `db` is open on, keyed with `old_key`; the caller holds the
    database lock. `db` stays usable, open on the re-keyed file. Returns the new key.

    `changes` are made in the copy, in the transaction that audits the re-key, and the slot
    of `leave_out` is not carried over: so an account's removal and the re-key it needs are
    in place together or not at all. Raises RekeyUnfinished, with `db` closed, when a swap
    stopped part way is left for the next sign-in to finish."""
    path = db.path
    with db.held():
        slots = _slot_file(path)
        slots.slots.pop(leave_out or "", None)
        new_key = new_database_key()
        carried = {name: slot.rewrapped(name, new_key) for name, slot in slots.slots.items()
                   if isinstance(slot, KeySlot)}
        dropped = tuple(slots.accounts_in_format_1())
        outcome = Rekeyed(RecoveryKey(new_key), tuple(sorted(carried)), dropped)
        try:
            _stage(db, new_key, slots, carried, _CopyChanges(
                user_id, _detail(reason, dropped), changes), progress)
        except BaseException as error:
            remove_leftovers(path)
            raise _plain(error) from error
        db.close()
        try:
            swap_in(path, None)
        except OSError as error:
            _reopen_after_failed_swap(db, old_key, new_key, error, outcome)
        else:
            _reopen_rekeyed(db, new_key)
    return new_key, outcome


def _reopen_rekeyed(db: Database, new_key: bytes) -> None:
    """The same object on the re-keyed file, its audit head kept from now on under the new
    key (a record written under the old one would not check at the next sign-in)."""
    db.reopen(new_key)
    audit.keep_head_outside(db, new_key)


def _plain(error: BaseException) -> BaseException:
    if isinstance(error, OSError):
        return StoreError(f"The re-key could not be written ({error.strerror or error}). "
                          "Nothing was changed: the database keeps its key.")
    return error


def _slot_file(path: Path) -> KeySlotFile:
    try:
        return KeySlotFile.load(path)
    except KeySlotFileMissing:
        # After a recovery-key sign-in the key file may be lost: no account is carried over.
        return KeySlotFile(database_salt(path), {})


def _detail(reason: str, dropped: tuple[str, ...]) -> str:
    detail = f"database re-keyed ({reason}); the old key and recovery key open nothing now"
    if dropped:
        detail += "; needing a new password: " + ", ".join(dropped)
    return detail


@dataclass(frozen=True)
class _CopyChanges:
    """What is written into the re-keyed copy before it takes the database's place."""

    user_id: int | None
    detail: str
    changes: Callable[[Database], None] | None


def _stage(db: Database, new_key: bytes, slots: KeySlotFile, carried: dict[str, KeySlot],
           written: _CopyChanges, progress: Progress | None) -> None:
    """The new pair, complete and durable, under swap.py's staging names."""
    path = db.path
    staged = incoming_database(path)
    remove_leftovers(path)  # a part left by an earlier attempt that was stopped
    with outputs.create_owner_only(staged):
        pass  # the platform's owner-only (an access list on Windows), before a page is written
    db.export_rekeyed(staged, new_key, progress)
    copy = Database.open(staged, new_key)
    try:
        with copy.transaction():
            if written.changes is not None:
                written.changes(copy)
            audit.append(copy, written.user_id, AuditAction.REKEY, detail=written.detail)
        point = audit.current_point(copy)
    finally:
        copy.close()
    if Path(f"{staged}-wal").exists():
        raise StoreError("The re-keyed copy could not be closed cleanly; nothing was changed.")
    _fsync_file(staged)
    new_slots = KeySlotFile(database_salt(staged), dict(carried), slots.origin)
    new_slots.bind_key(new_key)
    write_atomically(incoming_keys(path), new_slots.to_bytes())
    # Swapped in with the pair (swap.py): the old head file's key opens nothing any more.
    write_audit_head(staged, new_key, point.count, point.head)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _reopen_after_failed_swap(db: Database, old_key: bytes, new_key: bytes,
                              error: OSError, outcome: Rekeyed) -> None:
    """The swap stopped part way (a file held by another program, say). With its journal
    still there the next sign-in finishes it, so `db` stays closed; without one, whichever
    pair is in place is opened again: the old one (the journal was never written, and the
    re-key is refused), or the new one (only the last folder sync failed: it is done)."""
    path = db.path
    if journal_path(path).exists():
        raise RekeyUnfinished(outcome) from error
    if incoming_database(path).exists():
        remove_leftovers(path)
        db.reopen(old_key)
        raise _plain(error) from error
    _reopen_rekeyed(db, new_key)
