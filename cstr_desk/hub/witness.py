"""The hub as witness (issue 16 item 4): the hub's administrator walks every desk's audit
chain as the hub holds it, and lists the uploads the hub refused because they did not continue
it. A desk whose history was cut or rewritten after an upload shows here, whatever the desk
itself now says."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

from cstr_desk.store.audit import GENESIS


@dataclass(frozen=True)
class DeskChain:
    desk_id: str
    site: str
    entries: int  # audit entries the hub holds for the desk
    problems: tuple[str, ...]  # codes: "gap:N", "link:N", "refused:REASON:N"


def verify_hub(connection: psycopg.Connection) -> list[DeskChain]:
    """Every enrolled desk, with what is wrong with its chain on the hub (nothing: whole)."""
    desks = connection.execute("SELECT desk_id::text, site FROM hub.desks "
                               "ORDER BY site, enrolled_at").fetchall()
    held: dict[str, int] = {desk: count for desk, count in connection.execute(
        "SELECT desk_id::text, count(*) FROM hub.audit_entries GROUP BY desk_id").fetchall()}
    problems: dict[str, list[str]] = {}
    # Each held entry against the one before it: ids one apart, and its previous hash that
    # entry's hash (the first entry's previous hash is the chain's start, GENESIS).
    for desk, entry_id, before_id, previous, before_hash in connection.execute(
            "SELECT desk_id::text, entry_id, lag(entry_id, 1, 0::bigint) OVER w, "
            "previous_hash, lag(hash, 1, %s) OVER w FROM hub.audit_entries "
            "WINDOW w AS (PARTITION BY desk_id ORDER BY entry_id)", (GENESIS,)).fetchall():
        if entry_id != before_id + 1:
            problems.setdefault(desk, []).append(f"gap:{before_id + 1}")
        elif previous != before_hash:
            problems.setdefault(desk, []).append(f"link:{entry_id}")
    for desk, reason, entry_id in connection.execute(
            "SELECT desk_id::text, reason, entry_id FROM hub.chain_breaks "
            "ORDER BY refused_at").fetchall():
        problems.setdefault(desk, []).append(f"refused:{reason}:{entry_id}")
    return [DeskChain(desk, site, held.get(desk, 0), tuple(problems.get(desk, ())))
            for desk, site in desks]


def problem_words(code: str) -> str:
    """A problem code from verify_hub, in plain words for the hub's administrator."""
    kind, _, rest = code.partition(":")
    if kind == "gap":
        return f"audit entry {rest} is missing from what the hub holds"
    if kind == "link":
        return f"audit entry {rest} does not follow the entry before it"
    reason, _, entry = rest.partition(":")
    what = {"rewritten": "its audit trail no longer matched what it had uploaded before "
                         "(history cut or rewritten, or an older copy put back)",
            "gap": "entries were missing", "unordered": "entries were out of order"}
    return f"an upload from audit entry {entry} was refused: {what.get(reason, reason)}"
