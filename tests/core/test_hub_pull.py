"""Pulling the site's cases waiting for assessment (issue 16 item 3), against a real PostgreSQL
server over verified TLS (tests/core/pg_server.py): a case screened on desk A is stored on
desk B with the identity it has on A and on the hub, audited on B without personal data; a
case assessed or closed stays where it is; pulling again, or after a kill at any step, stores
each case once; a desk of another site gets nothing, as the server decides."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pg_server
from hub_desks import address, enrolled_desk, passwords_in_environment, server  # noqa: F401 (fixtures)
import pytest
from faults import run_child, was_killed
from test_monitoring_store import past_records

import forms
from cstr_desk.cli import main
from cstr_desk.domain import AdministrationMode, AuditAction, PractitionerAssessment, Role
from cstr_desk.hub.connection import connect
from cstr_desk.hub.enrolment import load_enrolment
from cstr_desk.hub.pull import NEWEST_REFERRAL, WAITING_CASES, pull
from cstr_desk.hub.sync import sync
from cstr_desk.record_identity import ResourceIds
from cstr_desk.store import open_with_password
from cstr_desk.workflow.monitoring_summary import summary_of
from cstr_desk.store.records import DOCUMENTS
from cstr_desk.store.testing import (
    TEST_PASSWORD,
    USERNAMES,
    sample_person,
    sample_referral,
)

ADMIN = USERNAMES[Role.ADMINISTRATOR]
PRACTITIONER = USERNAMES[Role.PRACTITIONER]


def _screened_case(db: Path, name: str, assessed: bool = False) -> int:
    """A person, their referral and a PHQ-9 with two answers; returns the referral."""
    with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
        person = session.add_person(sample_person(name))
        referral = session.add_referral(sample_referral(person.id))
        given = session.start_administration(referral.id, "phq9", forms.form_hash("phq9"),
                                             AdministrationMode.PRACTITIONER)
        session.record_answer(given.id, "q1", 2, 1)
        session.record_answer(given.id, "q2", 1, 2)
        if assessed:
            session.save_assessment(PractitionerAssessment(referral_id=referral.id))
        return referral.id


def _sync_and_pull(db: Path) -> int:
    with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
        sync(session, summary_of)
        return pull(session).cases


def _ids(db: Path) -> ResourceIds:
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        return ResourceIds(uuid.UUID(admin.hub_enrolment().database_uuid))


def _held(db: Path) -> dict[str, tuple[str, int]]:
    """uuid → (kind, number here) of every pulled record, read straight from the map."""
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        return {u: (k, i) for u, k, i in admin._db.rows(
            "SELECT record_uuid, kind, record_id FROM hub_records")}


def _counts(db: Path) -> tuple[int, int, int, int]:
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        return tuple(int(admin._db.value(f"SELECT count(*) FROM {table}")) for table in (
            "people", "referrals", "administrations", "answers"))


def test_a_case_screened_on_desk_a_is_pulled_onto_desk_b(address, tmp_path, capsys, caplog):
    caplog.set_level("DEBUG")
    a = enrolled_desk(tmp_path / "a", address, "leeds-mc")
    b = enrolled_desk(tmp_path / "b", address, "leeds-mc")
    waiting = _screened_case(a, "Aoife")
    _screened_case(a, "Assessed", assessed=True)
    _sync_and_pull(a)
    assert main(["sync", "--db", str(b), "--user", PRACTITIONER]) == 0
    printed = capsys.readouterr()
    assert ("Pulled from other desks of the site: 1 cases waiting for assessment (3 records), "
            f"from desk {load_enrolment_of(a)}.") in printed.out
    assert "Pulled 1 of 1 cases" in printed.err  # progress, on stderr
    for text in (printed.out, printed.err, caplog.text):
        assert "Aoife" not in text and "O'Rourke" not in text
    # The case keeps its identity: B maps A's uuids to rows of its own.
    ids_a = _ids(a)
    held = _held(b)
    assert {ids_a.of("person", 1), ids_a.of("referral", waiting),
            ids_a.of("administration", 1)} <= set(held)
    with open_with_password(b, PRACTITIONER, TEST_PASSWORD) as session:
        cases = session.list_cases()
        assert [c.full_name for c in cases] == ["Aoife O'Rourke-Ng"]
        case = session.load_case(held[ids_a.of("referral", waiting)][1])
        assert case.person.given_name == "Aoife" and case.person.nhs_number == "9434765919"
        assert {q: a.value for q, a in case.administrations[0].answers.items()} == {
            "q1": 2, "q2": 1}
    with open_with_password(a, PRACTITIONER, TEST_PASSWORD) as session:
        assert session.load_case(waiting).person.nhs_number == "9434765919"
    # Audited on B: what came, from which desk; nothing of the person in the entry.
    desk_a = load_enrolment_of(a)
    with open_with_password(b, ADMIN, TEST_PASSWORD) as admin:
        entries = [e for e in admin.audit_entries() if e.action == AuditAction.PULL]
    assert sorted(e.record_type for e in entries) == ["administration", "person", "referral"]
    assert all(f"from desk {desk_a}" in e.detail and "Aoife" not in e.detail
               for e in entries)
    # Again: nothing new comes, nothing is doubled; and B's sync sends its pull entries under
    # the case's own uuids, sending none of the pulled records back as B's own.
    before = _counts(b)
    assert _sync_and_pull(b) == 0 and _counts(b) == before
    with connect(address, pg_server.ADMIN_USER, pg_server.ADMIN_PASSWORD) as hub:
        desk_b = load_enrolment_of(b)
        assert hub.execute("SELECT count(*) FROM hub.records WHERE desk_id = %s",
                           (desk_b,)).fetchone()[0] == 0
        sent = {str(u) for (u,) in hub.execute(
            "SELECT record_uuid FROM hub.audit_entries WHERE desk_id = %s AND action = 'pull'",
            (desk_b,)).fetchall()}
    assert sent == {ids_a.of("person", 1), ids_a.of("referral", waiting),
                    ids_a.of("administration", 1)}
    # A pulls nothing back: the case is its own.
    assert _sync_and_pull(a) == 0
    assert main(["sync", "--db", str(b), "--user", PRACTITIONER, "--status"]) == 0
    assert "Pulled from other desks: 1 cases held, the last at 20" in capsys.readouterr().out


def load_enrolment_of(db: Path) -> uuid.UUID:
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        enrolment = load_enrolment(admin)
    assert enrolment is not None
    return enrolment.desk_id


def test_a_desk_of_another_site_pulls_nothing(address, tmp_path):
    x = enrolled_desk(tmp_path / "x", address, "hull-mc")
    y = enrolled_desk(tmp_path / "y", address, "york-mc")
    referral = _screened_case(x, "Xavier")
    _sync_and_pull(x)
    assert _sync_and_pull(y) == 0 and _counts(y) == (0, 0, 0, 0)
    # The server's policy, not the desk's query, keeps site X's rows away: asked as desk Y,
    # even by the case's uuid, the hub answers nothing.
    with open_with_password(y, ADMIN, TEST_PASSWORD) as admin:
        desk_y = load_enrolment(admin)
    assert desk_y is not None
    with connect(address, desk_y.role_name, desk_y.password) as desk:
        assert desk.execute(WAITING_CASES, ([],)).fetchall() == []
        assert desk.execute(NEWEST_REFERRAL, (_ids(x).of("referral", referral),)
                            ).fetchall() == []
        assert desk.execute("SELECT count(*) FROM hub.records WHERE site = 'hull-mc'"
                            ).fetchone()[0] == 0


# The child signs in and pulls, killing itself before its Nth step: each statement sent to the
# hub and the file-system steps of the desk's own commits (faults.py).
KILLED_PULL = """
from pathlib import Path
import psycopg
from cstr_desk.hub.pull import pull
from cstr_desk.store import open_with_password
db, user, password = sys.argv[2:5]

