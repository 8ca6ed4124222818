"""The site-wide monthly return on the hub over 500,000 cases' summaries (issue 16 item 5: at
most 2 s, as a ratio to a plain SELECT of the same rows in the same run).

A throwaway PostgreSQL cluster (the hub tests' own, cstr_desk/hub/trial_server.py) holds one site
whose desks sent 500,000 referrals' summaries, every tenth of them in two versions (sent,
changed, sent again), so the newest of each is chosen as on a real hub. The summaries are the
workflow's own (`summary_of`) of a demo desk's cases, repeated under fresh referral ids; the
demo data's events fall in the current month, so the month holds every case: the worst month.
Figures, each next to the baseline of reading every summary row of the site to the client:
  * the whole return (`workflow.hub_return.hub_return`: the grouped query over the newest
    summaries, counting, suppression and its audit) for the site, and for every site;
  * the grouped query alone (hub.monitoring_return.hub_month).
Run: `python -m bench.bench_hub_return [--quick]` or `python -m bench --only bench_hub_return`.
"""

from __future__ import annotations

import secrets
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from bench.table import row, run_alone
from cstr_desk.domain import MonitoringSummary
from cstr_desk.hub import trial_server
from cstr_desk.hub.admin import init_hub
from cstr_desk.hub.monitoring_return import hub_month
from cstr_desk.store import open_with_password
from cstr_desk.store.testing import cheap_kdf
from cstr_desk.workflow.hub_return import hub_return
from cstr_desk.workflow.monitoring import facts_from_case
from cstr_desk.workflow.monitoring_export import month_range
from cstr_desk.workflow.monitoring_summary import summary_of

TARGET_SECONDS = 2.0
SITE = "bench-mc"
_FIELDS = MonitoringSummary._fields[1:]


def _best_of(repeats: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def _sample(folder: Path, cases: int) -> list[MonitoringSummary]:
    """A demo desk's cases summarised as a sync sends them."""
    from bench.bench_monitoring import PASSWORD, _database

    path = _database(folder, cases)
    with open_with_password(path, "pat", PASSWORD) as session:
        return [summary_of(facts_from_case(session.load_case(i))) for i in range(1, cases + 1)]


def _load(hub: psycopg.Connection, sample: list[MonitoringSummary], cases: int) -> None:
    """`cases` referrals of one site (and a second site's tenth as many), made on the server
    from the sample; every tenth has an older version beside its newest."""
    desk, other = uuid.uuid4(), uuid.uuid4()
    columns = ", ".join(_FIELDS)
    with hub.transaction():
        for site, desk_id in ((SITE, desk), ("other-mc", other)):
            hub.execute("INSERT INTO hub.sites (site) VALUES (%s)", (site,))
            hub.execute("INSERT INTO hub.desks (desk_id, site, role_name, database_uuid, "
                        "enrolled_by) VALUES (%s, %s, %s, %s, 'bench')",
                        (desk_id, site, f"desk_{desk_id.hex}", uuid.uuid4()))
        hub.execute(f"CREATE TEMPORARY TABLE sample AS SELECT {columns} "
                    "FROM hub.monitoring_summaries WITH NO DATA")
        with hub.cursor() as cursor:
            cursor.executemany(f"INSERT INTO sample ({columns}) VALUES "
                               f"({', '.join('%s' for _ in _FIELDS)})", [s[1:] for s in sample])
        copies = cases // len(sample)
        for site, desk_id, repeat in ((SITE, desk, copies), ("other-mc", other, copies // 10)):
            hub.execute(
                "CREATE TEMPORARY TABLE made ON COMMIT DROP AS SELECT gen_random_uuid() AS id, "
                f"n, s.* FROM sample s CROSS JOIN generate_series(1, {int(repeat)}) AS n")
            for version, where in ((1, "n %% 10 = 0"), (2, "true")):
                hub.execute(
                    f"INSERT INTO hub.monitoring_summaries (record_uuid, version, site, desk_id, "
                    f"{columns}) SELECT id, {version}, %s, %s, {columns} FROM made WHERE {where}",
                    (site, desk_id))
            hub.execute("DROP TABLE made")
    # As the hub's autovacuum would soon after such a load: without statistics the planner
    # takes the site's 500,000 newest rows for a few hundred (3.9 s instead of 1.4 s).
    hub.execute("VACUUM ANALYZE hub.monitoring_summaries")
    hub.execute("VACUUM ANALYZE hub.monitoring_newest")


def run(quick: bool = False) -> list[dict]:
    sample_cases, cases, repeats = (200, 20_000, 2) if quick else (2_000, 500_000, 3)
    today = datetime.now(UTC).date()
    first, following = month_range(today)
    with tempfile.TemporaryDirectory(prefix="cstr-bench-hub-return-") as folder, cheap_kdf():
        sample = _sample(Path(folder), sample_cases)
        password = secrets.token_urlsafe(18)
        with trial_server.temporary_server("cstr-bench-hub-", password) as server:
            with psycopg.connect(server.dsn(), password=password, autocommit=True) as hub:
                init_hub(hub)
                _load(hub, sample, cases)
                plain = _best_of(repeats, lambda: hub.execute(
                    "SELECT * FROM hub.monitoring_summaries WHERE site = %s",
                    (SITE,)).fetchall())
                counted = hub_return(hub, today, SITE, today).source.count("All CSTRs/referred")
                if counted != cases:  # each referral once, its newest version
                    raise RuntimeError(f"the site return counted {counted:,} referrals of {cases:,}")
                site = _best_of(repeats, lambda: hub_return(hub, today, SITE, today))
                everywhere = _best_of(repeats, lambda: hub_return(hub, today, None, today))
                grouped = _best_of(repeats, lambda: hub_month(hub, first, following, SITE))
    met = site <= TARGET_SECONDS
    return [
        row(f"site return on the hub, {cases:,} referrals (worst month)", site, "s", plain,
            f"<= {TARGET_SECONDS:g} s", met),
        row(f"every site's return, {cases * 11 // 10:,} referrals", everywhere, "s", plain,
            None, None),
        row("the grouped query alone (site)", grouped, "s", plain, None, None),
    ]


def main(argv: list[str] | None = None) -> int:
    return run_alone(run, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
