"""An independent recount of the monthly return, one case at a time: the per-row counting the
return used before the store grouped referrals in SQL (cstr_desk/workflow/monitoring.py at
issue 12's speed work), kept here as the reference the fast path is checked against. It reads
`MonitoringFacts` straight, without `MonthView`s, and lays its counts out with the product's
own sheets (layout is not counting)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from cstr_desk.domain import CaseRecord, MonitoringFacts
from cstr_desk.ukdates import LONDON, london_date
from cstr_desk.workflow import monitoring as m
from cstr_desk.workflow.duties import first_session_due
from cstr_desk.workflow.monitoring_later import (
    _ENDS_ORDER,
    _GP,
    NOT_CSTR_SENTENCES,
    NOT_RECORDED_YET,
)
from cstr_desk.workflow.monitoring_lines import MonitoringReturn
from cstr_desk.workflow.start_standards import checks_for
from cstr_desk.workflow.treatment import sentenced_on_the_day

OVERALL, REQUIREMENT_SHEETS = m.OVERALL, m.REQUIREMENT_SHEETS


def recount(cases: Iterable[MonitoringFacts | CaseRecord], month: date,
            today: date | None = None) -> MonitoringReturn:
    window = m._Month(month, today or datetime.now(LONDON).date())
    gathered: dict[str, list[str]] = {name: [] for name in (OVERALL, *REQUIREMENT_SHEETS)}
    assessed: list[MonitoringFacts] = []
    stats: dict[str, list[float]] = defaultdict(list)
    for item in cases:
        facts = m.facts_from_case(item) if isinstance(item, CaseRecord) else item
        events = _events(facts, window)
        approvals = _approval_events(facts, window)
        if not events and not approvals:
            continue
        gathered[OVERALL] += events
        gathered[OVERALL] += approvals.get(OVERALL, ())
        for requirement in _requirements(facts):
            gathered[requirement] += events
            gathered[requirement] += approvals.get(requirement, ())
        if "assessed" in events:
            assessed.append(facts)
        for key, value in _measures(facts, window):
            stats[key].append(value)
    tallies = {name: Counter(events) for name, events in gathered.items()}
    sheets = [m._sheet(OVERALL, "", tallies[OVERALL], stats)]
    sheets += [m._sheet(r.upper(), r, tallies[r], None) for r in REQUIREMENT_SHEETS]
    sheets.append(m._equality_sheet(_equality_cells(assessed), tallies[OVERALL]["assessed"]))
    return MonitoringReturn(month=window.first, sheets=tuple(sheets))


def _requirements(facts: MonitoringFacts) -> set[str]:
    found = set(facts.assessed_for)
    found.update(facts.consented)
    found.update(r for r, _accepted, _at in facts.provider_answers)
    found.update(r for r in facts.sentence_requirements if r in REQUIREMENT_SHEETS)
    return found


def _events(facts: MonitoringFacts, window: m._Month) -> list[str]:
    events: list[str] = []
    referred_at = facts.referred_at
    if window.has_moment(referred_at) if referred_at else window.has(facts.hearing_date):
        events += ("referred", "source:" + facts.referral_source)
    for key, moment in (("screened_mh", facts.mh_screened_at), ("screened_sm", facts.sm_screened_at),
                        ("assessed", facts.assessed_at), ("withdrew", facts.withdrawn_at)):
        if window.has_moment(moment):
            events.append(key)
    if window.has_moment(facts.consent_at):
        events.append("consented" if facts.consented else "did_not_consent")
    if window.has_moment(facts.psr_at):
        events.append("psr")
    if window.has(facts.sentenced_on):
        events += _sentence_events(facts)
        events += _start_events(facts, window.today)
    cstr = (facts.sentenced_on is not None
            and m._combination_key(facts.sentence, facts.sentence_requirements) is not None)
    events += _later_events(facts, window, cstr)
    if window.has_moment(facts.first_session_at) and facts.first_session_attendance == "attended":
        events.append("first_attended")
    if len(facts.missed_at) >= 2 and window.has_moment(facts.missed_at[1]):
        events.append("missed_two")
    if window.has(facts.breach_to_court_on):
        events.append("breach")
    for adjourned_on, reason in facts.adjournments:
        if window.has(adjourned_on):
            events += ("adjourned", "adjourned:" + (reason if reason in m.ADJOURNMENT_REASONS else "other"))
    return events


def _approval_events(facts: MonitoringFacts, window: m._Month) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    if window.has_moment(facts.decided_at):
        key = "cl_agreed" if facts.decision == "treat" else "cl_not_accepted"
        found[OVERALL] = [key]
        found["mhtr"] = [key]
    answers = [(r, accepted) for r, accepted, at in facts.provider_answers if window.has_moment(at)]
    for requirement, accepted in answers:
        found[requirement] = ["provider_accepted" if accepted else "provider_not_accepted"]
    overall = {"provider_accepted" if accepted else "provider_not_accepted" for _r, accepted in answers}
    if overall:
        found.setdefault(OVERALL, []).extend(sorted(overall))
    return found


def _sentence_events(facts: MonitoringFacts) -> list[str]:
    combination = m._combination_key(facts.sentence, facts.sentence_requirements)
    if combination is None:
        return ["sentenced", "not_cstr"]
    events = ["sentenced", "cstr", "order:" + str(facts.sentence), combination]
    if sentenced_on_the_day(facts.assessed_at, facts.sentenced_at, facts.sentenced_on):
        events.append("on_the_day")
    return events


def _start_events(facts: MonitoringFacts, today: date) -> list[str]:
    if facts.sentenced_on is None:
        return []
    return [f"start_{m._START_KEYS[check.state]}:{check.requirement.value}"
            for check in checks_for(facts.sentenced_on, facts.sentence_requirements,
                                    facts.treatment_starts, today)]


def _later_events(facts: MonitoringFacts, window: m._Month, cstr: bool) -> list[str]:
    found: list[str] = []
    if window.has_moment(facts.assessed_at):
        found.append("gp:" + _GP[facts.gp_registered])
    if window.has(facts.registered_through_cstr_on):
        found.append("gp_through_cstr")
    if window.has(facts.sentenced_on):
        if not cstr:
            sentence = facts.sentence if facts.sentence in NOT_CSTR_SENTENCES else "other"
            found.append("not_cstr_to:" + str(sentence))
        if facts.sentencer_answered:
            found.append("sentencer_form")
        if cstr and facts.custody_without_cstr:
            found.append("custody_otherwise")
        if cstr and "mhtr" in facts.sentence_requirements and facts.sentenced_on is not None:
            due = first_session_due(facts.sentenced_on, facts.first_episode_psychosis)
            done = facts.first_attended_on
            if done is not None:
                state = "met" if done <= due else "missed"
            else:
                state = "missed" if window.today > due else "not_due"
            found.append(f"first_session_{state}:mhtr")
    if window.has(facts.breach_to_court_on):
        found.append("breach_outcome:" + (facts.breach_outcome or NOT_RECORDED_YET))
    if window.has(facts.meeting_on):
        found.append("meeting")
    if window.has(facts.treatment_ended_on):
        found += ("ended", "ended_completed" if facts.treatment_completed else "ended_early")
        for instrument, _change, classification in facts.outcome_changes:
            found += (f"outcome:{instrument}", f"outcome_{classification}:{instrument}")
    if cstr and _active_at_end(facts, window.next - timedelta(days=1)):
        found.append("active")
    return found


def _active_at_end(facts: MonitoringFacts, last: date) -> bool:
    on = facts.sentenced_on
    if on is None or on > last:
        return False
    if facts.treatment_ended_on is not None and facts.treatment_ended_on <= last:
        return False
    if (facts.breach_outcome in _ENDS_ORDER and facts.breach_to_court_on is not None
            and facts.breach_to_court_on <= last):
        return False
    length = facts.order_length_months
    if not length:
        return True
    index = on.year * 12 + on.month - 1 + length
    year, month = divmod(index, 12)
    for last_day in (on.day, 30, 29, 28):  # 31 January + 1 month is 28/29 February
        try:
            return date(year, month + 1, last_day) > last
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


def _measures(facts: MonitoringFacts, window: m._Month) -> list[tuple[str, float]]:
    found: list[tuple[str, float]] = []
    if window.has(facts.meeting_on) and facts.meeting_on is not None:
        referred = london_date(facts.referred_at) if facts.referred_at else facts.hearing_date
        found.append(("referral_to_meeting", float((facts.meeting_on - referred).days)))
        if facts.sentenced_on is not None:
            found.append(("sentence_to_meeting", float((facts.meeting_on - facts.sentenced_on).days)))
    if window.has(facts.treatment_ended_on):
        found += [(f"change:{instrument}", change)
                  for instrument, change, _classification in facts.outcome_changes]
    return found


def _equality_cells(assessed: list[MonitoringFacts]) -> Counter[tuple[str, str]]:
    cells: Counter[tuple[str, str]] = Counter()
    for facts in assessed:
        on = london_date(facts.assessed_at)
        born = facts.date_of_birth
        age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
        band = "Under 18"
        for lowest, label in m.AGE_BANDS:
            if age >= lowest:
                band = label
        cells["age", band] += 1
        cells["offence_type", facts.offence_type] += 1
        for field in m.EQUALITY_FIELDS:
            cells[field, facts.equality[field] or m.NOT_RECORDED] += 1
    return cells


def differences(fast: MonitoringReturn, slow: MonitoringReturn) -> list[tuple[str, object, object]]:
    """The figures that differ (key, fast, recount): empty when the two returns agree."""
    def figures(r: MonitoringReturn) -> dict[str, tuple[int, float | None]]:
        return {line.key + "@" + sheet.name + "/" + group.title: (line.count, line.value)
                for sheet in r.sheets for group in sheet.groups
                for line in (*group.lines, *((group.total,) if group.total else ()))}
    a, b = figures(fast), figures(slow)
    return [(key, a.get(key), b.get(key)) for key in sorted(a.keys() | b.keys()) if a.get(key) != b.get(key)]
