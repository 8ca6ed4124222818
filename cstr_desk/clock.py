"""The time a record is stamped with, from one place.

Every "recorded at", "started at" and "issued at" the store and the operations write comes from
`utc_now`. The demo builder (`workflow.demo_cases`) tells a fictional case's story event by
event and sets the time of each with `story_time`, so a demo assessment is stamped on the day
of its hearing rather than the moment the demo was loaded. The audit trail keeps the real time:
it records when the demo was written. No Qt.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

_STORY_TIME: ContextVar[datetime | None] = ContextVar("story_time", default=None)


def utc_now() -> datetime:
    story = _STORY_TIME.get()
    return story if story is not None else datetime.now(UTC)


@contextmanager
def story_time(moment: datetime) -> Iterator[None]:
    """Within the block, records are stamped `moment` (aware; converted to UTC)."""
    token = _STORY_TIME.set(moment.astimezone(UTC))
    try:
        yield
    finally:
        _STORY_TIME.reset(token)
