"""The pathway: stages derived from the record, who may do what, and what each action needs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cstr_desk.domain import (
    Attendance,
    CaseRecord,
    DecisionOutcome,
    Plea,
    ReferralSource,
    ReportKind,
    Requirement,
    Role,
    SentenceRequirement,
    Stage,
    User,
)
from cstr_desk.pathway_words import reason_words
from cstr_desk.permissions import CASE_ACTIONS
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.pathway import (
    Action,
    ActionCheck,
    allowed_actions,
    case_consent_renewal_due,
    consent_renewal_due,
    derive_stage,
    require,
)
from test_pathway_cases import (
    TODAY,
    USERS,
    assessed,
    at,
    closed,
    consent,
    consented,
    decided,
    in_treatment,
    new_case,
    report,
    reported,
    screened,
    drr_reviewed,
    sentenced,
)

LD, PR, CL, CDO, ADMIN = (
    Role.LD_WORKER, Role.PRACTITIONER, Role.CLINICAL_LEAD, Role.COURT_DUTY_OFFICER, Role.ADMINISTRATOR,
)
# Written out from the brief and DOMAIN.md "Who uses it", independently of pathway.ROLE_ACTIONS.
EXPECTED_ROLES: dict[Action, set[Role]] = {
    Action.REGISTER_REFERRAL: {LD, PR, CL},
    Action.SCREEN: {LD, PR, CL},
    Action.ASSESS: {PR, CL},
    Action.CHECK_ELIGIBILITY: {LD, PR, CL, CDO},
    Action.TAKE_CONSENT: {PR, CL},
    Action.WITHDRAW_CONSENT: {PR, CL},
    Action.RECORD_DECISION: {PR, CL},
    Action.RECORD_PROVIDER_ACCEPTANCE: {PR, CL, CDO},
    Action.ISSUE_DRAFT_PSR: {PR, CL, CDO},
    Action.ISSUE_FINAL_PSR: {CL, CDO},
    Action.SIGN_OFF_REPORT: {CL},
    Action.ISSUE_CONSENT_COPY: {PR, CL, CDO},
    Action.ISSUE_GP_LETTER: {PR, CL},
    Action.ISSUE_COMPLETION_REPORT: {PR, CL},
    Action.ISSUE_COURT_REVIEW: {PR, CL, CDO},
    # The leaflet is given at sentence by the CDO or the provider (DRR/ATR service description).
    Action.ISSUE_LEAFLET: {PR, CL, CDO},
    Action.RECORD_ADJOURNMENT: {PR, CL, CDO},
    Action.RECORD_SENTENCE: {CDO},
    Action.SCHEDULE_TREATMENT: {PR, CL},
    Action.RECORD_ATTENDANCE: {PR, CL},
    Action.CLOSE_CASE: {PR, CL},
    # DOMAIN.md "Facts that arrive as the day goes on": recorded when known by whoever is with
    # the case; the PSR's proposal by the Court Duty Officer.
    Action.RECORD_COURT_FACTS: {LD, PR, CL, CDO},
    Action.RECORD_PSR_PROPOSAL: {CDO},
    # Manual §2.4 "Pre-sentence": asked of the people assessed, by those who meet them.
    Action.RECORD_EQUALITY: {LD, PR, CL},
}


def said(result: ActionCheck) -> list[str]:
    """The check's reasons as the screens and the command line word them."""
    return [reason_words(reason) for reason in result.reasons]


def _unregistered() -> CaseRecord:
    return new_case(id=None)


def _consented_for_mhtr_and_atr() -> CaseRecord:
    case = consented()
    case.consents = [consent((Requirement.MHTR, Requirement.ATR))]
    return case


# A case on which each action's preconditions hold, so only the role decides.
READY: dict[Action, Callable[[], CaseRecord]] = {
    Action.REGISTER_REFERRAL: _unregistered,
    Action.SCREEN: new_case,
    Action.ASSESS: screened,
    Action.CHECK_ELIGIBILITY: new_case,
    Action.TAKE_CONSENT: assessed,
    Action.WITHDRAW_CONSENT: consented,
    Action.RECORD_DECISION: consented,
    Action.RECORD_PROVIDER_ACCEPTANCE: _consented_for_mhtr_and_atr,
    Action.ISSUE_DRAFT_PSR: assessed,
    Action.ISSUE_FINAL_PSR: reported,
    Action.SIGN_OFF_REPORT: decided,
    Action.ISSUE_CONSENT_COPY: consented,
    Action.ISSUE_GP_LETTER: sentenced,
    Action.ISSUE_COMPLETION_REPORT: in_treatment,
    Action.ISSUE_COURT_REVIEW: drr_reviewed,
    Action.ISSUE_LEAFLET: in_treatment,
    Action.RECORD_ADJOURNMENT: new_case,
    Action.RECORD_SENTENCE: reported,
    Action.SCHEDULE_TREATMENT: sentenced,
    Action.RECORD_ATTENDANCE: in_treatment,
    Action.CLOSE_CASE: lambda: decided(DecisionOutcome.DECLINE),
    Action.RECORD_COURT_FACTS: new_case,
    Action.RECORD_PSR_PROPOSAL: reported,
    Action.RECORD_EQUALITY: new_case,
}


