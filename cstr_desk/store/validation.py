"""Checks on identifiers, as pure functions the screens can reuse while a person types."""

from __future__ import annotations

import re

_PNC_PATTERN = re.compile(r"^(\d{2}|\d{4})/(\d{1,7})([A-Z])$")


def normalise_nhs_number(text: str) -> str:
    """Digits only: people write NHS numbers as "943 476 5919" or "943-476-5919"."""
    return re.sub(r"[\s-]", "", text)


def nhs_number_is_valid(text: str) -> bool:
    """The NHS number's modulus 11 check digit (NHS Data Dictionary, "NHS Number"): weights
    10..2 on the first nine digits; 11 - (sum mod 11) is the check digit, 11 means 0, and 10
    means the number can never be valid."""
    digits = normalise_nhs_number(text)
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def nhs_check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when no check digit makes them valid."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1)))
    check = (11 - total % 11) % 11
    return None if check == 10 else check


def normalise_pnc_number(text: str) -> str:
    """Police National Computer numbers are written "YY/NNNNNNNL" or "YYYY/NNNNNNNL"; the
    serial's leading zeros are often dropped, so compare on an upper-case, zero-padded form."""
    cleaned = re.sub(r"\s", "", text).upper()
    match = _PNC_PATTERN.match(cleaned)
    if not match:
        return cleaned
    year, serial, letter = match.groups()
    return f"{year}/{int(serial):07d}{letter}"


def pnc_number_looks_valid(text: str) -> bool:
    """Shape only (year / serial / check letter); the check letter's algorithm is not public."""
    return _PNC_PATTERN.match(re.sub(r"\s", "", text).upper()) is not None


# SQLite's INTEGER is a signed 64-bit number: a record number past it cannot be looked up
# (the driver raises OverflowError before the query runs).
MAX_RECORD_NUMBER = 2**63 - 1
# Longer than any real person's, court's or site's name; a guard against a pasted file.
MAX_NAME_LENGTH = 200


def name_problem(text: str) -> str | None:
    """What is wrong with a name (username, full name, court, site), in plain words, or None.
    A name is shown on screens, in reports and in the audit trail, so it must be something to
    read: not blank, on one line, of a sane length."""
    if not text.strip():
        return "a name cannot be empty or only spaces"
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        return "a name must be on one line, without tabs or other control characters"
    if len(text) > MAX_NAME_LENGTH:
        return f"a name can be at most {MAX_NAME_LENGTH} characters long"
    return None
