"""Totals and means with the pro-rating a manual allows, and the refusal when it does not."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ScaleScore:
    """A (possibly pro-rated) total over a set of items, or the reason there is none."""

    total: float | None
    mean: float | None
    prorated: bool
    missing: tuple[int, ...]
    refusal: str | None


def scale_score(
    item_scores: Mapping[int, int | None], *, max_missing: int, scale: str, rule: str
) -> ScaleScore:
    """Pro-rating replaces each missing item by the mean of the answered ones, i.e. total x
    items / answered, which is what every manual cited in this package means by it."""
    missing = tuple(sorted(n for n, v in item_scores.items() if v is None))
    answered = [v for v in item_scores.values() if v is not None]
    if len(missing) > max_missing or not answered:
        return ScaleScore(None, None, False, missing, _refusal(scale, missing, max_missing, rule))
    # Multiply before dividing so a complete set's total is exactly its sum.
    total = sum(answered) * len(item_scores) / len(answered)
    return ScaleScore(total, sum(answered) / len(answered), bool(missing), missing, None)


def _refusal(scale: str, missing: tuple[int, ...], max_missing: int, rule: str) -> str:
    items = ", ".join(str(n) for n in missing)
    count = f"{len(missing)} item{'s' if len(missing) != 1 else ''}"
    allowed = "no missing items" if max_missing == 0 else f"at most {max_missing} missing"
    return f"{scale}: {count} missing ({items}); {rule} allows {allowed}."
