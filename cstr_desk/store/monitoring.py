"""The rows the monthly monitoring return counts, read in bulk (Manual §2.4; Annex D).

`cstr_desk.workflow.monitoring.facts_from_case` is the reference definition of every field;
this builds the same `MonitoringFacts` for all referrals with a handful of queries instead of
loading 50,000 case records one by one. JSON fields are pulled with json_extract so SQLite's
C code, not Python, parses the documents; the few records that carry amendments are read
through the normal path so corrected values count.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime, timedelta

from cstr_desk.domain import AuditAction, EqualityMonitoring, MonitoringFacts
from cstr_desk.store import records
from cstr_desk.store.permissions import Operation
from cstr_desk.store.session_base import SessionBase

# The same instrument groups as workflow.monitoring (screens counted in monitoring, Manual §4.1).
MH_SCREENS = ("k10", "core10")
SM_SCREENS = ("auditc", "audit")
REQUIREMENTS = ("mhtr", "drr", "atr")
_EQUALITY = tuple(EqualityMonitoring.model_fields)


def _time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _in_order(json_list: str | None) -> tuple[str, ...]:
    given = set(json.loads(json_list or "[]"))
    return tuple(r for r in REQUIREMENTS if r in given)


class MonitoringMixin(SessionBase):
    def monitoring_rows(self, month_start: date, month_end: date) -> list[MonitoringFacts]:
        """One row per referral with any dated fact in [month_start - 1 day, month_end + 1
        day) (month_end exclusive; the workflow settles London dates)."""
        self._require(Operation.MONITORING)
        low, high = month_start - timedelta(days=1), month_end + timedelta(days=1)
        documents = {kind: self._extracts(kind, fields) for kind, fields in _FIELDS.items()}
        screens = self._screens()
        facts = []
        for row in self._db.rows(
                "SELECT r.id, r.created_at, r.hearing_date, r.referral_source, r.offence_type, "
                "p.date_of_birth, " + ", ".join(f"p.eq_{f}" for f in _EQUALITY) +
                " FROM referrals r JOIN people p ON p.id = r.person_id ORDER BY r.id"):
            fact = _facts(row, documents, screens)
            if any(low <= day < high for day in _days(fact)):
                facts.append(fact)
        with self._db.transaction():
            self._audit(AuditAction.VIEW, detail="monitoring rows")
        return facts

    def _screens(self) -> dict[int, tuple[datetime | None, datetime | None]]:
        earliest: dict[int, list] = defaultdict(lambda: [None, None])
        for referral_id, instrument, completed in self._db.rows(
                "SELECT referral_id, instrument_id, min(completed_at) FROM administrations "
                "WHERE status IN ('complete', 'finalised') AND completed_at IS NOT NULL "
                "GROUP BY referral_id, instrument_id"):
            slot = 0 if instrument in MH_SCREENS else 1 if instrument in SM_SCREENS else None
            if slot is None:
                continue
            moment = _time(completed)
            current = earliest[referral_id][slot]
            earliest[referral_id][slot] = moment if current is None else min(current, moment)
        return {k: (v[0], v[1]) for k, v in earliest.items()}

    def _extracts(self, kind: str, fields: tuple[str, ...]) -> dict[int, list[tuple]]:
        """Per referral, the listed fields of each record of `kind`, in id order, with
        amendments applied to the records that have any."""
        table, _ = records.DOCUMENTS[kind]
        columns = ", ".join(f"json_extract(body, '$.{f}')" for f in fields
                            if not (kind == "consent" and f == "withdrawn_at"))
        extra = ", withdrawn_at" if kind == "consent" else ""
        amended = {r for (r,) in self._db.rows(
            "SELECT DISTINCT record_id FROM amendments WHERE record_type = ?", (kind,))}
        by_referral: dict[int, list[tuple]] = defaultdict(list)
        for record_id, referral_id, *values in self._db.rows(
                f"SELECT id, referral_id, {columns}{extra} FROM {table} ORDER BY id"):
            if record_id in amended:
                data = records.load_document(self._db, kind, record_id).model_dump(mode="json")
                values = [json.dumps(data[f]) if isinstance(data[f], list) else data[f]
                          for f in fields]
            by_referral[referral_id].append(tuple(values))
        return by_referral


_FIELDS = {
    "assessment": ("completed", "completed_at"),
    "consent": ("consented_at", "requirements_assessed_for", "requirements_consented",
                "withdrawn_at"),
    "decision": ("discussed_at", "outcome"),
    "report": ("kind", "final", "issued_at"),
    "sentence": ("sentenced_on", "sentenced_at", "sentence", "requirements"),
    "session": ("number", "scheduled_at", "attendance"),
    "breach": ("decided_on", "returned_to_court"),
    "adjournment": ("adjourned_on", "reason"),
}


def _facts(row: tuple, docs: dict[str, dict[int, list[tuple]]], screens: dict) -> MonitoringFacts:
    referral_id, created, hearing, source, offence, born, *equality = row
    assessment = (docs["assessment"].get(referral_id) or [None])[-1]
    consents = docs["consent"].get(referral_id, [])
    # The latest consent by time; on a tie the first recorded, as max() does in CaseRecord.
    consent = max(consents, key=lambda c: _time(c[0]), default=None)
    decision = (docs["decision"].get(referral_id) or [None])[-1]
    sentence = (docs["sentence"].get(referral_id) or [None])[-1]
    sessions = docs["session"].get(referral_id, [])
    first = min(sessions, key=lambda s: s[0], default=None)
    psrs = [_time(at) for kind, final, at in docs["report"].get(referral_id, [])
            if kind == "psr" and final]
    breaches = [_day(on) for on, to_court in docs["breach"].get(referral_id, []) if to_court]
    mh, sm = screens.get(referral_id, (None, None))
    return MonitoringFacts(
        referral_id=referral_id, referred_at=_time(created), hearing_date=_day(hearing),
        referral_source=source, offence_type=offence, date_of_birth=_day(born),
        equality=dict(zip(_EQUALITY, equality)), mh_screened_at=mh, sm_screened_at=sm,
        assessed_at=_time(assessment[1]) if assessment and assessment[0] else None,
        assessed_for=_in_order(consent[1]) if consent else (),
        consent_at=_time(consent[0]) if consent else None,
        consented=_in_order(consent[2]) if consent else (),
        withdrawn_at=_time(consent[3]) if consent else None,
        decided_at=_time(decision[0]) if decision else None,
        decision=decision[1] if decision else None,
        psr_at=min(psrs, default=None),
        sentenced_on=_day(sentence[0]) if sentence else None,
        sentenced_at=_time(sentence[1]) if sentence else None,
        sentence=sentence[2] if sentence else None,
        sentence_requirements=tuple(json.loads(sentence[3])) if sentence else (),
        first_session_at=_time(first[1]) if first else None,
        first_session_attendance=first[2] if first else None,
        missed_at=tuple(sorted(_time(s[1]) for s in sessions if s[2] == "missed")),
        breach_to_court_on=min(breaches, default=None),
        adjournments=tuple(sorted((_day(on), reason) for on, reason in
                                  docs["adjournment"].get(referral_id, []))),
    )


def _days(fact: MonitoringFacts) -> list[date]:
    moments = [fact.referred_at, fact.mh_screened_at, fact.sm_screened_at, fact.assessed_at,
               fact.consent_at, fact.withdrawn_at, fact.decided_at, fact.psr_at,
               fact.sentenced_at, fact.first_session_at, *fact.missed_at]
    days = [fact.hearing_date, fact.sentenced_on, fact.breach_to_court_on,
            *(on for on, _ in fact.adjournments)]
    return [m.date() for m in moments if m is not None] + [d for d in days if d is not None]
