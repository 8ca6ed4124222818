"""The monthly monitoring return for a database of 50,000 cases (issue 12's targets: the worst
month at most 0.5 s, a typical month at most 0.2 s, counting and suppression of 50,000 rows at
most 0.1 s).

The database is the store's own fictional demo data (`cstr_desk.store.demo`), whose events all
fall in the current month, so every one of the 50,000 cases is counted: the worst case.
Figures, each next to a baseline measured in the same run:
  * the whole return from the database (the store's grouped query over its per-referral
    summary + counting + suppression), for the worst month (every case) and a typical one,
    against a plain read of one row per referral (SELECT over the referrals table);
  * counting and suppression alone of the worst month's groups, against a loop over 50,000;
  * summarising every referral once (the first return after demo data or an upgrade), and
    counting 50,000 facts one by one, untargeted;
  * loading full case records (`load_case`), per case: why the return needs its own query.
Run: `python -m bench.bench_monitoring [--quick]` or `python -m bench --only bench_monitoring`.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from bench.table import row, run_alone
from cstr_desk.domain import MonitoringFacts, Role, SiteSettings, User
from cstr_desk.store import (
    KdfParams,
    Session,
    create_database,
    open_with_password,
    set_kdf_params_for_tests,
)
from cstr_desk.store.demo import create_demo_data
from cstr_desk.workflow.monitoring import (
    facts_from_case,
    monthly_return,
    monthly_return_from_groups,
    monthly_return_from_store,
)
from cstr_desk.workflow.monitoring_anonymise import anonymise
from cstr_desk.workflow.monitoring_export import month_range
from cstr_desk.workflow.monitoring_summary import summary_of

# Issue 12 "Speed": each figure's own target, in seconds.
WORST_MONTH_SECONDS, TYPICAL_MONTH_SECONDS, COUNTING_SECONDS = 0.5, 0.2, 0.1
SAMPLE_CASES = 500
PASSWORD = "bench password 1"


def _best_of(repeats: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def _database(folder: Path, cases: int) -> Path:
    path = folder / "bench.db"
    admin, _key = create_database(path, User(username="admin", full_name="Bench Admin",
                                             role=Role.ADMINISTRATOR), PASSWORD,
                                  SiteSettings(site_name="Bench site", courts=["Court 1"]))
    create_demo_data(admin, cases, seed=7, administrations_per_person=1)
    admin.add_user(User(username="pat", full_name="Bench Practitioner", role=Role.PRACTITIONER), PASSWORD)
    admin.close()
    return path


def _summarising(session: Session) -> dict:
    """Every referral summarised once, as the first return after an upgrade does it."""
    start = time.perf_counter()
    summarised = session.summarise_for_monitoring(summary_of)
    value = time.perf_counter() - start
    baseline = _best_of(1, _plain_read(session))
    return row(f"summarising {summarised:,} referrals once (first return after an upgrade)",
               value, "s", baseline, None, None)


def _plain_read(session: Session) -> Callable[[], object]:
    # The baseline reads one plain row per referral; it reaches the store's connection directly
    # because no public method reads a table without building records.
    return lambda: session._db.execute(
        "SELECT id, person_id, referral_source, created_at FROM referrals").fetchall()


def _months() -> list[tuple[str, date]]:
    """The demo data's current month holds every case's events (the worst case); three months
    back holds only the hearings that fell then (a typical month)."""
    today = datetime.now(UTC).date()
    back = date(today.year - (today.month <= 3), (today.month - 4) % 12 + 1, 1)
    return [("worst month", today, WORST_MONTH_SECONDS),
            ("typical month", back, TYPICAL_MONTH_SECONDS)]


def _whole_return(session: Session, cases: int, repeats: int) -> list[dict]:
    rows = []
    for name, month, target in _months():
        figure = f"monitoring return from the database, {cases:,} cases, {name}"
        def whole(month: date = month) -> object:
            return anonymise(monthly_return_from_store(session, month))

        value = _best_of(repeats, whole)
        baseline = _best_of(repeats, _plain_read(session))
        rows.append(row(figure, value, "s", baseline, f"<= {target:g} s", value <= target))
    return rows


def _sample_facts(session: Session, cases: int) -> tuple[list[MonitoringFacts], float]:
    """Facts for every case, built from full records of a sample and repeated with fresh ids
    (their shapes are the demo data's own), and the time per `load_case`."""
    start = time.perf_counter()
    sample = [facts_from_case(session.load_case(i)) for i in range(1, min(cases, SAMPLE_CASES) + 1)]
    per_case = (time.perf_counter() - start) / len(sample)
    facts = [sample[i % len(sample)]._replace(referral_id=i + 1) for i in range(cases)]
    return facts, per_case


def _counting(session: Session, cases: int, repeats: int) -> dict:
    """The counting and suppression of the worst month's 50,000 referrals, as the store hands
    them over: summary rows grouped as the month sees them (the grouping itself is SQL, timed
    in the whole return)."""
    today = datetime.now(UTC).date()
    first, following = month_range(today)
    groups, assessed = session.monitoring_month(first, following, summary_of)
    value = _best_of(repeats, lambda: anonymise(
        monthly_return_from_groups(groups, assessed, first, today)))
    baseline = _best_of(repeats, lambda: sum(1 for _ in range(cases)))
    return row(f"counting + suppression only, {cases:,} rows in {len(groups):,} groups", value,
               "s", baseline, f"<= {COUNTING_SECONDS:g} s", value <= COUNTING_SECONDS)


def _counting_per_row(facts: list[MonitoringFacts], repeats: int) -> dict:
    # Each referral's facts viewed one by one (the path of the tests' full records), untargeted.
    month = datetime.now(UTC).date()
    value = _best_of(repeats, lambda: anonymise(monthly_return(facts, month)))
    baseline = _best_of(repeats, lambda: sum(1 for f in facts if f.referral_id))
    return row(f"counting + suppression of {len(facts):,} facts one by one", value, "s",
               baseline, None, None)


def run(quick: bool = False) -> list[dict]:
    cases, repeats = (2_000, 3) if quick else (50_000, 5)
    set_kdf_params_for_tests(KdfParams(time_cost=1, memory_kib=1024, parallelism=1))
    try:
        with tempfile.TemporaryDirectory(prefix="cstr-bench-monitoring-") as folder:
            path = _database(Path(folder), cases)
            session = open_with_password(path, "pat", PASSWORD)
            try:
                summarising = _summarising(session)
                rows = [*_whole_return(session, cases, repeats), summarising]
                facts, per_case = _sample_facts(session, cases)
                rows.append(_counting(session, cases, repeats))
                rows.append(_counting_per_row(facts, repeats))
                rows.append(row(f"load_case (full record) x {cases:,}, extrapolated",
                                per_case * cases, "s", None, None, None))
            finally:
                session.close()
    finally:
        set_kdf_params_for_tests(None)
    return rows


def main(argv: list[str] | None = None) -> int:
    return run_alone(run, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
