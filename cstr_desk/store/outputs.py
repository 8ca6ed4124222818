"""Every file a command or a screen writes for someone (backups, exports, reports): one way.

A slip of the keyboard must not destroy the database (issue 13: `export-person --out cases.db`
replaced the live database with plaintext JSON; `backup --out cases.db.keys` made every
password fail). So an output is checked before anything is written (`check_output`):

- never the database or a file beside it that the store owns (key file, attempts file, lock,
  audit head file, SQLite's -wal/-shm/-journal), after symlinks and relative paths are resolved;
- never a folder, never in a folder that does not exist;
- an existing file only when the person asked for it (`force`: the command's --force, the save
  dialog's own "replace?" confirmation).

It is then written to a temporary file in the same folder, readable by its owner only, flushed
to disk and renamed over the target, so nobody ever sees half a file under the chosen name and
a failure leaves the old file (or nothing). On Windows a rename can fail for a moment while an
antivirus scanner holds the file, so the rename is retried briefly (`files.replace_file`).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from cstr_desk.store.errors import DiskFull, StoreError
from cstr_desk.store.files import (
    attempts_path, audit_head_path, fsync_directory, keys_path, lock_path, replace_file,
)

SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
# Names the store gives its own temporary files beside an output or a database.
TEMP_SUFFIX = ".tmp"
# Windows: how long a rename keeps trying while another program holds the file.


class OutputRefused(StoreError):
    """The output cannot be written where asked; nothing was written."""


class OutputExists(OutputRefused):
    """The file is there already and was kept; how to replace it is the caller's to say (the
    command's --force, the save dialog's confirmation)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path.name} already exists and was kept.")


def protected_files(database: Path) -> set[Path]:
    """The database and every file the store keeps beside it, resolved."""
    database = Path(database)
    files = {database, keys_path(database), attempts_path(database), lock_path(database),
             audit_head_path(database)}
    files |= {database.with_name(database.name + s) for s in SQLITE_SIDE_FILES}
    return {_resolved(f) for f in files}


