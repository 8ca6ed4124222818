"""The site-wide monthly return (issue 16 item 5) against a real PostgreSQL hub
(tests/core/pg_server.py): every desk's referrals counted once each, by the desk's own
definitions, whatever was synced twice; a case amended on a desk after a sync counted as
amended once synced again; suppression applied after the adding up; and the independent
recount (tests/core/monitoring_recount.py) and the outsider's attack (tests/core/outsider.py)
agree with what the hub counts and writes."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pg_server
from hub_desks import address, hub, passwords_in_environment, server  # noqa: F401 (fixtures)
import psycopg
import pytest
from monitoring_recount import differences, recount
from outsider import read_csv, read_xlsx, worked_out

from cstr_desk.cli import main
from cstr_desk.domain import MonitoringFacts, Role
from cstr_desk.hub.connection import HubAddress, connect
from cstr_desk.hub.enrolment import enrol_desk, load_enrolment
from cstr_desk.hub.monitoring_return import hub_month
from cstr_desk.hub import sync as hub_sync
from cstr_desk.hub.sync import sync
from cstr_desk.store import monitoring_summary, open_with_password
from cstr_desk.store.demo import create_demo_data
from cstr_desk.store.testing import (
    TEST_PASSWORD,
    USERNAMES,
    make_database,
    sample_person,
    sample_referral,
)
from cstr_desk.workflow.hub_return import hub_return
from cstr_desk.workflow.monitoring import facts_from_case, monthly_return_from_groups
from cstr_desk.workflow.monitoring_export import month_range, prepare_return, write_return
from cstr_desk.workflow.monitoring_summary import summary_of

ADMIN = USERNAMES[Role.ADMINISTRATOR]
PRACTITIONER = USERNAMES[Role.PRACTITIONER]
TODAY = datetime.now(UTC).date()


def demo_desk(folder: Path, address: HubAddress, site: str, cases: int, seed: int) -> Path:
    folder.mkdir(parents=True)
    db = folder / "court.cstr"
    admin = make_database(db)[0]
    with admin:
        enrol_desk(admin, address, pg_server.ADMIN_USER, pg_server.ADMIN_PASSWORD, site)
        create_demo_data(admin, cases, seed=seed)
    return db


def synced(db: Path) -> None:
    with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
        sync(session, summary_of, batch=50)


def every_fact(*desks: Path) -> list[MonitoringFacts]:
    """Every referral of these desks, as the reference definition reads its case record,
    numbered apart (two desks' referral 1 are two people)."""
    facts: list[MonitoringFacts] = []
    for db in desks:
        with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
            for case in session.list_cases():
                facts.append(facts_from_case(session.load_case(case.referral_id))._replace(
                    referral_id=len(facts) + 1))
    return facts


def months() -> list[date]:
    """This month and the three before it: the demo data's events reach back that far."""
    index = TODAY.year * 12 + TODAY.month - 1
    return [date((index - back) // 12, (index - back) % 12 + 1, 1) for back in range(4)]


def counted_on_the_hub(hub: psycopg.Connection, month: date, site: str | None):
    first, following = month_range(month)
    groups, assessed = hub_month(hub, first, following, site)
    return monthly_return_from_groups(groups, assessed, first, TODAY)


def test_two_desks_cases_are_counted_once_each_and_an_amendment_after_resync(
        address, hub, tmp_path):
    north = demo_desk(tmp_path / "north", address, "gwent-mc", 40, seed=21)
    south = demo_desk(tmp_path / "south", address, "gwent-mc", 30, seed=22)
    elsewhere = demo_desk(tmp_path / "other", address, "powys-mc", 25, seed=23)
    for db in (north, south, elsewhere, north):  # the second sync of north sends nothing new
        synced(db)
    site_facts = every_fact(north, south)
    assert len(site_facts) == 70
    for month in months():
        counted = counted_on_the_hub(hub, month, "gwent-mc")
        assert differences(counted, recount(site_facts, month, TODAY)) == [], month
        everywhere = counted_on_the_hub(hub, month, None)
        assert differences(everywhere, recount([*site_facts, *every_fact(elsewhere)], month,
                                               TODAY)) == [], month
    assert counted_on_the_hub(hub, TODAY, "gwent-mc").count("All CSTRs/referred") == 70

    # Amended on the desk after its sync: not registered with a GP when assessed.
    with open_with_password(north, PRACTITIONER, TEST_PASSWORD) as session:
        case = next(session.load_case(c.referral_id) for c in session.list_cases()
                    if session.load_case(c.referral_id).assessment is not None)
        session.amend("assessment", case.assessment.id, "gp_registered", "false", "Misheard")
    before = counted_on_the_hub(hub, TODAY, "gwent-mc")
    synced(north)
    after = counted_on_the_hub(hub, TODAY, "gwent-mc")
    assert differences(after, recount(every_fact(north, south), TODAY, TODAY)) == []
    assert after.count("All CSTRs/gp:no") == before.count("All CSTRs/gp:no") + 1
    assert after.count("All CSTRs/assessed") == before.count("All CSTRs/assessed")


def three_referrals(db: Path) -> None:
    with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
        for n in range(3):
            person = session.add_person(sample_person(f"Person{n}"))
            session.add_referral(sample_referral(person.id))


def test_suppression_is_applied_after_adding_up_the_desks(address, hub, tmp_path, capsys):
    desks = []
    for name in ("east", "west"):
        folder = tmp_path / name
        folder.mkdir()
        db = folder / "court.cstr"
        with make_database(db)[0] as admin:
            enrol_desk(admin, address, pg_server.ADMIN_USER, pg_server.ADMIN_PASSWORD,
                       "ceredigion-mc")
        three_referrals(db)
        synced(db)
        desks.append(db)
    # What travelled: codes, days, flags and counts; no name, date of birth or free text.
    sent = [str(row) for row in hub.execute("SELECT * FROM hub.monitoring_summaries WHERE "
                                            "site = 'ceredigion-mc'").fetchall()]
    assert len(sent) == 6
    for text in ("Person", "O'Rourke", "1990-04-12"):
        assert not any(text in row for row in sent), text
    # Each desk alone would hide its 3; the site's 6 is published.
    for db in desks:
        with open_with_password(db, PRACTITIONER, TEST_PASSWORD) as session:
            alone = prepare_return(session, TODAY)
        assert alone.text(alone.source.line("All CSTRs/referred")) == "*"
    site = hub_return(hub, TODAY, "ceredigion-mc", TODAY)
    assert site.source.count("All CSTRs/referred") == 6
    assert site.text(site.source.line("All CSTRs/referred")) == "6"

    arguments = ["--host", address.host, "--port", str(address.port), "--hub-user",
                 pg_server.ADMIN_USER, "--ca-cert", str(_ca_file(tmp_path, address)),
                 "--month", f"{TODAY:%Y-%m}"]
    files = {}
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"site{suffix}"
        assert main(["hub", "return", *arguments, "--site", "ceredigion-mc", "--out",
                     str(out)]) == 0
        files[suffix] = out
    assert "written to" in capsys.readouterr().out
    from_csv, from_xlsx = read_csv(files[".csv"]), read_xlsx(files[".xlsx"])
    assert from_csv == from_xlsx
    assert from_csv[("All CSTRs", "Source of referral for assessment", "Referred (total)")] == 6
    assert worked_out(from_csv) == {}  # no * the outsider can work out
    assert main(["hub", "return", *arguments, "--all-sites", "--out",
                 str(tmp_path / "all.csv")]) == 0
    assert main(["hub", "return", *arguments, "--site", "no-such-site", "--out",
                 str(tmp_path / "none.csv")]) == 1
    assert "no site 'no-such-site'" in capsys.readouterr().err


def test_every_exported_site_return_survives_the_outsiders_attack(address, hub, tmp_path):
    db = demo_desk(tmp_path / "demo", address, "conwy-mc", 150, seed=12)
    synced(db)
    stars = 0
    for month in months()[:3]:
        first, _ = month_range(month)
        anonymised = hub_return(hub, month, "conwy-mc", TODAY)
        out = tmp_path / f"{first:%Y-%m}.csv"
        write_return(anonymised, out, "conwy-mc")
        cells = read_csv(out)
        assert worked_out(cells) == {}, month
        stars += sum(value is None for value in cells.values())
    assert stars  # the attack had something to attack


def test_a_desk_reads_its_own_sites_summaries_only(address, hub, tmp_path):
    a = demo_desk(tmp_path / "a", address, "site-a", 5, seed=1)
    b = demo_desk(tmp_path / "b", address, "site-b", 5, seed=2)
    for db in (a, b):
        synced(db)
    with open_with_password(a, ADMIN, TEST_PASSWORD) as admin:
        enrolment = load_enrolment(admin)
    assert enrolment is not None
    with connect(address, enrolment.role_name, enrolment.password) as desk:
        for table in ("hub.monitoring_summaries", "hub.monitoring_newest"):
            sites = {r[0] for r in desk.execute(f"SELECT DISTINCT site FROM {table}")}
            assert sites == {"site-a"}, table
        # The newest summaries are the hub's to keep: a desk only adds versions.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with desk.transaction():
                desk.execute("DELETE FROM hub.monitoring_newest")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with desk.transaction():
                desk.execute("INSERT INTO hub.monitoring_summaries (record_uuid, version, site, "
                             "desk_id, referral_source, assessed_for, consented, "
                             "sentence_requirements, on_the_day, sentencer_answered, "
                             "custody_without_cstr, first_starts, first_session_attended, "
                             "adjournments, outcome_changes, offence_type, equality) VALUES "
                             "(%s, 1, 'site-b', %s, 'x', '', '', '', 0, 0, 0, '', 0, '[]', '[]', "
                             "'x', '[]')", (uuid.uuid4(), enrolment.desk_id))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with desk.transaction():
                desk.execute("UPDATE hub.monitoring_summaries SET version = version")


def _ca_file(folder: Path, address: HubAddress) -> Path:
    path = folder / "site-ca.pem"
    path.write_text(address.ca_certificate, encoding="ascii")
    return path


def test_the_first_sync_after_an_upgrade_shows_its_summarising(address, tmp_path, capsys,
                                                               monkeypatch):
    # Every referral is summarised once before it travels (50,000 take seconds, in batches
    # of 5,000); here 60 demo cases in batches of 20.
    db = demo_desk(tmp_path / "upgraded", address, "anglesey-mc", 60, seed=31)
    monkeypatch.setattr(monitoring_summary, "_BATCH", 20)
    monkeypatch.setattr(hub_sync, "SUMMARIES_PER_PART", 25)
    assert main(["sync", "--db", str(db), "--user", PRACTITIONER]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("  ")]
    assert lines == [
        *(f"  summarising referrals for the hub: {percent}% ({done} of 60)"
          for percent, done in ((0, 0), (30, 20), (60, 40), (100, 60))),
        *(f"  sending referrals' summaries: {percent}% ({done} of 60)"
          for percent, done in ((40, 25), (80, 50), (100, 60)))]
