"""Contact details (Manual §5.2): set in the set-up wizard's page and by an administrator in the
site settings, saved through the store (role checked, audited), printed on the reports."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cstr_desk.domain import AuditAction, ContactDetails, ServiceContacts
from cstr_desk.store import PermissionDenied, open_with_password
from cstr_desk.ui.site_settings import ContactsForm, SiteSettingsDialog
from tests.ui.conftest import ADMIN_PASSWORD


def test_an_administrator_sets_the_contact_details(qtbot, desk) -> None:
    admin = open_with_password(desk.path, "admin", ADMIN_PASSWORD)
    dialog = SiteSettingsDialog(admin)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.contacts.fields[("service", "name")], "Northtown CSTR service")
    qtbot.keyClicks(dialog.contacts.fields[("service", "phone")], "01632 960000")
    qtbot.keyClicks(dialog.contacts.fields[("clinical_lead", "secure_email")], "lead@nhs.net")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    contacts = admin.site_settings().contacts
    assert contacts.service == ContactDetails(name="Northtown CSTR service", phone="01632 960000")
    assert contacts.clinical_lead.secure_email == "lead@nhs.net"
    assert admin.site_settings().site_name == "Northtown L&D"  # the rest is kept
    assert any(e.action is AuditAction.UPDATE and e.record_type == "site_settings"
               for e in admin.audit_entries())
    admin.close()


def test_only_an_administrator_may_save_them(qtbot, desk) -> None:
    practitioner = desk.open_as_practitioner()
    dialog = SiteSettingsDialog(practitioner)
    qtbot.addWidget(dialog)
    dialog.contacts.fields[("service", "name")].setText("Not allowed")
    dialog.save()
    assert "Administrator" in dialog.error.text()
    assert practitioner.site_settings().contacts == ServiceContacts()
    with pytest.raises(PermissionDenied):
        practitioner.update_site_settings(practitioner.site_settings())
    practitioner.close()


def test_the_form_round_trips_every_field(qtbot) -> None:
    form = ContactsForm()
    qtbot.addWidget(form)
    contacts = ServiceContacts(
        service=ContactDetails(name="S", address="1 High St", phone="1", secure_email="s@x"),
        treatment_provider=ContactDetails(name="P", phone="2"))
    form.show_contacts(contacts)
    assert form.contacts() == contacts
    assert all(edit.accessibleName() for edit in form.fields.values())
