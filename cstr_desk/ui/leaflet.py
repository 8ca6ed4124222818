"""The leaflet given at sentence with the next appointment (DRR/ATR service description,
"Sentence": "a CSTR leaflet (language appropriate/easy read if necessary) along with the
date/time of the next appointment"), shown on the sentence tab once a treatment requirement is
given. The leaflet itself is printed from the Reports tab ("Leaflet: next appointment")."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QWidget

from cstr_desk.domain import CaseRecord, LeafletGiven
from cstr_desk.reports.appointment import next_appointment
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.widgets import button, date_edit, label, line_edit, set_error
from cstr_desk.ukdates import LONDON, london, london_moment, parse_uk_date, uk_date
from cstr_desk.workflow import handover
from cstr_desk.workflow.errors import ActionRefused


def describe_leaflet(leaflet: LeafletGiven) -> str:
    how = "easy read" if leaflet.easy_read else "standard"
    if leaflet.language:
        how += f", in {leaflet.language}"
    when = london(leaflet.next_appointment_at)
    return (f"Leaflet given on {uk_date(leaflet.given_on)} ({how}), with the next appointment: "
            f"{uk_date(when.date())} at {when:%H:%M}, {leaflet.next_appointment_place}.")


class LeafletBox(QGroupBox):
    changed = Signal()
    notice = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("Leaflet with the next appointment, given at sentence", parent)
        self.session = session
        self.case: CaseRecord | None = None
        self.given = label(role="muted")
        self.given_on = date_edit(self.tr("Date the leaflet was given"))
        self.next_day = date_edit(self.tr("Date of the next appointment"))
        self.next_time = line_edit(self.tr("Time of the next appointment"), self.tr("HH:MM"))
        self.next_time.setMaxLength(5)
        self.place = line_edit(self.tr("Where the next appointment is"))
        self.easy_read = QCheckBox(self.tr("Easy read"))
        self.easy_read.setAccessibleName(self.tr("The easy-read leaflet was given"))
        self.language = line_edit(self.tr("Language, if not English"), self.tr("if not English"))
        self.problem = label(role="error")
        self.problem.setVisible(False)
        self.record_button = button(self.tr("Record leaflet given"), self.tr("Record that the leaflet was given"),
                                    self.record)
        for field, width in ((self.given_on, 130), (self.next_day, 130), (self.next_time, 80)):
            field.setMaximumWidth(width)
        form = QFormLayout(self)
        form.addRow(self.given)
        form.addRow(self.tr("Given on (dd/mm/yyyy)"), self.given_on)
        when = QHBoxLayout()
        when.addWidget(self.next_day)
        when.addWidget(self.next_time)
        when.addStretch(1)
        form.addRow(self.tr("Next appointment"), when)
        form.addRow(self.tr("Where"), self.place)
        how = QHBoxLayout()
        how.addWidget(self.easy_read)
        how.addWidget(self.language, 1)
        form.addRow(self.tr("Version"), how)
        form.addRow(self.problem)
        form.addRow(self.record_button)
        self.form_fields = (self.given_on, self.next_day, self.next_time, self.place,
                            self.easy_read, self.language, self.record_button)

    def show_case(self, case: CaseRecord) -> None:
        self.case = case
        leaflet = case.leaflet
        self.given.setText(describe_leaflet(leaflet) if leaflet else
                           self.tr("Not recorded yet: give the leaflet with the next appointment, then "
                           "record it here. Print it from the Reports tab."))
        for field in self.form_fields:
            field.setVisible(leaflet is None)
        if leaflet is not None:
            return
        if not self.given_on.text():
            self.given_on.setText(uk_date(datetime.now(LONDON).date()))
        suggested = next_appointment(case)
        if suggested is not None and not self.next_day.text():
            when = london(suggested[0])
            self.next_day.setText(uk_date(when.date()))
            self.next_time.setText(f"{when:%H:%M}")
            self.place.setText(suggested[1])

    def record(self) -> None:
        try:
            leaflet = LeafletGiven(
                referral_id=self.case.referral.id, given_on=parse_uk_date(self.given_on.text()),
                easy_read=self.easy_read.isChecked(), language=self.language.text(),
                next_appointment_at=london_moment(parse_uk_date(self.next_day.text()),
                                                  self.next_time.text()),
                next_appointment_place=self.place.text(), recorded_by=self.session.user.id or 0,
                recorded_at=datetime.now(UTC))
            handover.record_leaflet(self.session, leaflet, datetime.now(LONDON).date())
        except (ValueError, ActionRefused, StoreError) as problem:
            set_error(self.problem, getattr(problem, "message", str(problem)))
            return
        set_error(self.problem, "")
        self.notice.emit(self.tr("Leaflet recorded."))
        self.changed.emit()
