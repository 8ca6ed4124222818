"""Change between two administrations of one instrument (pre/post outcomes, Manual §2.4).

Reliable change follows Jacobson & Truax (1991, J Consult Clin Psychol 59:12-19): a difference at
least as large as the instrument's published reliable change value is unlikely to be measurement
error. Clinically significant change is crossing the instrument's clinical cut-off.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.result import ChangeClass, ChangeResult, ScoreResult
from scoring.sources import Source

# Scores are sums or x10 means of whole numbers, so a difference that is mathematically equal to
# the threshold can come out a hair below it in floating point; compare at this precision.
_PRECISION = 6


class ChangeNotDefined(ValueError):
    """The instrument has no published reliable change value, so no change is classified."""


@dataclass(frozen=True)
class ChangeRule:
    reliable_change: float
    # A score at or above the cut-off is in the clinical range ("caseness").
    clinical_cutoff: float
    # Which score change is measured on: "total" or a key of ScoreResult.derived.
    score_key: str
    # IAPT defines recovery (case before, not a case after); CORE does not use the word.
    defines_recovery: bool
    sources: tuple[Source, ...]

    def score_of(self, result: ScoreResult) -> float | None:
        if not result.scorable:
            return None
        return result.total if self.score_key == "total" else result.derived.get(self.score_key)


def compare(
    instrument_id: str, rule: ChangeRule, before: ScoreResult, after: ScoreResult
) -> ChangeResult:
    first, second = rule.score_of(before), rule.score_of(after)
    if first is None or second is None:
        return _not_scorable(instrument_id, rule, before, after, first, second)
    difference = round(second - first, _PRECISION)
    classification = _classify(difference, rule.reliable_change)
    case_before, case_after = first >= rule.clinical_cutoff, second >= rule.clinical_cutoff
    recovered = (case_before and not case_after) if rule.defines_recovery else None
    reliable_recovery = None
    if recovered is not None:
        reliable_recovery = recovered and classification is ChangeClass.RELIABLE_IMPROVEMENT
    return ChangeResult(
        instrument_id=instrument_id,
        before=first,
        after=second,
        difference=difference,
        reliable_change_value=rule.reliable_change,
        clinical_cutoff=rule.clinical_cutoff,
        classification=classification,
        clinically_significant=case_before != case_after,
        recovered=recovered,
        reliable_recovery=reliable_recovery,
        sources=rule.sources,
    )


def _classify(difference: float, reliable_change: float) -> ChangeClass:
    # Higher scores mean more distress or drinking on every instrument here, so a fall is better.
    if -difference >= reliable_change:
        return ChangeClass.RELIABLE_IMPROVEMENT
    if difference >= reliable_change:
        return ChangeClass.RELIABLE_DETERIORATION
    return ChangeClass.NO_RELIABLE_CHANGE


def _not_scorable(
    instrument_id: str,
    rule: ChangeRule,
    before: ScoreResult,
    after: ScoreResult,
    first: float | None,
    second: float | None,
) -> ChangeResult:
    return ChangeResult(
        instrument_id=instrument_id,
        before=first,
        after=second,
        difference=None,
        reliable_change_value=rule.reliable_change,
        clinical_cutoff=rule.clinical_cutoff,
        classification=ChangeClass.NOT_SCORABLE,
        refusals_before=before.refusals,
        refusals_after=after.refusals,
        sources=rule.sources,
    )
