"""The schema every questionnaire definition in `forms/` must satisfy.

A form is data: the runner builds its pages from it and the scoring modules read item facts
(domains, keying) from it. Wording is verbatim from the publisher (see
`../shared/instruments/reference.json`), so nothing here may normalise text.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ResponseOption(Strict):
    label: str = Field(min_length=1)
    # None for an unscored option (the PHQ-9 difficulty question prints no numbers).
    value: int | None


class Keying(StrEnum):
    """Answers are always recorded as the value of the chosen option in the item's option list,
    in the printed order (CORE: "Not at all" = 0 ... "Most or all of the time" = 4). A reverse
    keyed (positively worded) item then scores `max - value` in the scoring module, so the
    stored answer says what the person chose and the score says what it counts for."""

    FORWARD = "forward"
    REVERSE = "reverse"


class Item(Strict):
    number: int = Field(ge=1)
    text: str = Field(min_length=1)
    domain: str | None = None
    keying: Keying = Keying.FORWARD
    # Per-item options where the choices themselves differ from the form's (AUDIT items 2-10).
    options: tuple[ResponseOption, ...] | None = None
    risk_item: bool = False


class ExtraQuestion(Strict):
    """An unscored question asked with the form (PHQ-9's difficulty question)."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    text: str = Field(min_length=1)
    options: tuple[ResponseOption, ...]


class SkipRule(Strict):
    """When the answers to `when_items` all take values in `when_values` (for a single item) or
    sum to `when_total` (for several), the items in `skip_items` are not asked and score 0."""

    id: str
    description: str
    when_items: tuple[int, ...] = Field(min_length=1)
    when_values: tuple[int, ...] | None = None
    when_total: int | None = None
    skip_items: tuple[int, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_condition(self) -> SkipRule:
        if (self.when_values is None) == (self.when_total is None):
            raise ValueError("give exactly one of when_values and when_total")
        return self


class FormDefinition(Strict):
    id: str = Field(pattern=r"^[a-z0-9]+$")
    title: str
    short_title: str
    version: str
    copyright: str
    terms: str
    citation: str | None = None
    instruction: str | None = None
    stem: str
    time_frame: str
    options: tuple[ResponseOption, ...]
    items: tuple[Item, ...] = Field(min_length=1)
    domains: dict[str, str] = Field(default_factory=dict)
    extra_questions: tuple[ExtraQuestion, ...] = ()
    skip_rules: tuple[SkipRule, ...] = ()
    closing_text: str | None = None
    wording_notes: str | None = None
    sources: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> FormDefinition:
        numbers = [item.number for item in self.items]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"items must be numbered 1..{len(numbers)} in order, got {numbers}")
        for item in self.items:
            if item.domain is not None and item.domain not in self.domains:
                raise ValueError(f"item {item.number} names unknown domain {item.domain!r}")
        for rule in self.skip_rules:
            for n in (*rule.when_items, *rule.skip_items):
                if n not in numbers:
                    raise ValueError(f"skip rule {rule.id!r} names item {n}, which does not exist")
        return self

    @model_validator(mode="after")
    def _answerable(self) -> FormDefinition:
        # Every item needs a list to choose from; a reverse keyed item keeps the form's options so
        # its stored answer means the same as every other item's (see Keying).
        for item in self.items:
            if item.options is None and not self.options:
                raise ValueError(f"item {item.number} has no options and the form has none")
            if item.keying is Keying.REVERSE and item.options is not None:
                raise ValueError(f"item {item.number} is reverse keyed, so it takes the form's options")
            values = [o.value for o in self.options_for(item.number) if o.value is not None]
            if len(values) != len(set(values)):
                raise ValueError(f"item {item.number} has two options with the same value")
        return self

    def item(self, number: int) -> Item:
        return self.items[number - 1]

    def options_for(self, number: int) -> tuple[ResponseOption, ...]:
        return self.item(number).options or self.options

    def allowed_values(self, number: int) -> frozenset[int]:
        return self._allowed_values[number - 1]

    @cached_property
    def _allowed_values(self) -> tuple[frozenset[int], ...]:
        # Worked out once per form (forms are frozen): scoring asks for every item of every
        # administration, and a month's FHIR export scores those of 50,000 cases.
        return tuple(frozenset(o.value for o in self.options_for(item.number)
                               if o.value is not None) for item in self.items)


class LoadedForm(FormDefinition):
    """A form as loaded from its file: `content_hash` is the sha256 of the file's canonical JSON,
    so a stored answer set can say exactly which wording and options it was given with."""

    content_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
