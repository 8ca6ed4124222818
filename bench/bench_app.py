"""The app as a whole: peak memory after a whole case journey, and the bundle's size on disk.

1. Peak memory (RSS): a fresh process (offscreen platform) signs in, opens a case that has been
   screened, assessed, consented and decided, answers a K10 in the runner by keyboard, visits
   every tab of the case view (the reports tab previews each report) and goes home; then it
   reports its peak RSS. Baseline: a bare PySide6 window in a fresh process. Target <= 250 MB.
2. Bundle size: `dist/cstr-desk-VERSION/` as `./dev bundle` builds it, next to a one-folder
   bundle of a bare PySide6 window built the same way in the same run. No target: it is
   reported so growth is seen.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from bench.table import row, run_alone

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024

# Read from /proc: getrusage's ru_maxrss survives exec on Linux, so a child started by a big
# parent (the whole bench, after its 50,000-case databases) would report the parent's peak.
_PEAK_RSS = r"""
def peak_rss_bytes():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
"""

_BARE = _PEAK_RSS + r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(1366, 768)
window.show()
QTimer.singleShot(200, app.quit)
app.exec()
print(peak_rss_bytes())
"""

_JOURNEY = _PEAK_RSS + r"""
import sys
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from cstr_desk.domain import Role, User
from cstr_desk.selftest import _take_sample_case_through
from cstr_desk.store import open_with_password, set_kdf_params_for_tests
from cstr_desk.store.testing import FAST_KDF, TEST_PASSWORD, USERNAMES, make_database
from cstr_desk.ui.app import prepare_application
from cstr_desk.ui.main_window import MainWindow
from cstr_desk.ui.theme import Preferences

set_kdf_params_for_tests(FAST_KDF)  # the throwaway database's key slots; not what is measured
db = Path(sys.argv[1]) / "journey.cstr"
admin, _key = make_database(db)
admin.add_user(User(username="practitioner", full_name="Bench Practitioner",
                    role=Role.PRACTITIONER), TEST_PASSWORD)
admin.close()
case = _take_sample_case_through(db, TEST_PASSWORD)
app = prepare_application(sys.argv[:1])
session = open_with_password(db, USERNAMES[Role.CLINICAL_LEAD], TEST_PASSWORD)
window = MainWindow(session, Preferences())
window.show()
window.open_case(case.referral.id)
window.case_view.questionnaires().start("k10", hand_over=False)
for _ in range(10):
    QTest.keyClick(window.runner, Qt.Key.Key_3)
    app.processEvents()
window.open_case(case.referral.id)
for index in range(window.case_view.tabs.count()):
    window.case_view.set_current_tab(index)
    app.processEvents()
window.show_home()
app.processEvents()
window.close()
print(peak_rss_bytes())
"""


def _peak_rss(script: str, *args: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300, check=True)
    return int(done.stdout.strip().splitlines()[-1]) / MB


def _folder_size(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / MB


def _bare_bundle_size(work: Path) -> float:
    script = work / "bare_window.py"
    script.write_text(_BARE)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                    "--onedir", "--name", "bare", "--distpath", str(work / "dist"),
                    "--workpath", str(work / "build"), "--specpath", str(work), str(script)],
                   check=True, timeout=900, capture_output=True)
    return _folder_size(work / "dist" / "bare")


def run(quick: bool = False) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="cstr-bench-app-") as folder:
        bare = _peak_rss(_BARE)
        journey = _peak_rss(_JOURNEY, folder)
        rows = [row("peak memory (RSS) after a whole case journey", journey, "MB", bare,
                     "<= 250 MB", journey <= 250)]
        bundle = ROOT / "dist" / f"cstr-desk-{version('cstr-desk')}"
        if bundle.is_dir() and not quick:
            size = _folder_size(bundle)
            rows.append(row("bundle size on disk (./dev bundle)", size, "MB",
                             _bare_bundle_size(Path(folder)), None, None))
        elif not bundle.is_dir():
            print(f"bench_app: no bundle at {bundle}; run ./dev bundle to measure its size",
                  file=sys.stderr)
    return rows


if __name__ == "__main__":
    sys.exit(run_alone(run, __doc__))
