"""Eligibility for MHTR, DRR, ATR and their combinations: every rule, its verdicts and sources."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cstr_desk.domain import (
    AdministrationStatus,
    CommunityOrderLevel,
    DecisionOutcome,
    OrderType,
    Plea,
    Requirement,
)
from cstr_desk.workflow.eligibility import (
    EligibilityFacts,
    RequirementResult,
    Verdict,
    check_eligibility,
    facts_from_case,
    judge,
    postcode_area,
)
from test_pathway_cases import (
    SETTINGS,
    TODAY,
    administration,
    audit_answers,
    complete_assessment,
    consent,
    decided,
    new_case,
)

MHTR, DRR, ATR = Requirement.MHTR, Requirement.DRR, Requirement.ATR
MEETS, CHECK, NOT = Verdict.MEETS, Verdict.NEEDS_CHECKING, Verdict.DOES_NOT_MEET


def facts(**changes: object) -> EligibilityFacts:
    """A person who meets every criterion for every allowed requirement and combination."""
    fields = dict(
        date_of_birth=date(1990, 5, 1), plea=Plea.GUILTY, imprisonable_offence=True,
        community_order_level=CommunityOrderLevel.MEDIUM, order_type=OrderType.COMMUNITY_ORDER,
        gp_registered=True, postcode="M1 2AB", site_postcode_areas=("M", "SK"),
        mental_health_need=True, audit_total=24, drug_misuse=True,
        consented_requirements=(MHTR, DRR, ATR), clinical_lead_outcome=DecisionOutcome.TREAT,
        length_months=12,
    )
    fields.update(changes)
    return EligibilityFacts(**fields)


def finding(result: RequirementResult, rule_start: str):
    matches = [f for f in result.findings if f.rule.startswith(rule_start)]
    assert len(matches) >= 1, [f.rule for f in result.findings]
    return matches[0]


def test_everything_met_gives_meets_for_all_five_results() -> None:
    report = check_eligibility(facts(), TODAY)
    assert [r.label for r in report.results] == ["MHTR", "DRR", "ATR", "MHTR + DRR", "MHTR + ATR"]
    assert all(r.verdict == MEETS for r in report.results), [
        (r.label, [f.detail for f in r.findings if f.verdict != MEETS]) for r in report.results
    ]
    assert report.proposed is None and report.warnings == ()
    assert all(f.source for r in report.results for f in r.findings)


# Each row: the changed fact, the requirement it bears on, the rule, its verdict, words in detail.
RULES = [
    (dict(date_of_birth=date(2006, 6, 13)), MHTR, "Aged 18", NOT, "under 18"),
    (dict(date_of_birth=date(2006, 6, 12)), ATR, "Aged 18", MEETS, "Aged 18"),
    (dict(plea=Plea.NOT_YET_TAKEN), DRR, "Pleaded guilty", CHECK, "No plea"),
    (dict(plea=Plea.NOT_GUILTY), MHTR, "Pleaded guilty", NOT, "not guilty"),
    (dict(plea=Plea.FOUND_GUILTY_AFTER_TRIAL), MHTR, "Pleaded guilty", MEETS, "after trial"),
    (dict(community_order_level=None, order_type=None), MHTR, "Offence in the community", CHECK, "Neither"),
    (dict(community_order_level=None, order_type=OrderType.SUSPENDED_SENTENCE_ORDER), ATR, "Offence in the community", MEETS, "suspended"),
    (dict(imprisonable_offence=False), MHTR, "Offence punishable", NOT, "not imprisonable"),
    (dict(imprisonable_offence=False), DRR, "Offence punishable", NOT, "not imprisonable"),
    (dict(imprisonable_offence=None), MHTR, "Offence punishable", CHECK, "Not recorded"),
    (dict(length_months=None), MHTR, "Length at most", CHECK, "No length"),
    (dict(length_months=37), MHTR, "Length at most", NOT, "36-month maximum"),
    (dict(length_months=25, order_type=OrderType.SUSPENDED_SENTENCE_ORDER), DRR, "Length at most", NOT, "24-month maximum"),
    (dict(length_months=30, order_type=None), MHTR, "Length at most", CHECK, "too long for a suspended"),
    (dict(consented_requirements=None), MHTR, "Expressed willingness", CHECK, "No consent"),
    (dict(consented_requirements=(MHTR,)), DRR, "Expressed willingness", CHECK, "does not cover the DRR"),
    (dict(mental_health_need=False), MHTR, "A mental condition", NOT, "no mental health need"),
    (dict(mental_health_need=None), MHTR, "A mental condition", CHECK, "not recorded"),
    (dict(gp_registered=False), MHTR, "Registered with a GP", NOT, "arrange registration"),
    (dict(gp_registered=None), MHTR, "Registered with a GP", CHECK, "not recorded"),
    (dict(postcode="SW1A 1AA"), MHTR, "Lives within", NOT, "SW1A 1AA is outside"),
    (dict(postcode="SK4 1AA"), MHTR, "Lives within", MEETS, "SK"),
    (dict(postcode=None), MHTR, "Lives within", CHECK, "No postcode"),
    (dict(postcode="M1"), MHTR, "Lives within", CHECK, "not a full UK postcode"),
    (dict(site_postcode_areas=()), MHTR, "Lives within", CHECK, "not set"),
    (dict(clinical_lead_outcome=None), MHTR, "Arrangements for treatment", CHECK, "not decided"),
    (dict(clinical_lead_outcome=DecisionOutcome.DECLINE), MHTR, "Arrangements for treatment", NOT, "declined"),
    (dict(drug_misuse=False), DRR, "Dependent on or with a propensity", NOT, "No drug misuse"),
    (dict(drug_misuse=None), DRR, "Dependent on or with a propensity", CHECK, "not been asked"),
    (dict(audit_total=None), ATR, "Dependent on alcohol", CHECK, "No scored AUDIT"),
    (dict(audit_total=None, auditc_positive=True), ATR, "Dependent on alcohol", CHECK, "complete the AUDIT"),
    (dict(audit_total=20), ATR, "Dependent on alcohol", MEETS, "possible dependence"),
    (dict(audit_total=19), ATR, "Dependent on alcohol", CHECK, "investigate"),
    (dict(audit_total=18), ATR, "Dependent on alcohol", CHECK, "investigate"),
    (dict(audit_total=17), ATR, "Dependent on alcohol", NOT, "below 18"),
]


@pytest.mark.parametrize(("changes", "requirement", "rule", "verdict", "words"), RULES)
def test_each_rule(changes: dict, requirement: Requirement, rule: str, verdict: Verdict, words: str) -> None:
    result = judge(facts(**changes), [requirement], TODAY)
    found = finding(result, rule)
    assert found.verdict == verdict and words in found.detail, found
    assert found.source
    # The overall verdict is the worst finding, so one unmet rule decides.
    assert result.verdict == verdict


@pytest.mark.parametrize(
    ("changes", "unaffected"),
    [
        (dict(gp_registered=False), (DRR, ATR)),
        (dict(postcode="SW1A 1AA"), (DRR, ATR)),
        (dict(mental_health_need=False), (DRR, ATR)),
        (dict(audit_total=3), (MHTR, DRR)),
        (dict(drug_misuse=False), (MHTR, ATR)),
    ],
)
def test_requirement_specific_rules_leave_the_others_alone(changes: dict, unaffected: tuple) -> None:
    report = check_eligibility(facts(**changes), TODAY)
    for requirement in unaffected:
        assert report.result_for([requirement]).verdict == MEETS


def test_a_combination_fails_when_either_part_fails() -> None:
    report = check_eligibility(facts(audit_total=5), TODAY)
    assert report.result_for([MHTR, ATR]).verdict == NOT
    assert report.result_for([MHTR, DRR]).verdict == MEETS
    assert report.result_for([ATR, MHTR]).label == "MHTR + ATR"


@pytest.mark.parametrize("requirements", [(DRR, ATR), (MHTR, DRR, ATR), (ATR, DRR)])
def test_drr_and_atr_together_are_refused(requirements: tuple) -> None:
    report = check_eligibility(facts(proposed=requirements), TODAY)
    assert report.proposed is not None and report.proposed.verdict == NOT
    combined = finding(report.proposed, "Combined treatment requirements")
    assert combined.verdict == NOT and "never combined" in combined.detail
    assert all(r.requirements != report.proposed.requirements for r in report.results)


@pytest.mark.parametrize("requirements", [(MHTR, DRR), (MHTR, ATR)])
def test_allowed_combinations(requirements: tuple) -> None:
    result = judge(facts(), requirements, TODAY)
    assert finding(result, "Combined treatment requirements").verdict == MEETS
    assert result.verdict == MEETS


@pytest.mark.parametrize(
    ("level", "order", "warned"),
    [
        (CommunityOrderLevel.LOW, OrderType.COMMUNITY_ORDER, True),
        (None, OrderType.COMMUNITY_ORDER, True),
        (CommunityOrderLevel.MEDIUM, OrderType.COMMUNITY_ORDER, False),
        (CommunityOrderLevel.HIGH, OrderType.COMMUNITY_ORDER, False),
        (None, OrderType.SUSPENDED_SENTENCE_ORDER, False),
    ],
)
def test_two_requirements_below_medium_level_warn_but_do_not_block(level, order, warned: bool) -> None:
    f = facts(community_order_level=level, order_type=order, proposed=(MHTR, ATR))
    report = check_eligibility(f, TODAY)
    combined = report.result_for([MHTR, ATR])
    has_warning = any("medium community order level" in w for w in combined.warnings)
    assert has_warning == warned
    assert any("medium community order level" in w for w in report.warnings) == warned
    if level == CommunityOrderLevel.LOW:
        assert combined.verdict == MEETS
    # A single requirement never carries the combination warning.
    assert report.result_for([MHTR]).warnings == ()


def test_a_drr_over_12_months_warns_about_court_reviews() -> None:
    assert any("court reviews" in w for w in judge(facts(length_months=13), [DRR], TODAY).warnings)
    assert judge(facts(length_months=12), [DRR], TODAY).warnings == ()
    assert judge(facts(length_months=13), [MHTR], TODAY).warnings == ()


def test_no_requirements_to_judge_is_an_error() -> None:
    with pytest.raises(ValueError):
        judge(facts(), [], TODAY)


@pytest.mark.parametrize(
    ("postcode", "area"),
    [("M1 2AB", "M"), ("m1 2ab", "M"), ("SW1A 1AA", "SW"), ("sw1a1aa", "SW"), ("EC1A 1BB", "EC"),
     ("B33 8TH", "B"), ("CR2 6XH", "CR"), ("DN55 1PT", "DN"), ("W1A 0AX", "W"),
     ("M1", None), ("12345", None), ("", None), ("ABC 1AA", None)],
)
def test_postcode_area(postcode: str, area: str | None) -> None:
    assert postcode_area(postcode) == area


# --- properties over a space of inputs -------------------------------------------------------


@given(st.integers(min_value=0, max_value=40))
def test_audit_scores_across_the_range(total: int) -> None:
    verdict = finding(judge(facts(audit_total=total), [ATR], TODAY), "Dependent on alcohol").verdict
    expected = MEETS if total >= 20 else CHECK if total >= 18 else NOT
    assert verdict == expected


@given(
    length=st.integers(min_value=1, max_value=60),
    order=st.sampled_from([OrderType.COMMUNITY_ORDER, OrderType.SUSPENDED_SENTENCE_ORDER, None]),
)
def test_lengths_around_the_maxima(length: int, order: OrderType | None) -> None:
    verdict = finding(judge(facts(length_months=length, order_type=order), [MHTR], TODAY), "Length at most").verdict
    if order == OrderType.COMMUNITY_ORDER:
        assert verdict == (MEETS if length <= 36 else NOT)
    elif order == OrderType.SUSPENDED_SENTENCE_ORDER:
        assert verdict == (MEETS if length <= 24 else NOT)
    else:
        assert verdict == (MEETS if length <= 24 else CHECK if length <= 36 else NOT)


_births = st.one_of(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2012, 12, 31)),
    st.sampled_from([date(y, 2, 29) for y in range(1952, 2012, 4)]),
)


@given(born=_births, today=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
def test_age_rule_agrees_with_the_eighteenth_birthday(born: date, today: date) -> None:
    try:
        eighteenth = born.replace(year=born.year + 18)
    except ValueError:  # 29 February: the birthday is taken as 1 March in a non-leap year
        eighteenth = date(born.year + 18, 3, 1)
    verdict = finding(judge(facts(date_of_birth=born), [MHTR], today), "Aged 18").verdict
    assert verdict == (MEETS if today >= eighteenth else NOT)


@given(
    st.lists(st.sampled_from([MHTR, DRR, ATR]), min_size=1, max_size=3),
)
def test_any_proposal_with_both_drr_and_atr_is_refused(requirements: list[Requirement]) -> None:
    result = judge(facts(), requirements, TODAY)
    assert (result.verdict == NOT) == ({DRR, ATR} <= set(requirements))


# --- facts from the record ------------------------------------------------------------------


def test_facts_from_a_case() -> None:
    case = decided()
    case.consents = [consent((MHTR, ATR))]
    case.administrations += [
        administration("audit", audit_answers(12), minutes=1),
        administration("audit", audit_answers(22), minutes=30),
        administration("audit", audit_answers(40), minutes=50, status=AdministrationStatus.DRAFT),
    ]
    f = facts_from_case(case, SETTINGS, [MHTR, ATR], 12)
    assert f.audit_total == 22  # the latest completed AUDIT, not the later draft
    assert f.consented_requirements == (MHTR, ATR)
    assert f.gp_registered is True and f.mental_health_need is True and f.drug_misuse is False
    assert f.site_postcode_areas == ("M", "SK") and f.postcode == "M1 2AB"
    assert f.clinical_lead_outcome == DecisionOutcome.TREAT
    report = check_eligibility(f, TODAY)
    assert report.proposed is not None and report.proposed.verdict == MEETS
    assert report.result_for([DRR]).verdict == NOT  # no drug misuse recorded


def test_facts_from_a_new_case_need_checking() -> None:
    case = new_case(plea=Plea.NOT_YET_TAKEN, community_order_level=None, proposed_order_type=None)
    case.person.gp_practice = None
    f = facts_from_case(case, SETTINGS, [], None)
    assert f.gp_registered is None and f.audit_total is None and f.consented_requirements is None
    report = check_eligibility(f, TODAY)
    assert all(r.verdict == CHECK for r in report.results)


def test_gp_practice_on_the_person_counts_until_the_assessment_says_otherwise() -> None:
    case = new_case()
    assert facts_from_case(case, SETTINGS, [], None).gp_registered is True
    case.assessment = complete_assessment(gp_registered=False)
    assert facts_from_case(case, SETTINGS, [], None).gp_registered is False


def test_auditc_positive_is_read_from_the_latest_auditc() -> None:
    case = new_case()
    case.administrations = [administration("auditc", {1: 4, 2: 4, 3: 4})]
    f = facts_from_case(case, SETTINGS, [ATR], None)
    assert f.auditc_positive is True and f.audit_total is None
    assert "complete the AUDIT" in finding(judge(f, [ATR], TODAY), "Dependent on alcohol").detail
