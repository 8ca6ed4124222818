"""Questionnaire definitions: one JSON file per instrument beside this module, checked on load.

A form file is publisher's wording, so any edit that breaks the schema must stop the app with a
message naming the file and the field rather than show a half-valid questionnaire.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from forms.schema import FormDefinition, LoadedForm

__all__ = [
    "FORMS_DIR",
    "INSTRUMENT_IDS",
    "FormDefinition",
    "FormError",
    "LoadedForm",
    "all_forms",
    "form_hash",
    "load_form",
    "load_form_file",
]

FORMS_DIR = Path(__file__).resolve().parent

# Registry order: the order instruments are offered in (screens first, then assessment).
INSTRUMENT_IDS: tuple[str, ...] = ("k10", "core10", "core34", "phq9", "gad7", "audit", "auditc")


class FormError(Exception):
    """A form file is missing, unreadable or breaks the schema. The message names the file and,
    where there is one, the field, e.g. "forms/k10.json: items[3].text: Field required"."""


def load_form(instrument_id: str) -> LoadedForm:
    if instrument_id not in INSTRUMENT_IDS:
        raise FormError(
            f"there is no form for instrument {instrument_id!r} (known: {', '.join(INSTRUMENT_IDS)})"
        )
    return _load_registered(instrument_id)


def all_forms() -> list[LoadedForm]:
    return [load_form(instrument_id) for instrument_id in INSTRUMENT_IDS]


def form_hash(instrument_id: str) -> str:
    return load_form(instrument_id).content_hash


@cache
def _load_registered(instrument_id: str) -> LoadedForm:
    return load_form_file(FORMS_DIR / f"{instrument_id}.json")


def load_form_file(path: Path) -> LoadedForm:
    """Load and check one form file (not cached: tests and tools use it on copies)."""
    name = f"{path.parent.name}/{path.name}"
    data = _read_json(path, name)
    try:
        form = FormDefinition.model_validate(data)
    except ValidationError as error:
        raise FormError(_describe(name, error)) from None
    if form.id != path.stem:
        raise FormError(f"{name}: id: {form.id!r} does not match the file name {path.stem!r}")
    return LoadedForm.model_validate({**data, "content_hash": _canonical_hash(data)})


def _read_json(path: Path, name: str) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FormError(f"{name}: the form file is missing") from None
    except (OSError, UnicodeDecodeError) as error:
        raise FormError(f"{name}: cannot be read ({error})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormError(
            f"{name}: line {error.lineno} column {error.colno}: not valid JSON ({error.msg})"
        ) from None
    if not isinstance(data, dict):
        raise FormError(f"{name}: the file must hold one JSON object, not {type(data).__name__}")
    return data


def _canonical_hash(data: dict[str, Any]) -> str:
    # Hash the parsed content, not the bytes, so re-indenting a file keeps its hash while any
    # change to wording, order or values gives a new one.
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _describe(name: str, error: ValidationError) -> str:
    problems = [f"{_field_path(e['loc'])}: {e['msg']}" for e in error.errors()]
    return f"{name}: " + "; ".join(problems)


def _field_path(loc: tuple[int | str, ...]) -> str:
    if not loc:
        return "(whole form)"
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path
