"""The practitioner assessment tab (Manual §4.2 and Appendix 1).

The semi-structured interview is built from `workflow.assessment.INTERVIEW_TOPICS`; the CORE-34,
PHQ-9 and GAD-7 run in the shell's questionnaire runner (this tab only asks for them through
`start_questionnaire`); the CORE domain profile and the eligibility check are read from the
record. Notes save themselves a moment after each edit through `operations.save_assessment`:
there is no Save button to forget, and a pending edit is written before the tab is hidden (the
case view is destroyed on lock).

Signal `start_questionnaire(instrument_id: str)`: "core34", "phq9" or "gad7"; the case view
connects it to the questionnaire runner and reloads the case when the runner finishes.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
import re
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Qt, Signal
from PySide6.QtGui import QHideEvent, QTextDocumentFragment
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

import forms
import scoring
from cstr_desk.ukdates import uk_datetime
from cstr_desk.domain import CaseRecord, EqualityMonitoring, PractitionerAssessment, RiskAssessment
from cstr_desk.store import Session, StoreError
from cstr_desk.reports.screening import headline_score
from cstr_desk.score_words import band_label, refusal_words
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.plain_words import show_plainly
from cstr_desk.ui.widgets import button, field_label, heading, label, set_error
from cstr_desk.ui.words import Words
from cstr_desk.workflow import eligibility, equality, operations, pathway
from cstr_desk.workflow.assessment import (
    GROUPS,
    INTERVIEW_TOPICS,
    assessment_is_complete,
    risk_flag_raised,
)
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.pathway import completed_administrations

# Manual §4.2 "Psychometric Assessment": CORE-34, PHQ-9, GAD-7.
ASSESSMENT_QUESTIONNAIRES: tuple[tuple[str, str], ...] = tuple(
    (instrument_id, forms.load_form(instrument_id).short_title) for instrument_id in ("core34", "phq9", "gad7"))
# Manual Appendix 1 "Look at CORE assessment results": the four CORE-OM domains.
CORE_DOMAINS: tuple[tuple[str, str], ...] = (
    ("W", "Well-being"), ("P", "Problems / symptoms"), ("F", "Functioning"), ("R", "Risk"),
)
RISK_FIELDS: tuple[tuple[str, str], ...] = (
    ("self_harm", "Self-harm"), ("suicide", "Suicide"), ("harm_to_others", "Harm to others"),
    ("safeguarding", "Safeguarding (gangs, exploitation, modern slavery)"),
    ("crisis_plan", "Crisis plan"),
)
_YES_NO = (("Not known", None), ("Yes", True), ("No", False))
AUTOSAVE_MS = 700
_VERDICT_MARKS = Words("assessment", {
    eligibility.Verdict.MEETS: QT_TRANSLATE_NOOP("assessment", "✓ Met:"),
    eligibility.Verdict.NEEDS_CHECKING: QT_TRANSLATE_NOOP("assessment", "? To check:"),
    eligibility.Verdict.DOES_NOT_MEET: QT_TRANSLATE_NOOP("assessment", "✗ Not met:"),
})


def latest_score(case: CaseRecord, instrument_id: str) -> scoring.ScoreResult | None:
    done = completed_administrations(case, instrument_id)
    if not done:
        return None
    latest = max(done, key=lambda a: a.completed_at or a.started_at)
    return scoring.score(instrument_id, latest.item_answers())


def describe_score(result: scoring.ScoreResult | None) -> str:
    if result is None:
        return "Not done yet."
    if not result.scorable:
        return " ".join([QCoreApplication.translate("assessment", "Cannot be scored:"),
                         *refusal_words(result, QCoreApplication.translate)])
    band = f", {band_label(result.band, QCoreApplication.translate)}" if result.band is not None else ""
    return f"{headline_score(result)}{band}."


def core_profile(result: scoring.ScoreResult | None) -> list[str]:
    """One line per CORE domain: mean (0-4) and clinical score (x10), as the CORE System shows."""
    if result is None:
        return ["No completed CORE-OM yet."]
    lines = []
    for key, name in CORE_DOMAINS:
        mean = result.derived.get(f"{key}_mean")
        shown = "cannot be scored (too many items missing)" if mean is None else (
            f"mean {mean:.2f} (clinical score {mean * 10:.1f})")
        lines.append(f"{name}: {shown}")
    return lines


# A citation the core puts at the end of a sentence, "(Manual §3.2.1)": on screen it moves to
# the tooltip with the other sources.
_CITATION = re.compile(r"\s*\(((?:Manual|DOMAIN|CJA|Mental Health Act|[^()]*guidance|[^()]*service "
                       r"description)[^()]*)\)")


def _cited(text: str, sources: set[str]) -> str:
    sources.update(match.group(1) for match in _CITATION.finditer(text))
    return _CITATION.sub("", text)


def describe_eligibility(report: eligibility.EligibilityReport) -> list[tuple[str, str]]:
    """Per requirement and allowed combination, a checklist as rich text (the verdict in bold,
    then each rule: met, not met or to check, with its reason in a sentence) and, apart, the
    sources for a tooltip: the screen reads as plain words, the citations stay one hover away."""
    blocks = []
    for result in report.results:
        sources = {f.source for f in result.findings if f.source}
        rows = [f"<b>{escape(result.label)}: {escape(eligibility.VERDICT_LABELS[result.verdict])}</b>"]
        rows += [f"{_VERDICT_MARKS[f.verdict]} {escape(f.rule)}. {escape(_cited(f.detail, sources))}"
                 for f in result.findings]
        rows += [f"! {escape(_cited(w, sources))}" for w in result.warnings]
        blocks.append(("<br>".join(rows), "Sources: " + "; ".join(sorted(sources))))
    return blocks


def _notes(accessible_name: str, parent: QWidget) -> QPlainTextEdit:
    editor = QPlainTextEdit(parent)
    editor.setAccessibleName(accessible_name)
    editor.setTabChangesFocus(True)  # keyboard users move on with Tab, as in every other field
    editor.setMinimumHeight(72)
    editor.setMaximumHeight(140)
    return editor


def _yes_no(accessible_name: str, parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(accessible_name)
    combo.setMinimumHeight(44)
    for text, value in _YES_NO:
        combo.addItem(text, value)
    return combo


class AssessmentTab(CaseTab):
    title = "Assessment"

    start_questionnaire = Signal(str)
    # "Ask the equality questions": the case view opens the Equality tab.
    ask_equality = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case: CaseRecord | None = None
        self.assessment: PractitionerAssessment | None = None
        self._loading = False
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        self.problem = label("", "error", self)
        self.problem.setVisible(False)
        self.saved = label("", "muted", self)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.addWidget(self._build_questionnaires(body))
        column.addWidget(self._build_findings(body))
        for group in GROUPS:
            column.addWidget(self._build_topics(group, body))
        column.addWidget(self._build_risk(body))
        column.addWidget(self._build_eligibility(body))
        column.addWidget(self._build_completion(body))
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setAccessibleName(self.tr("Practitioner assessment"))
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Practitioner assessment"), self), 1)
        top.addWidget(self.saved)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._build_equality_offer())
        layout.addWidget(self.problem)
        layout.addWidget(scroll, 1)

    # --- building ------------------------------------------------------------------------

    def _build_equality_offer(self) -> QWidget:
        # Offered once the assessment is under way (workflow.equality.offer_equality); optional.
        self.equality_offer = QWidget(self)
        self.equality_offer_text = label("", "muted", self.equality_offer)
        self.equality_button = button(self.tr("Ask the equality questions"), self.tr("Open the equality monitoring questions"),
                                      self.ask_equality.emit, self.equality_offer)
        row = QHBoxLayout(self.equality_offer)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.equality_offer_text, 1)
        row.addWidget(self.equality_button)
        self.equality_offer.setVisible(False)
        return self.equality_offer

    def _build_questionnaires(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Questionnaires"), parent)
        self.questionnaire_buttons: dict[str, object] = {}
        self.score_labels: dict[str, object] = {}
        form = QFormLayout(box)
        for instrument_id, name in ASSESSMENT_QUESTIONNAIRES:
            start = button(self.tr("Start {name}").format(name=name), self.tr("Start the {name} questionnaire").format(name=name),
                           lambda i=instrument_id: self.start_questionnaire.emit(i), box)
            result = label("", None, box)
            self.questionnaire_buttons[instrument_id] = start
            self.score_labels[instrument_id] = result
            form.addRow(start, result)
        self.core_profile = label("", None, box)
        form.addRow(label(self.tr("CORE domain profile"), "stem", box))
        form.addRow(self.core_profile)
        return box

    def _build_findings(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Findings"), parent)
        self.gp_registered = _yes_no(self.tr("Registered with a GP"), box)
        self.mental_health_need = _yes_no(self.tr("Mental health need"), box)
        self.drug_misuse = _yes_no(self.tr("Drug misuse"), box)
        # Manual §4.5.1: a first episode of psychosis shortens the wait for treatment to 2 weeks.
        self.first_episode_psychosis = _yes_no(self.tr("First episode of psychosis"), box)
        self.presenting_problem = _notes(self.tr("Presenting problem"), box)
        self.formulation = _notes(self.tr("Formulation"), box)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for text, field in (("Registered with a GP", self.gp_registered),
                            ("Mental health need", self.mental_health_need),
                            ("Drug misuse", self.drug_misuse),
                            ("First episode of psychosis", self.first_episode_psychosis),
                            ("Presenting problem", self.presenting_problem),
                            ("Formulation", self.formulation)):
            form.addRow(field_label(text, field, box), field)
        for combo in (self.gp_registered, self.mental_health_need, self.drug_misuse,
                      self.first_episode_psychosis):
            combo.currentIndexChanged.connect(self._edited)
        for editor in (self.presenting_problem, self.formulation):
            editor.textChanged.connect(self._edited)
        return box

    def _build_topics(self, group: str, parent: QWidget) -> QGroupBox:
        box = QGroupBox(group, parent)
        box.setAccessibleName(group)
        if not hasattr(self, "topic_notes"):
            self.topic_notes: dict[str, QPlainTextEdit] = {}
        layout = QVBoxLayout(box)
        for topic in (t for t in INTERVIEW_TOPICS if t.group == group):
            title = label(topic.heading, "stem", box)
            title.setStyleSheet("font-weight: bold;")
            layout.addWidget(title)
            layout.addWidget(label("; ".join(topic.prompts), "muted", box))
            editor = _notes(self.tr("Notes: {heading}").format(heading=topic.heading), box)
            editor.textChanged.connect(self._edited)
            self.topic_notes[topic.key] = editor
            layout.addWidget(editor)
        return box

    def _build_risk(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Risk: a crisis plan where there is risk"), parent)
        self.risk_warning = label("", "warning", box)
        self.risk_warning.setVisible(False)
        self.risk_notes: dict[str, QPlainTextEdit] = {}
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.risk_warning)
        for field, name in RISK_FIELDS:
            editor = _notes(self.tr("Risk: {name}").format(name=name), box)
            editor.textChanged.connect(self._edited)
            self.risk_notes[field] = editor
            form.addRow(label(name, None, box), editor)
        return box

    def _build_eligibility(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Eligibility check"), parent)
        self.eligibility_view = QVBoxLayout(box)
        self.eligibility_labels: list = []
        return box

    def _build_completion(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Completion"), parent)
        self.still_to_do = label("", None, box)
        self.complete_button = button(self.tr("Mark assessment complete"),
                                      self.tr("Mark the assessment complete"), self.mark_complete, box)
        layout = QVBoxLayout(box)
        layout.addWidget(self.still_to_do)
        layout.addWidget(self.complete_button)
        return box

    # --- showing the case ------------------------------------------------------------------

    def show_case(self, case: CaseRecord) -> None:
        same_case = self.case is not None and self.case.referral.id == case.referral.id
        self.case = case
        # This tab is the only writer of the assessment, so while the same case is open the
        # editors hold the newest text; reloading them would move the cursor or drop typing.
        if not same_case or self.assessment is None:
            self.assessment = case.assessment or PractitionerAssessment(referral_id=case.referral.id)
            self._fill_editors(self.assessment)
        self._set_editable(not self.assessment.completed)
        self._show_record()
        self._show_equality_offer(case)

    def _show_equality_offer(self, case: CaseRecord) -> None:
        left = len(equality.unanswered(case.person.equality))
        offer = equality.offer_equality(case) and pathway.role_refusal(
            pathway.Action.RECORD_EQUALITY, self.session.user) is None
        self.equality_offer_text.setText(
            self.tr("Equality monitoring: {left} of {model_fields} questions not asked yet. Optional, each with \"prefers not to say\"; nothing waits for them.").format(left=left, model_fields=len(EqualityMonitoring.model_fields)))
        self.equality_offer.setVisible(offer)

    def _fill_editors(self, assessment: PractitionerAssessment) -> None:
        self._loading = True
        for combo, value in ((self.gp_registered, assessment.gp_registered),
                             (self.mental_health_need, assessment.mental_health_need),
                             (self.drug_misuse, assessment.drug_misuse),
                             (self.first_episode_psychosis, assessment.first_episode_psychosis)):
            combo.setCurrentIndex(combo.findData(value) if value is not None else 0)
        self.presenting_problem.setPlainText(assessment.presenting_problem)
        self.formulation.setPlainText(assessment.formulation)
        for key, editor in self.topic_notes.items():
            editor.setPlainText(assessment.topics.get(key, ""))
        for field, editor in self.risk_notes.items():
            editor.setPlainText(getattr(assessment.risk, field))
        self._loading = False

    def _show_record(self) -> None:
        case = self._case_with_edits()
        for instrument_id, _name in ASSESSMENT_QUESTIONNAIRES:
            text = describe_score(latest_score(case, instrument_id))
            self.score_labels[instrument_id].setText(text)
            self.score_labels[instrument_id].setAccessibleName(text)
        profile = "\n".join(core_profile(latest_score(case, "core34")))
        self.core_profile.setText(profile)
        self.core_profile.setAccessibleName(profile)
        risk = risk_flag_raised(case)
        self.risk_warning.setText(show_plainly(
            self.risk_warning, "A questionnaire risk item was endorsed: assess the risk in "
            "detail and write a crisis plan (Manual §4.2)." if risk else ""))
        self.risk_warning.setVisible(risk)
        self._show_eligibility(case)
        self._show_completion(case)

    def _show_eligibility(self, case: CaseRecord) -> None:
        for old in self.eligibility_labels:
            old.deleteLater()
        facts = eligibility.facts_from_case(case, self.session.site_settings(), [], None)
        blocks = describe_eligibility(eligibility.check_eligibility(facts, date.today()))
        self.eligibility_labels = [label(text, None, self) for text, _sources in blocks]
        for widget, (text, sources) in zip(self.eligibility_labels, blocks):
            widget.setTextFormat(Qt.TextFormat.RichText)
            widget.setAccessibleName(QTextDocumentFragment.fromHtml(text).toPlainText())
            widget.setToolTip(sources)
            widget.setAccessibleDescription(sources)
            self.eligibility_view.addWidget(widget)

    def _show_completion(self, case: CaseRecord) -> None:
        assessment = case.assessment
        if assessment is not None and assessment.completed:
            self.still_to_do.setText(self.tr("Completed {completed_at}.").format(completed_at=uk_datetime(assessment.completed_at)))
            self.complete_button.setVisible(False)
            return
        missing = assessment_is_complete(self.current_assessment(), case)
        text = "Still to do:\n" + "\n".join(f"• {m}" for m in missing) if missing else (
            "Everything needed is recorded.")
        text = show_plainly(self.still_to_do, text)  # the rules' sources in the tooltip
        self.still_to_do.setText(text)
        self.still_to_do.setAccessibleName(text)
        self.complete_button.setVisible(True)
        self.complete_button.setEnabled(not missing)

    # --- saving ----------------------------------------------------------------------------

    def current_assessment(self) -> PractitionerAssessment:
        assert self.assessment is not None
        risk = RiskAssessment(**{f: e.toPlainText() for f, e in self.risk_notes.items()})
        topics = {k: e.toPlainText() for k, e in self.topic_notes.items() if e.toPlainText()}
        return self.assessment.model_copy(update={
            "topics": topics,
            "gp_registered": self.gp_registered.currentData(),
            "mental_health_need": self.mental_health_need.currentData(),
            "drug_misuse": self.drug_misuse.currentData(),
            "first_episode_psychosis": self.first_episode_psychosis.currentData(),
            "presenting_problem": self.presenting_problem.toPlainText(),
            "formulation": self.formulation.toPlainText(),
            "risk": risk,
        })

    def _case_with_edits(self) -> CaseRecord:
        assert self.case is not None
        return self.case.model_copy(update={"assessment": self.current_assessment()})

    def _edited(self) -> None:
        if self._loading or self.case is None:
            return
        self.saved.setText(self.tr("Saving…"))
        self._autosave.start()

    def has_pending_save(self) -> bool:
        return self._autosave.isActive()

    def save_now(self) -> bool:
        """Write the editors' contents now; True when saved."""
        self._autosave.stop()
        if self.case is None or self.assessment is None:
            return False
        try:
            self.assessment = operations.save_assessment(self.session,
                                                         self.current_assessment()).record
        except (ActionRefused, StoreError) as refusal:
            set_error(self.problem, str(refusal))
            self.saved.setText(self.tr("Not saved"))
            return False
        set_error(self.problem, "")
        self.saved.setText(self.tr("All changes saved"))
        self._show_record()
        return True

    def hideEvent(self, event: QHideEvent) -> None:
        if self.has_pending_save():
            self.save_now()
        super().hideEvent(event)

    def mark_complete(self) -> None:
        if not self.save_now() or self.case is None:
            return
        done = self.current_assessment().model_copy(update={
            "completed": True, "completed_at": datetime.now(timezone.utc),
            "completed_by": self.session.user.id})
        try:
            self.assessment = operations.save_assessment(self.session, done).record
        except (ActionRefused, StoreError) as refusal:
            set_error(self.problem, str(refusal))
            return
        self._set_editable(False)
        self.notice.emit(self.tr("Assessment marked complete."))
        self.case_changed.emit()

    def _set_editable(self, editable: bool) -> None:
        # A completed assessment is final in the store; corrections are amendments.
        for editor in (self.presenting_problem, self.formulation, *self.topic_notes.values(),
                       *self.risk_notes.values()):
            editor.setReadOnly(not editable)
        for combo in (self.gp_registered, self.mental_health_need, self.drug_misuse,
                      self.first_episode_psychosis):
            combo.setEnabled(editable)
