"""Acceptance (issue 12): `cstr-desk export monitoring` for each of the last three months of a
demo database writes a .csv and an .xlsx that agree figure by figure, and every * in them
survives the outsider's attack (tests/core/outsider.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from outsider import read_csv, read_xlsx, worked_out

from cstr_desk.cli import main
from cstr_desk.domain import Role, SiteSettings, User
from cstr_desk.store import create_database
from cstr_desk.store.testing import cheap_kdf
from cstr_desk.store.demo import create_demo_data

PEOPLE = 150


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory):
    with cheap_kdf():
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


@pytest.fixture(scope="module")
def pathway_demo(tmp_path_factory):
    """`cstr-desk demo-data`: cases built through the pathway, a worked example of every
    branch (provider answers, PSR proposals, breaches and their outcomes, completions, meetings,
    outcome measures) and the rest over 15 months."""
    with cheap_kdf():
        path = tmp_path_factory.mktemp("pathway") / "desk.db"
        admin, _key = create_database(path, User(username="admin", full_name="Ada Admin",
                                                 role=Role.ADMINISTRATOR), "admin password 1",
                                      SiteSettings(site_name="Harbourside Magistrates' Court",
                                                   courts=["Harbourside MC"]))
        admin.close()
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("CSTR_DESK_PASSWORD", "admin password 1")
            patch.setenv("CSTR_DESK_DEMO_PASSWORD", "demo staff password")
            assert main(["demo-data", "--db", str(path), "--people", "60", "--seed", "12",
                         "--user", "admin"]) == 0
    yield path


def test_pathway_demo_months_export_alike_and_survive_the_attack(pathway_demo, tmp_path,
                                                                 monkeypatch):
    monkeypatch.setenv("CSTR_DESK_PASSWORD", "admin password 1")
    shown: set[str] = set()
    for month in last_three_months():
        files = {}
        for suffix in (".csv", ".xlsx"):
            out = tmp_path / f"return-{month}{suffix}"
            assert main(["export", "monitoring", "--db", str(pathway_demo), "--month", month,
                         "--out", str(out), "--user", "admin"]) == 0
            files[suffix] = out
        from_csv, from_xlsx = read_csv(files[".csv"]), read_xlsx(files[".xlsx"])
        assert from_csv == from_xlsx, month  # every figure, medians and means too
        assert worked_out(from_csv) == {}, month
        shown |= {figure for (_sheet, _group, figure), value in from_csv.items()
                  if value not in (0, "")}
        assert "Harbourside Magistrates' Court" in files[".csv"].read_text("utf-8")
    # The new figures are there to be checked, not all zero: provider answers, PSR proposals.
    assert {"Approved by the treatment provider", "Recommended for a CSTR by probation in a PSR",
            "Active CSTRs at the end of the month",
            "Sentencer feedback forms returned"} <= shown
