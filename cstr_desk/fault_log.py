"""A local note of each unexpected error, for whoever supports the desk, with nothing about a
person in it (issue 15, item 5).

A Python traceback is not safe to keep: an exception's message can repeat what was typed
(pydantic quotes the rejected input; a database error quotes the statement), and a name, an NHS
number or an answer would then sit in a plain file beside the encrypted database. So a note
keeps only the kind of each exception (with those it was raised from) and where it was raised:
file, line and function, which is what finding the fault needs. Nothing else, ever.

The notes go to `cstr-desk-faults.log` in the app's local data folder, readable by its owner
only, at most about 256 KiB: past that the file is moved to `.1` (one older generation kept).
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

LOG_NAME = "cstr-desk-faults.log"
MAX_BYTES = 256 * 1024
# The last parts of a frame's path say which module it is without the user's home folder.
_PATH_PARTS = 3


def fault_note(error: BaseException, when: datetime) -> str:
    """The note for one error: a heading line, then one line per exception and frame."""
    lines = [f"{when.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC  unexpected error"]
    for link in _chain(error):
        lines.append(f"  {type(link).__module__}.{type(link).__qualname__}")
        lines.extend(f"    at {_where(frame.filename)}:{frame.lineno} in {frame.name}"
                     for frame in traceback.extract_tb(link.__traceback__))
    return "\n".join(lines) + "\n"


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error and what it was raised from or during, innermost cause first (as Python
    prints them), each once."""
    seen: list[BaseException] = []
    link: BaseException | None = error
    while link is not None and all(link is not s for s in seen):
        seen.append(link)
        link = link.__cause__ or (None if link.__suppress_context__ else link.__context__)
    return reversed(seen)


def _where(filename: str) -> str:
    return "/".join(Path(filename).parts[-_PATH_PARTS:])


def record_fault(folder: Path, error: BaseException, when: datetime | None = None) -> Path:
    """Append the error's note to the log in `folder` (made if missing); returns the log."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / LOG_NAME
    if log.exists() and log.stat().st_size > MAX_BYTES:
        os.replace(log, log.with_name(LOG_NAME + ".1"))
    note = fault_note(error, when or datetime.now(UTC)).encode("utf-8")
    created = not log.exists()
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0), 0o600)
    try:
        if created:
            # Imported here: the app installs the hook before its first paint, which must not
            # wait for the store's imports (a quarter of a second).
            from cstr_desk.store.outputs import owner_only

            owner_only(log)
        os.write(fd, note)
    finally:
        os.close(fd)
    return log
