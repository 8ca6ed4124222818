"""Flags shared by several instruments."""

from __future__ import annotations

from forms.schema import FormDefinition
from scoring.result import Flag, FlagCode


def risk_flag(form: FormDefinition, answers: dict[int, int | None], message: str) -> Flag | None:
    """Risk items answered above their lowest option. Raised whether or not the form can be
    scored: a disclosure of suicidal thoughts matters even on a half-finished form."""
    risky = tuple(
        item.number
        for item in form.items
        if item.risk_item and (answers[item.number] or 0) > min(form.allowed_values(item.number))
    )
    if not risky:
        return None
    return Flag(code=FlagCode.RISK_ITEM, message=message, items=risky)


def caseness_flag(total: float | None, cutoff: float, instrument: str, source: str) -> Flag | None:
    if total is None or total < cutoff:
        return None
    return Flag(
        code=FlagCode.IAPT_CASENESS,
        message=f"{instrument} score {total:g} is at or above the caseness cut-off of {cutoff:g} ({source}).",
    )


def present(*flags: Flag | None) -> tuple[Flag, ...]:
    return tuple(flag for flag in flags if flag is not None)
