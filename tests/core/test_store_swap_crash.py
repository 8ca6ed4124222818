"""A restore killed before any of its file-system steps leaves a working pair of database and
key file: the old one, or the restored one with the old kept beside it (faults.py injects)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cstr_desk.domain import Role
from cstr_desk.store import open_with_password, open_with_recovery_key
from cstr_desk.store.files import keys_path
from cstr_desk.store.swap import incoming_database, incoming_keys, journal_path
from cstr_desk.store.testing import (
    TEST_PASSWORD, USERNAMES, make_database, sample_person, sample_referral,
)
from faults import count_steps, run_child, was_killed

RESTORE = """
from pathlib import Path
from cstr_desk.store import restore_backup
source, target, password = sys.argv[2:5]
arm_faults()
restore_backup(Path(source), Path(target), username="admin", password=password)
report_steps()
"""


pytestmark = pytest.mark.usefixtures("fast_kdf")


def _database_with_a_later_record(folder: Path) -> tuple[Path, Path, str]:
    """A database, a backup of it, then one more person the backup lacks."""
    path = folder / "court.cstr"
    admin, recovery = make_database(path)
    admin.close()
    with open_with_password(path, USERNAMES[Role.PRACTITIONER], TEST_PASSWORD) as session:
        session.add_referral(sample_referral(session.add_person(sample_person("Before", "B")).id))
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        admin.backup(folder / "court.backup")
    with open_with_password(path, USERNAMES[Role.PRACTITIONER], TEST_PASSWORD) as session:
        session.add_person(sample_person("After", "Backup"))
    return path, folder / "court.backup", recovery.formatted


def _people(path: Path) -> set[str]:
    with open_with_password(path, USERNAMES[Role.PRACTITIONER], TEST_PASSWORD) as session:
        return {p.given_name for name in ("before", "after") for p in session.search_people(name)}


def _check_one_pair_works(path: Path, recovery: str) -> str:
    """Opens (which finishes an interrupted swap), checks, and says which pair is in place."""
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        assert admin.verify().ok
        restored = any(e.action == "restore" for e in admin.audit_entries())
    with open_with_recovery_key(path, recovery):
        pass
    for leftover in (journal_path(path), incoming_database(path), incoming_keys(path)):
        assert not leftover.exists(), leftover
    kept = sorted(path.parent.glob("court.cstr.before-restore-*"))
    kept_databases = [k for k in kept if k.name.count(".") == 2 and "-wal" not in k.name
                      and "-shm" not in k.name]
    if restored:
        assert "After" not in _people(path)
        # Nothing is lost: the replaced pair is kept, and still opens.
        assert len(kept_databases) == 1 and keys_path(kept_databases[0]).exists()
        assert "After" in _people(kept_databases[0])
        return "new"
    assert "After" in _people(path) and not kept_databases
    return "old"


@pytest.mark.slow
def test_restore_killed_at_every_step_leaves_a_working_pair(tmp_path):
    steps = count_steps(RESTORE, *_arguments(_fresh(tmp_path / "count")))
    assert steps >= 10  # staging, the journal, the swap and the clean-up are all counted
    outcomes = []
    for kill_at in range(1, steps + 1):
        folder = tmp_path / f"kill-{kill_at}"
        path, backup, recovery = _fresh(folder)
        done = run_child(RESTORE, kill_at, *_arguments((path, backup, recovery)))
        assert was_killed(done), (kill_at, done.returncode, done.stderr[-2000:])
        outcomes.append(_check_one_pair_works(path, recovery))
    # The kills landed on both sides of the swap, and every one left a working pair.
    assert "old" in outcomes and "new" in outcomes
    print(f"restore: {steps} injection points, outcomes {outcomes}")


def _fresh(folder: Path) -> tuple[Path, Path, str]:
    folder.mkdir()
    return _database_with_a_later_record(folder)


def _arguments(made: tuple[Path, Path, str]) -> tuple[str, str, str]:
    path, backup, _ = made
    return str(backup), str(path), TEST_PASSWORD
