"""Whole case records for many referrals at once, for bulk exports (the month's FHIR files).

`load_case` reads one case with about twenty queries; a month's bulk export covers up to
50,000 cases. This reads the same `CaseRecord`s a batch at a time, one query per table per
batch. Records carrying amendments (few) are read through the one-by-one path, so corrected
values are exported exactly as `load_case` shows them; tests/core/test_fhir_bulk.py checks the
two agree. The caller audits the export itself (one entry per case it writes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from cstr_desk.domain import (
    Administration, AdministrationMode, AdministrationStatus, AnswerRecord, CaseRecord,
)
from cstr_desk.store import records
from cstr_desk.permissions import Action
from cstr_desk.store.session_base import SessionBase
from cstr_desk.store.session_forms import _ADMIN_COLUMNS
from cstr_desk.store.session_people import (
    _PERSON_COLUMNS, _REFERRAL_COLUMNS, case_from_parts, person_from_row, referral_from_row,
)

BATCH = 500
_WINDOW = "temp.case_batch"


class CaseBatchesMixin(SessionBase):
    def cases_in_bulk(self, referral_ids: Sequence[int]) -> Iterator[CaseRecord]:
        """The case records of these referrals, in the order given (unknown ids are left
        out). The role is checked now, before the first record is read."""
        self._require(Action.VIEW_CASES)
        return self._batches(list(referral_ids))

    def _batches(self, referral_ids: list[int]) -> Iterator[CaseRecord]:
        amended = set(self._db.rows("SELECT DISTINCT record_type, record_id FROM amendments"))
        for start in range(0, len(referral_ids), BATCH):
            chunk = referral_ids[start:start + BATCH]
            with self._db.transaction():
                self._fill_batch(chunk)
                try:
                    found = self._read_batch(amended)
                finally:
                    self._db.execute(f"DELETE FROM {_WINDOW}")
            yield from (found[r] for r in chunk if r in found)

    def _fill_batch(self, chunk: list[int]) -> None:
        # temp_store=MEMORY (store.connection): the ids never reach a file.
        self._db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_WINDOW.split('.')[1]} "
                         "(referral_id INTEGER PRIMARY KEY)")
        self._db.execute(f"DELETE FROM {_WINDOW}")
        self._db.executemany(f"INSERT OR IGNORE INTO {_WINDOW} VALUES (?)",
                             [(r,) for r in chunk])

    def _read_batch(self, amended: set[tuple[str, int]]) -> dict[int, CaseRecord]:
        referrals = [referral_from_row(row) for row in self._db.rows(
            f"SELECT id, {', '.join(_REFERRAL_COLUMNS)} FROM referrals "
            f"WHERE id IN {_WINDOW}")]
        people = {row[0]: person_from_row(row) for row in self._db.rows(
            f"SELECT id, {', '.join(_PERSON_COLUMNS)} FROM people WHERE id IN "
            f"(SELECT person_id FROM referrals WHERE id IN {_WINDOW})")}
        documents = {kind: self._batch_documents(kind, amended) for kind in records.DOCUMENTS}
        administrations = self._batch_administrations(amended)
        cases = {}
        for referral in referrals:
            docs = {kind: found.get(referral.id, []) for kind, found in documents.items()}
            given = administrations.get(referral.id, [])
            touched = ("referral", referral.id) in amended
            touched |= any((kind, d.id) in amended for kind, items in docs.items() for d in items)
            touched |= any(("administration", a.id) in amended for a in given)
            amendments = self._amendments_of_referral(referral.id) if touched else []  # type: ignore[attr-defined]
            cases[referral.id] = case_from_parts(people[referral.person_id], referral, given,
                                                 docs, amendments)
        return cases

    def _batch_documents(self, kind: str, amended: set[tuple[str, int]]) -> dict[int, list]:
        table, _ = records.DOCUMENTS[kind]
        extra = ", withdrawn_at, withdrawal_reason" if kind == "consent" else ""
        found: dict[int, list] = defaultdict(list)
        for referral_id, *row in self._db.rows(
                f"SELECT referral_id, id, body{extra} FROM {table} WHERE referral_id IN "
                f"{_WINDOW} ORDER BY referral_id, id"):
            record = (records.load_document(self._db, kind, row[0]) if (kind, row[0]) in amended
                      else records._from_row(kind, tuple(row)))
            found[referral_id].append(record)
        return found

    def _batch_administrations(self, amended: set[tuple[str, int]]) -> dict[int, list]:
        answers: dict[int, dict[str, AnswerRecord]] = defaultdict(dict)
        for admin_id, question, value, at, by in self._db.rows(
                "SELECT administration_id, question, value, recorded_at, recorded_by FROM "
                "answers WHERE administration_id IN (SELECT id FROM administrations WHERE "
                f"referral_id IN {_WINDOW})"):
            answers[admin_id][question] = AnswerRecord(
                question=question, value=value, recorded_at=records.parse_time(at),
                recorded_by=by)
        found: dict[int, list] = defaultdict(list)
        for row in self._db.rows(f"SELECT {_ADMIN_COLUMNS} FROM administrations WHERE "
                                 f"referral_id IN {_WINDOW} ORDER BY id"):
            if ("administration", row[0]) in amended:
                administration = self._load_administration(row[0])  # type: ignore[attr-defined]
            else:
                administration = _administration(row, answers.get(row[0], {}))
            found[administration.referral_id].append(administration)
        return found


def _administration(row: tuple, answers: dict[str, AnswerRecord]) -> Administration:
    (admin_id, referral_id, instrument_id, form_hash, mode, status, started_at, started_by,
     completed_at, position, risk_at) = row
    return Administration(
        id=admin_id, referral_id=referral_id, instrument_id=instrument_id, form_hash=form_hash,
        mode=AdministrationMode(mode), status=AdministrationStatus(status),
        started_at=records.parse_time(started_at), started_by=started_by,
        completed_at=records.parse_time(completed_at), position=position, answers=answers,
        risk_prompt_acknowledged_at=records.parse_time(risk_at))
