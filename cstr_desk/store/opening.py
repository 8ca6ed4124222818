"""Creating a database, and signing in with a password or the recovery key.

Order matters on the way in: the key slot is opened (or refused) before the database file is
touched, so a wrong password never opens, locks or changes the database; only then is the
running-copy lock taken and SQLCipher keyed. The one exception is a restore or re-key that a
crash interrupted (its journal is there): that is finished first, under the lock, since until
then the key file and the database may not belong together (swap.py).
"""

from __future__ import annotations

import hmac
import logging
import time
from datetime import datetime
from pathlib import Path

from cstr_desk.domain import AuditAction, Role, SiteSettings, User
from cstr_desk.store import audit, outputs
from cstr_desk.store.attempts import SignInAttempts
from cstr_desk.store.backup import database_origin
from cstr_desk.store.connection import Database, check_file_before_opening
from cstr_desk.store.errors import (
    DatabaseTampered, InvalidRecord, NotACstrDatabase, StoreError, WrongPassword,
)
from cstr_desk.store.files import (
    DatabaseLock, SQLITE_HEADER, audit_head_path, database_salt, keys_path,
)
from cstr_desk.store.keyslots import KeySlot, KeySlotFile, KeySlotV1, new_database_key
from cstr_desk.store.linked_outputs import finish_linked_outputs
from cstr_desk.store.migrations import migrate
from cstr_desk.store.recovery import RecoveryKey
from cstr_desk.store.session import Session, check_account_names, check_password_strength
from cstr_desk.store.swap import finish_interrupted_swap, journal_path
from cstr_desk.store.validation import name_problem

log = logging.getLogger("cstr_desk.store")

RECOVERY_USER = User(id=None, username="recovery-key", full_name="Recovery key sign-in",
                     role=Role.ADMINISTRATOR)


class Store:
    @staticmethod
    def exists(path: Path) -> bool:
        """Is there a CSTR Desk database at `path`? True even when its key file is missing
        (signing in then explains the recovery key), so the app never offers to create a new
        database over an existing one."""
        path = Path(path)
        if journal_path(path).exists():
            return True  # a restore or re-key to finish: the database is mid-swap
        if not path.is_file() or path.stat().st_size < 1024:
            return False
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER


def create_database(path: Path, admin: User, password: str,
                    settings: SiteSettings) -> tuple[Session, RecoveryKey]:
    """First run: a new encrypted database, its key file, the first administrator."""
    path = Path(path)
    check_new_database_path(path)
    if admin.role != Role.ADMINISTRATOR:
        raise StoreError("The first account must be an administrator.")
    check_account_names(admin)
    check_site_names(settings)
    check_password_strength(password)
    key = new_database_key()
    lock = DatabaseLock(path)
    lock.acquire()
    try:
        db = Database.open(path, key, create=True)
        # Readable by its owner only (encrypted or not, nobody else needs the bytes); SQLite
        # gives -wal and -shm files made later the database file's mode.
        for made in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            if made.exists():
                outputs.owner_only(made)
    except BaseException:
        lock.release()
        raise
    try:
        user = _initialise(db, admin, settings)
        audit.keep_head_outside(db, key)
        db.checkpoint()  # page 1 (with SQLCipher's salt) reaches the main file
        slot_file = KeySlotFile(database_salt(path), {admin.username: KeySlot.seal(
            admin.username, password, key)}, database_origin(db))
        slot_file.bind_key(key)
        slot_file.save(path)
    except BaseException:
        db.close()
        lock.release()
        for created in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), audit_head_path(path)):
            created.unlink(missing_ok=True)  # only files this call made, holding no records
        raise
    log.info("new database created")
    return Session(db, key, user, lock), RecoveryKey(key)


