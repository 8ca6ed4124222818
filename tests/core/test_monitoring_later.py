"""The return's figures after assessment (Manual §2.4 "Sentence", "Post-Sentence", "Sentence
completion"), counted by hand for March 2026 over test_monitoring_cases.py's cases."""

from __future__ import annotations

from datetime import date

import pytest
from test_monitoring import on_sheet
from test_monitoring_cases import MARCH, at, march_cases

from cstr_desk.domain import BreachOutcome, TreatmentCompletion
from cstr_desk.workflow.monitoring import facts_from_case, monthly_return
from cstr_desk.workflow.monitoring_anonymise import anonymise

EXPECTED_OVERALL = {
    # GP registration as the assessment recorded it, for the people assessed in March (1, 2, 3, 8)
    "gp:yes": 2, "gp:no": 1, "gp:not_recorded": 1,  # 1 and 2; 3; 8
    # Not registered when assessed, found registered by a check in March: 3 (1 was registered
    # already when assessed, so its check does not count).
    "gp_through_cstr": 1,
    "not_cstr_to:custody": 1, "not_cstr_to:fine": 0,  # 7
    "sentencer_form": 2,  # 1 (custody weeks otherwise), 7 (comments)
    "custody_otherwise": 1,  # 1
    # MHTR orders of March: 1 (attended 09/03, due 13/04) and 8 (nothing attended; due 03/04
    # for a first episode of psychosis, passed on the day the return is made).
    "first_session_met:mhtr": 1, "first_session_missed:mhtr": 1, "first_session_not_due:mhtr": 0,
    "first_session_orders:mhtr": 2,
    "breach_outcome:resentenced_to_cstr": 1, "breach_outcome:not_recorded": 0,  # 8
    "meeting": 2,  # 1 (05/03) and 2 (10/03; its joint review is not one)
    "ended": 1, "ended_early": 1, "ended_completed": 0,  # 2
    "outcome:phq9": 1, "outcome_reliable_improvement:phq9": 1,  # 2: 18 -> 9
    "outcome:gad7": 0,  # 2 has no GAD-7 after treatment
    "active": 2,  # 1 and 8 (re-sentenced to a CSTR); 2 ended on 28/03
}
EXPECTED_MHTR = {  # 1, 3, 5, 8
    "gp:yes": 1, "gp:no": 1, "gp:not_recorded": 1, "gp_through_cstr": 1, "sentencer_form": 1, "custody_otherwise": 1,
    "first_session_met:mhtr": 1, "first_session_missed:mhtr": 1, "meeting": 1, "active": 2,
    "breach_outcome:resentenced_to_cstr": 1, "ended": 0,
}
EXPECTED_ATR = {  # 2
    "gp:yes": 1, "gp_through_cstr": 0, "meeting": 1, "ended_early": 1, "outcome:phq9": 1,
    "outcome_reliable_improvement:phq9": 1, "active": 0, "not_cstr_to:custody": 0,
}
EXPECTED_DRR = {"active": 1, "breach_outcome:resentenced_to_cstr": 1, "gp:not_recorded": 1}  # 8


@pytest.fixture(scope="module")
def march():
    return monthly_return(march_cases(), MARCH)


@pytest.mark.parametrize(("sheet", "expected"), [
    ("All CSTRs", EXPECTED_OVERALL), ("MHTR", EXPECTED_MHTR), ("DRR", EXPECTED_DRR),
    ("ATR", EXPECTED_ATR),
])
def test_march_figures_after_assessment_match_the_hand_count(march, sheet, expected):
    assert {key: on_sheet(march, sheet, key) for key in expected} == expected


def test_the_mhtr_first_session_wait_is_only_on_the_mhtr_and_overall_sheets(march):
    for sheet in march.sheets:
        keys = {line.key for group in sheet.groups for line in group.lines}
        assert (f"{sheet.name}/first_session_met:mhtr" in keys) == (sheet.name in ("All CSTRs", "MHTR"))


def test_medians_and_means_by_hand(march):
    # Referral to meeting: 1 three days (02/03 -> 05/03), 2 seven (03/03 -> 10/03): median 5;
    # sentence to meeting: 3 and 5 days: median 4; PHQ-9 change 9 - 18 = -9.
    assert march.line("All CSTRs/referral_to_meeting").value == 5.0
    assert march.line("All CSTRs/sentence_to_meeting").value == 4.0
    assert march.line("All CSTRs/change:phq9").value == -9.0
    assert march.line("All CSTRs/change:gad7").value is None
    with pytest.raises(KeyError):
        march.line("MHTR/referral_to_meeting")  # the All CSTRs sheet's only


def test_a_statistic_is_hidden_with_its_number_of_people(march):
    anonymised = anonymise(march)
    assert anonymised.shown["All CSTRs/meeting"] == "*"  # 2 people
    assert anonymised.shown["All CSTRs/referral_to_meeting"] == "*"
    assert anonymised.shown["All CSTRs/change:gad7"] == ""  # nobody: nothing to hide
    five = monthly_return([_with_id(march_cases()[0], n) for n in range(1, 6)], MARCH)
    shown = anonymise(five).shown
    assert shown["All CSTRs/meeting"] == "5" and shown["All CSTRs/referral_to_meeting"] == "3.0"


def _with_id(case, number):
    case.referral.id = case.person.id = number
    return case


def test_a_first_episode_of_psychosis_shortens_the_wait_to_two_weeks():
    case = march_cases()[7]  # 8: sentenced 20/03, nothing attended
    on_10_april = monthly_return([case], MARCH, today=date(2026, 4, 10))
    assert on_10_april.count("All CSTRs/first_session_missed:mhtr") == 1  # due 03/04
    case.assessment.first_episode_psychosis = False
    on_10_april = monthly_return([case], MARCH, today=date(2026, 4, 10))
    assert on_10_april.count("All CSTRs/first_session_not_due:mhtr") == 1  # due 01/05


def test_an_order_stops_being_active_when_it_ends():
    case = march_cases()[0]  # 1: a 12-month community order from 02/03/2026
    assert monthly_return([case], date(2027, 2, 1)).count("All CSTRs/active") == 1
    assert monthly_return([case], date(2027, 3, 1)).count("All CSTRs/active") == 0  # ran out 02/03
    assert monthly_return([case], date(2026, 2, 1)).count("All CSTRs/active") == 0  # not yet given
    case.completion = TreatmentCompletion(referral_id=1, ended_on=date(2026, 4, 30), completed=True,
                                          recorded_by=2, recorded_at=at("2026-04-30T12:00:00"))
    april = monthly_return([case], date(2026, 4, 1))
    assert april.count("All CSTRs/active") == 0
    assert april.count("All CSTRs/ended_completed") == 1
    breached = march_cases()[7]  # 8: returned to court 28/03, re-sentenced to a CSTR
    breached.breaches[0].outcome = BreachOutcome.CUSTODY
    march = monthly_return([breached], MARCH)
    assert march.count("All CSTRs/active") == 0
    assert march.count("All CSTRs/breach_outcome:custody") == 1


def test_full_cases_and_their_facts_count_alike():
    cases = march_cases()
    assert monthly_return(cases, MARCH) == monthly_return(map(facts_from_case, cases), MARCH)
