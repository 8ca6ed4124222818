"""The audit head file across a crash (issue 13, item 5): killed before any file-system step of
a sign-in, some audited changes and the sign-out, or half-way through any of the head file's
record writes, the file left behind is one `check` accepts (at most one commit behind, proven
by the chain) and the next sign-in finds nothing wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from cstr_desk.store import open_with_password
from cstr_desk.store import audit
from cstr_desk.store.audit_head import RECORD_BYTES, AuditHeadFile, AuditPoint
from cstr_desk.store.connection import Database
from cstr_desk.store.errors import AuditTrailDamaged
from cstr_desk.store.files import audit_head_path
from cstr_desk.store.testing import TEST_PASSWORD, make_database, sample_person
from faults import count_steps, run_child, was_killed

CHANGES = """
from pathlib import Path
from cstr_desk.store import open_with_password
from cstr_desk.store.testing import TEST_PASSWORD, sample_person
arm_faults()
with open_with_password(Path(sys.argv[2]), "priya.mhtr", TEST_PASSWORD) as session:
    for given in ("Ann", "Bea", "Cat"):
        session.add_person(sample_person(given))
report_steps()
"""


pytestmark = pytest.mark.usefixtures("fast_kdf")


def _fresh(folder: Path) -> tuple[Path, bytes]:
    folder.mkdir()
    path = folder / "court.cstr"
    admin, recovery = make_database(path)
    admin.close()
    return path, recovery.key


def _as_the_crash_left_it(path: Path, key: bytes) -> tuple[AuditPoint, int]:
    """The head file's point and the table's count, checked before anything repairs them."""
    db = Database.open(path, key)
    try:
        newest = int(db.value("SELECT max(id) FROM audit_log"))
        head_file = AuditHeadFile(path, key)
        assert audit._file_problems(db, head_file, newest) == []
        point = head_file.read()
        assert point is not None
        return point, newest
    finally:
        db.close()


@pytest.mark.slow
def test_killed_at_every_step_leaves_a_head_file_the_chain_proves(tmp_path):
    steps = count_steps(CHANGES, str(_fresh(tmp_path / "count")[0]))
    # Sign-in, three changes and sign-out each write the head file (a write and an fsync).
    assert steps >= 10
    behind = []
    for kill_at in range(1, steps + 1):
        path, key = _fresh(tmp_path / f"kill-{kill_at}")
        done = run_child(CHANGES, kill_at, str(path))
        assert was_killed(done), (kill_at, done.returncode, done.stderr[-2000:])
        point, newest = _as_the_crash_left_it(path, key)
        assert newest - point.count in (0, 1), kill_at
        behind.append(newest - point.count)
        with open_with_password(path, "admin", TEST_PASSWORD) as admin:
            assert admin.verify().ok, kill_at
    # Some kills left the file a commit behind (torn, or not yet written), and it was accepted.
    assert 0 in behind and 1 in behind
    print(f"audit head: {steps} injection points, {behind.count(1)} left it one commit behind")


def test_a_torn_record_at_any_byte_leaves_the_previous_head(tmp_path):
    path, key = _fresh(tmp_path / "db")
    with open_with_password(path, "priya.mhtr", TEST_PASSWORD) as session:
        session.add_person(sample_person())
    head_path = audit_head_path(path)
    head_file = AuditHeadFile(path, key)
    before = head_file.read()
    assert before is not None
    whole = head_path.read_bytes()
    head_file.write(AuditPoint(before.count + 1, "ab" * 32))
    written = head_path.read_bytes()
    changed = [i for i in range(len(whole)) if whole[i] != written[i]]
    start = changed[0] // RECORD_BYTES * RECORD_BYTES
    new_record = written[start:start + RECORD_BYTES]
    # A tear after the last byte that differs from the slot's old record is no tear at all: the
    # bytes on disk are already the whole new record (the MAC's tail can match by chance).
    last_change = changed[-1] - start
    for torn_at in range(last_change + 1):
        head_path.write_bytes(whole[:start] + new_record[:torn_at] + whole[start + torn_at:])
        assert AuditHeadFile(path, key).read() == before, torn_at
    head_path.write_bytes(written)
    assert AuditHeadFile(path, key).read() == AuditPoint(before.count + 1, "ab" * 32)


def test_a_head_file_under_another_key_is_refused(tmp_path):
    path, key = _fresh(tmp_path / "db")
    point = AuditHeadFile(path, key).read()
    assert point is not None
    AuditHeadFile(path, bytes(32))._write_new(point)
    with pytest.raises(AuditTrailDamaged, match="audit head file is damaged, or was written with "
                                        "another database key"):
        open_with_password(path, "admin", TEST_PASSWORD)
