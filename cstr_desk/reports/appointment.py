"""The next appointment the person is told about at sentence (DRR/ATR service description,
"Sentence": a CSTR leaflet "along with the date/time of the next appointment"). Plain code, no
ReportLab: the workflow and the leaflet read it alike."""

from __future__ import annotations

from datetime import datetime

from cstr_desk.domain import Attendance, CaseRecord


def next_appointment(case: CaseRecord) -> tuple[datetime, str] | None:
    """When and where: as recorded with the leaflet, else the first booked session (at the
    place the Clinical Lead's decision named), else that decision's first appointment (Manual
    Appendix 3, "when and where the first therapy session will be available")."""
    if case.leaflet is not None:
        return case.leaflet.next_appointment_at, case.leaflet.next_appointment_place
    place = case.decision.first_appointment_place if case.decision else ""
    booked = sorted(s.scheduled_at for s in case.sessions if s.attendance is Attendance.SCHEDULED)
    if booked:
        return booked[0], place
    if case.decision is not None and case.decision.first_appointment_at is not None:
        return case.decision.first_appointment_at, place
    return None
