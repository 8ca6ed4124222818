"""`cstr-desk export monitoring`: arguments, the password kept off the command line, plain
errors, and (once the store has `monitoring_rows`) a real export."""

from __future__ import annotations

import argparse
from datetime import date

import pytest

from cstr_desk.cli import build_parser, main
from cstr_desk.domain import Role, SiteSettings, User
from cstr_desk.store import create_database, monitoring_summary, open_with_password
from cstr_desk.store.demo import create_demo_data
from cstr_desk.arguments import month as parse_month


def test_month_is_read_as_yyyy_mm_with_a_plain_error():
    assert parse_month("2026-03") == date(2026, 3, 1)
    with pytest.raises(argparse.ArgumentTypeError, match="YYYY-MM"):
        parse_month("03/2026")


def test_the_command_takes_no_password_argument():
    args = build_parser().parse_args(["export", "monitoring", "--db", "x.db", "--month", "2026-03",
                                      "--out", "r.xlsx", "--user", "pat"])
    assert args.month == date(2026, 3, 1) and not hasattr(args, "password")


@pytest.fixture
def database(tmp_path, fast_kdf):
    path = tmp_path / "desk.db"
    admin, _key = create_database(path, User(username="admin", full_name="Ada Admin",
                                             role=Role.ADMINISTRATOR), "admin password 1",
                                  SiteSettings(site_name="Testbed", courts=["Testbed MC"]))
    admin.add_user(User(username="pat", full_name="Pat Practitioner", role=Role.PRACTITIONER), "pat pw 12345")
    admin.close()
    yield path


def test_a_wrong_password_from_the_environment_is_refused_plainly(database, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CSTR_DESK_PASSWORD", "not the password")
    code = main(["export", "monitoring", "--db", str(database), "--month", "2026-03",
                 "--out", str(tmp_path / "r.csv"), "--user", "pat"])
    assert code == 1 and "password" in capsys.readouterr().err.lower()
    assert not (tmp_path / "r.csv").exists()


def test_export_writes_the_workbook(database, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CSTR_DESK_PASSWORD", "pat pw 12345")
    out = tmp_path / "r.xlsx"
    assert main(["export", "monitoring", "--db", str(database), "--month", "2026-03",
                 "--out", str(out), "--user", "pat"]) == 0
    assert out.read_bytes()[:2] == b"PK" and "01/03/2026 to 31/03/2026" in capsys.readouterr().out


def test_the_first_export_shows_its_summarising_progress(database, tmp_path, monkeypatch, capsys):
    # After an upgrade every referral is summarised once (50,000 take seconds, in batches of
    # 5,000); here 60 demo cases in batches of 20.
    with open_with_password(database, "admin", "admin password 1") as admin:
        create_demo_data(admin, 60, seed=4)
    monkeypatch.setattr(monitoring_summary, "_BATCH", 20)
    monkeypatch.setenv("CSTR_DESK_PASSWORD", "pat pw 12345")
    command = ["export", "monitoring", "--db", str(database), "--month", "2026-03", "--user", "pat"]
    assert main([*command, "--out", str(tmp_path / "first.csv")]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"  summarising referrals for the return: {percent}% ({done} of 60)"
        for percent, done in ((0, 0), (30, 20), (60, 40), (100, 60))]
    assert main([*command, "--out", str(tmp_path / "second.csv")]) == 0
    assert capsys.readouterr().err == ""  # all summarised: nothing to wait for
