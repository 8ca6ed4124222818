"""Working days in England and Wales: Monday to Friday, less the bank holidays.

The bank holidays come from the `holidays` package (subdivision ENG: England and Wales share
one list under the Banking and Financial Dealings Act 1971), which is maintained against the
government's announcements, substitute days ("Boxing Day (observed)") and one-off holidays
(a coronation, a state funeral) included: a hand-written list would go stale silently.

Plain dates only; no Qt, no database. The DRR's "2 working days of the order" (2014 guidance,
DRR clinical standard) is `add_working_days(order_day, 2)`.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

# Imported from its module, not looked up by country code: the bundle (PyInstaller) sees a
# direct import, whereas `holidays.country_holidays("GB")` finds the module at run time.
from holidays.countries.united_kingdom import UnitedKingdom

ENGLAND_AND_WALES = "ENG"
SATURDAY = 5


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(UnitedKingdom(subdiv=ENGLAND_AND_WALES, years=year))


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY and not is_bank_holiday(day)


def add_working_days(day: date, count: int) -> date:
    """The `count`th working day after `day` (`day` itself is day 0, working or not): an order
    made on Friday with 2 working days is due on Tuesday, or Wednesday if Monday is a bank
    holiday. `count` 0 gives `day` itself."""
    if count < 0:
        raise ValueError("count must be zero or more")
    current = day
    for _ in range(count):
        current += timedelta(days=1)
        while not is_working_day(current):
            current += timedelta(days=1)
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not later): the
    inverse of `add_working_days` on working days."""
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        count += is_working_day(current)
    return count
