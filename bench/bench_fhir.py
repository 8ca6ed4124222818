"""The month's FHIR Bulk Data export over a database of 50,000 cases (issue 17: at most 5 times
writing the same rows as plain JSON lines, and at most 30 s).

The database is the store's fictional demo data, built as bench_monitoring builds it; its events
all fall in the current month, so the month holds every case: the worst month. Both figures
read the same cases through the same bulk reader (`Session.cases_in_bulk`):
  * the export: `export_month`, i.e. every resource built, checked with fhir.resources (the
    library's full check once per resource shape, every value by its element type), written as
    NDJSON per resource type through owner-only temporary files, and one audit entry per case;
  * the baseline: each case record dumped as one plain JSON line (pydantic's model_dump_json)
    into one file.
Both again in CPU seconds of this process, since on a shared machine under load the wall-clock
figure says more about the other processes than about the export.
Run: `python -m bench.bench_fhir [--quick]` or `python -m bench --only bench_fhir`.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench.bench_monitoring import PASSWORD, _database
from cstr_desk.store import Session, open_with_password
from cstr_desk.store.testing import cheap_kdf
from cstr_desk.workflow.fhir import export_month
from cstr_desk.workflow.fhir.export import month_referral_ids
from bench.table import row, run_alone

TARGET_RATIO = 5.0
TARGET_SECONDS = 30.0


def _timed(work: Callable[[], object]) -> tuple[float, float, object]:
    """Wall-clock and this process's CPU seconds: on a shared, loaded machine the two part."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _plain_json_lines(session: Session, out: Path) -> None:
    cases = session.cases_in_bulk(month_referral_ids(session, datetime.now(UTC).date()))
    with out.open("w", encoding="utf-8") as handle:
        for case in cases:
            handle.write(case.model_dump_json())
            handle.write("\n")


def run(quick: bool = False) -> list[dict]:
    cases = 2_000 if quick else 50_000
    with cheap_kdf(), tempfile.TemporaryDirectory(prefix="cstr-bench-fhir-") as name:
        folder = Path(name)
        path = _database(folder, cases)
        with open_with_password(path, "pat", PASSWORD) as session:
            baseline, baseline_cpu, _ = _timed(
                lambda: _plain_json_lines(session, folder / "plain.jsonl"))
            value, cpu, counts = _timed(lambda: export_month(
                session, datetime.now(UTC).date(), folder / "fhir", force=True))
    resources = sum(counts.values())  # type: ignore[attr-defined]
    figure = f"FHIR bulk export of the worst month, {cases:,} cases ({resources:,} resources)"
    return [
        row(f"{figure} vs plain JSON lines", value, "s", baseline,
             f"<= {TARGET_RATIO:g}x and <= {TARGET_SECONDS:g} s",
             value / baseline <= TARGET_RATIO and value <= TARGET_SECONDS),
        row(f"{figure}, CPU seconds of this process", cpu, "s", baseline_cpu, None, None),
    ]


def main(argv: list[str] | None = None) -> int:
    return run_alone(run, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
