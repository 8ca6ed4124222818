"""Drives the real app on a real X display with Qt's accessibility bridge on, screen by screen,
and has walker.py read each screen through the AT-SPI bus. Run by test_screen_reader_bus.py in
the virtualenv's Python: `screens_driver.py OUT.json WORK_DIR`. Writes one entry per screen.

The screens are the ones a court user goes through: the set-up wizard's pages (with the recovery
key) and the administrator's site settings and users, sign-in, the case list, each tab of a case, a
questionnaire's question (after an answer, the next question must be announced) and its review,
the results table afterwards, and the monthly monitoring return. With CSTR_DESK_SHOTS set to a
folder, each screen is also saved there as a PNG.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository, for `cstr_desk`

from PySide6.QtCore import QEventLoop, QProcess, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

WALKER = Path(__file__).with_name("walker.py")
SYSTEM_PYTHON = "/usr/bin/python3"


def settle(milliseconds: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def wait_until(condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        settle(30)


class Recorder:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.screens: dict[str, dict] = {}

    def walk(self, screen: str, window: QWidget, *walker_args: str) -> None:
        """Bring `window` to the front and let the walker read it while the event loop keeps
        answering the bus (a blocking wait would leave every AT-SPI call unanswered)."""
        window.raise_()
        window.activateWindow()
        settle(150)
        shots = os.environ.get("CSTR_DESK_SHOTS")  # a folder: each screen as a PNG, to look at
        if shots:
            window.grab().save(str(Path(shots) / f"{screen.replace(':', '').replace(' ', '-')}.png"))
        process = QProcess()
        process.setProgram(SYSTEM_PYTHON)
        process.setArguments([str(WALKER), "--pid", str(os.getpid()), *walker_args])
        loop = QEventLoop()
        process.finished.connect(loop.quit)
        QTimer.singleShot(30_000, loop.quit)
        process.start()
        loop.exec()
        if process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
            process.waitForFinished()
        output = bytes(process.readAllStandardOutput()).decode()
        error = bytes(process.readAllStandardError()).decode()
        try:
            self.screens[screen] = json.loads(output)
        except json.JSONDecodeError:
            self.screens[screen] = {"interactive": 0, "unnamed": [], "tab_order": [],
                                    "problems": [f"the walker failed: {error.strip()[-800:]}"]}
        self.out.write_text(json.dumps(self.screens, indent=1))


def run_wizard(recorder: Recorder, work: Path) -> None:
    from cstr_desk.ui.app import DeskApp

    os.environ["CSTR_DESK_DB"] = str(work / "new" / "cstr-desk.db")
    (work / "new").mkdir()
    desk = DeskApp()
    desk.start()
    wizard = desk.wizard
    wait_until(wizard.isVisible)
    recorder.walk("wizard: database", wizard)
    wizard.next()
    site = wizard.site
    site.site_name.setText("Northtown Liaison and Diversion")
    site.courts.setPlainText("Northtown Magistrates' Court")
    site.postcodes.edit.setText("NT1")
    recorder.walk("wizard: site", wizard)
    wizard.next()
    recorder.walk("wizard: contact details", wizard)
    wizard.next()
    admin = wizard.administrator
    for field, text in ((admin.full_name, "Ada Admin"), (admin.username, "admin"),
                        (admin.password, "admin password 1"), (admin.confirm, "admin password 1")):
        field.setText(text)
    recorder.walk("wizard: administrator", wizard)
    wizard.next()
    wait_until(lambda: wizard.recovery.stored.isVisible())
    key = wizard.recovery.key.toPlainText()
    recorder.walk("wizard: recovery key", wizard, "--expect-text", key)
    wizard.recovery.stored.setChecked(True)
    wizard.accept()
    wait_until(lambda: desk.main_window is not None and desk.main_window.isVisible())
    window = desk.main_window
    window.edit_site_settings()
    wait_until(lambda: window.site_settings_dialog.isVisible())
    recorder.walk("administrator: site settings", window.site_settings_dialog)
    window.site_settings_dialog.reject()
    window.manage_users()
    wait_until(lambda: window.users_dialog.isVisible())
    recorder.walk("administrator: users", window.users_dialog)
    window.users_dialog.reject()
    window.session.close()
    window.close()
    settle()


def make_site(path: Path) -> None:
    from cstr_desk.domain import OffenceType, Person, Referral, ReferralSource, Role, SiteSettings, User
    from cstr_desk.store import create_database, open_with_password

    path.parent.mkdir()
    settings = SiteSettings(site_name="Northtown L&D", courts=["Northtown Magistrates' Court"],
                            postcode_areas=["NT1"])
    admin = User(username="admin", full_name="Ada Admin", role=Role.ADMINISTRATOR)
    session, _key = create_database(path, admin, "admin password 1", settings)
    session.add_user(User(username="pat", full_name="Pat Practitioner", role=Role.PRACTITIONER),
                     "practitioner pw 1")
    session.close()
    session = open_with_password(path, "pat", "practitioner pw 1")
    person = session.add_person(Person(given_name="Sam", family_name="Smith",
                                       date_of_birth=date(1990, 4, 1), pnc_number="12/3456789A"))
    session.add_referral(Referral(person_id=person.id, site="Northtown L&D",
                                  court="Northtown Magistrates' Court", hearing_date=date.today(),
                                  referral_source=ReferralSource.POLICE_CUSTODY,
                                  offence_type=OffenceType.THEFT))
    session.close()


def run_court_day(recorder: Recorder, work: Path) -> None:
    from cstr_desk.ui.app import DeskApp

    path = work / "site" / "cstr-desk.db"
    make_site(path)
    os.environ["CSTR_DESK_DB"] = str(path)
    desk = DeskApp()
    desk.start()
    sign_in = desk.sign_in
    wait_until(sign_in.isVisible)
    recorder.walk("sign-in", sign_in)
    sign_in.username.setText("pat")
    sign_in.password.setText("practitioner pw 1")
    sign_in.submit()
    wait_until(lambda: desk.main_window is not None and desk.main_window.isVisible())
    window = desk.main_window
    window.find_action.trigger()
    wait_until(lambda: window.case_list.model.rowCount() == 1)
    recorder.walk("case list", window)
    window.open_case(window.case_list.model.cases[0].referral_id)
    view = window.case_view
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        settle()
        recorder.walk(f"case: {view.tabs.tabText(index).replace('&', '')} tab", window)
    view.tabs.setCurrentIndex(0)
    view.questionnaires().start_buttons["k10"][0].click()
    wait_until(lambda: window.runner is not None and window.runner.isVisible())
    runner = window.runner
    settle()
    recorder.walk("runner: first question", window, "--expect-focus", runner.questions[0].text)
    # "None of the time" throughout: a low score, so no escalation prompt stands in the way.
    QTest.keyClick(runner.focusWidget() or runner, Qt.Key.Key_1)
    settle()
    recorder.walk("runner: after an answer", window, "--expect-focus", runner.questions[1].text,
                  "--tabs", "0")
    for _ in range(9):
        QTest.keyClick(runner.focusWidget() or runner, Qt.Key.Key_1)
    settle()
    recorder.walk("runner: review", window)
    runner.finish()
    wait_until(lambda: window.case_view is not None and window.case_view.isVisible())
    settle()
    recorder.walk("case: Questionnaires tab with results", window)
    window.show_monitoring()
    settle()
    recorder.walk("monthly monitoring return", window)
    window.session.close()


def main() -> int:
    out, work = Path(sys.argv[1]), Path(sys.argv[2])
    from cstr_desk.store import set_kdf_params_for_tests
    from cstr_desk.store.testing import FAST_KDF
    from cstr_desk.ui.app import prepare_application

    # Cheap Argon2: this test is about what the screen says, not how long a key takes.
    set_kdf_params_for_tests(FAST_KDF)
    app = prepare_application(["cstr-desk"])
    app.setQuitOnLastWindowClosed(False)
    recorder = Recorder(out)
    run_wizard(recorder, work)
    run_court_day(recorder, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
