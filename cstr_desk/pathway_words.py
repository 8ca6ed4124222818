"""The pathway's reasons in words (issue 15 item 1: codes in the core, words at the edge).

`workflow.pathway.check` and the progress strip return `workflow.reasons.Reason` codes with
their parameters; this module is the one place they are worded, for the screens (through Qt's
translator, `tr`) and in English for the command line and the refusals the workflow raises.
The citations in brackets are the rules' sources; on screen they move to a tooltip
(ui/plain_words.py).
"""

from __future__ import annotations

from cstr_desk.permission_words import role_with_article, who_may
from cstr_desk.permissions import ACTION_LABELS, Action
from cstr_desk.translatable import QT_TRANSLATE_NOOP, Translate, english
from cstr_desk.ukdates import uk_date
from cstr_desk.workflow.reasons import Reason, ReasonCode

_C = "pathway"

REASON_WORDS: dict[ReasonCode, str] = {
    ReasonCode.ACCOUNT_SWITCHED_OFF: QT_TRANSLATE_NOOP("pathway", "{name}'s account is switched off, so it cannot {action}."),
    ReasonCode.ROLE_MAY_NOT: QT_TRANSLATE_NOOP("pathway", "{role} cannot {action}: {who_can}."),
    ReasonCode.CASE_CLOSED: QT_TRANSLATE_NOOP("pathway", "The case was closed on {on}."),
    ReasonCode.ASSESSMENT_INCOMPLETE: QT_TRANSLATE_NOOP("pathway", "The practitioner assessment is not complete yet (Manual §4.2)."),
    ReasonCode.CONSENT_WITHDRAWN: QT_TRANSLATE_NOOP("pathway", "The person withdrew consent; take consent again first (Manual §4.3)."),
    ReasonCode.NO_CONSENT: QT_TRANSLATE_NOOP("pathway", "No consent has been recorded yet (Manual §4.3, §4.4)."),
    ReasonCode.SENTENCED: QT_TRANSLATE_NOOP("pathway", "The case was sentenced on {on}."),
    ReasonCode.ALREADY_REGISTERED: QT_TRANSLATE_NOOP("pathway", "This referral is already registered."),
    ReasonCode.REFERRAL_SOURCE_NOT_SAID: QT_TRANSLATE_NOOP("pathway", "Say who made the referral: the source is 'other' but no detail is given."),
    ReasonCode.BORN_IN_THE_FUTURE: QT_TRANSLATE_NOOP("pathway", "The date of birth is in the future."),
    ReasonCode.SCREENING_BEFORE_SENTENCE: QT_TRANSLATE_NOOP("pathway", "Screening is before sentence; use the outcome measures now."),
    ReasonCode.UNDER_AGE: QT_TRANSLATE_NOOP("pathway", "{name} is {count}: a CSTR is only for people aged {limit} or over (Manual §4.1), so consent cannot be taken."),
    ReasonCode.CONSENT_IN_FORCE: QT_TRANSLATE_NOOP("pathway", "Consent given on {on} is in force and not due for renewal."),
    ReasonCode.CONSENT_ONLY_RENEWED_AFTER_SENTENCE: QT_TRANSLATE_NOOP("pathway", "After sentence consent can only be renewed; tell the offender manager."),
    ReasonCode.NO_CONSENT_TO_WITHDRAW: QT_TRANSLATE_NOOP("pathway", "There is no consent in force to withdraw."),
    ReasonCode.DECISION_RECORDED: QT_TRANSLATE_NOOP("pathway", "A Clinical Lead decision is already recorded ({on}); correct it with an amendment."),
    ReasonCode.NOT_ASSESSED_FOR_DRR_OR_ATR: QT_TRANSLATE_NOOP("pathway", "The person was not assessed for a DRR or an ATR, so there is no provider's answer to record (Manual §2.4)."),
    ReasonCode.NOT_DECIDED: QT_TRANSLATE_NOOP("pathway", "The Clinical Lead has not decided yet (Manual §4.4)."),
    ReasonCode.PROVIDER_ANSWER_AWAITED: QT_TRANSLATE_NOOP("pathway", "The treatment provider's answer on the {requirements} is not known yet (Manual §2.4)."),
    ReasonCode.NOT_SIGNED_OFF: QT_TRANSLATE_NOOP("pathway", "The Clinical Lead has not signed off the report yet: ask {name} to sign it off on the Clinical Lead decision tab."),
    ReasonCode.ALREADY_SIGNED_OFF: QT_TRANSLATE_NOOP("pathway", "The report is already signed off."),
    ReasonCode.NO_CONSENT_ON_RECORD: QT_TRANSLATE_NOOP("pathway", "No consent has been recorded yet."),
    ReasonCode.COURT_OUTCOME_NOT_RECORDED: QT_TRANSLATE_NOOP("pathway", "The GP letter follows the court outcome, which is not recorded yet (Manual §5.3)."),
    ReasonCode.NO_TREATMENT_UNDER_WAY: QT_TRANSLATE_NOOP("pathway", "There is no treatment under way to report on."),
    ReasonCode.NO_DRR: QT_TRANSLATE_NOOP("pathway", "Court review reports are for a DRR, and this case has none."),
    ReasonCode.NO_COURT_REVIEW: QT_TRANSLATE_NOOP("pathway", "No court review is recorded yet: add the period and the contributions first."),
    ReasonCode.NO_TREATMENT_SENTENCE: QT_TRANSLATE_NOOP("pathway", "The leaflet is given at sentence to a treatment requirement, which is not recorded."),
    ReasonCode.NO_NEXT_APPOINTMENT: QT_TRANSLATE_NOOP("pathway", "No next appointment is known yet: book the first session, or give the Clinical Lead's first appointment."),
    ReasonCode.NOT_CONVICTED: QT_TRANSLATE_NOOP("pathway", "The person has not pleaded guilty or been found guilty (Manual §3.2.1); record the plea when it is taken."),
    ReasonCode.SENTENCE_RECORDED: QT_TRANSLATE_NOOP("pathway", "The sentence is already recorded; correct it with an amendment."),
    ReasonCode.PSR_PROPOSAL_RECORDED: QT_TRANSLATE_NOOP("pathway", "The PSR's proposal is already recorded; correct it with an amendment."),
    ReasonCode.NOT_SENTENCED: QT_TRANSLATE_NOOP("pathway", "Treatment follows sentence, which is not recorded yet."),
    ReasonCode.NO_TREATMENT_REQUIREMENT: QT_TRANSLATE_NOOP("pathway", "The sentence has no treatment requirement (MHTR, DRR or ATR)."),
    ReasonCode.CONSENT_WITHDRAWN_AFTER_SENTENCE: QT_TRANSLATE_NOOP("pathway", "Consent was withdrawn; tell the offender manager, who decides on breach (Manual §4.7)."),
    ReasonCode.NO_SESSIONS: QT_TRANSLATE_NOOP("pathway", "No treatment sessions are scheduled yet."),
    ReasonCode.SESSIONS_BOOKED: QT_TRANSLATE_NOOP("pathway", "{count} treatment session(s) are still booked; record attendance or cancel them first."),
    ReasonCode.DECLINED: QT_TRANSLATE_NOOP("pathway", "The Clinical Lead declined to treat."),
    ReasonCode.ASSESSED_WITHOUT_SCREEN: QT_TRANSLATE_NOOP("pathway", "Assessed without a screen."),
    ReasonCode.SENTENCED_WITHOUT_REPORT: QT_TRANSLATE_NOOP("pathway", "Sentenced without a printed report."),
    ReasonCode.SENTENCE_WITHOUT_TREATMENT: QT_TRANSLATE_NOOP("pathway", "The sentence has no treatment requirement."),
    ReasonCode.WAITING_FOR: QT_TRANSLATE_NOOP("pathway", "Waiting for {who} to {action}."),
}

