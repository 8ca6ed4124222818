"""The combined consent the person is shown, in standard and easy-read form, by version.

The wording lives in `resources/consent/` (one JSON file per version) so a change of wording is a
new version, never an edit: the version shown is stored on the `ConsentRecord`, and the printed
consent copy is rebuilt from the same version later. Content follows the Primary Care MHTR
Practitioner Manual (2020) Appendix 2 "Example of Combined Consent", §4.3 (consent process) and
§4.7 (withdrawal is a breach and returns the order to court). No Qt here: the reports print it too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cstr_desk.domain import Requirement
from cstr_desk.paths import resource_path

__all__ = [
    "CURRENT_VERSION",
    "KEY_POINTS",
    "ConsentSection",
    "ConsentText",
    "ConsentTextError",
    "EasyReadScreen",
    "load_consent",
    "load_consent_file",
]

CURRENT_VERSION = "2026.2"

# The points the person must each say they understood before consent is recorded (DOMAIN.md
# pathway step 5: "the person's acknowledgement that they understood"). Every version states
# the first three; a requirement's own point applies only when that requirement is among those
# assessed for (Appendix 2: the MHTR's "12-week programme ... weekly", and for each of the MHTR,
# DRR and ATR "engagement in therapeutic activities"). Version 2026.1 had none for the DRR/ATR.
KEY_POINTS: tuple[str, ...] = (
    "information_sharing",
    "confidentiality_limits",
    "right_to_withdraw",
    "mhtr_sessions",
    "drr_engagement",
    "atr_engagement",
)
REQUIREMENT_POINTS: dict[str, Requirement] = {
    "mhtr_sessions": Requirement.MHTR,
    "drr_engagement": Requirement.DRR,
    "atr_engagement": Requirement.ATR,
}
_EVERY_VERSION = tuple(p for p in KEY_POINTS if p not in REQUIREMENT_POINTS) + ("mhtr_sessions",)

# A version is published once and never edited; add a new file and a new line here.
_VERSION_FILES: dict[str, str] = {
    "2026.1": "consent-v1.json",
    # Appendix 2's retention ("stored electronically and securely indefinitely") and "please use
    # the contact details below" restored; DRR and ATR acknowledgement points; easy-read
    # statements for the "You said" boxes.
    "2026.2": "consent-v2.json",
}


class ConsentTextError(Exception):
    """A consent file is missing, unreadable or malformed. The message names the file and the
    field, e.g. "resources/consent/consent-v1.json: sections.2.heading: Field required"."""


class _Content(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ConsentSection(_Content):
    heading: str = Field(min_length=1)
    paragraphs: list[str] = Field(min_length=1)
    acknowledgement_key: str | None = None
    # Requirements this section is about; empty means it is shown to everyone.
    applies_to: list[Requirement] = Field(default_factory=list)
    # The service's contact details are printed after this section (Appendix 2: "please use
    # the contact details below").
    shows_contacts: bool = False

    def applies(self, requirements: Iterable[Requirement]) -> bool:
        return not self.applies_to or bool(set(self.applies_to) & set(requirements))


class EasyReadScreen(_Content):
    """One idea per screen, short sentences, one picture (file name under resources/easy-read/)."""

    key: str = Field(min_length=1)
    title: str = Field(min_length=1)
    sentences: list[str] = Field(min_length=1)
    picture: str = Field(pattern=r"^[a-z0-9-]+\.svg$")
    acknowledgement_key: str | None = None
    applies_to: list[Requirement] = Field(default_factory=list)
    shows_contacts: bool = False

    def applies(self, requirements: Iterable[Requirement]) -> bool:
        return not self.applies_to or bool(set(self.applies_to) & set(requirements))


class ConsentText(_Content):
    version: str = Field(min_length=1)
    title: str = Field(min_length=1)
    source: str = Field(min_length=1)
    # Key point -> the sentence the person says they understood ("I understand ...").
    acknowledgements: dict[str, str]
    # Key point -> the same in easy-read words, for the easy-read copy's "You said" boxes.
    easy_read_acknowledgements: dict[str, str] = Field(default_factory=dict)
    sections: list[ConsentSection] = Field(min_length=1)
    easy_read_screens: list[EasyReadScreen] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_key_point_is_explained(self) -> ConsentText:
        # A key point the person is asked to acknowledge must be explained in both versions,
        # otherwise the easy-read route would record understanding of something never shown.
        for point in _EVERY_VERSION:
            if point not in self.acknowledgements:
                raise ValueError(f"acknowledgements: key point {point!r} has no statement")
        unknown_points = set(self.acknowledgements) - set(KEY_POINTS)
        if unknown_points:
            raise ValueError(f"acknowledgements: unknown key points {sorted(unknown_points)}")
        extra = set(self.easy_read_acknowledgements) - set(self.acknowledgements)
        if extra:
            raise ValueError(f"easy_read_acknowledgements: not key points here {sorted(extra)}")
        for point in self.points:
            if point not in {s.acknowledgement_key for s in self.sections}:
                raise ValueError(f"sections: no section explains key point {point!r}")
            if point not in {s.acknowledgement_key for s in self.easy_read_screens}:
                raise ValueError(f"easy_read_screens: no screen explains key point {point!r}")
        for where, keys in (
            ("sections", [s.acknowledgement_key for s in self.sections]),
            ("easy_read_screens", [s.acknowledgement_key for s in self.easy_read_screens]),
        ):
            unknown = {k for k in keys if k is not None} - set(self.acknowledgements)
            if unknown:
                raise ValueError(f"{where}: unknown acknowledgement_key {sorted(unknown)}")
        return self

    @property
    def points(self) -> list[str]:
        """This version's key points, in KEY_POINTS order."""
        return [p for p in KEY_POINTS if p in self.acknowledgements]

    def required_points(self, requirements: Iterable[Requirement]) -> list[str]:
        """The key points this person must acknowledge, in the order they are explained."""
        chosen = set(requirements)
        return [p for p in self.points
                if p not in REQUIREMENT_POINTS or REQUIREMENT_POINTS[p] in chosen]

    def easy_read_statement(self, point: str) -> str:
        """The point in easy-read words where this version has them, else its statement."""
        return self.easy_read_acknowledgements.get(point) or self.acknowledgements.get(point, point)

    def sections_for(self, requirements: Iterable[Requirement]) -> list[ConsentSection]:
        chosen = list(requirements)
        return [s for s in self.sections if s.applies(chosen)]

    def easy_read_screens_for(self, requirements: Iterable[Requirement]) -> list[EasyReadScreen]:
        chosen = list(requirements)
        return [s for s in self.easy_read_screens if s.applies(chosen)]


