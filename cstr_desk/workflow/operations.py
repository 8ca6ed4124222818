"""Every change to a case, as one operation (STYLE.md rule 4).

Each operation goes through `apply_change`: it loads the case, checks the pathway
(`pathway.require`) and what the entry must say (`entries`, `assessment`), writes through the
store in one transaction, and sets the stage derived from the case as re-read, so the stored
stage never disagrees with the record. The store checks role permissions again itself; these
add the pathway's preconditions. Each returns a `Changed` naming what was written and the case
as it now stands, for the screens to refresh from. The after-sentence operations
(`treatment_operations`) use the same `apply_change` and `refuse_entry`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

import forms
from cstr_desk import clock
from cstr_desk.domain import (
    Adjournment,
    Administration,
    AdministrationMode,
    CaseRecord,
    ClinicalLeadDecision,
    ConsentRecord,
    Person,
    PractitionerAssessment,
    ProviderAcceptance,
    Referral,
    ReportIssued,
    ReportKind,
    SentenceOutcome,
    Stage,
)
from cstr_desk.store import Session
from cstr_desk.workflow.assessment import assessment_is_complete
from cstr_desk.workflow.entries import (
    consent_entry_problems,
    decision_entry_problems,
    provider_acceptance_entry_problems,
    sentence_entry_problems,
)
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.permissions import administration_action
from cstr_desk.workflow.treatment import breach_for_withdrawal
from cstr_desk.workflow.pathway import (
    Action,
    consent_in_force,
    derive_stage,
    report_action,
    require,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Changed(Generic[T]):
    """What an operation wrote, and the case afterwards (its stage already updated)."""

    record: T
    case: CaseRecord
    stage: Stage
    stage_changed: bool


def resolve_today(today: date | None) -> date:
    """The day an operation is judged on: the caller's (tests, a back-dated entry) or today."""
    return today if today is not None else date.today()


def refuse_entry(what: str, problems: list[str]) -> None:
    """Refuse, in the operations' one wording, when what the entry says has problems."""
    if problems:
        raise ActionRefused(f"The {what} cannot be saved yet. " + " ".join(problems), problems)


def _settle_stage(session: Session, referral_id: int, before: Stage) -> tuple[CaseRecord, Stage, bool]:
    case = session.load_case(referral_id)
    stage = derive_stage(case)
    if stage != case.referral.stage:
        session.set_stage(referral_id, stage)
        case.referral.stage = stage
    return case, stage, stage != before


def apply_change(
    session: Session, referral_id: int, action: Action | None, today: date | None,
    write: Callable[[CaseRecord], T],
) -> Changed[T]:
    """The one way a case changes: in one transaction, load the case, check the pathway allows
    `action` for this user, `write` (given the case as loaded; it may refuse with
    `refuse_entry`), then settle the stage. With `action` None the pathway has no action for
    the entry (breach, end of treatment, follow-ups come after the pathway's stages) and
    `write` checks who may make it."""
    with session.transaction():
        case = session.load_case(referral_id)
        if action is not None:
            require(action, case, session.user, resolve_today(today))
        record = write(case)
        after, stage, moved = _settle_stage(session, referral_id, derive_stage(case))
    return Changed(record=record, case=after, stage=stage, stage_changed=moved)


def _now() -> datetime:
    return clock.utc_now()


# --- referral -----------------------------------------------------------------------------


def register_referral(session: Session, person: Person, referral: Referral, today: date | None = None) -> Changed[Referral]:
    """A new referral, for a new person (id None) or one already on the device."""
    provisional = CaseRecord(
        person=person, referral=referral.model_copy(update={"id": None, "person_id": person.id or 0})
    )
    require(Action.REGISTER_REFERRAL, provisional, session.user, resolve_today(today))
    with session.transaction():
        saved_person = person if person.id is not None else session.add_person(person)
        saved = session.add_referral(referral.model_copy(update={"person_id": saved_person.id, "stage": Stage.REFERRED}))
        after, stage, moved = _settle_stage(session, saved.id, Stage.REFERRED)
    return Changed(record=saved, case=after, stage=stage, stage_changed=moved)


def record_adjournment(session: Session, adjournment: Adjournment, today: date | None = None) -> Changed[Adjournment]:
    refuse_entry("adjournment", [] if adjournment.reason.strip() else ["Give the reason for the adjournment."])
    return apply_change(session, adjournment.referral_id, Action.RECORD_ADJOURNMENT, today,
                        lambda case: session.add_adjournment(adjournment))


def close_case(session: Session, referral_id: int, reason: str, today: date | None = None) -> Changed[Referral]:
    refuse_entry("closure", [] if reason.strip() else ["Give the reason the case is being closed."])

    def write(case: CaseRecord) -> Referral:
        closed = case.referral.model_copy(update={"closed_at": _now(), "closure_reason": reason.strip()})
        return session.update_referral(closed)

    return apply_change(session, referral_id, Action.CLOSE_CASE, today, write)


# --- questionnaires -----------------------------------------------------------------------


def start_administration(
    session: Session, referral_id: int, instrument_id: str, mode: AdministrationMode, today: date | None = None,
) -> Changed[Administration]:
    form_hash = forms.form_hash(instrument_id)
    return apply_change(session, referral_id, administration_action(instrument_id), today,
                        lambda case: session.start_administration(referral_id, instrument_id, form_hash, mode))


