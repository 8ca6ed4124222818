"""The DRR / ATR tab: the treatment start against its standard, the DRR's drug test schedule and
tests (a missed test is recorded as missed, never as a negative), and the three-way meeting and
joint reviews. Every change is an operation in `workflow.order_operations`."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QSpinBox,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from cstr_desk.domain import (
    CaseRecord, DrugTest, DrugTestMethod, DrugTestResult, DrugTestSchedule, JointMeeting,
    MeetingKind, SentenceRequirement, Substance, SubstanceResult, TreatmentStart,
)
from cstr_desk.reports.order_facts import (
    MEETING_LABELS, METHOD_LABELS, RESULT_LABELS, SUBSTANCE_LABELS,
)
from cstr_desk.store import Session
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.widgets import (
    button, date_edit, heading, label, line_edit, read_only_table, set_error,
)
from cstr_desk.ui.words import Words
from cstr_desk.ukdates import LONDON, parse_uk_date, uk_date
from cstr_desk.workflow import order_operations as ops
from cstr_desk.workflow.order_rules import has_requirement
from cstr_desk.workflow.start_standards import START_STANDARDS, StartState, case_start_checks

TEST_COLUMNS = ("Date", "Method", "Results")
STATE_WORDS = Words("order_tab", {StartState.MET: QT_TRANSLATE_NOOP("order_tab", "standard met"), StartState.MISSED: QT_TRANSLATE_NOOP("order_tab", "standard missed"),
               StartState.DUE: QT_TRANSLATE_NOOP("order_tab", "not started yet")})
NOT_TESTED = "Not tested"


def _today() -> date:
    return datetime.now(LONDON).date()


class OrderTab(CaseTab):
    title = "DRR / ATR"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case: CaseRecord | None = None
        self.problem = label(role="error")
        self.problem.setVisible(False)
        self.not_applicable = label(self.tr("The order has no DRR or ATR."), role="muted")
        self.start_box = self._build_start()
        self.schedule_box = self._build_schedule()
        self.tests_box = self._build_tests()
        self.meeting_box = self._build_meeting()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("DRR and ATR through the order")))
        layout.addWidget(self.problem)
        layout.addWidget(self.not_applicable)
        top = QHBoxLayout()
        top.addWidget(self.start_box, 1)
        top.addWidget(self.schedule_box, 1)
        layout.addLayout(top)
        layout.addWidget(self.tests_box)
        layout.addWidget(self.meeting_box)

    # --- building -------------------------------------------------------------------------

    def _build_start(self) -> QGroupBox:
        box = QGroupBox(self.tr("Treatment start (DRR within 2 working days, ATR within 14 days)"))
        self.start_state = label(role="stem")
        self.start_requirement = QComboBox()
        self.start_requirement.setAccessibleName(self.tr("Requirement whose treatment started"))
        self.started_on = date_edit(self.tr("Date treatment started"))
        self.start_provider = line_edit(self.tr("Treatment provider"))
        self.start_button = button(self.tr("Record start"), self.tr("Record the start of treatment"), self.record_start)
        form = QFormLayout(box)
        form.addRow(self.start_state)
        form.addRow(self.tr("Requirement"), self.start_requirement)
        form.addRow(self.tr("Started on (dd/mm/yyyy)"), self.started_on)
        form.addRow(self.tr("Provider"), self.start_provider)
        form.addRow(self.start_button)
        return box

    def _build_schedule(self) -> QGroupBox:
        box = QGroupBox(self.tr("DRR drug test schedule (agreed by the court)"))
        self.schedule_state = label(role="muted")
        self.tests_per_week = QSpinBox()
        self.tests_per_week.setAccessibleName(self.tr("Tests a week"))
        self.tests_per_week.setRange(1, 7)
        self.regular = {s: QCheckBox(SUBSTANCE_LABELS[s]) for s in Substance}
        self.intermittent = QCheckBox(self.tr("Intermittent tests for the other substances"))
        # A change of frequency is sanctioned by the court in advance (2014 guidance, "Testing").
        self.agreed_on = date_edit(self.tr("Date the court agreed the schedule (blank: at sentence)"))
        self.schedule_button = button(self.tr("Record schedule"), self.tr("Record the drug test schedule"),
                                      self.record_schedule)
        grid = QGridLayout()
        for index, (substance, box_) in enumerate(self.regular.items()):
            box_.setAccessibleName(self.tr("Regularly tested: {0}").format(SUBSTANCE_LABELS[substance]))
            grid.addWidget(box_, index // 4, index % 4)
        form = QFormLayout(box)
        form.addRow(self.schedule_state)
        form.addRow(self.tr("Tests a week"), self.tests_per_week)
        form.addRow(label(self.tr("Tested regularly (the drugs linked to the offending)"), role="stem"))
        form.addRow(grid)
        form.addRow(self.intermittent)
        form.addRow(self.tr("Agreed on (blank: at sentence)"), self.agreed_on)
        form.addRow(self.schedule_button)
        return box

    def _build_tests(self) -> QGroupBox:
        box = QGroupBox(self.tr("Drug tests"))
        self.tests = read_only_table(0, len(TEST_COLUMNS), self.tr("Drug tests recorded"))
        self.tests.setHorizontalHeaderLabels(TEST_COLUMNS)
        self.tests.horizontalHeader().setStretchLastSection(True)
        self.tests.setMinimumHeight(150)
        self.tested_on = date_edit(self.tr("Date of the test"))
        self.method = QComboBox()
        self.method.setAccessibleName(self.tr("How the sample was taken"))
        self.method.addItem(self.tr("Choose the method..."), None)
        for method in DrugTestMethod:
            self.method.addItem(METHOD_LABELS[method.value], method)
        self.results: dict[Substance, QComboBox] = {}
        results = QGridLayout()
        for index, substance in enumerate(Substance):
            combo = QComboBox()
            combo.setAccessibleName(self.tr("Result for {0}").format(SUBSTANCE_LABELS[substance]))
            combo.addItem(NOT_TESTED, None)
            for result in DrugTestResult:
                combo.addItem(RESULT_LABELS[result], result)
            self.results[substance] = combo
            results.addWidget(QLabel(SUBSTANCE_LABELS[substance]), index // 4, (index % 4) * 2)
            results.addWidget(combo, index // 4, (index % 4) * 2 + 1)
        self.missed = QCheckBox(self.tr("Missed (not a negative)"))
        self.missed.setAccessibleName(self.tr("The test was missed"))
        self.missed_reason = line_edit(self.tr("Why the test was missed"), self.tr("why it was missed"))
        self.test_button = button(self.tr("Record test"), self.tr("Record the drug test"), self.record_test)
        row = QHBoxLayout()
        for widget in (QLabel(self.tr("Date")), self.tested_on, QLabel(self.tr("Method")), self.method,
                       self.missed, self.missed_reason, self.test_button):
            row.addWidget(widget)
        column = QVBoxLayout(box)
        column.addWidget(self.tests)
        column.addLayout(results)
        column.addLayout(row)
        return box

    def _build_meeting(self) -> QGroupBox:
        box = QGroupBox(self.tr("Three-way meeting and joint reviews"))
        self.meetings = label(role="muted")
        self.meeting_kind = QComboBox()
        self.meeting_kind.setAccessibleName(self.tr("Kind of meeting"))
        for kind in MeetingKind:
            self.meeting_kind.addItem(MEETING_LABELS[kind], kind)
        self.held_on = date_edit(self.tr("Date of the meeting"))
        self.attendees = line_edit(self.tr("Who attended"), self.tr("names and roles, separated by ;"))
        self.person_attended = QCheckBox(self.tr("The person attended"))
        self.person_attended.setChecked(True)
        self.goals = line_edit(self.tr("Goals agreed"))
        self.sequencing = line_edit(self.tr("Sequencing of the requirements"))
        self.meeting_button = button(self.tr("Record meeting"), self.tr("Record the meeting"), self.record_meeting)
        form = QFormLayout(box)
        form.addRow(self.meetings)
        form.addRow(self.tr("Meeting"), self.meeting_kind)
        form.addRow(self.tr("Held on (dd/mm/yyyy)"), self.held_on)
        form.addRow(self.tr("Attended"), self.attendees)
        form.addRow(self.person_attended)
        form.addRow(self.tr("Goals agreed"), self.goals)
        form.addRow(self.tr("Sequencing"), self.sequencing)
        form.addRow(self.meeting_button)
        return box

    # --- showing ----------------------------------------------------------------------------

    def show_case(self, case: CaseRecord) -> None:
        self.case = case
        drr = has_requirement(case, SentenceRequirement.DRR)
        checks = case_start_checks(case, _today())
        self.not_applicable.setVisible(not checks)
        self.start_box.setEnabled(bool(checks))
        self.tests_box.setEnabled(drr)
        self.schedule_box.setEnabled(drr)
        lines = [f"{c.requirement.value.upper()}: due by {uk_date(c.due_on)} "
                 f"({START_STANDARDS[c.requirement].wording}); "
                 + (f"started {uk_date(c.started_on)}, " if c.started_on else "")
                 + STATE_WORDS[c.state] for c in checks]
        self.start_state.setText("\n".join(lines) or "No start standard applies.")
        self.start_state.setAccessibleName(self.start_state.text())
        self.start_requirement.clear()
        for check in checks:
            if check.started_on is None:
                self.start_requirement.addItem(check.requirement.value.upper(), check.requirement)
        self.start_button.setEnabled(self.start_requirement.count() > 0)
        self._show_schedule(case)
        self._show_tests(case)
        self.meetings.setText("\n".join(
            f"{MEETING_LABELS[m.kind]} {uk_date(m.held_on)}: {'; '.join(m.attendees)}"
            for m in case.meetings) or "No meeting recorded yet.")

    def _show_schedule(self, case: CaseRecord) -> None:
        schedule = case.test_schedule
        if schedule is None:
            self.schedule_state.setText(self.tr("No schedule recorded yet (weekly at least, 2014 guidance)."))
            return
        regular = ", ".join(SUBSTANCE_LABELS[s] for s in schedule.regular)
        self.schedule_state.setText(self.tr("{tests_per_week} a week for {regular}, agreed {agreed_on}.").format(tests_per_week=schedule.tests_per_week, regular=regular, agreed_on=uk_date(schedule.agreed_on)))

    def _show_tests(self, case: CaseRecord) -> None:
        self.tests.setRowCount(len(case.drug_tests))
        for row, test in enumerate(case.drug_tests):
            if test.missed:
                cells = (uk_date(test.tested_on), "-", f"Missed: {test.missed_reason}")
            else:
                cells = (uk_date(test.tested_on),
                         METHOD_LABELS[test.method.value] if test.method else "",
                         "; ".join(f"{SUBSTANCE_LABELS[r.substance]} {RESULT_LABELS[r.result].lower()}"
                                   for r in test.results))
            for column, text in enumerate(cells):
                self.tests.setItem(row, column, QTableWidgetItem(text))

    # --- acting ---------------------------------------------------------------------------

    def record_start(self) -> None:
        self._run(lambda: ops.record_treatment_start(self.session, TreatmentStart(
            referral_id=self.case.referral.id, requirement=self.start_requirement.currentData(),
            started_on=parse_uk_date(self.started_on.text()),
            provider=self.start_provider.text().strip(), recorded_by=self.session.user.id,
            recorded_at=datetime.now(UTC)), _today()), self.tr("Start of treatment recorded."))

    def record_schedule(self) -> None:
        regular = [s for s, box in self.regular.items() if box.isChecked()]
        others = [s for s in Substance if s not in regular] if self.intermittent.isChecked() else []
        if not regular:
            set_error(self.problem, self.tr("Tick the drugs tested regularly (those linked to the offending)."))
            return
        typed = self.agreed_on.text().strip()
        self._run(lambda: ops.record_test_schedule(self.session, DrugTestSchedule(
            referral_id=self.case.referral.id, tests_per_week=self.tests_per_week.value(),
            regular=regular, intermittent=others,
            agreed_on=parse_uk_date(typed) if typed else self.case.sentence.sentenced_on,
            recorded_by=self.session.user.id, recorded_at=datetime.now(UTC))),
            self.tr("Drug test schedule recorded."))

    def record_test(self) -> None:
        missed = self.missed.isChecked()
        results = [] if missed else [
            SubstanceResult(substance=s, result=combo.currentData())
            for s, combo in self.results.items() if combo.currentData() is not None]

        def work() -> None:
            ops.record_drug_test(self.session, DrugTest(
                referral_id=self.case.referral.id, tested_on=parse_uk_date(self.tested_on.text()),
                missed=missed, missed_reason=self.missed_reason.text().strip() if missed else "",
                method=None if missed else self.method.currentData(), results=results,
                recorded_by=self.session.user.id, recorded_at=datetime.now(UTC)), _today())
            self._clear_test_form()

        self._run(work, self.tr("Missed test recorded.") if missed else self.tr("Drug test recorded."))

    def _clear_test_form(self) -> None:
        self.tested_on.clear()
        self.missed.setChecked(False)
        self.missed_reason.clear()
        for combo in self.results.values():
            combo.setCurrentIndex(0)

    def record_meeting(self) -> None:
        attendees = [a.strip() for a in self.attendees.text().split(";") if a.strip()]
        if not attendees:
            set_error(self.problem, self.tr("Say who attended the meeting."))
            return
        self._run(lambda: ops.record_meeting(self.session, JointMeeting(
            referral_id=self.case.referral.id, kind=self.meeting_kind.currentData(),
            held_on=parse_uk_date(self.held_on.text()), attendees=attendees,
            person_attended=self.person_attended.isChecked(), goals=self.goals.text().strip(),
            sequencing=self.sequencing.text().strip(), recorded_by=self.session.user.id,
            recorded_at=datetime.now(UTC)), _today()), self.tr("Meeting recorded."))
