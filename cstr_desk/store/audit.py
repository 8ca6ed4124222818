"""The audit trail: append-only and hash-chained.

Each row's hash covers its own fields and the previous row's hash, so editing or deleting any
row breaks every hash after it; the head (row count and last hash) is kept in `meta` in the
same transaction, so removing the newest rows is caught too. Triggers refuse UPDATE and DELETE
on the table. Someone holding the database key could still rewrite the whole chain; the chain
exists to make quiet edits visible, the encryption to keep everyone else out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import sqlcipher3.dbapi2 as sqlcipher

from cstr_desk.domain import AuditAction, AuditEntry
from cstr_desk.store.connection import Database
from cstr_desk.store.errors import AuditTrailDamaged

GENESIS = "0" * 64
_HEAD_KEY = "audit_head"


def _row_hash(previous: str, row: tuple) -> str:
    canonical = json.dumps([previous, *row], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _head(db: Database) -> tuple[int, str]:
    stored = db.value("SELECT value FROM meta WHERE key = ?", (_HEAD_KEY,))
    if stored is None:
        return 0, GENESIS
    count, _, last = str(stored).partition(":")
    if not count.isdigit() or len(last) != len(GENESIS):
        raise AuditTrailDamaged("its recorded head cannot be read")
    return int(count), last


@contextmanager
def _appending(db: Database) -> Iterator[None]:
    """One transaction adding entries. SQLite's own error for a missing table or column (a
    schema altered outside the app) becomes a plain refusal, not a traceback at sign-in."""
    try:
        with db.transaction():
            yield
    except sqlcipher.Error as error:
        raise AuditTrailDamaged("its table cannot be written") from error


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
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                   (_HEAD_KEY, f"{count + 1}:{digest}"))


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
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                   (_HEAD_KEY, f"{count + len(rows)}:{previous}"))


def verify_chain(db: Database) -> list[str]:
    """Problems found, in plain words; an empty list means the chain is whole."""
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
