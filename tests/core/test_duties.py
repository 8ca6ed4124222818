"""Deadlines after sentence (issue 20 items 4 and 5): the first MHTR session within six weeks
of sentence (two for a first episode of psychosis, Manual §4.5.1), the breach decision by the
sixth working day after a second missed appointment (Manual §4.7), the court's outcome on a
breach, and the breach that withdrawing consent after sentence is."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cstr_desk.domain import Attendance, Breach, BreachOutcome, BreachTrigger, MissedReason, Role, SentenceRequirement
from cstr_desk.ukdates import LONDON
from cstr_desk.working_days import add_working_days, is_working_day
from cstr_desk.workflow import breach, court_facts, duties, operations
from cstr_desk.workflow import treatment_operations as treatment
from cstr_desk.workflow.errors import ActionRefused
from test_court_facts import _assessed_consented_approved, _registered_in_the_cells
from test_operations import db, signed_in  # noqa: F401 (fixtures)
from test_pathway_cases import TODAY, assessed, sentence, sentenced


def test_working_days_skip_weekends_and_bank_holidays() -> None:
    assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)  # 25th, 26-27th, 28th off
    assert add_working_days(date(2026, 3, 2), 6) == date(2026, 3, 10)  # Monday + 6 = next Tuesday


@given(st.dates(date(2024, 1, 1), date(2027, 12, 31)), st.integers(1, 30))
def test_the_nth_working_day_is_a_working_day_with_n_working_days_up_to_it(day: date, n: int) -> None:
    end = add_working_days(day, n)
    assert is_working_day(end)
    assert sum(is_working_day(day + timedelta(days=k)) for k in range(1, (end - day).days + 1)) == n


def test_first_session_is_due_six_weeks_after_sentence_or_two_for_first_episode_psychosis() -> None:
    case = sentenced()
    due = duties.first_session_wait(case)
    assert due.due_on == TODAY + timedelta(weeks=6) and due.done_on is None
    case.assessment = case.assessment.model_copy(update={"first_episode_psychosis": True})
    assert duties.first_session_wait(case).due_on == TODAY + timedelta(weeks=2)
    case.sentence = sentence((SentenceRequirement.DRR,))
    assert duties.first_session_wait(case) is None
    assert duties.first_session_wait(assessed()) is None


def _sentenced_case(db: Path) -> int:
    referral_id = _registered_in_the_cells(db)
    _assessed_consented_approved(db, referral_id)
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s:
        court_facts.record_court_facts(s, referral_id, {"plea": "guilty"}, today=TODAY)
        operations.record_sentence(s, sentence(id=None, referral_id=referral_id, recorded_by=s.user.id), TODAY)
    return referral_id


def _open(s, kind: str) -> list[duties.Duty]:
    """The open duties of one kind (a sentenced case has others too: the leaflet, follow-ups)."""
    return [d for d in duties.open_duties(s.cases_with_duties()) if d.kind == kind]


def test_the_waiting_time_shows_until_the_first_session_is_attended_and_is_then_met(db: Path) -> None:
    referral_id = _sentenced_case(db)
    with signed_in(db, Role.PRACTITIONER) as s:
        [open_wait] = _open(s, duties.DutyKind.FIRST_SESSION)
        assert (open_wait.kind, open_wait.referral_id, open_wait.due_on) == (
            duties.DutyKind.FIRST_SESSION, referral_id, TODAY + timedelta(weeks=6))
        assert open_wait.is_overdue(TODAY + timedelta(weeks=6, days=1))
        booked = treatment.schedule_sessions(s, referral_id, datetime(2024, 7, 1, 10, tzinfo=LONDON), today=TODAY)
        treatment.record_attendance(s, referral_id, booked.record[0].id, Attendance.ATTENDED, today=TODAY)
        assert _open(s, duties.DutyKind.FIRST_SESSION) == []
        met = duties.first_session_wait(s.load_case(referral_id))
    assert met.done_on == date(2024, 7, 1) and met.met() is True


def test_two_missed_appointments_start_the_breach_decision_clock_until_a_decision(db: Path) -> None:
    referral_id = _sentenced_case(db)
    with signed_in(db, Role.PRACTITIONER) as s:
        booked = treatment.schedule_sessions(s, referral_id, datetime(2024, 6, 17, 10, tzinfo=LONDON), today=TODAY)
        for number in (0, 1):
            treatment.record_attendance(s, referral_id, booked.record[number].id, Attendance.MISSED,
                                        MissedReason.REFUSAL_TO_PARTICIPATE, today=TODAY)
        kinds = {d.kind: d for d in duties.open_duties(s.cases_with_duties())}
        # Second miss Monday 24/06/2024; six working days on: Tuesday 02/07/2024.
        assert kinds[duties.DutyKind.BREACH_DECISION].due_on == date(2024, 7, 2)
    with signed_in(db, Role.COURT_DUTY_OFFICER) as s:
        decided = treatment.record_breach(s, Breach(
            referral_id=referral_id, decided_on=date(2024, 7, 1), returned_to_court=True,
            related_to_cstr=True, reason="Two unreasonable failures", recorded_by=s.user.id,
            recorded_at=datetime.now(UTC)))
        assert _open(s, duties.DutyKind.BREACH_DECISION) == []
        breach_id = decided.record.id
        breach.record_breach_outcome(s, referral_id, breach_id, BreachOutcome.RESENTENCED_TO_CSTR)
        with pytest.raises(ActionRefused, match="Say why the court's outcome"):
            breach.record_breach_outcome(s, referral_id, breach_id, BreachOutcome.CUSTODY)
        breach.record_breach_outcome(s, referral_id, breach_id, BreachOutcome.CUSTODY, "Misrecorded")
        case = s.load_case(referral_id)
    assert case.breaches[0].outcome == BreachOutcome.CUSTODY
    assert [a.new_value for a in case.amendments if a.record_type == "breach"] == ["resentenced_to_cstr", "custody"]


def test_withdrawing_consent_after_sentence_makes_a_breach_record(db: Path) -> None:
    referral_id = _sentenced_case(db)
    with signed_in(db, Role.PRACTITIONER) as s:
        when = datetime(2024, 6, 20, 11, tzinfo=UTC)
        changed = operations.withdraw_consent(s, referral_id, when, "Does not want treatment", TODAY)
    [made] = changed.case.breaches
    assert (made.trigger, made.returned_to_court, made.related_to_cstr, made.decided_on) == (
        BreachTrigger.CONSENT_WITHDRAWN, True, True, date(2024, 6, 20))
    assert "Does not want treatment" in made.reason
