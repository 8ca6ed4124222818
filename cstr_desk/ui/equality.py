"""The equality tab: the monitoring questions of Manual §2.4 "Pre-sentence" (and religion and
sexuality, DRR/ATR service description), asked once the assessment is under way. Every question
is optional and offers "Prefers not to say"; nothing on the pathway waits for them.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from cstr_desk.pathway_words import reasons_words
from cstr_desk.domain import PREFER_NOT_TO_SAY, CaseRecord, equality_options
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.plain_words import cited
from cstr_desk.ui.widgets import button, heading, label, set_error
from cstr_desk.ui.words import Words
from cstr_desk.ukdates import LONDON
from cstr_desk.workflow import equality, pathway
from cstr_desk.workflow.errors import ActionRefused

QUESTIONS = Words("equality", {
    "gender": QT_TRANSLATE_NOOP("equality", "Gender"), "ethnicity": QT_TRANSLATE_NOOP("equality", "Ethnicity"),
    "pregnant_or_caring": QT_TRANSLATE_NOOP("equality", "Pregnancy and caring responsibilities"), "disability": QT_TRANSLATE_NOOP("equality", "Disability"),
    "armed_forces": QT_TRANSLATE_NOOP("equality", "Served in the armed forces"), "accommodation": QT_TRANSLATE_NOOP("equality", "Accommodation"),
    "accommodation_changed": QT_TRANSLATE_NOOP("equality", "Accommodation changed recently"), "care_leaver": QT_TRANSLATE_NOOP("equality", "Looked-after child or care leaver"),
    "education": QT_TRANSLATE_NOOP("equality", "Education"), "health_and_care_plan": QT_TRANSLATE_NOOP("equality", "Education, health and care plan"),
    "religion": QT_TRANSLATE_NOOP("equality", "Religion or belief"), "sexual_orientation": QT_TRANSLATE_NOOP("equality", "Sexual orientation"),
})
NOT_ASKED = "Not asked yet"
# Labels where the code's own words will not do.
ANSWER_LABELS = Words("equality", {
    PREFER_NOT_TO_SAY: QT_TRANSLATE_NOOP("equality", "Prefers not to say"), "non_binary": QT_TRANSLATE_NOOP("equality", "Non-binary"),
    "white_british": QT_TRANSLATE_NOOP("equality", "White: English, Welsh, Scottish, Northern Irish or British"),
    "white_irish": QT_TRANSLATE_NOOP("equality", "White: Irish"), "white_gypsy_traveller": QT_TRANSLATE_NOOP("equality", "White: Gypsy or Irish Traveller"),
    "white_roma": QT_TRANSLATE_NOOP("equality", "White: Roma"), "white_other": QT_TRANSLATE_NOOP("equality", "White: any other White background"),
    "mixed_white_black_caribbean": QT_TRANSLATE_NOOP("equality", "Mixed: White and Black Caribbean"),
    "mixed_white_black_african": QT_TRANSLATE_NOOP("equality", "Mixed: White and Black African"),
    "mixed_white_asian": QT_TRANSLATE_NOOP("equality", "Mixed: White and Asian"), "mixed_other": QT_TRANSLATE_NOOP("equality", "Mixed: any other mixed background"),
    "asian_indian": QT_TRANSLATE_NOOP("equality", "Asian or Asian British: Indian"), "asian_pakistani": QT_TRANSLATE_NOOP("equality", "Asian or Asian British: Pakistani"),
    "asian_bangladeshi": QT_TRANSLATE_NOOP("equality", "Asian or Asian British: Bangladeshi"), "asian_chinese": QT_TRANSLATE_NOOP("equality", "Asian or Asian British: Chinese"),
    "asian_other": QT_TRANSLATE_NOOP("equality", "Asian or Asian British: any other Asian background"),
    "black_african": QT_TRANSLATE_NOOP("equality", "Black or Black British: African"), "black_caribbean": QT_TRANSLATE_NOOP("equality", "Black or Black British: Caribbean"),
    "black_other": QT_TRANSLATE_NOOP("equality", "Black or Black British: any other Black background"), "arab": QT_TRANSLATE_NOOP("equality", "Other: Arab"),
    "pregnant_and_caring": QT_TRANSLATE_NOOP("equality", "Pregnant and caring"), "caring": QT_TRANSLATE_NOOP("equality", "Caring responsibilities"),
    "no_fixed_abode": QT_TRANSLATE_NOOP("equality", "No fixed abode"), "temporary": QT_TRANSLATE_NOOP("equality", "Temporary or unsettled"),
    "gay_or_lesbian": QT_TRANSLATE_NOOP("equality", "Gay or lesbian"), "further_education": QT_TRANSLATE_NOOP("equality", "Further education (college)"),
    "higher_education": QT_TRANSLATE_NOOP("equality", "Higher education (university)"), "school": QT_TRANSLATE_NOOP("equality", "School qualifications"),
})


def answer_label(code: str) -> str:
    return ANSWER_LABELS.get(code, code.replace("_", " ").capitalize())


class EqualityTab(CaseTab):
    title = "Equality"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.case: CaseRecord | None = None
        self.questions: dict[str, QComboBox] = {}
        box = QGroupBox(self.tr("Equality monitoring (optional)"))
        form = QFormLayout(box)
        for field, question in QUESTIONS.items():
            combo = QComboBox()
            combo.setAccessibleName(question)
            combo.setMinimumHeight(44)
            combo.addItem(NOT_ASKED, None)
            for code in equality_options(field):
                combo.addItem(answer_label(code), code)
            self.questions[field] = combo
            form.addRow(question, combo)
        self.problem = label(role="error")
        self.problem.setVisible(False)
        self.save_button = button(self.tr("Save answers"), self.tr("Save the equality monitoring answers"), self.save)
        self.rest_button = button(self.tr("Prefers not to say to the rest"),
                                  self.tr("Record prefers not to say for every question not yet answered"),
                                  self.prefer_not_to_say_to_the_rest)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button, 1)
        buttons.addWidget(self.rest_button)
        form.addRow(self.problem)
        form.addRow(buttons)
        self.status = label(role="muted")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Equality monitoring")))
        layout.addWidget(cited(label(
            self.tr("Ask once the assessment is under way. Every question can be left, or answered "
            "\"prefers not to say\"; nothing here is needed to go on."), role="stem"),
            "Manual §2.4"))
        layout.addWidget(self.status)
        layout.addWidget(box)
        layout.addStretch(1)

    def show_case(self, case: CaseRecord) -> None:
        self.case = case
        for field, combo in self.questions.items():
            combo.setCurrentIndex(max(combo.findData(getattr(case.person.equality, field)), 0))
        left = len(equality.unanswered(case.person.equality))
        self.status.setText(self.tr("{0} of {QUESTIONS} questions answered.").format(len(QUESTIONS) - left, QUESTIONS=len(QUESTIONS)))
        self.status.setAccessibleName(self.status.text())
        allowed = pathway.check(pathway.Action.RECORD_EQUALITY, case, self.session.user,
                                datetime.now(LONDON).date())
        for widget in (self.save_button, self.rest_button):
            widget.setEnabled(allowed.allowed)
            widget.setToolTip(reasons_words(allowed.reasons, QCoreApplication.translate))
        self.rest_button.setEnabled(allowed.allowed and left > 0)

    def answers(self) -> dict[str, str | None]:
        return {field: combo.currentData() for field, combo in self.questions.items()}

    def prefer_not_to_say_to_the_rest(self) -> None:
        """The person would rather not answer any more: the questions still showing "not asked"
        (on screen, so answers chosen but not saved are kept) become "prefers not to say"."""
        for combo in self.questions.values():
            if combo.currentData() is None:
                combo.setCurrentIndex(combo.findData(PREFER_NOT_TO_SAY))
        self.save()

    def save(self) -> None:
        try:
            equality.record_equality(self.session, self.case.referral.id, self.answers(),
                                     today=datetime.now(LONDON).date())
        except (ActionRefused, StoreError) as problem:
            set_error(self.problem, getattr(problem, "message", str(problem)))
            return
        set_error(self.problem, "")
        self.notice.emit(self.tr("Equality monitoring answers saved."))
        self.case_changed.emit()

