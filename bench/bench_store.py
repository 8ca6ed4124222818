"""The encrypted store's costs, each next to a baseline measured in the same run.

  * sign-in (key slot unwrap + open + migrate check + audit) next to the Argon2id cost alone;
  * answer autosave latency (median and p95 of `record_answer`, each its own durable commit)
    next to a plain unencrypted sqlite3 commit with the same WAL + synchronous=FULL settings;
  * a database of 50,000 people and 150,000 administrations (the store's demo data): time to
    create it, to open it (keyed, Argon2 excluded), to find people by name prefix, date of
    birth and PNC (targets <= 50 ms each; baseline: the same lookup forced to scan the table,
    which is what encryption would cost without indexes), and its file size.
Run: `python -m bench.bench_store [--quick]` or `python -m bench --only bench_store`.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cstr_desk.domain import AdministrationMode, Role, SiteSettings, User
from cstr_desk.store import create_database, open_with_password
from cstr_desk.store.connection import Database
from cstr_desk.store.demo import create_demo_data
from cstr_desk.store.keyslots import PRODUCTION_KDF, derive_wrapping_key
from cstr_desk.store.testing import sample_person, sample_referral
from bench.table import row, run_alone

PASSWORD = "bench password 1"
SEARCH_TARGET_MS = 50.0
AUTOSAVE_TARGET_MS = 5.0


def _timings(repeats: int, work: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def _create(path: Path) -> bytes:
    admin, recovery = create_database(
        path, User(username="admin", full_name="Bench Admin", role=Role.ADMINISTRATOR),
        PASSWORD, SiteSettings(site_name="Bench site", courts=["Court 1"]))
    admin.add_user(User(username="pat", full_name="Bench Practitioner", role=Role.PRACTITIONER),
                   PASSWORD)
    admin.close()
    return recovery.key


def _sign_in_rows(folder: Path, repeats: int) -> list[dict]:
    path = folder / "signin.cstr"
    _create(path)
    salt = os.urandom(16)
    argon = statistics.median(_timings(repeats, lambda: derive_wrapping_key(
        PASSWORD, salt, PRODUCTION_KDF)))
    sign_in = statistics.median(_timings(
        repeats, lambda: open_with_password(path, "pat", PASSWORD).close()))
    kdf = PRODUCTION_KDF
    return [
        row(f"Argon2id alone (t={kdf.time_cost}, {kdf.memory_kib // 1024} MiB, "
             f"p={kdf.parallelism})", argon, "s", None, "0.25-0.6 s (our cost choice)",
             0.25 <= argon <= 0.6),
        row("sign-in: slot unwrap + open + close", sign_in, "s", argon, "Argon2 + <= 0.1 s",
             sign_in <= argon + 0.1),
    ]


def _plain_sqlite_commit(folder: Path, saves: int) -> list[float]:
    handle = sqlite3.connect(folder / "plain.sqlite", isolation_level=None)
    handle.execute("PRAGMA journal_mode = WAL")
    handle.execute("PRAGMA synchronous = FULL")
    handle.execute("CREATE TABLE answers (a INTEGER, q TEXT, v INTEGER, at TEXT, "
                   "PRIMARY KEY (a, q)) WITHOUT ROWID")
    times = []
    for number in range(saves):
        start = time.perf_counter()
        handle.execute("BEGIN IMMEDIATE")
        handle.execute("INSERT OR REPLACE INTO answers VALUES (1, ?, ?, datetime('now'))",
                       (str(number), number % 5))
        handle.execute("COMMIT")
        times.append(time.perf_counter() - start)
    handle.close()
    return times


def _autosave_rows(folder: Path, saves: int) -> list[dict]:
    path = folder / "autosave.cstr"
    _create(path)
    with open_with_password(path, "pat", PASSWORD) as session:
        referral = session.add_referral(sample_referral(session.add_person(sample_person()).id))
        administration = session.start_administration(referral.id, "core34", "bench",
                                                      AdministrationMode.PRACTITIONER)
        times = []
        for number in range(1, saves + 1):
            start = time.perf_counter()
            session.record_answer(administration.id, str(number), number % 5, position=number)
            times.append(time.perf_counter() - start)
    plain = _plain_sqlite_commit(folder, saves)
    to_ms = 1000.0
    median, p95 = statistics.median(times) * to_ms, _p95(times) * to_ms
    plain_median, plain_p95 = statistics.median(plain) * to_ms, _p95(plain) * to_ms
    return [
        row("answer autosave, median", median, "ms", plain_median, f"<= {AUTOSAVE_TARGET_MS} ms",
             median <= AUTOSAVE_TARGET_MS),
        row("answer autosave, p95", p95, "ms", plain_p95, None, None),
    ]


def _p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * (len(values) - 1))]


def _large_rows(folder: Path, people: int, repeats: int) -> list[dict]:
    path = folder / "large.cstr"
    key = _create(path)
    admin = open_with_password(path, "admin", PASSWORD)
    start = time.perf_counter()
    summary = create_demo_data(admin, people, seed=11)
    built = time.perf_counter() - start
    admin.close()
    opened = statistics.median(_timings(repeats, lambda: _open_and_count(path, key)))
    rows = [
        row(f"demo data: {summary.people} people, {summary.administrations} administrations",
             built, "s", None, "<= 120 s", built <= 120),
        row("open large database (keyed, Argon2 excluded)", opened * 1000, "ms", None,
             f"<= {SEARCH_TARGET_MS:g} ms", opened * 1000 <= SEARCH_TARGET_MS),
    ]
    with open_with_password(path, "pat", PASSWORD) as session:
        samples = session._db.rows("SELECT family_key, date_of_birth, pnc_number FROM people "
                                   "ORDER BY random() LIMIT ?", (repeats,))
        searches = {
            "name prefix": ([s[0][:3] for s in samples], "family_key >= ? AND family_key < ?",
                            lambda t: (t, t + "\U0010ffff")),
            "date of birth": ([_uk(s[1]) for s in samples], "date_of_birth = ?",
                              lambda t: (_iso(t),)),
            "PNC": ([s[2] for s in samples], "pnc_key = ?", lambda t: (t,)),
        }
        for name, (texts, scan_where, scan_params) in searches.items():
            found = [_timed(lambda t=t: session.search_people(t)) for t in texts]
            scans = [_timed(lambda t=t: session._db.rows(
                f"SELECT id FROM people NOT INDEXED WHERE {scan_where}", scan_params(t)))
                for t in texts[:3]]
            value, baseline = statistics.median(found) * 1000, statistics.median(scans) * 1000
            rows.append(row(f"find by {name} (50 results max)", value, "ms", baseline,
                             f"<= {SEARCH_TARGET_MS:g} ms", value <= SEARCH_TARGET_MS))
    size = path.stat().st_size / 1e6
    rows.append(row("large database file size", size, "MB", None, None, None))
    return rows


def _open_and_count(path: Path, key: bytes) -> None:
    db = Database.open(path, key)
    db.value("SELECT count(*) FROM users")
    db.close()


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _uk(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def _iso(uk: str) -> str:
    day, month, year = uk.split("/")
    return f"{year}-{month}-{day}"


def run(quick: bool = False) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="cstr-bench-store-") as temp:
        folder = Path(temp)
        rows = _sign_in_rows(folder, 3 if quick else 7)
        rows += _autosave_rows(folder, 100 if quick else 500)
        rows += _large_rows(folder, 2_000 if quick else 50_000, 5 if quick else 21)
    return rows


def main(argv: list[str] | None = None) -> int:
    return run_alone(run, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
