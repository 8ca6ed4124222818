"""The wheel: `pip install .` (not editable) must carry everything the app reads at run time.

A wheel that left out `resources/` installed cleanly and then failed at start (style sheet
missing), in demo-data (consent text missing) and in every report (fonts missing); only the
editable install and the bundle worked. These tests build the real wheel, install it with its
dependencies into a fresh virtualenv and run the installed `cstr-desk --self-test` from a folder
outside the checkout, so nothing can be picked up from the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_FOLDERS = ("cstr_desk", "forms", "scoring", "bench")


def _listed_packages() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def _package_folders() -> set[str]:
    found = {"cstr_desk.resources"}
    for top in PACKAGE_FOLDERS:
        for init in (ROOT / top).rglob("__init__.py"):
            found.add(".".join(init.parent.relative_to(ROOT).parts))
    return found


def _shipped_resources() -> set[str]:
    return {path.relative_to(ROOT / "resources").as_posix()
            for path in (ROOT / "resources").rglob("*")
            if path.is_file() and "__pycache__" not in path.parts}


def test_every_package_folder_is_listed_in_pyproject() -> None:
    # Packages are listed by hand (pyproject.toml says why), so a new folder must be added there.
    assert _package_folders() == _listed_packages()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out),
                    str(ROOT)], check=True, timeout=600)
    return next(out.glob("cstr_desk-*.whl"))


def test_the_wheel_carries_every_resource_file(wheel: Path) -> None:
    prefix = "cstr_desk/resources/"
    with zipfile.ZipFile(wheel) as archive:
        carried = {name[len(prefix):] for name in archive.namelist() if name.startswith(prefix)}
    assert _shipped_resources() <= carried


@pytest.mark.slow
def test_the_installed_wheel_passes_its_self_test(
        wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    venv = tmp_path_factory.mktemp("venv") / "fresh"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True,
                   timeout=900)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run([str(venv / "bin" / "cstr-desk"), "--self-test"], cwd=elsewhere,
                          env=environment, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("CSTR Desk self-test passed: 7 instruments scored")
