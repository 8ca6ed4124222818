"""The contact tab (Manual §4.7): how the person prefers to be contacted and their care
coordinator, each missed appointment with its follow-up (the person by their chosen method; the
care coordinator at once where a risk of self-harm or suicide is known), and the treatment plan
sent to the offender manager. Every change goes through `workflow.contact` or
`workflow.handover`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QListWidget, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from cstr_desk.domain import (
    Attendance, CaseRecord, ContactMethod, FollowUpContact, MissedFollowUp, TreatmentPlanSent,
)
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.plain_words import cited, show_plainly
from cstr_desk.ui.widgets import (
    button, date_edit, heading, label, line_edit, read_only_table, set_error,
)
from cstr_desk.ui.words import Words
from cstr_desk.ukdates import LONDON, london_moment, parse_uk_date, uk_date, uk_datetime
from cstr_desk.workflow import contact, handover
from cstr_desk.workflow.errors import ActionRefused

METHOD_LABELS = Words("contact", {ContactMethod.PHONE: QT_TRANSLATE_NOOP("contact", "Phone call"), ContactMethod.TEXT: QT_TRANSLATE_NOOP("contact", "Text message"),
                 ContactMethod.LETTER: QT_TRANSLATE_NOOP("contact", "Letter"), ContactMethod.EMAIL: QT_TRANSLATE_NOOP("contact", "Email"),
                 ContactMethod.OUTREACH: QT_TRANSLATE_NOOP("contact", "Outreach (a visit)")})
CONTACT_LABELS = Words("contact", {FollowUpContact.PERSON: QT_TRANSLATE_NOOP("contact", "The person"),
                  FollowUpContact.CARE_COORDINATOR: QT_TRANSLATE_NOOP("contact", "Their care coordinator")})
MISSED_COLUMNS = ("No.", "Missed", "Person contacted", "Care coordinator told")


def _now_local() -> datetime:
    return datetime.now(LONDON)


def _combo(name: str, labels: dict, first: str | None = None) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    box.setMinimumHeight(44)
    if first is not None:
        box.addItem(first, None)
    for code, text in labels.items():
        box.addItem(text, code)
    return box


def describe_follow_up(follow_up: MissedFollowUp) -> str:
    who = follow_up.contacted_who or CONTACT_LABELS[follow_up.contact].lower()
    reached = "reached" if follow_up.reached else "not reached"
    return f"{uk_datetime(follow_up.contacted_at)}, {METHOD_LABELS[follow_up.method].lower()}, {who}: {reached}"


class ContactTab(CaseTab):
    title = "Contact"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case: CaseRecord | None = None
        self.problem = label(role="error")
        self.problem.setVisible(False)
        self.risk_line = label(role="stem")
        self.missed = read_only_table(0, len(MISSED_COLUMNS), self.tr("Missed appointments and their follow-up"))
        self.missed.setHorizontalHeaderLabels(MISSED_COLUMNS)
        self.missed.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.missed.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.missed.setMinimumHeight(110)
        self.missed.setMaximumHeight(170)
        self.missed.horizontalHeader().setStretchLastSection(True)
        self.plans = QListWidget()
        self.plans.setAccessibleName(self.tr("Treatment plans sent to the offender manager"))
        self.plans.setMaximumHeight(80)
        layout = QVBoxLayout(self)
        layout.addWidget(cited(heading(self.tr("Contact after a missed appointment")), "Manual §4.7"))
        layout.addWidget(self.problem)
        layout.addWidget(self.risk_line)
        layout.addWidget(self._build_preferences())
        layout.addWidget(label(self.tr("Missed appointments: choose one to record its follow-up"), role="stem"))
        layout.addWidget(self.missed)
        layout.addWidget(self._build_follow_up())
        layout.addWidget(self._build_plan())
        layout.addStretch(1)

    # --- building -------------------------------------------------------------------------

    def _build_preferences(self) -> QGroupBox:
        box = QGroupBox(self.tr("How the person prefers to be contacted, and their care coordinator"))
        self.method = _combo(self.tr("Preferred contact method"), METHOD_LABELS, "Choose how...")
        self.details = line_edit(self.tr("Contact details for that method"), self.tr("e.g. mobile number, address"))
        self.coordinator = line_edit(self.tr("Care coordinator"), self.tr("name and team, if they have one"))
        self.coordinator_contact = line_edit(self.tr("Care coordinator's phone or secure email"))
        self.preferences_reason = line_edit(self.tr("Reason for changing the contact preferences"),
                                            self.tr("needed when changing what was recorded"))
        self.preferences_button = button(self.tr("Save contact preferences"), self.tr("Save the contact preferences"),
                                         self.save_preferences)
        form = QFormLayout(box)
        row = QHBoxLayout()
        row.addWidget(self.method)
        row.addWidget(self.details, 1)
        form.addRow(self.tr("Preferred method"), row)
        coordinator = QHBoxLayout()
        coordinator.addWidget(self.coordinator, 1)
        coordinator.addWidget(self.coordinator_contact, 1)
        form.addRow(self.tr("Care coordinator"), coordinator)
        change = QHBoxLayout()
        change.addWidget(self.preferences_reason, 1)
        change.addWidget(self.preferences_button)
        form.addRow(self.tr("Reason if changing"), change)
        return box

    def _build_follow_up(self) -> QGroupBox:
        box = QGroupBox(self.tr("Record a follow-up of the chosen missed appointment"))
        self.contact = _combo(self.tr("Who was contacted"), CONTACT_LABELS)
        self.contacted_day = date_edit(self.tr("Date of the follow-up"))
        self.contacted_time = line_edit(self.tr("Time of the follow-up"), self.tr("HH:MM"))
        self.contacted_time.setMaxLength(5)
        self.follow_method = _combo(self.tr("How they were contacted"), METHOD_LABELS)
        self.contacted_who = line_edit(self.tr("Who was told"), self.tr("care coordinator's name, or who else"))
        self.reached = QCheckBox(self.tr("Reached"))
        self.reached.setAccessibleName(self.tr("The person or care coordinator was reached"))
        self.follow_notes = line_edit(self.tr("Notes on the follow-up"),
                                      self.tr("what was agreed; why not their chosen method"))
        self.follow_button = button(self.tr("Record follow-up"), self.tr("Record the follow-up"), self.record_follow_up)
        for field, width in ((self.contacted_day, 130), (self.contacted_time, 80)):
            field.setMaximumWidth(width)
        self.contact.currentIndexChanged.connect(lambda _i: self._suggest_method())
        first, second = QHBoxLayout(), QHBoxLayout()
        for widget in (self.contact, self.contacted_day, self.contacted_time, self.follow_method,
                       self.reached):
            first.addWidget(widget)
        for widget in (self.contacted_who, self.follow_notes):
            second.addWidget(widget, 1)
        second.addWidget(self.follow_button)
        rows = QVBoxLayout(box)
        rows.addLayout(first)
        rows.addLayout(second)
        return box

    def _build_plan(self) -> QGroupBox:
        box = cited(QGroupBox(self.tr("Treatment plan sent to the offender manager")), "Manual §4.7")
        self.plan_day = date_edit(self.tr("Date the treatment plan was sent"))
        self.plan_to = line_edit(self.tr("Offender manager it was sent to"), self.tr("name and office"))
        self.plan_notes = line_edit(self.tr("Notes on the plan sent"), self.tr("e.g. what it said, how it was sent"))
        self.plan_button = button(self.tr("Record plan sent"), self.tr("Record the treatment plan sent"), self.record_plan)
        self.plan_day.setMaximumWidth(130)
        row = QHBoxLayout()
        row.addWidget(self.plan_day)
        row.addWidget(self.plan_to, 1)
        row.addWidget(self.plan_notes, 1)
        row.addWidget(self.plan_button)
        rows = QVBoxLayout(box)
        rows.addWidget(self.plans)
        rows.addLayout(row)
        return box

    # --- showing --------------------------------------------------------------------------

    def show_case(self, case: CaseRecord) -> None:
        self.case = case
        at_risk = contact.suicide_risk(case)
        self.risk_line.setText(show_plainly(
            self.risk_line, "A risk of self-harm or suicide is known: after a missed appointment, tell the care "
            "coordinator at once (Manual §4.7)." if at_risk else
            "No risk of self-harm or suicide is recorded: after a missed appointment, contact "
            "the person by their chosen method."))
        self._show_preferences(case)
        self._show_missed(case, at_risk)
        self.plans.clear()
        for plan in case.treatment_plans_sent:
            notes = f": {plan.notes}" if plan.notes else ""
            self.plans.addItem(self.tr("{sent_on} to {sent_to}{notes}").format(sent_on=uk_date(plan.sent_on), sent_to=plan.sent_to, notes=notes))
        if not self.plans.count():
            self.plans.addItem(self.tr("No treatment plan sent to the offender manager yet."))
        today = uk_date(_now_local().date())
        for field in (self.contacted_day, self.plan_day):
            if not field.text():
                field.setText(today)

    def _show_preferences(self, case: CaseRecord) -> None:
        preferences = case.contact_preferences
        self.method.setCurrentIndex(max(0, self.method.findData(preferences.method)) if preferences else 0)
        self.details.setText(preferences.details if preferences else "")
        self.coordinator.setText(preferences.care_coordinator if preferences else "")
        self.coordinator_contact.setText(preferences.care_coordinator_contact if preferences else "")
        self.preferences_reason.clear()
        self._suggest_method()

    def _show_missed(self, case: CaseRecord, at_risk: bool) -> None:
        self.missed_ids: list[int] = []
        rows = [s for s in case.sessions if s.attendance is Attendance.MISSED and s.id is not None]
        self.missed.setRowCount(len(rows))
        for row, missed in enumerate(rows):
            done = {c: [describe_follow_up(f) for f in contact.follow_ups_of(case, missed.id)
                        if f.contact is c] for c in FollowUpContact}
            coordinator = "; ".join(done[FollowUpContact.CARE_COORDINATOR]) or (
                "DUE AT ONCE" if at_risk else "not needed (no known risk)")
            cells = (str(missed.number), uk_datetime(missed.scheduled_at),
                     "; ".join(done[FollowUpContact.PERSON]) or "not yet", coordinator)
            for column, text in enumerate(cells):
                self.missed.setItem(row, column, QTableWidgetItem(text))
            self.missed_ids.append(missed.id)
        self.missed.resizeColumnsToContents()

    def _suggest_method(self) -> None:
        preferences = self.case.contact_preferences if self.case else None
        if self.contact.currentData() == FollowUpContact.PERSON and preferences is not None:
            self.follow_method.setCurrentIndex(self.follow_method.findData(preferences.method))
            self.contacted_who.clear()
        elif self.contact.currentData() == FollowUpContact.CARE_COORDINATOR:
            self.follow_method.setCurrentIndex(self.follow_method.findData(ContactMethod.PHONE))
            if preferences is not None and not self.contacted_who.text():
                self.contacted_who.setText(preferences.care_coordinator)

    # --- actions --------------------------------------------------------------------------

    def _run(self, operation: Callable[[], object], done: str) -> bool:
        try:
            operation()
        except (ValueError, ActionRefused, StoreError) as problem:
            set_error(self.problem, getattr(problem, "message", str(problem)))
            return False
        set_error(self.problem, "")
        self.notice.emit(done)
        self.case_changed.emit()
        return True

    def save_preferences(self) -> None:
        method = self.method.currentData()
        if method is None:
            set_error(self.problem, self.tr("Choose how the person prefers to be contacted."))
            return
        self._run(lambda: contact.set_contact_preferences(
            self.session, self.case.referral.id, method, self.details.text(), self.coordinator.text(),
            self.coordinator_contact.text(), self.preferences_reason.text(), _now_local().date()),
            self.tr("Contact preferences saved."))

    def selected_missed_id(self) -> int | None:
        row = self.missed.currentRow()
        return self.missed_ids[row] if 0 <= row < len(self.missed_ids) else None

    def record_follow_up(self) -> None:
        session_id = self.selected_missed_id()
        if session_id is None:
            set_error(self.problem, self.tr("Please choose a missed appointment in the list first."))
            return

        def record() -> None:
            when = london_moment(parse_uk_date(self.contacted_day.text()), self.contacted_time.text())
            contact.record_missed_follow_up(self.session, MissedFollowUp(
                referral_id=self.case.referral.id, session_id=session_id,
                contact=self.contact.currentData(), contacted_at=when,
                method=self.follow_method.currentData(), contacted_who=self.contacted_who.text(),
                reached=self.reached.isChecked(), notes=self.follow_notes.text(),
                recorded_by=self.session.user.id or 0, recorded_at=datetime.now(UTC)),
                _now_local().date())

        if self._run(record, self.tr("Follow-up recorded.")):
            self.follow_notes.clear()
            self.contacted_time.clear()

    def record_plan(self) -> None:
        def record() -> None:
            handover.record_treatment_plan_sent(self.session, TreatmentPlanSent(
                referral_id=self.case.referral.id, sent_on=parse_uk_date(self.plan_day.text()),
                sent_to=self.plan_to.text(), notes=self.plan_notes.text(),
                recorded_by=self.session.user.id or 0, recorded_at=datetime.now(UTC)),
                _now_local().date())

        if self._run(record, self.tr("Treatment plan sent recorded.")):
            self.plan_to.clear()
            self.plan_notes.clear()
