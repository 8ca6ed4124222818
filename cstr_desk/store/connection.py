"""Opening an encrypted database safely, and turning SQLite failures into plain words.

Durability: journal_mode=WAL with synchronous=FULL. Every answer is its own transaction, and
with synchronous=FULL SQLite fsyncs the write-ahead log at each commit, so a commit that has
returned survives a crash or a power cut (with WAL, synchronous=NORMAL can lose the last
commits on power loss, which autosave cannot accept). WAL needs one fsync per commit where the
rollback journal needs several (journal, database, folder), so it is also the fastest durable
choice. WAL frames are pages encrypted by SQLCipher like the main file; the -shm file holds
only page numbers. The cost is two extra files beside the database, folded back at close.

SQLCipher pitfalls avoided here:
- the key is set with `Connection.set_key()` before any other statement; the raw-key form
  `x'<64 hex digits>'` is passed to sqlite3_key() as bytes, never formatted into SQL, and the
  hex comes only from bytes this module generated or decoded;
- opening never creates a file: connections use SQLITE_OPEN_READWRITE without CREATE unless
  `create=True`, and an existing plaintext SQLite file is refused before SQLCipher sees it;
- "file is not a database" after a key slot opened means damage, never "start afresh";
- temp_store=MEMORY (no plaintext temp files), secure_delete=ON (freed pages zeroed), and
  SQLCipher's own logging is switched off (it writes to stderr by default).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3.dbapi2 as sqlcipher

from cstr_desk.store.errors import (
    DatabaseInUse, DatabaseTampered, DiskFull, NotACstrDatabase, NumberTooLarge, RecordFinalised,
    StoreError,
)
from cstr_desk.store.files import SQLITE_HEADER, UnusableSideFile, open_ordinary

if TYPE_CHECKING:
    from cstr_desk.store.audit_head import AuditHeadFile

log = logging.getLogger(__name__)

APPLICATION_ID = 0x43535452  # "CSTR": marks the file as ours once it is decrypted
_MIN_DATABASE_BYTES = 1024
_FINALISED_MARKER = "record is finalised"

_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 11, 13, 26


def _silence_sqlcipher_log() -> None:
    """SQLCipher's log level is process-wide; set it once on a throwaway in-memory handle so
    no real connection runs a statement before its key."""
    handle = sqlcipher.connect(":memory:")
    try:
        handle.execute("PRAGMA cipher_log_level = NONE")
    finally:
        handle.close()


_silence_sqlcipher_log()


def translate(error: sqlcipher.Error) -> Exception:
    """The StoreError for a SQLite failure, or the error itself when it is a programming bug."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return DatabaseTampered()
    if code == _SQLITE_FULL:
        return DiskFull()
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return DatabaseInUse()
    if code == _SQLITE_READONLY:
        # SQLCipher also turns a database read-only after a page fails its check.
        return StoreError("The database cannot be written to: the file is read-only or was "
                          "found damaged. Nothing saved before is lost.")
    if code == _SQLITE_IOERR:
        return StoreError("The database could not be read or written. Nothing saved before is "
                          "lost. Please check the disk and try again.")
    if _FINALISED_MARKER in str(error):
        return RecordFinalised()
    return error


def check_file_before_opening(path: Path) -> None:
    """A plain refusal for what cannot be a database: nothing there, a folder, a FIFO or
    device (read without blocking), a file too short, or plaintext SQLite."""
    if path.is_dir():
        raise NotACstrDatabase(f"{path} is a folder, not a CSTR Desk database; give the "
                               "database file inside it.")
    try:
        with open_ordinary(path) as handle:
            if os.fstat(handle.fileno()).st_size < _MIN_DATABASE_BYTES:
                raise NotACstrDatabase()
            if handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
                # A readable SQLite header means the file is not encrypted, so it is not ours.
                raise NotACstrDatabase()
    except FileNotFoundError:
        raise NotACstrDatabase(f"There is no CSTR Desk database at {path}.") from None
    except UnusableSideFile:
        raise NotACstrDatabase(f"{path} is not an ordinary file, so not a CSTR Desk "
                               "database.") from None
    except OSError as error:
        raise StoreError(f"The database at {path} could not be read: "
                         f"{error.strerror or error}.") from None


