"""Subject access requests (UK GDPR Article 15): everything held about one person.

The export gathers by the person's id only: their details, each of their cases with every
record and amendment, and the audit entries about them, plus the names of the staff those
entries mention. Nothing is looked up by name, so a namesake's data cannot slip in.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cstr_desk.store import audit, outputs

if TYPE_CHECKING:
    from cstr_desk.store.session import Session

def subject_access_document(session: Session, person_id: int) -> dict:
    db = session._db
    person = session._load_person(person_id)
    referral_ids = [r for (r,) in db.rows("SELECT id FROM referrals WHERE person_id = ? "
                                          "ORDER BY id", (person_id,))]
    cases = [session._case_record(session._load_referral(r)) for r in referral_ids]
    entries = audit.entries(db, person_id)
    staff_ids = {e.user_id for e in entries if e.user_id is not None}
    staff_ids |= {a.amended_by for case in cases for a in case.amendments}
    staff = {u.id: {"name": u.full_name, "role": str(u.role)} for u in session.list_users()
             if u.id in staff_ids}
    return {
        "about": "Subject access request: everything CSTR Desk holds about this person.",
        "exported_at": datetime.now(UTC).isoformat(),
        "exported_by": session.user.full_name,
        "person": person.model_dump(mode="json"),
        "cases": [case.model_dump(mode="json") for case in cases],
        "audit_entries": [entry.model_dump(mode="json") for entry in entries],
        "staff_named": {str(k): v for k, v in sorted(staff.items())},
    }

def write_subject_access(session: Session, person_id: int, target: Path) -> None:
    """`target` has been checked by `outputs.check_output`."""
    document = subject_access_document(session, person_id)
    outputs.write_bytes(target, json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8"))
