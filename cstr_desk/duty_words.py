"""The duties after sentence in words (issue 15 item 1: codes in the core, words at the edge).

`workflow.duties` returns each duty as its kind, its person, its dates and what it is about (a
session, a breach); this module is the one place a duty is worded, for the duty lists on
screen (through Qt's translator, `tr`) and in English elsewhere.
"""

from __future__ import annotations

from datetime import date

from cstr_desk.translatable import QT_TRANSLATE_NOOP, Translate, english
from cstr_desk.ukdates import uk_date
from cstr_desk.workflow.duties import Duty, DutyKind

# The duties after sentence (cstr_desk/workflow/duties.py), as the duty lists name them.
DUTY_WORDS: dict[str, str] = {
    DutyKind.FIRST_SESSION: QT_TRANSLATE_NOOP("duties", "first treatment session"),
    DutyKind.BREACH_DECISION: QT_TRANSLATE_NOOP("duties", "breach decision (2 missed)"),
    DutyKind.MISSED_FOLLOW_UP: QT_TRANSLATE_NOOP("duties", "follow up the missed appointment"),
    DutyKind.CARE_COORDINATOR: QT_TRANSLATE_NOOP("duties", "tell the care coordinator at once (risk; missed appointment)"),
    DutyKind.LEAFLET: QT_TRANSLATE_NOOP("duties", "leaflet with the next appointment (at sentence)"),
    DutyKind.TREATMENT_PLAN: QT_TRANSLATE_NOOP("duties", "treatment plan to the offender manager (breach)"),
}
_DUTY_SESSION = QT_TRANSLATE_NOOP("duties", "{what}, session {number} on {on}")
_DUTY_BREACH = QT_TRANSLATE_NOOP("duties", "{what}, breach of {on}")
_DUTY_DONE = QT_TRANSLATE_NOOP("duties", "{what} on {done} (due {due})")
_DUTY_OVERDUE = QT_TRANSLATE_NOOP("duties", "{what} overdue since {due}")
_DUTY_DUE = QT_TRANSLATE_NOOP("duties", "{what} due by {due}")


def duty_words(duty: Duty, today: date, tr: Translate = english) -> str:
    """"first treatment session due by 20/03/2026": what, and when it is or was due."""
    what = tr("duties", DUTY_WORDS[duty.kind])
    if duty.about_on is not None:
        template = _DUTY_SESSION if duty.session_number is not None else _DUTY_BREACH
        what = tr("duties", template).format(what=what, number=duty.session_number,
                                              on=uk_date(duty.about_on))
    if duty.done_on is not None:
        return tr("duties", _DUTY_DONE).format(what=what, done=uk_date(duty.done_on),
                                               due=uk_date(duty.due_on))
    template = _DUTY_OVERDUE if duty.is_overdue(today) else _DUTY_DUE
    return tr("duties", template).format(what=what, due=uk_date(duty.due_on))


def case_duty_words(duty: Duty, today: date, tr: Translate = english) -> str:
    """The duty named with its case's person, for a list over many cases."""
    return f"{duty.full_name}: {duty_words(duty, today, tr)}"
