"""The store's cstr-desk subcommands, end to end through cli.main."""

from __future__ import annotations

import json
import re

import pytest

from cstr_desk.cli import main

PASSWORD = "a long admin password; with 'quotes'"


@pytest.fixture(autouse=True)
def password_in_environment(fast_kdf, monkeypatch) -> None:
    monkeypatch.setenv("CSTR_DESK_PASSWORD", PASSWORD)


def test_init_users_demo_verify_backup_export_restore(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "court.cstr")
    assert main(["init", "--db", db, "--court", "Court 1", "--admin-name", "Ada"]) == 0
    printed = capsys.readouterr().out
    recovery = re.search(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){13}", printed).group(0)
    assert PASSWORD not in printed
    monkeypatch.setenv("CSTR_DESK_NEW_PASSWORD", "lena's own password")
    assert main(["users", "add", "--db", db, "lena", "--full-name", "Lena",
                 "--role", "ld_worker"]) == 0
    monkeypatch.setenv("CSTR_DESK_DEMO_PASSWORD", "demo staff password")
    capsys.readouterr()
    assert main(["demo-data", "--db", db, "--people", "6", "--seed", "4"]) == 0
    shown = capsys.readouterr().err.splitlines()
    assert shown[0] == "  adding cases: 0% (0 of 6)" and shown[-1] == "  adding cases: 100% (6 of 6)"
    assert main(["verify", "--db", db]) == 0
    assert main(["backup", "--db", db, "--out", str(tmp_path / "b.backup")]) == 0
    assert main(["export-person", "--db", db, "--person", "3",
                 "--out", str(tmp_path / "p3.json")]) == 0
    assert json.loads((tmp_path / "p3.json").read_text("utf-8"))["person"]["id"] == 3
    assert main(["users", "remove", "--db", db, "lena"]) == 0
    capsys.readouterr()
    assert main(["users", "list", "--db", db]) == 0
    assert "(removed)" in capsys.readouterr().out
    (tmp_path / "court.cstr.keys").unlink()
    assert main(["verify", "--db", db]) == 1
    assert "recovery key" in capsys.readouterr().err
    (tmp_path / "rk.txt").write_text(recovery + "\n")
    assert main(["restore", "--from", str(tmp_path / "b.backup"), "--db", db,
                 "--recovery-key-file", str(tmp_path / "rk.txt")]) == 0
    assert main(["verify", "--db", db]) == 0  # the backup's key slots came back with it


def test_wrong_password_is_a_plain_message_and_exit_code(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "court.cstr")
    main(["init", "--db", db, "--court", "Court 1"])
    monkeypatch.setenv("CSTR_DESK_PASSWORD", "not the password at all")
    assert main(["verify", "--db", db]) == 1
    assert "password is not right" in capsys.readouterr().err


def test_init_names_the_site_after_its_court_and_the_return_prints_it(tmp_path, capsys):
    """The monthly return names the site as set up, never a stand-in such as "CSTR site"."""
    db = str(tmp_path / "court.cstr")
    assert main(["init", "--db", db, "--court", "Cardiff Magistrates' Court"]) == 0
    out = tmp_path / "r.csv"
    assert main(["export", "monitoring", "--db", db, "--month", "2026-03", "--out", str(out),
                 "--user", "admin"]) == 0
    sites = {line.split(",")[0] for line in out.read_text("utf-8").splitlines()[1:]}
    assert sites == {"Cardiff Magistrates' Court"}
    named = str(tmp_path / "named.cstr")
    assert main(["init", "--db", named, "--court", "Court 1", "--site", "Harbour CSTR"]) == 0
    assert main(["export", "monitoring", "--db", named, "--month", "2026-03", "--out", str(out),
                 "--user", "admin", "--force"]) == 0  # the same file again: asked for
    assert out.read_text("utf-8").splitlines()[1].startswith("Harbour CSTR,")
