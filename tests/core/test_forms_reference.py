"""Every form file against the shared instrument reference, which holds the publishers' wording:
the forms must match it exactly (no normalising of dashes, quotes or spaces)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from forms import INSTRUMENT_IDS, load_form
from forms.schema import Keying
from scoring.answers import scored_value

REFERENCE = Path(__file__).parents[2].parent / "shared/instruments/reference.json"

pytestmark = pytest.mark.skipif(
    not REFERENCE.is_file(), reason=f"the instrument reference {REFERENCE} is not beside the repository"
)

# Form id -> (reference id, how many of its items the form holds).
REFERENCE_OF = {
    "k10": ("k10", 10), "core10": ("core10", 10), "core34": ("core_om", 34), "phq9": ("phq9", 9),
    "gad7": ("gad7", 7), "audit": ("audit", 10), "auditc": ("audit", 3),
}


def _reference(form_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    ref_id, n_items = REFERENCE_OF[form_id]
    instruments = json.loads(REFERENCE.read_text(encoding="utf-8"))["instruments"]
    entry = next(i for i in instruments if i["id"] == ref_id)
    return entry, entry["items"][:n_items]


def _pairs(options: Any) -> list[tuple[str, int | None]]:
    return [(o["label"], o["value"]) if isinstance(o, dict) else (o.label, o.value) for o in options]


@pytest.mark.parametrize("form_id", INSTRUMENT_IDS)
def test_front_matter_matches(form_id: str) -> None:
    form, (ref, _) = load_form(form_id), _reference(form_id)
    if form_id != "auditc":
        assert form.title == ref["title"]
    assert form.stem == ref["stem"]
    assert form.time_frame == ref["timeframe"]
    assert form.copyright == ref["copyright"]
    assert form.terms == ref["terms"]
    assert form.instruction == (ref.get("instruction") or ref.get("form_instruction"))
    assert form.closing_text == ref.get("closing_text")
    assert list(form.sources) == ref["sources"]


@pytest.mark.parametrize("form_id", INSTRUMENT_IDS)
def test_items_and_options_match(form_id: str) -> None:
    form, (ref, ref_items) = load_form(form_id), _reference(form_id)
    assert [i.number for i in form.items] == [i["n"] for i in ref_items]
    assert _pairs(form.options) == _pairs(ref["options"])
    for item, ref_item in zip(form.items, ref_items, strict=True):
        assert item.text == ref_item["text"], f"item {item.number}"
        assert item.domain == ref_item.get("domain"), f"item {item.number}"
        reverse = ref_item.get("positively_worded", False)
        assert (item.keying is Keying.REVERSE) == reverse, f"item {item.number}"
        if reverse:
            continue
        expected = ref_item.get("options") or ref["options"]
        assert _pairs(form.options_for(item.number)) == _pairs(expected), f"item {item.number}"


@pytest.mark.parametrize("form_id", ["core10", "core34"])
def test_reverse_keyed_options_score_as_the_reference_values(form_id: str) -> None:
    """The form stores a reversed item's answer on the ordinary 0-4 option list; scoring turns it
    into the reference's reversed value for the same label."""
    form, (_, ref_items) = load_form(form_id), _reference(form_id)
    reversed_items = [r for r in ref_items if r.get("positively_worded")]
    assert reversed_items
    for ref_item in reversed_items:
        number = ref_item["n"]
        assert form.item(number).options is None
        expected = dict(_pairs(ref_item["options"]))
        scored = {o.label: scored_value(form, number, o.value) for o in form.options_for(number)}
        assert scored == expected, f"item {number}"


@pytest.mark.parametrize("form_id", INSTRUMENT_IDS)
def test_extra_questions_match(form_id: str) -> None:
    form, (ref, _) = load_form(form_id), _reference(form_id)
    expected = [(q["id"], q["text"], _pairs(q["options"])) for q in ref.get("extra_questions", [])]
    if form_id == "auditc":
        expected = []
    assert [(q.id, q.text, _pairs(q.options)) for q in form.extra_questions] == expected


def test_core_om_domain_names_match() -> None:
    ref, _ = _reference("core34")
    assert load_form("core34").domains == ref["domain_codes"]


def test_audit_skip_rules_are_the_published_ones() -> None:
    ref, _ = _reference("audit")
    assert [r.description for r in load_form("audit").skip_rules] == ref["skip_rules"]


@pytest.mark.parametrize("form_id", INSTRUMENT_IDS)
def test_wording_uncertainties_are_recorded(form_id: str) -> None:
    form, (ref, _) = load_form(form_id), _reference(form_id)
    assert form.wording_notes is not None
    assert ref["discrepancies"] in form.wording_notes
    for key in ("instruction_note", "stem_note", "skip_rules_note"):
        if ref.get(key):
            assert ref[key] in form.wording_notes
