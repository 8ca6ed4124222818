"""Why the pathway says no (or not yet), as codes with parameters (issue 15 item 1: codes in
the core, words at the edge). The pathway and the progress strip return these; each is worded
once, in cstr_desk/pathway_words.py, for the screens (through Qt's translator) and in English
for the command line. Each rule that gives a reason cites its source where it is checked
(cstr_desk/workflow/pathway.py, progress.py)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from cstr_desk.domain import Requirement, Role
from cstr_desk.permissions import Action


class ReasonCode(StrEnum):
    # Who may (the one role x action table, cstr_desk/permissions.py).
    ACCOUNT_SWITCHED_OFF = "account_switched_off"
    ROLE_MAY_NOT = "role_may_not"
    # What the record says first.
    CASE_CLOSED = "case_closed"
    ASSESSMENT_INCOMPLETE = "assessment_incomplete"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    NO_CONSENT = "no_consent"
    SENTENCED = "sentenced"
    ALREADY_REGISTERED = "already_registered"
    REFERRAL_SOURCE_NOT_SAID = "referral_source_not_said"
    BORN_IN_THE_FUTURE = "born_in_the_future"
    SCREENING_BEFORE_SENTENCE = "screening_before_sentence"
    UNDER_AGE = "under_age"
    CONSENT_IN_FORCE = "consent_in_force"
    CONSENT_ONLY_RENEWED_AFTER_SENTENCE = "consent_only_renewed_after_sentence"
    NO_CONSENT_TO_WITHDRAW = "no_consent_to_withdraw"
    DECISION_RECORDED = "decision_recorded"
    NOT_ASSESSED_FOR_DRR_OR_ATR = "not_assessed_for_drr_or_atr"
    NOT_DECIDED = "not_decided"
    PROVIDER_ANSWER_AWAITED = "provider_answer_awaited"
    NOT_SIGNED_OFF = "not_signed_off"
    ALREADY_SIGNED_OFF = "already_signed_off"
    NO_CONSENT_ON_RECORD = "no_consent_on_record"
    COURT_OUTCOME_NOT_RECORDED = "court_outcome_not_recorded"
    NO_TREATMENT_UNDER_WAY = "no_treatment_under_way"
    NO_DRR = "no_drr"
    NO_COURT_REVIEW = "no_court_review"
    NO_TREATMENT_SENTENCE = "no_treatment_sentence"
    NO_NEXT_APPOINTMENT = "no_next_appointment"
    NOT_CONVICTED = "not_convicted"
    SENTENCE_RECORDED = "sentence_recorded"
    PSR_PROPOSAL_RECORDED = "psr_proposal_recorded"
    NOT_SENTENCED = "not_sentenced"
    NO_TREATMENT_REQUIREMENT = "no_treatment_requirement"
    CONSENT_WITHDRAWN_AFTER_SENTENCE = "consent_withdrawn_after_sentence"
    NO_SESSIONS = "no_sessions"
    SESSIONS_BOOKED = "sessions_booked"
    # The progress strip: a step not needed, or someone else's to take.
    DECLINED = "declined"
    ASSESSED_WITHOUT_SCREEN = "assessed_without_screen"
    SENTENCED_WITHOUT_REPORT = "sentenced_without_report"
    SENTENCE_WITHOUT_TREATMENT = "sentence_without_treatment"
    WAITING_FOR = "waiting_for"


class Reason(BaseModel):
    """One reason with what its words name: a date, a count and the limit it is held to, a
    person (by name, as recorded), a role, the action refused or waited for, requirements."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: ReasonCode
    on: date | None = None
    count: int | None = None
    limit: int | None = None
    name: str | None = None
    role: Role | None = None
    action: Action | None = None
    requirements: tuple[Requirement, ...] = ()
