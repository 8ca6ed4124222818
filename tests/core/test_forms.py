"""Loading form files: the registry, the content hash, and errors that name file and field."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import forms
from forms import FormError, all_forms, form_hash, load_form, load_form_file
from forms.schema import Keying

EXPECTED_IDS = ["k10", "core10", "core34", "phq9", "gad7", "audit", "auditc"]


def test_registry_order_and_every_form_loads() -> None:
    assert forms.INSTRUMENT_IDS == tuple(EXPECTED_IDS)
    assert [form.id for form in all_forms()] == EXPECTED_IDS
    for form_id in EXPECTED_IDS:
        assert (forms.FORMS_DIR / f"{form_id}.json").is_file()


@pytest.mark.parametrize(
    ("form_id", "n_items"),
    [("k10", 10), ("core10", 10), ("core34", 34), ("phq9", 9), ("gad7", 7), ("audit", 10), ("auditc", 3)],
)
def test_item_counts(form_id: str, n_items: int) -> None:
    assert len(load_form(form_id).items) == n_items


def test_loaded_forms_are_cached() -> None:
    assert load_form("k10") is load_form("k10")


def test_hash_is_sha256_and_distinct_per_form() -> None:
    hashes = [form_hash(form_id) for form_id in EXPECTED_IDS]
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes)
    assert len(set(hashes)) == len(hashes)
    assert load_form("phq9").content_hash == form_hash("phq9")


def _copy(tmp_path: Path, form_id: str) -> Path:
    folder = tmp_path / "forms"
    folder.mkdir(exist_ok=True)
    return Path(shutil.copy(forms.FORMS_DIR / f"{form_id}.json", folder / f"{form_id}.json"))


def _edit(tmp_path: Path, form_id: str, change) -> Path:
    path = _copy(tmp_path, form_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_reformatting_keeps_the_hash_but_any_wording_change_does_not(tmp_path: Path) -> None:
    reindented = _edit(tmp_path, "phq9", lambda d: None)
    assert load_form_file(reindented).content_hash == form_hash("phq9")
    edited = _edit(tmp_path, "phq9", lambda d: d["items"][5].update(text=d["items"][5]["text"] + "."))
    assert load_form_file(edited).content_hash != form_hash("phq9")
    revalued = _edit(tmp_path, "phq9", lambda d: d["options"][1].update(label="Some days"))
    assert load_form_file(revalued).content_hash != form_hash("phq9")


@pytest.mark.parametrize(
    ("form_id", "change", "expected"),
    [
        ("k10", lambda d: d["items"][3].pop("text"), "forms/k10.json: items[3].text: Field required"),
        ("k10", lambda d: d["options"][0].update(value="one"), "forms/k10.json: options[0].value:"),
        ("gad7", lambda d: d.pop("copyright"), "forms/gad7.json: copyright: Field required"),
        ("gad7", lambda d: d["items"][0].update(colour="red"), "forms/gad7.json: items[0].colour: Extra inputs"),
        ("phq9", lambda d: d["items"][2].update(number=7), "forms/phq9.json: (whole form): Value error, items must be numbered"),
        ("core10", lambda d: d["items"][1].update(options=d["options"]), "item 2 is reverse keyed"),
        ("core10", lambda d: d["items"][0].update(domain="X"), "item 1 names unknown domain 'X'"),
        ("audit", lambda d: d["items"][4].pop("options"), "forms/audit.json: (whole form): Value error, item 5 has no options"),
        ("audit", lambda d: d["skip_rules"][0].update(skip_items=[11]), "names item 11, which does not exist"),
        ("audit", lambda d: d["skip_rules"][1].update(when_values=[0]), "give exactly one of when_values and when_total"),
        ("auditc", lambda d: d["items"][1]["options"][1].update(value=0), "item 2 has two options with the same value"),
    ],
)
def test_a_broken_form_names_file_and_field(tmp_path: Path, form_id: str, change, expected: str) -> None:
    path = _edit(tmp_path, form_id, change)
    with pytest.raises(FormError) as caught:
        load_form_file(path)
    assert expected in str(caught.value)


def test_invalid_json_names_file_and_line(tmp_path: Path) -> None:
    path = _copy(tmp_path, "k10")
    path.write_text('{\n  "id": "k10",\n  oops\n}', encoding="utf-8")
    with pytest.raises(FormError, match=r"^forms/k10\.json: line 3 column 3: not valid JSON"):
        load_form_file(path)


def test_id_must_match_file_name(tmp_path: Path) -> None:
    path = _edit(tmp_path, "gad7", lambda d: d.update(id="phq9"))
    with pytest.raises(FormError, match=r"forms/gad7\.json: id: 'phq9' does not match"):
        load_form_file(path)


def test_missing_file_and_unknown_instrument(tmp_path: Path) -> None:
    with pytest.raises(FormError, match="nowhere/k10.json: the form file is missing"):
        load_form_file(tmp_path / "nowhere" / "k10.json")
    with pytest.raises(FormError, match="no form for instrument 'bdi'"):
        load_form("bdi")


def test_a_json_list_is_not_a_form(tmp_path: Path) -> None:
    path = _copy(tmp_path, "k10")
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(FormError, match="one JSON object"):
        load_form_file(path)


def test_reverse_keyed_items_are_the_positively_worded_core_items() -> None:
    reverse = {
        form_id: [i.number for i in load_form(form_id).items if i.keying is Keying.REVERSE]
        for form_id in EXPECTED_IDS
    }
    assert reverse == {
        "k10": [], "core10": [2, 3], "core34": [3, 4, 7, 12, 19, 21, 31, 32],
        "phq9": [], "gad7": [], "audit": [], "auditc": [],
    }


def test_risk_items() -> None:
    risk = {form_id: [i.number for i in load_form(form_id).items if i.risk_item] for form_id in EXPECTED_IDS}
    assert risk == {
        "k10": [], "core10": [6], "core34": [6, 9, 16, 22, 24, 34],
        "phq9": [9], "gad7": [], "audit": [], "auditc": [],
    }


def test_core_om_domains_have_the_published_sizes() -> None:
    form = load_form("core34")
    sizes = {code: sum(1 for i in form.items if i.domain == code) for code in form.domains}
    assert sizes == {"W": 4, "P": 12, "F": 12, "R": 6}


def test_audit_items_9_and_10_take_only_0_2_4() -> None:
    form = load_form("audit")
    assert form.allowed_values(9) == form.allowed_values(10) == frozenset({0, 2, 4})
    assert all(form.allowed_values(n) == frozenset(range(5)) for n in range(1, 9))


def test_audit_skip_rules() -> None:
    rules = {rule.id: rule for rule in load_form("audit").skip_rules}
    never, no_heavy = rules["never_drinks"], rules["no_heavy_drinking"]
    assert (never.when_items, never.when_values, never.skip_items) == ((1,), (0,), (2, 3, 4, 5, 6, 7, 8))
    assert (no_heavy.when_items, no_heavy.when_total, no_heavy.skip_items) == ((2, 3), 0, (4, 5, 6, 7, 8))


def test_every_form_carries_copyright_terms_and_citation() -> None:
    for form in all_forms():
        assert form.copyright.strip() and form.terms.strip() and form.citation
        assert form.sources
