"""Times as a court in England reads them, whatever zone the laptop is set to (issue 15, item 5:
decision times through ukdates)."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime

import pytest

from cstr_desk.ukdates import file_name_date, london_moment, uk_date, uk_datetime, uk_time


@pytest.fixture
def laptop_in_new_york():
    """The process's own zone set far from London, as on a laptop set up abroad."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_summer_and_winter_times_are_londons(laptop_in_new_york) -> None:
    summer = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)  # 00:30 BST on 2 July
    winter = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)  # 23:30 GMT
    assert (uk_date(summer), uk_time(summer)) == ("02/07/2026", "00:30")
    assert (uk_date(winter), uk_time(winter)) == ("01/12/2026", "23:30")
    assert uk_datetime(summer) == "02/07/2026 00:30"
    assert file_name_date(summer) == "02-07-2026"


def test_a_typed_london_time_is_the_same_moment_on_any_laptop(laptop_in_new_york) -> None:
    moment = london_moment(date(2026, 7, 2), "09:15")
    assert moment == datetime(2026, 7, 2, 8, 15, tzinfo=UTC)
    assert uk_time(moment) == "09:15"
