"""Migration 20: the Clinical Lead's reasons stored as codes, not as the words once on screen.

Until this migration the decision screen stored each ticked reason as its checkbox's English
text (issue 15 item 1). The texts below are those the screen offered (they never changed before
this migration); they are copied here, not read from `vocabulary`, because a released migration
never changes while the words people read may. A stored reason that matches none of them (typed
through the store's API, or an old test) loses nothing: it becomes the start of the decision's
own-words reasons (`reason_notes`), which the screen and the reports print after the ticks.
"""

from __future__ import annotations

import json

from cstr_desk.store.connection import Database

_CODE_OF_STORED_TEXT: dict[str, str] = {
    "Meets the criteria for a primary care MHTR (Manual §3.2, §4.1)":
        "meets_primary_care_criteria",
    "Mental health need likely to respond to psychological therapy":
        "likely_to_respond_to_therapy",
    "The person understands the requirement and wants to engage":
        "understands_and_wants_to_engage",
    "Risk can be managed in primary care with the crisis plan":
        "risk_manageable_in_primary_care",
    "Registered with a GP, or a GP will register them before treatment":
        "gp_registered_or_will_be",
    "Treatment can be arranged and a first appointment is available": "treatment_available",
    "Needs secondary care: severe and enduring condition or high complexity (Manual §2.2)":
        "needs_secondary_care",
    "Risk to self or others beyond what primary care can manage (Manual §2.2)":
        "risk_beyond_primary_care",
    "Condition may warrant a hospital or guardianship order (Mental Health Act 1983)":
        "may_warrant_hospital_order",
    "No mental health need that an MHTR would treat": "no_treatable_need",
    "Drug or alcohol use needs treating first (consider a DRR or ATR)": "substance_use_first",
    "Not registered with a GP and cannot register (Manual §4.1)": "no_gp_and_cannot_register",
    "Lives outside the site's area": "outside_site_area",
    "The person does not want to engage": "does_not_want_to_engage",
}
_CODES = frozenset(_CODE_OF_STORED_TEXT.values())


def _split(reasons: list[str]) -> tuple[list[str], list[str]]:
    """(codes, texts matching no code), in the order given; a stored code stays as it is."""
    codes: list[str] = []
    others: list[str] = []
    for reason in reasons:
        text = reason.strip()
        code = text if text in _CODES else _CODE_OF_STORED_TEXT.get(text)
        if code is not None:
            codes.append(code)
        elif text:
            others.append(text)
    return codes, others


def _decision_body(body: str) -> str | None:
    """The decision's JSON with its reasons as codes; None when it needs no change."""
    decision = json.loads(body)
    codes, others = _split(decision.get("reasons", []))
    if codes == decision.get("reasons", []):
        return None
    notes = decision.get("reason_notes", "").strip()
    decision["reasons"] = codes
    decision["reason_notes"] = "\n".join([*others, notes] if notes else others)
    return json.dumps(decision, ensure_ascii=False)


def _amended_reasons(value: str | None) -> tuple[str | None, list[str]]:
    """An amendment's value of `reasons` (a JSON list) as codes, and the texts matching none."""
    if value is None:
        return None, []
    try:
        reasons = json.loads(value)
    except ValueError:
        return value, []
    if not isinstance(reasons, list):
        return value, []
    codes, others = _split([str(r) for r in reasons])
    return json.dumps(codes), others


def _suspended_triggers(db: Database, table: str) -> list[str]:
    """Drops the table's triggers and returns their SQL to create them again: the finalised
    guard stops people editing a record, not the schema's own upgrade, and the monitoring
    summary holds no reason, so its rows stay."""
    triggers = db.rows("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                       "tbl_name = ?", (table,))
    for name, _sql in triggers:
        db.execute(f'DROP TRIGGER "{name}"')
    return [sql for _name, sql in triggers]


def _convert_decisions(db: Database) -> None:
    changed = [(new, row_id) for row_id, body in db.rows("SELECT id, body FROM decisions")
               if (new := _decision_body(body)) is not None]
    if changed:
        db.executemany("UPDATE decisions SET body = ? WHERE id = ?", changed)


def _convert_amendments(db: Database) -> None:
    """Corrections of the reasons name them as the old texts too. A text matching no code is
    kept in the correction's own reason, where its history is read, since a correction of the
    ticks cannot carry free text."""
    rows = db.rows("SELECT id, old_value, new_value, reason FROM amendments WHERE "
                   "record_type = 'decision' AND field = 'reasons'")
    changed = []
    for row_id, old, new, reason in rows:
        old_codes, old_others = _amended_reasons(old)
        new_codes, new_others = _amended_reasons(new)
        others = list(dict.fromkeys(old_others + new_others))
        note = (f" (reasons given that match no listed reason: {'; '.join(others)})"
                if others else "")
        changed.append((old_codes, new_codes, reason + note, row_id))
    if changed:
        db.executemany("UPDATE amendments SET old_value = ?, new_value = ?, reason = ? "
                       "WHERE id = ?", changed)


def decision_reasons_as_codes(db: Database) -> None:
    for table, convert in (("decisions", _convert_decisions), ("amendments", _convert_amendments)):
        triggers = _suspended_triggers(db, table)
        convert(db)
        for sql in triggers:
            db.execute(sql)
