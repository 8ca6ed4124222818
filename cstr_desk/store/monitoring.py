"""The rows the monthly monitoring return counts, read in bulk (Manual §2.4; Annex D).

`cstr_desk.workflow.monitoring.facts_from_case` is the reference definition of every field;
this builds the same `MonitoringFacts` with a handful of queries instead of loading case
records one by one, and only for the referrals with an event near the month.

SQL picks the referrals: every event date has an index (migration 5: plain columns, and
json_extract expressions over the JSON documents), so a month's referrals are found without
reading every record, and the fields are read from those indexes rather than by parsing each
document. The SQL choice is a superset (any consent, session or report dated in the window,
not only the one the return counts); the exact test, `_dated_within`, runs on the facts built.
The few records that carry amendments are read through the normal path so corrected values
count, and their referrals are always candidates (an amendment may move a date).
"""

from __future__ import annotations

import gc
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from functools import lru_cache

from cstr_desk.domain import (
    PROVIDER_REQUIREMENTS,
    AuditAction,
    EqualityMonitoring,
    MonitoringFacts,
    SentenceRequirement,
)
from cstr_desk.outcome_pairs import outcome_changes
from cstr_desk.permissions import Action
from cstr_desk.store import records
from cstr_desk.store.session_base import SessionBase
from cstr_desk.ukdates import london_date

# The same instrument groups as workflow.monitoring (screens counted in monitoring, Manual §4.1).
MH_SCREENS = ("k10", "core10")
SM_SCREENS = ("auditc", "audit")
REQUIREMENTS = ("mhtr", "drr", "atr")
_EQUALITY = tuple(EqualityMonitoring.model_fields)
_DONE = "('complete', 'finalised')"

# Per document kind, the fields read; each `json_extract(body, '$.<field>')` must be written
# exactly as in migration 5's indexes for SQLite to read it from the index.
_FIELDS = {
    "assessment": ("completed", "completed_at", "gp_registered", "first_episode_psychosis"),
    "consent": ("consented_at", "requirements_assessed_for", "requirements_consented",
                "withdrawn_at"),
    "decision": ("discussed_at", "outcome"),
    "provider_acceptance": ("decided_at", "accepted", "requirements"),
    "psr_proposal": ("recorded_at", "proposes_cstr"),
    "sentence": ("sentenced_on", "sentenced_at", "sentence", "requirements", "length_months",
                 "without_cstr_sentence", "without_cstr_custody_weeks", "sentencer_comments"),
    "session": ("number", "scheduled_at", "attendance"),
    "breach": ("decided_on", "returned_to_court", "outcome"),
    "adjournment": ("adjourned_on", "reason"),
    "treatment_start": ("requirement", "started_on"),
    "completion": ("ended_on", "completed"),
    "meeting": ("kind", "held_on"),
    "gp_check": ("checked_on", "registered"),
}
# Per document kind, the dated fields that can put a referral in a month.
_DATED = {
    "assessment": ("completed_at",), "consent": ("consented_at", "withdrawn_at"),
    "decision": ("discussed_at",), "provider_acceptance": ("decided_at",),
    "psr_proposal": ("recorded_at",),
    "sentence": ("sentenced_on", "sentenced_at"), "session": ("scheduled_at",),
    "breach": ("decided_on",), "adjournment": ("adjourned_on",),
    "completion": ("ended_on",), "meeting": ("held_on",), "gp_check": ("checked_on",),
}
# Consent's withdrawal has a column of its own (records._OWN_COLUMNS).
_OWN_COLUMNS = {("consent", "withdrawn_at")}


def _column(kind: str, field: str) -> str:
    return field if (kind, field) in _OWN_COLUMNS else f"json_extract(body, '$.{field}')"