def complete_administration(session: Session, administration_id: int, today: date | None = None) -> Changed[Administration]:
    started = session.get_administration(administration_id)
    return apply_change(session, started.referral_id, administration_action(started.instrument_id), today,
                        lambda case: session.complete_administration(administration_id))


# --- assessment, consent, decision --------------------------------------------------------


def save_assessment(session: Session, assessment: PractitionerAssessment, today: date | None = None) -> Changed[PractitionerAssessment]:
    """Saves the interview as it goes; marking it complete needs everything in
    `assessment.assessment_is_complete`."""

    def write(case: CaseRecord) -> PractitionerAssessment:
        if assessment.completed:
            refuse_entry("completed assessment", assessment_is_complete(assessment, case))
        return session.save_assessment(assessment)

    return apply_change(session, assessment.referral_id, Action.ASSESS, today, write)


def record_consent(session: Session, consent: ConsentRecord, today: date | None = None) -> Changed[ConsentRecord]:
    def write(case: CaseRecord) -> ConsentRecord:
        refuse_entry("consent", consent_entry_problems(consent, case, resolve_today(today)))
        return session.record_consent(consent)

    return apply_change(session, consent.referral_id, Action.TAKE_CONSENT, today, write)


def withdraw_consent(
    session: Session, referral_id: int, when: datetime, reason: str, today: date | None = None,
) -> Changed[ConsentRecord]:
    """Manual Appendix 2: the right to withdraw at any time. After sentence to a treatment
    requirement it is a breach, back to court (Manual §4.7): a breach record is made with it."""

    def write(case: CaseRecord) -> ConsentRecord:
        consent = consent_in_force(case)
        assert consent is not None and consent.id is not None  # pathway.require checked it
        problems = [] if reason.strip() else ["Give the reason consent was withdrawn, in the person's words if possible."]
        if when < consent.consented_at:
            problems.append("The withdrawal is dated before the consent was given.")
        refuse_entry("withdrawal", problems)
        withdrawn = session.withdraw_consent(consent.id, when, reason.strip())
        breach = breach_for_withdrawal(case, when, reason, session.user.id or 0)
        if breach is not None:
            session.record_breach(breach)
        return withdrawn

    return apply_change(session, referral_id, Action.WITHDRAW_CONSENT, today, write)


def record_decision(session: Session, decision: ClinicalLeadDecision, today: date | None = None) -> Changed[ClinicalLeadDecision]:
    def write(case: CaseRecord) -> ClinicalLeadDecision:
        refuse_entry("Clinical Lead decision", decision_entry_problems(decision, session.user))
        return session.record_decision(decision)

    return apply_change(session, decision.referral_id, Action.RECORD_DECISION, today, write)


def record_provider_acceptance(
    session: Session, acceptance: ProviderAcceptance, today: date | None = None,
) -> Changed[ProviderAcceptance]:
    """The DRR/ATR provider's answer, accepted or not, with its reasons (Manual §2.4)."""

    def write(case: CaseRecord) -> ProviderAcceptance:
        refuse_entry("treatment provider's answer", provider_acceptance_entry_problems(acceptance, case))
        return session.record_provider_acceptance(acceptance)

    return apply_change(session, acceptance.referral_id, Action.RECORD_PROVIDER_ACCEPTANCE, today, write)


# --- reports and sentence -----------------------------------------------------------------

def issue_report(
    session: Session, referral_id: int, kind: ReportKind, final: bool, today: date | None = None,
    pdf: bytes | None = None,
) -> Changed[ReportIssued]:
    """Records that a report was issued (printed or handed over), with the PDF's size and hash
    when it is given; the PDF is the reports package's work. A final PSR is the Clinical
    Lead's sign-off (Manual §4.4, Appendix 3)."""
    issued = ReportIssued(referral_id=referral_id, kind=kind, final=final, issued_at=_now(),
                          issued_by=session.user.id, pdf_size=None if pdf is None else len(pdf),
                          pdf_sha1=None if pdf is None else hashlib.sha1(pdf).hexdigest())
    return apply_change(session, referral_id, report_action(kind, final), today,
                        lambda case: session.record_report_issued(issued))


def sign_off_report(session: Session, referral_id: int, today: date | None = None) -> Changed[ReportIssued]:
    """The Clinical Lead signs off the Responsible Clinician's report, an explicit step after the
    decision to treat or decline (Manual §4.4, Appendix 3), so the Court Duty Officer can issue the final
    report. It is recorded as the final report's first issue (`pathway.report_signed_off`)."""
    issued = ReportIssued(referral_id=referral_id, kind=ReportKind.PSR, final=True, issued_at=_now(),
                          issued_by=session.user.id)
    return apply_change(session, referral_id, Action.SIGN_OFF_REPORT, today,
                        lambda case: session.record_report_issued(issued))


def record_sentence(session: Session, outcome: SentenceOutcome, today: date | None = None) -> Changed[SentenceOutcome]:
    def write(case: CaseRecord) -> SentenceOutcome:
        refuse_entry("sentence", sentence_entry_problems(outcome, resolve_today(today)))
        return session.record_sentence(outcome)

    return apply_change(session, outcome.referral_id, Action.RECORD_SENTENCE, today, write)