def raw_key_literal(key: bytes) -> bytes:
    if len(key) != 32:
        raise ValueError("the database key is 32 bytes")
    return b"x'" + key.hex().encode("ascii") + b"'"


class Database:
    """One open, keyed connection. Thread-safe by a lock: the app opens the database in a
    worker thread and then uses it from the GUI thread."""

    def __init__(self, connection: sqlcipher.Connection, path: Path) -> None:
        self._connection = connection
        self.path = path
        self._lock = threading.RLock()
        self._depth = 0
        self._after_commit: dict[str, Callable[[], None]] = {}
        # Set at sign-in (opening.py): the file outside the database that the audit trail's
        # head is copied to after each commit that adds entries (audit_head.py).
        self.audit_head_file: AuditHeadFile | None = None

    @classmethod
    def open(cls, path: Path, key: bytes, *, create: bool = False) -> Database:
        if create:
            if path.exists():
                raise StoreError(f"There is already a file at {path}; it has not been changed.")
            flags = sqlcipher.SQLITE_OPEN_READWRITE | sqlcipher.SQLITE_OPEN_CREATE
        else:
            check_file_before_opening(path)
            flags = sqlcipher.SQLITE_OPEN_READWRITE
        try:
            connection = sqlcipher.connect(str(path), flags=flags, isolation_level=None,
                                           check_same_thread=False)
        except sqlcipher.Error as error:
            raise StoreError(f"The database at {path} could not be opened.") from error
        connection.set_key(raw_key_literal(key))
        database = cls(connection, path)
        try:
            database._first_read(create)
            database._configure()
        except BaseException:
            connection.close()
            raise
        return database

    def _first_read(self, create: bool) -> None:
        # The first read decrypts page 1: a failure here, with a key that opened its slot,
        # means the file is damaged or not ours; it must never lead to writing a new database.
        try:
            self._connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            app_id = self._connection.execute("PRAGMA application_id").fetchone()[0]
        except sqlcipher.Error as error:
            raise translate(error) from error
        if create:
            self._connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        elif app_id != APPLICATION_ID:
            raise NotACstrDatabase()

    def _configure(self) -> None:
        # recursive_triggers: without it the rows REPLACE deletes fire no delete trigger, and
        # `INSERT OR REPLACE` would overwrite a finalised record (migration 14).
        for pragma in ("temp_store = MEMORY", "secure_delete = ON", "journal_mode = WAL",
                       "synchronous = FULL", "foreign_keys = ON", "recursive_triggers = ON",
                       "busy_timeout = 2000"):
            self.execute(f"PRAGMA {pragma}")

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlcipher.Cursor:
        with self._lock:
            try:
                return self._connection.execute(sql, params)
            except sqlcipher.Error as error:
                raise translate(error) from error
            except OverflowError:
                # SQLite's integers are 64-bit: the driver refuses a larger int before it runs
                raise NumberTooLarge() from None

    def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        with self._lock:
            try:
                self._connection.executemany(sql, rows)
            except sqlcipher.Error as error:
                raise translate(error) from error
            except OverflowError:
                # SQLite's integers are 64-bit: the driver refuses a larger int before it runs
                raise NumberTooLarge() from None

    def rows(self, sql: str, params: tuple | dict = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._connection.execute(sql, params).fetchall()
            except sqlcipher.Error as error:
                raise translate(error) from error
            except OverflowError:
                # SQLite's integers are 64-bit: the driver refuses a larger int before it runs
                raise NumberTooLarge() from None

    def row(self, sql: str, params: tuple | dict = ()) -> tuple | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def value(self, sql: str, params: tuple | dict = ()) -> Any:
        found = self.row(sql, params)
        return None if found is None else found[0]

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT; nested uses join the outer transaction, so a group of
        writes commits together or not at all."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield
            except BaseException:
                self._depth = 0
                self._after_commit.clear()
                self._rollback()
                raise
            self._depth = 0
            try:
                self.execute("COMMIT")
            except BaseException:
                self._after_commit.clear()
                self._rollback()
                raise
            actions, self._after_commit = self._after_commit, {}
            for action in actions.values():
                action()

    def after_commit(self, name: str, action: Callable[[], None]) -> None:
        """Runs `action` once the current transaction has committed (never if it rolls back);
        a later action of the same name replaces an earlier one."""
        self._after_commit[name] = action

    def _rollback(self) -> None:
        try:
            self._connection.execute("ROLLBACK")
        except sqlcipher.Error:
            log.warning("rollback after a failed transaction also failed")

    def backup_to(self, target: Path, key: bytes) -> None:
        """SQLite's online backup into a new file keyed with the same key (never plaintext)."""
        destination = Database.open(target, key, create=True)
        try:
            with self._lock:
                try:
                    self._connection.backup(destination._connection)
                except sqlcipher.Error as error:
                    raise translate(error) from error
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()

    @contextmanager
    def held(self) -> Iterator[None]:
        """No other thread's statement runs until this ends: a re-key copies the whole
        database and puts the copy in its place, and a write between the two would be lost."""
        with self._lock:
            if self._depth:
                raise StoreError("The database cannot be re-keyed in the middle of a change.")
            yield

    def export_rekeyed(self, target: Path, key: bytes,
                       progress: Callable[[int, int], None] | None = None) -> None:
        """SQLCipher's `sqlcipher_export` of every table, index and trigger into the empty file
        at `target` (made owner-only by the caller: attaching never creates a file on a
        connection opened without CREATE), keyed with `key` (its own new salt).
        `progress(done, total)` is told how many bytes of the copy are written, out of about
        how many the database's used pages hold."""
        page_size = int(self.value("PRAGMA page_size"))
        total = page_size * (int(self.value("PRAGMA page_count"))
                             - int(self.value("PRAGMA freelist_count")))
        version = int(self.value("PRAGMA user_version"))
        if target.stat().st_size:
            raise StoreError(f"{target.name} is not empty; nothing was changed.")
        with self._lock:
            self.execute("ATTACH DATABASE ? AS rekeyed KEY ?",
                         (str(target), raw_key_literal(key).decode("ascii")))
            try:
                # The copy is thrown away if anything stops it, so it needs no journal; it is
                # made durable as a whole afterwards (rekey.py) before it can take anyone's place.
                self.execute("PRAGMA rekeyed.journal_mode = OFF")
                self.execute("PRAGMA rekeyed.synchronous = OFF")
                # The rows are copied table by table, so a row may arrive before the row it
                # refers to; the source already holds every reference, checked when written.
                self.execute("PRAGMA foreign_keys = OFF")
                try:
                    self._with_progress(target, total, progress, lambda: self.execute(
                        "SELECT sqlcipher_export('rekeyed')"))
                finally:
                    self.execute("PRAGMA foreign_keys = ON")
                self._check_every_row_copied()
                # sqlcipher_export copies records, not the header fields we keep there.
                self.execute(f"PRAGMA rekeyed.user_version = {version}")
                self.execute(f"PRAGMA rekeyed.application_id = {APPLICATION_ID}")
            finally:
                self.execute("DETACH DATABASE rekeyed")

    def _check_every_row_copied(self) -> None:
        """The old file is deleted once the copy takes its place, so a copy short of a single
        row must never get there (a cheap count per table, next to the copy itself)."""
        tables = [r[0] for r in self.rows(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            quoted = '"' + table.replace('"', '""') + '"'
            if (self.value(f"SELECT count(*) FROM main.{quoted}")
                    != self.value(f"SELECT count(*) FROM rekeyed.{quoted}")):
                raise StoreError("The re-keyed copy is not complete; nothing was changed.")

    def _with_progress(self, target: Path, total: int,
                       progress: Callable[[int, int], None] | None,
                       work: Callable[[], object]) -> None:
        if progress is None:
            work()
            return
        shown = [-1]

        def tell() -> int:
            done = min(target.stat().st_size, total)
            if done * 100 // max(total, 1) != shown[0]:
                shown[0] = done * 100 // max(total, 1)
                progress(done, total)
            return 0  # carry on

        self._connection.set_progress_handler(tell, 20_000)
        try:
            work()
        finally:
            self._connection.set_progress_handler(None, 0)
        progress(total, total)

    def reopen(self, key: bytes) -> None:
        """After a re-key has put a new file at this path: the same object, keyed anew, so
        every session holding it carries on. The caller holds `held()` and closed it first."""
        fresh = Database.open(self.path, key)
        self._connection = fresh._connection

    def checkpoint(self) -> None:
        self.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        with self._lock:
            try:
                self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlcipher.Error:
                log.warning("could not fold the write-ahead log back at close")
            self._connection.close()
