"""Putting a new database and key file in place of the old pair, so that a crash at any point
leaves one working pair: the old one or the new one, never a database without its key file.

A restore and a re-key both end by replacing two files, and no filesystem renames two files at
once. So the new pair is first written in full beside the old one under staging names
(`.<db>.incoming`, `.<db>.keys.incoming`, and the new chain's or key's audit head file
`.<db>.incoming.audit-head`, written by `audit_head.write_audit_head(incoming_database(db),
...)`) and made durable; then a small journal, `<db>.swap`,
is written atomically, saying what becomes of the old pair (kept under a name that never
collides, or deleted). Before the journal exists the staged files are leftovers and the old
pair is untouched; once it exists the swap is finished forward by idempotent steps, now or at
the next open (`finish_interrupted_swap`). Every step is a rename (`os.replace`, retried
briefly on Windows while a scanner holds a file) or an unlink, followed by a folder fsync, so
each is all-or-nothing on its own; tests/core/test_store_swap_crash.py kills the process
before every one of them.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from cstr_desk.store.files import (
    audit_head_path, fsync_directory, keys_path, replace_file, write_atomically,
)

FORMAT = "cstr-desk-swap/1"
_DATABASE_COMPANIONS = ("-wal", "-shm", "-journal")
# Temporary files a crash can leave beside a database; each name starts with ".<db name>".
_LEFTOVER_SUFFIXES = (".incoming", ".incoming-journal", ".incoming-wal", ".incoming-shm",
                      ".incoming.audit-head", ".keys.incoming", ".replaced.audit-head", ".replaced", ".replaced-wal", ".replaced-shm",
                      ".replaced.keys", ".restoring", ".restoring-wal", ".restoring-shm",
                      ".restoring-journal")
# Written by processes that may not hold the database lock (a refused sign-in records its
# failure): only one this old is certainly abandoned.
_UNLOCKED_TEMP_AGE_SECONDS = 120


def journal_path(db: Path) -> Path:
    return db.with_name(db.name + ".swap")


def incoming_database(db: Path) -> Path:
    return db.with_name(f".{db.name}.incoming")


def incoming_keys(db: Path) -> Path:
    return db.with_name(f".{db.name}.keys.incoming")


def incoming_audit_head(db: Path) -> Path:
    return audit_head_path(incoming_database(db))


def _replaced(db: Path) -> Path:
    """Where an old database waits to be deleted (re-key: it must not outlive the swap)."""
    return db.with_name(f".{db.name}.replaced")


def unused_name(db: Path, stem: str) -> Path:
    """`<db>.<stem>-<UTC time>`, with `-2`, `-3` ... when taken, so that two restores within
    the same second never keep their replaced databases under one name."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    number = 1
    while True:
        candidate = db.with_name(f"{db.name}.{stem}-{stamp}" + (f"-{number}" if number > 1 else ""))
        taken = [candidate, keys_path(candidate), audit_head_path(candidate)] + [
            Path(f"{candidate}{s}") for s in _DATABASE_COMPANIONS]
        if not any(path.exists() for path in taken):
            return candidate
        number += 1


def swap_in(db: Path, keep_old_as: Path | None) -> None:
    """The staged pair becomes the database at `db`. The old pair is kept as `keep_old_as`, or
    deleted when None. The staged files must already be durable; the caller holds the lock."""
    body = {"format": FORMAT, "keep_old_as": keep_old_as.name if keep_old_as else None}
    write_atomically(journal_path(db), json.dumps(body).encode("utf-8"))
    _roll_forward(db, keep_old_as)


def finish_interrupted_swap(db: Path) -> bool:
    """At open, with the lock held: finish a swap a crash interrupted, then remove what a crash
    left behind. True if a swap was finished."""
    journal = journal_path(db)
    finished = False
    if journal.exists():
        try:
            body = json.loads(journal.read_bytes().decode("utf-8"))
            kept = body["keep_old_as"]
            keep = None if kept is None else db.with_name(Path(str(kept)).name)
        except (ValueError, KeyError, TypeError):
            # The journal is written atomically, so a damaged one was never ours to finish;
            # keeping the old pair (deleting nothing of it) is the safe reading.
            keep = unused_name(db, "before-restore")
        _roll_forward(db, keep)
        finished = True
    remove_leftovers(db)
    return finished


def _move(source: Path, target: Path) -> None:
    if source.exists():
        replace_file(source, target)


def _roll_forward(db: Path, keep_old_as: Path | None) -> None:
    old = keep_old_as or _replaced(db)
    new_db, new_keys = incoming_database(db), incoming_keys(db)
    if new_db.exists():
        # While the new database is still staged, whatever is at `db` is the old one, and its
        # write-ahead log goes with it (left beside the new file it would be replayed into it).
        for suffix in _DATABASE_COMPANIONS:
            _move(Path(f"{db}{suffix}"), Path(f"{old}{suffix}"))
        _move(db, old)
    if new_keys.exists():
        _move(keys_path(db), keys_path(old))
        replace_file(new_keys, keys_path(db))
    new_head = incoming_audit_head(db)
    if new_head.exists():
        # The old head file goes with the old database, so a kept copy still verifies.
        _move(audit_head_path(db), audit_head_path(old))
        replace_file(new_head, audit_head_path(db))
    if new_db.exists():
        replace_file(new_db, db)
    fsync_directory(db.parent)
    if keep_old_as is None:
        for path in (old, keys_path(old), audit_head_path(old),
                     *(Path(f"{old}{s}") for s in _DATABASE_COMPANIONS)):
            path.unlink(missing_ok=True)
    journal_path(db).unlink(missing_ok=True)
    fsync_directory(db.parent)


def remove_leftovers(db: Path) -> None:
    """Staged files from a swap that never got its journal, and temporary files of atomic
    writes and backups a crash left beside the database (all encrypted, but not to be kept)."""
    if journal_path(db).exists():
        return  # a swap to finish, not leftovers
    for suffix in _LEFTOVER_SUFFIXES:
        db.with_name(f".{db.name}{suffix}").unlink(missing_ok=True)
    # Temporary files of writes made under the lock (key file, journal, staged key file,
    # backup part) go at once; the attempts file's only once surely abandoned.
    locked = (f".{db.name}.keys.", f".{db.name}.swap.", f".{db.name}.audit-head.",
              f"..{db.name}.")
    now = time.time()
    name = _glob_escape(db.name)
    for path in [*db.parent.glob(f".{name}.*"), *db.parent.glob(f"..{name}.*")]:
        if path.name.endswith(".db-part") or path.name.startswith(locked):
            path.unlink(missing_ok=True)
        elif path.name.endswith(".tmp") and now - _modified(path) > _UNLOCKED_TEMP_AGE_SECONDS:
            path.unlink(missing_ok=True)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return time.time()


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
