"""After-sentence rules: the schedule, 48-hour deadlines, sentence checks, on-the-day,
follow-ups and pre/post outcomes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from test_monitoring_cases import at, march_cases

from cstr_desk.ukdates import LONDON, uk_datetime
from cstr_desk.domain import (
    Administration,
    AdministrationStatus,
    AnswerRecord,
    Attendance,
    CaseSummary,
    FollowUp,
    SentenceRequirement,
    Stage,
    TreatmentCompletion,
    TreatmentSession,
)
from cstr_desk.outcome_pairs import OUTCOME_INSTRUMENTS, outcome_pairs
from cstr_desk.workflow.treatment import (
    add_months, case_sentenced_on_the_day, check_completion, default_schedule, follow_ups_due,
    open_deadlines, order_combination, tell_offender_manager_by,
)
from scoring.result import ChangeClass

S = SentenceRequirement


def test_default_schedule_is_twelve_weekly_hours_kept_at_london_time_across_the_clocks():
    first = datetime(2026, 3, 16, 10, 0, tzinfo=LONDON)  # GMT; clocks go forward 29/03
    sessions = default_schedule(7, first)
    assert [s.number for s in sessions] == list(range(1, 13))
    assert {s.duration_minutes for s in sessions} == {60}
    local = [s.scheduled_at.astimezone(LONDON) for s in sessions]
    assert {(t.hour, t.minute, t.weekday()) for t in local} == {(10, 0, 0)}
    assert sessions[1].scheduled_at - sessions[0].scheduled_at == timedelta(weeks=1)
    assert sessions[2].scheduled_at - sessions[1].scheduled_at == timedelta(weeks=1, hours=-1)
    assert all(s.scheduled_at.tzinfo == UTC for s in sessions)


def test_a_missed_session_must_be_told_to_the_offender_manager_within_48_hours():
    missed = TreatmentSession(id=5, referral_id=1, number=2, scheduled_at=at("2026-03-16T10:00:00"),
                              attendance=Attendance.MISSED)
    assert tell_offender_manager_by(missed) == at("2026-03-18T10:00:00")
    assert tell_offender_manager_by(missed.model_copy(update={"attendance": Attendance.ATTENDED})) is None


def summary(rid: int, name: str) -> CaseSummary:
    return CaseSummary(referral_id=rid, person_id=rid, full_name=name, date_of_birth=date(1990, 1, 1),
                       pnc_number=None, nhs_number=None, court="C", hearing_date=date(2026, 3, 1),
                       stage=Stage.IN_TREATMENT)


def test_open_deadlines_are_soonest_first_skip_the_told_and_know_overdue():
    def missed(sid: int, when: str, told: str | None = None) -> TreatmentSession:
        return TreatmentSession(id=sid, referral_id=sid, number=1, scheduled_at=at(when),
                                attendance=Attendance.MISSED,
                                offender_manager_told_at=at(told) if told else None)
    rows = [(summary(1, "Later Person"), missed(1, "2026-03-20T10:00:00")),
            (summary(2, "Sooner Person"), missed(2, "2026-03-16T09:00:00")),
            (summary(3, "Told Person"), missed(3, "2026-03-10T09:00:00", "2026-03-10T12:00:00"))]
    deadlines = open_deadlines(rows)
    assert [d.full_name for d in deadlines] == ["Sooner Person", "Later Person"]
    now = at("2026-03-19T12:00:00")
    assert [d.is_overdue(now) for d in deadlines] == [True, False]
    assert "overdue since 18/03/2026 09:00" in deadlines[0].describe(now)
    assert "tell by 22/03/2026 10:00" in deadlines[1].describe(now)


def test_order_combination_names_the_annex_d_row():
    assert order_combination([S.MHTR, S.RAR, S.UNPAID_WORK]) == "MHTR + RAR"
    assert order_combination(("atr", "mhtr")) == "MHTR + ATR"
    assert order_combination([S.RAR, S.CURFEW]) is None


def test_on_the_day_is_derived_from_the_assessment_and_sentence_times():
    case = march_cases()[0]  # assessed 10:00, sentenced 14:00 the same day
    assert case_sentenced_on_the_day(case)
    case.sentence.sentenced_at = at("2026-03-03T10:00:00")  # exactly 24 hours
    assert case_sentenced_on_the_day(case)
    case.sentence.sentenced_at = at("2026-03-03T10:01:00")
    assert not case_sentenced_on_the_day(case)


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2026, 6, 15), 12) == date(2027, 6, 15)


def test_follow_ups_are_due_3_6_and_12_months_after_completion():
    case = march_cases()[0]
    case.completion = TreatmentCompletion(referral_id=1, ended_on=date(2026, 6, 1), completed=True,
                                          recorded_by=2, recorded_at=at("2026-06-01T12:00:00"))
    case.follow_ups = [FollowUp(referral_id=1, months_after=3, done_on=date(2026, 9, 2),
                                recorded_by=2, recorded_at=at("2026-09-02T12:00:00"))]
    due = follow_ups_due(case)
    assert [(d.months_after, d.due_on, d.done_on) for d in due] == [
        (3, date(2026, 9, 1), date(2026, 9, 2)), (6, date(2026, 12, 1), None),
        (12, date(2027, 6, 1), None)]


def test_completion_needs_attendance_recorded_up_to_the_end():
    case = march_cases()[0]
    case.sessions.append(TreatmentSession(id=104, referral_id=1, number=4,
                                          scheduled_at=at("2026-03-30T09:00:00")))
    ending = TreatmentCompletion(referral_id=1, ended_on=date(2026, 4, 1), completed=True,
                                 recorded_by=2, recorded_at=at("2026-04-01T12:00:00"))
    assert check_completion(case, ending) == [
        "Some sessions up to that date still have no attendance recorded."]
    assert check_completion(case, ending.model_copy(update={"completed": False})) == []


def core34(rid: int, when: str, value: int) -> Administration:
    answers = {str(n): AnswerRecord(question=str(n), value=value, recorded_at=at(when), recorded_by=2)
               for n in range(1, 35)}
    return Administration(referral_id=rid, instrument_id="core34", form_hash="h",
                          status=AdministrationStatus.FINALISED, started_at=at(when),
                          started_by=2, completed_at=at(when), answers=answers)


def test_outcomes_pair_the_first_and_the_latest_after_treatment_began():
    case = march_cases()[0]  # first session 09/03
    case.administrations += [core34(1, "2026-03-02T09:00:00", 2),  # pre: clinical score 20
                             core34(1, "2026-03-05T09:00:00", 2),  # before treatment: not post
                             core34(1, "2026-06-01T09:00:00", 0)]  # post: 9.4 (8 items reverse-keyed)
    (pair,) = outcome_pairs(case, OUTCOME_INSTRUMENTS)  # not the K10 screen
    assert pair.before.completed_at == at("2026-03-02T09:00:00")
    assert pair.after.completed_at == at("2026-06-01T09:00:00")
    assert pair.change.classification is ChangeClass.RELIABLE_IMPROVEMENT
    assert pair.change.clinically_significant
    assert pair.change.before == 20.0 and round(pair.change.after, 1) == 9.4


def test_an_outcome_without_a_post_treatment_administration_says_so():
    case = march_cases()[0]
    case.administrations.append(core34(1, "2026-03-02T09:00:00", 1))
    (pair,) = outcome_pairs(case, OUTCOME_INSTRUMENTS)  # not the K10 screen
    assert pair.after is None and pair.change is None
    assert pair.note == "No post-treatment administration yet."


def test_uk_datetime_is_london_wall_clock():
    assert uk_datetime(at("2026-07-01T09:30:00")) == "01/07/2026 10:30"
