"""Showing a recovery key once: at set-up (setup_wizard.py) and after a re-key (users.py).

The key is shown in a read-only text field, not a label: a screen reader reads its text and
lets the user go through the key character by character to write it down. It is never shown
again, so the screen cannot be left until the person says it is stored safely.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QDialog, QPlainTextEdit, QVBoxLayout, QWidget

from cstr_desk.store import Rekeyed
from cstr_desk.ui.recovery_sheet import print_or_save
from cstr_desk.ui.widgets import button, heading, label


class RecoveryKeyPanel(QWidget):
    """The key, what to do with it, a print button, and "I have stored it" (`stored_changed`)."""

    stored_changed = Signal(bool)

    def __init__(self, site_name: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._site_name = site_name
        self.key = QPlainTextEdit()
        self.key.setReadOnly(True)
        self.key.setAccessibleName(self.tr("Recovery key"))
        self.key.setTabChangesFocus(True)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                         | Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.key.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.key.setFont(font)
        self.key.setFixedHeight(self.key.fontMetrics().lineSpacing() * 3 + 16)
        self.advice = label(self.tr("Print this key or write it down, and keep it locked away from the laptop. "
                             "It opens the database if every administrator password is lost. "
                             "It will not be shown again."))
        self.print_button = button(self.tr("&Print the key ..."), self.tr("Print the recovery key"), self._print)
        self.printed = label()
        self.printed.setVisible(False)
        self.stored = QCheckBox(self.tr("I have stored the recovery key safely"))
        self.stored.setAccessibleName(self.tr("I have stored the recovery key safely"))
        self.stored.toggled.connect(self.stored_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.key, self.advice, self.print_button, self.printed, self.stored):
            layout.addWidget(widget)

    def show_key(self, formatted: str) -> None:
        self.key.setPlainText(formatted)
        self.key.setFocus()

    def _print(self) -> None:
        outcome = print_or_save(self, self._site_name(), self.key.toPlainText())
        self.printed.setText(outcome)
        self.printed.setVisible(bool(outcome))


class NewRecoveryKeyDialog(QDialog):
    """After a re-key: the new recovery key once, that the old one is dead, and who needs a
    new password. Close (and Escape) wait for "I have stored the recovery key safely"."""

    def __init__(self, outcome: Rekeyed, site_name: str, parent: QWidget | None = None,
                 *, finished: bool = True) -> None:
        super().__init__(parent)
        title = (self.tr("The database has a new key") if finished
                 else self.tr("The new key is taken at the next sign-in"))
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.panel = RecoveryKeyPanel(lambda: site_name)
        self.panel.show_key(outcome.recovery_key.formatted)
        self.old_key_dead = label(self._old_key_dead() if finished else self._old_key_dying())
        self.left_out = label(role="error")
        if outcome.need_new_password:
            self.left_out.setText(
                "These accounts could not be given the new key, because they have not signed "
                "in since this version of CSTR Desk: " + ", ".join(outcome.need_new_password)
                + ". Set each of them a new password on the users screen before they next "
                "sign in.")
        self.left_out.setVisible(bool(outcome.need_new_password))
        self.close_button = button(self.tr("Close"), self.tr("Close, the new recovery key stored"), self.accept)
        self.close_button.setEnabled(False)
        self.panel.stored_changed.connect(self.close_button.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("New recovery key")))
        layout.addWidget(self.old_key_dead)
        layout.addWidget(self.panel)
        layout.addWidget(self.left_out)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(620)

    def _old_key_dead(self) -> str:
        return self.tr("The database has a new key. The old recovery key no longer opens it: "
                       "destroy the old printed copy. Old copies of the key file (in a backup or "
                       "a synced folder) no longer open it either. Everyone keeps their password.")

    def _old_key_dying(self) -> str:
        # The swap's journal finishes the re-key at the next sign-in, and nothing shows this
        # key after that: it is stored now or never.
        return self.tr("The re-key could not be finished just now: it is finished when someone "
                       "next signs in, and nothing saved is lost. From then on this is the "
                       "database's recovery key and the old one no longer opens it: store this "
                       "one now, then destroy the old printed copy. Everyone keeps their "
                       "password.")

    def reject(self) -> None:
        # Escape or the window's close button: the key is never shown again, so only once
        # it is stored.
        if self.panel.stored.isChecked():
            super().reject()
