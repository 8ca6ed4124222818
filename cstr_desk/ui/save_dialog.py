"""The save dialogs' one rule for existing files (store/outputs.py): Qt's save dialog asks
"replace it?" itself before returning a file that exists, so a file chosen there exactly is
replaced; a name the app changed (a suffix added) was never confirmed, so it is kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from cstr_desk.store import StoreError
from cstr_desk.store.outputs import OutputExists


def ask_save_path(parent: QWidget | None, caption: str, suggested: str, filters: str,
                  suffixes: tuple[str, ...]) -> tuple[Path, bool] | None:
    """(path, replace) or None when the person cancelled. `suffixes[0]` is added when the
    name has none of them."""
    chosen, _ = QFileDialog.getSaveFileName(parent, caption, suggested, filters)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in suffixes:
        path = path.with_name(path.name + suffixes[0])
    return path, confirmed_replace(path, chosen)


def confirmed_replace(path: Path, chosen: str) -> bool:
    return path.exists() and str(path) == chosen


def output_problem(error: StoreError) -> str:
    if isinstance(error, OutputExists):
        return f"{error.message} Choose another name, or choose it again and confirm to replace it."
    return error.message
