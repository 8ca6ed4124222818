"""K10, PHQ-9 and GAD-7: totals, every band boundary, missing-item limits and flags."""

from __future__ import annotations

import pytest

from scoring import AnswerError, OptionError, score
from cstr_desk.score_words import refusal_words, source_words
from scoring.result import FlagCode, MissingItems
from scoring.sources import Source


def spread(n_items: int, total: int, low: int, high: int) -> dict[int, int | None]:
    """Answers to n items, each in low..high, adding up to total (filled from item 1)."""
    values, rest = [low] * n_items, total - low * n_items
    for i in range(n_items):
        step = min(high - low, rest)
        values[i] += step
        rest -= step
    assert rest == 0, "total out of range"
    return {n: v for n, v in enumerate(values, start=1)}


def codes(result) -> set[FlagCode]:
    return {flag.code for flag in result.flags}


# --- K10 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "band"),
    [(10, "low"), (15, "low"), (16, "moderate"), (21, "moderate"), (22, "high"), (29, "high"),
     (30, "very_high"), (50, "very_high")],
)
def test_k10_andrews_slade_bands_by_default(total: int, band: str) -> None:
    result = score("k10", spread(10, total, 1, 5))
    assert result.scorable and result.total == total
    assert result.band is not None and result.band.code == band
    assert result.band.scheme is Source.K10_ANDREWS_SLADE_2001
    assert "Andrews & Slade 2001" in source_words(result.band.scheme)


@pytest.mark.parametrize(
    ("total", "band"),
    [(10, "likely_well"), (19, "likely_well"), (20, "mild"), (24, "mild"), (25, "moderate"),
     (29, "moderate"), (30, "severe"), (50, "severe")],
)
def test_k10_aihw_bands_as_a_site_setting(total: int, band: str) -> None:
    result = score("k10", spread(10, total, 1, 5), scheme="aihw")
    assert result.band is not None and result.band.code == band
    assert "AIHW" in source_words(result.band.scheme)


def test_k10_unknown_scheme_is_refused() -> None:
    with pytest.raises(OptionError, match="unknown K10 band scheme 'kessler'"):
        score("k10", spread(10, 20, 1, 5), scheme="kessler")


def test_k10_one_missing_item_is_prorated_and_rounded() -> None:
    answers = spread(10, 24, 1, 5)  # 5, 5, 5, 3, then 1s
    answers[10] = None  # item 10 was 1: nine answered add up to 23
    result = score("k10", answers)
    assert result.scorable and result.prorated and result.missing_items == (10,)
    assert result.derived["prorated_unrounded"] == pytest.approx(23 * 10 / 9)  # 25.56
    assert result.total == 26
    assert result.band is not None and result.band.code == "high"


def test_k10_prorating_rounds_down_below_a_half() -> None:
    answers = {n: 2 for n in range(1, 10)} | {10: None}
    answers[1] = 3  # nine answered add up to 19: 21.1 -> 21
    result = score("k10", answers)
    assert result.total == 21 and result.band is not None and result.band.code == "moderate"


def test_k10_two_missing_items_are_refused() -> None:
    answers = spread(10, 30, 1, 5) | {2: None, 7: None}
    result = score("k10", answers)
    assert not result.scorable and result.total is None and result.band is None
    assert result.missing_items == (2, 7)
    assert result.refusals == (MissingItems(scale=None, missing=(2, 7), max_missing=1,
                                            rule=Source.K10_MISSING),)
    words = refusal_words(result)[0]
    assert "2 items missing (2, 7)" in words and "PMHC-MDS" in words


def test_k10_rejects_a_value_outside_its_options() -> None:
    with pytest.raises(AnswerError, match=r"K10 item 3: 0 is not one of its options \(1, 2, 3, 4, 5\)"):
        score("k10", spread(10, 20, 1, 5) | {3: 0})


