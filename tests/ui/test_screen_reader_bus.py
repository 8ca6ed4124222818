"""Every main screen read through the real AT-SPI accessibility bus, the tree Orca reads: the app
runs on a private X display with Qt's accessibility bridge on (realdesk/screens_driver.py), and a separate
system-Python process reads each screen with pyatspi (realdesk/walker.py).

Fails on an interactive node with no name, a name that is a style word, a combo box or field named
after its value rather than what it asks, a window that is not a named window, a Tab cycle that
never leaves a widget, a recovery key a screen reader cannot read, and a next question that is
not announced after an answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cstr_desk.ui.case_view import CASE_TABS
from tests.ui.realdesk.desktop import accessible_desktop, missing_tools

DRIVER = Path(__file__).with_name("realdesk") / "screens_driver.py"
SCREENS = [
    "wizard: database", "wizard: site", "wizard: contact details", "wizard: administrator", "wizard: recovery key",
    "administrator: site settings", "administrator: users", "sign-in",
    "case list", *(f"case: {tab.title.replace('&', '')} tab" for tab in CASE_TABS), "runner: first question",
    "runner: after an answer", "runner: review", "case: Questionnaires tab with results",
    "monthly monitoring return",
]


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    missing = missing_tools()
    assert not missing, f"Install the Debian packages {', '.join(missing)} (./dev test does)"
    work = tmp_path_factory.mktemp("screen-reader")
    out = work / "screens.json"
    with accessible_desktop(work / "home") as env:
        env.update({k: v for k, v in os.environ.items() if k == "CSTR_DESK_SHOTS"})
        run = subprocess.run([sys.executable, str(DRIVER), str(out), str(work)], env=env,
                             capture_output=True, text=True, timeout=150)
    assert run.returncode == 0, run.stderr[-3000:]
    found = json.loads(out.read_text())
    # Per screen, for the record (pytest -s shows it): interactive nodes and unnamed ones.
    for name, screen in found.items():
        print(f"{name:40} interactive {screen['interactive']:3}  unnamed {len(screen['unnamed'])}"
              f"  problems {len(screen['problems'])}  seconds {screen['seconds']}")
    return found


def test_every_main_screen_was_read_through_the_bus(screens: dict[str, dict]) -> None:
    assert list(screens) == SCREENS
    assert all(screen["interactive"] > 0 for screen in screens.values())


@pytest.mark.parametrize("name", SCREENS)
def test_a_screen_reader_user_misses_nothing(screens: dict[str, dict], name: str) -> None:
    screen = screens[name]
    assert screen["unnamed"] == [] and screen["problems"] == [], screen
