"""Every migration, upgrading a database created at every earlier version."""

from __future__ import annotations

import json

import pytest

from cstr_desk.domain import SiteSettings
from cstr_desk.store import open_with_password
from cstr_desk.store.connection import Database
from cstr_desk.store.keyslots import new_database_key
from cstr_desk.store.migrations import LATEST_VERSION, MIGRATIONS, migrate, schema_version
from cstr_desk.store.testing import TEST_PASSWORD, make_database


pytestmark = pytest.mark.usefixtures("fast_kdf")


def _seed_at_version(db: Database, version: int) -> None:
    """Rows as a database at `version` would hold them (v1 has people without search keys)."""
    if version < 1:
        return
    with db.transaction():
        db.execute("INSERT INTO users (id, username, full_name, role, created_at) VALUES "
                   "(1, 'admin', 'A', 'administrator', '2024-01-01')")
        db.execute("INSERT INTO people (id, given_name, family_name, date_of_birth, pnc_number, "
                   "created_at) VALUES (1, 'Zoë', 'O''Brien', '1980-02-03', '19/12345z', "
                   "'2024-01-01')")
        db.execute("INSERT INTO referrals (id, person_id, site, court, hearing_date, "
                   "referral_source, offence_type, plea, stage, created_at) VALUES "
                   "(1, 1, 's', 'c', '2024-05-01', 'other', 'theft', 'guilty', 'screened', "
                   "'2024-01-01')")
        db.execute("INSERT INTO administrations (id, referral_id, instrument_id, form_hash, "
                   "mode, status, started_at, started_by) VALUES (1, 1, 'k10', 'h', "
                   "'practitioner', 'finalised', '2024-01-01T00:00:00+00:00', 1)")
        settings = {"site_name": "s", "courts": ["c"]}
        if version < 15:
            settings["k10_band_scheme"] = "andrews_slade"
        db.execute("INSERT INTO site_settings (id, body) VALUES (1, ?)", (json.dumps(settings),))


def test_migration_list_is_numbered_without_gaps():
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))
    assert LATEST_VERSION >= 3


@pytest.mark.parametrize("start", range(0, LATEST_VERSION + 1))
def test_upgrade_from_every_version(tmp_path, start):
    db = Database.open(tmp_path / "old.cstr", new_database_key(), create=True)
    try:
        assert migrate(db, target=start) == start
        _seed_at_version(db, start)
        assert migrate(db) == LATEST_VERSION
        assert schema_version(db) == LATEST_VERSION
        indexes = {r[0] for r in db.rows("SELECT name FROM sqlite_master WHERE type='index'")}
        assert {"people_family_key", "people_date_of_birth", "people_pnc_key"} <= indexes
        assert db.value("SELECT count(*) FROM sqlite_master WHERE name='amendments'") == 1
        if 1 <= start < 3:
            # v3 filled the search keys for people who were already there.
            assert db.row("SELECT given_key, family_key, pnc_key FROM people WHERE id = 1") == (
                "zoe", "obrien", "19/0012345Z")
        if start >= 1:
            with pytest.raises(Exception, match="finalised"):
                db.execute("INSERT INTO answers VALUES (1, '1', 2, 'now', 1)")
        if start >= 1:
            # v15 took the unused K10 band scheme out of the stored settings, which now load.
            SiteSettings.model_validate_json(db.value("SELECT body FROM site_settings"))
        assert migrate(db) == LATEST_VERSION  # running again changes nothing
    finally:
        db.close()


def test_current_databases_open_at_latest_version(tmp_path):
    make_database(tmp_path / "new.cstr")[0].close()
    with open_with_password(tmp_path / "new.cstr", "admin", TEST_PASSWORD) as admin:
        assert schema_version(admin._db) == LATEST_VERSION
