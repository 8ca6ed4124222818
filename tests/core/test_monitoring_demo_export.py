"""Acceptance (issue 12): `cstr-desk export monitoring` for each of the last three months of a
demo database writes a .csv and an .xlsx that agree figure by figure, and every * in them
survives the outsider's attack (tests/core/outsider.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from outsider import read_csv, read_xlsx, worked_out

from cstr_desk.cli import main
from cstr_desk.domain import Role, SiteSettings, User
from cstr_desk.store import KdfParams, create_database, set_kdf_params_for_tests
from cstr_desk.store.demo import create_demo_data

PEOPLE = 150


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory):
    set_kdf_params_for_tests(KdfParams(time_cost=1, memory_kib=1024, parallelism=1))
    path = tmp_path_factory.mktemp("demo") / "desk.db"
    admin, _key = create_database(path, User(username="admin", full_name="Ada Admin",
                                             role=Role.ADMINISTRATOR), "admin password 1",
                                  SiteSettings(site_name="Harbourside Magistrates' Court",
                                               courts=["Harbourside MC"]))
    create_demo_data(admin, PEOPLE, seed=12)
    admin.add_user(User(username="pat", full_name="Pat Practitioner", role=Role.PRACTITIONER),
                   "pat pw 12345")
    admin.close()
    yield path
    set_kdf_params_for_tests(None)


def last_three_months() -> list[str]:
    today = datetime.now(UTC).date()
    months = []
    for back in range(3):
        index = today.year * 12 + today.month - 1 - back
        months.append(f"{index // 12}-{index % 12 + 1:02d}")
    return months


def test_each_recent_month_exports_alike_in_csv_and_xlsx_and_survives_the_attack(
        demo_database, tmp_path, monkeypatch):
    monkeypatch.setenv("CSTR_DESK_PASSWORD", "pat pw 12345")
    stars = 0
    for month in last_three_months():
        files = {}
        for suffix in (".csv", ".xlsx"):
            out = tmp_path / f"return-{month}{suffix}"
            assert main(["export", "monitoring", "--db", str(demo_database), "--month", month,
                         "--out", str(out), "--user", "pat"]) == 0
            files[suffix] = out
        from_csv, from_xlsx = read_csv(files[".csv"]), read_xlsx(files[".xlsx"])
        assert from_csv == from_xlsx, month  # the same figures and the same *
        assert worked_out(from_csv) == {}, month
        assert worked_out(from_xlsx) == {}, month
        stars += sum(value is None for value in from_csv.values())
    assert stars  # the attack had something to attack
