"""What the monthly return keeps of each referral, whatever the month (`summary_of`), and how
one month sees it (`view_of`): the definition of `MonthView`, in two steps so that the store
can keep the first per referral and count a month by grouping (store.monitoring_summary).

A timestamp is kept as the London day it fell on: the month's bounds are London midnights, so
a moment is in the month exactly when its London day is. What a figure compares beyond "in
the month" is worked out here once: sentenced on the day of the assessment, the first start of
each requirement with a start standard, days to the first three/four-way meeting, the age at
assessment.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from functools import lru_cache
from operator import itemgetter

from cstr_desk.domain import (
    PROVIDER_REQUIREMENTS,
    AssessedProfile,
    MonitoringFacts,
    MonitoringSummary,
    MonthView,
)
from cstr_desk.store.monitoring_summary import DATES_IN_MONTH
from cstr_desk.ukdates import LONDON, london_date
from cstr_desk.workflow.start_standards import REQUIREMENTS_WITH_STANDARDS
from cstr_desk.workflow.treatment import sentenced_on_the_day

EQUALITY_FIELDS = {
    "gender": "Gender",
    "ethnicity": "Ethnicity",
    "pregnant_or_caring": "Pregnancy and caring responsibilities",
    "disability": "Disability",
    "armed_forces": "Armed forces history",
    "accommodation": "Accommodation status",
    "care_leaver": "Looked-after child / care leaver",
    "education": "Education",
    "health_and_care_plan": "Education, health and care plan",
    "religion": "Religion",
    "sexual_orientation": "Sexual orientation",
    "accommodation_changed": "Change of accommodation status",
}
_EQUALITY_ANSWERS = itemgetter(*EQUALITY_FIELDS)
_WITH_STANDARDS = set(REQUIREMENTS_WITH_STANDARDS)
_PROVIDERS = tuple(r.value for r in PROVIDER_REQUIREMENTS)
_IN_MONTH = frozenset(DATES_IN_MONTH)


class MonthWindow:
    """The month's bounds: as London dates for date facts, and as the UTC instants of London
    midnight for timestamps, so 50,000 rows are compared without converting each one."""

    def __init__(self, month: date, today: date) -> None:
        self.today = today  # when the return is made: a start standard may not be due yet
        self.first = month.replace(day=1)
        self.next = date(self.first.year + self.first.month // 12, self.first.month % 12 + 1, 1)
        self.start = datetime.combine(self.first, time(), LONDON).astimezone(UTC)
        self.end = datetime.combine(self.next, time(), LONDON).astimezone(UTC)
        self.first_text, self.next_text = self.first.isoformat(), self.next.isoformat()

    def has(self, day: date | None) -> bool:
        return day is not None and self.first <= day < self.next

    def has_moment(self, moment: datetime | None) -> bool:
        return moment is not None and self.start <= moment < self.end

    def has_text(self, day: str | None) -> bool:
        return day is not None and self.first_text <= day < self.next_text


# --- the referral, whatever the month -------------------------------------------------------


def summary_of(facts: MonitoringFacts) -> MonitoringSummary:
    """The definition of every `MonitoringSummary` field."""
    answers = {r: (accepted, at) for r, accepted, at in facts.provider_answers}
    missed = facts.missed_at
    adjourned = [on for on, _reason in facts.adjournments]
    meeting = _days_to_meeting(facts) if facts.meeting_on is not None else (None, None)
    return MonitoringSummary(
        facts.referral_id,
        _london(facts.referred_at) if facts.referred_at else facts.hearing_date.isoformat(),
        facts.referral_source, _london(facts.mh_screened_at), _london(facts.sm_screened_at),
        _london(facts.assessed_at), _bit(facts.gp_registered), ",".join(facts.assessed_for),
        ",".join(facts.consented), _london(facts.consent_at), _london(facts.withdrawn_at),
        facts.decision, _london(facts.decided_at),
        _bit(answers.get("drr", (None,))[0]), _london(answers.get("drr", (None, None))[1]),
        _bit(answers.get("atr", (None,))[0]), _london(answers.get("atr", (None, None))[1]),
        _london(facts.psr_at), _iso(facts.sentenced_on), facts.sentence,
        ",".join(facts.sentence_requirements),
        int(sentenced_on_the_day(facts.assessed_at, facts.sentenced_at, facts.sentenced_on)),
        int(facts.sentencer_answered), int(facts.custody_without_cstr),
        _bit(facts.first_episode_psychosis), _iso(facts.first_attended_on),
        ",".join(f"{r}:{on.isoformat()}" for r, on in _first_starts(facts.treatment_starts)),
        _london(facts.first_session_at), int(facts.first_session_attendance == "attended"),
        _london(missed[1]) if len(missed) >= 2 else None,
        _iso(facts.breach_to_court_on), facts.breach_outcome, facts.order_length_months,
        _iso(facts.treatment_ended_on), _bit(facts.treatment_completed), _iso(facts.meeting_on),
        *meeting, _iso(min(adjourned, default=None)), _iso(max(adjourned, default=None)),
        json.dumps([[on.isoformat(), reason] for on, reason in facts.adjournments]),
        json.dumps([list(change) for change in facts.outcome_changes]),
        _age(facts.date_of_birth, london_date(facts.assessed_at)) if facts.assessed_at else None,
        facts.offence_type, json.dumps(_EQUALITY_ANSWERS(facts.equality)),
        _iso(facts.registered_through_cstr_on))


def _london(moment: datetime | None) -> str | None:
    return None if moment is None else london_date(moment).isoformat()


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _bit(flag: bool | None) -> int | None:
    return None if flag is None else int(flag)


def _days_to_meeting(facts: MonitoringFacts) -> tuple[int, int | None]:
    """Whole days from the referral (its London date) and from the sentence to the meeting."""
    assert facts.meeting_on is not None
    referred = london_date(facts.referred_at) if facts.referred_at else facts.hearing_date
    sentenced = facts.sentenced_on
    return ((facts.meeting_on - referred).days,
            None if sentenced is None else (facts.meeting_on - sentenced).days)


def _first_starts(starts: Iterable[tuple[str, date]]) -> list[tuple[str, date]]:
    """The first start of each requirement with a start standard (all `checks_for` reads)."""
    first: dict[str, date] = {}
    for requirement, day in starts:
        if requirement in _WITH_STANDARDS:
            first[requirement] = min(day, first.get(requirement, day))
    return sorted(first.items())


def _age(date_of_birth: date, on: date) -> int:
    return on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))


# --- as one month sees it -------------------------------------------------------------------


def in_month(summary: MonitoringSummary, window: MonthWindow) -> MonitoringSummary:
    """Each of `DATES_IN_MONTH` replaced by whether it falls in the month (1/0), as the
    store's grouped query does."""
    return MonitoringSummary(*(int(window.has_text(value)) if field in _IN_MONTH else value
                               for field, value in zip(MonitoringSummary._fields, summary)))