def load_consent(version: str = CURRENT_VERSION) -> ConsentText:
    """The consent wording of `version`; raises ConsentTextError naming the file and field."""
    try:
        file_name = _VERSION_FILES[version]
    except KeyError:
        known = ", ".join(_VERSION_FILES)
        raise ConsentTextError(f"there is no consent text version {version!r} (known: {known})")
    text = _load_cached(str(resource_path("consent", file_name)))
    if text.version != version:
        raise ConsentTextError(
            f"{_display(Path(resource_path('consent', file_name)))}: version: "
            f"says {text.version!r} but is registered as {version!r}"
        )
    return text


@cache
def _load_cached(path: str) -> ConsentText:
    return load_consent_file(Path(path))


def load_consent_file(path: Path) -> ConsentText:
    """Read and validate one consent file, checking its pictures exist."""
    shown = _display(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConsentTextError(f"{shown}: file not found")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConsentTextError(f"{shown}: cannot be read ({error})")
    try:
        text = ConsentText.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(file)"
        raise ConsentTextError(f"{shown}: {field}: {first['msg']}")
    for index, screen in enumerate(text.easy_read_screens):
        if not resource_path("easy-read", screen.picture).is_file():
            raise ConsentTextError(
                f"{shown}: easy_read_screens.{index}.picture: "
                f"resources/easy-read/{screen.picture} does not exist"
            )
    return text


def _display(path: Path) -> str:
    """The path as people find it in the repository (resources/...), else as given."""
    parts = path.parts
    if "resources" in parts:
        return "/".join(parts[parts.index("resources") :])
    return str(path)
