"""Change between two administrations: reliable change at the threshold on both sides,
clinically significant change, recovery, and instruments without a published value."""

from __future__ import annotations

import pytest

from forms import load_form
from forms.schema import Keying
from scoring import ChangeNotDefined, change
from cstr_desk.score_words import change_refusal_words, source_words
from scoring.result import ChangeClass

IMPROVED, WORSE, SAME = (
    ChangeClass.RELIABLE_IMPROVEMENT, ChangeClass.RELIABLE_DETERIORATION, ChangeClass.NO_RELIABLE_CHANGE
)


def with_item_sum(form_id: str, item_sum: int) -> dict[int, int | None]:
    """Complete answers whose item scores (after reverse keying) add up to item_sum."""
    form = load_form(form_id)
    top = max(form.allowed_values(1))
    low = min(form.allowed_values(1))
    answers, rest = {}, item_sum - low * len(form.items)
    for item in form.items:
        scored = low + min(top - low, rest)
        rest -= scored - low
        answers[item.number] = top - scored if item.keying is Keying.REVERSE else scored
    assert rest == 0
    return answers


# (instrument, reliable change, clinical cut-off, item sums per point of the change score)
RULES = [("phq9", 6, 10, 1), ("gad7", 4, 8, 1), ("core10", 6, 11, 1)]


@pytest.mark.parametrize(("form_id", "rci", "cutoff", "_"), RULES)
def test_reliable_change_at_the_threshold_on_both_sides(form_id: str, rci: int, cutoff: int, _: int) -> None:
    start = 15 if form_id != "gad7" else 12
    cases = {
        start - rci: IMPROVED, start - rci + 1: SAME, start + rci - 1: SAME, start + rci: WORSE, start: SAME,
    }
    for after, expected in cases.items():
        result = change(form_id, with_item_sum(form_id, start), with_item_sum(form_id, after))
        assert result.classification is expected, (form_id, after)
        assert result.difference == after - start
        assert result.reliable_change_value == rci and result.clinical_cutoff == cutoff


@pytest.mark.parametrize(
    ("after_sum", "expected"), [(51, IMPROVED), (52, SAME), (84, SAME), (85, WORSE)]
)
def test_core_om_reliable_change_is_5_on_the_clinical_score(after_sum: int, expected: ChangeClass) -> None:
    # 68/34 x 10 = 20.0; 51 -> 15.0 (exactly 5 better), 52 -> 15.29, 84 -> 24.71, 85 -> 25.0.
    result = change("core34", with_item_sum("core34", 68), with_item_sum("core34", after_sum))
    assert result.before == pytest.approx(20.0)
    assert result.classification is expected
    assert result.reliable_change_value == 5 and result.clinical_cutoff == 10


@pytest.mark.parametrize(
    ("form_id", "before", "after", "significant"),
    [("phq9", 10, 9, True), ("phq9", 9, 10, True), ("phq9", 12, 10, False), ("gad7", 8, 7, True),
     ("core10", 11, 10, True), ("core10", 10, 5, False), ("core34", 34, 33, True), ("core34", 40, 34, False)],
)
def test_clinically_significant_change_is_crossing_the_cutoff(form_id, before, after, significant) -> None:
    result = change(form_id, with_item_sum(form_id, before), with_item_sum(form_id, after))
    assert result.clinically_significant is significant


@pytest.mark.parametrize(
    ("form_id", "before", "after", "recovered", "reliable_recovery"),
    [("phq9", 15, 9, True, True), ("phq9", 10, 9, True, False), ("phq9", 9, 3, False, False),
     ("phq9", 20, 10, False, False), ("gad7", 12, 7, True, True), ("gad7", 8, 7, True, False),
     ("gad7", 7, 0, False, False)],
)
def test_iapt_recovery(form_id, before, after, recovered, reliable_recovery) -> None:
    result = change(form_id, with_item_sum(form_id, before), with_item_sum(form_id, after))
    assert (result.recovered, result.reliable_recovery) == (recovered, reliable_recovery)


@pytest.mark.parametrize(("form_id", "before", "after"), [("core10", 30, 5), ("core34", 60, 10)])
def test_core_does_not_define_recovery(form_id: str, before: int, after: int) -> None:
    result = change(form_id, with_item_sum(form_id, before), with_item_sum(form_id, after))
    assert result.recovered is None and result.reliable_recovery is None
    assert result.clinically_significant and result.classification is IMPROVED


def test_an_unscorable_administration_is_not_classified() -> None:
    before = with_item_sum("phq9", 20) | {1: None, 2: None, 3: None}
    result = change("phq9", before, with_item_sum("phq9", 2))
    assert result.classification is ChangeClass.NOT_SCORABLE
    assert result.before is None and result.after == 2 and result.difference is None
    assert [r.missing for r in result.refusals_before] == [(1, 2, 3)] and not result.refusals_after
    assert change_refusal_words(result).startswith(
        "Change cannot be classified: before: PHQ-9: 3 items missing")


def test_prorated_administrations_are_compared_unrounded() -> None:
    before = with_item_sum("core10", 20) | {10: None}  # items hold 4,4,4,4,4,0...: 20/9 x 10
    after = with_item_sum("core10", 16)
    result = change("core10", before, after)
    assert result.before == pytest.approx(200 / 9)
    assert result.classification is IMPROVED  # 22.2 -> 16: 6.2 better


@pytest.mark.parametrize("form_id", ["k10", "audit", "auditc"])
def test_no_change_without_a_published_reliable_change_value(form_id: str) -> None:
    with pytest.raises(ChangeNotDefined, match=f"{form_id} has no published reliable change value"):
        change(form_id, {}, {})


def test_every_change_result_cites_its_source() -> None:
    for form_id in ("phq9", "gad7", "core10", "core34"):
        result = change(form_id, with_item_sum(form_id, 10), with_item_sum(form_id, 12))
        assert result.sources and all(source_words(s) for s in result.sources)
