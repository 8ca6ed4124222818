"""The contract every page of the case view follows.

The case view owns the open case: it loads the `CaseRecord`, hands it to each tab through
`show_case`, and reloads everything when a tab says the case changed. Tabs never reach into the
database: they read the record they were given and change it only through
`cstr_desk.workflow.operations`. On lock the case view is destroyed, not hidden, so tabs hold no
personal data beyond their own lifetime.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from cstr_desk.domain import CaseRecord
from cstr_desk.store import Session


class CaseTab(QWidget):
    """Base for one tab of the case view (assessment, consent, decision, sentence...)."""

    # Emitted after an operation changed the case; the case view reloads and calls show_case.
    case_changed = Signal()
    # A short plain-words notice for the status bar ("Consent recorded.").
    notice = Signal(str)

    title: str = ""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session

    def show_case(self, case: CaseRecord) -> None:
        raise NotImplementedError
