"""Prints the recovery key (from the set-up wizard) and the court's report (from a case's Reports
tab) through the app's own print buttons and print dialog, to the default printer of the CUPS
server in CUPS_SERVER. Run by test_print_queue.py in the virtualenv's Python:
`print_driver.py WORK_DIR`; writes WORK_DIR/printed.json (the key, the report's page count).
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository, for `cstr_desk`

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication

NOW = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)


def settle(milliseconds: int = 100) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def wait_until(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        settle(30)


def accept_print_dialogs() -> list[str]:
    """Press Print in every print dialog the app opens, as a user would without changing
    anything: the job goes to the default printer. Returns the printers the dialogs chose."""
    chosen: list[str] = []

    def press_print() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QPrintDialog):
            chosen.append(dialog.printer().printerName())
            dialog.accept()

    timer = QTimer(QApplication.instance())
    timer.timeout.connect(press_print)
    timer.start(100)
    return chosen


def print_recovery_key(work: Path) -> str:
    from cstr_desk.ui.setup_wizard import SetupWizard

    wizard = SetupWizard(work / "new.db")
    wizard.show()
    wizard.next()
    wizard.site.site_name.setText("Northtown Liaison and Diversion")
    wizard.site.courts.setPlainText("Northtown Magistrates' Court")
    wizard.next()
    wizard.next()  # the contact details can be left for the site settings
    admin = wizard.administrator
    for field, text in ((admin.full_name, "Ada Admin"), (admin.username, "admin"),
                        (admin.password, "admin password 1"), (admin.confirm, "admin password 1")):
        field.setText(text)
    wizard.next()
    wait_until(lambda: wizard.recovery.stored.isVisible())
    key = wizard.recovery.key.toPlainText()
    wizard.recovery.print_button.click()
    settle()
    return key


def make_case(path: Path) -> int:
    """A case assessed, consented and decided, so the Clinical Lead may print the final report."""
    import forms
    from cstr_desk.domain import (
        AdministrationMode, ClinicalLeadDecision, ConsentRecord, DecisionChannel, DecisionOutcome,
        OrderType, PractitionerAssessment, Requirement, RiskAssessment, Role,
    )
    from cstr_desk.store import open_with_password
    from cstr_desk.store.testing import TEST_PASSWORD, USERNAMES, make_database, sample_person, sample_referral

    make_database(path)[0].close()
    with open_with_password(path, USERNAMES[Role.PRACTITIONER], TEST_PASSWORD) as session:
        person = session.add_person(sample_person())
        referral = session.add_referral(sample_referral(person.id))
        given = session.start_administration(referral.id, "phq9", forms.form_hash("phq9"),
                                             AdministrationMode.PRACTITIONER)
        for number, value in enumerate([2, 2, 3, 2, 1, 2, 2, 1, 0], start=1):
            session.record_answer(given.id, str(number), value, number)
        session.complete_administration(given.id)
        session.save_assessment(PractitionerAssessment(
            referral_id=referral.id, presenting_problem="Low mood", formulation="Loss of work",
            risk=RiskAssessment(self_harm="None", suicide="None", harm_to_others="None",
                                safeguarding="None"), completed=True))
        session.record_consent(ConsentRecord(
            referral_id=referral.id, consent_version="2026.1",
            requirements_assessed_for=[Requirement.MHTR], requirements_consented=[Requirement.MHTR],
            explained_by=session.user.id, easy_read_used=False,
            acknowledgements={"information_sharing": True}, consented_at=NOW))
    with open_with_password(path, USERNAMES[Role.CLINICAL_LEAD], TEST_PASSWORD) as session:
        session.record_decision(ClinicalLeadDecision(
            referral_id=referral.id, outcome=DecisionOutcome.TREAT, channel=DecisionChannel.TELEPHONE,
            clinical_lead_name="Dr Clare Lead", discussed_at=NOW,
            recommendations_to_court="MHTR, 12 sessions", recommended_requirements=[Requirement.MHTR],
            recommended_length_months=12, recommended_order_type=OrderType.COMMUNITY_ORDER,
            treatment_plan="Weekly CBT",
            treatment_provider="Primary care MHTR service", first_appointment_at=NOW,
            first_appointment_place="Northtown clinic", recorded_by=session.user.id, recorded_at=NOW))
    return referral.id


def print_court_report(work: Path) -> int:
    from cstr_desk.domain import ReportKind, Role
    from cstr_desk.store import open_with_password
    from cstr_desk.store.testing import TEST_PASSWORD, USERNAMES
    from cstr_desk.ui.report_preview import ReportsTab
    from cstr_desk.workflow.report_issuing import ReportChoice

    path = work / "court.cstr"
    referral_id = make_case(path)
    session = open_with_password(path, USERNAMES[Role.CLINICAL_LEAD], TEST_PASSWORD)
    tab = ReportsTab(session)
    tab.resize(1340, 700)
    tab.show()
    tab.show_case(session.load_case(referral_id))
    tab.choose(ReportChoice(ReportKind.PSR, final=True))
    wait_until(lambda: tab.report is not None)
    tab.print_button.click()
    settle()
    if tab.error.isVisible():
        raise RuntimeError(f"the report did not print: {tab.error.text()}")
    pages = tab.document.pageCount()
    session.close()
    return pages


def main() -> int:
    work = Path(sys.argv[1])
    assert os.environ.get("CUPS_SERVER"), "CUPS_SERVER must name the test's own print server"
    from cstr_desk.store import set_kdf_params_for_tests
    from cstr_desk.store.testing import FAST_KDF
    from cstr_desk.ui.app import prepare_application

    set_kdf_params_for_tests(FAST_KDF)
    prepare_application(["cstr-desk"]).setQuitOnLastWindowClosed(False)
    printers = accept_print_dialogs()
    key = print_recovery_key(work)
    pages = print_court_report(work)
    (work / "printed.json").write_text(json.dumps({"key": key, "report_pages": pages, "printers": printers}))
    sys.stdout.flush()
    # Leave without tearing the widgets down one by one: the jobs are spooled, and PySide's
    # shutdown order can crash on widgets still holding a printer.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
