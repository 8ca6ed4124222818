"""Progress of a long command on the command line: one line on stderr at each tenth of the
way, so that a re-key, an export or a demo build of minutes is never a silent wait, and a log
of the run stays short."""

from __future__ import annotations

import sys
from collections.abc import Callable

Progress = Callable[[int, int], None]


def every_tenth(line: Callable[[int, int, int], str]) -> Progress:
    """A progress callback `(done, total)` printing `line(percent, done, total)` each time
    another tenth of the total is done (and at the start)."""
    shown = [-1]

    def show(done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth != shown[0]:
            shown[0] = tenth
            print(line(tenth * 10, done, total), file=sys.stderr, flush=True)

    return show
