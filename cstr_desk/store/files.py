"""The files that sit beside a database, and how they are written.

For `court.cstr` the store keeps `court.cstr.keys` (the key slots), `court.cstr.attempts`
(failed sign-in counts), `court.cstr.lock` (which running copy has it open) and
`court.cstr.audit-head` (the audit trail's authenticated head, audit_head.py). Small files are
replaced atomically (write a temporary file in the same folder, fsync, rename, fsync the
folder), so a power cut leaves either the old file or the new one, never half of each.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from cstr_desk.store.errors import DatabaseInUse, DiskFull, StoreError

REPLACE_TRIES = 10
REPLACE_PAUSE = 0.05

SQLITE_HEADER = b"SQLite format 3\x00"


def keys_path(db: Path) -> Path:
    return db.with_name(db.name + ".keys")


def attempts_path(db: Path) -> Path:
    return db.with_name(db.name + ".attempts")


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


def audit_head_path(db: Path) -> Path:
    return db.with_name(db.name + ".audit-head")


def database_salt(db: Path) -> bytes:
    """SQLCipher keeps a random 16-byte salt in clear at the start of the file; it ties a key
    file to its database without needing the key."""
    with db.open("rb") as handle:
        return handle.read(16)


class UnusableSideFile(ValueError):
    """The path holds something that is not a small ordinary file."""


def read_side_file(path: Path, limit: int) -> bytes:
    """The bytes of a small file beside the database (key file, attempts file).

    Refuses a folder, a FIFO (reading one would wait for a writer forever), a device or an
    oversized file with UnusableSideFile, without blocking: the file is opened non-blocking and
    checked with fstat before a byte is read. FileNotFoundError and other OSErrors pass on."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnusableSideFile(f"{path.name} is not an ordinary file")
        if info.st_size > limit:
            raise UnusableSideFile(f"{path.name} is larger than {limit} bytes")
        chunks, remaining = [], limit + 1
        while remaining > 0:
            chunk = os.read(fd, remaining)
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise UnusableSideFile(f"{path.name} is larger than {limit} bytes")
    return data


def folder_problem(error: OSError, path: Path) -> StoreError:
    """Why a file beside the database (its lock, a staged copy) could not be made, in plain
    words: the folder is missing, read-only, or the path is taken by a folder."""
    if error.errno == errno.ENOSPC:
        return DiskFull()
    if error.errno == errno.ENOENT:
        return StoreError(f"The folder {path.parent} does not exist.")
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return StoreError(f"The folder {path.parent} is read-only to you, and CSTR Desk must "
                          "write beside the database (its lock and journal). Nothing was "
                          "changed; copy the database somewhere you can write, or ask IT.")
    return StoreError(f"{path} could not be made: {error.strerror or error}. Nothing was "
                      "changed.")


def open_ordinary(path: Path) -> BinaryIO:
    """`path` open for reading if it is an ordinary file; UnusableSideFile for a folder, FIFO
    or device (opened non-blocking and checked with fstat, so a FIFO cannot hang the open or
    the read). FileNotFoundError and other OSErrors pass on."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnusableSideFile(f"{path.name} is not an ordinary file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def write_atomically(path: Path, data: bytes) -> None:
    directory = path.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        replace_file(Path(temp_name), path)
    except OSError as error:
        Path(temp_name).unlink(missing_ok=True)
        if error.errno == errno.ENOSPC:
            raise DiskFull() from error
        raise
    fsync_directory(directory)


def replace_file(source: Path, target: Path, *, tries: int = REPLACE_TRIES,
            pause: float = REPLACE_PAUSE, sleep: Callable[[float], None] = time.sleep) -> None:
    """os.replace, retried briefly on PermissionError: on Windows a file another program has
    open (an antivirus scan, the search indexer, a PDF viewer) cannot be replaced for a
    moment. On POSIX a PermissionError is final, so it is raised at once."""
    for attempt in range(tries):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == tries - 1:
                raise
            sleep(pause * (attempt + 1))


def fsync_directory(directory: Path) -> None:
    """A rename is durable only once the folder's entry is on disk (POSIX; no-op on Windows)."""
    if sys.platform == "win32":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class DatabaseLock:
    """An exclusive OS lock on `<db>.lock`, holding the owner's PID for people to read.

    The OS releases the lock when the process dies, even by SIGKILL or a power cut, so a
    crashed copy never leaves the database "in use" forever."""

    def __init__(self, db: Path) -> None:
        self._path = lock_path(db)
        self._handle = None

    def acquire(self) -> None:
        try:
            handle = open(self._path, "a+b")
        except OSError as error:
            raise folder_problem(error, self._path) from None
        try:
            _lock_exclusive(handle)
        except OSError as error:
            handle.close()
            raise DatabaseInUse() from error
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n".encode())
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


if sys.platform == "win32":
    import msvcrt

    def _lock_exclusive(handle: BinaryIO) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock_exclusive(handle: BinaryIO) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
