"""Flags shared by several instruments."""

from __future__ import annotations

from forms.schema import FormDefinition
from scoring.result import Flag, FlagCode


def risk_flag(form: FormDefinition, answers: dict[int, int | None], advice: str) -> Flag | None:
    """Risk items answered above their lowest option. Raised whether or not the form can be
    scored: a disclosure of suicidal thoughts matters even on a half-finished form. The message
    names each item (number and wording) and the answer given, so whoever reads it knows what
    was disclosed without opening the questionnaire; `advice` follows."""
    risky = tuple(
        item.number
        for item in form.items
        if item.risk_item and (answers[item.number] or 0) > min(form.allowed_values(item.number))
    )
    if not risky:
        return None
    named = "; ".join(endorsed_item(form, n, answers[n]) for n in risky)
    lead = "Risk item" if len(risky) == 1 else "Risk items"
    return Flag(code=FlagCode.RISK_ITEM, message=f"{lead} {named}: {advice}", items=risky)


def answer_label(form: FormDefinition, number: int, value: int | None) -> str:
    for option in form.options_for(number):
        if option.value == value:
            return option.label
    return "no answer" if value is None else str(value)


def endorsed_item(form: FormDefinition, number: int, value: int | None) -> str:
    """'16 “I made plans to end my life” answered “Sometimes”': the item's printed wording."""
    text = form.item(number).text.rstrip(".")
    return f"{number} “{text}” answered “{answer_label(form, number, value)}”"


def caseness_flag(total: float | None, cutoff: float, instrument: str, source: str) -> Flag | None:
    if total is None or total < cutoff:
        return None
    return Flag(
        code=FlagCode.IAPT_CASENESS,
        message=f"{instrument} score {total:g} is at or above the caseness cut-off of {cutoff:g} ({source}).",
    )


def present(*flags: Flag | None) -> tuple[Flag, ...]:
    return tuple(flag for flag in flags if flag is not None)
