"""Background jobs (cstr_desk/ui/worker.py): outcomes arrive on the GUI thread, and nothing a job
holds is let go of on the job's thread (the suite segfaulted when it was)."""

from __future__ import annotations

import gc
import threading
import time

import pytest
from PySide6.QtCore import QObject

from cstr_desk.ui.worker import Worker


class _Held:
    """Records the thread that lets go of it, as a widget captured by a job's closure would."""

    def __init__(self, released_on: list[str]) -> None:
        self.released_on = released_on

    def __del__(self) -> None:
        self.released_on.append(threading.current_thread().name)


def test_the_result_arrives_on_the_gui_thread(qtbot) -> None:
    worker = Worker()
    seen: list[tuple[object, str]] = []
    worker.finished.connect(lambda result: seen.append((result, threading.current_thread().name)))
    with qtbot.waitSignal(worker.finished, timeout=5_000):
        worker.start(lambda: 6 * 7)
    assert seen == [(42, threading.main_thread().name)]
    assert not worker.busy


def test_a_failure_arrives_as_the_exception(qtbot) -> None:
    worker = Worker()
    with qtbot.waitSignal(worker.failed, timeout=5_000) as failed:
        worker.start(lambda: 1 / 0)
    assert isinstance(failed.args[0], ZeroDivisionError)
    assert not worker.busy


def test_what_the_job_holds_is_let_go_of_on_the_gui_thread(qtbot) -> None:
    released_on: list[str] = []
    worker = Worker()

    def start() -> None:
        held = _Held(released_on)
        worker.start(lambda: held and time.sleep(0.05))

    with qtbot.waitSignal(worker.finished, timeout=5_000):
        start()
    gc.collect()
    assert released_on == [threading.main_thread().name]


def test_automatic_collection_waits_while_a_job_runs_and_comes_back(qtbot) -> None:
    assert gc.isenabled()
    worker = Worker()
    collecting: list[bool] = []
    with qtbot.waitSignal(worker.finished, timeout=5_000):
        worker.start(lambda: collecting.append(gc.isenabled()))
    assert collecting == [False]
    assert gc.isenabled()


def test_only_the_latest_job_is_reported(qtbot) -> None:
    worker = Worker()
    results: list[object] = []
    worker.finished.connect(results.append)
    worker.start(lambda: time.sleep(0.1) or "first")
    with qtbot.waitSignal(worker.finished, timeout=5_000):
        worker.start(lambda: "second")
    qtbot.wait(300)
    assert results == ["second"]


def test_a_worker_deleted_while_its_job_runs_is_not_called(qtbot) -> None:
    owner = QObject()
    worker = Worker(owner)
    results: list[object] = []
    worker.finished.connect(results.append)
    release = threading.Event()
    worker.start(lambda: release.wait(5) and "too late")
    del worker
    owner.deleteLater()
    qtbot.wait(50)
    release.set()
    qtbot.waitUntil(gc.isenabled, timeout=5_000)
    assert results == []


@pytest.fixture(autouse=True)
def _no_job_left_running(qtbot) -> None:
    yield
    qtbot.waitUntil(lambda: not any(t.name == "cstr-desk job" for t in threading.enumerate()),
                    timeout=5_000)
