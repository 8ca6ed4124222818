"""The encrypted case store: SQLCipher 4, key slots per account, audit trail, backups.

No Qt here. See /work/briefs/store_api.md for the contract other parts call.
"""

from __future__ import annotations

from cstr_desk.store.backup import restore_backup
from cstr_desk.store.errors import (
    BackupInvalid, BackupOfAnotherDatabase, DatabaseInUse, DatabaseTampered, DiskFull, InvalidRecord, KeySlotFileMissing,
    NotACstrDatabase, NotFound, PermissionDenied, RecordFinalised, RecoveryKeyMistyped,
    RekeyUnfinished, SignInDelayed, StoreError, WrongPassword,
)
from cstr_desk.store.keyslots import KdfParams, set_kdf_params_for_tests
from cstr_desk.store.opening import (
    Store, create_database, open_colleague, open_with_password, open_with_recovery_key,
)
from cstr_desk.store.recovery import RecoveryKey
from cstr_desk.store.rekey import Rekeyed
from cstr_desk.store.session import Session, VerifyReport
from cstr_desk.store.session_base import SessionLocked
from cstr_desk.store.validation import nhs_number_is_valid

__all__ = [
    "BackupInvalid", "BackupOfAnotherDatabase", "DatabaseInUse", "DatabaseTampered", "DiskFull", "InvalidRecord",
    "KdfParams", "KeySlotFileMissing", "NotACstrDatabase", "NotFound", "PermissionDenied",
    "RecordFinalised", "RecoveryKey", "RecoveryKeyMistyped", "Rekeyed", "RekeyUnfinished",
    "Session", "SessionLocked",
    "SignInDelayed", "Store", "StoreError", "VerifyReport", "WrongPassword", "create_database",
    "nhs_number_is_valid", "open_colleague", "open_with_password", "open_with_recovery_key", "restore_backup",
    "set_kdf_params_for_tests",
]
