"""The return counts each distinct `MonthView` once for every referral that shares it; an
independent recount one case at a time (tests/core/monitoring_recount.py, the per-row
counting the return had before) agrees with it figure by figure, on hypothesis-generated case
mixes whose dates sit on the month's edges (London midnight either side of the clocks going
forward), on the hand-built March fixture and on the store's demo cases month by month."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from monitoring_recount import differences, recount
from test_monitoring_attack import BLANK
from test_monitoring_cases import MARCH, march_cases
from test_monitoring_store import desk, desk_path  # noqa: F401 (fixtures)

from cstr_desk.domain import EqualityMonitoring, MonitoringFacts
from cstr_desk.workflow.monitoring import EQUALITY_FIELDS, monthly_return
from cstr_desk.workflow.monitoring_export import month_range

# March 2026 in London: from 00:00 GMT on the 1st to 00:00 BST on 1 April (23:00 UTC on the
# 31st; the clocks went forward on the 29th). Times either side of each edge, and inside.
START, END = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 31, 23, tzinfo=UTC)
TICK = timedelta(microseconds=1)
MOMENTS = [START - timedelta(days=40), START - TICK, START, START + timedelta(hours=30),
           datetime(2026, 3, 29, 0, 30, tzinfo=UTC), datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
           END - TICK, END, END + timedelta(days=20)]
DAYS = [date(2026, 1, 20), date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 2),
        date(2026, 3, 31), date(2026, 4, 1), date(2026, 5, 15)]
REQUIREMENTS = [(), ("mhtr",), ("drr",), ("atr",), ("mhtr", "drr"), ("mhtr", "atr")]
SENTENCE_REQUIREMENTS = [(), ("mhtr",), ("mhtr", "rar"), ("drr",), ("atr",), ("mhtr", "atr"),
                         ("mhtr", "drr"), ("drr", "rar"), ("atr", "drr")]


def maybe(values: list) -> st.SearchStrategy:
    return st.none() | st.sampled_from(values)


@st.composite
def case(draw) -> MonitoringFacts:
    sentenced_on = draw(maybe(DAYS))
    kind = draw(st.sampled_from(["community_order", "suspended_sentence_order", "custody", "fine",
                                 "discharge", "weird"]))
    missed = sorted(draw(st.lists(st.sampled_from(MOMENTS), max_size=3)))
    gp_registered = draw(st.sampled_from([True, False, None]))
    fields = {
        "referred_at": draw(maybe(MOMENTS)), "hearing_date": draw(st.sampled_from(DAYS)),
        "referral_source": draw(st.sampled_from(["probation", "self_referral", "iapt"])),
        "offence_type": draw(st.sampled_from(["theft", "arson"])),
        "date_of_birth": draw(st.sampled_from([date(1980, 3, 1), date(2008, 3, 31), date(1961, 6, 1)])),
        "equality": {**EqualityMonitoring().model_dump(),
                     "gender": draw(st.sampled_from(["female", "male", None])),
                     "religion": draw(st.sampled_from(["none", None]))},
        "mh_screened_at": draw(maybe(MOMENTS)), "sm_screened_at": draw(maybe(MOMENTS)),
        "assessed_at": draw(maybe(MOMENTS)), "assessed_for": draw(st.sampled_from(REQUIREMENTS)),
        "consent_at": draw(maybe(MOMENTS)), "consented": draw(st.sampled_from(REQUIREMENTS)),
        "withdrawn_at": draw(maybe(MOMENTS)), "decided_at": draw(maybe(MOMENTS)),
        "decision": draw(st.sampled_from(["treat", "decline"])), "psr_at": draw(maybe(MOMENTS)),
        "sentenced_on": sentenced_on,
        "sentenced_at": draw(maybe(MOMENTS)) if sentenced_on else None,
        "sentence": kind if sentenced_on else None,
        "sentence_requirements": draw(st.sampled_from(SENTENCE_REQUIREMENTS)) if sentenced_on else (),
        "first_session_at": draw(maybe(MOMENTS)),
        "first_session_attendance": draw(st.sampled_from(["attended", "missed", None])),
        "missed_at": tuple(missed), "breach_to_court_on": draw(maybe(DAYS)),
        "adjournments": tuple(sorted(draw(st.lists(st.tuples(st.sampled_from(DAYS), st.sampled_from(
            ["court_led", "assessment_not_available", "other", "unheard_of"])), max_size=3)))),
        "treatment_starts": tuple(sorted(draw(st.lists(st.tuples(
            st.sampled_from(["drr", "atr"]), st.sampled_from(DAYS)), max_size=3)))),
        "provider_answers": tuple((r, draw(st.booleans()), draw(st.sampled_from(MOMENTS)))
                                  for r in ("drr", "atr") if draw(st.booleans())),
        "gp_registered": gp_registered,
        # A check finds them registered only after an assessment that found them not.
        "registered_through_cstr_on": draw(maybe(DAYS)) if gp_registered is False else None,
        "first_episode_psychosis": draw(st.sampled_from([True, False, None])),
        "first_attended_on": draw(maybe(DAYS)), "order_length_months": draw(maybe([1, 6, 12])),
        "sentencer_answered": draw(st.booleans()), "custody_without_cstr": draw(st.booleans()),
        "breach_outcome": draw(maybe(["custody", "resentenced_to_cstr", "order_continued"])),
        "treatment_ended_on": draw(maybe(DAYS)), "treatment_completed": draw(st.booleans()),
        "meeting_on": draw(maybe(DAYS)),
        "outcome_changes": draw(st.sampled_from([(), (("phq9", -7.0, "reliable_improvement"),),
                                                  (("gad7", 2.5, "no_reliable_change"),)])),
    }
    return MonitoringFacts(**{**BLANK, **fields})


@st.composite
def case_mix(draw) -> list[MonitoringFacts]:
    # Some cases repeated, so that several referrals share one view.
    profiles = draw(st.lists(case(), min_size=1, max_size=12))
    copies = draw(st.lists(st.sampled_from([1, 1, 2, 7]), min_size=len(profiles), max_size=len(profiles)))
    cases = [p for p, n in zip(profiles, copies) for _ in range(n)]
    return [c._replace(referral_id=i + 1) for i, c in enumerate(cases)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases=case_mix(), today=st.sampled_from([date(2026, 3, 2), date(2026, 4, 2), date(2026, 9, 1)]))
def test_generated_case_mixes_count_as_the_recount_does(cases, today):
    assert differences(monthly_return(cases, MARCH, today), recount(cases, MARCH, today)) == []


def test_the_march_fixture_counts_as_the_recount_does():
    cases = march_cases()
    assert differences(monthly_return(cases, MARCH), recount(cases, MARCH)) == []
    assert monthly_return(cases, MARCH) == recount(cases, MARCH)


def test_the_demo_months_count_as_the_recount_does(desk):
    today = datetime.now(UTC).date()
    for back in range(4):
        first, following = month_range(date(today.year - (today.month <= back),
                                            (today.month - back - 1) % 12 + 1, 1))
        rows = desk.monitoring_rows(first, following)
        assert differences(monthly_return(rows, first), recount(rows, first)) == [], first
    assert rows  # the demo data reaches back that far


def test_profiles_read_the_equality_answers_in_their_own_order():
    assert tuple(EQUALITY_FIELDS) == tuple(EqualityMonitoring.model_fields)
