"""Run every benchmark and print one table: figure, value, baseline, ratio, target, met."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

MODULES = (
    "bench.bench_store", "bench.bench_ui", "bench.bench_reports", "bench.bench_monitoring",
    "bench.bench_fhir", "bench.bench_app", "bench.bench_rekey",
)


def format_table(rows: list[dict]) -> str:
    header = ("figure", "value", "baseline", "ratio", "target", "met")
    lines = [[str(h) for h in header]]
    for row in rows:
        unit = row.get("unit", "")
        baseline = row.get("baseline")
        ratio = row.get("ratio")
        lines.append([
            row["figure"],
            f"{row['value']:.4g} {unit}".strip(),
            "-" if baseline is None else f"{baseline:.4g} {unit}".strip(),
            "-" if ratio is None else f"{ratio:.2f}",
            row.get("target") or "-",
            {True: "yes", False: "NO", None: "-"}[row.get("met")],
        ])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths)) for line in lines)


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
