"""Failed sign-ins: counted per username and slowed down, then audited once a database opens.

The counts live in `<db>.attempts`, not in the key file, so a wrong password never rewrites
the key slots or the database (both stay byte-identical) and a flood of guesses cannot wear out
the one file that holds the keys. The delay is exponential: the first three failures are free
(typing mistakes), then 1, 2, 4 ... seconds, at most five minutes. This slows guessing at the
desk only: someone holding a copy of the files guesses offline, where the defence is Argon2id's
cost per guess (keyslots.py). Failures wait here until the next successful sign-in writes them
to the audit log.

The file is outside the encryption and anyone with the folder can damage it, so every entry is
checked on loading and a bad one is dropped (a damaged file must not lock everyone out, nor
crash sign-in); a last-failure time in the future (a clock put back, a hand edit) counts as now,
so no wait is ever longer than the longest delay. The file is bounded: guessed usernames beyond
`_MAX_UNKNOWN` are forgotten, least-tried first, but a username that has a key slot is never
forgotten, so a flood of made-up names cannot wipe the count of the account under attack.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cstr_desk.store.errors import SignInDelayed, StoreError
from cstr_desk.store.files import UnusableSideFile, attempts_path, read_side_file, write_atomically

log = logging.getLogger("cstr_desk.store")

FREE_FAILURES = 3
MAX_DELAY_SECONDS = 300.0
_MAX_UNKNOWN = 500
_MAX_PENDING = 500
_MAX_FILE_BYTES = 1024 * 1024


def required_delay(failures: int) -> float:
    if failures < FREE_FAILURES:
        return 0.0
    # 2 ** 9 s is past the cap already; a huge count from a damaged file must not overflow.
    return min(MAX_DELAY_SECONDS, 2.0 ** min(failures - FREE_FAILURES, 9))


@dataclass
class _Count:
    count: int
    last: float


def _count(value: object) -> _Count | None:
    if not isinstance(value, dict):
        return None
    count, last = value.get("count"), value.get("last")
    if type(count) is not int or count < 1 or type(last) not in (int, float):
        return None
    if not math.isfinite(last):
        return None
    return _Count(count, float(last))


def _pending(value: object) -> tuple[str, str] | None:
    if not (isinstance(value, list | tuple) and len(value) == 2
            and all(isinstance(part, str) for part in value)):
        return None
    try:
        datetime.fromisoformat(value[1])
    except ValueError:
        return None
    return value[0], value[1]


@dataclass
class SignInAttempts:
    path: Path
    counts: dict[str, _Count] = field(default_factory=dict)
    pending: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def load(cls, db: Path) -> SignInAttempts:
        path = attempts_path(db)
        try:
            body = json.loads(read_side_file(path, _MAX_FILE_BYTES).decode("utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, UnusableSideFile, ValueError, RecursionError):
            log.warning("the sign-in attempts file is damaged; counting starts again")
            return cls(path)
        attempts = cls(path)
        if isinstance(body, dict):
            counts = body.get("counts")
            for name, value in (counts.items() if isinstance(counts, dict) else ()):
                if (entry := _count(value)) is not None:
                    attempts.counts[name] = entry
            pending = body.get("pending")
            for value in (pending if isinstance(pending, list) else ())[-_MAX_PENDING:]:
                if (item := _pending(value)) is not None:
                    attempts.pending.append(item)
        return attempts

    def check_allowed(self, username: str, now: float | None = None) -> None:
        entry = self.counts.get(username)
        if entry is None:
            return
        now = time.time() if now is None else now
        # A time ahead of the clock counts as now, so the wait is at most the longest delay.
        wait = min(entry.last, now) + required_delay(entry.count) - now
        if wait > 0:
            raise SignInDelayed(wait)

    def record_failure(self, username: str, now: float | None = None, pending: bool = True,
                       accounts: Collection[str] = ()) -> None:
        """`pending=False` when the database is open and the failure is audited at once.
        `accounts`: the usernames with a key slot, never forgotten to keep the file small."""
        now = time.time() if now is None else now
        entry = self.counts.setdefault(username, _Count(0, now))
        entry.count += 1
        entry.last = now
        self._forget_guessed_names(set(accounts))
        if pending:
            at = datetime.fromtimestamp(now, UTC).isoformat()
            self.pending = (self.pending + [(username, at)])[-_MAX_PENDING:]
        self._save()

    def _forget_guessed_names(self, keep: set[str]) -> None:
        unknown = [name for name in self.counts if name not in keep]
        excess = len(unknown) - _MAX_UNKNOWN
        if excess <= 0:
            return
        # Least-tried and oldest first: they hold the least of anyone's wait.
        unknown.sort(key=lambda name: (self.counts[name].count, self.counts[name].last))
        for name in unknown[:excess]:
            del self.counts[name]

    def record_success(self, username: str) -> list[tuple[str, str]]:
        """Clears the user's count; returns the failures (any username) still to be audited."""
        pending = list(self.pending)
        if username in self.counts or pending:
            self.counts.pop(username, None)
            self.pending = []
            self._save()
        return pending

    def _save(self) -> None:
        body = {"counts": {name: {"count": entry.count, "last": entry.last}
                           for name, entry in self.counts.items()},
                "pending": self.pending}
        try:
            write_atomically(self.path, json.dumps(body).encode("utf-8"))
        except StoreError:
            raise
        except OSError as error:
            # Refusing is safer than signing in uncounted: the counter is what slows guessing.
            raise StoreError(
                f"The sign-in counter file {self.path.name} beside the database cannot be "
                "written (it is a folder, or the folder is read-only). Nothing has been changed; "
                "please ask an administrator to check the folder."
            ) from error
