"""What every benchmark shares: one row of the table, the table itself, and running one
benchmark module alone (`python -m bench.bench_x [--quick]`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence


def row(figure: str, value: float, unit: str, baseline: float | None, target: str | None,
        met: bool | None) -> dict:
    """One figure; the ratio is to the baseline measured in the same run."""
    ratio = None if not baseline else value / baseline
    return {"figure": figure, "value": value, "unit": unit, "baseline": baseline, "ratio": ratio,
            "target": target, "met": met}


def format_table(rows: list[dict]) -> str:
    header = ("figure", "value", "baseline", "ratio", "target", "met")
    lines = [[str(h) for h in header]]
    for entry in rows:
        unit = entry.get("unit", "")
        baseline = entry.get("baseline")
        ratio = entry.get("ratio")
        lines.append([
            entry["figure"],
            f"{entry['value']:.4g} {unit}".strip(),
            "-" if baseline is None else f"{baseline:.4g} {unit}".strip(),
            "-" if ratio is None else f"{ratio:.2f}",
            entry.get("target") or "-",
            {True: "yes", False: "NO", None: "-"}[entry.get("met")],
        ])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths)) for line in lines)


def run_alone(run: Callable[..., list[dict]], description: str | None,
              argv: Sequence[str] | None = None) -> int:
    """Run one benchmark module's figures and print them; 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    rows = run(quick=parser.parse_args(argv).quick)
    print(format_table(rows))
    return 0 if all(entry["met"] is not False for entry in rows) else 1
