"""The shipped bundle: built from build.spec as the README says, it proves itself with its
own self-test and carries none of the Qt modules the app does not use."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNUSED_QT = ("WebEngine", "Qt6Qml", "Qt6Quick", "Qt63D", "Multimedia", "VirtualKeyboard")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
         str(ROOT / "build.spec")],
        cwd=ROOT, check=True, timeout=900,
    )
    return work / "dist" / f"cstr-desk-{version('cstr-desk')}"


@pytest.mark.slow
def test_bundle_passes_its_self_test(bundle: Path) -> None:
    done = subprocess.run([str(bundle / "cstr-desk"), "--self-test"], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("CSTR Desk self-test passed: 7 instruments scored")


@pytest.mark.slow
def test_bundle_carries_no_unused_qt(bundle: Path) -> None:
    unwanted = [path.name for path in bundle.rglob("*")
                if any(part.lower() in path.name.lower() for part in UNUSED_QT)]
    assert unwanted == []
    assert (bundle / "_internal" / "forms" / "k10.json").is_file()
    assert (bundle / "_internal" / "cstr_desk" / "resources" / "fonts").is_dir()
