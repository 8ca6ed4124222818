"""Run slow core calls (opening the database: Argon2 takes about 0.4 s) off the GUI thread.

The work function runs on its own thread and must not touch widgets; its result or exception comes
back through a signal that Qt delivers on the GUI thread.

Every Qt object and every Python object a job holds (its work function closes over widgets) is
released on the GUI thread: a QObject destroyed from another thread, or a cycle of widgets
collected by the garbage collector running on the job's thread, crashes the app (a segfault
seen in the test suite with QRunnable jobs, whose pool deletes them on the pool thread). So a job
is a plain Python thread that only computes, one courier that lives as long as the application
carries its outcome, the GUI thread joins the thread before dropping the job, and automatic
garbage collection waits while a job runs.
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot


@dataclass(eq=False)
class _Job:
    work: Callable[[], Any]
    worker: weakref.ref[Worker]
    thread: threading.Thread = field(init=False)
    result: object = None
    error: Exception | None = None

    def run(self, courier: _Courier) -> None:
        try:
            self.result = self.work()
        except Exception as error:  # noqa: BLE001 - every failure is reported to the screen
            self.error = error
        try:
            courier.arrived.emit(self)
        except RuntimeError:
            pass  # the application has ended while the job ran: nobody is waiting for it


class _Courier(QObject):
    """Lives on the GUI thread until the application ends; jobs' outcomes arrive through it."""

    arrived = Signal(object)

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        self.running: set[_Job] = set()
        self.collecting_before = True
        self.arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def launch(self, job: _Job) -> None:
        if not self.running:
            self.collecting_before = gc.isenabled()
            gc.disable()
        self.running.add(job)
        job.thread = threading.Thread(target=job.run, args=(self,), name="cstr-desk job")
        job.thread.start()

    @Slot(object)
    def _deliver(self, job: _Job) -> None:
        job.thread.join()  # the thread has emitted; this waits for it to let go of its frame
        self.running.discard(job)
        if not self.running and self.collecting_before:
            gc.enable()
        worker = job.worker()
        if worker is not None and shiboken6.isValid(worker):
            worker.job_ended(job)


_the_courier: _Courier | None = None


def _courier() -> _Courier:
    global _the_courier
    if _the_courier is None or not shiboken6.isValid(_the_courier):
        _the_courier = _Courier()
    return _the_courier


class Worker(QObject):
    """One background job: `start(work)`; `finished(result)` or `failed(exception)` follow."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job: _Job | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None

    def start(self, work: Callable[[], Any]) -> None:
        self._job = _Job(work, weakref.ref(self))
        _courier().launch(self._job)

    def job_ended(self, job: _Job) -> None:
        if job is not self._job:
            return
        self._job = None
        if job.error is not None:
            self.failed.emit(job.error)
        else:
            self.finished.emit(job.result)
