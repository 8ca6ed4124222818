"""The one result model every instrument's scoring function returns.

Plain values only: labels meant for people are added where they are shown.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Band(Frozen):
    """A severity band: `code` is stable for storage and counting, `label` is the published
    wording, `scheme` names the banding scheme and its source."""

    code: str
    label: str
    scheme: str


class FlagCode(StrEnum):
    RISK_ITEM = "risk_item"
    AUDIT_POSSIBLE_DEPENDENCE = "audit_possible_dependence"
    AUDIT_INVESTIGATE_ATR = "audit_investigate_atr"
    AUDITC_POSITIVE = "auditc_positive"
    IAPT_CASENESS = "iapt_caseness"


class Flag(Frozen):
    code: FlagCode
    message: str
    items: tuple[int, ...] = ()


class ScoreResult(Frozen):
    instrument_id: str
    scorable: bool
    # Why not scorable: one plain sentence per refusing rule, naming the rule's source.
    refusals: tuple[str, ...] = ()
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
    # Part-scores left out for a reason that does not stop the whole form being scored (e.g. a
    # CORE-OM domain with too many missing items): one plain sentence each, naming the rule.
    notes: tuple[str, ...] = ()
    # Where each rule comes from (manual, page or section), for reports and the note.
    sources: tuple[str, ...] = ()


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
    explanation: str = ""
    sources: tuple[str, ...] = ()
