"""The monthly return from the per-referral summary (issue 12, speed): a month's figures as a
grouped query over one row of plain columns per referral, instead of each referral's facts
built in Python.

Migration 18's triggers remove a referral's row in the same transaction as any change to its
records, so a row present always agrees with them. Before counting, the referrals without a
row are summarised, in the same transaction as the count: their facts from the indexed
queries of store.monitoring (tested field by field against `facts_from_case`), each reduced to
a row by the workflow's own definition, passed in (the store cannot import the workflow).

The query groups the referrals that look the same to the month: each date in
`DATES_IN_MONTH` becomes whether it falls in the month, and what the month's view ignores is
blanked so it does not split groups (`workflow.monitoring_summary.view_of` reads each group as
it reads one referral's row; tests/core/test_monitoring_summary.py checks the two agree).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date

from cstr_desk.domain import AuditAction, MonitoringFacts, MonitoringSummary
from cstr_desk.permissions import Action
from cstr_desk.progress_lines import Progress
from cstr_desk.store.monitoring import MonitoringMixin

# The summary's dates that a month's figures only test for being in the month.
DATES_IN_MONTH = ("referred_on", "mh_screened_on", "sm_screened_on", "assessed_on",
                  "consent_on", "withdrawn_on", "decided_on", "drr_answered_on",
                  "atr_answered_on", "psr_on", "first_session_on", "second_missed_on",
                  "meeting_on", "registered_through_cstr_on")
# Referrals summarised per query, so the temporary id table and the rows stay small.
_BATCH = 5_000
_IN_CHUNK = 500  # ids per IN (...) list, far below SQLite's bound-parameter limit
_FIELDS = MonitoringSummary._fields
# What only the Equality sheet reads (its own query) or nothing reads: constants, not grouped.
_UNVIEWED = ("referral_id", "first_adjourned_on", "last_adjourned_on", "assessed_age",
             "offence_type", "equality")
# The grouped query's GROUP BY, by column position (1-based, as both SQLite and PostgreSQL
# take it): every field a month's view reads.
GROUP_BY = ", ".join(str(i + 1) for i, f in enumerate(_FIELDS) if f not in _UNVIEWED)


def month_columns(first: str, following: str, *, booleans: bool = False) -> list[str]:
    """The grouped query's column for each summary field: each of `DATES_IN_MONTH` as whether
    it falls in the month (0/1), and what the month's view ignores blanked so it does not
    split groups. `first` and `following` are the month's bounds as the database's
    placeholders (SQLite's :first, psycopg's %(first)s); `booleans` for PostgreSQL (the hub),
    whose conditions are booleans where SQLite's are 0/1."""
    def within(field: str) -> str:
        return (f"coalesce({field} >= {first} AND {field} < {following}, "
                f"{'false' if booleans else '0'})")

    def flag(field: str) -> str:
        return f"({within(field)})::int" if booleans else within(field)

    sentenced_in = within("sentenced_on")
    blanked = {
        "referral_id": "NULL", "first_adjourned_on": "NULL", "last_adjourned_on": "NULL",
        "assessed_age": "NULL", "offence_type": "''", "equality": "''",
        "decision": f"CASE WHEN {within('decided_on')} THEN decision END",
        "on_the_day": f"CASE WHEN {sentenced_in} THEN on_the_day ELSE 0 END",
        "first_attended_on": f"CASE WHEN {sentenced_in} THEN first_attended_on END",
        "first_starts": f"CASE WHEN {sentenced_in} THEN first_starts ELSE '' END",
        "treatment_completed": f"CASE WHEN {within('treatment_ended_on')} "
                               "THEN treatment_completed END",
        "outcome_changes": f"CASE WHEN {within('treatment_ended_on')} THEN outcome_changes "
                           "ELSE '[]' END",
        "referral_to_meeting": f"CASE WHEN {within('meeting_on')} THEN referral_to_meeting END",
        "sentence_to_meeting": f"CASE WHEN {within('meeting_on')} THEN sentence_to_meeting END",
        "adjournments": f"CASE WHEN first_adjourned_on < {following} AND last_adjourned_on "
                        f">= {first} THEN adjournments ELSE '[]' END",
    }
    return [flag(f) if f in DATES_IN_MONTH else blanked.get(f, f) for f in _FIELDS]


# The month's referrals: those with a date in it (monitoring_summary_months), and the orders
# given before its end and not ended before it starts, which may be active at its end.
_MONTH_SQL = (f"SELECT {', '.join(month_columns(':first', ':next'))}, count(*) "
              "FROM monitoring_summary WHERE referral_id IN "
              "(SELECT referral_id FROM monitoring_summary_months WHERE month = :month "
              " UNION ALL SELECT referral_id FROM monitoring_summary WHERE sentenced_on < :next"
              " AND (treatment_ended_on IS NULL OR treatment_ended_on >= :first)) "
              f"GROUP BY {GROUP_BY}")
