"""Treatment after sentence: the session schedule, attendance and missed appointments (reasons
from process evaluation Annex C), the 48-hour "tell the offender manager by" deadlines (DRR/ATR
service description), breach (probation's decision, Manual §4.7), completion and the 3, 6 and
12-month follow-ups (Manual §2.4).

`DeadlinesPanel` is the home screen's list of open deadlines across every case.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cstr_desk.ukdates import LONDON, london_moment, parse_uk_date, uk_date, uk_datetime, uk_time
from cstr_desk.domain import (
    Attendance,
    Breach,
    BreachOutcome,
    CaseRecord,
    FollowUp,
    GpRegistrationCheck,
    MissedReason,
    TreatmentCompletion,
    TreatmentSession,
)
from cstr_desk.duty_words import duty_words
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.plain_words import cited
from cstr_desk.ui.widgets import (
    button, date_edit, field_label, heading, label, line_edit, read_only_table, set_error,
)
from cstr_desk.ui.words import Words
from cstr_desk.workflow import breach as breach_ops
from cstr_desk.workflow import continuity, risk
from cstr_desk.workflow import treatment_operations as ops
from cstr_desk.workflow import pathway
from cstr_desk.workflow.contact import suicide_risk
from cstr_desk.workflow.duties import case_duties
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.treatment import (
    FOLLOW_UP_MONTHS, MISSED_REASON_LABELS, OffenderManagerDeadline, follow_ups_due,
    open_deadlines, tell_offender_manager_by,
)

ATTENDANCE_LABELS = Words("treatment", {Attendance.SCHEDULED: QT_TRANSLATE_NOOP("treatment", "Booked"), Attendance.ATTENDED: QT_TRANSLATE_NOOP("treatment", "Attended"),
                     Attendance.MISSED: QT_TRANSLATE_NOOP("treatment", "Missed"), Attendance.CANCELLED: QT_TRANSLATE_NOOP("treatment", "Cancelled")})
SESSION_COLUMNS = ("No.", "When", "Attendance", "Reason missed", "Tell offender manager by", "Told")
OVERDUE = QColor("#b00020")


def _today() -> date:
    return datetime.now(LONDON).date()


BREACH_OUTCOME_LABELS = Words("treatment", {
    BreachOutcome.RESENTENCED_TO_CSTR: QT_TRANSLATE_NOOP("treatment", "Re-sentenced to a CSTR"),
    BreachOutcome.RESENTENCED_TO_OTHER_ORDER: QT_TRANSLATE_NOOP("treatment", "Re-sentenced to another order"),
    BreachOutcome.CUSTODY: QT_TRANSLATE_NOOP("treatment", "Custody"),
    BreachOutcome.ORDER_CONTINUED: QT_TRANSLATE_NOOP("treatment", "Order continued"),
    BreachOutcome.WITHDRAWN: QT_TRANSLATE_NOOP("treatment", "Breach withdrawn"),
})


def describe_breach(breach: Breach) -> str:
    text = f"{uk_date(breach.decided_on)}: {breach.reason}"
    if breach.returned_to_court:
        outcome = BREACH_OUTCOME_LABELS[breach.outcome] if breach.outcome else ""
        text += " (returned to court" + (f": {outcome[0].lower()}{outcome[1:]})" if outcome else ")")
    return text


GP_AT_ASSESSMENT = Words("treatment", {True: QT_TRANSLATE_NOOP("treatment", "registered with a GP"), False: QT_TRANSLATE_NOOP("treatment", "not registered with a GP"),
                    None: QT_TRANSLATE_NOOP("treatment", "GP registration not recorded")})


def _problem_text(problem: Exception) -> str:
    return getattr(problem, "message", str(problem))


class TreatmentTab(CaseTab):
    title = "Treatment"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case: CaseRecord | None = None
        self.problem = label(role="error")
        self.problem.setVisible(False)
        self.schedule_box = self._build_schedule()
        self.gp_box = self._build_gp_check()
        self.sessions = read_only_table(0, len(SESSION_COLUMNS), self.tr("Treatment sessions"))
        self.sessions.setHorizontalHeaderLabels(SESSION_COLUMNS)
        self.sessions.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.sessions.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.attendance_box = self._build_attendance()
        self.breach_box = self._build_breach()
        self.completion_box = self._build_completion()
        self.follow_ups = QListWidget()
        self.follow_ups.setAccessibleName(self.tr("Follow-ups due"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Treatment")))
        layout.addWidget(self.problem)
        self.duties = label(role="stem")
        self.duties.setAccessibleName(self.tr("Deadlines on this case"))
        layout.addWidget(self.duties)
        self.allocated = label(role="muted")
        self.allocate_button = button(self.tr("Allocate to me"), self.tr("Allocate this case to me"), self.allocate_to_me)
        # The Clinical Lead chooses whom to allocate to (Manual §4.2, §4.7; ALLOCATE_TO_OTHERS).
        self.practitioner_choice = QComboBox()
        self.practitioner_choice.setAccessibleName(self.tr("Practitioner to allocate the case to"))
        self.allocation_reason = line_edit(self.tr("Reason for moving the case"), self.tr("why it moves, if it does"))
        self.allocation_reason.setMinimumWidth(220)
        self.allocate_chosen_button = button(self.tr("Allocate"), self.tr("Allocate the case to the chosen practitioner"),
                                             self.allocate_chosen)
        allocation = QHBoxLayout()
        allocation.addWidget(self.allocated, 1)
        for widget in (self.practitioner_choice, self.allocation_reason, self.allocate_chosen_button):
            allocation.addWidget(widget)
        allocation.addWidget(self.allocate_button)
        layout.addLayout(allocation)
        layout.addWidget(self.gp_box)
        layout.addWidget(self.schedule_box)
        layout.addWidget(self.sessions, 1)
        layout.addWidget(self.attendance_box)
        lower = QHBoxLayout()
        lower.addWidget(self.breach_box)
        lower.addWidget(self.completion_box)
        layout.addLayout(lower)
        layout.addWidget(label(self.tr("Follow-ups (3, 6 and 12 months after completion)"), role="stem"))
        layout.addWidget(self.follow_ups)

    # --- building -------------------------------------------------------------------------

    def _build_schedule(self) -> QGroupBox:
        box = QGroupBox(self.tr("Schedule sessions (MHTR: 12 weekly one-hour sessions)"))
        self.first_day = date_edit(self.tr("First session date"))
        self.first_time = line_edit(self.tr("First session time"), self.tr("HH:MM"))
        self.session_count = QSpinBox()
        self.session_count.setAccessibleName(self.tr("Number of sessions"))
        self.session_count.setRange(1, 52)
        self.session_count.setValue(12)
        self.fortnightly = QCheckBox(self.tr("Fortnightly"))
        self.fortnightly.setAccessibleName(self.tr("Fortnightly instead of weekly"))
        self.schedule_button = button(self.tr("Schedule"), self.tr("Schedule the sessions"), self.schedule)
        row = QHBoxLayout(box)
        for widget in (self.first_day, self.first_time, self.session_count, self.fortnightly,
                       self.schedule_button):
            row.addWidget(widget)
        return box

    def _build_gp_check(self) -> QGroupBox:
        box = cited(QGroupBox(self.tr("GP registration before treatment")), "Manual §2.4, §4.1")
        self.gp_status = label(role="muted")
        self.gp_registered = QComboBox()
        self.gp_registered.setAccessibleName(self.tr("Registered with a GP now"))
        self.gp_registered.addItem(self.tr("Registered with a GP"), True)
        self.gp_registered.addItem(self.tr("Not registered with a GP"), False)
        self.gp_registered.setMinimumHeight(44)
        self.gp_practice = line_edit(self.tr("GP practice"), self.tr("practice name, if registered"))
        self.gp_checked_on = date_edit(self.tr("Date checked"))
        self.gp_checked_on.setMaximumWidth(130)
        self.gp_button = button(self.tr("Record GP check"), self.tr("Record the GP registration check"),
                                self.record_gp_check)
        row = QHBoxLayout()
        for widget in (self.gp_registered, self.gp_practice, self.gp_checked_on, self.gp_button):
            row.addWidget(widget, 1 if widget is self.gp_practice else 0)
        rows = QVBoxLayout(box)
        rows.addWidget(self.gp_status)
        rows.addLayout(row)
        return box

    def _build_attendance(self) -> QGroupBox:
        box = QGroupBox(self.tr("Selected session"))
        self.attended_button = button(self.tr("Attended"), self.tr("Mark the session attended"),
                                      lambda: self.record_attendance(Attendance.ATTENDED))
        self.missed_reason = QComboBox()
        self.missed_reason.setAccessibleName(self.tr("Reason the appointment was missed"))
        self.missed_reason.addItem(self.tr("Choose the reason missed..."), None)
        for reason in MissedReason:
            self.missed_reason.addItem(MISSED_REASON_LABELS[reason.value], reason)
        self.missed_notes = line_edit(self.tr("Notes on the missed appointment"), self.tr("notes (needed for Other)"))
        self.missed_button = button(self.tr("Missed"), self.tr("Mark the session missed"),
                                    lambda: self.record_attendance(Attendance.MISSED))
        self.cancelled_button = button(self.tr("Cancelled"), self.tr("Mark the session cancelled"),
                                       lambda: self.record_attendance(Attendance.CANCELLED))
        self.told_button = button(self.tr("Offender manager told"), self.tr("Mark the offender manager told now"),
                                  self.mark_told)
        row = QHBoxLayout()
        for widget in (self.attended_button, field_label(self.tr("Missed because:"), self.missed_reason),
                       self.missed_reason, self.missed_notes,
                       self.missed_button, self.cancelled_button, self.told_button):
            row.addWidget(widget)
        # Session notes, and what changed when the risk changed (Manual §4.6).
        self.session_notes = line_edit(self.tr("Notes on the selected session"))
        self.risk_changed = QCheckBox(self.tr("Risk changed"))
        self.risk_changed.setAccessibleName(self.tr("The risk changed at this session"))
        self.risk_note = line_edit(self.tr("How the risk changed"), self.tr("how the risk changed and what was done"))
        self.notes_button = button(self.tr("Save notes"), self.tr("Save the notes on the selected session"), self.save_notes)
        notes = QHBoxLayout()
        for widget in (self.session_notes, self.risk_changed, self.risk_note, self.notes_button):
            notes.addWidget(widget)
        rows = QVBoxLayout(box)
        rows.addLayout(row)
        rows.addLayout(notes)
        return box

    def _build_breach(self) -> QGroupBox:
        box = QGroupBox(self.tr("Breach (probation's decision)"))
        self.breach_day = date_edit(self.tr("Breach decision date"))
        self.breach_to_court = QCheckBox(self.tr("Returned to court"))
        self.breach_to_court.setChecked(True)
        self.breach_cstr = QCheckBox(self.tr("About the treatment requirement (not another requirement)"))
        self.breach_reason = line_edit(self.tr("Reason for breach"))
        self.breach_button = button(self.tr("Record breach"), self.tr("Record the breach"), self.record_breach)
        self.breaches = label(role="muted")
        self.breach_outcome = QComboBox()
        self.breach_outcome.setAccessibleName(self.tr("What the court did on the latest breach"))
        for outcome, text in BREACH_OUTCOME_LABELS.items():
            self.breach_outcome.addItem(text, outcome)
        self.outcome_button = button(self.tr("Record court outcome"), self.tr("Record the court's outcome on the latest breach"),
                                     self.record_breach_outcome)
        form = QFormLayout(box)
        form.addRow(self.tr("Date (dd/mm/yyyy)"), self.breach_day)
        form.addRow(self.breach_to_court)
        form.addRow(self.breach_cstr)
        form.addRow(self.tr("Reason"), self.breach_reason)
        form.addRow(self.breach_button)
        form.addRow(self.breaches)
        form.addRow(self.breach_outcome, self.outcome_button)
        return box

    def _build_completion(self) -> QGroupBox:
        box = QGroupBox(self.tr("End of treatment"))
        self.ended_on = date_edit(self.tr("Date treatment ended"))
        self.completed = QCheckBox(self.tr("Completed (untick if it ended early)"))
        self.completed.setChecked(True)
        self.completion_notes = line_edit(self.tr("Notes on the end of treatment"))
        self.completion_signposting = line_edit(
            self.tr("Signposting and onward referrals"), self.tr("helplines, local services, referrals made"))
        self.complete_button = button(self.tr("Record end of treatment"), self.tr("Record the end of treatment"),
                                      self.complete)
        self.follow_up_months = QComboBox()
        self.follow_up_months.setAccessibleName(self.tr("Follow-up month"))
        for months in FOLLOW_UP_MONTHS:
            self.follow_up_months.addItem(self.tr("{months} months").format(months=months), months)
        self.follow_up_button = button(self.tr("Follow-up done today"), self.tr("Record the follow-up as done today"),
                                       self.record_follow_up)
        self.completion_state = label(role="muted")
        form = QFormLayout(box)
        form.addRow(self.tr("Ended on (dd/mm/yyyy)"), self.ended_on)
        form.addRow(self.completed)
        form.addRow(self.tr("Notes"), self.completion_notes)
        form.addRow(self.tr("Signposting, referrals"), cited(self.completion_signposting, "Manual §4.5.2"))
        form.addRow(self.complete_button)
        form.addRow(self.completion_state)
        follow_up = QHBoxLayout()
        follow_up.addWidget(self.follow_up_months, 1)
        follow_up.addWidget(self.follow_up_button)
        form.addRow(field_label(self.tr("Follow-up at"), self.follow_up_months), follow_up)
        return box

    # --- showing ----------------------------------------------------------------------------

    def show_case(self, case: CaseRecord) -> None:
        self.case = case
        if not self.first_day.text() and case.decision and case.decision.first_appointment_at:
            first = case.decision.first_appointment_at
            self.first_day.setText(uk_date(first))
            self.first_time.setText(uk_time(first))
        self._show_sessions(case.sessions)
        self.breaches.setText("\n".join(describe_breach(b) for b in case.breaches) or "No breach recorded.")
        self.outcome_button.setEnabled(bool(case.breaches) and case.breaches[-1].returned_to_court)
        # Every deadline on the case, met or open (workflow.duties): the same as the home panel's.
        duties = case_duties(case, suicide_risk(case))
        # The case header names the person already.
        self.duties.setText("\n".join(duty_words(d, _today(), QCoreApplication.translate)
                                       for d in duties))
        self._show_allocation(case)
        self._show_completion(case)
        self._show_gp_checks(case)

    def _show_gp_checks(self, case: CaseRecord) -> None:
        assessed = case.assessment.gp_registered if case.assessment else None
        lines = [f"When assessed: {GP_AT_ASSESSMENT[assessed]}."]
        lines += [f"Checked {uk_date(c.checked_on)}: " + (f"registered with {c.practice}."
                  if c.registered else "not registered.") for c in case.gp_checks]
        self.gp_status.setText("\n".join(lines))
        if not self.gp_checked_on.text():
            self.gp_checked_on.setText(uk_date(_today()))

    def _show_sessions(self, sessions: list[TreatmentSession]) -> None:
        now = datetime.now(UTC)
        self.sessions.setRowCount(len(sessions))
        for row, treatment_session in enumerate(sorted(sessions, key=lambda s: s.number)):
            due = tell_offender_manager_by(treatment_session)
            told = treatment_session.offender_manager_told_at
            reason = treatment_session.missed_reason
            cells = (str(treatment_session.number), uk_datetime(treatment_session.scheduled_at),
                     ATTENDANCE_LABELS[treatment_session.attendance],
                     MISSED_REASON_LABELS[reason.value] if reason else "",
                     uk_datetime(due) if due else "", uk_datetime(told) if told else "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, treatment_session.id)
                if due and told is None and now > due:
                    item.setForeground(QBrush(OVERDUE))
                self.sessions.setItem(row, column, item)

    def _show_allocation(self, case: CaseRecord) -> None:
        # Manual §4.2, §4.7: the practitioner who assesses also treats.
        allocated = case.referral.allocated_practitioner_id
        users = self.session.list_users()
        names = {u.id: u.full_name for u in users}
        chooser = continuity.may_choose_practitioner(self.session.user)
        self.practitioner_choice.clear()
        for user in continuity.practitioners(users):
            self.practitioner_choice.addItem(user.full_name, user.id)
        for widget in (self.practitioner_choice, self.allocation_reason, self.allocate_chosen_button):
            widget.setVisible(chooser)
        self.allocated.setText(self.tr("Practitioner: {0}").format(names.get(allocated, 'a former user')) if allocated
                               else self.tr("No practitioner allocated yet."))
        self.allocated.setAccessibleName(self.allocated.text())
        self.allocate_button.setEnabled(allocated != self.session.user.id and pathway.role_refusal(
            pathway.Action.ALLOCATE_PRACTITIONER, self.session.user) is None)

    def _show_completion(self, case: CaseRecord) -> None:
        completion = case.completion
        if completion is None:
            self.completion_state.setText(self.tr("Treatment has not ended."))
        else:
            state = "Completed" if completion.completed else "Ended early"
            self.completion_state.setText(self.tr("{state} on {ended_on}.").format(state=state, ended_on=uk_date(completion.ended_on)))
        self.complete_button.setEnabled(completion is None)
        self.follow_up_button.setEnabled(completion is not None and completion.completed)
        self.follow_ups.clear()
        for due in follow_ups_due(case):
            done = f"done {uk_date(due.done_on)}" if due.done_on else "not done yet"
            self.follow_ups.addItem(self.tr("{months_after} months: due {due_on}, {done}").format(months_after=due.months_after, due_on=uk_date(due.due_on), done=done))

    # --- acting ---------------------------------------------------------------------------

    def selected_session_id(self) -> int | None:
        rows = self.sessions.selectionModel().selectedRows()
        if not rows:
            return None
        return self.sessions.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)

    def select_session(self, number: int) -> None:
        for row in range(self.sessions.rowCount()):
            if self.sessions.item(row, 0).text() == str(number):
                self.sessions.selectRow(row)

    def record_gp_check(self) -> None:
        def work() -> None:
            ops.record_gp_check(self.session, GpRegistrationCheck(
                referral_id=self.case.referral.id, checked_on=parse_uk_date(self.gp_checked_on.text()),
                registered=self.gp_registered.currentData(), practice=self.gp_practice.text(),
                recorded_by=self.session.user.id or 0, recorded_at=datetime.now(UTC)), _today())
        self._run(work, self.tr("GP registration recorded."))

    def schedule(self) -> None:
        def work() -> None:
            first = london_moment(parse_uk_date(self.first_day.text()), self.first_time.text())
            interval = timedelta(weeks=2 if self.fortnightly.isChecked() else 1)
            ops.schedule_sessions(self.session, self.case.referral.id, first,
                                  self.session_count.value(), interval, _today())
        self._run(work, self.tr("{0} sessions scheduled.").format(self.session_count.value()))

    def record_attendance(self, attendance: Attendance) -> None:
        session_id = self.selected_session_id()
        if session_id is None:
            set_error(self.problem, self.tr("Please choose a session in the list first."))
            return
        self._run(lambda: ops.record_attendance(
            self.session, self.case.referral.id, session_id, attendance,
            self.missed_reason.currentData(), self.missed_notes.text(), _today()),
            self.tr("Session marked {0}.").format(ATTENDANCE_LABELS[attendance].lower()))

    def mark_told(self) -> None:
        session_id = self.selected_session_id()
        if session_id is None:
            set_error(self.problem, self.tr("Please choose a missed session in the list first."))
            return
        self._run(lambda: ops.mark_offender_manager_told(self.session, self.case.referral.id,
                                                         session_id, datetime.now(UTC)),
                  self.tr("Offender manager told."))

    def record_breach(self) -> None:
        self._run(lambda: ops.record_breach(self.session, Breach(
            referral_id=self.case.referral.id, decided_on=parse_uk_date(self.breach_day.text()),
            returned_to_court=self.breach_to_court.isChecked(),
            related_to_cstr=self.breach_cstr.isChecked(), reason=self.breach_reason.text().strip(),
            recorded_by=self.session.user.id, recorded_at=datetime.now(UTC))), self.tr("Breach recorded."))

    def save_notes(self) -> None:
        session_id = self.selected_session_id()
        if session_id is None:
            set_error(self.problem, self.tr("Please choose a session in the list first."))
            return
        self._run(lambda: risk.record_session_notes(
            self.session, self.case.referral.id, session_id, self.session_notes.text(),
            self.risk_changed.isChecked(), self.risk_note.text()), self.tr("Session notes saved."))

    def allocate_chosen(self) -> None:
        chosen = self.practitioner_choice.currentData()
        name = self.practitioner_choice.currentText()
        self._run(lambda: continuity.allocate_practitioner(
            self.session, self.case.referral.id, chosen, _today(), self.allocation_reason.text()),
            self.tr("The case is allocated to {name}.").format(name=name))

    def allocate_to_me(self) -> None:
        self._run(lambda: continuity.allocate_practitioner(
            self.session, self.case.referral.id, self.session.user.id, _today()),
            self.tr("The case is allocated to you."))

    def record_breach_outcome(self) -> None:
        latest = self.case.breaches[-1]
        self._run(lambda: breach_ops.record_breach_outcome(
            self.session, self.case.referral.id, latest.id, self.breach_outcome.currentData()),
            self.tr("The court's outcome on the breach recorded."))

    def complete(self) -> None:
        self._run(lambda: ops.complete_treatment(self.session, TreatmentCompletion(
            referral_id=self.case.referral.id, ended_on=parse_uk_date(self.ended_on.text()),
            completed=self.completed.isChecked(), notes=self.completion_notes.text().strip(),
            signposting=self.completion_signposting.text().strip(),
            recorded_by=self.session.user.id, recorded_at=datetime.now(UTC)), _today()),
            self.tr("End of treatment recorded."))

    def record_follow_up(self) -> None:
        self._run(lambda: ops.record_follow_up(self.session, FollowUp(
            referral_id=self.case.referral.id, months_after=self.follow_up_months.currentData(),
            done_on=_today(), recorded_by=self.session.user.id, recorded_at=datetime.now(UTC))),
            self.tr("Follow-up recorded."))


class DeadlinesPanel(QWidget):
    """Open "tell the offender manager by" deadlines across all cases, soonest first, overdue
    in red; double-click (or Enter) opens the case, the button marks the chosen one done."""

    open_case = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.deadlines: list[OffenderManagerDeadline] = []
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Missed appointments to tell the offender manager about"))
        self.list.itemActivated.connect(self._activated)
        self.empty = label(self.tr("No missed appointments waiting to be reported."), role="muted")
        self.problem = label(role="error")
        self.problem.setVisible(False)
        self.done_button = button(self.tr("Offender manager told"), self.tr("Mark the chosen deadline done"), self.mark_done)
        self.open_button = button(self.tr("Open case"), self.tr("Open the chosen case"), self._open_chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Tell the offender manager (within 48 hours)")))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        try:
            rows = self.session.untold_missed_sessions()
        except StoreError as problem:
            set_error(self.problem, problem.message)
            return
        self.deadlines = open_deadlines(rows)
        now = datetime.now(UTC)
        self.list.clear()
        for deadline in self.deadlines:
            item = QListWidgetItem(deadline.describe(now))
            item.setData(Qt.ItemDataRole.UserRole, deadline.session_id)
            if deadline.is_overdue(now):
                item.setForeground(QBrush(OVERDUE))
                item.setData(Qt.ItemDataRole.AccessibleTextRole, "Overdue: " + item.text())
            self.list.addItem(item)
        self.empty.setVisible(not self.deadlines)
        self.done_button.setEnabled(bool(self.deadlines))
        self.open_button.setEnabled(bool(self.deadlines))

    def _chosen(self) -> OffenderManagerDeadline | None:
        row = self.list.currentRow()
        return self.deadlines[row] if 0 <= row < len(self.deadlines) else None

    def _activated(self, _item: QListWidgetItem) -> None:
        self._open_chosen()

    def _open_chosen(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self.open_case.emit(chosen.referral_id)

    def mark_done(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            set_error(self.problem, self.tr("Please choose a missed appointment in the list first."))
            return
        try:
            ops.mark_offender_manager_told(self.session, chosen.referral_id, chosen.session_id,
                                           datetime.now(UTC))
        except (ActionRefused, StoreError) as problem:
            set_error(self.problem, _problem_text(problem))
            return
        set_error(self.problem, "")
        self.refresh()