def _candidates_sql() -> str:
    """Referrals with any dated record in [:low, :high). An ISO date or time compared as text
    with an ISO date compares its own calendar day, which is what `_dated_within` tests."""
    window = "{0} >= :low AND {0} < :high"
    parts = [f"SELECT id FROM referrals WHERE {window.format('created_at')}",
             f"SELECT id FROM referrals WHERE {window.format('hearing_date')}",
             f"SELECT referral_id FROM administrations WHERE {window.format('completed_at')} "
             f"AND instrument_id IN {_quoted(MH_SCREENS + SM_SCREENS)} AND status IN {_DONE}"]
    for kind, fields in _DATED.items():
        table, _ = records.DOCUMENTS[kind]
        parts += [f"SELECT referral_id FROM {table} WHERE {window.format(_column(kind, f))}"
                  for f in fields]
        parts.append(f"SELECT referral_id FROM {table} WHERE id IN "
                     f"(SELECT record_id FROM amendments WHERE record_type = '{kind}')")
    # Orders given before the window and not ended before it may be active at its end
    # (workflow.monitoring_later decides); the exact test is `_dated_within`.
    parts.append("SELECT referral_id FROM sentences WHERE json_extract(body, '$.sentenced_on') < :low"
                 " AND referral_id NOT IN (SELECT referral_id FROM completions"
                 " WHERE json_extract(body, '$.ended_on') < :low)")
    return "\nUNION ALL ".join(parts)


def _quoted(words: Iterable[str]) -> str:
    return "(" + ", ".join(f"'{w}'" for w in words) + ")"


@lru_cache(maxsize=256)
def _in_order(json_list: str | None, vocabulary: tuple[str, ...] = REQUIREMENTS) -> tuple[str, ...]:
    # Few distinct lists occur ('["mhtr"]', '["mhtr", "rar"]'...), so each is parsed once.
    given = set(json.loads(json_list or "[]"))
    return tuple(r for r in vocabulary if r in given)


_SENTENCE_REQUIREMENTS = tuple(r.value for r in SentenceRequirement)
_PROVIDER_REQUIREMENTS = tuple(r.value for r in PROVIDER_REQUIREMENTS)


