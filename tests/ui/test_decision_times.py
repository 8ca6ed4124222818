"""The Clinical Lead's decision and the provider's answer are timed on the court's clock, not
the laptop's zone (issue 15, item 5)."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from cstr_desk.ui.decision import local_moment


def test_a_typed_decision_time_is_london_time_on_a_laptop_set_elsewhere(monkeypatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert local_moment("02/07/2026", "09:15", "Discussed") == datetime(2026, 7, 2, 8, 15,
                                                                            tzinfo=UTC)
    finally:
        monkeypatch.undo()
        time.tzset()
