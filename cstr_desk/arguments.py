"""The argparse types every `cstr-desk` command shares: a value that cannot be right is refused
in one line (argparse adds the option's name) before a database, a file or the hub is touched.

Issue 13 item 9: `--person 99999999999999999999` reached SQLite (OverflowError), `--month
9999-12` reached the month's arithmetic (ValueError), `--people 99999999999999999999` ran on
without end and `init --admin-user ""` made an account nobody could name. Each check is one
function, so a command added later gets the same refusals by naming the type.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date

from cstr_desk.store.validation import MAX_RECORD_NUMBER, name_problem

# A monitoring return or export month: generous either side of any month a court could report
# on, and never 9999-12, which has no following month to end it.
FIRST_YEAR, LAST_YEAR = 1900, 2999


# No number a command takes has more digits than SQLite's largest integer (19); int() of a
# 5,000-digit string raises its own ValueError about digit limits.
MAX_DIGITS = 19


def whole_number(text: str) -> int | None:
    """The number written in plain ASCII digits, or None ('²' and '1e3' are not numbers here;
    int() would take '1_000', which nobody types on purpose)."""
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > MAX_DIGITS:
        return None
    return int(text)


def record_number(what: str) -> Callable[[str], int]:
    """A `what` ("case", "person") number: 1 up to the largest number SQLite stores."""
    def parse(text: str) -> int:
        number = whole_number(text)
        if number is None or not 0 < number <= MAX_RECORD_NUMBER:
            raise argparse.ArgumentTypeError(
                f"{_shown(text)} is not a {what} number (a whole number such as 12)")
        return number

    parse.__name__ = f"{what} number"  # argparse names the type in some messages
    return parse


def month(text: str) -> date:
    """YYYY-MM, a month from FIRST_YEAR to LAST_YEAR."""
    parts = text.strip().split("-")
    numbers = [whole_number(part) for part in parts] if len(parts) == 2 else [None]
    if None in numbers or len(parts[0]) != 4 or not 1 <= numbers[1] <= 12:
        raise argparse.ArgumentTypeError(
            f"{_shown(text)} is not a month: please write it as YYYY-MM, e.g. 2026-03")
    year, number = numbers
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"{_shown(text)} is not a month this service reports on (years {FIRST_YEAR} to "
            f"{LAST_YEAR})")
    return date(year, number, 1)


def count(what: str, most: int) -> Callable[[str], int]:
    """How many of something, from 1 to `most`."""
    def parse(text: str) -> int:
        number = whole_number(text)
        if number is None or not 1 <= number <= most:
            raise argparse.ArgumentTypeError(
                f"{_shown(text)} is not a number of {what} from 1 to {most:,}")
        return number

    parse.__name__ = f"number of {what}"  # argparse names the type in some messages
    return parse


def seed(text: str) -> int:
    """A random seed: any whole number up to SQLite's largest."""
    number = whole_number(text)
    if number is None or number > MAX_RECORD_NUMBER:
        raise argparse.ArgumentTypeError(f"{_shown(text)} is not a seed (a whole number such "
                                         "as 4)")
    return number


def port(text: str) -> int:
    number = whole_number(text)
    if number is None or not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{_shown(text)} is not a port (1 to 65535)")
    return number


def name(text: str) -> str:
    """A username, a person's full name, a court, a site: not empty, on one line."""
    problem = name_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return text


def _shown(text: str) -> str:
    """The value as typed, cut short: a 5,000-digit number is not worth echoing whole."""
    return repr(text if len(text) <= 40 else text[:37] + "...")
