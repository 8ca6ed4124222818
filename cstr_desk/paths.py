"""Where the app's bundled files live, from a source checkout or from a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """The `resources/` folder: beside the package in a checkout, or inside the unpacked bundle
    when PyInstaller has frozen the app (it sets `sys._MEIPASS` to that folder)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file or folder under `resources/`, e.g. `resource_path("fonts", "DejaVuSans.ttf")`."""
    return resources_root().joinpath(*parts)
