"""The sources scoring cites, as codes: each instrument module names the rule a code stands for
(and cites it beside the rule); the citations people read are in cstr_desk/score_words.py."""

from __future__ import annotations

from enum import StrEnum


class Source(StrEnum):
    K10_SCORING = "k10_scoring"
    K10_MISSING = "k10_missing"
    K10_ANDREWS_SLADE_2001 = "k10_andrews_slade_2001"
    K10_AIHW = "k10_aihw"
    CORE10_SCORING = "core10_scoring"
    CORE10_MISSING = "core10_missing"
    CORE10_BANDS = "core10_bands"
    CORE10_CHANGE = "core10_change"
    CORE34_SCORING = "core34_scoring"
    CORE34_MISSING = "core34_missing"
    CORE34_BANDS = "core34_bands"
    CORE34_RELIABLE_CHANGE = "core34_reliable_change"
    CORE34_CLINICAL_CUTOFF = "core34_clinical_cutoff"
    PHQ9_SCORING = "phq9_scoring"
    PHQ9_MISSING = "phq9_missing"
    PHQ9_BANDS = "phq9_bands"
    PHQ9_CHANGE = "phq9_change"
    GAD7_SCORING = "gad7_scoring"
    GAD7_MISSING = "gad7_missing"
    GAD7_BANDS = "gad7_bands"
    GAD7_CHANGE = "gad7_change"
    # IAPT caseness, shared by the PHQ-9 and the GAD-7.
    IAPT = "iapt"
    AUDIT_SCORING = "audit_scoring"
    AUDIT_SKIP = "audit_skip"
    AUDIT_MISSING = "audit_missing"
    AUDIT_ZONES = "audit_zones"
    ATR_GUIDANCE = "atr_guidance"
    AUDITC_SCORING = "auditc_scoring"
    AUDITC_SKIP = "auditc_skip"
    AUDITC_MISSING = "auditc_missing"
    AUDITC_POSITIVE = "auditc_positive"
    AUDITC_BANDS = "auditc_bands"


# The missing-items rules: a refusal names one, and `sources` lists it as the rule for missing
# items.
MISSING_ITEM_RULES = frozenset({
    Source.K10_MISSING, Source.CORE10_MISSING, Source.CORE34_MISSING, Source.PHQ9_MISSING,
    Source.GAD7_MISSING, Source.AUDIT_MISSING, Source.AUDITC_MISSING,
})
