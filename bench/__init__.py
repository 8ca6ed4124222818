"""Benchmarks. Each module's `run(quick)` returns rows: figure, value, unit, baseline (measured
in the same run), ratio, target, met. `python -m bench` runs them all and prints one table."""
