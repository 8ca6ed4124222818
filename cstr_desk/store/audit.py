"""The audit trail: append-only and hash-chained.

Each row's hash covers its own fields and the previous row's hash, so editing or deleting any
row breaks every hash after it; the head (row count and last hash) is kept in `meta` in the
same transaction, and after the commit in the authenticated head file beside the database
(audit_head.py), so removing the newest rows, or recomputing the chain after an edit, is caught
too. Triggers refuse UPDATE and DELETE on the table. Someone holding the database key could
still rewrite the whole chain and both heads (README, "the insider limit"); the audit reference
printed on each issued report is what then still shows it. The chain exists to make quiet edits
visible, the encryption to keep everyone else out.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import sqlcipher3.dbapi2 as sqlcipher

from cstr_desk.domain import AuditAction, AuditEntry
from cstr_desk.store.audit_head import AuditHeadFile, AuditHeadUnreadable, AuditPoint
from cstr_desk.store.connection import Database
from cstr_desk.store.errors import AuditTrailDamaged, InvalidRecord

GENESIS = "0" * 64
_HEAD_KEY = "audit_head"
# In `meta` once the database has had a head file, so a head file deleted is not taken for a
# database from before head files.
_HEAD_FILE_KEY = "audit_head_file"
_REFERENCE = re.compile(r"(\d{1,18})-([0-9a-f]{4,64})")


def _row_hash(previous: str, row: tuple) -> str:
    canonical = json.dumps([previous, *row], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _head(db: Database) -> tuple[int, str]:
    stored = db.value("SELECT value FROM meta WHERE key = ?", (_HEAD_KEY,))
    if stored is None:
        return 0, GENESIS
    count, _, last = str(stored).partition(":")
    if not count.isdigit() or len(last) != len(GENESIS):
        raise AuditTrailDamaged("its recorded head cannot be read.")
    return int(count), last


@contextmanager
def _appending(db: Database) -> Iterator[None]:
    """One transaction adding entries. SQLite's own error for a missing table or column (a
    schema altered outside the app) becomes a plain refusal, not a traceback at sign-in."""
    try:
        with db.transaction():
            yield
    except sqlcipher.Error as error:
        raise AuditTrailDamaged("its table cannot be written.") from error


def append(db: Database, user_id: int | None, action: AuditAction, record_type: str | None = None,
           record_id: int | None = None, person_id: int | None = None, detail: str = "",
           at: datetime | None = None) -> None:
    """Adds one entry; call inside the transaction that makes the change it describes."""
    when = (at or datetime.now(UTC)).isoformat()
    with _appending(db):
        count, previous = _head(db)
        row_id = int(db.value("SELECT coalesce(max(id), 0) + 1 FROM audit_log"))
        row = (row_id, when, user_id, str(action), record_type, record_id, person_id, detail)
        digest = _row_hash(previous, row)
        db.execute("INSERT INTO audit_log (id, at, user_id, action, record_type, record_id, "
                   "person_id, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (*row, digest))
        _record_head(db, AuditPoint(count + 1, digest))


def append_many(db: Database, user_id: int | None, action: AuditAction,
                entries: list[tuple[str | None, int | None, int | None, str]],
                at: datetime | None = None) -> None:
    """Adds one entry per (record type, record id, person id, detail), chained in order, as
    `append` would one by one: for a bulk export's one entry per case (50,000 in a month),
    where reading the head and the last id again for each entry took longer than the rest."""
    when = (at or datetime.now(UTC)).isoformat()
    with _appending(db):
        count, previous = _head(db)
        row_id = int(db.value("SELECT coalesce(max(id), 0) + 1 FROM audit_log"))
        rows = []
        for record_type, record_id, person_id, detail in entries:
            row = (row_id, when, user_id, str(action), record_type, record_id, person_id, detail)
            previous = _row_hash(previous, row)
            rows.append((*row, previous))
            row_id += 1
        if not rows:
            return
        db.executemany("INSERT INTO audit_log (id, at, user_id, action, record_type, "
                       "record_id, person_id, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       rows)
        _record_head(db, AuditPoint(count + len(rows), previous))


def _record_head(db: Database, point: AuditPoint) -> None:
    """The new head in `meta`, in the entries' own transaction, and in the head file once
    that transaction has committed (a file written earlier could get ahead of a rollback)."""
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
               (_HEAD_KEY, f"{point.count}:{point.head}"))
    head_file = db.audit_head_file
    if head_file is not None:
        db.after_commit("audit-head", lambda: head_file.write_after_commit(point))


def current_point(db: Database) -> AuditPoint:
    """The head as the database records it: the point an issued report names."""
    return AuditPoint(*_head(db))


def _stored_hash(db: Database, count: int) -> str | None:
    if count == 0:
        return GENESIS
    return db.value("SELECT hash FROM audit_log WHERE id = ?", (count,))


def keep_head_outside(db: Database, database_key: bytes) -> None:
    """At sign-in: the head file is checked against the table (cheaply: the newest entry and
    the entry at the file's count; `verify` walks the whole chain), then kept up to date after
    each commit. A database without one yet (made before head files) is given one now."""
    head_file = AuditHeadFile(db.path, database_key)
    try:
        newest = int(db.value("SELECT coalesce(max(id), 0) FROM audit_log"))
        problems = _meta_problems(db, newest) + _file_problems(db, head_file, newest)
    except sqlcipher.Error as error:
        raise AuditTrailDamaged("its table cannot be read.") from error
    if problems:
        raise AuditTrailDamaged(problems[0][0].lower() + problems[0][1:])
    if head_file.read() is None:
        # The file first, then the mark: a crash between them leaves a file and no mark, which
        # the next sign-in takes as it finds it.
        head_file.write(current_point(db))
        with db.transaction():
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')",
                       (_HEAD_FILE_KEY,))
    db.audit_head_file = head_file


def _meta_problems(db: Database, newest: int) -> list[str]:
    count, head = _head(db)
    if count > newest:
        return ["The newest audit entries have been removed."]
    if (count, head) != (newest, _stored_hash(db, newest)):
        return ["The audit trail's recorded head does not match its newest entry."]
    return []


def _file_problems(db: Database, head_file: AuditHeadFile, newest: int) -> list[str]:
    """The head file against the table. A file behind the table is what a crash between a
    commit and the file's write leaves, and is accepted when the chain proves it: the entry at
    the file's count has the file's hash."""
    try:
        outside = head_file.read()
    except AuditHeadUnreadable as error:
        return [error.message]
    if outside is None:
        if db.value("SELECT value FROM meta WHERE key = ?", (_HEAD_FILE_KEY,)) is not None:
            return ["The audit head file is missing."]
        return []
    if outside.count > newest:
        return [f"The audit head file records {outside.count} audit entries but the database "
                f"holds {newest}: the newest entries have been removed."]
    if _stored_hash(db, outside.count) != outside.head:
        return [f"Audit entry {outside.count} is not the one the audit head file records: the "
                "audit trail has been rewritten."]
    return []


def verify_chain(db: Database, head_file: AuditHeadFile | None = None) -> list[str]:
    """Problems found, in plain words; an empty list means the chain is whole, and agrees with
    `head_file` when one is given."""
    try:
        problems = _chain_problems(db)
        if head_file is not None:
            newest = int(db.value("SELECT coalesce(max(id), 0) FROM audit_log"))
            problems += _file_problems(db, head_file, newest)
    except sqlcipher.Error:
        return ["The audit trail's table cannot be read."]
    return problems


def parse_reference(reference: str) -> tuple[int, str]:
    """(entry count, start of its hash) from an issued report's "N-xxxxxxxx"; InvalidRecord
    for text that is not one."""
    match = _REFERENCE.fullmatch(reference.strip().lower())
    if match is None:
        raise InvalidRecord(f"“{reference}” is not an audit reference; a report prints one as "
                            "“Audit ref 1234-0f3a9c2e”.")
    return int(match.group(1)), match.group(2)


def reference_problems(db: Database, head_file: AuditHeadFile | None,
                       reference: tuple[int, str]) -> list[str]:
    """Whether the database still holds the point of the chain an issued report printed:
    entry N, with a hash starting so, and a head file that has not gone back before it."""
    count, prefix = reference
    stored = _stored_hash(db, count)
    if stored is None:
        return [f"The database no longer holds audit entry {count}, which the reference names: "
                "entries have been removed since the report was made."]
    if not stored.startswith(prefix):
        return [f"Audit entry {count} is not the one the reference names: the audit trail has "
                "been changed since the report was made."]
    outside = None
    if head_file is not None:
        try:
            outside = head_file.read()
        except AuditHeadUnreadable:
            outside = None  # verify's chain check says so
    if outside is not None and outside.count < count:
        return [f"The audit head file records {outside.count} audit entries, fewer than the "
                f"{count} the reference names: an older copy of it has been put back."]
    return []


def _chain_problems(db: Database) -> list[str]:
    problems: list[str] = []
    previous, count = GENESIS, 0
    rows = db.rows("SELECT id, at, user_id, action, record_type, record_id, person_id, detail, "
                   "hash FROM audit_log ORDER BY id")
    for *row, stored in rows:
        count += 1
        if row[0] != count:
            problems.append(f"Audit entry {count} is missing (the next entry is {row[0]}).")
            count = row[0]
        if _row_hash(previous, tuple(row)) != stored:
            problems.append(f"Audit entry {row[0]} has been changed or an entry before it "
                            "was removed.")
            break
        previous = stored
    head_count, head_hash = _head(db)
    if not problems and (head_count, head_hash) != (count, previous):
        problems.append("The newest audit entries have been removed.")
    return problems


def entries(db: Database, person_id: int | None = None) -> list[AuditEntry]:
    sql = ("SELECT id, at, user_id, action, record_type, record_id, person_id, detail "
           "FROM audit_log")
    params: tuple = ()
    if person_id is not None:
        sql += " WHERE person_id = ?"
        params = (person_id,)
    return [
        AuditEntry(id=i, at=datetime.fromisoformat(at), user_id=u, action=AuditAction(a),
                   record_type=rt, record_id=ri, person_id=p, detail=d)
        for i, at, u, a, rt, ri, p, d in db.rows(sql + " ORDER BY id", params)
    ]
