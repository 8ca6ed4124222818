"""Writing export files: owner-only, through a temporary file renamed into place, never over
the database's own files, never over an existing file unless asked (`force`)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from types import TracebackType

from cstr_desk.store.files import attempts_path, fsync_directory, keys_path, lock_path

_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


class ExportFileError(ValueError):
    """A plain-words reason the export cannot be written where asked; nothing was written."""


class ExportFileExists(ExportFileError):
    """The file is there already and was kept; how to replace it is the caller's to say (the
    command's --force, the save dialog's confirmation)."""


def _database_files(database: Path) -> set[Path]:
    files = {database, keys_path(database), attempts_path(database), lock_path(database)}
    files |= {database.with_name(database.name + s) for s in _SQLITE_SIDE_FILES}
    return {f.resolve() for f in files}


def checked_target(database: Path, out: Path, *, force: bool) -> Path:
    if out.resolve() in _database_files(database):
        raise ExportFileError(f"{out} is one of the database's own files; choose another name.")
    if out.is_dir():
        raise ExportFileError(f"{out} is a folder; give a file name such as case-12.json.")
    if not out.parent.is_dir():
        raise ExportFileError(f"The folder {out.parent} does not exist.")
    if out.exists() and not force:
        raise ExportFileExists(f"{out.name} already exists and was kept.")
    return out


def checked_folder(database: Path, out_dir: Path, names: list[str], *,
                   force: bool) -> list[Path]:
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportFileError(f"{out_dir} is a file, not a folder.")
    if not out_dir.parent.is_dir():
        raise ExportFileError(f"The folder {out_dir.parent} does not exist.")
    out_dir.mkdir(mode=0o700, exist_ok=True)
    return [checked_target(database, out_dir / name, force=force) for name in names]


def _temporary(target: Path):
    # mkstemp makes the file readable and writable by its owner only (mode 0600).
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    return os.fdopen(fd, "wb"), Path(name)


def write_owner_only(target: Path, data: bytes) -> None:
    handle, temporary = _temporary(target)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_directory(target.parent)


class StagedFiles:
    """One temporary file per target, lines appended as they come; `commit` renames them all
    into place. Leaving the block without committing removes every temporary file."""

    def __init__(self, targets: list[Path]) -> None:
        self._targets = {t.name.split(".")[0]: t for t in targets}
        self._open: dict[str, tuple] = {}

    def __enter__(self) -> StagedFiles:
        for kind, target in self._targets.items():
            self._open[kind] = _temporary(target)
        return self

    def write(self, kind: str, line: str) -> None:
        self._open[kind][0].write(line.encode("utf-8") + b"\n")

    def commit(self) -> None:
        for handle, _ in self._open.values():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        for kind, (_, temporary) in list(self._open.items()):
            os.replace(temporary, self._targets[kind])
            del self._open[kind]
        for directory in {t.parent for t in self._targets.values()}:
            fsync_directory(directory)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        for handle, temporary in self._open.values():
            handle.close()
            temporary.unlink(missing_ok=True)
        self._open.clear()