real_execute = psycopg.Connection.execute
def execute(*args, **kwargs):
    _steps[0] += 1
    if _steps[0] == _kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    return real_execute(*args, **kwargs)
psycopg.Connection.execute = execute

with open_with_password(Path(db), user, password) as session:
    arm_faults()
    pull(session)
    report_steps()
"""


@pytest.mark.slow
def test_a_pull_killed_at_any_step_loses_nothing_and_doubles_nothing(address, tmp_path):
    a = enrolled_desk(tmp_path / "a", address, "hereford-mc")
    b = enrolled_desk(tmp_path / "b", address, "hereford-mc")
    for name in ("One", "Two", "Three"):
        _screened_case(a, name)
    _sync_and_pull(a)
    killed = 0
    for kill_at in range(1, 400):
        with open_with_password(b, PRACTITIONER, TEST_PASSWORD) as session:
            sync(session, summary_of)  # B as it would be: its entries sent, nothing pulled
        done = run_child(KILLED_PULL, kill_at, str(b), PRACTITIONER, TEST_PASSWORD)
        if not was_killed(done):
            assert done.returncode == 0, done.stderr
            assert int(done.stdout.split()[-1]) < kill_at  # every step was killed once
            assert _counts(b) == (3, 3, 3, 6)
            break
        killed += 1
        people, referrals, administrations, answers = _counts(b)
        # Whole cases or none: each held case has its person, questionnaire and answers.
        assert people == referrals == administrations == answers // 2
        assert len(_held(b)) == 3 * referrals
        _sync_and_pull(b)  # the next pull finishes the job
        assert _counts(b) == (3, 3, 3, 6)
        assert len(_held(b)) == 9
        # Start again from nothing for the next kill point: a fresh desk B.
        b = enrolled_desk(tmp_path / f"b{kill_at}", address, "hereford-mc")
    # The hub asked 7 times (the waiting cases, then two questions per case) and the file
    # steps of three commits: 18 points when written.
    assert killed >= 16, killed


def _record(db: Path, role: Role, kind: str, referral_here: int) -> None:
    """Records one `kind` of the case on the desk, as `role` there does."""
    with open_with_password(db, USERNAMES[role], TEST_PASSWORD) as session:
        case = session.load_case(referral_here)
        record = past_records(case, session.user.id or 0, datetime(2025, 3, 3, 11, tzinfo=UTC))[kind]
        {"assessment": session.save_assessment, "consent": session.record_consent,
         "decision": session.record_decision, "psr_proposal": session.record_psr_proposal,
         "sentence": session.record_sentence}[kind](record)


def _kinds(db: Path, referral_here: int) -> dict[str, int]:
    """How many records of each kind the desk holds of the case."""
    with open_with_password(db, ADMIN, TEST_PASSWORD) as admin:
        return {kind: int(admin._db.value(f"SELECT count(*) FROM {table} WHERE referral_id = ?",
                                          (referral_here,)))
                for kind, (table, _) in sorted(DOCUMENTS.items())
                if kind in ("assessment", "consent", "decision", "psr_proposal", "sentence")}


def test_a_case_screened_on_a_is_assessed_on_b_and_both_desks_agree(address, tmp_path):
    a = enrolled_desk(tmp_path / "a", address, "selby-mc")
    b = enrolled_desk(tmp_path / "b", address, "selby-mc")
    on_a = _screened_case(a, "Bethan")
    _sync_and_pull(a)
    assert _sync_and_pull(b) == 1
    on_b = _held(b)[_ids(a).of("referral", on_a)][1]
    # Assessed and consented on B, decided on A, the PSR's proposal on B, sentenced on A:
    # each desk syncs (sends, then pulls) after its part.
    for db, role, kind, here in ((b, Role.PRACTITIONER, "assessment", on_b),
                                 (b, Role.PRACTITIONER, "consent", on_b),
                                 (a, Role.CLINICAL_LEAD, "decision", on_a),
                                 (b, Role.COURT_DUTY_OFFICER, "psr_proposal", on_b),
                                 (a, Role.COURT_DUTY_OFFICER, "sentence", on_a)):
        _sync_and_pull(a if db == b else b)  # the other desk's part first
        _record(db, role, kind, here)
        _sync_and_pull(db)
    _sync_and_pull(b)
    every_kind_once = {"assessment": 1, "consent": 1, "decision": 1, "psr_proposal": 1,
                       "sentence": 1}
    assert _kinds(a, on_a) == _kinds(b, on_b) == every_kind_once
    with open_with_password(a, PRACTITIONER, TEST_PASSWORD) as one, \
            open_with_password(b, PRACTITIONER, TEST_PASSWORD) as other:
        seen_a, seen_b = one.load_case(on_a), other.load_case(on_b)
    assert seen_a.person.model_dump(exclude={"id"}) == seen_b.person.model_dump(exclude={"id"})
    assert (seen_a.sentence.sentence, seen_a.decision.outcome) == (
        seen_b.sentence.sentence, seen_b.decision.outcome)
    # Syncing again and again doubles nothing on either desk or on the hub.
    with connect(address, pg_server.ADMIN_USER, pg_server.ADMIN_PASSWORD) as hub:
        held = hub.execute("SELECT count(*) FROM hub.records WHERE site = 'selby-mc'"
                           ).fetchone()[0]
        for _ in range(2):
            _sync_and_pull(a)
            _sync_and_pull(b)
        assert hub.execute("SELECT count(*) FROM hub.records WHERE site = 'selby-mc'"
                           ).fetchone()[0] == held
        # The site's return counts the case once: B's summaries of it travel under A's uuid.
        assert hub.execute("SELECT count(*) FROM hub.monitoring_newest WHERE site = 'selby-mc'"
                           ).fetchone()[0] == 1
    assert _kinds(a, on_a) == _kinds(b, on_b) == every_kind_once