def check_new_database_path(path: Path) -> None:
    """Somewhere a new database can go: nothing there yet, in a folder that exists."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give the new database's file name inside it.")
    if path.exists() or path.is_symlink() or keys_path(path).exists() \
            or journal_path(path).exists():
        raise StoreError(f"There is already a file at {path}; it has not been changed.")
    if not path.parent.is_dir():
        raise StoreError(f"The folder {path.parent} does not exist; make it first, or choose "
                         "another.")


def check_site_names(settings: SiteSettings) -> None:
    """The site and its courts are printed on every report and return: each must be a name
    (SiteSettings itself asks for at least one court)."""
    for what, text in (("site's name", settings.site_name),
                       *(("court's name", court) for court in settings.courts)):
        problem = name_problem(text)
        if problem is not None:
            raise InvalidRecord(f"The {what} is not usable: {problem}.")


def _initialise(db: Database, admin: User, settings: SiteSettings) -> User:
    migrate(db)
    with db.transaction():
        db.execute("INSERT INTO meta (key, value) VALUES ('created_at', datetime('now'))")
        db.execute("INSERT INTO site_settings (id, body) VALUES (1, ?)",
                   (settings.model_dump_json(),))
        cursor = db.execute("INSERT INTO users (username, full_name, role, active, created_at) "
                            "VALUES (?, ?, ?, 1, datetime('now'))",
                            (admin.username, admin.full_name, str(Role.ADMINISTRATOR)))
        user = admin.model_copy(update={"id": cursor.lastrowid, "active": True})
        audit.append(db, user.id, AuditAction.CREATE, detail="database created")
        audit.append(db, user.id, AuditAction.SIGN_IN)
    return user


def open_with_password(path: Path, username: str, password: str) -> Session:
    path = Path(path)
    started = time.perf_counter()
    _finish_swap_first(path)
    check_file_before_opening(path)
    slots = KeySlotFile.load(path)
    attempts = SignInAttempts.load(path)
    attempts.check_allowed(username)
    try:
        opened = slots.open_slot(username, password)
    except WrongPassword:
        attempts.record_failure(username, accounts=slots.slots)
        log.info("sign-in refused: wrong username or password")
        raise
    key = opened.key
    db, lock = _open_keyed(path, key)
    try:
        row = db.row("SELECT id, full_name, role, active FROM users WHERE username = ?",
                     (username,))
        if row is None or not row[3]:
            raise WrongPassword()
        user = User(id=row[0], username=username, full_name=row[1], role=Role(row[2]))
        _audit_sign_in(db, attempts.record_success(username), user.id, "")
        if opened.upgraded is not None or not slots.origin:
            _bring_key_file_up_to_date(db, key, username, slots.slots[username], opened.upgraded)
    except BaseException:
        db.close()
        lock.release()
        raise
    log.info("signed in (%.2f s)", time.perf_counter() - started)
    return Session(db, key, user, lock)


def open_colleague(session: Session, username: str, password: str) -> Session:
    """A colleague signs in beside `session` on the same open database (one process may hold
    the database only once): their password is checked against their own key slot, they act
    under their own role and name, and closing their session leaves `session` open. Used by
    `cstr-desk demo-data`, whose cases are recorded by one demo account per role."""
    session._require_open()
    attempts = SignInAttempts.load(session.path)
    attempts.check_allowed(username)
    slots = KeySlotFile.load(session.path)
    try:
        key = slots.unwrap(username, password)
    except WrongPassword:
        attempts.record_failure(username, accounts=slots.slots)
        raise
    if not hmac.compare_digest(key, session._key):
        raise WrongPassword()
    row = session._db.row("SELECT id, full_name, role, active FROM users WHERE username = ?",
                          (username,))
    if row is None or not row[3]:
        raise WrongPassword()
    user = User(id=row[0], username=username, full_name=row[1], role=Role(row[2]))
    _audit_sign_in(session._db, attempts.record_success(username), user.id, "beside another session")
    colleague = Session(session._db, key, user, session._file_lock)
    colleague._shares_connection = True
    return colleague


def open_with_recovery_key(path: Path, recovery_key: str) -> Session:
    """Administrator-level sign-in for when passwords or the key file are lost; from it an
    administrator sets passwords again (which writes a new key file)."""
    path = Path(path)
    _finish_swap_first(path)
    check_file_before_opening(path)
    key = RecoveryKey.parse(recovery_key).key
    try:
        db, lock = _open_keyed(path, key)
    except (DatabaseTampered, NotACstrDatabase):
        raise WrongPassword("This recovery key does not open this database (or the start of "
                            "the database file is damaged). Check it is the key printed for "
                            "this database.") from None
    try:
        _audit_sign_in(db, SignInAttempts.load(path).record_success(""), None, "recovery key")
    except BaseException:
        db.close()
        lock.release()
        raise
    log.info("signed in with the recovery key")
    return Session(db, key, RECOVERY_USER, lock)


def _finish_swap_first(path: Path) -> None:
    if not journal_path(path).exists():
        return
    lock = DatabaseLock(path)
    lock.acquire()
    try:
        if finish_interrupted_swap(path):
            log.info("finished a restore or re-key that was interrupted")
    finally:
        lock.release()


def _bring_key_file_up_to_date(db: Database, key: bytes, username: str,
                               opened: KeySlot | KeySlotV1,
                               upgraded: KeySlot | None) -> None:
    """After a sign-in, under the lock: a format 1 slot becomes format 2 (so a later re-key can
    carry it over), and a key file written before key files named their database gets its
    origin (so a later restore can tell a backup of another database). The file is read again
    here because another copy may have changed it between the sign-in's read and the lock."""
    slots = KeySlotFile.load(db.path)
    changed = False
    if upgraded is not None and slots.slots.get(username) == opened:
        slots.slots[username] = upgraded
        slots.bind_key(key)  # the database just opened with it
        changed = True
    if not slots.origin:
        slots.origin = database_origin(db)
        changed = changed or bool(slots.origin)
    if changed:
        slots.save(db.path)
        if upgraded is not None:
            log.info("key slot upgraded to format 2")


def _open_keyed(path: Path, key: bytes) -> tuple[Database, DatabaseLock]:
    lock = DatabaseLock(path)
    lock.acquire()
    try:
        finish_interrupted_swap(path)  # also clears what a crash left behind
        db = Database.open(path, key)
        try:
            migrate(db)
            finish_linked_outputs(db)  # a report save a crash interrupted: all or nothing
            audit.keep_head_outside(db, key)
        except BaseException:
            db.close()
            raise
    except BaseException:
        lock.release()
        raise
    return db, lock


def _audit_sign_in(db: Database, failures: list[tuple[str, str]], user_id: int | None,
                   detail: str) -> None:
    """Failed sign-ins waited in the attempts file until a database was open to audit them."""
    with db.transaction():
        for username, at in failures:
            audit.append(db, None, AuditAction.FAILED_SIGN_IN, "user",
                         detail=f"username: {username}", at=datetime.fromisoformat(at))
        audit.append(db, user_id, AuditAction.SIGN_IN, detail=detail)
