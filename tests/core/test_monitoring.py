"""Counting the monthly return against cases whose March 2026 figures are worked out by hand
(see test_monitoring_cases.py for what each case did and when)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_monitoring_cases import MARCH, march_cases, provider

from cstr_desk.domain import OffenceType, Requirement

from cstr_desk.workflow.monitoring import facts_from_case, monthly_return

# March 2026, worked out by hand: referred in March are cases 1, 2, 3, 4, 8 (5 and 7 were
# referred in February; 6 at 00:30 BST on 01/04).
EXPECTED_OVERALL = {
    "referred": 5,
    "source:probation": 2,  # cases 1, 3
    "source:liaison_diversion": 1,  # 2
    "source:police_custody": 1,  # 4
    "source:self_referral": 1,  # 8 (6 is April)
    "source:legal_representative": 0,  # 7 is February
    "screened_mh": 3,  # 1, 3, 4 (6 is April)
    "screened_sm": 1,  # 2
    "assessed": 4,  # 1, 2, 3, 8
    "consented": 3,  # 1, 2, 8
    "did_not_consent": 1,  # 3
    "withdrew": 1,  # 5 withdrew on 05/03
    "cl_agreed": 3,  # 1, 2, 8
    "cl_not_accepted": 0,  # 5's decline was in February
    "provider_accepted": 2,  # 2 (ATR), 8 (DRR: its later answer)
    "provider_not_accepted": 0,  # 8's first answer was superseded
    # Probation's proposal, not the Clinical Lead's report: 1, 2 (a draft report), 3 (did not
    # consent); not 8 (a final report, but probation proposed no CSTR).
    "psr": 3,
    "sentenced": 4,  # 1, 2, 7, 8
    "cstr": 3,  # 1, 2, 8
    "not_cstr": 1,  # 7 (custody)
    "combination:MHTR + RAR": 1,
    "combination:ATR": 1,
    "combination:MHTR + DRR": 1,
    "combination:MHTR": 0,
    "combination:Other combination": 0,
    "order:community_order": 2,
    "order:suspended_sentence_order": 1,
    "on_the_day": 1,  # 1 (2 was two days later, 8 sixteen days later)
    "first_attended": 1,  # 1 (8 missed its first)
    "missed_two": 1,  # 1's second miss on 23/03
    "breach": 1,  # 8
    "adjourned": 2,  # 7, twice
    "adjourned:court_led": 1,
    "adjourned:other": 1,  # free text counts as Other
    "adjourned:assessment_not_available": 0,
}

EXPECTED_MHTR = {  # cases 1, 3, 5, 8
    "referred": 3, "source:probation": 2, "source:self_referral": 1, "screened_mh": 2,
    "screened_sm": 0, "assessed": 3, "consented": 2, "did_not_consent": 1, "withdrew": 1,
    "cl_agreed": 2, "psr": 2, "sentenced": 2, "cstr": 2, "not_cstr": 0,
    "combination:MHTR + RAR": 1, "combination:MHTR + DRR": 1, "combination:Other combination": 0,
    "on_the_day": 1, "first_attended": 1, "missed_two": 1, "breach": 1,
}
EXPECTED_DRR = {  # case 8: its provider's answer, not the Clinical Lead's MHTR approval
    "referred": 1, "assessed": 1, "consented": 1, "provider_accepted": 1,
    "provider_not_accepted": 0, "psr": 0, "sentenced": 1, "cstr": 1,
    "combination:MHTR + DRR": 1, "combination:DRR": 0, "breach": 1, "missed_two": 0,
}
EXPECTED_ATR = {  # case 2
    "referred": 1, "screened_sm": 1, "assessed": 1, "consented": 1, "provider_accepted": 1,
    "psr": 1, "cstr": 1,
    "combination:ATR": 1, "order:suspended_sentence_order": 1, "on_the_day": 0,
}
EXPECTED_EQUALITY = {  # the people assessed in March: 1, 2, 3, 8
    "gender:female": 1, "gender:male": 2, "gender:Not recorded": 1,
    "age:35-44": 1,  # 1: 35 on 02/03
    "age:25-34": 1,  # 2: 25 on 03/03, the day before the 26th birthday
    "age:65 and over": 1,  # 3
    "age:18-24": 1,  # 8: 19 on the birthday itself
    "ethnicity:white_british": 3, "ethnicity:Not recorded": 1,
    "offence_type:theft": 4,
}


@pytest.fixture(scope="module")
def march():
    return monthly_return(march_cases(), MARCH)


@pytest.mark.parametrize(("sheet", "expected"), [
    ("All CSTRs", EXPECTED_OVERALL), ("MHTR", EXPECTED_MHTR), ("DRR", EXPECTED_DRR),
    ("ATR", EXPECTED_ATR), ("Equality", EXPECTED_EQUALITY),
])
def test_march_counts_match_the_hand_worked_return(march, sheet, expected):
    actual = {key: on_sheet(march, sheet, key) for key in expected}
    assert actual == expected


def test_requirement_sheets_show_only_their_own_approver(march):
    """Manual §2.4: provider approval for a DRR/ATR, Clinical Lead approval for an MHTR; an
    MHTR+DRR case's Clinical Lead approval is not a DRR approval."""
    events = {sheet.name: {line.key.split("/", 1)[1] for group in sheet.groups
                           for line in group.lines} for sheet in march.sheets}
    assert {"cl_agreed", "provider_accepted"} <= events["All CSTRs"]
    assert "cl_agreed" in events["MHTR"] and "provider_accepted" not in events["MHTR"]
    for name in ("DRR", "ATR"):
        assert "provider_accepted" in events[name] and "cl_agreed" not in events[name]


