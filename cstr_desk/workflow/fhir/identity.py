"""Stable ids for exported resources, so a second export updates a record rather than adds one.

A record's id is the one it has everywhere (cstr_desk/record_identity.py: uuid5 of the
database's UUID and "kind/number"). Questionnaires are not a database's own: the same form file
gives the same id everywhere (uuid5 of its canonical URL and content hash).
"""

from __future__ import annotations

import uuid

from cstr_desk.workflow.fhir.codes import CANONICAL_BASE

_FORMS_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, f"{CANONICAL_BASE}/Questionnaire")


def questionnaire_id(instrument_id: str, content_hash: str) -> str:
    return str(uuid.uuid5(_FORMS_NAMESPACE, f"{instrument_id}|{content_hash}"))
