"""The audit trail's head kept outside the database: `<db>.audit-head` (issue 13, item 5).

Inside the database the head (entry count and newest hash) sits in `meta`, where whoever edits
the table can rewrite it too: deleting the newest entries and the head together, or recomputing
every hash after an edit, leaves a chain that checks. So the head is also kept in a small file
beside the database, authenticated with HMAC-SHA256 under a key derived from the database key
(subkeys.py, purpose "audit-head/1"), and rewritten after each commit that adds entries.

The file holds two fixed-size records, each with a sequence number; a write goes over the older
one, in place, and is flushed to disk. A power cut that tears a write spoils only the record
being written, and the other is the head one commit earlier. Since the file is written after
the commit, a crash can leave it behind the database, never ahead: `check` accepts a file whose
count is at most the table's and whose head is the stored hash of the entry at that count (the
chain proves the rest), and refuses any other difference.

What this does not stop is said in README's security section: whoever holds a password can
derive the database key and rewrite this file as well. An older copy of the file put back is
consistent too, which is why issued reports print an audit reference (`AuditPoint.reference`).
"""

from __future__ import annotations

import logging
import os
import struct
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.hmac import HMAC

from cstr_desk.store.errors import StoreError
from cstr_desk.store.files import (
    UnusableSideFile, audit_head_path, read_side_file, write_atomically,
)
from cstr_desk.store.subkeys import derive_subkey

log = logging.getLogger("cstr_desk.store")

PURPOSE = "audit-head/1"
MAGIC = b"CSTRAH01"
_FIELDS = struct.Struct(">8sQQ32s")  # magic, sequence, entry count, head hash
_MAC_BYTES = 32
RECORD_BYTES = _FIELDS.size + _MAC_BYTES
FILE_BYTES = 2 * RECORD_BYTES
# An audit reference names the head by this many hex digits: 32 bits, enough that an altered
# chain matching a printed reference by chance is a one in four thousand million event.
REFERENCE_DIGITS = 8


@dataclass(frozen=True)
class AuditPoint:
    """A point in the chain: `count` entries, the newest with hash `head`."""

    count: int
    head: str

    @property
    def reference(self) -> str:
        """What a report prints: "N-xxxxxxxx"."""
        return f"{self.count}-{self.head[:REFERENCE_DIGITS]}"


class AuditHeadUnreadable(StoreError):
    """The head file is there but neither record checks."""


def _mac(mac_key: bytes, fields: bytes) -> bytes:
    signer = HMAC(mac_key, hashes.SHA256())
    signer.update(fields)
    return signer.finalize()


def _record(mac_key: bytes, sequence: int, point: AuditPoint) -> bytes:
    fields = _FIELDS.pack(MAGIC, sequence, point.count, bytes.fromhex(point.head))
    return fields + _mac(mac_key, fields)


def _parse(mac_key: bytes, raw: bytes) -> tuple[int, AuditPoint] | None:
    """(sequence, point) of a record that checks; None for a torn, damaged or foreign one."""
    if len(raw) != RECORD_BYTES:
        return None
    fields, mac = raw[:_FIELDS.size], raw[_FIELDS.size:]
    verifier = HMAC(mac_key, hashes.SHA256())
    verifier.update(fields)
    try:
        verifier.verify(mac)
    except InvalidSignature:
        return None
    magic, sequence, count, head = _FIELDS.unpack(fields)
    return (sequence, AuditPoint(count, head.hex())) if magic == MAGIC else None


class AuditHeadFile:
    """One database's head file, kept up to date by the session signed in to it."""

    def __init__(self, db_path: Path, database_key: bytes) -> None:
        self.path = audit_head_path(Path(db_path))
        self._mac_key = derive_subkey(database_key, PURPOSE)
        self._sequence: int | None = None  # of the newest record, once read or written

    def read(self) -> AuditPoint | None:
        """The newest record that checks; None if there is no file; AuditHeadUnreadable when
        there is one and neither record checks (damaged, or written under another key)."""
        try:
            data = read_side_file(self.path, FILE_BYTES)
        except FileNotFoundError:
            return None
        except (UnusableSideFile, OSError) as error:
            raise AuditHeadUnreadable("The audit head file cannot be read.") from error
        found = [_parse(self._mac_key, data[start:start + RECORD_BYTES])
                 for start in (0, RECORD_BYTES)]
        valid = [record for record in found if record is not None]
        if not valid:
            raise AuditHeadUnreadable("The audit head file is damaged, or was written with "
                                      "another database key.")
        sequence, point = max(valid, key=lambda record: record[0])
        self._sequence = sequence
        return point

    def write(self, point: AuditPoint) -> None:
        """Over the older record, in place (record N goes to slot N mod 2), flushed to disk."""
        if self._sequence is None:
            self._write_new(point)
            return
        sequence = self._sequence + 1
        flags = os.O_WRONLY | getattr(os, "O_BINARY", 0)
        fd = os.open(self.path, flags)
        try:
            os.lseek(fd, (sequence % 2) * RECORD_BYTES, os.SEEK_SET)
            os.write(fd, _record(self._mac_key, sequence, point))
            os.fsync(fd)
        finally:
            os.close(fd)
        self._sequence = sequence

    def _write_new(self, point: AuditPoint) -> None:
        """A whole new file, both records the same point, replaced atomically."""
        write_atomically(self.path, _record(self._mac_key, 0, point) +
                         _record(self._mac_key, 1, point))
        self._sequence = 1

    def write_after_commit(self, point: AuditPoint) -> None:
        """After a commit the entries are saved whatever happens here: a file that cannot be
        written now stays behind the database (which `check` accepts) until the next commit."""
        try:
            self.write(point)
        except (OSError, StoreError):
            log.warning("the audit head file could not be written; the next change retries")
            self._sequence = None


def write_audit_head(db_path: Path, database_key: bytes, count: int, head: str) -> None:
    """A new head file for the database at `db_path`, under `database_key`: for a restore or a
    re-key, which give a database a chain or a key its old head file does not match. To have it
    replace the old file in the same swap, write it for the staged database
    (`write_audit_head(swap.incoming_database(db), new_key, count, head)`); swap.py moves it."""
    AuditHeadFile(db_path, database_key)._write_new(AuditPoint(count, head))
