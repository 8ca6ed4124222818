"""`cstr-desk --self-test` passes on a working install and names the step that fails."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest

from cstr_desk import selftest
from cstr_desk.cli import main


pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_self_test_passes_and_leaves_nothing_behind(temp_root: Path, capsys) -> None:
    assert main(["--self-test"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("CSTR Desk self-test passed: 7 instruments scored")
    assert "7 reports rendered, database verified" in line  # the leaflet at sentence too
    assert re.search(r"the month's return audited \(\d+ \*\)", line)
    assert list(temp_root.iterdir()) == []


def test_a_damaged_instrument_fails_at_scoring(temp_root: Path, monkeypatch, capsys) -> None:
    monkeypatch.setitem(selftest.TOTAL_RANGES, "phq9", (0, 26))
    assert selftest.run() == 1
    assert capsys.readouterr().out.startswith("CSTR Desk self-test FAILED at scoring: phq9")
    assert list(temp_root.iterdir()) == []
