"""The contract every page of the case view follows.

The case view owns the open case: it loads the `CaseRecord`, hands it to each tab through
`show_case`, and reloads everything when a tab says the case changed. Tabs never reach into the
database: they read the record they were given and change it only through
`cstr_desk.workflow.operations`. On lock the case view is destroyed, not hidden, so tabs hold no
personal data beyond their own lifetime.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from cstr_desk.domain import CaseRecord
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.widgets import set_error
from cstr_desk.workflow.errors import ActionRefused


class CaseTab(QWidget):
    """Base for one tab of the case view (assessment, consent, decision, sentence...)."""

    # Emitted after an operation changed the case; the case view reloads and calls show_case.
    case_changed = Signal()
    # A short plain-words notice for the status bar ("Consent recorded.").
    notice = Signal(str)

    title: str = ""
    # The tab's line for a change that could not be made (set_error shows or hides it).
    problem: QLabel

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session

    def show_case(self, case: CaseRecord) -> None:
        raise NotImplementedError

    def _run(self, work: Callable[[], object], done_message: str) -> None:
        """One change through the workflow: a bad value or a refusal is shown on the tab's
        problem line and nothing else moves; once made, the line clears, the status bar says
        `done_message` and the case view reloads the case."""
        try:
            work()
        except (ValueError, ActionRefused, StoreError) as problem:
            set_error(self.problem, getattr(problem, "message", None) or str(problem))
            return
        set_error(self.problem, "")
        self.notice.emit(done_message)
        self.case_changed.emit()
