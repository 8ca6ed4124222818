"""`python -m scoring`: JSON out, one plain line and a non-zero exit for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args], cwd=REPO, capture_output=True, text=True, timeout=60
    )


def test_list() -> None:
    done = run("--list")
    assert done.returncode == 0
    assert done.stdout.split() == ["k10", "core10", "core34", "phq9", "gad7", "audit", "auditc"]


def test_score_prints_the_result_as_json() -> None:
    done = run("phq9", "--answers", "1,2,,3,0,0,1,2,1")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["instrument_id"] == "phq9" and result["scorable"] is True
    assert result["missing_items"] == [3] and result["prorated"] is True
    assert result["total"] == pytest.approx(10 * 9 / 8)
    assert result["band"]["code"] == "moderate"
    assert {f["code"] for f in result["flags"]} == {"risk_item", "iapt_caseness"}


def test_audit_skipped_positions_may_be_empty() -> None:
    done = run("audit", "--answers", "0,,,,,,,,2,4")
    result = json.loads(done.stdout)
    assert result["total"] == 6 and result["skipped_items"] == [2, 3, 4, 5, 6, 7, 8]


def test_k10_scheme_option() -> None:
    done = run("k10", "--answers", "2,2,2,2,2,2,2,2,2,2", "--scheme", "aihw")
    assert json.loads(done.stdout)["band"]["code"] == "mild"
    assert json.loads(run("k10", "--answers", "2,2,2,2,2,2,2,2,2,2").stdout)["band"]["code"] == "moderate"


def test_change_prints_the_classification() -> None:
    done = run("change", "gad7", "--before", "2,2,2,2,2,1,1", "--after", "1,1,1,1,1,1,1")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["classification"] == "reliable_improvement"
    assert result["difference"] == -5 and result["recovered"] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("bdi", "--answers", "1"), "error: unknown instrument 'bdi'"),
        (("gad7", "--answers", "1,2,3"), "error: --answers: gad7 has 7 items, but 3 answers were given"),
        (("gad7", "--answers", "1,2,3,4,0,0,0"), "error: GAD-7 item 4: 4 is not one of its options (0, 1, 2, 3)"),
        (("audit", "--answers", "0,0,0,0,0,0,0,0,3,0"), "error: AUDIT item 9: 3 is not one of its options (0, 2, 4)"),
        (("gad7", "--answers", "1,x,0,0,0,0,0"), "error: --answers: answer 2 is 'x', not a whole number"),
        (("gad7", "--answers", "1,²,0,0,0,0,0"), "error: --answers: answer 2 is '²', not a whole number"),
        (("gad7", "--answers", "9" * 5000 + ",0,0,0,0,0,0"),
         "error: --answers: answer 1 is '99999999999999999...', far larger than any item's values"),
        (("gad7",), "error: the following arguments are required: --answers"),
        (("gad7", "--answers", "0,0,0,0,0,0,0", "--scheme", "aihw"), "error: gad7 takes no options, not scheme"),
        (("k10", "--answers", "1,1,1,1,1,1,1,1,1,1", "--scheme", "x"), "error: unknown K10 band scheme 'x'"),
        (("change", "k10", "--before", "1,1,1,1,1,1,1,1,1,1", "--after", "1,1,1,1,1,1,1,1,1,1"),
         "error: k10 has no published reliable change value"),
        (("change", "phq9", "--before", "1,1,1,1,1,1,1,1,1"), "error: the following arguments are required: --after"),
        (("change", "phq9", "--before", "1,1", "--after", "1,1,1,1,1,1,1,1,1"), "error: --before: phq9 has 9 items"),
        ((), "error: the following arguments are required: instrument, --answers"),
    ],
)
def test_bad_input_is_one_plain_line_and_a_non_zero_exit(args: tuple[str, ...], message: str) -> None:
    done = run(*args)
    assert done.returncode != 0 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), done.stderr
