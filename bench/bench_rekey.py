"""Re-keying the 50,000-person database (issue 13 item 3), next to a plain copy of its file.

A re-key (`Session.rekey`, as removing an account does) copies every page under the new key
with `sqlcipher_export`, counts every table's rows against the source, audits, rewraps the key
slots and swaps the pair; the baseline is the least any re-key must do: copy the file once and
make the copy durable (read, write, fsync), measured in the same run on the same disk. The
re-key's own time is how long the desk waits when an administrator removes an account.
The database is the store's fictional demo data (`cstr_desk.store.demo`), as bench_store's.
Run: `python -m bench.bench_rekey [--quick]` or `python -m bench --only bench_rekey`.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from cstr_desk.domain import Role, SiteSettings, User
from cstr_desk.store import KdfParams, create_database, open_with_password, set_kdf_params_for_tests
from cstr_desk.store.demo import create_demo_data
from bench.table import row, run_alone

PASSWORD = "bench password 1"
# The desk waits while an account is removed: half a minute is as long as a court-day
# interruption should be (the administrator removes leavers between sessions, not in court).
REKEY_TARGET_SECONDS = 30.0


def _database(folder: Path, people: int) -> Path:
    path = folder / "bench.cstr"
    admin, _key = create_database(path, User(username="admin", full_name="Bench Admin",
                                             role=Role.ADMINISTRATOR), PASSWORD,
                                  SiteSettings(site_name="Bench site", courts=["Court 1"]))
    create_demo_data(admin, people, seed=11)
    admin.add_user(User(username="pat", full_name="Bench Practitioner", role=Role.PRACTITIONER),
                   PASSWORD)
    admin.close()
    return path


def _plain_copy(path: Path) -> float:
    target = path.with_name("plain-copy.bin")
    start = time.perf_counter()
    shutil.copyfile(path, target)
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())
    elapsed = time.perf_counter() - start
    target.unlink()
    return elapsed


def _rekey(path: Path) -> float:
    with open_with_password(path, "admin", PASSWORD) as admin:
        start = time.perf_counter()
        admin.rekey()
        return time.perf_counter() - start


def run(quick: bool = False) -> list[dict]:
    people, repeats = (2_000, 2) if quick else (50_000, 3)
    set_kdf_params_for_tests(KdfParams(time_cost=1, memory_kib=1024, parallelism=1))
    try:
        with tempfile.TemporaryDirectory(prefix="cstr-bench-rekey-") as folder:
            path = _database(Path(folder), people)
            size = path.stat().st_size / 1e6
            # Interleaved, so both see the same disk cache and machine load; the best of each.
            copies, rekeys = [], []
            for _ in range(repeats):
                copies.append(_plain_copy(path))
                rekeys.append(_rekey(path))
            copy, rekey = min(copies), min(rekeys)
            with open_with_password(path, "pat", PASSWORD):
                pass  # every account still signs in after the re-keys
    finally:
        set_kdf_params_for_tests(None)
    return [
        row(f"re-key, {people:,} people ({size:.0f} MB): the desk's wait when an account is "
             "removed", rekey, "s", copy, f"<= {REKEY_TARGET_SECONDS:g} s",
             rekey <= REKEY_TARGET_SECONDS),
    ]


def main(argv: list[str] | None = None) -> int:
    return run_alone(run, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
