"""Run every benchmark and print one table: figure, value, baseline, ratio, target, met."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from bench.table import format_table

MODULES = (
    "bench.bench_store", "bench.bench_ui", "bench.bench_reports", "bench.bench_monitoring",
    "bench.bench_fhir", "bench.bench_app", "bench.bench_rekey", "bench.bench_hub",
    "bench.bench_hub_return",
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument("--only", nargs="*", help="module names, e.g. bench_store")
    args = parser.parse_args(argv)
    rows: list[dict] = []
    for name in MODULES:
        if args.only and name.split(".")[-1] not in args.only:
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows.extend(importlib.import_module(name).run(quick=args.quick))
    print(format_table(rows))
    return 0 if all(row.get("met") is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
