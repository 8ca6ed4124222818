"""What every part of a Session shares: the open database, the signed-in user, the
permission check and the audit entry that goes with each operation."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cstr_desk.domain import AuditAction, User
from cstr_desk.store import audit
from cstr_desk.store.connection import Database
from cstr_desk.store.errors import NotFound, StoreError
from cstr_desk.store.files import DatabaseLock
from cstr_desk.permissions import Action
from cstr_desk.store.permissions import check

log = logging.getLogger("cstr_desk.store")


class SessionLocked(StoreError):
    default_message = "The screen is locked. Please sign in again to carry on."


class SessionBase:
    def __init__(self, db: Database, key: bytes, user: User, lock: DatabaseLock) -> None:
        self._db = db
        self._key = key
        self.user = user
        self.path: Path = db.path
        self._file_lock = lock
        self._locked = False
        self._closed = False
        # A colleague's session on another's open database (opening.open_colleague) leaves
        # the connection and the file lock to the session that opened them.
        self._shares_connection = False

    def _require_open(self) -> None:
        if self._closed:
            raise StoreError("This session has been closed. Please sign in again.")
        if self._locked:
            raise SessionLocked()

    def _require(self, action: Action) -> None:
        """Every public Session method starts here: the one role × action table decides."""
        self._require_open()
        check(self.user.role, action)

    def _audit(self, action: AuditAction, record_type: str | None = None,
               record_id: int | None = None, person_id: int | None = None,
               detail: str = "") -> None:
        audit.append(self._db, self.user.id, action, record_type, record_id, person_id, detail)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Groups several operations into one transaction: all are saved or none."""
        with self._db.transaction():
            yield

    def database_uuid(self) -> str:
        """This database's own random identity (migration 8); exports derive record ids from it."""
        self._require(Action.VIEW_CASES)
        return self._stored_database_uuid()

    def _stored_database_uuid(self) -> str:
        value = self._db.value("SELECT value FROM meta WHERE key = 'database_uuid'")
        if value is None:
            raise StoreError("This database has no identity yet; open it once with this "
                             "version of CSTR Desk to update it.")
        return str(value)

    def _person_of_referral(self, referral_id: int) -> int:
        person_id = self._db.value("SELECT person_id FROM referrals WHERE id = ?", (referral_id,))
        if person_id is None:
            raise NotFound("That case could not be found.")
        return int(person_id)
