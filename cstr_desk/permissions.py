"""Who may do what: the one role × action table (STYLE.md rule 11).

Every permission question, the store's and the pathway's alike, is answered by `PERMISSIONS`
below: one row per action, naming the roles that may take it. The store refuses a call whose
action the user's role lacks (store/permissions.py); the pathway adds what each case action
needs first (workflow/pathway.py). Adding an action means adding one `Action`, its label and
its row here; `tests/core/test_permission_table.py` fails until every Session method and every
pathway action is covered.

Sources: DOMAIN.md "Who uses it, where"; Manual §4.1-§4.7 and §5.1 (key roles). L&D workers
register and screen in custody and the cells (Manual §4.1); the practitioner assesses, takes
consent and may record the Clinical Lead's telephone decision (Manual §4.4: they discuss by
phone); the Clinical Lead can do all a practitioner can and alone signs off the final report;
the Court Duty Officer prints reports for the court and records the court's decision (process
evaluation Annex A/B); administrators manage accounts, settings, backups and subject access
requests and see no clinical record otherwise (least privilege).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cstr_desk.domain import DecisionChannel, ReportKind, Role
from cstr_desk.translatable import QT_TRANSLATE_NOOP

LD, PRACT, CL, CDO, ADMIN = (Role.LD_WORKER, Role.PRACTITIONER, Role.CLINICAL_LEAD,
                             Role.COURT_DUTY_OFFICER, Role.ADMINISTRATOR)
CASE_ROLES = frozenset({LD, PRACT, CL, CDO})
EVERY_ROLE = frozenset(Role)


class Action(StrEnum):
    # On one case, in pathway order; the pathway checks what each needs first.
    REGISTER_REFERRAL = "register_referral"
    SCREEN = "screen"
    ASSESS = "assess"
    CHECK_ELIGIBILITY = "check_eligibility"
    TAKE_CONSENT = "take_consent"
    WITHDRAW_CONSENT = "withdraw_consent"
    RECORD_DECISION = "record_decision"
    SIGN_OFF_REPORT = "sign_off_report"
    RECORD_PROVIDER_ACCEPTANCE = "record_provider_acceptance"
    ISSUE_DRAFT_PSR = "issue_draft_psr"
    ISSUE_FINAL_PSR = "issue_final_psr"
    ISSUE_CONSENT_COPY = "issue_consent_copy"
    ISSUE_GP_LETTER = "issue_gp_letter"
    ISSUE_COMPLETION_REPORT = "issue_completion_report"
    ISSUE_COURT_REVIEW = "issue_court_review"
    ISSUE_LEAFLET = "issue_leaflet"
    RECORD_ADJOURNMENT = "record_adjournment"
    RECORD_SENTENCE = "record_sentence"
    SCHEDULE_TREATMENT = "schedule_treatment"
    RECORD_ATTENDANCE = "record_attendance"
    CLOSE_CASE = "close_case"
    RECORD_COURT_FACTS = "record_court_facts"
    RECORD_PSR_PROPOSAL = "record_psr_proposal"
    RECORD_EQUALITY = "record_equality"
    # On a case, after the pathway's stages (no stage preconditions of their own).
    RECORD_BREACH = "record_breach"
    # Through a DRR or ATR (2014 guidance; DRR/ATR service description), after sentence.
    RECORD_TREATMENT_START = "record_treatment_start"
    RECORD_DRUG_TEST = "record_drug_test"
    RECORD_ORDER_REVIEW = "record_order_review"
    SIGN_OFF_COURT_REVIEW = "sign_off_court_review"
    SIGN_FINAL_REVIEW = "sign_final_review"
    RECORD_SAFEGUARDING = "record_safeguarding"
    ALLOCATE_PRACTITIONER = "allocate_practitioner"
    ALLOCATE_TO_OTHERS = "allocate_to_others"
    RECORD_CONTACT = "record_contact"
    RECORD_TREATMENT_PLAN_SENT = "record_treatment_plan_sent"
    RECORD_LEAFLET = "record_leaflet"
    RECORD_GP_CHECK = "record_gp_check"
    # Across the records: reading, and the store's own bookkeeping.
    VIEW_CASES = "view_cases"
    MOVE_STAGE = "move_stage"
    RECORD_EVENT = "record_event"
    READ_SETTINGS = "read_settings"
    LIST_ACCOUNTS = "list_accounts"
    OWN_ACCOUNT = "own_account"
    MONITORING = "monitoring"
    # Administration of the device.
    MANAGE_USERS = "manage_users"
    CHANGE_SETTINGS = "change_settings"
    READ_AUDIT = "read_audit"
    BACKUP = "backup"
    RESTORE = "restore"
    VERIFY = "verify"
    REKEY = "rekey"
    SUBJECT_ACCESS = "subject_access"
    LOAD_DEMO_DATA = "load_demo_data"
    ENROL_HUB = "enrol_hub"
    SYNC_HUB = "sync_hub"
    CLEAR_CONFIRMED = "clear_confirmed"
    PULL_CASES = "pull_cases"


# The actions `pathway.allowed_actions` lists for a case screen.
CASE_ACTIONS: tuple[Action, ...] = tuple(Action)[:tuple(Action).index(Action.RECORD_EQUALITY) + 1]

ACTION_LABELS: dict[Action, str] = {
    Action.REGISTER_REFERRAL: QT_TRANSLATE_NOOP("actions", "register a referral"),
    Action.SCREEN: QT_TRANSLATE_NOOP("actions", "screen the person"),
    Action.ASSESS: QT_TRANSLATE_NOOP("actions", "carry out the practitioner assessment"),
    Action.CHECK_ELIGIBILITY: QT_TRANSLATE_NOOP("actions", "check eligibility"),
    Action.TAKE_CONSENT: QT_TRANSLATE_NOOP("actions", "take consent"),
    Action.WITHDRAW_CONSENT: QT_TRANSLATE_NOOP("actions", "record that consent was withdrawn"),
    Action.RECORD_DECISION: QT_TRANSLATE_NOOP("actions", "record a Clinical Lead decision"),
    Action.SIGN_OFF_REPORT: QT_TRANSLATE_NOOP("actions", "sign off the report for the court"),
    Action.RECORD_PROVIDER_ACCEPTANCE: QT_TRANSLATE_NOOP("actions", "record the treatment provider's acceptance"),
    Action.ISSUE_DRAFT_PSR: QT_TRANSLATE_NOOP("actions", "issue a draft report for the PSR"),
    Action.ISSUE_FINAL_PSR: QT_TRANSLATE_NOOP("actions", "issue the final report for the PSR"),
    Action.ISSUE_CONSENT_COPY: QT_TRANSLATE_NOOP("actions", "issue a copy of the consent"),
    Action.ISSUE_GP_LETTER: QT_TRANSLATE_NOOP("actions", "issue the GP letter"),
    Action.ISSUE_COMPLETION_REPORT: QT_TRANSLATE_NOOP("actions", "issue the completion report"),
    Action.ISSUE_COURT_REVIEW: QT_TRANSLATE_NOOP("actions", "issue the DRR court review report"),
    Action.ISSUE_LEAFLET: QT_TRANSLATE_NOOP("actions", "print the leaflet with the next appointment"),
    Action.RECORD_ADJOURNMENT: QT_TRANSLATE_NOOP("actions", "record an adjournment"),
    Action.RECORD_SENTENCE: QT_TRANSLATE_NOOP("actions", "record the sentence"),
    Action.SCHEDULE_TREATMENT: QT_TRANSLATE_NOOP("actions", "schedule treatment sessions"),
    Action.RECORD_ATTENDANCE: QT_TRANSLATE_NOOP("actions", "record attendance"),
    Action.CLOSE_CASE: QT_TRANSLATE_NOOP("actions", "close the case"),
    Action.RECORD_COURT_FACTS: QT_TRANSLATE_NOOP("actions", "record the plea and the order details"),
    Action.RECORD_PSR_PROPOSAL: QT_TRANSLATE_NOOP("actions", "record the PSR's proposal"),
    Action.RECORD_EQUALITY: QT_TRANSLATE_NOOP("actions", "record equality monitoring answers"),
    Action.RECORD_BREACH: QT_TRANSLATE_NOOP("actions", "record a breach decision"),
    Action.RECORD_TREATMENT_START: QT_TRANSLATE_NOOP("actions", "record the start of treatment"),
    Action.RECORD_DRUG_TEST: QT_TRANSLATE_NOOP("actions", "record drug tests and the test schedule"),
    Action.RECORD_ORDER_REVIEW: QT_TRANSLATE_NOOP("actions", "record meetings, court reviews and the final sentence review"),
    Action.SIGN_OFF_COURT_REVIEW: QT_TRANSLATE_NOOP("actions", "sign off a court review report for probation"),
    Action.SIGN_FINAL_REVIEW: QT_TRANSLATE_NOOP("actions", "sign the completion documents for a provider"),
    Action.RECORD_SAFEGUARDING: QT_TRANSLATE_NOOP("actions", "record a safeguarding referral"),
    Action.ALLOCATE_PRACTITIONER: QT_TRANSLATE_NOOP("actions", "allocate the practitioner"),
    Action.ALLOCATE_TO_OTHERS: QT_TRANSLATE_NOOP("actions", "allocate a case to another practitioner"),
    Action.RECORD_CONTACT: QT_TRANSLATE_NOOP("actions", "record contact preferences and missed-appointment follow-ups"),
    Action.RECORD_TREATMENT_PLAN_SENT: QT_TRANSLATE_NOOP("actions", "record the treatment plan sent to the offender manager"),
    Action.RECORD_LEAFLET: QT_TRANSLATE_NOOP("actions", "record the leaflet given at sentence"),
    Action.RECORD_GP_CHECK: QT_TRANSLATE_NOOP("actions", "record whether the person is registered with a GP"),
    Action.VIEW_CASES: QT_TRANSLATE_NOOP("actions", "see case records"),
    Action.MOVE_STAGE: QT_TRANSLATE_NOOP("actions", "move a case along the pathway"),
    Action.RECORD_EVENT: QT_TRANSLATE_NOOP("actions", "record a report or export in the audit trail"),
    Action.READ_SETTINGS: QT_TRANSLATE_NOOP("actions", "see the site settings"),
    Action.LIST_ACCOUNTS: QT_TRANSLATE_NOOP("actions", "see who has an account"),
    Action.OWN_ACCOUNT: QT_TRANSLATE_NOOP("actions", "lock, unlock or change their own password"),
    Action.MONITORING: QT_TRANSLATE_NOOP("actions", "prepare the monitoring return"),
    Action.MANAGE_USERS: QT_TRANSLATE_NOOP("actions", "manage the user accounts"),
    Action.CHANGE_SETTINGS: QT_TRANSLATE_NOOP("actions", "change the site settings"),
    Action.READ_AUDIT: QT_TRANSLATE_NOOP("actions", "read the audit trail"),
    Action.BACKUP: QT_TRANSLATE_NOOP("actions", "back up the database"),
    Action.RESTORE: QT_TRANSLATE_NOOP("actions", "restore the database from a backup"),
    Action.VERIFY: QT_TRANSLATE_NOOP("actions", "check the database"),
    Action.REKEY: QT_TRANSLATE_NOOP("actions", "re-key the database"),
    Action.SUBJECT_ACCESS: QT_TRANSLATE_NOOP("actions", "export a subject access request"),
    Action.LOAD_DEMO_DATA: QT_TRANSLATE_NOOP("actions", "load demonstration cases"),
    Action.ENROL_HUB: QT_TRANSLATE_NOOP("actions", "enrol this desk with the site hub"),
    Action.SYNC_HUB: QT_TRANSLATE_NOOP("actions", "send this desk's changes to the site hub"),
    Action.CLEAR_CONFIRMED: QT_TRANSLATE_NOOP("actions", "clear closed cases the site hub has confirmed from this desk"),
    Action.PULL_CASES: QT_TRANSLATE_NOOP("actions", "bring the site's cases waiting for assessment onto this desk"),
}

# THE TABLE. One row per action: the roles that may take it. Nothing else grants a permission.
PERMISSIONS: dict[Action, frozenset[Role]] = {
    # Manual §4.1: L&D register and screen; practitioners and Clinical Leads may too.
    Action.REGISTER_REFERRAL: frozenset({LD, PRACT, CL}),
    Action.SCREEN: frozenset({LD, PRACT, CL}),
    # Manual §4.2, §4.3: the practitioner assessment and consent; a Clinical Lead can do all
    # that a practitioner can (Manual §5.1, §4.4).
    Action.ASSESS: frozenset({PRACT, CL}),
    Action.CHECK_ELIGIBILITY: CASE_ROLES,
    Action.TAKE_CONSENT: frozenset({PRACT, CL}),
    Action.WITHDRAW_CONSENT: frozenset({PRACT, CL}),
    # A practitioner records only the Clinical Lead's telephone decision (Manual §4.4):
    # `decision_channel_allowed` holds them to that channel.
    Action.RECORD_DECISION: frozenset({PRACT, CL}),
    # Sign-off is the Clinical Lead's own step after a treat decision (Manual §4.4, Appendix 3).
    Action.SIGN_OFF_REPORT: frozenset({CL}),
    # The DRR/ATR provider's answer (Manual §2.4) is recorded by whoever receives it: the
    # practitioner, the Clinical Lead or, through probation's liaison with the substance misuse
    # service, the Court Duty Officer.
    Action.RECORD_PROVIDER_ACCEPTANCE: frozenset({PRACT, CL, CDO}),
    Action.ISSUE_DRAFT_PSR: frozenset({PRACT, CL, CDO}),
    # Only the Clinical Lead signs off the final report; the CDO then issues it to the court.
    Action.ISSUE_FINAL_PSR: frozenset({CL, CDO}),
    Action.ISSUE_CONSENT_COPY: frozenset({PRACT, CL, CDO}),
    Action.ISSUE_GP_LETTER: frozenset({PRACT, CL}),
    Action.ISSUE_COMPLETION_REPORT: frozenset({PRACT, CL}),
    # The review report is probation's to the court (CJA 2003 s.210), written with the
    # provider(s) (2014 guidance, DRR "Court reviews").
    Action.ISSUE_COURT_REVIEW: frozenset({PRACT, CL, CDO}),
    # The leaflet with the next appointment is given at sentence by the CDO and the court, or
    # by the provider (DRR/ATR service description, "Sentence").
    Action.ISSUE_LEAFLET: frozenset({PRACT, CL, CDO}),
    Action.RECORD_ADJOURNMENT: frozenset({PRACT, CL, CDO}),
    # The CDO records what the court decided (DOMAIN.md "Who uses it").
    Action.RECORD_SENTENCE: frozenset({CDO}),
    Action.SCHEDULE_TREATMENT: frozenset({PRACT, CL}),
    # Attendance, the offender manager told, the end of treatment and follow-ups (Manual §4.5).
    Action.RECORD_ATTENDANCE: frozenset({PRACT, CL}),
    Action.CLOSE_CASE: frozenset({PRACT, CL}),
    # The plea and order details are heard in court and recorded when known, by whoever is
    # with the case (DOMAIN.md "Facts that arrive as the day goes on").
    Action.RECORD_COURT_FACTS: CASE_ROLES,
    # The PSR is probation's: the Court Duty Officer records what it proposed.
    Action.RECORD_PSR_PROPOSAL: frozenset({CDO}),
    # Equality monitoring is asked by those who meet the person (Manual §2.4 "Pre-sentence").
    Action.RECORD_EQUALITY: frozenset({LD, PRACT, CL}),
    # Breach is probation's decision (Manual §4.7), recorded by whoever is with the case.
    Action.RECORD_BREACH: frozenset({CDO, PRACT, CL}),
    # The provider reports the start of treatment and carries out the DRR's tests (2014
    # guidance, "Testing": "usually undertaken by the contracted treatment provider"); the
    # provider's staff hold practitioner accounts (workflow/order_operations.py says why no
    # role of their own).
    Action.RECORD_TREATMENT_START: frozenset({PRACT, CL}),
    Action.RECORD_DRUG_TEST: frozenset({PRACT, CL}),
    # The offender manager co-ordinates the three-way meeting and reviews and prepares the
    # court review report with the provider(s) (DRR/ATR service description, "Sentence"; 2014
    # guidance, DRR "Court reviews"); probation completes the final sentence review with the
    # provider (2014 guidance, "Completion"). Probation is the CDO's role on this desk.
    Action.RECORD_ORDER_REVIEW: frozenset({CDO, PRACT, CL}),
    # The review report is probation's to the court (CJA 2003 s.210; 2014 guidance).
    Action.SIGN_OFF_COURT_REVIEW: frozenset({CDO}),
    # "The service providers will sign the completion documents" (service description).
    Action.SIGN_FINAL_REVIEW: frozenset({PRACT, CL}),
    # Safeguarding referrals are made by whoever meets the person (Manual §4.6; §4.1 custody).
    Action.RECORD_SAFEGUARDING: frozenset({LD, PRACT, CL}),
    # The same practitioner assesses and treats (Manual §4.2, §4.7); the team allocates.
    Action.ALLOCATE_PRACTITIONER: frozenset({PRACT, CL}),
    # Choosing someone else's caseload is the Clinical Lead's, who leads the team (Manual §5.1);
    # a practitioner takes a case on themselves. Administrators see no case (least privilege
    # above), so they cannot choose one to allocate.
    Action.ALLOCATE_TO_OTHERS: frozenset({CL}),
    # The MHTR provider follows up a missed appointment: the person by their chosen method, the
    # care coordinator at once where there is a risk of self-harm or suicide (Manual §4.7).
    Action.RECORD_CONTACT: frozenset({PRACT, CL}),
    # "The MHTR provider will ... provide a treatment plan to the Offender Manager" (§4.7).
    Action.RECORD_TREATMENT_PLAN_SENT: frozenset({PRACT, CL}),
    # "CDO and court must ensure ... a CSTR leaflet ... along with the date/time of the next
    # appointment" (DRR/ATR service description, "Sentence"); the provider may hand it over.
    Action.RECORD_LEAFLET: frozenset({CDO, PRACT, CL}),
    # The MHTR provider checks GP registration before treatment (Manual §2.4, §4.1: a
    # prerequisite of an MHTR) and may help the person register.
    Action.RECORD_GP_CHECK: frozenset({PRACT, CL}),
    Action.VIEW_CASES: CASE_ROLES,
    # The stage is derived from the record after each case change, by whoever made it.
    Action.MOVE_STAGE: CASE_ROLES,
    # A report previewed or printed, a return exported: the store cannot see these itself.
    Action.RECORD_EVENT: EVERY_ROLE,
    Action.READ_SETTINGS: EVERY_ROLE,
    # Names of the staff who made each entry appear on records and reports.
    Action.LIST_ACCOUNTS: EVERY_ROLE,
    Action.OWN_ACCOUNT: EVERY_ROLE,
    # The monthly return leaves the device anonymised (Manual §2.4); any role may prepare it.
    Action.MONITORING: EVERY_ROLE,
    Action.MANAGE_USERS: frozenset({ADMIN}),
    Action.CHANGE_SETTINGS: frozenset({ADMIN}),
    Action.READ_AUDIT: frozenset({ADMIN}),
    Action.BACKUP: frozenset({ADMIN}),
    Action.RESTORE: frozenset({ADMIN}),
    Action.VERIFY: frozenset({ADMIN}),
    Action.REKEY: frozenset({ADMIN}),
    Action.SUBJECT_ACCESS: frozenset({ADMIN}),
    Action.LOAD_DEMO_DATA: frozenset({ADMIN}),
    # Enrolment holds the desk's hub password; like backups, it is the administrator's.
    Action.ENROL_HUB: frozenset({ADMIN}),
    # Whoever is signed in sends the desk's changes (the app syncs in the background, issue 16
    # item 3): what goes is what the desk already holds, to its own site's hub only.
    Action.SYNC_HUB: EVERY_ROLE,
    # Removing cases from the device is the administrator's, as restoring a backup is; it
    # reads no case (the hub's confirmation decides), so it needs no case role.
    Action.CLEAR_CONFIRMED: frozenset({ADMIN}),
    # Pulling stores a person's case on this desk to work on it: whoever may open cases here
    # (the practitioner pulls the cases waiting for assessment, issue 16 item 3), not the
    # administrator, who reads no case.
    Action.PULL_CASES: CASE_ROLES,
}

# Which action may amend each kind of finalised record: the one that made it.
AMEND_ACTION: dict[str, Action] = {
    "person": Action.REGISTER_REFERRAL,
    # Court facts arrive as the day goes on and are corrected as amendments of the referral.
    "referral": Action.RECORD_COURT_FACTS,
    "assessment": Action.ASSESS,
    "consent": Action.TAKE_CONSENT,
    "decision": Action.RECORD_DECISION,
    "provider_acceptance": Action.RECORD_PROVIDER_ACCEPTANCE,
    # Whoever may issue a report of some kind may correct its issue record.
    "report": Action.ISSUE_DRAFT_PSR,
    "psr_proposal": Action.RECORD_PSR_PROPOSAL,
    "sentence": Action.RECORD_SENTENCE,
    "adjournment": Action.RECORD_ADJOURNMENT,
    "session": Action.RECORD_ATTENDANCE,
    "breach": Action.RECORD_BREACH,
    "safeguarding": Action.RECORD_SAFEGUARDING,
    "contact_preferences": Action.RECORD_CONTACT,
    "missed_follow_up": Action.RECORD_CONTACT,
    "treatment_plan_sent": Action.RECORD_TREATMENT_PLAN_SENT,
    "leaflet": Action.RECORD_LEAFLET,
    "gp_check": Action.RECORD_GP_CHECK,
    "completion": Action.RECORD_ATTENDANCE,
    "follow_up": Action.RECORD_ATTENDANCE,
    "treatment_start": Action.RECORD_TREATMENT_START,
    "drug_test": Action.RECORD_DRUG_TEST,
    "test_schedule": Action.RECORD_DRUG_TEST,
    "meeting": Action.RECORD_ORDER_REVIEW,
    "review_hearing": Action.RECORD_ORDER_REVIEW,
    "final_review": Action.RECORD_ORDER_REVIEW,
}

# Brief and DOMAIN.md: K10/CORE-10/AUDIT/AUDIT-C are screens (L&D may give them);
# CORE-34/PHQ-9/GAD-7 belong to the practitioner assessment (Manual §4.2).
SCREENING_INSTRUMENTS = frozenset({"k10", "core10", "audit", "auditc"})
ASSESSMENT_INSTRUMENTS = frozenset({"core34", "phq9", "gad7"})

_REPORT_ACTIONS: dict[ReportKind, Action] = {
    ReportKind.CONSENT: Action.ISSUE_CONSENT_COPY,
    ReportKind.GP_LETTER: Action.ISSUE_GP_LETTER,
    ReportKind.COMPLETION: Action.ISSUE_COMPLETION_REPORT,
    ReportKind.COURT_REVIEW: Action.ISSUE_COURT_REVIEW,
    ReportKind.LEAFLET: Action.ISSUE_LEAFLET,
}


def may(role: Role, action: Action) -> bool:
    return role in PERMISSIONS[action]


def roles_for(action: Action) -> list[Role]:
    """The roles allowed, in the order Role lists them (for wording)."""
    return [role for role in Role if role in PERMISSIONS[action]]


def actions_of(role: Role) -> frozenset[Action]:
    return frozenset(action for action, roles in PERMISSIONS.items() if role in roles)


def administration_action(instrument_id: str) -> Action:
    return Action.SCREEN if instrument_id in SCREENING_INSTRUMENTS else Action.ASSESS


def report_action(kind: ReportKind, final: bool) -> Action:
    """The action that issuing a report is. Only the Responsible Clinician's report has a
    draft and a final (Manual Appendix 3); the others are issued as they are."""
    if kind is ReportKind.PSR:
        return Action.ISSUE_FINAL_PSR if final else Action.ISSUE_DRAFT_PSR
    return _REPORT_ACTIONS[kind]


def decision_channel_allowed(role: Role, channel: DecisionChannel) -> bool:
    """Manual §4.4: the practitioner and Clinical Lead discuss the case by phone; a
    practitioner enters only that telephone decision, never one made on the device."""
    return role != PRACT or channel == DecisionChannel.TELEPHONE


@dataclass(frozen=True)
class Refusal:
    """Why the store refused, as codes: the action and the role that may not make it (and,
    for a decision recorded the wrong way, its channel); permission_words says it."""

    action: Action
    role: Role
    channel: DecisionChannel | None = None
