"""forms/ and scoring/ run with neither Qt nor the database driver: importing every module of
both packages in a fresh interpreter must not load PySide6, sqlcipher3, sqlite3 or the app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import importlib, pkgutil, sys
import forms, scoring
for package in (forms, scoring):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)
scoring.score("phq9", {n: 1 for n in range(1, 10)})
forbidden = ("PySide6", "shiboken6", "sqlcipher3", "sqlite3", "_sqlite3", "cstr_desk")
print(sorted(m for m in sys.modules if m.split(".")[0] in forbidden))
print(sorted(m for m in sys.modules if m.startswith(("forms.", "scoring."))))
"""


def test_forms_and_scoring_import_no_qt_and_no_database() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    loaded_forbidden, loaded_own = done.stdout.strip().splitlines()
    assert loaded_forbidden == "[]"
    # The probe really imported the packages' modules (so the check above means something).
    assert "'scoring.__main__'" in loaded_own and "'scoring.core34'" in loaded_own
    assert "'forms.schema'" in loaded_own
