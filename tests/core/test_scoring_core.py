"""CORE-10 and CORE-OM: reverse keying, clinical scores, domains, missing-item limits, risk."""

from __future__ import annotations

import pytest

from forms import load_form
from forms.schema import Keying
from scoring import score
from cstr_desk.score_words import note_words, refusal_words
from scoring.result import FlagCode

CORE10_REVERSED = (2, 3)
CORE_OM_REVERSED = (3, 4, 7, 12, 19, 21, 31, 32)
CORE_OM_RISK = (6, 9, 16, 22, 24, 34)


def answers_scoring(form_id: str, scored: dict[int, int | None]) -> dict[int, int | None]:
    """The answers that give these item scores (a reversed item's answer is 4 - its score)."""
    form = load_form(form_id)
    return {
        n: None if s is None else (4 - s if form.item(n).keying is Keying.REVERSE else s)
        for n, s in scored.items()
    }


def scoring_total(form_id: str, n_items: int, total: int, skip: tuple[int, ...] = ()) -> dict[int, int | None]:
    scored, rest = {}, total
    for n in range(1, n_items + 1):
        scored[n] = 0 if n in skip else min(4, rest)
        rest -= scored[n]
    assert rest == 0
    return answers_scoring(form_id, scored)


# --- CORE-10 -----------------------------------------------------------------------------


def test_core10_minimum_and_maximum() -> None:
    low = score("core10", answers_scoring("core10", {n: 0 for n in range(1, 11)}))
    high = score("core10", answers_scoring("core10", {n: 4 for n in range(1, 11)}))
    assert (low.total, low.derived["mean"], high.total, high.derived["mean"]) == (0, 0, 40, 4)


def test_core10_reverse_keys_items_2_and_3() -> None:
    # Everyone answering "Not at all" scores 4 on each positively worded item.
    result = score("core10", {n: 0 for n in range(1, 11)})
    assert result.total == 8
    for number in CORE10_REVERSED:
        answers = {n: 0 for n in range(1, 11)} | {2: 4, 3: 4}
        answers[number] = 0
        assert score("core10", answers).total == 4
    assert score("core10", {n: 4 for n in range(1, 11)}).total == 32


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "healthy"), (5, "healthy"), (6, "low"), (10, "low"), (11, "mild"), (14, "mild"),
     (15, "moderate"), (19, "moderate"), (20, "moderate_severe"), (24, "moderate_severe"),
     (25, "severe"), (40, "severe")],
)
def test_core10_bands(total: int, band: str) -> None:
    result = score("core10", scoring_total("core10", 10, total, skip=(6,) if total <= 36 else ()))
    assert result.total == total and result.derived["clinical"] == total
    assert result.band is not None and result.band.code == band


def test_core10_one_missing_item_is_prorated() -> None:
    answers = scoring_total("core10", 10, 20, skip=(6,)) | {10: None}
    result = score("core10", answers)
    assert result.scorable and result.prorated and result.missing_items == (10,)
    assert result.derived["mean"] == pytest.approx(20 / 9)
    assert result.total == pytest.approx(200 / 9)  # 22.2, unrounded
    assert result.band is not None and result.band.code == "moderate_severe"


def test_core10_two_missing_items_are_refused() -> None:
    answers = scoring_total("core10", 10, 20) | {1: None, 10: None}
    result = score("core10", answers)
    assert not result.scorable and result.total is None and result.band is None
    words = refusal_words(result)[0]
    assert "CORE-10: 2 items missing (1, 10)" in words and "CORE System Trust" in words


@pytest.mark.parametrize(("value", "flagged"), [(0, False), (1, True), (4, True)])
def test_core10_item_6_flags_risk(value: int, flagged: bool) -> None:
    result = score("core10", {n: 2 for n in range(1, 11)} | {6: value})
    risk = [f for f in result.flags if f.code is FlagCode.RISK_ITEM]
    assert bool(risk) is flagged
    if flagged:
        assert risk[0].items == (6,)


# --- CORE-OM -----------------------------------------------------------------------------


def test_core_om_minimum_and_maximum() -> None:
    low = score("core34", answers_scoring("core34", {n: 0 for n in range(1, 35)}))
    high = score("core34", answers_scoring("core34", {n: 4 for n in range(1, 35)}))
    for key in ("all", "all_minus_risk", "W", "P", "F", "R"):
        assert low.derived[f"{key}_mean"] == 0 and low.derived[f"{key}_clinical"] == 0
        assert high.derived[f"{key}_mean"] == 4 and high.derived[f"{key}_clinical"] == 40
    assert (low.total, high.total) == (0, 136)


def test_core_om_reverse_keys_the_eight_positively_worded_items() -> None:
    result = score("core34", {n: 0 for n in range(1, 35)})
    assert result.total == 32  # eight reversed items at 4 each
    assert result.derived["W_mean"] == pytest.approx(2 * 4 / 4)  # items 4 and 31 reversed
    assert result.derived["R_mean"] == 0
    for number in CORE_OM_REVERSED:
        answers = {n: 0 for n in range(1, 35)} | {n: 4 for n in CORE_OM_REVERSED}
        answers[number] = 0
        assert score("core34", answers).total == 4, number


