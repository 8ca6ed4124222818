"""The site's courts, postcodes served and idle lock, as the set-up wizard sets them first and an
administrator changes them later (issue 14: the postcode areas could not be corrected in the
app). The postcodes field shows back what it understood as it is typed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog, QFormLayout, QHBoxLayout, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget,
)

from cstr_desk.domain import SiteSettings
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.widgets import button, heading, label, line_edit, set_error
from cstr_desk.workflow.postcodes import ServedPostcodes, read_served_postcodes


class ServedPostcodesField(QWidget):
    """A line for the areas and districts served, and beneath it what was understood."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = line_edit("Postcode areas and districts served", "e.g. NT, or NT1 NT2 NT3")
        self.understood = label(role="muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.understood)
        self.edit.textChanged.connect(self._show_understood)
        self._show_understood()

    def served(self) -> ServedPostcodes:
        return read_served_postcodes(self.edit.text())

    def set_entries(self, entries: list[str]) -> None:
        self.edit.setText(", ".join(entries))

    def problem(self) -> str:
        """Why the typed text cannot be kept, or "" when every entry was understood."""
        wrong = self.served().not_understood
        if not wrong:
            return ""
        return (f"{', '.join(wrong)} is not a postcode area or district. Give areas as one or "
                "two letters (NT) and districts with their number (NT1).")

    def _show_understood(self) -> None:
        text = self.served().summary()
        self.understood.setText(text)
        self.understood.setAccessibleName(text)


def courts_editor() -> QPlainTextEdit:
    courts = QPlainTextEdit()
    courts.setAccessibleName("Courts, one a line")
    courts.setPlaceholderText("One court a line, e.g. Northtown Magistrates' Court")
    courts.setTabChangesFocus(True)
    courts.setMaximumHeight(110)
    return courts


def courts_from(editor: QPlainTextEdit) -> list[str]:
    return [c.strip() for c in editor.toPlainText().splitlines() if c.strip()]


def idle_minutes_box() -> QSpinBox:
    box = QSpinBox()
    box.setAccessibleName("Lock after this many idle minutes")
    box.setRange(1, 60)
    box.setValue(5)
    return box


class SiteSettingsDialog(QDialog):
    """An administrator changes the courts, the postcodes served and the idle lock."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.current = session.site_settings()
        self.setWindowTitle("Site settings")
        self.setAccessibleName("Site settings")
        self.courts = courts_editor()
        self.courts.setPlainText("\n".join(self.current.courts))
        self.postcodes = ServedPostcodesField()
        self.postcodes.set_entries(self.current.postcode_areas)
        self.idle_minutes = idle_minutes_box()
        self.idle_minutes.setValue(self.current.idle_lock_minutes)
        self.error = label(role="error")
        self.error.setVisible(False)
        self.save_button = button("Save", "Save the site settings", self.save)
        self.save_button.setDefault(True)
        self.cancel_button = button("Cancel", "Close without saving", self.reject)
        form = QFormLayout()
        form.addRow("&Courts", self.courts)
        form.addRow("&Postcodes served", self.postcodes)
        form.addRow("&Lock after (minutes idle)", self.idle_minutes)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.current.site_name))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)

    def settings(self) -> SiteSettings:
        return self.current.model_copy(update={
            "courts": courts_from(self.courts), "postcode_areas": self.postcodes.served().entries,
            "idle_lock_minutes": self.idle_minutes.value()})

    def save(self) -> None:
        problem = self.postcodes.problem()
        if not courts_from(self.courts):
            problem = "Please name at least one court, one a line."
        if problem:
            set_error(self.error, problem)
            return
        try:
            self.session.update_site_settings(SiteSettings.model_validate(self.settings().model_dump()))
        except StoreError as error:
            set_error(self.error, error.message)
            return
        self.accept()
