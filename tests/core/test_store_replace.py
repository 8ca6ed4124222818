"""`INSERT OR REPLACE` cannot overwrite a finalised record (issue 13, item 5): REPLACE deletes
the old row, and a delete fired no finalised-record trigger (migration 14, recursive_triggers)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from cstr_desk.store import RecordFinalised, open_with_password
from cstr_desk.store.demo import create_demo_data
from cstr_desk.store.testing import cheap_kdf, TEST_PASSWORD, make_database

# Each table with its finalised rows, as the demo data holds them.
FINALISED_ROWS = {
    "administrations": "status = 'finalised'",
    "answers": "administration_id IN (SELECT id FROM administrations WHERE status = 'finalised')",
    "assessments": "completed = 1",
    "consents": "1",
    "decisions": "1",
    "reports_issued": "1",
    "sentences": "1",
    "psr_proposals": "1",
    "provider_acceptances": "1",
    "audit_log": "1",
}


@pytest.fixture(scope="module")
def populated(tmp_path_factory) -> Path:
    with cheap_kdf():
        path = tmp_path_factory.mktemp("replace") / "court.cstr"
        admin, _ = make_database(path)
        create_demo_data(admin, 60, seed=7)
        admin.close()
    yield path


@pytest.mark.parametrize("table", sorted(FINALISED_ROWS))
def test_replace_over_a_finalised_row_is_refused(populated, table):
    with open_with_password(populated, "admin", TEST_PASSWORD) as admin:
        db = admin._db
        where = FINALISED_ROWS[table]
        before = db.rows(f"SELECT * FROM {table} WHERE {where} LIMIT 1")
        assert before, f"the demo data has no finalised row in {table}"
        # The row replaced by a copy of itself: REPLACE deletes it first, which must be refused.
        refusal = sqlcipher.IntegrityError if table == "audit_log" else RecordFinalised
        with pytest.raises(refusal, match="finalised|append-only"):
            db.execute(f"INSERT OR REPLACE INTO {table} SELECT * FROM {table} WHERE {where} "
                       "LIMIT 1")
        assert db.rows(f"SELECT * FROM {table} WHERE {where} LIMIT 1") == before


def test_replace_with_an_edited_decision_is_refused_and_the_decision_kept(populated):
    with open_with_password(populated, "admin", TEST_PASSWORD) as admin:
        db = admin._db
        decision_id, referral_id, body = db.row("SELECT id, referral_id, body FROM decisions")
        with pytest.raises(RecordFinalised):
            db.execute("INSERT OR REPLACE INTO decisions (id, referral_id, body) "
                       "VALUES (?, ?, ?)", (decision_id, referral_id, body.replace("a", "b")))
        assert db.value("SELECT body FROM decisions WHERE id = ?", (decision_id,)) == body


def _guards(sql_rows: list[tuple[str, str]], event: str) -> dict[str, str]:
    """Table -> the WHEN condition of its finalised-record trigger for `event`."""
    found = {}
    for table, sql in sql_rows:
        match = re.search(rf"BEFORE {event}( OF \w+)? ON \w+\s*(WHEN (.*?))?\s*BEGIN", sql, re.S)
        if match and "finalised" in sql:
            found[table] = (match.group(3) or "").replace("NEW.", "OLD.").strip()
    return found


def test_every_finalised_record_refuses_deletion_as_it_refuses_an_update(populated):
    with open_with_password(populated, "admin", TEST_PASSWORD) as admin:
        triggers = admin._db.rows("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
        assert admin._db.value("PRAGMA recursive_triggers") == 1
    updates, deletes = _guards(triggers, "UPDATE"), _guards(triggers, "DELETE")
    assert len(updates) >= 22
    for table, condition in updates.items():
        assert table in deletes, f"{table} can be overwritten by INSERT OR REPLACE"
        assert _without_clearing(deletes[table]) == condition, table


# Migration 18 (issue 16 item 6) lets the rows of a case in cleared_cases go, in the clearing's
# own transaction; that clause aside, a delete is refused exactly when an update is.
_CLEARING = re.compile(
    r"(\s*AND\s+)?(OLD\.referral_id|\(SELECT referral_id FROM administrations WHERE "
    r"id = OLD\.administration_id\))\s+NOT IN \(SELECT referral_id FROM cleared_cases\)"
    r"|NOT EXISTS \(SELECT 1 FROM referrals r JOIN cleared_cases c ON c\.referral_id = r\.id"
    r"\s+WHERE r\.person_id = OLD\.person_id\)")


def _without_clearing(condition: str) -> str:
    return _CLEARING.sub("", condition).strip()