class MonitoringMixin(SessionBase):
    def monitoring_rows(self, month_start: date, month_end: date) -> list[MonitoringFacts]:
        """One row per referral with any dated fact in [month_start - 1 day, month_end + 1
        day) (month_end exclusive; the workflow settles London dates)."""
        self._require(Action.MONITORING)
        low, high = month_start - timedelta(days=1), month_end + timedelta(days=1)
        with self._db.transaction():
            self._fill_window(low.isoformat(), high.isoformat())
            facts = self._window_facts()
            self._audit(AuditAction.VIEW, detail="monitoring rows")
        return [fact for fact in facts if _dated_within(fact, low, high)]

    def _facts_of_referrals(self, referral_ids: list[int]) -> list[MonitoringFacts]:
        """The facts of these referrals, whatever their dates (the summary's source)."""
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS monitoring_window "
                         "(referral_id INTEGER PRIMARY KEY)")
        self._db.execute("DELETE FROM temp.monitoring_window")
        self._db.executemany("INSERT INTO temp.monitoring_window VALUES (?)",
                             [(r,) for r in referral_ids])
        return self._window_facts()

    def _window_facts(self) -> list[MonitoringFacts]:
        """The facts of the referrals in temp.monitoring_window, which is emptied after."""
        with _collector_paused():
            try:
                people = self._db.rows(_PEOPLE_SQL)
                screens = {r: (_time(mh) if mh else None, _time(sm) if sm else None)
                           for r, mh, sm in self._db.rows(_SCREENS_SQL)}
                chosen = {kind: choose(self._documents(kind)) for kind, choose in _CHOOSE.items()}
                changes = self._outcome_changes(chosen["completion"])
            finally:
                self._db.execute("DELETE FROM temp.monitoring_window")
            return list(_facts(people, chosen, screens, changes))

    def _outcome_changes(self, completions: dict[int, tuple[date, bool]]) -> dict[int, tuple]:
        """The outcome measures of the referrals whose treatment ended, from their whole
        records (a few a month; the same pairing as the completion summary's)."""
        return {r: outcome_changes(self._case_record(self._load_referral(r))) for r in completions}

    def _fill_window(self, low: str, high: str) -> None:
        # temp_store=MEMORY (store.connection): the ids never reach a file.
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS monitoring_window "
                         "(referral_id INTEGER PRIMARY KEY)")
        self._db.execute("DELETE FROM temp.monitoring_window")
        self._db.execute("INSERT OR IGNORE INTO temp.monitoring_window " + _CANDIDATES,
                         {"low": low, "high": high})

    def _documents(self, kind: str) -> list[tuple]:
        """(id, referral id, the listed fields) of each record of `kind` of the referrals in
        the window, each referral's in id order, with amendments applied to those with any."""
        table, _ = records.DOCUMENTS[kind]
        fields = _FIELDS[kind]
        amended = {r for (r,) in self._db.rows(
            "SELECT DISTINCT record_id FROM amendments WHERE record_type = ?", (kind,))}
        # Named, because SQLite would otherwise take a one-column referral_id index and parse
        # each document; this one holds the fields, in (referral, id) order.
        found = self._db.rows(
            f"SELECT id, referral_id, {', '.join(_column(kind, f) for f in fields)} "
            f"FROM {table} INDEXED BY {table}_monitoring "
            "WHERE referral_id IN temp.monitoring_window ORDER BY referral_id, id")
        if not amended:
            return found
        return [(*row[:2], *self._amended(kind, row[0])) if row[0] in amended else row
                for row in found]

    def _amended(self, kind: str, record_id: int) -> list:
        data = records.load_document(self._db, kind, record_id).model_dump(mode="json")
        return [json.dumps(data[f]) if isinstance(data[f], list) else data[f] for f in _FIELDS[kind]]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while the rows are built: 50,000 referrals make
    about a million rows, tuples and dicts, none in a cycle, and the collector would walk them
    again and again as they are made (a tenth of the return's second)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_CANDIDATES = _candidates_sql()
_PEOPLE_SQL = (
    "SELECT r.id, r.created_at, r.hearing_date, r.referral_source, r.offence_type, "
    "p.date_of_birth, " + ", ".join(f"p.eq_{f}" for f in _EQUALITY) +
    # CROSS JOIN keeps SQLite to this order: the window's ids first, then only their rows.
    " FROM temp.monitoring_window w CROSS JOIN referrals r ON r.id = w.referral_id"
    " CROSS JOIN people p ON p.id = r.person_id ORDER BY w.referral_id")
# Stored administration times are UTC ISO text in one format (records.iso_time), so the
# earliest text is the earliest time. The unary + keeps SQLite from seeking once per status
# and instrument: it reads each referral's administrations from the index once instead.
_SCREENS_SQL = (
    f"SELECT referral_id, min(CASE WHEN instrument_id IN {_quoted(MH_SCREENS)} "
    "THEN completed_at END), "
    f"min(CASE WHEN instrument_id IN {_quoted(SM_SCREENS)} THEN completed_at END) "
    f"FROM administrations WHERE referral_id IN temp.monitoring_window AND +status IN {_DONE} "
    f"AND completed_at IS NOT NULL AND +instrument_id IN {_quoted(MH_SCREENS + SM_SCREENS)} "
    "GROUP BY referral_id")


# --- choosing, per referral, the record each fact comes from (as CaseRecord does) ---------
# Each returns, per referral id, its facts in MonitoringFacts' own field order.

_time, _day = datetime.fromisoformat, date.fromisoformat


def _last_assessment(rows: list[tuple]) -> dict[int, tuple]:
    """(assessed_at, gp_registered, first_episode_psychosis) of the last recorded."""
    return {r: (_time(at) if completed and at else None, _flag(gp), _flag(psychosis))
            for _id, r, completed, at, gp, psychosis in rows}


def _flag(value: object) -> bool | None:
    # json_extract gives 1/0 for true/false; an amended value arrives as a bool.
    return None if value is None else bool(value)


def _latest_consent(rows: list[tuple]) -> dict[int, tuple]:
    """(assessed_for, consent_at, consented, withdrawn_at) of the latest consent by time; on a
    tie the first recorded, as max() does in CaseRecord."""
    chosen: dict[int, tuple] = {}
    for _id, referral_id, at, assessed_for, consented, withdrawn in rows:
        moment = _time(at)
        current = chosen.get(referral_id)
        if current is None or moment > current[1]:
            chosen[referral_id] = (_in_order(assessed_for), moment, _in_order(consented),
                                   _time(withdrawn) if withdrawn else None)
    return chosen


def _last_decision(rows: list[tuple]) -> dict[int, tuple]:
    """(decided_at, decision) of the last recorded."""
    return {r: (_time(at), outcome) for _id, r, at, outcome in rows}


def _psr_proposing_cstr(rows: list[tuple]) -> dict[int, datetime]:
    """When the last recorded proposal was recorded, if it proposes a CSTR."""
    last = {r: (at, proposes) for _id, r, at, proposes in rows}
    return {r: _time(at) for r, (at, proposes) in last.items() if proposes}


def _provider_answers(rows: list[tuple]) -> dict[int, tuple]:
    """Per DRR/ATR, the latest answer by (decided_at, id), as CaseRecord.provider_answer."""
    latest: dict[int, dict[str, tuple]] = defaultdict(dict)
    for record_id, referral_id, at, accepted, requirements in rows:
        moment = _time(at)
        for requirement in _in_order(requirements, _PROVIDER_REQUIREMENTS):
            current = latest[referral_id].get(requirement)
            if current is None or (moment, record_id) > current[:2]:
                latest[referral_id][requirement] = (moment, record_id, bool(accepted))
    return {r: tuple((q, found[q][2], found[q][0]) for q in _PROVIDER_REQUIREMENTS if q in found)
            for r, found in latest.items()}


def _last_sentence(rows: list[tuple]) -> dict[int, tuple]:
    """((sentenced_on, sentenced_at, sentence, sentence_requirements), (order_length_months,
    sentencer_answered, custody_without_cstr)) of the last recorded."""
    return {r: ((_day(on), _time(at) if at else None, sentence,
                 _in_order(requirements, _SENTENCE_REQUIREMENTS)),
                (length, bool(without or weeks is not None or (comments or "").strip()),
                 bool(weeks)))
            for _id, r, on, at, sentence, requirements, length, without, weeks, comments in rows}


def _sessions(rows: list[tuple]) -> dict[int, tuple]:
    """((first_session_at, first_session_attendance, missed_at), first_attended_on): the
    first session by number (the first recorded among equal numbers), the missed ones' times
    in order, and the London day of the earliest attended."""
    first: dict[int, tuple] = {}
    missed: dict[int, list[datetime]] = defaultdict(list)
    attended: dict[int, datetime] = {}
    for _id, referral_id, number, at, attendance in rows:
        current = first.get(referral_id)
        if current is None or number < current[0]:
            first[referral_id] = (number, at, attendance)
        if attendance == "missed":
            missed[referral_id].append(_time(at))
        elif attendance == "attended":
            moment = _time(at)
            attended[referral_id] = min(moment, attended.get(referral_id, moment))
    return {r: ((_time(at), attendance, tuple(sorted(missed.get(r, ())))),
                london_date(attended[r]) if r in attended else None)
            for r, (_number, at, attendance) in first.items()}


def _first_breach_to_court(rows: list[tuple]) -> dict[int, tuple[date, str | None]]:
    """(decided_on, outcome) of the earliest return to court (the first recorded on a tie)."""
    chosen: dict[int, tuple[date, str | None]] = {}
    for _id, referral_id, on, to_court, outcome in rows:
        if to_court:
            day = _day(on)
            current = chosen.get(referral_id)
            if current is None or day < current[0]:
                chosen[referral_id] = (day, outcome)
    return chosen


def _last_completion(rows: list[tuple]) -> dict[int, tuple[date, bool]]:
    return {r: (_day(on), bool(completed)) for _id, r, on, completed in rows}


def _first_meeting(rows: list[tuple]) -> dict[int, date]:
    """The earliest three/four-way meeting (not the later joint reviews)."""
    chosen: dict[int, date] = {}
    for _id, referral_id, kind, on in rows:
        if kind == "three_way":
            day = _day(on)
            chosen[referral_id] = min(day, chosen.get(referral_id, day))
    return chosen


def _adjournments(rows: list[tuple]) -> dict[int, tuple]:
    found: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for _id, referral_id, on, reason in rows:
        found[referral_id].append((_day(on), reason))
    return {r: tuple(sorted(days)) for r, days in found.items()}


def _treatment_starts(rows: list[tuple]) -> dict[int, tuple]:
    found: dict[int, list[tuple[str, date]]] = defaultdict(list)
    for _id, referral_id, requirement, on in rows:
        found[referral_id].append((requirement, _day(on)))
    return {r: tuple(sorted(starts)) for r, starts in found.items()}


def _first_registered(rows: list[tuple]) -> dict[int, date]:
    """The earliest check that found the person registered with a GP."""
    chosen: dict[int, date] = {}
    for _id, referral_id, on, registered in rows:
        if registered:
            day = _day(on)
            chosen[referral_id] = min(day, chosen.get(referral_id, day))
    return chosen


_CHOOSE = {
    "assessment": _last_assessment, "consent": _latest_consent, "decision": _last_decision,
    "provider_acceptance": _provider_answers, "psr_proposal": _psr_proposing_cstr,
    "sentence": _last_sentence, "session": _sessions,
    "breach": _first_breach_to_court, "adjournment": _adjournments,
    "treatment_start": _treatment_starts, "completion": _last_completion,
    "meeting": _first_meeting, "gp_check": _first_registered,
}
_NO_CONSENT = ((), None, (), None)
_NO_DECISION = (None, None)
_NO_ASSESSMENT = (None, None, None)
_NO_SENTENCE = ((None, None, None, ()), (None, False, False))
_NO_SESSION = ((None, None, ()), None)
_NO_BREACH = (None, None)
_NO_COMPLETION = (None, None)
_NO_SCREENS = (None, None)


def _facts(people: list[tuple], chosen: dict[str, dict], screens: dict,
           changes: dict[int, tuple]) -> Iterator[MonitoringFacts]:
    # Positional, in MonitoringFacts' field order: 50,000 keyword calls cost a tenth of the
    # return's second. tests/core/test_monitoring_store.py compares every field with
    # workflow.monitoring.facts_from_case.
    (assessed, consents, decisions, psrs, sentences, sessions, breaches, adjournments, starts,
     providers, completions, meetings, registered) = (chosen[kind].get for kind in (
         "assessment", "consent", "decision", "psr_proposal", "sentence", "session", "breach",
         "adjournment", "treatment_start", "provider_acceptance", "completion", "meeting",
         "gp_check"))
    screened = screens.get
    for row in people:
        referral_id, created, hearing, source, offence, born = row[:6]
        assessed_at, gp, psychosis = assessed(referral_id, _NO_ASSESSMENT)
        sentence, sentencer = sentences(referral_id, _NO_SENTENCE)
        session, first_attended = sessions(referral_id, _NO_SESSION)
        breach_on, breach_outcome = breaches(referral_id, _NO_BREACH)
        yield MonitoringFacts(
            referral_id, _time(created), _day(hearing), source, offence, _day(born),
            dict(zip(_EQUALITY, row[6:])), *screened(referral_id, _NO_SCREENS),
            assessed_at, *consents(referral_id, _NO_CONSENT),
            *decisions(referral_id, _NO_DECISION), psrs(referral_id), *sentence, *session,
            breach_on, adjournments(referral_id, ()), starts(referral_id, ()),
            providers(referral_id, ()), gp, psychosis, first_attended, *sentencer,
            breach_outcome, *completions(referral_id, _NO_COMPLETION), meetings(referral_id),
            changes.get(referral_id, ()), registered(referral_id) if gp is False else None)


def _dated_within(fact: MonitoringFacts, low: date, high: date) -> bool:
    """Whether any of the referral's dated facts falls in [low, high); the commonest first."""
    if low <= fact.referred_at.date() < high:
        return True
    for moment in (fact.mh_screened_at, fact.sm_screened_at, fact.assessed_at,
                   fact.consent_at, fact.withdrawn_at, fact.decided_at, fact.psr_at,
                   fact.sentenced_at, fact.first_session_at, *fact.missed_at,
                   *(at for _r, _accepted, at in fact.provider_answers)):
        if moment is not None and low <= moment.date() < high:
            return True
    for day in (fact.hearing_date, fact.sentenced_on, fact.breach_to_court_on,
                fact.treatment_ended_on, fact.meeting_on, fact.registered_through_cstr_on,
                *(on for on, _ in fact.adjournments)):
        if day is not None and low <= day < high:
            return True
    return may_be_active(fact, low)


def may_be_active(fact: MonitoringFacts, low: date) -> bool:
    """Sentenced before `low` and not ended before it: the order may still be active at the
    month's end, which the workflow settles (monitoring_later)."""
    ended = fact.treatment_ended_on
    return (fact.sentenced_on is not None and fact.sentenced_on < low
            and (ended is None or ended >= low))
