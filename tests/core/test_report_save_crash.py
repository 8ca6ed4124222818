"""Report save across a crash (issue 13, finding 4): the PDF, its issue record and its audit
entry appear together or not at all, and no plaintext temporary file outlives the next sign-in.

The child saves one report and SIGKILLs itself just before its Nth step (tests/core/faults.py:
every fsync, rename, replace and unlink), counting each database COMMIT as a step too, since the
commit point of a save is one. The parent kills it before every step in turn, and once after
the last, then signs in (which settles what the crash left) and checks.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from cstr_desk.domain import AuditAction, ReportKind, Role
from cstr_desk.store import open_with_password
from cstr_desk.store.testing import TEST_PASSWORD, USERNAMES
from faults import count_steps, run_child, was_killed
from test_reports_commands import consented_case

PRACT = USERNAMES[Role.PRACTITIONER]
SAVE = """
from pathlib import Path
from cstr_desk.domain import ReportKind
from cstr_desk.store import connection, open_with_password
from cstr_desk.workflow.report_issuing import render_report, save_report

path, username, password, referral_id, out = sys.argv[2:7]
session = open_with_password(Path(path), username, password)
report = render_report(session, int(referral_id), ReportKind.CONSENT)
_execute = connection.Database.execute

def execute(self, sql, params=()):
    if sql.strip().upper() == "COMMIT":  # a commit is a step too: the save's commit point
        _steps[0] += 1
        if _steps[0] == _kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
    return _execute(self, sql, params)

connection.Database.execute = execute
arm_faults()
save_report(session, report, Path(out))
report_steps()
"""


pytestmark = pytest.mark.usefixtures("fast_kdf")


def _records(db: Path, referral_id: int, person_id: int) -> tuple[list[str | None], int]:
    """Signing in settles what a crash left; then the consent copies issued (their hashes)
    and the EXPORT audit entries."""
    with open_with_password(db, PRACT, TEST_PASSWORD) as session:
        hashes = [r.pdf_sha1 for r in session.load_case(referral_id).reports
                  if r.kind is ReportKind.CONSENT]
    with open_with_password(db, USERNAMES[Role.ADMINISTRATOR], TEST_PASSWORD) as admin:
        exports = sum(e.action is AuditAction.EXPORT for e in admin.audit_entries(person_id))
    return hashes, exports


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".")]


@pytest.mark.slow
def test_a_kill_before_any_step_of_a_report_save_leaves_all_or_nothing(tmp_path) -> None:
    db = tmp_path / "court.cstr"
    person_id, referral_id = consented_case(db)
    folder = tmp_path / "reports"
    folder.mkdir()
    args = (str(db), PRACT, TEST_PASSWORD, str(referral_id))
    steps = count_steps(SAVE, *args, str(folder / "whole.pdf"))
    assert steps >= 6
    added_by_step = {}
    for kill_at in range(1, steps + 2):
        before = _records(db, referral_id, person_id)
        out = folder / f"killed-before-{kill_at}.pdf"
        done = run_child(SAVE, kill_at, *args, str(out))
        assert was_killed(done) == (kill_at <= steps), done.stderr
        for left in _temporaries(folder):  # what a crash leaves is owner-only until settled
            assert os.stat(left).st_mode & 0o777 == 0o600
        hashes, exports = _records(db, referral_id, person_id)
        added = len(hashes) - len(before[0])
        assert exports - before[1] == added, f"step {kill_at}: audit and record disagree"
        assert out.exists() == (added == 1), f"step {kill_at}: file and record disagree"
        if out.exists():
            assert hashlib.sha1(out.read_bytes()).hexdigest() == hashes[-1]
        assert not _temporaries(folder), f"step {kill_at}: a temporary file outlived sign-in"
        added_by_step[kill_at] = added
    # Before the commit point nothing is left, after it everything: both were reached.
    assert set(added_by_step.values()) == {0, 1}
    print(f"report save: {steps} injection points, then one run to the end")
