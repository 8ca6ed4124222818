"""Pre and post outcome measures: for each instrument, the first completed administration
against the latest one after treatment began, with the scoring engine's change classification
(reliable change, Jacobson & Truax 1991; clinically significant change).

Plain data, no ReportLab and no database: the completion summary prints these pairs, the
Outcomes screen shows them and the monthly return counts them (the store builds its rows with
them too), so all say the same thing about the same administrations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import scoring
from cstr_desk.domain import Administration, AdministrationStatus, CaseRecord
from scoring.result import ChangeResult

LONDON = ZoneInfo("Europe/London")

# Manual §2.4 "Pre and post clinical outcomes (For MHTRs - CORE34, GAD7, PHQ9 ...)".
OUTCOME_INSTRUMENTS = ("core34", "phq9", "gad7")


@dataclass(frozen=True)
class OutcomePair:
    instrument_id: str
    before: Administration
    after: Administration | None
    change: ChangeResult | None
    # Why no change could be given (no post-treatment administration, no published RCI...).
    note: str = ""


def outcome_pairs(case: CaseRecord, instruments: Iterable[str] | None = None) -> list[OutcomePair]:
    """Per instrument (those named, in that order; by default every instrument the case has a
    completed administration of, in the order first given): the first completed administration
    (pre) and the latest one given after treatment began (post)."""
    done = sorted((a for a in case.administrations if _done(a)), key=lambda a: a.completed_at)
    if instruments is None:
        instruments = dict.fromkeys(a.instrument_id for a in done)
    began = treatment_began(case)
    pairs = []
    for instrument_id in instruments:
        given = [a for a in done if a.instrument_id == instrument_id]
        if not given:
            continue
        later = [a for a in given[1:] if began is None or a.completed_at >= began]
        pairs.append(_pair(instrument_id, given[0], later[-1] if later else None))
    return pairs


def treatment_began(case: CaseRecord) -> datetime | None:
    """The first session as booked, or failing that the start of the sentence day (London)."""
    first = min(case.sessions, key=lambda s: s.number, default=None)
    if first is not None:
        return first.scheduled_at
    if case.sentence is not None:
        return datetime.combine(case.sentence.sentenced_on, datetime.min.time(), LONDON)
    return None


def _done(administration: Administration) -> bool:
    return (administration.status in (AdministrationStatus.COMPLETE, AdministrationStatus.FINALISED)
            and administration.completed_at is not None)


def _pair(instrument_id: str, before: Administration, after: Administration | None) -> OutcomePair:
    if after is None:
        return OutcomePair(instrument_id, before, None, None, "No post-treatment administration yet.")
    try:
        result = scoring.change(instrument_id, before.item_answers(), after.item_answers())
    except scoring.ChangeNotDefined as error:
        return OutcomePair(instrument_id, before, after, None, str(error))
    return OutcomePair(instrument_id, before, after, result)


def outcome_changes(case: CaseRecord) -> tuple[tuple[str, float, str], ...]:
    """(instrument, change in score, classification) of each Manual §2.4 outcome instrument
    with a scorable score before and after treatment: what the monthly return counts."""
    found = []
    for pair in outcome_pairs(case, OUTCOME_INSTRUMENTS):
        change = pair.change
        if change is not None and change.difference is not None:
            found.append((pair.instrument_id, change.difference, change.classification.value))
    return tuple(found)