def view_of(row: MonitoringSummary, window: MonthWindow) -> MonthView:
    """The month's view of a summary whose `DATES_IN_MONTH` are already in-month flags (the
    definition of every `MonthView` field): many referrals look the same to a month, and each
    look is counted once, however many share it."""
    sentenced_on, ended_on = _day(row.sentenced_on), _day(row.treatment_ended_on)
    sentenced_in, ended_in = window.has(sentenced_on), window.has(ended_on)
    requirements = _codes(row.sentence_requirements)
    return MonthView(
        bool(row.referred_on), row.referral_source, bool(row.mh_screened_on),
        bool(row.sm_screened_on), bool(row.assessed_on), _flag(row.gp_registered),
        _codes(row.assessed_for), _codes(row.consented), bool(row.consent_on),
        bool(row.withdrawn_on), row.decision if row.decided_on else None,
        tuple((r, bool(accepted), bool(in_month))
              for r, accepted, in_month in ((r, getattr(row, f"{r}_accepted"),
                                             getattr(row, f"{r}_answered_on")) for r in _PROVIDERS)
              if accepted is not None),
        bool(row.psr_on), sentenced_on, row.sentence, requirements,
        sentenced_in and bool(row.on_the_day), bool(row.sentencer_answered),
        bool(row.custody_without_cstr), _flag(row.first_episode_psychosis),
        _day(row.first_attended_on) if sentenced_in and "mhtr" in requirements else None,
        _starts(row.first_starts) if sentenced_in else (),
        bool(row.first_session_on) and bool(row.first_session_attended),
        bool(row.second_missed_on), _day(row.breach_to_court_on), row.breach_outcome,
        row.order_length_months, ended_on,
        _flag(row.treatment_completed) if ended_in else None,
        row.referral_to_meeting if row.meeting_on else None,
        row.sentence_to_meeting if row.meeting_on else None,
        _reasons_in(row.adjournments, window.first_text, window.next_text),
        _changes(row.outcome_changes) if ended_in else (),
        bool(row.registered_through_cstr_on))


def profile_of(age: int, offence_type: str, equality: str) -> AssessedProfile:
    """What the Equality sheet counts of someone assessed in the month."""
    return AssessedProfile(age, offence_type, _answers(equality))


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


@lru_cache(maxsize=4096)
def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


@lru_cache(maxsize=256)
def _codes(text: str) -> tuple[str, ...]:
    return tuple(text.split(",")) if text else ()


@lru_cache(maxsize=1024)
def _starts(text: str | None) -> tuple[tuple[str, date], ...]:
    return tuple((r, date.fromisoformat(on)) for r, on in
                 (start.split(":") for start in text.split(","))) if text else ()


@lru_cache(maxsize=4096)
def _reasons_in(adjournments: str, first: str, following: str) -> tuple[str, ...]:
    return tuple(sorted(reason for on, reason in json.loads(adjournments)
                        if first <= on < following))


@lru_cache(maxsize=4096)
def _changes(text: str) -> tuple[tuple[str, float, str], ...]:
    return tuple((instrument, change, kind) for instrument, change, kind in json.loads(text))


@lru_cache(maxsize=4096)
def _answers(text: str) -> tuple[str | None, ...]:
    return tuple(json.loads(text))