# Who can, where the table's list of roles alone would mislead.
_WHO_CAN_OVERRIDES: dict[Action, str] = {
    Action.RECORD_DECISION: QT_TRANSLATE_NOOP("pathway", "only a Clinical Lead, or a practitioner recording the Clinical Lead's telephone decision, can"),
    Action.ISSUE_FINAL_PSR: QT_TRANSLATE_NOOP("pathway", "only a Clinical Lead signs it off, and a Court Duty Officer issues it once signed off"),
}
_ONLY_WHO_CAN = QT_TRANSLATE_NOOP("pathway", "only {who} can")
_NAMED_CLINICAL_LEAD = QT_TRANSLATE_NOOP("pathway", "{name}, the Clinical Lead,")
_NOT_YET = QT_TRANSLATE_NOOP("pathway", "You cannot {action} on this case yet.")
_AND = QT_TRANSLATE_NOOP("pathway", " and ")


def action_words(action: Action, tr: Translate = english) -> str:
    """"take consent": the action as a sentence names it."""
    return tr("actions", ACTION_LABELS[action])


def reason_words(reason: Reason, tr: Translate = english) -> str:
    """The reason's one sentence."""
    action = action_words(reason.action, tr) if reason.action is not None else ""
    return tr(_C, REASON_WORDS[reason.code]).format(
        name=reason.name or "", count=reason.count, limit=reason.limit, action=action,
        on=uk_date(reason.on) if reason.on is not None else "",
        role=_capitalised(role_with_article(reason.role, tr)) if reason.role else "",
        who_can=_who_can(reason.action, tr) if reason.action is not None else "",
        who=_who(reason, tr),
        requirements=tr(_C, _AND).join(r.name for r in reason.requirements))


def reasons_words(reasons: list[Reason], tr: Translate = english) -> str:
    """Several reasons, one after the other."""
    return " ".join(reason_words(reason, tr) for reason in reasons)


def refusal_words(action: Action, reasons: list[Reason], tr: Translate = english) -> str:
    """Why the action is refused, as one message: a role's refusal alone, else "You cannot
    <action> on this case yet." and each reason."""
    if reasons and reasons[0].code in (ReasonCode.ROLE_MAY_NOT, ReasonCode.ACCOUNT_SWITCHED_OFF):
        return reason_words(reasons[0], tr)
    return " ".join([tr(_C, _NOT_YET).format(action=action_words(action, tr)),
                     reasons_words(reasons, tr)])


def _who_can(action: Action, tr: Translate) -> str:
    if action in _WHO_CAN_OVERRIDES:
        return tr(_C, _WHO_CAN_OVERRIDES[action])
    return tr(_C, _ONLY_WHO_CAN).format(who=who_may(action, tr))


def _who(reason: Reason, tr: Translate) -> str:
    """Whom a step waits for: the Clinical Lead by name where the record names them."""
    if reason.code is not ReasonCode.WAITING_FOR or reason.action is None:
        return ""
    if reason.name:
        return tr(_C, _NAMED_CLINICAL_LEAD).format(name=reason.name)
    return who_may(reason.action, tr)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]

