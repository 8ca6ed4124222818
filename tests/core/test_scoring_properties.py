"""Property-based checks over every instrument: totals stay in range, and a higher answer never
lowers the score (nor raises it on a reverse keyed item)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from forms import INSTRUMENT_IDS, load_form
from forms.schema import Keying
from scoring import applicable_items, score
from scoring.answers import scored_value, skipped_items

# (lowest total, highest total) per instrument, as published.
RANGES = {
    "k10": (10, 50), "core10": (0, 40), "core34": (0, 136), "phq9": (0, 27), "gad7": (0, 21),
    "audit": (0, 40), "auditc": (0, 12),
}


@st.composite
def answer_sets(draw, form_id: str, max_missing: int = 0) -> dict[int, int | None]:
    """Valid complete answers: items a skip rule excludes are recorded as 0."""
    form = load_form(form_id)
    answers: dict[int, int | None] = {}
    for item in form.items:
        answers[item.number] = draw(st.sampled_from(sorted(form.allowed_values(item.number))))
    for number in skipped_items(form, answers):
        answers[number] = 0
    if max_missing:
        asked = applicable_items(form_id, answers)
        for number in draw(st.lists(st.sampled_from(asked), max_size=max_missing, unique=True)):
            answers[number] = None
    return answers


def _instrument_and_answers(max_missing: int = 0):
    return st.sampled_from(INSTRUMENT_IDS).flatmap(
        lambda form_id: st.tuples(st.just(form_id), answer_sets(form_id, max_missing))
    )


@settings(max_examples=300, deadline=None)
@given(_instrument_and_answers())
def test_complete_answers_score_within_the_published_range(case) -> None:
    form_id, answers = case
    result = score(form_id, answers)
    low, high = RANGES[form_id]
    assert result.scorable and result.total is not None and low <= result.total <= high
    assert result.band is not None and not result.refusals


@settings(max_examples=300, deadline=None)
@given(_instrument_and_answers(max_missing=3))
def test_prorated_totals_stay_in_range_and_refusals_name_the_missing(case) -> None:
    form_id, answers = case
    result = score(form_id, answers)
    low, high = RANGES[form_id]
    if result.scorable:
        assert result.total is not None and low <= result.total <= high
        assert result.prorated is bool(result.missing_items)
    else:
        assert result.total is None and result.band is None and result.refusals
        assert set(result.missing_items) <= {n for n, v in answers.items() if v is None}


@settings(max_examples=400, deadline=None)
@given(_instrument_and_answers(), st.data())
def test_a_higher_answer_never_moves_the_score_the_wrong_way(case, data) -> None:
    form_id, answers = case
    form = load_form(form_id)
    asked = applicable_items(form_id, answers)
    number = data.draw(st.sampled_from(asked))
    higher = [v for v in sorted(form.allowed_values(number)) if v > answers[number]]  # type: ignore[operator]
    if not higher:
        return
    raised = answers | {number: data.draw(st.sampled_from(higher))}
    before, after = score(form_id, answers).total, score(form_id, raised).total
    assert before is not None and after is not None
    if form.item(number).keying is Keying.REVERSE:
        assert after < before
    else:
        assert after > before


@settings(max_examples=200, deadline=None)
@given(answer_sets("core34"))
def test_core_om_means_are_between_0_and_4_and_clinical_is_ten_times(answers) -> None:
    derived = score("core34", answers).derived
    for key in ("all", "all_minus_risk", "W", "P", "F", "R"):
        mean = derived[f"{key}_mean"]
        assert mean is not None and 0 <= mean <= 4
        assert derived[f"{key}_clinical"] == mean * 10


@settings(max_examples=300, deadline=None)
@given(_instrument_and_answers())
def test_a_complete_total_is_exactly_the_sum_of_item_scores(case) -> None:
    form_id, answers = case
    form = load_form(form_id)
    expected = sum(scored_value(form, n, v) for n, v in answers.items() if v is not None)
    assert score(form_id, answers).total == expected
