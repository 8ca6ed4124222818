"""The site's courts, postcodes served, idle lock and contact details, as the set-up wizard sets
them first and an administrator changes them later (issue 14: the postcode areas could not be
corrected in the app). The postcodes field shows back what it understood as it is typed. The
contact details are printed on the report for the court, the consent copy and the GP letter:
the service's name, address, phone and secure email, and the practitioner's, Clinical Lead's
and treatment provider's (Manual §5.2 "It's vital to have all partners direct contact
details"; Appendix 2 "please use the contact details below")."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QSpinBox,
    QVBoxLayout, QWidget, QWizardPage,
)

from cstr_desk.domain import ContactDetails, ServiceContacts, SiteSettings
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.plain_words import cited
from cstr_desk.ui.widgets import button, heading, label, line_edit, scrolling, set_error
from cstr_desk.workflow.postcodes import ServedPostcodes, read_served_postcodes


class ServedPostcodesField(QWidget):
    """A line for the areas and districts served, and beneath it what was understood."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = line_edit(self.tr("Postcode areas and districts served"), self.tr("e.g. NT, or NT1 NT2 NT3"))
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
    courts.setAccessibleName(QCoreApplication.translate("site_settings", "Courts, one a line"))
    courts.setPlaceholderText(QCoreApplication.translate("site_settings", "One court a line, e.g. Northtown Magistrates' Court"))
    courts.setTabChangesFocus(True)
    courts.setMaximumHeight(110)
    return courts


def courts_from(editor: QPlainTextEdit) -> list[str]:
    return [c.strip() for c in editor.toPlainText().splitlines() if c.strip()]


def idle_minutes_box() -> QSpinBox:
    box = QSpinBox()
    box.setAccessibleName(QCoreApplication.translate("site_settings", "Lock after this many idle minutes"))
    box.setRange(1, 60)
    box.setValue(5)
    return box


def retention_days_box() -> QSpinBox:
    box = QSpinBox()
    box.setAccessibleName(QCoreApplication.translate(
        "site_settings", "Days a closed case stays on this desk once the site hub holds it"))
    box.setRange(1, 3650)
    box.setValue(30)
    return box


CONTACT_GROUPS = (("service", QT_TRANSLATE_NOOP("ContactsForm", "The service")),
                  ("practitioner", QT_TRANSLATE_NOOP("ContactsForm", "Practitioner")),
                  ("clinical_lead", QT_TRANSLATE_NOOP("ContactsForm", "Clinical Lead")),
                  ("treatment_provider", QT_TRANSLATE_NOOP("ContactsForm", "Treatment provider")))
FIELDS = (("name", QT_TRANSLATE_NOOP("ContactsForm", "Name")),
          ("address", QT_TRANSLATE_NOOP("ContactsForm", "Address")),
          ("phone", QT_TRANSLATE_NOOP("ContactsForm", "Phone")),
          ("secure_email", QT_TRANSLATE_NOOP("ContactsForm", "Secure email")))


class ContactsForm(QWidget):
    """Four groups of name, address, phone and secure email; every field optional."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[tuple[str, str], QLineEdit] = {}
        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        left, right = QVBoxLayout(), QVBoxLayout()
        for index, (group, group_source) in enumerate(CONTACT_GROUPS):
            title = QCoreApplication.translate("ContactsForm", group_source)
            box = QGroupBox(title, self)
            form = QFormLayout(box)
            for field, field_source in FIELDS:
                text = QCoreApplication.translate("ContactsForm", field_source)
                edit = line_edit(self.tr("{group}: {field}").format(group=title, field=text), "", box)
                edit.setMinimumHeight(44)
                self.fields[(group, field)] = edit
                form.addRow(text, edit)
            (left if index % 2 == 0 else right).addWidget(box)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

    def show_contacts(self, contacts: ServiceContacts) -> None:
        for (group, field), edit in self.fields.items():
            edit.setText(getattr(getattr(contacts, group), field))

    def contacts(self) -> ServiceContacts:
        groups = {group: ContactDetails(**{field: self.fields[(group, field)].text().strip()
                                            for field, _ in FIELDS})
                  for group, _ in CONTACT_GROUPS}
        return ServiceContacts(**groups)


class ContactsPage(QWizardPage):
    """The set-up wizard's page for the contact details (they can be added later too)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Contact details"))
        self.setSubTitle(self.tr("Printed on the report for the court, the person's consent copy and the "
                         "GP letter. You can leave any of them for now and add them later in "
                         "the site settings."))
        self.form = ContactsForm(self)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(self.form))


class SiteSettingsDialog(QDialog):
    """An administrator changes the courts, the postcodes served, the idle lock, how long a
    closed case the site hub holds stays on the desk, and the contact details."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.current = session.site_settings()
        self.setWindowTitle(self.tr("Site settings"))
        self.setAccessibleName(self.tr("Site settings"))
        self.courts = courts_editor()
        self.courts.setPlainText("\n".join(self.current.courts))
        self.postcodes = ServedPostcodesField()
        self.postcodes.set_entries(self.current.postcode_areas)
        self.idle_minutes = idle_minutes_box()
        self.idle_minutes.setValue(self.current.idle_lock_minutes)
        self.retention_days = retention_days_box()
        self.retention_days.setValue(self.current.closed_case_retention_days)
        self.contacts = ContactsForm()
        self.contacts.show_contacts(self.current.contacts)
        self.error = label(role="error")
        self.error.setVisible(False)
        self.save_button = button(self.tr("Save"), self.tr("Save the site settings"), self.save)
        self.save_button.setDefault(True)
        self.cancel_button = button(self.tr("Cancel"), self.tr("Close without saving"), self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Courts"), self.courts)
        form.addRow(self.tr("&Postcodes served"), self.postcodes)
        form.addRow(self.tr("&Lock after (minutes idle)"), self.idle_minutes)
        form.addRow(self.tr("&Keep closed cases (days after closing)"), self.retention_days)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addLayout(form)
        column.addWidget(cited(label(self.tr("Contact details, printed on the report, the consent copy "
                                     "and the GP letter"), "stem"), "Manual §5.2"))
        column.addWidget(self.contacts)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.current.site_name))
        # The form scrolls, so the dialog fits a 1366x768 screen at every text size.
        layout.addWidget(scrolling(body), 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        self.resize(900, 640)

    def settings(self) -> SiteSettings:
        return self.current.model_copy(update={
            "courts": courts_from(self.courts), "postcode_areas": self.postcodes.served().entries,
            "idle_lock_minutes": self.idle_minutes.value(), "contacts": self.contacts.contacts(),
            "closed_case_retention_days": self.retention_days.value()})

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
