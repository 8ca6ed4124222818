"""The combined consent wording: loads, is faithful to Manual Appendix 2, refuses bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cstr_desk.consent_text import (
    CURRENT_VERSION,
    KEY_POINTS,
    ConsentTextError,
    load_consent,
    load_consent_file,
)
from cstr_desk.domain import Requirement
from cstr_desk.paths import resource_path

CONSENT_FILE = resource_path("consent", "consent-v1.json")


def _all_words(version: str = CURRENT_VERSION) -> str:
    text = load_consent(version)
    parts = [p for s in text.sections for p in (s.heading, *s.paragraphs)]
    return " ".join(parts).lower()


def test_current_version_loads_with_its_version() -> None:
    text = load_consent(CURRENT_VERSION)
    assert text.version == "2026.2"
    assert text.sections and text.easy_read_screens


@pytest.mark.parametrize(
    "phrase",
    [
        "harm yourself",  # confidentiality broken for risk to self (Appendix 2)
        "safeguarding",
        "serious crime",
        "your consent",  # the four lawful bases
        "contract",
        "legal duty",
        "legitimate interest",
        "encrypted",  # retention
        "withdraw your consent at any time",
        "breach",  # withdrawal = breach, back to court (Manual §4.7)
        "back to court",
        "correct",
        "copy",
        "every year",  # yearly renewal while in treatment
        "12-week programme",
        "one hour",
        "confidentiality agreement",
    ],
)
def test_standard_text_covers_appendix_2(phrase: str) -> None:
    assert phrase in _all_words()


def test_every_key_point_has_a_statement_a_section_and_an_easy_read_screen() -> None:
    text = load_consent()
    for point in KEY_POINTS:
        assert text.acknowledgements[point].startswith("I understand")
        assert any(s.acknowledgement_key == point for s in text.sections)
        assert any(s.acknowledgement_key == point for s in text.easy_read_screens)


def test_each_requirements_point_only_required_when_it_is_chosen() -> None:
    text = load_consent()
    assert "mhtr_sessions" in text.required_points([Requirement.MHTR, Requirement.DRR])
    assert "mhtr_sessions" not in text.required_points([Requirement.DRR])
    assert text.required_points([Requirement.ATR]) == [
        "information_sharing",
        "confidentiality_limits",
        "right_to_withdraw",
        "atr_engagement",
    ]


@pytest.mark.parametrize("requirement", list(Requirement))
def test_every_requirement_has_an_acknowledgement_point(requirement: Requirement) -> None:
    # Polish item of issue 11: the ATR (and DRR) had none in version 2026.1.
    text = load_consent()
    own = [p for p in text.required_points([requirement])
           if p not in text.required_points([])]
    assert own, requirement
    assert text.easy_read_statement(own[0]).startswith("I know")


def test_retention_and_contact_wording_follow_appendix_2() -> None:
    # Appendix 2: "encrypted and stored electronically and securely indefinitely"; "please use
    # the contact details below". The easy read keeps the meaning (kept for good).
    words = _all_words()
    assert "encrypted and stored electronically and securely indefinitely" in words
    assert "please use the contact details below" in words
    text = load_consent()
    keeping = next(s for s in text.easy_read_screens if s.key == "keeping")
    assert "We keep it for good. We do not throw it away." in keeping.sentences
    assert any(s.shows_contacts for s in text.sections)
    assert any(s.shows_contacts for s in text.easy_read_screens)


def test_the_first_version_is_kept_as_it_was_shown() -> None:
    # Published wording is never edited: a copy of a 2026.1 consent still prints its words.
    old = load_consent("2026.1")
    assert "indefinitely" not in _all_words("2026.1")
    assert old.required_points([Requirement.ATR])[-1] == "right_to_withdraw"


def test_requirement_sections_follow_the_choice() -> None:
    text = load_consent()
    drr_only = [s.heading for s in text.sections_for([Requirement.DRR])]
    assert any("Drug Rehabilitation" in h for h in drr_only)
    assert not any("Mental Health Treatment" in h for h in drr_only)
    screens = [s.key for s in text.easy_read_screens_for([Requirement.MHTR])]
    assert "mhtr" in screens and "drr" not in screens and "atr" not in screens


def test_easy_read_is_short_sentences_with_a_picture_each() -> None:
    for screen in load_consent().easy_read_screens:
        assert resource_path("easy-read", screen.picture).is_file()
        assert len(screen.sentences) <= 5
        for sentence in screen.sentences:
            assert len(sentence.split()) <= 15, sentence


def test_unknown_version_is_refused_plainly() -> None:
    with pytest.raises(ConsentTextError, match="no consent text version '1999.1'"):
        load_consent("1999.1")


def _write_broken(tmp_path: Path, change) -> Path:
    raw = json.loads(CONSENT_FILE.read_text(encoding="utf-8"))
    change(raw)
    broken = tmp_path / "resources" / "consent" / "consent-broken.json"
    broken.parent.mkdir(parents=True)
    broken.write_text(json.dumps(raw), encoding="utf-8")
    return broken


def test_missing_field_names_the_file_and_field(tmp_path: Path) -> None:
    broken = _write_broken(tmp_path, lambda raw: raw["sections"][2].pop("heading"))
    with pytest.raises(ConsentTextError) as error:
        load_consent_file(broken)
    assert str(error.value).startswith("resources/consent/consent-broken.json: sections.2.heading")


def test_key_point_without_easy_read_screen_is_refused(tmp_path: Path) -> None:
    def drop(raw: dict) -> None:
        for screen in raw["easy_read_screens"]:
            if screen["acknowledgement_key"] == "right_to_withdraw":
                screen["acknowledgement_key"] = None

    with pytest.raises(ConsentTextError, match="no screen explains key point 'right_to_withdraw'"):
        load_consent_file(_write_broken(tmp_path, drop))


def test_missing_picture_is_refused(tmp_path: Path) -> None:
    def rename(raw: dict) -> None:
        raw["easy_read_screens"][0]["picture"] = "no-such-picture.svg"

    with pytest.raises(ConsentTextError, match=r"easy_read_screens\.0\.picture"):
        load_consent_file(_write_broken(tmp_path, rename))


def test_unreadable_json_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "consent-bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(ConsentTextError, match="cannot be read"):
        load_consent_file(bad)
