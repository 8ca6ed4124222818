"""Removing an account (which re-keys) killed before any of its file-system steps leaves a
working pair of database and key file: the old pair (the account still there, the old key and
recovery key working) or the new one (the account gone, the old recovery key dead), never a
database without the key file that opens it (faults.py injects; issue 13 item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cstr_desk.domain import Role
from cstr_desk.store import (
    StoreError, open_with_password, open_with_recovery_key,
)
from cstr_desk.store.recovery import RecoveryKey
from cstr_desk.store.testing import TEST_PASSWORD, USERNAMES, make_database
from faults import count_steps, run_child, was_killed

LEAVER = USERNAMES[Role.LD_WORKER]
REMOVE = """
from pathlib import Path
from cstr_desk.store import open_with_password
path, password, leaver = sys.argv[2:5]
session = open_with_password(Path(path), "admin", password)
arm_faults()
session.remove_user(leaver)
report_steps()
"""


pytestmark = pytest.mark.usefixtures("fast_kdf")


def _fresh(folder: Path) -> tuple[Path, str]:
    folder.mkdir()
    path = folder / "court.cstr"
    admin, recovery = make_database(path)
    admin.close()
    return path, recovery.formatted


def _check_one_pair_works(path: Path, old_recovery: str) -> str:
    """Opens (which finishes an interrupted swap), checks, and says which pair is in place."""
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        assert admin.verify().ok
        key = admin._key  # the key in place now, to check its recovery key opens it
        removed = not next(u for u in admin.list_users() if u.username == LEAVER).active
    for username in USERNAMES.values():
        if username != LEAVER:
            open_with_password(path, username, TEST_PASSWORD).close()
    with open_with_recovery_key(path, RecoveryKey(key).formatted):
        pass
    leftovers = [f.name for f in path.parent.iterdir() if f.name.startswith(".")]
    assert not leftovers, leftovers
    if removed:
        with pytest.raises(StoreError):
            open_with_password(path, LEAVER, TEST_PASSWORD)
        with pytest.raises(StoreError):
            open_with_recovery_key(path, old_recovery)
        return "new"
    open_with_password(path, LEAVER, TEST_PASSWORD).close()
    assert RecoveryKey(key).formatted == old_recovery
    return "old"


@pytest.mark.slow
def test_removal_and_re_key_killed_at_every_step_leave_a_working_pair(tmp_path):
    path, _ = _fresh(tmp_path / "count")
    steps = count_steps(REMOVE, str(path), TEST_PASSWORD, LEAVER)
    assert steps >= 10  # the staged copy, its key file, the journal, the swap, the clean-up
    outcomes = []
    for kill_at in range(1, steps + 1):
        path, old_recovery = _fresh(tmp_path / f"kill-{kill_at}")
        done = run_child(REMOVE, kill_at, str(path), TEST_PASSWORD, LEAVER)
        assert was_killed(done), (kill_at, done.returncode, done.stderr[-2000:])
        outcomes.append(_check_one_pair_works(path, old_recovery))
    # The kills landed on both sides of the swap, and every one left a working pair.
    assert "old" in outcomes and "new" in outcomes
    print(f"re-key: {steps} injection points, outcomes {outcomes}")
