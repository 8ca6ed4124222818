"""Desktop app speed: start-up to the sign-in window, and a digit key to the next question.

1. Start-up: a fresh Python process (offscreen platform) from launch until the sign-in window's
   first paint, against a bare PySide6 window measured the same way in the same run (targets:
   ratio <= 3 and <= 1.5 s). The child prints a line from its first paintEvent; the clock is the
   parent's, so interpreter start-up and imports are counted.
2. Answering: a digit key in the questionnaire runner until the next question has been painted
   (target: median <= 16 ms, one frame at 60 Hz). The baseline is the store's own
   `record_answer` (the durable commit every answer makes), so the ratio is what the screen adds.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.table import row, run_alone

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench password 1"

_CHILD = r"""
import os, sys
mode = sys.argv[1]
from PySide6.QtWidgets import QApplication, QWidget
if mode == "bare":
    class Window(QWidget):
        def paintEvent(self, event):
            super().paintEvent(event)
            print("shown", flush=True)
            os._exit(0)
    app = QApplication(sys.argv[:1])
    window = Window()
    window.resize(480, 320)
    window.show()
else:
    from cstr_desk.ui.app import DeskApp, prepare_application
    app = prepare_application(sys.argv[:1])
    desk = DeskApp()
    desk.start()
    def shown():
        print("shown", flush=True)
        os._exit(0)
    desk.sign_in.shown.connect(shown)
app.exec()
"""


def _cheap_kdf() -> None:
    from cstr_desk.store import KdfParams, set_kdf_params_for_tests

    # Only the bench's own throwaway database; the figures measured here never open a key slot.
    set_kdf_params_for_tests(KdfParams(time_cost=1, memory_kib=1024, parallelism=1))


def _make_database(folder: Path) -> Path:
    from cstr_desk.domain import OffenceType, Person, Referral, ReferralSource, Role, SiteSettings, User
    from cstr_desk.store import create_database, open_with_password
    from cstr_desk.workflow import operations

    _cheap_kdf()
    path = folder / "bench.db"
    admin = User(username="admin", full_name="Bench Admin", role=Role.ADMINISTRATOR)
    settings = SiteSettings(site_name="Bench", courts=["Bench Magistrates' Court"])
    session, _key = create_database(path, admin, PASSWORD, settings)
    session.add_user(User(username="lee", full_name="Lee Bench", role=Role.LD_WORKER), PASSWORD)
    session.close()
    session = open_with_password(path, "lee", PASSWORD)
    person = Person(given_name="Bench", family_name="Person", date_of_birth=date(1980, 1, 1))
    referral = Referral(person_id=0, site="Bench", court="Bench Magistrates' Court",
                        hearing_date=date.today(), referral_source=ReferralSource.PROBATION,
                        offence_type=OffenceType.THEFT)
    operations.register_referral(session, person, referral)
    session.close()
    return path


def _time_to_first_paint(mode: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    child = subprocess.run([sys.executable, "-c", _CHILD, mode], env=env, cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - started
    if "shown" not in child.stdout:
        raise RuntimeError(f"{mode} window never painted: {child.stderr.strip()[-500:]}")
    return elapsed


def _start_up(folder: Path, repeats: int) -> list[dict]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CSTR_DESK_DB": str(_make_database(folder)),
           "XDG_CONFIG_HOME": str(folder / "config"), "XDG_DATA_HOME": str(folder / "data"),
           "PYTHONPATH": str(ROOT)}
    bare, app = [], []
    for _ in range(repeats):  # interleaved, so both see the same disk cache and machine load
        bare.append(_time_to_first_paint("bare", env))
        app.append(_time_to_first_paint("app", env))
    value, baseline = statistics.median(app), statistics.median(bare)
    return [row("start-up to sign-in window painted (median)", value, "s", baseline,
                 "<= 3x bare window and <= 1.5 s", value <= 1.5 and value / baseline <= 3)]


def _answering(folder: Path, keys: int) -> list[dict]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, QStandardPaths, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from cstr_desk.domain import AdministrationMode
    from cstr_desk.store import open_with_password
    from cstr_desk.ui.app import prepare_application
    from cstr_desk.ui.main_window import MainWindow
    from cstr_desk.ui.runner import Runner
    from cstr_desk.ui.theme import Preferences
    from cstr_desk.workflow import operations

    app = QApplication.instance() or prepare_application([sys.argv[0]])
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    (folder / "answering").mkdir()
    path = _make_database(folder / "answering")
    session = open_with_password(path, "lee", PASSWORD)
    window = MainWindow(session, Preferences(QSettings(str(folder / "prefs.ini"), QSettings.Format.IniFormat)))
    window.show()
    referral_id = session.list_cases()[0].referral_id
    screen, store = [], []
    runner: Runner | None = None
    while len(screen) < keys:
        if runner is None or runner.position >= len(runner.questions) - 1:
            started = operations.start_administration(session, referral_id, "k10", AdministrationMode.PRACTITIONER)
            window.open_case(referral_id)
            window.run_questionnaire(started.record.id, False)
            runner = window.runner
            app.processEvents()
        began = time.perf_counter()
        QTest.keyClick(runner, Qt.Key.Key_2)
        runner.pages.currentWidget().repaint()
        screen.append(time.perf_counter() - began)
        began = time.perf_counter()
        session.record_answer(runner.administration_id, "1", 1, runner.position)
        store.append(time.perf_counter() - began)
    window.close()
    value, baseline = statistics.median(screen) * 1000, statistics.median(store) * 1000
    return [row("digit key to next question painted (median)", value, "ms", baseline,
                 "<= 16 ms", value <= 16)]


def run(quick: bool = False) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="cstr-bench-ui-") as temp:
        folder = Path(temp)
        (folder / "start").mkdir()
        rows = _start_up(folder / "start", 3 if quick else 7)
        rows += _answering(folder, 30 if quick else 150)
    return rows


def main(argv: list[str] | None = None) -> int:
    return run_alone(run, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
