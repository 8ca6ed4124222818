"""Totals and means with the pro-rating a manual allows, and the refusal when it does not."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scoring.result import MissingItems
from scoring.sources import Source


@dataclass(frozen=True)
class ScaleScore:
    """A (possibly pro-rated) total over a set of items, or the reason there is none."""

    total: float | None
    mean: float | None
    prorated: bool
    missing: tuple[int, ...]
    refusal: MissingItems | None


def scale_score(
    item_scores: Mapping[int, int | None], *, max_missing: int, rule: Source,
    scale: str | None = None,
) -> ScaleScore:
    """Pro-rating replaces each missing item by the mean of the answered ones, i.e. total x
    items / answered, which is what every manual cited in this package means by it. `scale`
    names a part-scale (CORE-OM) for the refusal; None is the instrument's total."""
    missing = tuple(sorted(n for n, v in item_scores.items() if v is None))
    answered = [v for v in item_scores.values() if v is not None]
    if len(missing) > max_missing or not answered:
        refusal = MissingItems(scale=scale, missing=missing, max_missing=max_missing, rule=rule)
        return ScaleScore(None, None, False, missing, refusal)
    # Multiply before dividing so a complete set's total is exactly its sum.
    total = sum(answered) * len(item_scores) / len(answered)
    return ScaleScore(total, sum(answered) / len(answered), bool(missing), missing, None)