# --- PHQ-9 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "none_minimal"), (4, "none_minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
     (14, "moderate"), (15, "moderately_severe"), (19, "moderately_severe"), (20, "severe"),
     (27, "severe")],
)
def test_phq9_bands(total: int, band: str) -> None:
    result = score("phq9", spread(9, total, 0, 3))
    assert result.scorable and result.total == total
    assert result.band is not None and result.band.code == band


@pytest.mark.parametrize(("total", "case"), [(9, False), (10, True)])
def test_phq9_iapt_caseness(total: int, case: bool) -> None:
    assert (FlagCode.IAPT_CASENESS in codes(score("phq9", spread(9, total, 0, 3)))) is case


def test_phq9_two_missing_items_are_prorated() -> None:
    answers = spread(9, 14, 0, 3) | {8: None, 9: None}  # the answered seven add up to 14
    result = score("phq9", answers)
    assert result.scorable and result.prorated and result.missing_items == (8, 9)
    assert result.total == pytest.approx(14 * 9 / 7)  # 18.0
    assert result.band is not None and result.band.code == "moderately_severe"


def test_phq9_prorated_total_is_banded_unrounded() -> None:
    answers = {1: 3, 2: 3, 3: 1, 4: 0, 5: 0, 6: 0, 7: 0, 8: None, 9: None}  # 7 x 9/7 = 9.0
    assert score("phq9", answers).total == pytest.approx(9.0)
    answers[3] = 2  # 8 x 9/7 = 10.29: moderate although it would show as 10
    result = score("phq9", answers)
    assert result.band is not None and result.band.code == "moderate"


def test_phq9_three_missing_items_are_refused() -> None:
    result = score("phq9", spread(9, 12, 0, 3) | {1: None, 2: None, 3: None})
    assert not result.scorable and result.total is None
    words = refusal_words(result)[0]
    assert "PHQ-9: 3 items missing (1, 2, 3)" in words and "NHS Data Dictionary" in words


@pytest.mark.parametrize("value", [1, 2, 3])
def test_phq9_item_9_above_zero_flags_risk(value: int) -> None:
    result = score("phq9", {n: 0 for n in range(1, 9)} | {9: value})
    risk = [f for f in result.flags if f.code is FlagCode.RISK_ITEM]
    assert len(risk) == 1 and risk[0].items == (9,)


def test_phq9_item_9_at_zero_raises_no_flag() -> None:
    assert FlagCode.RISK_ITEM not in codes(score("phq9", {n: 3 for n in range(1, 9)} | {9: 0}))


def test_phq9_risk_flag_survives_a_refused_score() -> None:
    result = score("phq9", {9: 2})
    assert not result.scorable and FlagCode.RISK_ITEM in codes(result)


# --- GAD-7 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
     (15, "severe"), (21, "severe")],
)
def test_gad7_bands(total: int, band: str) -> None:
    result = score("gad7", spread(7, total, 0, 3))
    assert result.scorable and result.total == total
    assert result.band is not None and result.band.code == band


@pytest.mark.parametrize(("total", "case"), [(7, False), (8, True)])
def test_gad7_iapt_caseness(total: int, case: bool) -> None:
    assert (FlagCode.IAPT_CASENESS in codes(score("gad7", spread(7, total, 0, 3)))) is case


def test_gad7_needs_every_item() -> None:
    assert score("gad7", spread(7, 12, 0, 3)).scorable  # none missing: at the limit
    result = score("gad7", spread(7, 12, 0, 3) | {4: None})  # one beyond it
    assert not result.scorable and result.missing_items == (4,) and not result.prorated
    assert "no missing items" in refusal_words(result)[0]


def test_unknown_item_numbers_are_rejected() -> None:
    with pytest.raises(AnswerError, match="GAD-7 has items 1 to 7; there is no item 8"):
        score("gad7", spread(7, 5, 0, 3) | {8: 1})


@pytest.mark.parametrize("bad", [True, 1.0, "2", -1, 4])
def test_non_option_values_are_rejected(bad: object) -> None:
    with pytest.raises(AnswerError):
        score("gad7", spread(7, 5, 0, 3) | {2: bad})  # type: ignore[dict-item]
