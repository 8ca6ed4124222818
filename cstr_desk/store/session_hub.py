"""The desk's enrolment with its site hub (issue 16), kept inside the encrypted database so the
hub's password for this desk is as safe as the cases it carries. The store holds it as text;
`cstr_desk.hub.enrolment` gives it its shape."""

from __future__ import annotations

from dataclasses import dataclass

from cstr_desk.domain import AuditAction
from cstr_desk.permissions import Action
from cstr_desk.store.errors import StoreError
from cstr_desk.store.session_base import SessionBase

_ENROLMENT_KEY = "hub_enrolment"


@dataclass(frozen=True)
class HubEnrolmentRecord:
    database_uuid: str  # the desk's identity on the hub (migration 8)
    enrolment: str | None  # None: this desk works alone, as every desk did before the hub


class HubMixin(SessionBase):
    def hub_enrolment(self) -> HubEnrolmentRecord:
        self._require(Action.ENROL_HUB)
        enrolment = self._db.value("SELECT value FROM meta WHERE key = ?", (_ENROLMENT_KEY,))
        return HubEnrolmentRecord(self._stored_database_uuid(), enrolment)

    def save_hub_enrolment(self, enrolment: str) -> None:
        """Records the enrolment once; a desk enrolled already keeps the one it has."""
        self._require(Action.ENROL_HUB)
        with self._db.transaction():
            if self._db.value("SELECT 1 FROM meta WHERE key = ?", (_ENROLMENT_KEY,)):
                raise StoreError("This desk is enrolled with a hub already. Nothing was changed.")
            self._db.execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                             (_ENROLMENT_KEY, enrolment))
            self._audit(AuditAction.UPDATE, "hub_enrolment", detail="enrolled with the site hub")
