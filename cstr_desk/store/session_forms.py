"""Questionnaire administrations with durable autosave.

Every answer is its own committed transaction (WAL, synchronous=FULL; see connection.py), so
a crash or power cut after `record_answer` returned loses nothing, and `position` says where
the draft resumes. Once finalised, answers change only by amendment (Manual §4.2 keeps the
scored record as given; corrections must show who changed what and why).
"""

from __future__ import annotations

from cstr_desk.domain import (
    Administration, AdministrationMode, AdministrationStatus, Amendment, AnswerRecord, AuditAction,
)
from cstr_desk.store import records
from cstr_desk.store.errors import InvalidRecord, NotFound, RecordFinalised
from cstr_desk.permissions import Action, administration_action
from cstr_desk.store.session_base import SessionBase

_ADMIN_COLUMNS = ("id, referral_id, instrument_id, form_hash, mode, status, started_at, "
                  "started_by, completed_at, position, risk_prompt_acknowledged_at")


class FormsMixin(SessionBase):
    def start_administration(self, referral_id: int, instrument_id: str, form_hash: str,
                             mode: AdministrationMode) -> Administration:
        self._require(administration_action(instrument_id))
        person_id = self._person_of_referral(referral_id)
        started = Administration(referral_id=referral_id, instrument_id=instrument_id,
                                 form_hash=form_hash, mode=mode, started_at=records.utc_now(),
                                 started_by=self.user.id)
        with self._db.transaction():
            cursor = self._db.execute(
                "INSERT INTO administrations (referral_id, instrument_id, form_hash, mode, "
                "status, started_at, started_by, position) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                (referral_id, instrument_id, form_hash, str(mode), str(started.status),
                 records.iso_time(started.started_at), self.user.id))
            self._audit(AuditAction.CREATE, "administration", cursor.lastrowid, person_id,
                        f"instrument: {instrument_id}")
        return started.model_copy(update={"id": cursor.lastrowid})

    def _administration_state(self, administration_id: int) -> tuple[AdministrationStatus, int]:
        """Status and person of an administration, once the user's role may record answers to
        its instrument (a screen or part of the assessment: cstr_desk/permissions.py)."""
        self._require_open()
        row = self._db.row("SELECT a.status, r.person_id, a.instrument_id FROM administrations a "
                           "JOIN referrals r ON r.id = a.referral_id WHERE a.id = ?",
                           (administration_id,))
        if row is None:
            raise NotFound("That questionnaire could not be found.")
        self._require(administration_action(row[2]))
        return AdministrationStatus(row[0]), int(row[1])

    def _draft_state(self, administration_id: int) -> int:
        status, person_id = self._administration_state(administration_id)
        if status == AdministrationStatus.FINALISED:
            raise RecordFinalised()
        return person_id

    def record_answer(self, administration_id: int, question: str, value: int | None,
                      position: int) -> None:
        """Saves one answer and where to resume, committed before returning."""
        now = records.iso_time(records.utc_now())
        with self._db.transaction():
            person_id = self._draft_state(administration_id)
            self._db.execute(
                "INSERT INTO answers (administration_id, question, value, recorded_at, "
                "recorded_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (administration_id, question) "
                "DO UPDATE SET value = excluded.value, recorded_at = excluded.recorded_at, "
                "recorded_by = excluded.recorded_by",
                (administration_id, question, value, now, self.user.id))
            self._db.execute("UPDATE administrations SET position = ? WHERE id = ?",
                             (position, administration_id))
            self._audit(AuditAction.UPDATE, "administration", administration_id, person_id,
                        f"answer to {question} recorded")

    def set_position(self, administration_id: int, position: int) -> None:
        with self._db.transaction():
            self._draft_state(administration_id)
            self._db.execute("UPDATE administrations SET position = ? WHERE id = ?",
                             (position, administration_id))

    def _set_status(self, administration_id: int, status: AdministrationStatus,
                    column: str) -> Administration:
        with self._db.transaction():
            person_id = self._draft_state(administration_id)
            self._db.execute(f"UPDATE administrations SET status = ?, {column} = ? WHERE id = ?",
                             (str(status), records.iso_time(records.utc_now()),
                              administration_id))
            self._audit(AuditAction.UPDATE, "administration", administration_id, person_id,
                        f"status: {status.value}")
        return self._load_administration(administration_id)

    def complete_administration(self, administration_id: int) -> Administration:
        return self._set_status(administration_id, AdministrationStatus.COMPLETE, "completed_at")

    def finalise_administration(self, administration_id: int) -> Administration:
        return self._set_status(administration_id, AdministrationStatus.FINALISED,
                                "finalised_at")

    def acknowledge_risk_prompt(self, administration_id: int) -> None:
        with self._db.transaction():
            person_id = self._draft_state(administration_id)
            self._db.execute("UPDATE administrations SET risk_prompt_acknowledged_at = ? "
                             "WHERE id = ?", (records.iso_time(records.utc_now()),
                                              administration_id))
            self._audit(AuditAction.UPDATE, "administration", administration_id, person_id,
                        "risk prompt acknowledged")

    def get_administration(self, administration_id: int) -> Administration:
        self._require(Action.VIEW_CASES)
        return self._load_administration(administration_id)

    def drafts(self, referral_id: int) -> list[Administration]:
        """Unfinished questionnaires for a case, to resume where each stopped."""
        self._require(Action.VIEW_CASES)
        return [a for a in self._administrations_of(referral_id)
                if a.status == AdministrationStatus.DRAFT]

    def amend_answer(self, administration_id: int, question: str, value: int | None,
                     reason: str) -> Amendment:
        status, person_id = self._administration_state(administration_id)
        if status != AdministrationStatus.FINALISED:
            raise InvalidRecord("This questionnaire is not finalised yet: change the answer "
                                "itself instead of recording a correction.")
        current = self._load_administration(administration_id).answers.get(question)
        amendment = Amendment(
            record_type="administration", record_id=administration_id,
            field=f"answers.{question}",
            old_value=None if current is None or current.value is None else str(current.value),
            new_value=None if value is None else str(value), reason=reason,
            amended_by=self.user.id, amended_at=records.utc_now())
        with self._db.transaction():
            amendment = records.insert_amendment(self._db, amendment, person_id)
            self._audit(AuditAction.AMEND, "administration", administration_id, person_id,
                        f"answer to {question} corrected")
        return amendment

    def _load_administration(self, administration_id: int) -> Administration:
        row = self._db.row(f"SELECT {_ADMIN_COLUMNS} FROM administrations WHERE id = ?",
                           (administration_id,))
        if row is None:
            raise NotFound("That questionnaire could not be found.")
        return self._administration_from_row(row)

    def _administrations_of(self, referral_id: int) -> list[Administration]:
        rows = self._db.rows(f"SELECT {_ADMIN_COLUMNS} FROM administrations WHERE "
                             "referral_id = ? ORDER BY id", (referral_id,))
        return [self._administration_from_row(row) for row in rows]

    def _administration_from_row(self, row: tuple) -> Administration:
        (admin_id, referral_id, instrument_id, form_hash, mode, status, started_at, started_by,
         completed_at, position, risk_at) = row
        answers = {
            q: AnswerRecord(question=q, value=v, recorded_at=records.parse_time(at),
                            recorded_by=by)
            for q, v, at, by in self._db.rows(
                "SELECT question, value, recorded_at, recorded_by FROM answers "
                "WHERE administration_id = ?", (admin_id,))
        }
        administration = Administration(
            id=admin_id, referral_id=referral_id, instrument_id=instrument_id,
            form_hash=form_hash, mode=AdministrationMode(mode),
            status=AdministrationStatus(status), started_at=records.parse_time(started_at),
            started_by=started_by, completed_at=records.parse_time(completed_at),
            position=position, answers=answers,
            risk_prompt_acknowledged_at=records.parse_time(risk_at))
        return records.apply_amendments(
            administration, records.amendments_for(self._db, "administration", admin_id))