def _check(action: Action, case: CaseRecord, user: User, today: date = TODAY):
    return next(c for c in allowed_actions(case, user, today) if c.action == action)


def test_every_action_has_a_ready_case_and_expected_roles() -> None:
    assert set(READY) == set(CASE_ACTIONS) == set(EXPECTED_ROLES)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(CASE_ACTIONS))
def test_role_permission(action: Action, role: Role) -> None:
    case, user = READY[action](), USERS[role]
    result = _check(action, case, user)
    assert result.allowed == (role in EXPECTED_ROLES[action]), result.reasons
    if result.allowed:
        require(action, case, user, TODAY)
    else:
        words = said(result)
        assert len(words) == 1 and " cannot " in words[0]
        with pytest.raises(ActionRefused) as refused:
            require(action, case, user, TODAY)
        assert str(refused.value) == words[0]


def test_refusal_names_who_can_in_plain_words() -> None:
    with pytest.raises(ActionRefused) as refused:
        require(Action.RECORD_DECISION, consented(), USERS[CDO], TODAY)
    assert str(refused.value) == (
        "A Court Duty Officer cannot record a Clinical Lead decision: only a Clinical Lead, or a "
        "practitioner recording the Clinical Lead's telephone decision, can."
    )
    with pytest.raises(ActionRefused, match="^An Administrator cannot take consent: only an MHTR practitioner or a Clinical Lead can.$"):
        require(Action.TAKE_CONSENT, assessed(), USERS[ADMIN], TODAY)


def test_a_switched_off_account_can_do_nothing() -> None:
    user = USERS[CL].model_copy(update={"active": False})
    assert not any(c.allowed for c in allowed_actions(in_treatment(), user, TODAY))


# --- stages -------------------------------------------------------------------------------


def _withdrawn_before_sentence() -> CaseRecord:
    case = decided()
    case.consents = [consent(withdrawn=at(200))]
    return case


def _draft_psr_only() -> CaseRecord:
    case = decided()
    case.reports = [report(final=False)]
    return case


def _sentenced_then_closed() -> CaseRecord:
    case = in_treatment()
    case.referral.closed_at = at(9000)
    return case


@pytest.mark.parametrize(
    ("build", "stage"),
    [
        (new_case, Stage.REFERRED),
        (screened, Stage.SCREENED),
        (assessed, Stage.ASSESSED),
        (consented, Stage.CONSENTED),
        (decided, Stage.CLINICAL_LEAD_DECISION),
        (_draft_psr_only, Stage.CLINICAL_LEAD_DECISION),
        (reported, Stage.REPORT_ISSUED),
        (sentenced, Stage.SENTENCED),
        (lambda: sentenced(()), Stage.SENTENCED),
        (in_treatment, Stage.IN_TREATMENT),
        (closed, Stage.CLOSED),
        (_sentenced_then_closed, Stage.CLOSED),
        (_withdrawn_before_sentence, Stage.ASSESSED),
    ],
)
def test_stage_is_derived_from_the_record(build: Callable[[], CaseRecord], stage: Stage) -> None:
    assert derive_stage(build()) == stage


def test_typed_stage_is_ignored() -> None:
    case = new_case(stage=Stage.SENTENCED)
    assert derive_stage(case) == Stage.REFERRED


def test_draft_administration_is_not_screening() -> None:
    case = screened()
    case.administrations[0].status = "draft"
    assert derive_stage(case) == Stage.REFERRED


def test_withdrawal_after_sentence_keeps_the_person_in_treatment() -> None:
    case = in_treatment()
    case.consents = [consent(withdrawn=at(20000))]
    assert derive_stage(case) == Stage.IN_TREATMENT


# --- what each action needs -----------------------------------------------------------------


def _sentenced_consent_withdrawn() -> CaseRecord:
    case = sentenced()
    case.consents = [consent(withdrawn=at(500))]
    return case


def _other_source_without_detail() -> CaseRecord:
    return new_case(id=None, referral_source=ReferralSource.OTHER)


