"""Administration → Clear confirmed cases (issue 16 item 6): the administrator sees which closed
cases the site hub holds in full and are past the site's retention period, confirms, and they
leave this desk. The work is `cstr_desk.hub.clearing` (the hub asked, one transaction a case,
audited); this dialog only asks and shows progress, off the GUI thread (ui/worker.py), since
asking the hub and clearing many cases take more than a second.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QMessageBox, QPlainTextEdit, QProgressBar, QVBoxLayout, QWidget,
)

from cstr_desk.store import Session
from cstr_desk.store.session_clearing import PlanStage
from cstr_desk.ui.widgets import button, heading, label, set_error
from cstr_desk.ui.worker import Worker
from cstr_desk.ukdates import uk_date

if TYPE_CHECKING:
    from cstr_desk.hub.clearing import ClearingPlan, ClearingResult

_POLL_MS = 100


@dataclass
class _Progress:
    """Written by the job's thread, read by a timer on the GUI thread: two ints, no Qt."""

    done: int = 0
    of: int = 0

    def tell(self, done: int, of: int) -> None:
        self.done, self.of = done, of

    def tell_stage(self, stage: PlanStage, done: int, of: int) -> None:
        """Planning reads the desk's cases, then asks the hub: the bar runs through both."""
        self.done = done if stage == PlanStage.READING else of + done
        self.of = 2 * of


class ClearConfirmedDialog(QDialog):
    cleared = Signal(int)  # how many cases left the desk

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.plan: ClearingPlan | None = None
        self._progress = _Progress()
        self.setWindowTitle(self.tr("Clear confirmed cases"))
        self.setAccessibleName(self.tr("Clear confirmed cases"))
        self.status = label(self.tr("Asking the site hub which closed cases it holds…"),
                            accessible_name=self.tr("Clearing"))
        self.cases = QPlainTextEdit()
        self.cases.setReadOnly(True)
        self.cases.setAccessibleName(self.tr("Cases to clear"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.error = label(role="error")
        self.error.setVisible(False)
        self.clear_button = button(self.tr("C&lear these cases…"),
                                   self.tr("Remove the listed cases from this desk"), self.confirm)
        self.clear_button.setEnabled(False)
        self.close_button = button(self.tr("Close"), self.tr("Close"), self.reject)
        self.timer = QTimer(self)
        self.timer.setInterval(_POLL_MS)
        self.timer.timeout.connect(self._show_progress)
        self.worker = Worker(self)
        self.worker.finished.connect(self._done)
        self.worker.failed.connect(self._failed)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Clear confirmed cases")))
        layout.addWidget(self.status)
        layout.addWidget(self.cases, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(620, 420)

    def ask_hub(self) -> None:
        """Lists what would go; changes nothing."""
        session, progress = self.session, self._progress

        def work() -> ClearingPlan:
            from cstr_desk.hub.clearing import plan_clearing  # psycopg only when used

            return plan_clearing(session, progress=progress.tell_stage)

        self._start(work)

    def confirm(self) -> None:
        if self.plan is None or not self.plan.confirmed or self.worker.busy:
            return
        count = len(self.plan.confirmed)
        answer = QMessageBox.question(
            self, self.tr("Clear confirmed cases"),
            self.tr("Remove these {count} cases from this desk for good? The site hub keeps "
                    "them.").format(count=count))
        if answer == QMessageBox.StandardButton.Yes:
            self.clear()

    def clear(self) -> None:
        session, progress, plan = self.session, self._progress, self.plan
        if plan is None:
            return

        def work() -> ClearingResult:
            from cstr_desk.hub.clearing import clear_confirmed

            return clear_confirmed(session, plan, progress=progress.tell)

        self.status.setText(self.tr("Clearing…"))
        self._start(work)

    def _start(self, work: Callable[[], object]) -> None:
        set_error(self.error, "")
        self.clear_button.setEnabled(False)
        self._progress.tell(0, 0)
        self.progress.setRange(0, 0)
        self.timer.start()
        self.worker.start(work)

    def _show_progress(self) -> None:
        if self._progress.of:
            self.progress.setRange(0, self._progress.of)
            self.progress.setValue(self._progress.done)

    def _done(self, result: object) -> None:
        self.timer.stop()
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        from cstr_desk.hub.clearing import ClearingPlan, ClearingResult

        if isinstance(result, ClearingPlan):
            self._show_plan(result)
            return
        assert isinstance(result, ClearingResult)  # the only other job this dialog starts
        self.plan = None
        cleared = len(result.cleared)
        self.status.setText(self.tr("Cleared {count} closed cases from this desk; the site hub "
                                    "keeps them.").format(count=cleared))
        self.cleared.emit(cleared)

    def _show_plan(self, plan: ClearingPlan) -> None:
        self.plan = plan
        days = self.session.site_settings().closed_case_retention_days
        lines = [self.tr("Case {number}, closed {day}").format(
            number=case.referral_id, day=uk_date(case.closed_at)) for case in plan.confirmed]
        self.cases.setPlainText("\n".join(lines))
        text = (self.tr("{count} closed cases the site hub holds in full, closed more than "
                        "{days} days ago, can be cleared.").format(count=len(plan.confirmed),
                                                                  days=days)
                if plan.confirmed else
                self.tr("No closed case is due for clearing (the hub holds it in full, closed "
                        "more than {days} days ago).").format(days=days))
        if not self.session.hub_sync_status().enrolled:
            text = self.tr("This desk is not enrolled with a site hub, so no case is cleared "
                           "from it: a closed case leaves a desk only once a hub holds it.")
        if plan.waiting:
            text += " " + self.tr("{count} more are due but the hub does not hold all of them "
                                  "yet: they stay until a sync has sent them.").format(
                                      count=len(plan.waiting))
        self.status.setText(text)
        self.clear_button.setEnabled(bool(plan.confirmed))

    def _failed(self, error: object) -> None:
        self.timer.stop()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        message = getattr(error, "message", None)
        set_error(self.error, message or self.tr("The clearing did not finish; nothing more "
                                                 "was cleared."))
        self.status.setText("")
