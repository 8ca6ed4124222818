"""Migration 20: decisions stored with the reasons' displayed words load with their codes, and
nothing typed outside the list is lost."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from cstr_desk.domain import (
    ClinicalLeadDecision, DecisionChannel, DecisionOutcome, DecisionReason,
)
from cstr_desk.store import records
from cstr_desk.store.connection import Database
from cstr_desk.store.decision_reason_codes import _CODES
from cstr_desk.store.keyslots import new_database_key
from cstr_desk.store.migrations import migrate

pytestmark = pytest.mark.usefixtures("fast_kdf")

NOW = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)
# The words as the decision screen stored them before migration 20.
MEETS = "Meets the criteria for a primary care MHTR (Manual §3.2, §4.1)"
ENGAGES = "The person understands the requirement and wants to engage"
SECONDARY = ("Needs secondary care: severe and enduring condition or high complexity "
             "(Manual §2.2)")


def _old_body(reasons: list[str], notes: str = "") -> str:
    body = ClinicalLeadDecision(
        referral_id=1, outcome=DecisionOutcome.TREAT, channel=DecisionChannel.TELEPHONE,
        clinical_lead_name="Dr Ní Bhriain", discussed_at=NOW, reason_notes=notes,
        recorded_by=1, recorded_at=NOW).model_dump(mode="json", exclude={"id"})
    return json.dumps({**body, "reasons": reasons}, ensure_ascii=False)


@pytest.fixture
def old_db(tmp_path):
    db = Database.open(tmp_path / "old.cstr", new_database_key(), create=True)
    migrate(db, target=19)
    with db.transaction():
        db.execute("INSERT INTO people (id, given_name, family_name, date_of_birth, "
                   "created_at) VALUES (1, 'Aoife', 'Ní Bhriain', '1980-02-03', '2024-01-01')")
        db.execute("INSERT INTO referrals (id, person_id, site, court, hearing_date, "
                   "referral_source, offence_type, plea, stage, created_at) VALUES "
                   "(1, 1, 's', 'c', '2026-11-20', 'other', 'theft', 'guilty', 'decided', "
                   "'2024-01-01')")
    yield db
    db.close()


def _insert_decision(db: Database, row_id: int, body: str) -> None:
    with db.transaction():
        db.execute("INSERT INTO decisions (id, referral_id, body) VALUES (?, 1, ?)",
                   (row_id, body))


def _triggers(db: Database) -> list[tuple]:
    return db.rows("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name "
                   "IN ('decisions', 'amendments') ORDER BY name")


def test_the_codes_are_the_domains() -> None:
    assert _CODES == {reason.value for reason in DecisionReason}


def test_stored_words_become_codes_and_other_text_joins_the_own_words(old_db) -> None:
    _insert_decision(old_db, 1, _old_body([MEETS, ENGAGES]))
    _insert_decision(old_db, 2, _old_body([SECONDARY, "Known to the CMHT", "  "],
                                         notes="Psychotic symptoms."))
    _insert_decision(old_db, 3, _old_body(["outside_site_area"], notes="Lives in Wales."))
    migrate(old_db)
    first, second, third = (records.load_document(old_db, "decision", i) for i in (1, 2, 3))
    assert first.reasons == [DecisionReason.MEETS_PRIMARY_CARE_CRITERIA,
                             DecisionReason.UNDERSTANDS_AND_WANTS_TO_ENGAGE]
    assert first.reason_notes == ""
    assert second.reasons == [DecisionReason.NEEDS_SECONDARY_CARE]
    assert second.reason_notes == "Known to the CMHT\nPsychotic symptoms."
    # Already a code (a decision typed through the store's API): left as it was.
    assert third.reasons == [DecisionReason.OUTSIDE_SITE_AREA]
    assert third.reason_notes == "Lives in Wales."


def test_a_correction_of_the_reasons_is_converted_and_keeps_unlisted_text(old_db) -> None:
    _insert_decision(old_db, 1, _old_body([MEETS]))
    with old_db.transaction():
        old_db.execute(
            "INSERT INTO amendments (record_type, record_id, person_id, field, old_value, "
            "new_value, reason, amended_by, amended_at) VALUES ('decision', 1, 1, 'reasons', "
            "?, ?, 'Ticked the wrong box', 1, ?)",
            (json.dumps([MEETS]), json.dumps([ENGAGES, "Has a key worker"]), NOW.isoformat()))
    migrate(old_db)
    decision = records.load_document(old_db, "decision", 1)
    assert decision.reasons == [DecisionReason.UNDERSTANDS_AND_WANTS_TO_ENGAGE]
    (amendment,) = records.amendments_for(old_db, "decision", 1)
    assert json.loads(amendment.old_value) == ["meets_primary_care_criteria"]
    assert amendment.reason == ("Ticked the wrong box (reasons given that match no listed "
                                "reason: Has a key worker)")


def test_the_finalised_guards_and_summary_triggers_come_back_unchanged(old_db) -> None:
    _insert_decision(old_db, 1, _old_body([MEETS]))
    before = _triggers(old_db)
    migrate(old_db)
    assert _triggers(old_db) == before and len(before) >= 5
    with pytest.raises(Exception, match="finalised"):
        old_db.execute("UPDATE decisions SET body = body WHERE id = 1")
