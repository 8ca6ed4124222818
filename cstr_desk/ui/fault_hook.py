"""What the person at the desk sees when something unexpected goes wrong: one plain message,
not a traceback in a console nobody reads, and a note for support (cstr_desk.fault_log) that
holds nothing about the person being screened."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from cstr_desk.fault_log import record_fault

TITLE = "Something went wrong"


def fault_message(log: Path | None) -> str:
    kept = ("Every answer and form is saved as it is given, so what was saved before is safe; "
            "what you were doing at that moment may not have been saved, so please check it.")
    if log is None:
        return f"CSTR Desk met an unexpected problem. {kept}"
    return (f"CSTR Desk met an unexpected problem. {kept} A note for your IT support was "
            f"written to {log}; it holds nothing about the people on this desk.")


class FaultHook:
    """Installed as sys.excepthook, which PySide6 calls for an exception a slot or an event
    handler did not catch. One message at a time: an error repeating on a timer must not pile
    up dialogs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._showing = False

    def __call__(self, kind: type[BaseException], error: BaseException,
                 trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        try:
            log: Path | None = record_fault(self.folder, error.with_traceback(trace))
        except OSError:
            log = None
        if self._showing:
            return
        self._showing = True
        try:
            QMessageBox.critical(QApplication.activeWindow(), TITLE, fault_message(log))
        finally:
            self._showing = False


def install_fault_hook(folder: Path) -> FaultHook:
    hook = FaultHook(folder)
    sys.excepthook = hook
    return hook
