"""Failed sign-ins: counted per username and slowed down, then audited once a database opens.

The counts live in `<db>.attempts`, not in the key file, so a wrong password never rewrites
the key slots or the database (both stay byte-identical) and a flood of guesses cannot wear out
the one file that holds the keys. The delay is exponential: the first three failures are free
(typing mistakes), then 1, 2, 4 ... seconds, at most five minutes. Someone holding a copy of
the files can guess offline, so the real defence is Argon2's cost; this stops guessing at the
desk. Failures wait here until the next successful sign-in writes them to the audit log.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cstr_desk.store.errors import SignInDelayed
from cstr_desk.store.files import attempts_path, write_atomically

FREE_FAILURES = 3
MAX_DELAY_SECONDS = 300.0
_MAX_PENDING = 500


def required_delay(failures: int) -> float:
    if failures < FREE_FAILURES:
        return 0.0
    return min(MAX_DELAY_SECONDS, 2.0 ** (failures - FREE_FAILURES))


@dataclass
class SignInAttempts:
    path: Path
    counts: dict[str, dict] = field(default_factory=dict)
    pending: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def load(cls, db: Path) -> SignInAttempts:
        path = attempts_path(db)
        try:
            body = json.loads(path.read_text("utf-8"))
            return cls(path, dict(body["counts"]), [tuple(p) for p in body["pending"]])
        except FileNotFoundError:
            return cls(path)
        except (ValueError, KeyError, TypeError):
            # A damaged counter file must not lock everyone out; start counting again.
            return cls(path)

    def check_allowed(self, username: str, now: float | None = None) -> None:
        entry = self.counts.get(username)
        if not entry:
            return
        now = time.time() if now is None else now
        wait = entry["last"] + required_delay(entry["count"]) - now
        if wait > 0:
            raise SignInDelayed(wait)

    def record_failure(self, username: str, now: float | None = None,
                       pending: bool = True) -> None:
        """`pending=False` when the database is open and the failure is audited at once."""
        now = time.time() if now is None else now
        entry = self.counts.setdefault(username, {"count": 0, "last": now})
        entry["count"] += 1
        entry["last"] = now
        if len(self.counts) > _MAX_PENDING:
            # Guessed usernames must not grow the file without end: forget the oldest.
            oldest = min(self.counts, key=lambda name: self.counts[name]["last"])
            del self.counts[oldest]
        if pending:
            at = datetime.fromtimestamp(now, UTC).isoformat()
            self.pending = (self.pending + [(username, at)])[-_MAX_PENDING:]
        self._save()

    def record_success(self, username: str) -> list[tuple[str, str]]:
        """Clears the user's count; returns the failures (any username) still to be audited."""
        pending = list(self.pending)
        if username in self.counts or pending:
            self.counts.pop(username, None)
            self.pending = []
            self._save()
        return pending

    def _save(self) -> None:
        body = {"counts": self.counts, "pending": self.pending}
        write_atomically(self.path, json.dumps(body).encode("utf-8"))
