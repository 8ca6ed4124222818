"""A file that goes with a database change (a report saved and recorded as issued, with its
audit entry): both or neither, even when the process is killed half-way (issue 13, finding 4).

No transaction covers a rename, so the store keeps a note of each such file in the database
itself (the encrypted `meta` table) while it is on its way:

1. a note "writing <temporary file> for <target>" is committed before the file exists, so a
   crash from here on leaves a note that points at the temporary file;
2. the temporary file is written beside the target, owner-only, and flushed to disk;
3. one transaction holds the caller's records and turns the note into "ready": the commit
   point;
4. the temporary file is renamed over the target;
5. the note is removed.

At the next sign-in `finish_linked_outputs` reads the notes left by a crash: a "writing" note
(killed before the commit point) removes its temporary file, so the records and the file are
both absent; a "ready" note (after it) renames the temporary file into place, so both are there.
No plaintext temporary file outlives the next sign-in. A note whose folder has gone (a USB
stick taken out) is kept until the folder is back.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cstr_desk.store import outputs
from cstr_desk.store.connection import Database
from cstr_desk.store.errors import StoreError
from cstr_desk.store.files import fsync_directory, replace_file

log = logging.getLogger("cstr_desk.store")

NOTE_PREFIX = "linked_output/"
NOTE_VERSION = 1
TEMP_SUFFIX = ".part"


class LinkedOutputLate(StoreError):
    """Recorded, but the file could not be put in its place yet; the next sign-in tries again."""


def _note(db: Database, token: str, state: str, temporary: Path, target: Path) -> None:
    body = json.dumps({"v": NOTE_VERSION, "state": state, "temporary": str(temporary),
                       "target": str(target)})
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
               (NOTE_PREFIX + token, body))


def _forget(db: Database, token: str) -> None:
    with db.transaction():
        db.execute("DELETE FROM meta WHERE key = ?", (NOTE_PREFIX + token,))


@contextmanager
def file_with_records(db: Database, target: Path, data: bytes) -> Iterator[None]:
    """`with file_with_records(db, target, pdf): <records>`: the block runs in one transaction,
    and `data` reaches `target` (already checked by `outputs.check_output`) if and only if that
    transaction commits."""
    if db.in_transaction:
        raise RuntimeError("file_with_records must commit its own note first: call it outside "
                           "any transaction")
    token = uuid.uuid4().hex
    temporary = target.with_name(f".{target.name}.{token[:12]}{TEMP_SUFFIX}")
    with db.transaction():
        _note(db, token, "writing", temporary, target)
    try:
        try:
            with outputs.create_owner_only(temporary) as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            raise outputs.plain_error(error, target) from None
        with db.transaction():
            yield
            _note(db, token, "ready", temporary, target)
    except BaseException:
        if _removed(temporary):  # else the note stays, and the next sign-in removes it
            _forget_quietly(db, token)
        raise
    try:
        replace_file(temporary, target)
        fsync_directory(target.parent)
    except OSError as error:
        raise LinkedOutputLate(
            f"The report was recorded, but {target} could not be put in place yet "
            f"({error.strerror or error}); CSTR Desk finishes it at the next sign-in.") from None
    _forget_quietly(db, token)


def _removed(temporary: Path) -> bool:
    """Is the temporary file gone? On a read-only folder even removing a file that was never
    made fails (EROFS), and the error that brought us here is the one to report."""
    try:
        temporary.unlink(missing_ok=True)
    except OSError:
        return not temporary.exists()
    return True


def _forget_quietly(db: Database, token: str) -> None:
    # If even this fails (the disk went away), the note stays and the next sign-in tidies up.
    try:
        _forget(db, token)
    except (StoreError, OSError):
        log.warning("a linked output's note could not be removed; the next sign-in will")


def finish_linked_outputs(db: Database) -> int:
    """Complete or undo what a crash interrupted; returns how many notes were settled."""
    settled = 0
    for key, body in db.rows("SELECT key, value FROM meta WHERE key LIKE ?",
                             (NOTE_PREFIX + "%",)):
        note = json.loads(body)
        temporary, target = Path(note["temporary"]), Path(note["target"])
        if not temporary.parent.is_dir():
            continue  # its folder is not here now: try again next time
        try:
            if note["state"] == "ready" and temporary.exists():
                replace_file(temporary, target)
            else:
                temporary.unlink(missing_ok=True)
            fsync_directory(temporary.parent)
        except OSError:
            log.warning("an interrupted output could not be settled; will try again")
            continue
        with db.transaction():
            db.execute("DELETE FROM meta WHERE key = ?", (key,))
        settled += 1
    if settled:
        log.info("settled %d output(s) interrupted by a crash", settled)
    return settled
