"""A Session: one signed-in user on one open database.

Accounts, settings, locking, the audit trail and maintenance live here; cases, questionnaires
and clinical records in the mixins beside it. Every operation checks the user's role
(permissions.py) and writes its audit entry in the same transaction as its change.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable, Collection
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from cstr_desk.domain import AuditAction, AuditEntry, Role, SiteSettings, User
from cstr_desk.store import audit, backup, export, linked_outputs, outputs, rekey
from cstr_desk.store.attempts import SignInAttempts
from cstr_desk.store.case_batches import CaseBatchesMixin
from cstr_desk.store.connection import Database
from cstr_desk.store.errors import (
    AuditTrailDamaged, DatabaseTampered, InvalidRecord, KeySlotFileMissing, NotFound,
    RekeyUnfinished, StoreError, WrongPassword,
)
from cstr_desk.store.files import database_salt
from cstr_desk.store.keyslots import KeySlot, KeySlotFile
from cstr_desk.permissions import Action
from cstr_desk.store.recovery import RecoveryKey
from cstr_desk.store.rekey import Progress, Rekeyed
from cstr_desk.store.session_clearing import ClearingMixin
from cstr_desk.store.session_clinical import ClinicalMixin
from cstr_desk.store.session_contact import ContactMixin
from cstr_desk.store.monitoring_summary import MonitoringSummaryMixin
from cstr_desk.store.session_forms import FormsMixin
from cstr_desk.store.session_orders import OrdersMixin
from cstr_desk.store.session_pull import PullMixin
from cstr_desk.store.session_people import PeopleMixin
from cstr_desk.store.permissions import check
from cstr_desk.store.validation import name_problem

log = logging.getLogger("cstr_desk.store")

# What `Session.audit` may be told of: events outside the store.
OUTSIDE_EVENTS = frozenset({AuditAction.PREVIEW, AuditAction.PRINT, AuditAction.EXPORT,
                            AuditAction.UPDATE})


@dataclass
class VerifyReport:
    cipher_problems: list[str] = field(default_factory=list)
    sqlite_problems: list[str] = field(default_factory=list)
    audit_problems: list[str] = field(default_factory=list)
    # An issued report's audit reference, when one was asked about, and what was found.
    reference: str | None = None
    reference_problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.cipher_problems or self.sqlite_problems or self.audit_problems
                    or self.reference_problems)

    def lines(self) -> list[str]:
        def verdict(name: str, problems: list[str], fine: str = "OK") -> str:
            return f"{name}: " + (fine if not problems else "; ".join(problems[:5]))

        lines = [verdict("Encryption (every page's check)", self.cipher_problems),
                 verdict("Database structure", self.sqlite_problems),
                 verdict("Audit trail chain and head file", self.audit_problems)]
        if self.reference is not None:
            lines.append(verdict(f"Audit reference {self.reference}", self.reference_problems,
                                 "the database still holds this point of the audit trail, "
                                 "unchanged"))
        return lines


# ClearingMixin (a HubMixin) first: it reads records through the people and forms mixins' loaders.
class Session(ClearingMixin, PullMixin, PeopleMixin, FormsMixin, ContactMixin, ClinicalMixin,
              MonitoringSummaryMixin, CaseBatchesMixin, OrdersMixin):
    def close(self) -> None:
        if self._closed:
            return
        try:
            with self._db.transaction():
                self._audit(AuditAction.SIGN_OUT)
        except StoreError:
            log.warning("could not record sign-out in the audit trail")
        if not self._shares_connection:
            self._db.close()
            self._file_lock.release()
        self._closed = True
        self._key = b""

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- locking ------------------------------------------------------------------------

    def lock(self) -> None:
        """Idle lock: the connection stays open, every operation is refused until unlock."""
        self._require(Action.OWN_ACCOUNT)
        with self._db.transaction():
            self._audit(AuditAction.LOCK)
        self._locked = True

    def unlock(self, password: str) -> None:
        """The same user's password, checked through their key slot (a recovery session
        unlocks with the recovery key)."""
        if self._closed:
            raise StoreError("This session has been closed. Please sign in again.")
        check(self.user.role, Action.OWN_ACCOUNT)
        attempts = SignInAttempts.load(self.path)
        attempts.check_allowed(self.user.username)
        try:
            key = self._key_for_unlock(password)
        except WrongPassword:
            attempts.record_failure(self.user.username, pending=False,
                                    accounts=self._account_names())
            with self._db.transaction():
                self._audit(AuditAction.FAILED_SIGN_IN, "user", self.user.id, detail="unlock")
            raise
        if not hmac.compare_digest(key, self._key):
            raise WrongPassword()
        attempts.record_success(self.user.username)
        self._locked = False
        with self._db.transaction():
            self._audit(AuditAction.UNLOCK)

    def _account_names(self) -> Collection[str]:
        try:
            return KeySlotFile.load(self.path).slots.keys()
        except StoreError:
            return ()

    def _key_for_unlock(self, secret: str) -> bytes:
        if self.user.id is None:
            try:
                return RecoveryKey.parse(secret).key
            except StoreError:
                raise WrongPassword() from None
        return KeySlotFile.load(self.path).unwrap(self.user.username, secret)

    # --- settings -----------------------------------------------------------------------

    def site_settings(self) -> SiteSettings:
        self._require(Action.READ_SETTINGS)
        body = self._db.value("SELECT body FROM site_settings WHERE id = 1")
        if body is None:
            raise NotFound("The site settings have not been made yet.")
        return SiteSettings.model_validate_json(body)

    def update_site_settings(self, settings: SiteSettings) -> None:
        self._require(Action.CHANGE_SETTINGS)
        with self._db.transaction():
            self._db.execute("INSERT OR REPLACE INTO site_settings (id, body) VALUES (1, ?)",
                             (settings.model_dump_json(),))
            self._audit(AuditAction.UPDATE, "site_settings", 1)

    # --- accounts -----------------------------------------------------------------------

    def list_users(self) -> list[User]:
        self._require(Action.LIST_ACCOUNTS)
        rows = self._db.rows("SELECT id, username, full_name, role, active FROM users ORDER BY id")
        return [User(id=i, username=u, full_name=n, role=Role(r), active=bool(a))
                for i, u, n, r, a in rows]

    def _user_row(self, username: str) -> User:
        for user in self.list_users():
            if user.username == username:
                return user
        raise NotFound(f"There is no account called “{username}”.")

    def add_user(self, user: User, password: str) -> User:
        self._require(Action.MANAGE_USERS)
        check_account_names(user)
        if any(u.username == user.username for u in self.list_users()):
            raise InvalidRecord(f"The username “{user.username}” is taken (usernames are never "
                                "reused, so the audit trail stays clear). Please choose another.")
        check_password_strength(password)
        with self._db.transaction():
            cursor = self._db.execute(
                "INSERT INTO users (username, full_name, role, active, created_at) "
                "VALUES (?, ?, ?, 1, datetime('now'))", (user.username, user.full_name,
                                                        str(user.role)))
            added = user.model_copy(update={"id": cursor.lastrowid, "active": True})
            self._audit(AuditAction.MANAGE_USERS, "user", added.id, detail="account added")
            self._write_slot(user.username, password)
        return added

    def _slot_file(self) -> KeySlotFile:
        try:
            return KeySlotFile.load(self.path)
        except KeySlotFileMissing:
            # After a recovery-key sign-in the side file may be gone: start a new one.
            return KeySlotFile(database_salt(self.path), {})

    def _write_slot(self, username: str, password: str) -> None:
        slots = self._slot_file()
        slots.slots[username] = KeySlot.seal(username, password, self._key)
        slots.origin = slots.origin or backup.database_origin(self._db)
        slots.bind_key(self._key)
        slots.save(self.path)

    def change_password(self, username: str, new_password: str) -> None:
        """An administrator sets someone's password: one slot is rewrapped."""
        self._require(Action.MANAGE_USERS)
        target = self._user_row(username)
        if not target.active:
            raise InvalidRecord("That account has been removed.")
        check_password_strength(new_password)
        with self._db.transaction():
            self._audit(AuditAction.MANAGE_USERS, "user", target.id, detail="password set")
            self._write_slot(username, new_password)

    def change_own_password(self, old_password: str, new_password: str) -> None:
        self._require(Action.OWN_ACCOUNT)
        if self.user.id is None:
            raise StoreError("A recovery session has no password of its own.")
        KeySlotFile.load(self.path).unwrap(self.user.username, old_password)
        check_password_strength(new_password)
        with self._db.transaction():
            self._audit(AuditAction.MANAGE_USERS, "user", self.user.id,
                        detail="own password changed")
            self._write_slot(self.user.username, new_password)

    def remove_user(self, username: str, progress: Progress | None = None) -> Rekeyed:
        """Switches the account off and re-keys the database without its key slot, so the
        slot in an older copy of the key file opens nothing; the two land together or not at
        all (rekey.py). The row stays (inactive) so the audit trail still names who did what."""
        self._require(Action.MANAGE_USERS)
        target = self._user_row(username)
        if target.id == self.user.id:
            raise InvalidRecord("You cannot remove your own account while signed in with it.")

        def switch_off(copy: Database) -> None:
            copy.execute("UPDATE users SET active = 0 WHERE id = ?", (target.id,))
            audit.append(copy, self.user.id, AuditAction.MANAGE_USERS, "user", target.id,
                         detail="account removed")

        return self._rekey(f"account removed: {username}", progress, leave_out=username,
                           changes=switch_off)

    def accounts_a_rekey_leaves_out(self) -> list[str]:
        """Accounts whose key slot a re-key cannot carry over (format 1: they have not signed
        in since this version), to name before an administrator re-keys."""
        self._require(Action.REKEY)
        try:
            return KeySlotFile.load(self.path).accounts_in_format_1()
        except KeySlotFileMissing:
            return []

    def rekey(self, progress: Progress | None = None) -> Rekeyed:
        """A new random database key (store/rekey.py): old copies of the key file and the old
        recovery key open nothing afterwards. The new recovery key is in the result, once."""
        self._require(Action.REKEY)
        return self._rekey("re-key asked for by an administrator", progress)

    def _rekey(self, reason: str, progress: Progress | None, *, leave_out: str | None = None,
               changes: Callable[[Database], None] | None = None) -> Rekeyed:
        try:
            self._key, outcome = rekey.rekey(self._db, self._key, self.user.id, reason,
                                             progress, leave_out=leave_out, changes=changes)
        except RekeyUnfinished:
            # The database is closed, its swap to be finished at the next sign-in.
            self._closed, self._key = True, b""
            if not self._shares_connection:
                self._file_lock.release()
            raise
        log.info("database re-keyed")
        return outcome

    # --- audit and maintenance ----------------------------------------------------------

    def audit(self, action: AuditAction, record_type: str | None = None,
              record_id: int | None = None, person_id: int | None = None,
              detail: str = "") -> None:
        """For events the store cannot see itself (a report previewed or printed, a file
        exported, a prompt held); sign-ins, changes and maintenance are audited by the store."""
        self._require(Action.RECORD_EVENT)
        if AuditAction(action) not in OUTSIDE_EVENTS:
            raise InvalidRecord(f"The store records “{AuditAction(action).value}” itself.")
        with self._db.transaction():
            self._audit(AuditAction(action), record_type, record_id, person_id, detail)

    def audit_many(self, action: AuditAction,
                   entries: list[tuple[str | None, int | None, int | None, str]]) -> None:
        """`audit` for many records at once (record type, record id, person id, detail): a
        bulk export's one entry per case."""
        self._require(Action.RECORD_EVENT)
        if AuditAction(action) not in OUTSIDE_EVENTS:
            raise InvalidRecord(f"The store records “{AuditAction(action).value}” itself.")
        with self._db.transaction():
            audit.append_many(self._db, self.user.id, AuditAction(action), entries)

    def audit_entries(self, person_id: int | None = None) -> list[AuditEntry]:
        self._require(Action.READ_AUDIT)
        return audit.entries(self._db, person_id)

    def audit_reference(self) -> str:
        """The audit trail's point now, as an issued report prints it ("N-xxxxxxxx"): given
        later to `verify`, it shows whether the database still holds that point unchanged."""
        self._require(Action.RECORD_EVENT)
        return audit.current_point(self._db).reference

    def verify(self, reference: str | None = None) -> VerifyReport:
        """Every page's check, SQLite's integrity check, the audit chain against its head
        file, and, when given, whether a report's audit reference still holds."""
        self._require(Action.VERIFY)
        point = None if reference is None else audit.parse_reference(reference)
        head_file = self._db.audit_head_file
        report = VerifyReport(
            cipher_problems=self._check(self._cipher_problems),
            sqlite_problems=self._check(lambda: [
                r[0] for r in self._db.rows("PRAGMA integrity_check") if r[0] != "ok"]),
            audit_problems=self._check(lambda: audit.verify_chain(self._db, head_file)))
        if point is not None:
            report.reference = f"{point[0]}-{point[1]}"
            report.reference_problems = self._check(
                lambda: audit.reference_problems(self._db, head_file, point))
        log.info("verification finished: %s", "ok" if report.ok else "problems found")
        return report

    def _cipher_problems(self) -> list[str]:
        # The check reads the main file, so fold the write-ahead log into it first.
        self._db.checkpoint()
        return [r[0] for r in self._db.rows("PRAGMA cipher_integrity_check")]

    def _check(self, run: Callable[[], list[str]]) -> list[str]:
        """One check's problems; a page that cannot even be read is a problem, not a crash."""
        try:
            return run()
        except (DatabaseTampered, AuditTrailDamaged) as error:
            return [error.message]

    def backup(self, out: Path, *, force: bool = False) -> None:
        """An encrypted backup at `out`; never over the database's own files, and over an
        existing file only with `force` (outputs.check_output)."""
        self._require(Action.BACKUP)
        target = outputs.check_output(Path(out), database=self.path, force=force)
        with self._db.transaction():
            self._audit(AuditAction.BACKUP, detail=f"backup file: {target.name}")
        backup.write_backup(self._db, self._key, self.path, target)

    def file_with_records(self, target: Path, data: bytes) -> AbstractContextManager[None]:
        """`with session.file_with_records(target, data): <records>`: the records commit and
        the file reaches `target` together or not at all, even across a crash
        (store/linked_outputs.py)."""
        self._require_open()
        return linked_outputs.file_with_records(self._db, target, data)

    def export_person(self, person_id: int, out: Path, *, force: bool = False) -> None:
        """Subject access request: everything held about one person, as JSON, written and
        audited together (an output the audit trail does not know of is never left)."""
        self._require(Action.SUBJECT_ACCESS)
        self._load_person(person_id)
        target = outputs.check_output(Path(out), database=self.path, force=force)
        with self._db.transaction():
            self._audit(AuditAction.EXPORT, "person", person_id, person_id,
                        "subject access request")
            export.write_subject_access(self, person_id, target)


def check_account_names(user: User) -> None:
    """A username and a full name someone can read and type (issue 13: `init --admin-user ""`
    and `users add --full-name ""` made accounts the audit trail could not name)."""
    if not user.username.strip() or user.username != user.username.strip():
        raise InvalidRecord("A username cannot be empty or start or end with a space.")
    for what, text in (("username", user.username), ("full name", user.full_name)):
        problem = name_problem(text)
        if problem is not None:
            raise InvalidRecord(f"The {what} is not usable: {problem}.")


MIN_PASSWORD_LENGTH = 10


def check_password_strength(password: str) -> None:
    """Length is what makes a password hard to guess (NCSC password guidance); any
    characters are allowed, quotes and non-English letters included."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidRecord(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")