def _resolved(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return Path(os.path.abspath(path))


def _is_store_file(path: Path) -> bool:
    """A key file, attempts file, lock or journal of some database beside it, even if not the
    open database's (a second court's database in the same folder)."""
    name = path.name
    for suffix in (".keys", ".attempts", ".lock", ".audit-head", *SQLITE_SIDE_FILES):
        if name.endswith(suffix) and len(name) > len(suffix):
            if (path.parent / name[: -len(suffix)]).is_file():
                return True
    return False


def check_output(out: Path, *, database: Path | None, force: bool) -> Path:
    """The target to write, or OutputRefused/OutputExists with the reason in plain words."""
    out = Path(out)
    if not out.name or out.name in (".", ".."):
        raise OutputRefused(f"{out} is not a file name; give one such as case-12.pdf.")
    target = _resolved(out)
    if database is not None and (target in protected_files(database)
                                 or target == _resolved(database)):
        raise OutputRefused(f"{out} is one of the database's own files; choose another name.")
    if _is_store_file(target):
        raise OutputRefused(f"{out} belongs to a CSTR Desk database; choose another name.")
    if target.is_dir():
        raise OutputRefused(f"{out} is a folder; give a file name inside it.")
    if not target.parent.is_dir():
        raise OutputRefused(f"The folder {out.parent} does not exist.")
    if _looks_like_a_database(target):
        # Another CSTR Desk database (a second court's, a kept copy): never overwritten.
        raise OutputRefused(f"{out} is a CSTR Desk database; choose another name.")
    if (target.exists() or target.is_symlink()) and not force:
        raise OutputExists(out)
    return target


def _looks_like_a_database(target: Path) -> bool:
    return target.is_file() and keys_path(target).exists()


def check_folder(out_dir: Path, names: list[str], *, database: Path | None,
                 force: bool) -> list[Path]:
    """A folder of outputs (made owner-only if new) and the checked file in it for each name."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputRefused(f"{out_dir} is a file, not a folder.")
    if not _resolved(out_dir).parent.is_dir():
        raise OutputRefused(f"The folder {out_dir.parent} does not exist.")
    try:
        out_dir.mkdir(mode=0o700, exist_ok=True)
    except OSError as error:
        raise plain_error(error, out_dir) from None
    return [check_output(out_dir / name, database=database, force=force) for name in names]


def plain_error(error: OSError, where: Path) -> StoreError:
    if error.errno == errno.ENOSPC:
        return DiskFull("The disk is full, so the file could not be written. Nothing was "
                        "changed.")
    reason = error.strerror or str(error)
    return OutputRefused(f"{where} could not be written: {reason}.")


def temporary_beside(target: Path) -> tuple[BinaryIO, Path]:
    """An open temporary file in the target's folder, readable and writable by its owner only
    before a byte is written to it (mkstemp makes it 0600 on POSIX; on Windows its access list
    is set by `owner_only`, else it would inherit the folder's)."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    handle, temporary = os.fdopen(fd, "wb"), Path(name)
    try:
        owner_only(temporary)
    except OSError:
        handle.close()
        temporary.unlink(missing_ok=True)
        raise
    return handle, temporary


def owner_only(path: Path) -> None:
    """Readable and writable by its owner only, by the platform's own means. POSIX: mode 0600.
    Windows, where chmod can only set the read-only flag: the file's access list, set with
    icacls (part of Windows since Vista), drops the entries inherited from the folder and
    grants the signed-in user alone full control, so a report saved to a shared folder is not
    readable by everyone who can read that folder."""
    if sys.platform != "win32":
        os.chmod(path, 0o600)
        return
    user = os.environ.get("USERNAME", "")
    command = ["icacls", str(path), "/inheritance:r", "/grant:r", f"{user}:F"]
    try:
        result = subprocess.run(command, capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise OSError(errno.EACCES, f"icacls could not run: {error}") from error
    if not user or result.returncode != 0:
        raise OSError(errno.EACCES, "Windows did not let the file be made readable by you only")


def write_output(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write a checked target through a temporary file renamed into place; `write` fills the
    open file. On any failure the temporary file is removed and the target left as it was."""
    try:
        handle, temporary = temporary_beside(target)
    except OSError as error:
        raise plain_error(error, target) from None
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        replace_file(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise plain_error(error, target) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_directory(target.parent)


def write_bytes(target: Path, data: bytes) -> None:
    write_output(target, lambda handle: handle.write(data))


def save(out: Path, data: bytes, *, database: Path | None, force: bool) -> Path:
    """Check and write in one call; returns the resolved target."""
    target = check_output(out, database=database, force=force)
    write_bytes(target, data)
    return target


class StagedFiles:
    """One temporary file per target, lines appended as they come; `commit` renames them all
    into place. Leaving the block without committing removes every temporary file."""

    def __init__(self, targets: list[Path]) -> None:
        self._targets = {t.name.split(".")[0]: t for t in targets}
        self._open: dict[str, tuple[BinaryIO, Path]] = {}

    def __enter__(self) -> StagedFiles:
        try:
            for kind, target in self._targets.items():
                self._open[kind] = temporary_beside(target)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def write(self, kind: str, line: bytes) -> None:
        """One NDJSON line: `line` is UTF-8 JSON without its newline."""
        handle = self._open[kind][0]
        handle.write(line)
        handle.write(b"\n")

    def commit(self) -> None:
        for handle, _ in self._open.values():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        for kind, (_, temporary) in list(self._open.items()):
            replace_file(temporary, self._targets[kind])
            del self._open[kind]
        for directory in {t.parent for t in self._targets.values()}:
            fsync_directory(directory)

    def __exit__(self, *exc_info: object) -> None:
        for handle, temporary in self._open.values():
            handle.close()
            temporary.unlink(missing_ok=True)
        self._open.clear()


def create_owner_only(path: Path) -> BinaryIO:
    """A new file (refused if one is there) readable by its owner only, for the store's own
    working copies: SQLite, given an existing empty file, keeps its mode, and gives the
    journals it makes beside it the same mode."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    handle = os.fdopen(os.open(path, flags, 0o600), "wb")
    try:
        owner_only(path)
    except OSError:
        handle.close()
        path.unlink(missing_ok=True)
        raise
    return handle
