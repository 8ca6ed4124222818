"""Everything that can go wrong with the store, each with a message a court user can act on.

Every error leaves the files as they were: the store checks before it writes, and every write
is one transaction, so a failure rolls back to the last saved state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cstr_desk.permission_words import refusal_words
from cstr_desk.permissions import Refusal

if TYPE_CHECKING:
    from cstr_desk.store.rekey import Rekeyed


class StoreError(Exception):
    """Base class: `.message` is plain words for the person at the desk."""

    default_message = "Something went wrong with the database."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class WrongPassword(StoreError):
    default_message = "The username or password is not right. Please try again."


class SignInDelayed(StoreError):
    """Too many failed sign-ins for one username: the next try must wait."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        wait = max(1, round(seconds))
        unit = "second" if wait == 1 else "seconds"
        super().__init__(
            f"Too many wrong passwords for this username. Please wait {wait} {unit} and try again."
        )


class RecoveryKeyMistyped(StoreError):
    default_message = (
        "The recovery key has a typing mistake (its check letters do not match). "
        "Please check each group of letters against the printed copy."
    )


class NotACstrDatabase(StoreError):
    default_message = "This file is not a CSTR Desk database. Please choose the right file."


class DatabaseTampered(StoreError):
    default_message = (
        "Part of the database is damaged or has been changed outside CSTR Desk. "
        "Nothing more has been written to it. Please restore the latest backup "
        "(administrator: `cstr-desk restore`)."
    )


class AuditTrailDamaged(StoreError):
    """The audit trail cannot be read or does not hold together: every change is audited, so
    nothing can be recorded until it is put right."""

    def __init__(self, found: str) -> None:
        super().__init__(
            f"The database's audit trail is damaged or has been changed outside CSTR Desk: "
            f"{found} Nothing has been written to it. Please restore the latest backup "
            "(administrator: `cstr-desk restore`); the database is kept beside it as it is.")


class DatabaseInUse(StoreError):
    default_message = (
        "The database is already open in another copy of CSTR Desk on this computer. "
        "Please close that copy first."
    )


class DiskFull(StoreError):
    default_message = (
        "The disk is full, so the last change could not be saved. Everything saved before "
        "is safe. Please free some space and try again."
    )


class KeySlotFileMissing(StoreError):
    default_message = (
        "The key file that goes with this database is missing, so passwords cannot open it. "
        "An administrator can open it with the recovery key printed at set-up, then set "
        "passwords again."
    )


class KeySlotFromAnotherKey(StoreError):
    """The password opened its slot, but the key inside is not this database's key."""

    default_message = (
        "This account's key slot does not belong to this database: it was copied from another "
        "database's key file, or from before the database's key was changed. The database has "
        "not been touched. An administrator can set this account's password again."
    )


class RekeyUnfinished(StoreError):
    """A re-key's swap stopped part way; its journal finishes it at the next sign-in. It
    carries the re-key's outcome, because its new recovery key is the only one that will open
    the database then, and nothing else can show it."""

    default_message = (
        "The re-key could not be finished just now. Please sign in again: it is finished "
        "then, and nothing saved is lost. Store the new recovery key now: once the re-key is "
        "finished, the old one no longer opens the database."
    )

    def __init__(self, outcome: Rekeyed) -> None:
        self.outcome = outcome
        super().__init__()


class PermissionDenied(StoreError):
    """`.refusal` holds the codes, for an edge that words them itself; `.message` is their
    sentence from cstr_desk/permission_words, the one place refusals are worded."""

    def __init__(self, refusal: Refusal) -> None:
        self.refusal = refusal
        super().__init__(refusal_words(refusal))


class RecordFinalised(StoreError):
    default_message = (
        "This record is finalised and cannot be changed. Record a correction (amendment) "
        "with a reason instead."
    )


class NotFound(StoreError):
    default_message = "That record could not be found."


class InvalidRecord(StoreError):
    default_message = "Some of the details are not valid."


class NumberTooLarge(InvalidRecord):
    """SQLite's integers are 64-bit; the driver refuses a larger one before the statement runs,
    so nothing was read or written (issue 13: `--person 99999999999999999999`)."""

    default_message = ("A number given is larger than any record number or value the database "
                       "holds (at most 9223372036854775807).")


class BackupInvalid(StoreError):
    default_message = (
        "This backup file cannot be used: it is not a CSTR Desk backup or it is damaged. "
        "The current database has not been changed."
    )


class BackupOfAnotherDatabase(StoreError):
    default_message = (
        "This backup is not of the database it would replace: it was made from another "
        "database. Restoring it would put that "
        "database's records and accounts here. Nothing has been changed. If that is really "
        "what you want, restore again and say so (cstr-desk restore --other-database)."
    )
