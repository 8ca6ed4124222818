"""The postcodes a site serves: areas and districts typed in any case with any separators
(issue 14, broken item 1: "NT1, NT2, NT3" made NT1 2CD fail the postcode rule)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from datetime import date

from cstr_desk.domain import Plea, Requirement
from cstr_desk.workflow.eligibility import EligibilityFacts, Verdict, judge
from cstr_desk.workflow.postcodes import is_served, outward_code, read_served_postcodes


def test_the_wizard_example_is_read_as_districts_and_serves_a_district_postcode() -> None:
    served = read_served_postcodes("NT1, NT2, NT3")
    assert served.districts == ("NT1", "NT2", "NT3") and served.areas == ()
    assert is_served("NT1 2CD", served) and is_served("nt3 9zz", served)
    assert not is_served("NT4 1AA", served)


def test_entries_without_commas_in_any_case_are_separate() -> None:
    served = read_served_postcodes("NT2 nt3;SK  m")
    assert served.districts == ("NT2", "NT3") and served.areas == ("SK", "M")
    assert served.entries == ["SK", "M", "NT2", "NT3"]
    assert is_served("M1 2AB", served) and is_served("SK4 1AA", served)
    assert "whole areas SK, M" in served.summary() and "districts NT2, NT3" in served.summary()


def test_what_is_not_an_area_or_district_is_said_and_not_kept() -> None:
    served = read_served_postcodes("NT1, 12, NT1 2CD")
    assert served.entries == ["NT1"]
    assert served.not_understood == ("12", "2CD")
    assert "Not a postcode area or district: 12, 2CD" in served.summary()


def test_an_area_does_not_serve_a_longer_area_sharing_its_letter() -> None:
    served = read_served_postcodes("M")
    assert is_served("M1 2AB", served) and not is_served("ME1 2AB", served)


@given(st.sampled_from(["NT", "SW", "M", "B"]), st.integers(1, 9), st.sampled_from(["", "A", "5"]),
       st.sampled_from([", ", ";", " ", "\n"]), st.booleans())
def test_a_district_is_served_whatever_the_case_or_separator(area, number, extra, separator, lower) -> None:
    district = f"{area}{number}{extra}"
    typed = f"{district}{separator}ZZ9"
    served = read_served_postcodes(typed.lower() if lower else typed)
    postcode = f"{district} 4XY"
    assert outward_code(postcode) == district
    assert is_served(postcode, served)


def test_mhtr_postcode_rule_meets_for_a_district_entry() -> None:
    facts = EligibilityFacts(date_of_birth=date(1988, 2, 14), plea=Plea.GUILTY, postcode="NT1 2CD",
                             site_postcode_areas=("NT1", "NT2", "NT3"))
    result = judge(facts, (Requirement.MHTR,), date(2026, 12, 1))
    finding = next(f for f in result.findings if f.rule.startswith("Lives within"))
    assert finding.verdict == Verdict.MEETS, finding.detail