def _all_sessions_recorded() -> CaseRecord:
    case = in_treatment()
    for s in case.sessions:
        s.attendance = Attendance.ATTENDED
    return case


REFUSALS = [
    (Action.REGISTER_REFERRAL, new_case, LD, "already registered"),
    (Action.REGISTER_REFERRAL, _other_source_without_detail, LD, "source is 'other'"),
    (Action.SCREEN, sentenced, PR, "Screening is before sentence"),
    (Action.TAKE_CONSENT, lambda: new_case(date_of_birth=date(2007, 1, 1)), PR, "is 17: a CSTR is only for people aged 18"),
    (Action.TAKE_CONSENT, consented, PR, "is in force and not due for renewal"),
    (Action.TAKE_CONSENT, _sentenced_consent_withdrawn, PR, "After sentence consent can only be renewed"),
    (Action.WITHDRAW_CONSENT, assessed, PR, "no consent in force"),
    (Action.WITHDRAW_CONSENT, _withdrawn_before_sentence, CL, "no consent in force"),
    (Action.RECORD_DECISION, screened, CL, "assessment is not complete"),
    (Action.RECORD_DECISION, assessed, PR, "No consent has been recorded"),
    (Action.RECORD_DECISION, _withdrawn_before_sentence, CL, "withdrew consent"),
    (Action.RECORD_DECISION, decided, CL, "already recorded"),
    (Action.RECORD_DECISION, sentenced, CL, "was sentenced on 12/06/2024"),
    (Action.ISSUE_DRAFT_PSR, screened, PR, "assessment is not complete"),
    (Action.ISSUE_FINAL_PSR, consented, CL, "has not decided"),
    (Action.ISSUE_FINAL_PSR, _withdrawn_before_sentence, CL, "withdrew consent"),
    (Action.ISSUE_FINAL_PSR, decided, CDO, "not signed off the report yet: ask"),
    (Action.SIGN_OFF_REPORT, reported, CL, "already signed off"),
    (Action.SIGN_OFF_REPORT, consented, CL, "has not decided"),
    (Action.ISSUE_FINAL_PSR, sentenced, CL, "was sentenced"),
    (Action.ISSUE_CONSENT_COPY, assessed, CDO, "No consent has been recorded"),
    (Action.ISSUE_GP_LETTER, decided, PR, "follows the court outcome"),
    (Action.ISSUE_GP_LETTER, screened, PR, "assessment is not complete"),
    (Action.ISSUE_COMPLETION_REPORT, sentenced, PR, "no treatment under way"),
    (Action.ISSUE_LEAFLET, reported, CDO, "given at sentence"),
    (Action.RECORD_ADJOURNMENT, sentenced, CDO, "was sentenced"),
    (Action.RECORD_SENTENCE, lambda: new_case(plea=Plea.NOT_YET_TAKEN), CDO, "not pleaded guilty or been found guilty"),
    (Action.RECORD_SENTENCE, lambda: new_case(plea=Plea.NOT_GUILTY), CDO, "not pleaded guilty or been found guilty"),
    (Action.RECORD_SENTENCE, sentenced, CDO, "already recorded"),
    (Action.SCHEDULE_TREATMENT, reported, PR, "not recorded yet"),
    (Action.SCHEDULE_TREATMENT, lambda: sentenced((SentenceRequirement.UNPAID_WORK,)), PR, "no treatment requirement"),
    (Action.SCHEDULE_TREATMENT, _sentenced_consent_withdrawn, PR, "offender manager"),
    (Action.RECORD_ATTENDANCE, sentenced, PR, "No treatment sessions"),
    (Action.CLOSE_CASE, in_treatment, CL, "2 treatment session(s) are still booked"),
]


@pytest.mark.parametrize(("action", "build", "role", "reason"), REFUSALS)
def test_precondition_refusals(action: Action, build: Callable[[], CaseRecord], role: Role, reason: str) -> None:
    case, user = build(), USERS[role]
    result = _check(action, case, user)
    assert not result.allowed
    assert any(reason in r for r in said(result)), said(result)
    with pytest.raises(ActionRefused) as refused:
        require(action, case, user, TODAY)
    assert reason in str(refused.value)
    assert refused.value.reasons == said(result)


