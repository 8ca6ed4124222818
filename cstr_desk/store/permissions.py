"""Who may do what. Checked by the store on every operation, whatever the screens show.

Roles follow DOMAIN.md "Who uses it, where": L&D workers register and screen; MHTR
practitioners assess and take consent (Manual §4.2, §4.3); only a Clinical Lead decides to
treat or decline (Manual §4.4); the Court Duty Officer receives the report and records what the
court decided (process evaluation Annex A/B); consent is recorded by the provider and
separately by probation (Manual §4.3). Administrators manage accounts, settings, backups and
subject access requests, and see no clinical record otherwise (least privilege).
"""

from __future__ import annotations

from enum import StrEnum

from cstr_desk.domain import DecisionChannel, Role, role_with_article
from cstr_desk.store.errors import PermissionDenied

LD, PRACT, CL, CDO, ADMIN = (Role.LD_WORKER, Role.PRACTITIONER, Role.CLINICAL_LEAD,
                             Role.COURT_DUTY_OFFICER, Role.ADMINISTRATOR)
CASE_ROLES = frozenset({LD, PRACT, CL, CDO})


class Operation(StrEnum):
    MANAGE_USERS = "manage the user accounts"
    CHANGE_SETTINGS = "change the site settings"
    VIEW_CASES = "see case records"
    REGISTER = "register people and referrals"
    SET_STAGE = "move a case along the pathway"
    ADMINISTER = "record questionnaire answers"
    ASSESS = "record the practitioner assessment"
    CONSENT = "record consent"
    DECIDE = "record a Clinical Lead decision"
    ISSUE_REPORT = "record that a report was issued"
    SENTENCE = "record the court's decision"
    TREATMENT = "record treatment sessions"
    READ_AUDIT = "read the audit trail"
    MAINTAIN = "back up or check the database"
    SUBJECT_ACCESS = "export a subject access request"
    BREACH = "record a breach decision"
    MONITORING = "prepare the monitoring return"
    COURT_FACTS = "record the plea and the order details"
    PSR_PROPOSAL = "record the PSR's proposal"


ALLOWED: dict[Operation, frozenset[Role]] = {
    Operation.MANAGE_USERS: frozenset({ADMIN}),
    Operation.CHANGE_SETTINGS: frozenset({ADMIN}),
    Operation.VIEW_CASES: CASE_ROLES,
    Operation.REGISTER: frozenset({LD, PRACT, CL, CDO}),
    Operation.SET_STAGE: CASE_ROLES,
    # A Clinical Lead can do all that a practitioner can (Manual §5.1, §4.4).
    Operation.ADMINISTER: frozenset({LD, PRACT, CL}),
    Operation.ASSESS: frozenset({PRACT, CL}),
    Operation.CONSENT: frozenset({PRACT, CL}),
    # A practitioner records only the Clinical Lead's telephone decision (Manual §4.4: they
    # discuss the case by phone); `check_decision_channel` holds them to that channel.
    Operation.DECIDE: frozenset({CL, PRACT}),
    Operation.ISSUE_REPORT: frozenset({PRACT, CL, CDO}),
    Operation.SENTENCE: frozenset({CDO, PRACT}),
    Operation.TREATMENT: frozenset({PRACT, CL}),
    Operation.READ_AUDIT: frozenset({ADMIN}),
    Operation.MAINTAIN: frozenset({ADMIN}),
    Operation.SUBJECT_ACCESS: frozenset({ADMIN}),
    # Breach is probation's decision (Manual §4.7), recorded by whoever is with the case.
    Operation.BREACH: frozenset({CDO, PRACT, CL}),
    # The monthly return leaves the device anonymised (Manual §2.4); any role may prepare it.
    Operation.MONITORING: frozenset(Role),
    # The plea and order details are heard in court and recorded when known, by whoever is
    # with the case (DOMAIN.md "Facts that arrive as the day goes on").
    Operation.COURT_FACTS: CASE_ROLES,
    # The PSR is probation's: the Court Duty Officer records what it proposed.
    Operation.PSR_PROPOSAL: frozenset({CDO}),
}

# Which operation may amend each kind of finalised record: the role that made it.
AMEND_OPERATION: dict[str, Operation] = {
    "person": Operation.REGISTER,
    "referral": Operation.COURT_FACTS,
    "administration": Operation.ADMINISTER,
    "assessment": Operation.ASSESS,
    "consent": Operation.CONSENT,
    "decision": Operation.DECIDE,
    "report": Operation.ISSUE_REPORT,
    "psr_proposal": Operation.PSR_PROPOSAL,
    "sentence": Operation.SENTENCE,
    "adjournment": Operation.SENTENCE,
    "session": Operation.TREATMENT,
    "breach": Operation.BREACH,
    "completion": Operation.TREATMENT,
    "follow_up": Operation.TREATMENT,
}


def denial_message(operation: Operation) -> str:
    labels = [role_with_article(r) for r in Role if r in ALLOWED[operation]]
    who = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]
    return f"Only {who} can {operation.value}."


def check_decision_channel(role: Role, channel: DecisionChannel) -> None:
    if role == PRACT and channel != DecisionChannel.TELEPHONE:
        raise PermissionDenied(
            "Only a Clinical Lead can record a decision on this device; a practitioner records "
            "the Clinical Lead's telephone decision, with their name and the time you spoke."
        )


def check(role: Role, operation: Operation) -> None:
    if role not in ALLOWED[operation]:
        raise PermissionDenied(denial_message(operation))
