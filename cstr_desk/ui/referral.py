"""New referral: find or create the person, then the referral's details.

Every problem is said in plain words beside the form and nothing typed is lost. A likely
duplicate (same name and date of birth) is shown before a second record is made, with the choice
to use the existing person.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGridLayout, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem,
    QScrollArea, QVBoxLayout, QWidget,
)

from cstr_desk.ukdates import DateProblem, parse_uk_date, uk_date
from cstr_desk.domain import OffenceType, Person, Plea, Referral, ReferralSource, SiteSettings
from cstr_desk.store import Session, StoreError
from cstr_desk.store.validation import (
    normalise_nhs_number, normalise_pnc_number,
)
from cstr_desk.ui.widgets import button, date_edit, heading, label, line_edit, set_error
from cstr_desk.workflow import operations
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.vocabulary import OFFENCE_NAMES, REFERRAL_SOURCE_NAMES
from cstr_desk.workflow.entries import hearing_date_warnings, person_entry_problems


def _words(value: str) -> str:
    return value.replace("_", " ").capitalize()


def _combo(accessible_name: str, choices: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    for text, data in choices:
        combo.addItem(text, data)
    return combo


class ReferralPage(QWidget):
    referral_created = Signal(int)
    cancelled = Signal()

    def __init__(self, session: Session, settings: SiteSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.setAccessibleName(self.tr("New referral"))
        self.existing_person: Person | None = None
        self._duplicates_seen: tuple[str, str, date] | None = None
        # Warnings shown once: saving again with the same warnings means "yes, this is right".
        self._warnings_seen: list[str] = []
        self._build()

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.given_name = line_edit(self.tr("Given name"))
        self.family_name = line_edit(self.tr("Family name"))
        self.date_of_birth = date_edit(self.tr("Date of birth (dd/mm/yyyy)"))
        self.nhs_number = line_edit(self.tr("NHS number"), self.tr("10 digits, e.g. 943 476 5919"))
        self.pnc_number = line_edit(self.tr("PNC number"), self.tr("e.g. 12/3456789A"))
        self.postcode = line_edit(self.tr("Postcode"))
        self.matches = QListWidget()
        self.matches.setAccessibleName(self.tr("People already recorded who match"))
        self.matches.setMaximumHeight(120)
        self.matches.itemActivated.connect(self._use_match)
        self.person_note = label(role="muted")
        for field in (self.given_name, self.family_name, self.date_of_birth):
            field.textEdited.connect(lambda _t: self._look_up_people())
        self.source = _combo(self.tr("Referral source"), [(REFERRAL_SOURCE_NAMES[s], s) for s in ReferralSource])
        self.source_other = line_edit(self.tr("Referral source, if other"))
        self.court = _combo(self.tr("Court"), [(c, c) for c in self.settings.courts])
        self.hearing_date = date_edit(self.tr("Hearing date (dd/mm/yyyy)"))
        self.hearing_date.setText(uk_date(date.today()))
        self.offence = _combo(self.tr("Offence type"), [(OFFENCE_NAMES[o], o) for o in OffenceType])
        self.plea = _combo(self.tr("Plea"), [(_words(p), p) for p in Plea])
        self.problems = label(role="error")
        self.problems.setVisible(False)
        self.warning = label(role="warning")
        self.warning.setVisible(False)
        self.save_button = button(self.tr("Save referral"), self.tr("Save referral"), self.save)
        self.cancel_button = button(self.tr("Cancel"), self.tr("Cancel the new referral"), self.cancelled.emit)

        person = QFormLayout()
        person.addRow(self.tr("&Given name"), self.given_name)
        person.addRow(self.tr("&Family name"), self.family_name)
        person.addRow(self.tr("&Date of birth"), self.date_of_birth)
        person.addRow(self.tr("&NHS number"), self.nhs_number)
        person.addRow(self.tr("&PNC number"), self.pnc_number)
        person.addRow(self.tr("P&ostcode"), self.postcode)
        referral = QFormLayout()
        referral.addRow(self.tr("Referral &source"), self.source)
        referral.addRow(self.tr("If other, &who"), self.source_other)
        referral.addRow(self.tr("&Court"), self.court)
        referral.addRow(self.tr("&Hearing date"), self.hearing_date)
        referral.addRow(self.tr("Offence &type"), self.offence)
        referral.addRow(self.tr("P&lea"), self.plea)
        columns = QGridLayout()
        columns.addWidget(heading(self.tr("The person")), 0, 0)
        columns.addWidget(heading(self.tr("The referral")), 0, 1)
        columns.addLayout(person, 1, 0)
        columns.addLayout(referral, 1, 1)
        columns.addWidget(label(self.tr("Already recorded (Enter to use):"), "muted"), 2, 0)
        columns.addWidget(self.matches, 3, 0)
        columns.addWidget(self.person_note, 4, 0)
        # Save first, then Cancel, as in every form; Enter in any field saves.
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        for field in (self.given_name, self.family_name, self.date_of_birth, self.nhs_number,
                      self.pnc_number, self.postcode, self.source_other, self.hearing_date):
            field.returnPressed.connect(self.save)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addWidget(heading(self.tr("New referral")))
        inner.addLayout(columns)
        inner.addWidget(self.warning)
        inner.addWidget(self.problems)
        inner.addLayout(buttons)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take the focus
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def focus_first(self) -> None:
        self.given_name.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- finding the person ---------------------------------------------------------------

    def _look_up_people(self) -> None:
        self.existing_person = None
        self.person_note.setText("")
        text = f"{self.given_name.text()} {self.family_name.text()}".strip()
        self.matches.clear()
        if len(text) < 2:
            return
        for person in self.session.search_people(self.family_name.text().strip() or text, limit=10):
            item = QListWidgetItem(f"{person.full_name}, born {uk_date(person.date_of_birth)}"
                                   + (f", PNC {person.pnc_number}" if person.pnc_number else ""))
            item.setData(Qt.ItemDataRole.UserRole, person)
            self.matches.addItem(item)

    def _use_match(self, item: QListWidgetItem) -> None:
        self.use_person(item.data(Qt.ItemDataRole.UserRole))

    def use_person(self, person: Person) -> None:
        self.existing_person = person
        self.given_name.setText(person.given_name)
        self.family_name.setText(person.family_name)
        self.date_of_birth.setText(uk_date(person.date_of_birth))
        self.nhs_number.setText(person.nhs_number or "")
        self.pnc_number.setText(person.pnc_number or "")
        self.postcode.setText(person.postcode or "")
        self.person_note.setText(self.tr("Using the existing record for {full_name}.").format(full_name=person.full_name))
        set_error(self.warning, "")

    # --- checking and saving --------------------------------------------------------------

    def check(self) -> tuple[list[str], list[str]]:
        """Problems that stop the save, and warnings that do not."""
        date_problems: list[str] = []
        born = self._date(self.date_of_birth, "date of birth", date_problems)
        problems, warnings = person_entry_problems(
            self.given_name.text(), self.family_name.text(), born, self.nhs_number.text(),
            self.pnc_number.text(), date.today())
        problems[:0] = date_problems
        hearing = self._date(self.hearing_date, "hearing date", problems)
        warnings += hearing_date_warnings(hearing, date.today())
        if self.source.currentData() == ReferralSource.OTHER and not self.source_other.text().strip():
            problems.append(self.tr("The referral source is 'other': please say who made the referral."))
        return problems, warnings

    def save(self) -> None:
        problems, warnings = self.check()
        set_error(self.problems, "\n".join(problems))
        set_error(self.warning, "\n".join(warnings))
        if problems:
            return
        if warnings and warnings != self._warnings_seen:
            self._warnings_seen = warnings
            set_error(self.warning, "\n".join([*warnings, "If this is right, press Save referral again."]))
            self.save_button.setFocus()
            return
        person = self.existing_person or self._new_person()
        if self.existing_person is None and self._warn_duplicates(person):
            return
        try:
            referral_id = self._record(person)
        except (StoreError, ActionRefused) as error:
            set_error(self.problems, error.message)
            return
        self.referral_created.emit(referral_id)

    def _warn_duplicates(self, person: Person) -> bool:
        key = (person.given_name.lower(), person.family_name.lower(), person.date_of_birth)
        if self._duplicates_seen == key:
            return False  # shown once already: saving again means "this is someone else"
        duplicates = self.session.find_possible_duplicates(person.given_name, person.family_name, person.date_of_birth)
        if not duplicates:
            return False
        self._duplicates_seen = key
        self.matches.clear()
        for match in duplicates:
            item = QListWidgetItem(f"{match.full_name}, born {uk_date(match.date_of_birth)}"
                                   + (f", PNC {match.pnc_number}" if match.pnc_number else ""))
            item.setData(Qt.ItemDataRole.UserRole, match)
            self.matches.addItem(item)
        self.matches.setCurrentRow(0)
        self.matches.setFocus()
        set_error(self.warning, self.tr("{full_name}, born {date_of_birth}, may already be recorded. Press Enter on the match to use that record, or press Save referral again if this is a different person.").format(full_name=person.full_name, date_of_birth=uk_date(person.date_of_birth)))
        return True

    def _record(self, person: Person) -> int:
        referral = Referral(
            person_id=person.id or 0, site=self.settings.site_name, court=self.court.currentData(),
            hearing_date=parse_uk_date(self.hearing_date.text()),
            referral_source=self.source.currentData(),
            referral_source_other=self.source_other.text().strip() or None,
            offence_type=self.offence.currentData(), plea=self.plea.currentData(),
        )
        return operations.register_referral(self.session, person, referral).record.id

    def _new_person(self) -> Person:
        nhs = self.nhs_number.text().strip()
        pnc = self.pnc_number.text().strip()
        return Person(
            given_name=self.given_name.text().strip(), family_name=self.family_name.text().strip(),
            date_of_birth=parse_uk_date(self.date_of_birth.text()),
            nhs_number=normalise_nhs_number(nhs) if nhs else None,
            pnc_number=normalise_pnc_number(pnc) if pnc else None,
            postcode=self.postcode.text().strip().upper() or None,
        )

    @staticmethod
    def _date(field: QLineEdit, name: str, problems: list[str]) -> date | None:
        if not field.text().strip():
            problems.append(QCoreApplication.translate("ReferralPage", "Please give the {name} as dd/mm/yyyy.").format(name=name))
            return None
        try:
            return parse_uk_date(field.text())
        except DateProblem as problem:
            problems.append(QCoreApplication.translate("ReferralPage", "The {name}: {problem}").format(name=name, problem=problem))
            return None
