"""Run slow core calls (opening the database: Argon2 takes about 0.4 s) off the GUI thread.

The work function runs on a pool thread and must not touch widgets; its result or exception comes
back through a signal that Qt delivers on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self.signals = signals

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # noqa: BLE001 - every failure is reported to the screen
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


class Worker(QObject):
    """One background job: `start(work)`; `finished(result)` or `failed(exception)` follow."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals: _Signals | None = None

    @property
    def busy(self) -> bool:
        return self._signals is not None

    def start(self, work: Callable[[], Any]) -> None:
        signals = _Signals()
        signals.finished.connect(self._on_finished)
        signals.failed.connect(self._on_failed)
        self._signals = signals
        QThreadPool.globalInstance().start(_Job(work, signals))

    def _on_finished(self, result: object) -> None:
        self._signals = None
        self.finished.emit(result)

    def _on_failed(self, error: object) -> None:
        self._signals = None
        self.failed.emit(error)