def test_a_provider_answer_alone_puts_a_case_in_the_month():
    case = march_cases()[4]  # 5: everything in February but the withdrawal in March
    case.consents[0].withdrawn_at = None
    case.provider_acceptances = [
        provider(5, Requirement.ATR, False, "2026-03-12T10:00:00", 51)]
    march = monthly_return([case], MARCH)
    assert march.count("ATR/provider_not_accepted") == 1
    assert march.count("All CSTRs/provider_not_accepted") == 1
    assert march.count("MHTR/withdrew") == 0


def on_sheet(monitoring_return, sheet_name, event):
    """The figure for `event` as the sheet shows it (a combination on a requirement sheet is
    the overall sheet's own figure, keyed once)."""
    sheet = next(s for s in monitoring_return.sheets if s.name == sheet_name)
    found = {line.count for group in sheet.groups
             for line in (*group.lines, *((group.total,) if group.total else ()))
             if line.key.split("/", 1)[1] == event}
    assert len(found) == 1, (sheet_name, event, found)
    return found.pop()


def test_equality_total_is_the_people_assessed(march):
    equality = next(s for s in march.sheets if s.name == "Equality")
    for group in equality.groups:
        assert group.total.count == 4
        assert sum(line.count for line in group.lines) == 4, group.title


def test_groups_add_up_to_their_totals(march):
    for sheet in march.sheets:
        for group in sheet.groups:
            if group.total is not None:
                assert sum(line.count for line in group.lines) == group.total.count, (
                    sheet.name, group.title)


def test_facts_and_full_cases_count_the_same(march):
    facts = [facts_from_case(case) for case in march_cases()]
    assert monthly_return(facts, MARCH) == march


def test_a_month_counts_only_its_own_events():
    april = monthly_return(march_cases(), date(2026, 4, 17))
    assert april.month == date(2026, 4, 1)
    assert april.count("All CSTRs/referred") == 1  # case 6, 00:30 BST on 01/04
    assert april.count("All CSTRs/screened_mh") == 1
    assert april.count("All CSTRs/sentenced") == 0
    february = monthly_return(march_cases(), date(2026, 2, 1))
    assert february.count("All CSTRs/referred") == 2  # 5, and 7 at 23:30 GMT on 28/02
    assert february.count("All CSTRs/cl_not_accepted") == 1  # 5
    assert february.count("All CSTRs/withdrew") == 0


def test_sentence_without_a_time_counts_on_the_day_only_on_the_assessment_day():
    cases = march_cases()
    case = cases[1]  # assessed 03/03, sentenced 05/03 with no time
    case.sentence.sentenced_on = date(2026, 3, 3)
    assert monthly_return([case], MARCH).count("All CSTRs/on_the_day") == 1


def test_sentenced_25_hours_after_assessment_is_not_on_the_day():
    case = march_cases()[0]
    case.sentence.sentenced_on = date(2026, 3, 3)
    case.sentence.sentenced_at = case.assessment.completed_at.replace(day=3, hour=11)
    assert monthly_return([case], MARCH).count("All CSTRs/on_the_day") == 0


def test_offence_types_are_worded_as_the_manual_lists_them():
    """Manual §3.2.2's list of offences "typically captured across the existing sites", line by
    line; every offence type the app records is on the Equality sheet in those words."""
    manual = (Path(__file__).parents[3] / "shared" / "seeds"
              / "primary-care-mhtr-practitioner-manual-2020.txt").read_text("utf-8")
    listed = {line[2:].strip() for line in manual.splitlines() if line.startswith("- ")}
    cases = []
    for number, offence in enumerate(OffenceType, start=1):
        case = march_cases()[0]
        case.referral.offence_type = offence
        case.referral.id = case.person.id = number
        cases.append(case)
    equality = next(s for s in monthly_return(cases, MARCH).sheets if s.name == "Equality")
    group = next(g for g in equality.groups if g.title.startswith("Offence type"))
    labels = [line.label for line in group.lines]
    assert len(labels) == len(OffenceType)
    assert set(labels) <= listed, set(labels) - listed
    assert "Fraud and Forgery" in labels and "Murder - Manslaughter" in labels