_PROFILES_SQL = ("SELECT assessed_age, offence_type, equality, count(*) FROM monitoring_summary "
                 "WHERE assessed_on >= :first AND assessed_on < :next GROUP BY 1, 2, 3")
# A summary row exists only for a referral (the triggers remove it with the referral), so
# equal counts mean every referral has its row: the common case, read from small indexes.
_UNSUMMARISED_SQL = ("SELECT (SELECT count(*) FROM referrals) - "
                     "(SELECT count(*) FROM monitoring_summary)")
_MISSING_SQL = ("SELECT id FROM referrals r WHERE NOT EXISTS "
                "(SELECT 1 FROM monitoring_summary s WHERE s.referral_id = r.id) ORDER BY id")
_INSERT_SQL = (f"INSERT INTO monitoring_summary ({', '.join(_FIELDS)}) "
               f"VALUES ({', '.join('?' for _ in _FIELDS)})")
_INSERT_MONTH_SQL = "INSERT INTO monitoring_summary_months (month, referral_id) VALUES (?, ?)"
_DATED = [i for i, f in enumerate(_FIELDS) if f.endswith("_on")]
_ADJOURNMENTS = _FIELDS.index("adjournments")


def months_of(row: MonitoringSummary) -> set[str]:
    """Every calendar month ("2026-12") one of the row's dates falls in: the months whose
    return may count the referral, besides those its order may be active in."""
    days = [row[i] for i in _DATED if row[i] is not None]
    days += [on for on, _reason in json.loads(row[_ADJOURNMENTS])]
    return {day[:7] for day in days}


Summarise = Callable[[MonitoringFacts], MonitoringSummary]
# (the month's summary groups with their referral counts, the assessed people's
# (age, offence type, equality JSON) with theirs)
MonthGroups = tuple[list[tuple[MonitoringSummary, int]], list[tuple[int, str, str, int]]]


class MonitoringSummaryMixin(MonitoringMixin):
    def monitoring_month(self, first: date, following: date, summarise: Summarise,
                         progress: Progress | None = None) -> MonthGroups:
        """The month [first, following)'s summary rows, grouped as the month sees them, and
        the people assessed in it; the referrals changed since their summary are summarised
        first with `summarise`, in the same transaction (`progress` as for
        `summarise_for_monitoring`)."""
        self._require(Action.MONITORING)
        bounds = {"first": first.isoformat(), "next": following.isoformat(),
                  "month": first.isoformat()[:7]}
        with self._db.transaction():
            self._summarise_missing(summarise, progress)
            groups = [(MonitoringSummary(*row[:-1]), row[-1])
                      for row in self._db.rows(_MONTH_SQL, bounds)]
            profiles = self._db.rows(_PROFILES_SQL, bounds)
            self._audit(AuditAction.VIEW, detail="monitoring rows")
        return groups, profiles

    def summarise_for_monitoring(self, summarise: Summarise,
                                 progress: Progress | None = None) -> int:
        """Summarises every referral without a summary row (after demo data or an upgrade,
        all of them); returns how many. When there is more than one batch to do (about a
        third of a second each; 50,000 referrals take over 3 s), `progress(done, of)` is told
        before the first and after each."""
        self._require(Action.MONITORING)
        with self._db.transaction():
            return self._summarise_missing(summarise, progress)

    def _summaries_of(self, referral_ids: list[int]) -> list[MonitoringSummary]:
        """The summary rows these referrals have (all, once `_summarise_missing` has run)."""
        found = []
        for chunk in _chunks(referral_ids):
            found += [MonitoringSummary(*row) for row in self._db.rows(
                f"SELECT {', '.join(_FIELDS)} FROM monitoring_summary WHERE referral_id IN "
                f"({', '.join('?' * len(chunk))}) ORDER BY referral_id", tuple(chunk))]
        return found

    def _summarise_missing(self, summarise: Summarise, progress: Progress | None = None) -> int:
        if not self._db.value(_UNSUMMARISED_SQL):
            return 0
        missing = [r for (r,) in self._db.rows(_MISSING_SQL)]
        if len(missing) <= _BATCH:
            progress = None  # quick: a progress line would only be noise
        if progress is not None:
            progress(0, len(missing))
        for done, batch in _batches(missing):
            rows = [summarise(f) for f in self._facts_of_referrals(batch)]
            self._db.executemany(_INSERT_SQL, rows)
            self._db.executemany(_INSERT_MONTH_SQL, [(month, row.referral_id) for row in rows
                                                     for month in months_of(row)])
            if progress is not None:
                progress(done, len(missing))
        return len(missing)


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _IN_CHUNK):
        yield ids[start:start + _IN_CHUNK]


def _batches(ids: list[int]) -> Iterator[tuple[int, list[int]]]:
    for start in range(0, len(ids), _BATCH):
        batch = ids[start:start + _BATCH]
        yield start + len(batch), batch
