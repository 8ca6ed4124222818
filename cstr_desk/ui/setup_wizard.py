"""First run: where the database lives, the site and its contact details, the first
administrator, the recovery key.

The recovery key is shown once and is the only way back in if every administrator password is
lost, so the wizard cannot be finished (or closed) until the person says it is stored safely.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog, QFormLayout, QHBoxLayout, QVBoxLayout,
    QWidget, QWizard, QWizardPage,
)

from cstr_desk.domain import Role, SiteSettings, User
from cstr_desk.store import StoreError, create_database
from cstr_desk.ui.recovery_key import RecoveryKeyPanel
from cstr_desk.ui.site_settings import (
    ContactsPage, ServedPostcodesField, courts_editor, courts_from, idle_minutes_box,
)
from cstr_desk.ui.widgets import button, label, line_edit, set_error
from cstr_desk.ui.worker import Worker


class DatabasePage(QWizardPage):
    def __init__(self, default_path: Path) -> None:
        super().__init__()
        self.setTitle(self.tr("Where to keep the database"))
        self.setSubTitle(self.tr("The database is encrypted. Keep it on this laptop's own disk."))
        self.path = line_edit(self.tr("Database file"), str(default_path))
        self.path.setText(str(default_path))
        browse = button(self.tr("Choose ..."), self.tr("Choose the database file"), self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.error = label(role="error")
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(label(self.tr("Database file:")))
        layout.addLayout(row)
        layout.addWidget(self.error)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Database file"), self.path.text(),
                                                self.tr("CSTR Desk database (*.db)"))
        if chosen:
            self.path.setText(chosen)

    def validatePage(self) -> bool:
        text = self.path.text().strip()
        if not text:
            set_error(self.error, self.tr("Please choose where to keep the database."))
            return False
        if Path(text).exists():
            set_error(self.error, self.tr("There is already a file there. Please choose a new file name."))
            return False
        return True


class SitePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("About this site"))
        self.site_name = line_edit(self.tr("Site name"), self.tr("e.g. Northtown Liaison and Diversion"))
        self.courts = courts_editor()
        self.postcodes = ServedPostcodesField()
        self.postcode_areas = self.postcodes.edit
        self.idle_minutes = idle_minutes_box()
        self.error = label(role="error")
        self.error.setVisible(False)
        form = QFormLayout(self)
        form.addRow(self.tr("&Site name"), self.site_name)
        form.addRow(self.tr("&Courts"), self.courts)
        form.addRow(self.tr("&Postcodes served"), self.postcodes)
        form.addRow(self.tr("&Lock after (minutes idle)"), self.idle_minutes)
        form.addRow(self.error)

    def settings(self) -> SiteSettings:
        return SiteSettings(site_name=self.site_name.text().strip(), courts=courts_from(self.courts),
                            postcode_areas=self.postcodes.served().entries,
                            idle_lock_minutes=self.idle_minutes.value())

    def validatePage(self) -> bool:
        if not self.site_name.text().strip():
            set_error(self.error, self.tr("Please give the site a name."))
            return False
        if not self.courts.toPlainText().strip():
            set_error(self.error, self.tr("Please name at least one court, one a line."))
            return False
        if self.postcodes.problem():
            set_error(self.error, self.postcodes.problem())
            return False
        return True


class AdministratorPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("The first administrator"))
        self.setSubTitle(self.tr("This person adds the other users and keeps the recovery key."))
        self.full_name = line_edit(self.tr("Administrator's full name"))
        self.username = line_edit(self.tr("Administrator's username"))
        self.password = line_edit(self.tr("Administrator's password"), password=True)
        self.confirm = line_edit(self.tr("Type the password again"), password=True)
        self.error = label(role="error")
        self.error.setVisible(False)
        form = QFormLayout(self)
        form.addRow(self.tr("&Full name"), self.full_name)
        form.addRow(self.tr("&Username"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        form.addRow(self.tr("Password &again"), self.confirm)
        form.addRow(self.error)

    def administrator(self) -> User:
        return User(username=self.username.text().strip(), full_name=self.full_name.text().strip(),
                    role=Role.ADMINISTRATOR)

    def validatePage(self) -> bool:
        if not self.full_name.text().strip() or not self.username.text().strip():
            set_error(self.error, self.tr("Please give the administrator's full name and a username."))
            return False
        if not self.password.text():
            set_error(self.error, self.tr("Please choose a password."))
            return False
        if self.password.text() != self.confirm.text():
            set_error(self.error, self.tr("The two passwords are not the same. Please type them again."))
            return False
        return True


class RecoveryKeyPage(QWizardPage):
    """Creates the database when it opens (off the GUI thread) and shows the recovery key."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Your recovery key"))
        self.status = label(self.tr("Creating the encrypted database ..."), "muted")
        self.panel = RecoveryKeyPanel(lambda: wizard.site.site_name.text().strip())
        self.panel.setVisible(False)
        self.panel.stored_changed.connect(self.completeChanged)
        # The panel's controls, by the names the journeys drive them.
        self.key, self.stored = self.panel.key, self.panel.stored
        self.print_button = self.panel.print_button
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.panel)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self._wizard.create()

    def show_key(self, formatted: str) -> None:
        self.status.setVisible(False)
        self.panel.setVisible(True)
        self.panel.show_key(formatted)

    def isComplete(self) -> bool:
        return self.stored.isChecked()


class SetupWizard(QWizard):
    completed = Signal(object, object)  # the open Session, the database Path

    def __init__(self, default_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set up CSTR Desk"))
        self.setAccessibleName(self.tr("Set up CSTR Desk"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.database = DatabasePage(default_path)
        self.site = SitePage()
        self.contacts = ContactsPage()
        self.administrator = AdministratorPage()
        self.recovery = RecoveryKeyPage(self)
        for page in (self.database, self.site, self.contacts, self.administrator, self.recovery):
            self.addPage(page)
        self._session = None
        self._worker = Worker(self)
        self._worker.finished.connect(self._created)
        self._worker.failed.connect(self._failed)
        self.resize(760, 560)

    def create(self) -> None:
        if self._session is not None or self._worker.busy:
            return
        path = Path(self.database.path.text().strip())
        admin, password = self.administrator.administrator(), self.administrator.password.text()
        settings = self.site.settings().model_copy(update={"contacts": self.contacts.form.contacts()})
        self._worker.start(lambda: (path, *create_database(path, admin, password, settings)))

    def _created(self, result: tuple) -> None:
        path, session, recovery_key = result
        self._session = (session, path)
        self.administrator.password.clear()
        self.administrator.confirm.clear()
        self.recovery.show_key(recovery_key.formatted)

    def _failed(self, error: Exception) -> None:
        message = error.message if isinstance(error, StoreError) else str(error)
        self.back()
        set_error(self.administrator.error, self.tr("The database could not be created: {message}").format(message=message))

    def accept(self) -> None:
        if self._session is None:
            return
        super().accept()
        self.completed.emit(*self._session)

    def reject(self) -> None:
        # Once created, leaving without confirming would lose the only copy of the key.
        if self._session is None:
            super().reject()
