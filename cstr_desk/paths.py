"""Where the app's bundled files live: in the installed package `cstr_desk.resources` (the
`resources/` folder of a checkout, mapped by pyproject.toml), or inside a PyInstaller bundle."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resources_root() -> Path:
    """The folder holding the shipped files. Fonts and pictures are handed to ReportLab and Qt
    by file name, so the package must be unpacked on disk (a wheel install, an editable install
    or the bundle); a zipped install is refused here rather than failing later in a renderer."""
    root = files("cstr_desk.resources")
    if not isinstance(root, Path):
        raise RuntimeError("CSTR Desk must be installed unpacked: its resources are not files.")
    return root


def resource_path(*parts: str) -> Path:
    """A file or folder under `resources/`, e.g. `resource_path("fonts", "DejaVuSans.ttf")`."""
    return resources_root().joinpath(*parts)
