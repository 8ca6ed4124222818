"""After-sentence operations against a real encrypted store: pathway checks, one transaction,
the stage kept in step, and the 48-hour list."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from cstr_desk.domain import (
    Attendance,
    ConsentRecord,
    MissedReason,
    OffenceType,
    Person,
    Plea,
    Referral,
    ReferralSource,
    Requirement,
    Role,
    SentenceKind,
    SentenceOutcome,
    SentenceRequirement,
    SiteSettings,
    Stage,
    User,
)
from cstr_desk.store import KdfParams, Session, create_database, open_with_password, set_kdf_params_for_tests
from cstr_desk.workflow import treatment_operations as ops
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.treatment import LONDON, open_deadlines

TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


@pytest.fixture
def desk(tmp_path):
    set_kdf_params_for_tests(KdfParams(time_cost=1, memory_kib=1024, parallelism=1))
    path = tmp_path / "desk.db"
    admin, _key = create_database(path, User(username="admin", full_name="Ada Admin",
                                             role=Role.ADMINISTRATOR), "admin password 1",
                                  SiteSettings(site_name="Testbed", courts=["Testbed MC"]))
    admin.add_user(User(username="pat", full_name="Pat Practitioner", role=Role.PRACTITIONER), "pat pw 12345")
    admin.add_user(User(username="cdo", full_name="Cal Officer", role=Role.COURT_DUTY_OFFICER), "cdo pw 12345")
    admin.close()
    practitioner = open_with_password(path, "pat", "pat pw 12345")
    person = practitioner.add_person(Person(given_name="Rowan", family_name="Example",
                                            date_of_birth=date(1990, 1, 1)))
    referral = practitioner.add_referral(Referral(
        person_id=person.id, site="Testbed", court="Testbed MC", hearing_date=TODAY,
        referral_source=ReferralSource.PROBATION, offence_type=OffenceType.THEFT, plea=Plea.GUILTY))
    practitioner.record_consent(ConsentRecord(
        referral_id=referral.id, consent_version="2026.1", requirements_assessed_for=[Requirement.MHTR],
        requirements_consented=[Requirement.MHTR], explained_by=practitioner.user.id,
        easy_read_used=False, acknowledgements={}, consented_at=datetime(2026, 3, 2, 10, tzinfo=UTC)))
    practitioner.close()
    yield path, referral.id
    set_kdf_params_for_tests(None)


def sentence_for(referral_id: int, cdo_id: int, **extra: object) -> SentenceOutcome:
    fields = dict(referral_id=referral_id, sentenced_on=TODAY, sentence=SentenceKind.COMMUNITY_ORDER,
                  length_months=12, requirements=[SentenceRequirement.MHTR, SentenceRequirement.RAR],
                  recorded_by=cdo_id, recorded_at=NOW, sentenced_at=NOW)
    return SentenceOutcome(**{**fields, **extra})


def sentence_and_miss_two(path, referral_id: int) -> None:
    with open_with_password(path, "cdo", "cdo pw 12345") as cdo:
        case = cdo.load_case(referral_id)
        ops.record_sentence(cdo, case, sentence_for(referral_id, cdo.user.id), TODAY)
        assert cdo.load_case(referral_id).referral.stage == Stage.SENTENCED
    with open_with_password(path, "pat", "pat pw 12345") as pat:
        case = pat.load_case(referral_id)
        first = datetime(2026, 3, 9, 10, 0, tzinfo=LONDON)
        booked = ops.schedule_sessions(pat, case, first, TODAY)
        assert [s.number for s in booked] == list(range(1, 13))
        case = pat.load_case(referral_id)
        assert case.referral.stage == Stage.IN_TREATMENT and len(case.sessions) == 12
        for number in (1, 2):
            ops.record_attendance(pat, case, case.sessions[number - 1].id, Attendance.MISSED, TODAY,
                                  MissedReason.PHYSICAL_HEALTH)
        missed = [s for s in pat.load_case(referral_id).sessions if s.attendance == Attendance.MISSED]
        assert [(s.number, s.missed_reason) for s in missed] == [
            (1, MissedReason.PHYSICAL_HEALTH), (2, MissedReason.PHYSICAL_HEALTH)]


def test_sentence_schedule_and_miss_two_sessions(desk):
    sentence_and_miss_two(*desk)


# Needs the store's `untold_missed_sessions` (requested in /work/briefs/store_requests.md).
@pytest.mark.skipif(not hasattr(Session, "untold_missed_sessions"),
                    reason="store request open: Session.untold_missed_sessions")
def test_missed_sessions_are_listed_until_the_offender_manager_is_told(desk):
    path, referral_id = desk
    sentence_and_miss_two(path, referral_id)
    with open_with_password(path, "pat", "pat pw 12345") as pat:
        untold = pat.untold_missed_sessions()
        assert [d.session_number for d in open_deadlines(untold)] == [1, 2]
        missed_one = next(s for _summary, s in untold if s.number == 1)
        ops.mark_offender_manager_told(pat, missed_one, datetime(2026, 3, 10, 9, tzinfo=UTC))
        assert [d.session_number for d in open_deadlines(pat.untold_missed_sessions())] == [2]


def test_a_missed_appointment_needs_a_reason_and_nothing_is_saved_without_it(desk):
    path, referral_id = desk
    with open_with_password(path, "cdo", "cdo pw 12345") as cdo:
        ops.record_sentence(cdo, cdo.load_case(referral_id), sentence_for(referral_id, cdo.user.id), TODAY)
    with open_with_password(path, "pat", "pat pw 12345") as pat:
        ops.schedule_sessions(pat, pat.load_case(referral_id), datetime(2026, 3, 9, 9, tzinfo=UTC), TODAY,
                              count=2)
        case = pat.load_case(referral_id)
        with pytest.raises(ActionRefused, match="why the appointment was missed"):
            ops.record_attendance(pat, case, case.sessions[0].id, Attendance.MISSED, TODAY)
        assert pat.load_case(referral_id).sessions[0].attendance == Attendance.SCHEDULED


def test_only_the_court_duty_officer_records_the_sentence_and_bad_input_is_refused(desk):
    path, referral_id = desk
    with open_with_password(path, "pat", "pat pw 12345") as pat:
        with pytest.raises(ActionRefused, match="Court Duty Officer"):
            ops.record_sentence(pat, pat.load_case(referral_id), sentence_for(referral_id, 2), TODAY)
    with open_with_password(path, "cdo", "cdo pw 12345") as cdo:
        with pytest.raises(ActionRefused, match="length"):
            ops.record_sentence(cdo, cdo.load_case(referral_id),
                                sentence_for(referral_id, cdo.user.id, length_months=None), TODAY)
        assert cdo.load_case(referral_id).sentence is None
