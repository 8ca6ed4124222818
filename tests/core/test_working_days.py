"""Working days in England and Wales: weekends and bank holidays (from the `holidays` library),
checked against dates known from the government's list and as properties over any date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cstr_desk.working_days import (
    add_working_days, is_bank_holiday, is_working_day, working_days_between,
)

DATES = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
COUNTS = st.integers(min_value=0, max_value=30)


@pytest.mark.parametrize(("day", "holiday"), [
    (date(2026, 4, 3), True),    # Good Friday
    (date(2026, 4, 6), True),    # Easter Monday
    (date(2026, 5, 4), True),    # Early May bank holiday
    (date(2026, 8, 31), True),   # Summer bank holiday (England and Wales, not Scotland's)
    (date(2026, 12, 28), True),  # Boxing Day falls on Saturday: substitute Monday
    (date(2023, 5, 8), True),    # the King's coronation, a one-off
    (date(2026, 8, 3), False),   # Scotland's summer holiday, a working day in England
    (date(2026, 3, 17), False),  # St Patrick's Day: Northern Ireland only
    (date(2026, 3, 2), False),
])
def test_bank_holidays_of_england_and_wales(day, holiday):
    assert is_bank_holiday(day) is holiday


@pytest.mark.parametrize(("order", "due"), [
    (date(2026, 3, 2), date(2026, 3, 4)),    # Monday -> Wednesday
    (date(2026, 3, 6), date(2026, 3, 10)),   # Friday -> Tuesday over the weekend
    (date(2026, 3, 7), date(2026, 3, 10)),   # Saturday: Monday is day 1
    (date(2026, 4, 2), date(2026, 4, 8)),    # Thursday before Easter -> Wednesday after
    (date(2026, 12, 24), date(2026, 12, 30)),  # Christmas, Boxing Day substitute
    (date(2026, 5, 1), date(2026, 5, 6)),    # Friday before the May bank holiday
])
def test_two_working_days_of_the_order(order, due):
    assert add_working_days(order, 2) == due


@given(DATES, COUNTS)
def test_the_result_is_a_working_day_after_the_start(day, count):
    due = add_working_days(day, count)
    assert due >= day
    if count:
        assert is_working_day(due)


@given(DATES, COUNTS)
def test_exactly_count_working_days_pass(day, count):
    due = add_working_days(day, count)
    assert working_days_between(day, due) == count
    # and no working day is skipped: the day before is one short
    if count:
        assert working_days_between(day, due - timedelta(days=1)) == count - 1


@given(DATES, COUNTS, COUNTS)
def test_adding_in_steps_is_adding_at_once(day, first, second):
    assert add_working_days(add_working_days(day, first), second) == add_working_days(day, first + second)


@given(DATES)
def test_weekends_are_never_working_days(day):
    if day.weekday() >= 5:
        assert not is_working_day(day)
    else:
        assert is_working_day(day) is not is_bank_holiday(day)


@given(DATES)
def test_two_working_days_span_at_most_six_calendar_days(day):
    # Worst case: Thursday before Easter (Good Friday, weekend, Easter Monday) or Christmas Eve
    # on a Thursday (Christmas, Boxing Day and substitutes): never more than 6 days.
    assert (add_working_days(day, 2) - day).days <= 6


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 2), -1)
