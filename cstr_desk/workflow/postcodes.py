"""The postcodes a site serves, as an administrator types them, and whether a person lives there.

A site may serve whole postcode areas ("NT", every NT postcode) or single districts ("NT1").
Administrators type them as they come, "NT1, NT2 nt3;NT4", so entries are split on commas,
semicolons and spaces and read in any case; what was understood is shown back before it is kept.
Manual §4.1: a CSTR can be offered to someone who "live[s] and reside[s] within the post code
area that the CSTR site is operating". The shapes follow the Royal Mail postcode format
(area: one or two letters; district: the area, a digit, and an optional digit or letter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_AREA = re.compile(r"^[A-Z]{1,2}$")
_DISTRICT = re.compile(r"^([A-Z]{1,2})[0-9][A-Z0-9]?$")
_INWARD = re.compile(r"^[0-9][A-Z]{2}$")
_SEPARATORS = re.compile(r"[,;\s]+")


@dataclass(frozen=True)
class ServedPostcodes:
    """What was understood from the typed text: areas, districts, and entries that are neither."""

    areas: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    not_understood: tuple[str, ...] = ()

    @property
    def entries(self) -> list[str]:
        """The entries to keep: areas first, then districts, each once."""
        return [*self.areas, *self.districts]

    def summary(self) -> str:
        """In plain words, for showing back what was understood."""
        parts = []
        if self.areas:
            parts.append("whole areas " + ", ".join(self.areas))
        if self.districts:
            parts.append("districts " + ", ".join(self.districts))
        text = ("Understood: " + "; ".join(parts) + ".") if parts else "No postcode areas given yet."
        if self.not_understood:
            text += (" Not a postcode area or district: " + ", ".join(self.not_understood)
                     + " (an area is one or two letters, e.g. NT; a district adds a number, e.g. NT1).")
        return text


def read_served_postcodes(text: str | list[str]) -> ServedPostcodes:
    """Read what an administrator typed (or the stored list) into areas and districts."""
    raw = " ".join(text) if isinstance(text, list) else text
    areas: list[str] = []
    districts: list[str] = []
    wrong: list[str] = []
    for entry in (e for e in _SEPARATORS.split(raw.upper()) if e):
        kind = areas if _AREA.match(entry) else districts if _DISTRICT.match(entry) else wrong
        if entry not in kind:
            kind.append(entry)
    return ServedPostcodes(tuple(areas), tuple(districts), tuple(wrong))


def outward_code(postcode: str) -> str | None:
    """The outward code ("NT1" of "NT1 2CD"), or None when the text is not a full UK postcode."""
    compact = re.sub(r"\s+", "", postcode.upper())
    outward, inward = compact[:-3], compact[-3:]
    if _DISTRICT.match(outward) is None or not _INWARD.match(inward):
        return None
    return outward


def postcode_area(postcode: str) -> str | None:
    """The postcode area, the leading letters of the outward code ("M" for "M1 2AB", "SW" for
    "SW1A 1AA"), or None when the text is not a full UK postcode."""
    outward = outward_code(postcode)
    return None if outward is None else _DISTRICT.match(outward).group(1)


def is_served(postcode: str, served: ServedPostcodes) -> bool:
    """Whether a full postcode lies in one of the served areas or districts."""
    outward = outward_code(postcode)
    if outward is None:
        return False
    return outward in served.districts or postcode_area(postcode) in served.areas
