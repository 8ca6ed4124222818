"""The support note written for an unexpected error (issue 15, item 5): where it happened, never
what it was about."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ValidationError

from cstr_desk import fault_log

PERSONAL = ("Siân Ó Briain", "9434765919", "14/07/1991")


class _Person(BaseModel):
    nhs_number: int


def _raise_about_a_person() -> None:
    try:
        _Person(nhs_number="Siân Ó Briain 9434765919")  # type: ignore[arg-type]
    except ValidationError as error:
        raise RuntimeError(f"could not save answers for {PERSONAL[0]} born {PERSONAL[2]}") \
            from error


def _caught() -> BaseException:
    try:
        _raise_about_a_person()
    except RuntimeError as error:
        return error
    raise AssertionError("no error")


def test_a_note_says_where_and_what_kind_but_never_the_message() -> None:
    note = fault_log.fault_note(_caught(), datetime(2026, 12, 2, 9, 30, tzinfo=UTC))
    assert note.startswith("2026-12-02 09:30:00 UTC  unexpected error\n")
    assert "pydantic_core._pydantic_core.ValidationError" in note
    assert "builtins.RuntimeError" in note
    assert note.index("ValidationError") < note.index("RuntimeError")  # the cause first
    assert "in _raise_about_a_person" in note and "test_fault_log.py:" in note
    for detail in PERSONAL:
        assert detail not in note
    assert "nhs_number" not in note and "could not save" not in note


def test_the_log_is_owner_only_appended_and_kept_small(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "CSTR Desk"
    log = fault_log.record_fault(folder, _caught())
    assert log == folder / fault_log.LOG_NAME
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    fault_log.record_fault(folder, _caught())
    assert log.read_text("utf-8").count("unexpected error") == 2
    monkeypatch.setattr(fault_log, "MAX_BYTES", log.stat().st_size - 1)
    fault_log.record_fault(folder, _caught())
    assert log.read_text("utf-8").count("unexpected error") == 1
    assert (folder / (fault_log.LOG_NAME + ".1")).read_text("utf-8").count("unexpected error") == 2
    for path in folder.iterdir():
        for detail in PERSONAL:
            assert detail.encode("utf-8") not in path.read_bytes()
