"""Assessment, consent, the Clinical Lead's decision, reports, sentence and treatment.

A decision, a consent, an issued report and a sentence are final once recorded, and a
completed assessment is final: corrections go through `amend`, which keeps the original and
records who changed which field, when and why (issue 3 item 5; Caldicott principles).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from cstr_desk.domain import (
    Adjournment, Amendment, AuditAction, Breach, CaseRecord, CaseSummary, ClinicalLeadDecision,
    ConsentRecord, FollowUp, PractitionerAssessment, ProviderAcceptance, PsrProposal, ReportIssued,
    SafeguardingReferral, SentenceOutcome, TreatmentCompletion, TreatmentSession,
)
from cstr_desk.store import permissions, records
from cstr_desk.store.errors import InvalidRecord, RecordFinalised
from cstr_desk.permissions import AMEND_ACTION, Action, report_action
from cstr_desk.store.session_base import SessionBase
from cstr_desk.store.session_people import case_summary


class ClinicalMixin(SessionBase):
    def _add_document(self, kind: str, record: BaseModel, action: Action) -> BaseModel:
        self._require(action)
        person_id = self._person_of_referral(record.referral_id)
        with self._db.transaction():
            saved = records.insert_document(self._db, kind, record)
            self._audit(AuditAction.CREATE, kind, saved.id, person_id)
        return saved

    def save_assessment(self, assessment: PractitionerAssessment) -> PractitionerAssessment:
        """Saves the interview as it goes; once `completed` it is final."""
        self._require(Action.ASSESS)
        person_id = self._person_of_referral(assessment.referral_id)
        if assessment.completed and assessment.completed_at is None:
            assessment = assessment.model_copy(update={"completed_at": records.utc_now(),
                                                       "completed_by": self.user.id})
        with self._db.transaction():
            existing = self._db.row("SELECT id, completed FROM assessments WHERE referral_id = ?",
                                    (assessment.referral_id,))
            if existing and existing[1]:
                raise RecordFinalised()
            body = records.body_of("assessment", assessment)
            if existing:
                self._db.execute("UPDATE assessments SET body = ?, completed = ? WHERE id = ?",
                                 (body, int(assessment.completed), existing[0]))
                assessment_id, action = existing[0], AuditAction.UPDATE
            else:
                cursor = self._db.execute("INSERT INTO assessments (referral_id, body, completed)"
                                          " VALUES (?, ?, ?)", (assessment.referral_id, body,
                                                                int(assessment.completed)))
                assessment_id, action = cursor.lastrowid, AuditAction.CREATE
            self._audit(action, "assessment", assessment_id, person_id,
                        "completed" if assessment.completed else "draft saved")
        return assessment.model_copy(update={"id": assessment_id})

    def record_consent(self, consent: ConsentRecord) -> ConsentRecord:
        return self._add_document("consent", consent, Action.TAKE_CONSENT)

    def withdraw_consent(self, consent_id: int, when: datetime, reason: str) -> ConsentRecord:
        """Withdrawal is recorded beside the consent, which itself is never changed (Manual
        §4.3: the person may withdraw at any time; withdrawal means a return to court)."""
        self._require(Action.WITHDRAW_CONSENT)
        if not reason.strip():
            raise InvalidRecord("Please give the reason consent was withdrawn.")
        consent = records.load_document(self._db, "consent", consent_id)
        if consent.withdrawn_at is not None:
            raise RecordFinalised("This consent has already been withdrawn.")
        person_id = self._person_of_referral(consent.referral_id)
        with self._db.transaction():
            self._db.execute("UPDATE consents SET withdrawn_at = ?, withdrawal_reason = ? "
                             "WHERE id = ?", (records.iso_time(when), reason, consent_id))
            self._audit(AuditAction.UPDATE, "consent", consent_id, person_id, "withdrawn")
        return consent.model_copy(update={"withdrawn_at": when, "withdrawal_reason": reason})

    def record_decision(self, decision: ClinicalLeadDecision) -> ClinicalLeadDecision:
        self._require(Action.RECORD_DECISION)
        permissions.check_decision_channel(self.user.role, decision.channel)
        return self._add_document("decision", decision, Action.RECORD_DECISION)

    def record_provider_acceptance(self, acceptance: ProviderAcceptance) -> ProviderAcceptance:
        return self._add_document("provider_acceptance", acceptance,
                                  Action.RECORD_PROVIDER_ACCEPTANCE)

    def record_report_issued(self, report: ReportIssued) -> ReportIssued:
        return self._add_document("report", report, report_action(report.kind, report.final))

    def record_psr_proposal(self, proposal: PsrProposal) -> PsrProposal:
        """One per case; a second is refused (RecordFinalised): correct it with `amend`."""
        self._require(Action.RECORD_PSR_PROPOSAL)  # before saying whether one exists
        if self._db.value("SELECT 1 FROM psr_proposals WHERE referral_id = ?",
                          (proposal.referral_id,)):
            raise RecordFinalised("The PSR's proposal is already recorded; correct it with an "
                                  "amendment.")
        return self._add_document("psr_proposal", proposal, Action.RECORD_PSR_PROPOSAL)

    def record_sentence(self, outcome: SentenceOutcome) -> SentenceOutcome:
        return self._add_document("sentence", outcome, Action.RECORD_SENTENCE)

    def add_adjournment(self, adjournment: Adjournment) -> Adjournment:
        return self._add_document("adjournment", adjournment, Action.RECORD_ADJOURNMENT)

    def schedule_sessions(self, sessions: list[TreatmentSession]) -> list[TreatmentSession]:
        self._require(Action.SCHEDULE_TREATMENT)
        with self._db.transaction():
            return [self._add_document("session", s, Action.SCHEDULE_TREATMENT) for s in sessions]

    def update_session(self, session: TreatmentSession) -> TreatmentSession:
        """Attendance is filled in as sessions happen (missed sessions go to the offender
        manager within 48 hours, DOMAIN.md step 9), so sessions stay editable, audited."""
        self._require(Action.RECORD_ATTENDANCE)
        before = records.load_document(self._db, "session", session.id)
        person_id = self._person_of_referral(before.referral_id)
        changed = [f for f in TreatmentSession.model_fields
                   if getattr(before, f) != getattr(session, f)]
        with self._db.transaction():
            self._db.execute("UPDATE treatment_sessions SET body = ? WHERE id = ?",
                             (records.body_of("session", session), session.id))
            self._audit(AuditAction.UPDATE, "session", session.id, person_id,
                        "changed: " + ", ".join(changed))
        return session

    def record_breach(self, breach: Breach) -> Breach:
        return self._add_document("breach", breach, Action.RECORD_BREACH)

    def record_safeguarding_referral(self, referral: SafeguardingReferral) -> SafeguardingReferral:
        return self._add_document("safeguarding", referral, Action.RECORD_SAFEGUARDING)

    def record_completion(self, completion: TreatmentCompletion) -> TreatmentCompletion:
        """One per case; a second is refused (RecordFinalised): correct it with `amend`."""
        if self._db.value("SELECT id FROM completions WHERE referral_id = ?",
                          (completion.referral_id,)) is not None:
            self._require(Action.RECORD_ATTENDANCE)
            raise RecordFinalised("The end of treatment is already recorded; correct it with "
                                  "an amendment.")
        return self._add_document("completion", completion, Action.RECORD_ATTENDANCE)

    def record_follow_up(self, follow_up: FollowUp) -> FollowUp:
        return self._add_document("follow_up", follow_up, Action.RECORD_ATTENDANCE)

    def untold_missed_sessions(self) -> list[tuple[CaseSummary, TreatmentSession]]:
        """Missed sessions the offender manager has not been told about, across all cases,
        oldest first (they must be told within 48 hours, DOMAIN.md step 9)."""
        self._require(Action.VIEW_CASES)
        rows = self._db.rows(
            "SELECT s.id, r.id, p.id, p.given_name, p.family_name, p.date_of_birth, "
            "p.pnc_number, p.nhs_number, r.court, r.hearing_date, r.stage "
            "FROM treatment_sessions s JOIN referrals r ON r.id = s.referral_id "
            "JOIN people p ON p.id = r.person_id "
            "WHERE json_extract(s.body, '$.attendance') = 'missed' "
            "AND json_extract(s.body, '$.offender_manager_told_at') IS NULL")
        found = [(case_summary(row[1:]), records.load_document(self._db, "session", row[0]))
                 for row in rows]
        with self._db.transaction():
            self._audit(AuditAction.VIEW, "session", detail="deadlines list")
        return sorted(found, key=lambda pair: pair[1].scheduled_at)

    def cases_with_duties(self, limit: int = 200) -> list[CaseRecord]:
        """Open sentenced cases that may have a deadline running (`workflow.duties`): an MHTR
        with no session attended yet, an appointment missed, a treatment requirement with no
        leaflet recorded, or a breach returned to court. One audit entry for the list, as for
        the missed-appointment deadlines."""
        self._require(Action.VIEW_CASES)
        rows = self._db.rows(
            "SELECT r.id FROM referrals r JOIN sentences s ON s.referral_id = r.id "
            "WHERE r.closed_at IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM completions c WHERE c.referral_id = r.id) AND ("
            " (EXISTS (SELECT 1 FROM json_each(s.body, '$.requirements') WHERE value = 'mhtr')"
            "  AND NOT EXISTS (SELECT 1 FROM treatment_sessions t WHERE t.referral_id = r.id"
            "   AND json_extract(t.body, '$.attendance') = 'attended'))"
            " OR EXISTS (SELECT 1 FROM treatment_sessions t WHERE t.referral_id = r.id"
            "   AND json_extract(t.body, '$.attendance') = 'missed')"
            " OR (EXISTS (SELECT 1 FROM json_each(s.body, '$.requirements')"
            "   WHERE value IN ('mhtr', 'drr', 'atr'))"
            "  AND NOT EXISTS (SELECT 1 FROM leaflets_given l WHERE l.referral_id = r.id))"
            " OR EXISTS (SELECT 1 FROM breaches b WHERE b.referral_id = r.id"
            "   AND json_extract(b.body, '$.returned_to_court'))) "
            "ORDER BY json_extract(s.body, '$.sentenced_on') DESC LIMIT ?", (limit,))
        cases = [self._case_record(self._load_referral(referral_id)) for (referral_id,) in rows]
        with self._db.transaction():
            self._audit(AuditAction.VIEW, "referral", detail="duties list")
        return cases

    def amend(self, record_type: str, record_id: int, field: str, new_value: str | None,
              reason: str) -> Amendment:
        """A correction with reason, author and time; the original stays as it was and every
        read shows the corrected value with the history in `CaseRecord.amendments`."""
        if record_type == "administration":
            raise InvalidRecord("Correct a questionnaire answer with amend_answer.")
        if record_type == "referral":
            return self.amend_referral(record_id, field, new_value, reason)
        action = AMEND_ACTION.get(record_type)
        if action is None or record_type not in records.DOCUMENTS:
            raise InvalidRecord(f"“{record_type}” records cannot be corrected this way.")
        self._require(action)
        if not reason.strip():
            raise InvalidRecord("Please give the reason for the correction.")
        current = records.load_document(self._db, record_type, record_id)
        records.with_field(current, field, new_value)  # refuses an invalid value up front
        person_id = self._person_of_referral(current.referral_id)
        amendment = Amendment(
            record_type=record_type, record_id=record_id, field=field,
            old_value=records.value_as_text(current.model_dump(mode="json")[field]),
            new_value=new_value, reason=reason, amended_by=self.user.id,
            amended_at=records.utc_now())
        with self._db.transaction():
            amendment = records.insert_amendment(self._db, amendment, person_id)
            self._audit(AuditAction.AMEND, record_type, record_id, person_id,
                        f"field corrected: {field}")
        return amendment

    def _amendments_of_referral(self, referral_id: int) -> list[Amendment]:
        """Every amendment to any record of this case, oldest first."""
        found = records.amendments_for(self._db, "referral", referral_id)
        found += records.amendments_for(self._db, "person", self._person_of_referral(referral_id))
        for kind, (table, _) in records.DOCUMENTS.items():
            for (record_id,) in self._db.rows(f"SELECT id FROM {table} WHERE referral_id = ?",
                                              (referral_id,)):
                found += records.amendments_for(self._db, kind, record_id)
        for (admin_id,) in self._db.rows("SELECT id FROM administrations WHERE referral_id = ?",
                                         (referral_id,)):
            found += records.amendments_for(self._db, "administration", admin_id)
        return sorted(found, key=lambda a: a.id)


