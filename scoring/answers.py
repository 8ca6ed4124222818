"""Checking answers against a form, applying its skip rules and reverse keying.

Answers arrive as {item number: value of the chosen option, or None when unanswered}; an item
left out of the mapping counts as unanswered.
"""

from __future__ import annotations

from collections.abc import Mapping

from forms.schema import FormDefinition, Keying, SkipRule
from scoring.result import SkippedAnswer

Answers = Mapping[int, int | None]


class AnswerError(ValueError):
    """An answer the form cannot have produced (unknown item, value not among the options)."""


def checked_answers(form: FormDefinition, answers: Answers) -> dict[int, int | None]:
    """Every item's answer (None when unanswered), after checking each given value is one of the
    item's options."""
    numbers = [item.number for item in form.items]
    unknown = sorted(n for n in answers if n not in numbers)
    if unknown:
        raise AnswerError(
            f"{form.short_title} has items 1 to {len(numbers)}; there is no item {unknown[0]}"
        )
    checked = {n: answers.get(n) for n in numbers}
    for number, value in checked.items():
        if value is None:
            continue
        allowed = form.allowed_values(number)
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            listed = ", ".join(str(v) for v in sorted(allowed))
            raise AnswerError(
                f"{form.short_title} item {number}: {value!r} is not one of its options ({listed})"
            )
    return checked


def skipped_items(form: FormDefinition, answers: Answers) -> tuple[int, ...]:
    """Items a skip rule excludes given the answers so far. Rules apply in form order, and an item
    an earlier rule skipped counts as 0 for a later rule (AUDIT: item 1 "Never" skips items 2-8,
    which also makes items 2 + 3 = 0)."""
    skipped: set[int] = set()
    for rule in form.skip_rules:
        if _rule_applies(rule, answers, skipped):
            skipped.update(rule.skip_items)
    return tuple(sorted(skipped))


def applicable_items(form: FormDefinition, answers: Answers) -> list[int]:
    """The items to ask, in order, given the answers so far (answered ones included, so a runner
    can page back and forth)."""
    skipped = set(skipped_items(form, answers))
    return [item.number for item in form.items if item.number not in skipped]


def scored_value(form: FormDefinition, number: int, answer: int) -> int:
    """What an answer counts for: a reverse keyed item scores max - answer, so on CORE "Not at
    all" (0) counts 4 on a positively worded item (CORE-OM/CORE-10 scoring instructions)."""
    if form.item(number).keying is Keying.REVERSE:
        return max(form.allowed_values(number)) - answer
    return answer


def _rule_applies(rule: SkipRule, answers: Answers, skipped: set[int]) -> bool:
    values = [0 if n in skipped else answers.get(n) for n in rule.when_items]
    if any(v is None for v in values):
        return False
    if rule.when_values is not None:
        return all(v in rule.when_values for v in values)
    return sum(v for v in values if v is not None) == rule.when_total


def skipped_answers(form: FormDefinition, answers: Answers) -> tuple[SkippedAnswer, ...]:
    """A skipped item scores 0 (WHO AUDIT 2001 skip instructions) even if an answer above 0 was
    recorded before an earlier answer changed. The answer is kept as recorded; these notes say
    it was not counted, so nothing is dropped silently."""
    return tuple(SkippedAnswer(item=number, answer=value)
                 for number in skipped_items(form, answers)
                 if (value := answers.get(number)))
