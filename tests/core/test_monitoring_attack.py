"""Every exported return survives an outsider's attack (tests/core/outsider.py, written apart
from the export's own audit): the worked example of issue 12, the hand-built March fixture,
and hypothesis-generated case mixes, in .csv and .xlsx."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from outsider import read_csv, read_xlsx, worked_out
from test_monitoring_cases import MARCH, march_cases

from cstr_desk.domain import EqualityMonitoring, MonitoringFacts
from cstr_desk.workflow.disclosure import Protection
from cstr_desk.workflow.monitoring import monthly_return
from cstr_desk.workflow.monitoring_anonymise import AnonymisedReturn, anonymise
from cstr_desk.workflow.monitoring_export import write_return

DAY = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
BLANK = dict(
    referral_id=0, referred_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC), hearing_date=date(2026, 1, 5),
    referral_source="probation", offence_type="theft", date_of_birth=date(1980, 1, 1),
    equality=EqualityMonitoring().model_dump(), mh_screened_at=None, sm_screened_at=None, assessed_at=None, assessed_for=(),
    consent_at=None, consented=(), withdrawn_at=None, decided_at=None, decision=None,
    psr_at=None, sentenced_on=None, sentenced_at=None, sentence=None, sentence_requirements=(),
    first_session_at=None, first_session_attendance=None, missed_at=(), breach_to_court_on=None,
    adjournments=(),
)


def facts(number: int, **fields: object) -> MonitoringFacts:
    return MonitoringFacts(**{**BLANK, "referral_id": number, **fields})


def sentenced(number: int, kind: str, requirements: tuple[str, ...]) -> MonitoringFacts:
    return facts(number, sentenced_on=DAY.date(), sentenced_at=DAY, sentence=kind,
                 sentence_requirements=requirements)


def worked_example() -> list[MonitoringFacts]:
    """Issue 12: in March, 100 community orders with a CSTR (99 MHTR, 1 MHTR + ATR) and one
    person sentenced without a CSTR; everything else happened in earlier months."""
    cases = [sentenced(n, "community_order", ("mhtr",)) for n in range(1, 100)]
    cases.append(sentenced(100, "community_order", ("mhtr", "atr")))
    cases.append(sentenced(101, "custody", ()))
    return cases


def exported(tmp_path, anonymised: AnonymisedReturn, suffix: str) -> dict:
    out = tmp_path / f"return{suffix}"
    write_return(anonymised, out, site="Testbed", force=True)  # examples reuse one folder
    return read_csv(out) if suffix == ".csv" else read_xlsx(out)


def group_rule(monitoring_return) -> AnonymisedReturn:
    """The suppression the return had before issue 12, as the outsider's target: 1 to 4 hidden,
    and where a group showed its total with one line hidden, its next smallest line too."""
    groups = [g for s in monitoring_return.sheets for g in s.groups]
    counts = {line.key: line.count for g in groups for line in (*g.lines, *((g.total,) if g.total else ()))}
    hidden = {key for key, count in counts.items() if 1 <= count <= 4}
    changed = True
    while changed:
        changed = False
        for g in groups:
            if g.total is None or g.total.key in hidden:
                continue
            if len([line for line in g.lines if line.key in hidden]) == 1:
                others = [line for line in g.lines if line.key not in hidden and line.count]
                hidden.add(min(others, key=lambda line: line.count).key if others else g.total.key)
                changed = True
    shown = {key: "*" if key in hidden else str(count) for key, count in counts.items()}
    return AnonymisedReturn(monitoring_return, shown, Protection(frozenset(), frozenset()))


def test_the_worked_example_is_unpicked_from_the_old_suppression(tmp_path):
    # The attack has teeth: with the old rule the hidden 1s come straight back.
    cells = exported(tmp_path, group_rule(monthly_return(worked_example(), MARCH)), ".csv")
    found = worked_out(cells)
    assert found[("All CSTRs", "Sentenced", "Not sentenced to a CSTR")] == 1
    assert found[("All CSTRs", "Sentenced", "Sentenced to a CSTR")] == 100


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_worked_example_now_survives_the_attack(tmp_path, suffix):
    anonymised = anonymise(monthly_return(worked_example(), MARCH))
    cells = exported(tmp_path, anonymised, suffix)
    assert cells[("All CSTRs", "Sentenced", "Not sentenced to a CSTR")] is None
    assert cells[("All CSTRs", "Sentenced to a CSTR, by type of order", "MHTR + ATR")] is None
    # The smallest figures that protect them: the total of those sentenced (hiding "Sentenced
    # to a CSTR" would not do: Community order 100 + Suspended sentence order 0 gives it back),
    # and the 99 MHTRs beside the one MHTR + ATR.
    assert sorted(anonymised.protection.secondary) == ["All CSTRs/combination:MHTR",
                                                       "All CSTRs/sentenced"]
    assert worked_out(cells) == {}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_march_fixture_survives_the_attack(tmp_path, suffix):
    cells = exported(tmp_path, anonymise(monthly_return(march_cases(), MARCH)), suffix)
    assert None in cells.values()
    assert worked_out(cells) == {}


# --- generated case mixes -------------------------------------------------------------------

REQUIREMENT_SETS = [("mhtr",), ("drr",), ("atr",), ("mhtr", "drr"), ("mhtr", "atr")]
SENTENCE_REQUIREMENTS = [(), ("mhtr",), ("mhtr", "rar"), ("drr",), ("atr",), ("mhtr", "atr"),
                         ("mhtr", "drr"), ("drr", "rar"), ("atr", "drr")]


@st.composite
def case(draw, number: int) -> MonitoringFacts:
    moment = DAY + timedelta(hours=draw(st.integers(0, 400)))
    in_month = st.booleans()
    requirements = draw(st.sampled_from(REQUIREMENT_SETS))
    fields: dict[str, object] = {
        "referral_source": draw(st.sampled_from(["probation", "self_referral", "court_staff",
                                                 "liaison_diversion"])),
        "offence_type": draw(st.sampled_from(["theft", "arson", "burglary"])),
        "equality": {**EqualityMonitoring().model_dump(),
                     "gender": draw(st.sampled_from(["female", "male", None])),
                     "ethnicity": draw(st.sampled_from(["white_british", "asian_british", None]))},
        "date_of_birth": date(draw(st.integers(1950, 2006)), 6, 1),
    }
    if draw(in_month):
        fields |= {"referred_at": moment, "hearing_date": moment.date()}
    if draw(in_month):
        fields["mh_screened_at" if draw(st.booleans()) else "sm_screened_at"] = moment
    if draw(in_month):
        fields |= {"assessed_at": moment, "assessed_for": requirements,
                   "gp_registered": draw(st.sampled_from([True, False, None]))}
    if draw(in_month):
        consented = draw(st.booleans())
        fields |= {"consent_at": moment, "assessed_for": requirements,
                   "consented": requirements if consented else ()}
        if consented and draw(st.booleans()):
            fields["withdrawn_at"] = moment + timedelta(days=1)
    if draw(in_month):
        fields |= {"decided_at": moment, "decision": draw(st.sampled_from(["treat", "decline"]))}
        if draw(st.booleans()):
            fields["psr_at"] = moment
    if draw(in_month) and set(requirements) & {"drr", "atr"}:
        fields["provider_answers"] = tuple((r, draw(st.booleans()), moment)
                                           for r in ("drr", "atr") if r in requirements)
    if draw(in_month):
        kind = draw(st.sampled_from(["community_order", "suspended_sentence_order", "custody",
                                     "fine"]))
        given_requirements = draw(st.sampled_from(SENTENCE_REQUIREMENTS)) if kind in (
            "community_order", "suspended_sentence_order") else ()
        fields |= {"sentenced_on": moment.date(), "sentenced_at": moment, "sentence": kind,
                   "sentence_requirements": given_requirements,
                   "sentencer_answered": draw(st.booleans()),
                   "custody_without_cstr": draw(st.booleans()),
                   "first_attended_on": draw(st.sampled_from([None, moment.date()]))}
    if draw(in_month):
        fields |= {"first_session_at": moment + timedelta(days=2),
                   "first_session_attendance": draw(st.sampled_from(["attended", "missed"]))}
    if draw(in_month):
        fields["missed_at"] = (moment, moment + timedelta(days=3))
    if draw(in_month):
        fields["breach_to_court_on"] = (moment + timedelta(days=4)).date()
        fields["breach_outcome"] = draw(st.sampled_from([None, "resentenced_to_cstr", "custody"]))
    if draw(in_month):
        fields["meeting_on"] = (moment + timedelta(days=5)).date()
    if draw(in_month):
        fields |= {"treatment_ended_on": (moment + timedelta(days=6)).date(),
                   "treatment_completed": draw(st.booleans()),
                   "outcome_changes": draw(st.sampled_from([
                       (), (("phq9", -7.0, "reliable_improvement"),),
                       (("phq9", 1.0, "no_reliable_change"), ("gad7", 5.0, "reliable_deterioration"))]))}
    if draw(in_month):
        fields["adjournments"] = ((moment.date(), draw(st.sampled_from(
            ["court_led", "assessment_not_available", "other"]))),)
    return facts(number, **fields)


@st.composite
def case_mix(draw) -> list[MonitoringFacts]:
    # A few profiles repeated, so some counts are large and some small, as at a real site.
    profiles = draw(st.lists(case(0), min_size=1, max_size=8))
    copies = draw(st.lists(st.sampled_from([1, 1, 2, 3, 5, 9]), min_size=len(profiles),
                           max_size=len(profiles)))
    cases = [p for p, n in zip(profiles, copies) for _ in range(n)]
    return [c._replace(referral_id=i + 1) for i, c in enumerate(cases)]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(cases=case_mix(), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_generated_case_mixes_survive_the_attack(tmp_path, cases, suffix):
    monitoring_return = monthly_return(cases, MARCH)
    anonymised = anonymise(monitoring_return)
    cells = exported(tmp_path, anonymised, suffix)
    assert worked_out(cells) == {}
    # Nothing is hidden that need not be: every * is 1 to 4 or was hidden for another's sake,
    # and what is shown is the true count.
    for key, text in anonymised.shown.items():
        if monitoring_return.line(key).is_statistic:
            continue
        count = monitoring_return.count(key)
        assert text == ("*" if key in anonymised.protection.hidden else str(count))
        assert (key in anonymised.protection.primary) == (1 <= count <= 4)
        assert key not in anonymised.protection.secondary or count > 0
