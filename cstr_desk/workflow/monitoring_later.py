"""The monthly return's figures from assessment to the end of the order that Manual §2.4 asks
for beyond the pathway's own steps ("Sentence", "Post-Sentence", "Sentence completion";
process evaluation Annex D), each defined in `DEFINITIONS`, which the Notes sheet prints.

Counts follow the rest of the return: a case counts once per figure, on the All CSTRs sheet and
on each of its requirement sheets, in the Europe/London month the event happened. Two kinds of
line are not counts (`Line.is_statistic`): the medians and means, on the All CSTRs sheet only,
shown when the number of people they describe is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from statistics import fmean, median
from typing import Protocol

from cstr_desk.domain import BreachOutcome, MonthView
from cstr_desk.outcome_pairs import OUTCOME_INSTRUMENTS
from cstr_desk.workflow.duties import first_session_due
from cstr_desk.workflow.monitoring_lines import Group, Line

# Annex A/B "If no [CSTR], what was the sentence": the sentence kinds, in words.
NOT_CSTR_SENTENCES = {
    "custody": "Custody",
    "community_order": "Community order without a treatment requirement",
    "suspended_sentence_order": "Suspended sentence order without a treatment requirement",
    "fine": "Fine",
    "discharge": "Discharge",
    "other": "Other sentence",
}
# Manual §2.4 "Post-Sentence": "how many were subsequently re-sentenced to a CSTR and how many
# were sentenced to custody"; the court's outcome arrives after the return to court.
NOT_RECORDED_YET = "not_recorded"
BREACH_OUTCOMES = {
    BreachOutcome.RESENTENCED_TO_CSTR.value: "Re-sentenced to a CSTR",
    BreachOutcome.RESENTENCED_TO_OTHER_ORDER.value: "Re-sentenced to another order",
    BreachOutcome.CUSTODY.value: "Sentenced to custody",
    BreachOutcome.ORDER_CONTINUED.value: "Order continued",
    BreachOutcome.WITHDRAWN.value: "Breach withdrawn",
    NOT_RECORDED_YET: "The court's outcome not recorded yet",
}
# Outcomes that end the order the breach was about.
_ENDS_ORDER = {BreachOutcome.CUSTODY.value, BreachOutcome.RESENTENCED_TO_OTHER_ORDER.value}
CHANGE_LABELS = {
    "reliable_improvement": "Reliable improvement",
    "no_reliable_change": "No reliable change",
    "reliable_deterioration": "Reliable deterioration",
}
INSTRUMENT_NAMES = {"core34": "CORE-OM (CORE-34)", "phq9": "PHQ-9", "gad7": "GAD-7"}
_GP = {True: "yes", False: "no", None: "not_recorded"}

DEFINITIONS = (
    "Registered with a GP when assessed: the practitioner assessment's answer, for the people"
    " assessed in the month (Manual §2.4: 'whether an individual is registered with a GP').",
    "Registered with a GP as a result of CSTR: people the assessment found not registered whom"
    " a GP registration check (before sentence or before treatment) first found registered in"
    " the month (Manual §2.4 'Post-Sentence': 'Number of individuals registered with GP as a"
    " result of CSTR').",
    "Not sentenced to a CSTR, by sentence: the sentences of the month without a treatment"
    " requirement (process evaluation Annex A/B).",
    "Sentencer feedback forms returned: sentences of the month for which the sentencer's"
    " answers (the sentence without the CSTR, or comments) were recorded (Manual §2.4"
    " 'Sentence'; Annex B). 'Custody otherwise' counts CSTRs whose sentencer gave custody"
    " weeks as the sentence without the CSTR.",
    "MHTR first treatment session: MHTR orders of the month, by whether a session was attended"
    " within 6 weeks of sentence (2 weeks for a first episode of psychosis, Manual §4.5.1).",
    "Returned to court due to breach, by the court's outcome: the first return to court of the"
    " month, with the outcome recorded since (Manual §2.4 'Post-Sentence').",
    "Three/four-way meetings: the first meeting after sentence held in the month (Manual §2.4"
    " 'Timing of multi-disciplinary review meeting'); the medians are whole days from the"
    " referral (its London date) and from the sentence to the meeting.",
    "Treatment ended: the end of treatment recorded in the month, completed or ended before"
    " completion (Manual §2.4 'Numbers completing CSTR requirements').",
    "Active CSTRs at the end of the month: sentenced to a CSTR by the month's last day, with no"
    " end of treatment by then, the order's length not run out, and not ended by custody or"
    " another order after a return to court for breach (Manual §2.4 'Current number of active"
    " requirements').",
    "Before and after treatment (CORE-OM, PHQ-9, GAD-7, Manual §2.4 'Pre and post clinical"
    " outcomes'): for treatment ended in the month, the first completed questionnaire against"
    " the latest after treatment began, both scorable; reliable change as the scoring engine"
    " classifies it (Jacobson & Truax 1991, each instrument's published value); the mean"
    " change is after minus before (a fall is an improvement).",
)


class Window(Protocol):
    first: date
    next: date
    today: date

    def has(self, day: date | None) -> bool: ...

    def has_moment(self, moment: datetime | None) -> bool: ...


def events(view: MonthView, window: Window, cstr: bool) -> list[str]:
    """This module's events of one case in the month, as tally keys; `cstr`: its sentence
    (whenever it was given) has a treatment requirement in a community or suspended order."""
    found: list[str] = []
    if view.assessed:
        found.append("gp:" + _GP[view.gp_registered])
    if view.registered_through_cstr:
        found.append("gp_through_cstr")
    if window.has(view.sentenced_on):
        found += _sentence_events(view, window, cstr)
    if window.has(view.breach_to_court_on):
        found.append("breach_outcome:" + (view.breach_outcome or NOT_RECORDED_YET))
    if view.referral_to_meeting is not None:
        found.append("meeting")
    if window.has(view.treatment_ended_on):
        found += ("ended", "ended_completed" if view.treatment_completed else "ended_early")
        for instrument, _change, classification in view.outcome_changes:
            found += (f"outcome:{instrument}", f"outcome_{classification}:{instrument}")
    if cstr and _active_at_end(view, window.next - timedelta(days=1)):
        found.append("active")
    return found


def _sentence_events(view: MonthView, window: Window, cstr: bool) -> list[str]:
    found = []
    if not cstr:
        sentence = view.sentence if view.sentence in NOT_CSTR_SENTENCES else "other"
        found.append("not_cstr_to:" + str(sentence))
    if view.sentencer_answered:
        found.append("sentencer_form")
    if cstr and view.custody_without_cstr:
        found.append("custody_otherwise")
    if cstr and "mhtr" in view.sentence_requirements and view.sentenced_on is not None:
        due = first_session_due(view.sentenced_on, view.first_episode_psychosis)
        done = view.first_attended_on
        if done is not None:
            state = "met" if done <= due else "missed"
        else:
            state = "missed" if window.today > due else "not_due"
        found.append(f"first_session_{state}:mhtr")
    return found


def _active_at_end(view: MonthView, last: date) -> bool:
    on = view.sentenced_on
    if on is None or on > last:
        return False
    if view.treatment_ended_on is not None and view.treatment_ended_on <= last:
        return False
    breach_on = view.breach_to_court_on
    if view.breach_outcome in _ENDS_ORDER and breach_on is not None and breach_on <= last:
        return False
    length = view.order_length_months
    return not (length and _months_after(on, length) <= last)


def _months_after(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last_day in (day.day, 30, 29, 28):  # 31 January + 1 month is 28/29 February
        try:
            return date(year, month + 1, last_day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


def measures(view: MonthView, window: Window) -> list[tuple[str, float]]:
    """The values behind the medians and means (the All CSTRs sheet's)."""
    found: list[tuple[str, float]] = []
    if view.referral_to_meeting is not None:
        found.append(("referral_to_meeting", float(view.referral_to_meeting)))
        if view.sentence_to_meeting is not None:
            found.append(("sentence_to_meeting", float(view.sentence_to_meeting)))
    if window.has(view.treatment_ended_on):
        found += [(f"change:{instrument}", change)
                  for instrument, change, _classification in view.outcome_changes]
    return found


# --- the groups, in the order the sheets show them ------------------------------------------

LineMaker = Callable[[str, str], Line]


def gp_groups(line: LineMaker) -> list[Group]:
    return [Group("Registered with a GP when assessed",
                  tuple(line(f"gp:{code}", label) for code, label in
                        (("yes", "Yes"), ("no", "No"), ("not_recorded", "Not recorded"))),
                  line("assessed", "Assessed for a CSTR")),
            _single(line, "gp_through_cstr", "Registered with a GP as a result of CSTR")]


def sentence_groups(line: LineMaker, name: str, requirement: str,
                    tally: dict[str, int]) -> list[Group]:
    groups = [
        Group("Not sentenced to a CSTR, by sentence",
              tuple(line(f"not_cstr_to:{code}", label) for code, label in NOT_CSTR_SENTENCES.items()),
              line("not_cstr", "Not sentenced to a CSTR")),
        _single(line, "sentencer_form", "Sentencer feedback forms returned"),
        _single(line, "custody_otherwise",
                "Sentenced to a CSTR, custody otherwise (the sentencer's answer)"),
    ]
    if requirement in ("", "mhtr"):
        states = (("met", "Attended within the wait"), ("missed", "Not attended within the wait"),
                  ("not_due", "Not attended yet, not due yet"))
        lines = tuple(line(f"first_session_{state}:mhtr", label) for state, label in states)
        total = Line(f"{name}/first_session_orders:mhtr", "MHTR orders made in the month",
                     sum(tally.get(f"first_session_{state}:mhtr", 0) for state, _ in states))
        groups.append(Group("MHTR first treatment session (within 6 weeks of sentence, 2 weeks"
                            " for a first episode of psychosis)", lines, total))
    return groups


def after_sentence_groups(line: LineMaker, name: str, requirement: str,
                          stats: dict[str, list[float]] | None) -> list[Group]:
    """Breach outcomes, meetings, ended and active treatment, outcome measures; `stats` (the
    All CSTRs sheet's only) adds the medians and means."""
    groups = [
        Group("Returned to court due to breach, by the court's outcome",
              tuple(line(f"breach_outcome:{code}", label) for code, label in BREACH_OUTCOMES.items()),
              line("breach", "Returned to court due to breach")),
        _single(line, "meeting", "Three/four-way meetings held after sentence"),
    ]
    if stats is not None:
        groups += [_statistic(name, "referral_to_meeting", "Median days from referral to the meeting",
                              "meeting", median, stats),
                   _statistic(name, "sentence_to_meeting", "Median days from sentence to the meeting",
                              "meeting", median, stats)]
    groups += [
        Group("Treatment ended", (line("ended_completed", "Completed the requirement"),
                                  line("ended_early", "Ended before completion")),
              line("ended", "Treatment ended (total)")),
        _single(line, "active", "Active CSTRs at the end of the month"),
    ]
    for instrument in OUTCOME_INSTRUMENTS:
        title = f"{INSTRUMENT_NAMES[instrument]} before and after treatment (treatment ended)"
        groups.append(Group(title, tuple(line(f"outcome_{code}:{instrument}", label)
                                         for code, label in CHANGE_LABELS.items()),
                            line(f"outcome:{instrument}", "With a score before and after treatment")))
        if stats is not None:
            groups.append(_statistic(
                name, f"change:{instrument}",
                f"Mean change in the {INSTRUMENT_NAMES[instrument]} score (after minus before)",
                f"outcome:{instrument}", fmean, stats))
    return groups


def at_most_pairs() -> list[tuple[str, str]]:
    """(part, whole) figures of one sheet, by their definitions."""
    return [("sentencer_form", "sentenced"), ("custody_otherwise", "cstr"),
            *((f"outcome:{instrument}", "ended") for instrument in OUTCOME_INSTRUMENTS)]


def _single(line: LineMaker, key: str, label: str) -> Group:
    return Group(label, (line(key, label),))


def _statistic(name: str, key: str, label: str, basis: str,
               summary: Callable[[list[float]], float], stats: dict[str, list[float]]) -> Group:
    values = stats.get(key, [])
    value = round(summary(values), 1) if values else None
    return Group(label, (Line(f"{name}/{key}", label, 0, value, f"{name}/{basis}"),))
