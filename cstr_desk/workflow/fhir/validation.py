"""Every exported resource is checked with fhir.resources before it is written.

Which release: fhir.resources 8 (pydantic 2) carries FHIR R5 at its root and R4B (4.3.0) as a
subpackage; its last pure-R4 line (6.x) needs pydantic 1. R4B changed only the medication
definition, evidence and subscription resources: "Implementers that do not use the specific
portions where changes have been made can continue to use either R4 or R4B without any
functional difference" (hl7.org/fhir/R4B/r4b-explanation.html). Patient, Questionnaire,
QuestionnaireResponse, Observation, Consent, DocumentReference and Bundle are the same in both,
so the R4B models check R4 resources.

How, at speed: the library's full check costs 0.4 ms for a Patient and 8 ms for a 34-item
QuestionnaireResponse, mostly in Python validators that depend only on which elements are
present (required elements, one-of-many choices, no null complex elements); a month's bulk
export holds 250,000 resources. So the first resource of each *shape* (its tree of element
names, nested as they are) gets the full check, and every resource, that first one included,
has each primitive value checked by the library's own type for that element (id, dateTime,
code, uri patterns...) and each code in a required binding against the library's list of
allowed codes, which the full check itself does not enforce.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

Checker = Callable[[Any], None]

_MODULES = {
    "Bundle": "bundle", "Consent": "consent", "DocumentReference": "documentreference",
    "Observation": "observation", "Patient": "patient", "Questionnaire": "questionnaire",
    "QuestionnaireResponse": "questionnaireresponse",
}


class InvalidResource(ValueError):
    """A resource the FHIR model refuses: nothing is written."""


def model_class(resource_type: str) -> type[BaseModel]:
    if resource_type not in _MODULES:
        raise InvalidResource(f"CSTR Desk does not export FHIR {resource_type!r} resources.")
    module = importlib.import_module(f"fhir.resources.R4B.{_MODULES[resource_type]}")
    return getattr(module, resource_type)


def full_check(resource: dict) -> BaseModel:
    """The library's complete check of one resource (a Bundle checks every entry too)."""
    try:
        return model_class(str(resource.get("resourceType")))(**resource)
    except ValidationError as error:
        raise InvalidResource(_describe(resource, error)) from None


def _describe(resource: dict, error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "(the whole resource)"
    return (f"The FHIR {resource.get('resourceType')} {resource.get('id', '')} is not valid: "
            f"{where}: {first['msg']}.")


def _walk(data: dict, tokens: list[str], leaves: list[Any]) -> None:
    """The element tree as a flat list of names and brackets; primitive values are collected
    in walk order (one pass, no strings built: this runs for every resource exported)."""
    for key, value in data.items():
        tokens.append(key)
        kind = type(value)
        if kind is dict:
            tokens.append("{")
            _walk(value, tokens, leaves)
            tokens.append("}")
        elif kind is list and value and type(value[0]) is dict:
            tokens.append("[")
            for item in value:
                _walk(item, tokens, leaves)
                tokens.append(",")
            tokens.append("]")
        else:
            leaves.append(value)


class ResourceValidator:
    """Checks resources one by one, remembering what it learnt about each shape."""

    def __init__(self) -> None:
        self._checkers: dict[tuple[str, ...], list[Checker]] = {}
        self._adapters: dict[tuple[type, str], Checker] = {}

    def check(self, resource: dict) -> None:
        tokens: list[str] = []
        leaves: list[Any] = []
        _walk(resource, tokens, leaves)
        shape = tuple(tokens)
        checkers = self._checkers.get(shape)
        if checkers is None:
            model = full_check(resource)
            checkers = []
            self._learn(resource, model, checkers)
            self._checkers[shape] = checkers
        try:
            for checker, value in zip(checkers, leaves, strict=True):
                checker(value)
        except (ValidationError, ValueError) as error:
            raise InvalidResource(
                f"The FHIR {resource.get('resourceType')} {resource.get('id', '')} is not "
                f"valid: {_first_message(error)}") from None

    def _learn(self, data: dict, model: BaseModel, checkers: list[Checker]) -> None:
        """Walks the data beside the checked model, in `_walk`'s order, noting each
        primitive element's checker."""
        fields = _json_fields(type(model))
        for key, value in data.items():
            name = fields[key]
            if type(value) is dict:
                self._learn(value, getattr(model, name), checkers)
            elif type(value) is list and value and type(value[0]) is dict:
                for item, child in zip(value, getattr(model, name), strict=True):
                    self._learn(item, child, checkers)
            else:
                checkers.append(self._primitive(type(model), name, key))

    def _primitive(self, owner: type[BaseModel], name: str, key: str) -> Checker:
        cached = self._adapters.get((owner, name))
        if cached is not None:
            return cached
        if key == "resourceType":
            expected = owner.__name__
            checker: Checker = lambda value: _same(value, expected)
        else:
            field = owner.model_fields[name]
            adapter = TypeAdapter(field.annotation)
            allowed = (field.json_schema_extra or {}).get("enum_values")  # type: ignore[union-attr]
            # A list holding "+" is the library's shortened one ("these and more"): not a
            # list to hold codes to.
            complete = bool(allowed) and "+" not in allowed  # type: ignore[operator]
            checker = _with_codes(adapter, frozenset(allowed) if complete else None, key)  # type: ignore[arg-type]
        self._adapters[(owner, name)] = checker
        return checker


# Values seen valid per element are remembered (systems, codes, answer texts recur in every
# resource), up to this many each, so unique values (ids, times) cannot grow it without bound.
_REMEMBERED = 20_000


def _with_codes(adapter: TypeAdapter, allowed: frozenset[str] | None, key: str) -> Checker:
    valid: set[Any] = set()

    def check(value: Any) -> None:
        if isinstance(value, list):
            value = tuple(value)
        if value in valid:
            return
        adapter.validate_python(list(value) if isinstance(value, tuple) else value)
        if allowed is not None and value not in allowed:
            raise ValueError(f"{key}: {value!r} is not one of {', '.join(sorted(allowed))}")
        if len(valid) < _REMEMBERED:
            valid.add(value)

    return check


def _same(value: Any, expected: str) -> None:
    if value != expected:
        raise ValueError(f"resourceType {value!r} where {expected} belongs")


def _json_fields(model: type[BaseModel]) -> dict[str, str]:
    return {(field.alias or name): name for name, field in model.model_fields.items()} | {
        "resourceType": "resource_type"}


def _first_message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        return f"{first['msg']} (value {first.get('input')!r})."
    return f"{error}."
