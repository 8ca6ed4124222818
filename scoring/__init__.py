"""The scoring engine: pure functions from answers to results, one module per instrument.

Answers are {item number: value of the chosen option, or None when unanswered} (see
`forms.schema.Keying`); results are `scoring.result.ScoreResult` and `ChangeResult`.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from functools import cache
from types import ModuleType

import forms
from scoring import audit, auditc, core10, core34, gad7, k10, phq9
from scoring.answers import AnswerError
from scoring.answers import applicable_items as _applicable_items
from scoring.change import ChangeNotDefined, compare
from scoring.result import ChangeResult, ScoreResult

__all__ = [
    "INSTRUMENT_IDS",
    "AnswerError",
    "ChangeNotDefined",
    "ChangeResult",
    "ScoreResult",
    "OptionError",
    "UnknownInstrument",
    "applicable_items",
    "change",
    "score",
]

_MODULES: dict[str, ModuleType] = {
    "k10": k10,
    "core10": core10,
    "core34": core34,
    "phq9": phq9,
    "gad7": gad7,
    "audit": audit,
    "auditc": auditc,
}
INSTRUMENT_IDS: tuple[str, ...] = forms.INSTRUMENT_IDS


class UnknownInstrument(ValueError):
    pass


class OptionError(ValueError):
    """A scoring option the instrument does not take, or a value it does not know."""


def score(instrument_id: str, answers: Mapping[int, int | None], **options: str) -> ScoreResult:
    module = _module(instrument_id)
    accepted = _options_taken(instrument_id)
    unknown = sorted(set(options) - accepted)
    if unknown:
        takes = f"takes only {', '.join(sorted(accepted))}" if accepted else "takes no options"
        raise OptionError(f"{instrument_id} {takes}, not {', '.join(unknown)}")
    try:
        # Each instrument module's own `score` returns a ScoreResult; looked up by id, the
        # module is only a ModuleType to the type checker.
        result: ScoreResult = module.score(answers, **options)
    except k10.SchemeError as error:
        raise OptionError(str(error)) from None
    return result


def change(
    instrument_id: str, before: Mapping[int, int | None], after: Mapping[int, int | None]
) -> ChangeResult:
    rule = _module(instrument_id).CHANGE
    if rule is None:
        raise ChangeNotDefined(
            f"{instrument_id} has no published reliable change value, so change between two"
            " administrations is not classified"
        )
    return compare(instrument_id, rule, score(instrument_id, before), score(instrument_id, after))


def applicable_items(instrument_id: str, answers: Mapping[int, int | None]) -> list[int]:
    """Items to ask, in order, given the answers so far and the form's skip rules (AUDIT)."""
    _module(instrument_id)
    return _applicable_items(forms.load_form(instrument_id), answers)


@cache
def _options_taken(instrument_id: str) -> frozenset[str]:
    # Read once per instrument: inspect.signature costs more than scoring a short form, and a
    # month's FHIR export scores every questionnaire of 50,000 cases.
    return frozenset(inspect.signature(_module(instrument_id).score).parameters) - {"answers"}


def _module(instrument_id: str) -> ModuleType:
    if instrument_id not in _MODULES:
        raise UnknownInstrument(
            f"unknown instrument {instrument_id!r} (known: {', '.join(INSTRUMENT_IDS)})"
        )
    return _MODULES[instrument_id]
