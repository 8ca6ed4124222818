"""A record's identity beyond its own database: uuid5(the database's UUID, "kind/number").

Each database holds a random UUID of its own (migration 8 puts it in `meta`); a record's id is
uuid5(that UUID, "kind/number"), e.g. uuid5(db, "consent/12"). The same record gets the same id
in every export and every sync to the site hub; records of two sites' databases never collide
even where their row numbers do; and an id says nothing about the person. A backup restored
keeps its database's UUID, so its records keep their ids. Here, outside the store and the
workflow, because both the FHIR export (workflow) and the hub's sync (hub) name records so.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ResourceIds:
    database_uuid: uuid.UUID
    _namespace: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_namespace", self.database_uuid.bytes)

    def of(self, kind: str, record_id: int | None, part: str | None = None) -> str:
        """uuid5(database UUID, "kind/number[/part]"), as RFC 4122 s.4.3 defines it. Worked out
        here rather than by uuid.uuid5, which rebuilds the namespace's bytes on every call and
        took a third of a month's export (tests/core/test_fhir_export.py checks they agree)."""
        if record_id is None:
            raise ValueError(f"a {kind} without a record number cannot be exported")
        name = f"{kind}/{record_id}" + (f"/{part}" if part else "")
        digest = bytearray(hashlib.sha1(self._namespace + name.encode()).digest()[:16])
        digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
        digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
        text = digest.hex()
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
