"""AUDIT and AUDIT-C: every skip path, zones, ATR flags, the AUDIT-C threshold."""

from __future__ import annotations

import pytest

from scoring import AnswerError, applicable_items, score
from cstr_desk.score_words import flag_words, note_words, refusal_words
from scoring.result import FlagCode, SkippedAnswer

ALL = list(range(1, 11))


def codes(result) -> set[FlagCode]:
    return {flag.code for flag in result.flags}


def full(total: int) -> dict[int, int | None]:
    """A complete AUDIT (no skipping: items 1-3 at least 1) adding up to total (3..40)."""
    answers: dict[int, int | None] = {n: 0 for n in ALL} | {1: 1, 2: 1, 3: 1}
    rest = total - 3
    for n in (1, 2, 3, 4, 5, 6, 7, 8):
        step = min(4 - answers[n], rest)  # type: ignore[operator]
        answers[n] += step  # type: ignore[operator]
        rest -= step
    for n in (9, 10):
        step = min(4, rest - rest % 2)
        answers[n] = step
        rest -= step
    assert rest == 0, total
    return answers


# --- skip paths ----------------------------------------------------------------------------


def test_never_drinking_skips_items_2_to_8() -> None:
    result = score("audit", {1: 0, 9: 2, 10: 4})
    assert result.scorable and result.total == 6 and result.missing_items == ()
    assert result.skipped_items == (2, 3, 4, 5, 6, 7, 8)
    assert result.derived["auditc"] == 0


def test_skipped_items_may_be_recorded_as_zero() -> None:
    assert score("audit", {n: 0 for n in ALL}).skipped_items == (2, 3, 4, 5, 6, 7, 8)


def test_no_heavy_drinking_skips_items_4_to_8() -> None:
    result = score("audit", {1: 3, 2: 0, 3: 0, 9: 0, 10: 2})
    assert result.scorable and result.total == 5
    assert result.skipped_items == (4, 5, 6, 7, 8)
    assert result.derived["auditc"] == 3


@pytest.mark.parametrize(("item2", "item3"), [(1, 0), (0, 1)])
def test_any_quantity_or_heavy_drinking_asks_every_item(item2: int, item3: int) -> None:
    answers = {1: 2, 2: item2, 3: item3, 9: 0, 10: 0}
    result = score("audit", answers)
    assert not result.scorable and result.skipped_items == ()
    assert result.missing_items == (4, 5, 6, 7, 8)
    assert "AUDIT: 5 items missing (4, 5, 6, 7, 8); the WHO AUDIT manual" in refusal_words(result)[0]


@pytest.mark.parametrize(
    ("answers", "item", "total"),
    [({1: 0, 2: 1, 9: 0, 10: 0}, 2, 0), ({1: 0, 7: 2, 9: 2, 10: 0}, 7, 2),
     ({1: 2, 2: 0, 3: 0, 5: 1, 9: 0, 10: 4}, 5, 6)],
)
def test_an_answer_left_on_a_skipped_item_scores_0_and_is_noted(answers, item, total) -> None:
    # A runner keeps what was recorded when an earlier answer changes; the score must not count it.
    result = score("audit", answers)
    assert result.scorable and result.total == total and item in result.skipped_items
    assert result.notes == (SkippedAnswer(item=item, answer=answers[item]),)
    assert note_words(result)[0].startswith(f"AUDIT item {item} has the answer {answers[item]} but is skipped")


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, ALL),
        ({1: 0}, [1, 9, 10]),
        ({1: 1}, ALL),
        ({1: 1, 2: 0}, ALL),  # the second rule waits for item 3
        ({1: 1, 2: 0, 3: 0}, [1, 2, 3, 9, 10]),
        ({1: 1, 2: 0, 3: 2}, ALL),
        ({1: 4, 2: 4, 3: 4, 4: 0}, ALL),
    ],
)
def test_applicable_items_follow_the_answers_so_far(answers, expected) -> None:
    assert applicable_items("audit", answers) == expected


def test_other_instruments_ask_every_item() -> None:
    assert applicable_items("core34", {}) == list(range(1, 35))
    assert applicable_items("auditc", {1: 0}) == [1]


