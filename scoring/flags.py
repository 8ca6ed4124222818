"""Flags shared by several instruments."""

from __future__ import annotations

from forms.schema import FormDefinition
from scoring.result import Flag, FlagCode, RiskAdvice
from scoring.sources import Source


def risk_flag(form: FormDefinition, answers: dict[int, int | None], advice: RiskAdvice) -> Flag | None:
    """Risk items answered above their lowest option. Raised whether or not the form can be
    scored: a disclosure of suicidal thoughts matters even on a half-finished form. The flag
    carries each item's number and the answer given, so its words can name what was disclosed
    without opening the questionnaire; `advice` follows."""
    risky = tuple(
        item.number
        for item in form.items
        if item.risk_item and (answers[item.number] or 0) > min(form.allowed_values(item.number))
    )
    if not risky:
        return None
    given = tuple(answers[n] or 0 for n in risky)
    return Flag(code=FlagCode.RISK_ITEM, items=risky, answers=given, advice=advice)


def caseness_flag(total: float | None, cutoff: float, source: Source) -> Flag | None:
    if total is None or total < cutoff:
        return None
    return Flag(code=FlagCode.IAPT_CASENESS, score=total, threshold=cutoff, source=source)


def present(*flags: Flag | None) -> tuple[Flag, ...]:
    return tuple(flag for flag in flags if flag is not None)
