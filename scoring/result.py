"""The one result model every instrument's scoring function returns.

Plain values only, codes and parameters: the words people read (band labels, flag and refusal
sentences, the sources' citations) are made where they are shown, from cstr_desk/score_words.py.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from scoring.sources import Source


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Band(Frozen):
    """A severity band: `code` is stable for storage and counting; `scheme` is the code of the
    banding scheme that gives the band its published wording."""

    code: str
    scheme: Source


class FlagCode(StrEnum):
    RISK_ITEM = "risk_item"
    AUDIT_POSSIBLE_DEPENDENCE = "audit_possible_dependence"
    AUDIT_INVESTIGATE_ATR = "audit_investigate_atr"
    AUDITC_POSITIVE = "auditc_positive"
    IAPT_CASENESS = "iapt_caseness"


class RiskAdvice(StrEnum):
    """What a risk flag asks of whoever reads it (each instrument module says which and why)."""

    ASSESS_RISK = "assess_risk"
    REVIEW_RISK_TO_SELF_AND_OTHERS = "review_risk_to_self_and_others"


class Flag(Frozen):
    code: FlagCode
    items: tuple[int, ...] = ()
    # The answer given to each of `items` (a risk flag names what was disclosed).
    answers: tuple[int, ...] = ()
    # The score that raised the flag and the threshold it reached (at or above).
    score: float | None = None
    threshold: float | None = None
    advice: RiskAdvice | None = None
    # The rule's source, a code as in ScoreResult.sources.
    source: Source | None = None


class MissingItems(Frozen):
    """A scale left without a score because more items are missing than its rule allows."""

    # None for the instrument's one total; a CORE-OM scale key ("all", "W" ...) otherwise.
    scale: str | None
    missing: tuple[int, ...]
    max_missing: int
    # The missing-items rule's source, a code as in ScoreResult.sources.
    rule: Source


class SkippedAnswer(Frozen):
    """An answer recorded on an item a skip rule excludes: kept as recorded, but scored 0."""

    item: int
    answer: int


class ScoreResult(Frozen):
    instrument_id: str
    scorable: bool
    # Why not scorable: each refusing rule with its parameters and source.
    refusals: tuple[MissingItems, ...] = ()
    missing_items: tuple[int, ...] = ()
    # Items not asked because a skip rule applied (AUDIT); they score 0 and are not "missing".
    skipped_items: tuple[int, ...] = ()
    prorated: bool = False
    total: float | None = None
    # The instrument's own derived scores, e.g. CORE-OM {"all_mean": 1.53, "all_clinical":
    # 15.3, "all_minus_risk_mean": ..., "W_mean": ...}. Keys are documented per module.
    derived: dict[str, float | None] = Field(default_factory=dict)
    band: Band | None = None
    flags: tuple[Flag, ...] = ()
    # What was left out without stopping the whole form being scored: a CORE-OM domain with
    # too many missing items, an AUDIT answer on a skipped item.
    notes: tuple[MissingItems | SkippedAnswer, ...] = ()
    # Where each rule comes from (manual, page or section), as source codes
    # (scoring.sources.Source), for reports and the note.
    sources: tuple[Source, ...] = ()


class ChangeClass(StrEnum):
    RELIABLE_IMPROVEMENT = "reliable_improvement"
    RELIABLE_DETERIORATION = "reliable_deterioration"
    NO_RELIABLE_CHANGE = "no_reliable_change"
    NOT_SCORABLE = "not_scorable"


class ChangeResult(Frozen):
    instrument_id: str
    before: float | None
    after: float | None
    difference: float | None
    reliable_change_value: float
    clinical_cutoff: float | None
    classification: ChangeClass
    clinically_significant: bool = False
    # "Recovery" where the instrument defines it (IAPT: case before, not a case after).
    recovered: bool | None = None
    reliable_recovery: bool | None = None
    # Why a side could not be scored (NOT_SCORABLE), as in ScoreResult.refusals.
    refusals_before: tuple[MissingItems, ...] = ()
    refusals_after: tuple[MissingItems, ...] = ()
    sources: tuple[Source, ...] = ()