@pytest.mark.parametrize(
    ("item", "missing"), [(1, (1, 2, 3, 4, 5, 6, 7, 8)), (9, (9,)), (10, (10,))]
)
def test_items_1_9_and_10_are_always_needed(item: int, missing: tuple[int, ...]) -> None:
    # Without item 1 no skip rule can apply, so items 2-8 are still to be asked too.
    result = score("audit", {1: 0, 9: 0, 10: 0} | {item: None})
    assert not result.scorable and result.missing_items == missing


# --- totals, zones and flags ---------------------------------------------------------------


def test_minimum_and_maximum() -> None:
    assert score("audit", {1: 0, 9: 0, 10: 0}).total == 0
    result = score("audit", {n: 4 for n in ALL})
    assert result.total == 40 and result.derived["auditc"] == 12


@pytest.mark.parametrize("bad", [1, 3])
def test_items_9_and_10_have_no_1_or_3(bad: int) -> None:
    with pytest.raises(AnswerError, match=r"AUDIT item 9: .* \(0, 2, 4\)"):
        score("audit", {1: 0, 9: bad, 10: 0})


@pytest.mark.parametrize(
    ("total", "zone"),
    [(0, "zone_1"), (7, "zone_1"), (8, "zone_2"), (15, "zone_2"), (16, "zone_3"), (19, "zone_3"),
     (20, "zone_4"), (40, "zone_4")],
)
def test_who_risk_zones(total: int, zone: str) -> None:
    answers = full(total) if total >= 3 else {1: 0, 9: 0, 10: 0}
    result = score("audit", answers)
    assert result.total == total and result.band is not None and result.band.code == zone


@pytest.mark.parametrize(
    ("total", "flag"),
    [(17, None), (18, FlagCode.AUDIT_INVESTIGATE_ATR), (19, FlagCode.AUDIT_INVESTIGATE_ATR),
     (20, FlagCode.AUDIT_POSSIBLE_DEPENDENCE), (40, FlagCode.AUDIT_POSSIBLE_DEPENDENCE)],
)
def test_atr_flags(total: int, flag: FlagCode | None) -> None:
    found = codes(score("audit", full(total))) & {
        FlagCode.AUDIT_INVESTIGATE_ATR, FlagCode.AUDIT_POSSIBLE_DEPENDENCE
    }
    assert found == ({flag} if flag else set())


def test_dependence_flag_says_consider_atr() -> None:
    flag = next(f for f in score("audit", full(20)).flags if f.code is FlagCode.AUDIT_POSSIBLE_DEPENDENCE)
    assert flag.score == 20 and flag.threshold == 20
    assert flag_words("audit", flag).startswith("AUDIT 20 (20 or more): possible dependence - consider ATR")


@pytest.mark.parametrize(("items", "positive"), [((2, 1, 1), False), ((2, 2, 1), True), ((4, 4, 4), True)])
def test_auditc_positive_flag_within_the_full_audit(items: tuple[int, int, int], positive: bool) -> None:
    answers = {n: 0 for n in ALL} | dict(zip((1, 2, 3), items))
    result = score("audit", answers)
    assert result.derived["auditc"] == sum(items)
    assert (FlagCode.AUDITC_POSITIVE in codes(result)) is positive


# --- AUDIT-C -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [({1: 0}, 0, "negative"), ({1: 2, 2: 1, 3: 1}, 4, "negative"), ({1: 2, 2: 2, 3: 1}, 5, "positive"),
     ({1: 4, 2: 4, 3: 4}, 12, "positive")],
)
def test_auditc_threshold(answers, total: int, band: str) -> None:
    result = score("auditc", answers)
    assert result.total == total and result.band is not None and result.band.code == band
    assert (FlagCode.AUDITC_POSITIVE in codes(result)) is (band == "positive")


def test_auditc_never_drinking_skips_items_2_and_3() -> None:
    result = score("auditc", {1: 0, 2: None, 3: 0})
    assert result.scorable and result.skipped_items == (2, 3) and result.total == 0
    left_over = score("auditc", {1: 0, 2: 3, 3: 2})
    assert left_over.total == 0 and len(left_over.notes) == 2


def test_auditc_refuses_a_missing_item() -> None:
    result = score("auditc", {1: 3, 2: 1})
    assert not result.scorable and result.missing_items == (3,)
    assert refusal_words(result)[0].startswith("AUDIT-C: 1 item missing (3);")