@pytest.mark.parametrize(
    ("action", "build", "role"),
    [
        (Action.RECORD_SENTENCE, lambda: new_case(plea=Plea.FOUND_GUILTY_AFTER_TRIAL), CDO),
        (Action.ISSUE_FINAL_PSR, decided, CL),
        (Action.CLOSE_CASE, _all_sessions_recorded, PR),
        (Action.TAKE_CONSENT, _withdrawn_before_sentence, PR),
        (Action.REGISTER_REFERRAL, lambda: new_case(id=None, referral_source=ReferralSource.OTHER, referral_source_other="Housing officer"), LD),
    ],
)
def test_allowed_once_the_need_is_met(action: Action, build: Callable[[], CaseRecord], role: Role) -> None:
    require(action, build(), USERS[role], TODAY)


@pytest.mark.parametrize("action", [a for a in CASE_ACTIONS if a != Action.CHECK_ELIGIBILITY])
def test_a_closed_case_refuses_everything_but_an_eligibility_check(action: Action) -> None:
    role = next(iter(EXPECTED_ROLES[action]))
    result = _check(action, closed(), USERS[role])
    assert not result.allowed and any("closed on 12/06/2024" in r for r in said(result))


def test_eligibility_can_be_checked_on_a_closed_case() -> None:
    assert _check(Action.CHECK_ELIGIBILITY, closed(), USERS[CDO]).allowed


# --- age at consent, including 29 February births ------------------------------------------


def _eighteenth_birthday(born: date) -> date:
    # A 29 February birth attains its age on 1 March in a non-leap year (Family Law Reform Act
    # 1969 s.9: at the start of the anniversary, and 28 February is not it).
    try:
        return born.replace(year=born.year + 18)
    except ValueError:
        return date(born.year + 18, 3, 1)


_births = st.one_of(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2010, 12, 31)),
    st.sampled_from([date(y, 2, 29) for y in range(1952, 2010, 4)]),
)


@given(born=_births, offset=st.integers(min_value=-3, max_value=3))
def test_consent_needs_the_person_to_be_18(born: date, offset: int) -> None:
    today = _eighteenth_birthday(born) + timedelta(days=offset)
    result = _check(Action.TAKE_CONSENT, assessed_born(born), USERS[PR], today)
    assert result.allowed == (offset >= 0), result.reasons


def assessed_born(born: date) -> CaseRecord:
    case = assessed()
    case.person.date_of_birth = born
    return case


# --- consent renewal ------------------------------------------------------------------------


def test_consent_renewal_falls_due_a_year_after_consent() -> None:
    from datetime import UTC, datetime

    given_on = datetime(2024, 2, 29, 11, 0, tzinfo=UTC)
    assert consent_renewal_due(consent(when=given_on), TODAY) == date(2025, 2, 28)
    assert consent_renewal_due(consent(when=at(0)), TODAY) == date(2025, 6, 12)
    withdrawn = consent(when=at(0), withdrawn=at(60))
    assert consent_renewal_due(withdrawn, TODAY) is None
    assert consent_renewal_due(withdrawn, TODAY - timedelta(days=1)) == date(2025, 6, 12)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_consent_renewal_is_within_a_year(given_on: date) -> None:
    from datetime import UTC, datetime

    record = consent(when=datetime.combine(given_on, datetime.min.time(), tzinfo=UTC))
    due = consent_renewal_due(record, given_on)
    assert due is not None and 365 <= (due - given_on).days <= 366
    assert (due.month, due.day) == ((2, 28) if (given_on.month, given_on.day) == (2, 29) else (given_on.month, given_on.day))


def test_renewal_only_applies_while_in_treatment() -> None:
    assert case_consent_renewal_due(in_treatment(), TODAY) == date(2025, 6, 12)
    assert case_consent_renewal_due(sentenced(), TODAY) is None
    assert case_consent_renewal_due(consented(), TODAY) is None


@pytest.mark.parametrize(("days_before_due", "allowed"), [(40, False), (32, False), (31, True), (0, True), (-10, True)])
def test_renewal_can_be_taken_in_the_month_before_it_falls_due(days_before_due: int, allowed: bool) -> None:
    case = in_treatment()
    today = date(2025, 6, 12) - timedelta(days=days_before_due)
    assert _check(Action.TAKE_CONSENT, case, USERS[PR], today).allowed == allowed


def test_a_psr_is_not_the_only_report_that_counts_for_stage() -> None:
    case = decided()
    case.reports = [report(ReportKind.CONSENT)]
    assert derive_stage(case) == Stage.CLINICAL_LEAD_DECISION


def test_a_decline_with_reasons_can_be_signed_off_as_final() -> None:
    # Manual §4.4: the decision, treat or decline, with reasons, goes to probation for the PSR.
    for action in (Action.SIGN_OFF_REPORT, Action.ISSUE_FINAL_PSR):
        result = _check(action, decided(DecisionOutcome.DECLINE), USERS[CL])
        assert result.allowed, (action, result.reasons)