def test_core_om_domain_scores() -> None:
    form = load_form("core34")
    scored = {i.number: {"W": 4, "P": 3, "F": 2, "R": 1}[i.domain] for i in form.items}
    result = score("core34", answers_scoring("core34", scored))
    assert result.derived["W_mean"] == 4 and result.derived["P_mean"] == 3
    assert result.derived["F_mean"] == 2 and result.derived["R_mean"] == 1
    assert result.derived["R_clinical"] == 10
    assert result.derived["all_minus_risk_mean"] == pytest.approx((16 + 36 + 24) / 28)
    assert result.derived["all_mean"] == pytest.approx((16 + 36 + 24 + 6) / 34)
    assert result.derived["all_clinical"] == pytest.approx(820 / 34)


@pytest.mark.parametrize(
    ("item_sum", "band"),
    [(0, "healthy"), (20, "healthy"), (21, "low"), (33, "low"), (34, "mild"), (50, "mild"),
     (51, "moderate"), (67, "moderate"), (68, "moderate_severe"), (84, "moderate_severe"),
     (85, "severe"), (136, "severe")],
)
def test_core_om_bands_on_the_unrounded_clinical_score(item_sum: int, band: str) -> None:
    # 20/34 x 10 = 5.88 (healthy), 21 -> 6.18; 33 -> 9.71 (low, though it shows as 10 rounded
    # to a whole number), 34 -> 10.0; 51 -> 15.0; 68 -> 20.0; 85 -> 25.0.
    result = score("core34", scoring_total("core34", 34, item_sum))
    assert result.derived["all_clinical"] == pytest.approx(item_sum * 10 / 34)
    assert result.band is not None and result.band.code == band


def _missing(answers: dict[int, int | None], *numbers: int) -> dict[int, int | None]:
    return answers | {n: None for n in numbers}


FULL = {n: 2 for n in range(1, 35)}


def test_core_om_three_missing_items_are_prorated() -> None:
    result = score("core34", _missing(FULL, 2, 1, 4))  # one P, one F, one W
    assert result.scorable and result.prorated and result.missing_items == (1, 2, 4)
    assert result.derived["all_mean"] == 2 and result.total == pytest.approx(68)
    assert result.derived["all_minus_risk_mean"] == 2  # 3 of 28 missing: allowed since 2023
    assert result.derived["P_mean"] == 2 and result.derived["F_mean"] == 2
    assert result.derived["W_mean"] is None and result.derived["W_clinical"] is None
    assert [note.scale for note in result.notes] == ["W"]
    assert note_words(result)[0].startswith("CORE-OM Well-being: 1 item missing (4);")


def test_core_om_four_missing_items_are_refused() -> None:
    result = score("core34", _missing(FULL, 1, 2, 4, 6))
    assert not result.scorable and result.total is None and result.band is None
    assert result.derived["all_mean"] is None
    assert "CORE-OM All items: 4 items missing (1, 2, 4, 6)" in refusal_words(result)[0]


def test_core_om_all_minus_risk_allows_three_missing_but_not_four() -> None:
    three = score("core34", _missing(FULL, 2, 1, 14))  # P, F, W
    assert three.derived["all_minus_risk_mean"] == 2
    four = score("core34", _missing(FULL, 2, 1, 14, 17) | {6: 4})
    assert four.derived["all_minus_risk_mean"] is None


@pytest.mark.parametrize(("domain", "first", "second"), [("P", 2, 5), ("F", 1, 3)])
def test_core_om_problems_and_functioning_allow_one_missing(domain: str, first: int, second: int) -> None:
    assert score("core34", _missing(FULL, first)).derived[f"{domain}_mean"] == 2
    assert score("core34", _missing(FULL, first, second)).derived[f"{domain}_mean"] is None


@pytest.mark.parametrize(("domain", "item"), [("W", 31), ("R", 24)])
def test_core_om_well_being_and_risk_allow_none_missing(domain: str, item: int) -> None:
    result = score("core34", _missing(FULL, item))
    assert result.scorable and result.derived[f"{domain}_mean"] is None
    assert result.derived["all_mean"] == 2


@pytest.mark.parametrize("item", CORE_OM_RISK)
def test_core_om_each_risk_item_flags(item: int) -> None:
    result = score("core34", {n: 0 for n in range(1, 35)} | {item: 1})
    risk = [f for f in result.flags if f.code is FlagCode.RISK_ITEM]
    assert len(risk) == 1 and risk[0].items == (item,)


def test_core_om_no_risk_flag_when_risk_items_are_zero() -> None:
    answers = {n: 4 for n in range(1, 35)} | {n: 0 for n in CORE_OM_RISK}
    assert not [f for f in score("core34", answers).flags if f.code is FlagCode.RISK_ITEM]
