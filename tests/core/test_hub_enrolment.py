"""The site hub's schema, enrolment and what the server itself enforces (issue 16 item 1),
against a real PostgreSQL server over verified TLS (tests/core/pg_server.py)."""

from __future__ import annotations

import json
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest

import pg_server
from cstr_desk.cli import main
from cstr_desk.domain import Role
from cstr_desk.hub.admin import add_desk, init_hub
from cstr_desk.hub.connection import HubAddress, connect
from cstr_desk.hub.enrolment import enrol_desk, load_enrolment
from cstr_desk.hub.errors import HubError
from cstr_desk.hub.schema import MIGRATIONS
from cstr_desk.store import PermissionDenied, open_with_password
from cstr_desk.store.testing import TEST_PASSWORD, USERNAMES, make_database

ADMIN = USERNAMES[Role.ADMINISTRATOR]


@pytest.fixture(scope="module")
def server():
    with pg_server.temporary_server("cstr-hub-test-") as running:
        yield running


@pytest.fixture(scope="module")
def address(server) -> HubAddress:
    return HubAddress(host=server.host, port=server.port, dbname=pg_server.DBNAME,
                      ca_certificate=server.ca_pem)


@pytest.fixture(scope="module")
def hub(server, address):
    with connect(address, pg_server.ADMIN_USER, pg_server.ADMIN_PASSWORD) as connection:
        init_hub(connection)
        yield connection


@pytest.fixture(autouse=True)
def passwords_in_environment(fast_kdf, monkeypatch):
    monkeypatch.setenv("CSTR_DESK_PASSWORD", TEST_PASSWORD)
    monkeypatch.setenv("CSTR_DESK_HUB_PASSWORD", pg_server.ADMIN_PASSWORD)


def _desk(hub, site: str):
    return add_desk(hub, site, uuid.uuid4(), enrolled_by="test")


def _as_desk(address, credentials):
    return connect(address, credentials.role_name, credentials.password)


def _record(credentials, kind: str = "referral", version: int = 1, site: str | None = None,
            desk: uuid.UUID | None = None) -> tuple:
    return (uuid.uuid4(), version, site or credentials.site, desk or credentials.desk_id, kind,
            json.dumps({"court": "Court 1"}))


INSERT = ("INSERT INTO hub.records (record_uuid, version, site, desk_id, kind, body) "
          "VALUES (%s, %s, %s, %s, %s, %s)")


def test_init_is_idempotent_and_records_its_version(hub):
    applied, version = init_hub(hub)
    assert applied == [] and version == MIGRATIONS[-1].version
    rows = hub.execute("SELECT version FROM hub.schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]


def test_a_desk_reads_and_writes_its_own_site_only(hub, address):
    cardiff, swansea = _desk(hub, "cardiff-mc"), _desk(hub, "swansea-mc")
    with _as_desk(address, swansea) as desk:
        with desk.transaction():
            desk.execute(INSERT, _record(swansea))
    with _as_desk(address, cardiff) as desk:
        with desk.transaction():
            desk.execute(INSERT, _record(cardiff))
        sites = {r[0] for r in desk.execute("SELECT site FROM hub.records").fetchall()}
        assert sites == {"cardiff-mc"}
        # The server refuses rows in another site's or another desk's name.
        for row in (_record(cardiff, site="swansea-mc"),
                    _record(cardiff, desk=swansea.desk_id)):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                with desk.transaction():
                    desk.execute(INSERT, row)
        # ... and the list of desks, with every site's, is not a desk's to read.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with desk.transaction():
                desk.execute("SELECT * FROM hub.desks")


def test_nothing_is_changed_in_place_not_even_by_the_owner(hub, address):
    desk_login = _desk(hub, "newport-mc")
    with _as_desk(address, desk_login) as desk:
        with desk.transaction():
            desk.execute(INSERT, _record(desk_login))
        for statement in ("UPDATE hub.records SET body = '{}'", "DELETE FROM hub.records"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                with desk.transaction():
                    desk.execute(statement)
    for statement in ("UPDATE hub.records SET body = '{}'", "DELETE FROM hub.records",
                      "TRUNCATE hub.records", "DELETE FROM hub.desks"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="keeps every version"):
            hub.execute(statement)
    # A second copy of the same version is refused: versions are never overwritten.
    row = _record(desk_login)
    with _as_desk(address, desk_login) as desk:
        with desk.transaction():
            desk.execute(INSERT, row)
        with pytest.raises(psycopg.errors.UniqueViolation):
            with desk.transaction():
                desk.execute(INSERT, row)


def test_tls_is_verified_and_plain_connections_are_refused(server, address):
    with pytest.raises(psycopg.OperationalError, match="no pg_hba.conf entry"):
        psycopg.connect(server.dsn().replace("sslmode=verify-full", "sslmode=disable"),
                        password=pg_server.ADMIN_PASSWORD)
    other_ca = pg_server.certificates(Path(tempfile.mkdtemp(prefix="cstr-other-ca-")))
    with pytest.raises(HubError, match="could not prove it is the site's hub"):
        with connect(address.model_copy(update={"ca_certificate": other_ca}),
                     pg_server.ADMIN_USER, pg_server.ADMIN_PASSWORD):
            pass
    # Reached by an address its certificate does not name: refused too.
    with pytest.raises(HubError, match="could not prove"):
        with connect(address.model_copy(update={"host": "127.0.0.1"}),
                     pg_server.ADMIN_USER, pg_server.ADMIN_PASSWORD):
            pass
    with pytest.raises(HubError, match="refused the name or password"):
        with connect(address, pg_server.ADMIN_USER, "wrong"):
            pass


def test_bad_site_codes_are_plain_messages(hub):
    for site in ("", "Cardiff MC", "cardiff_mc", "x" * 70, "'; DROP TABLE hub.records; --"):
        with pytest.raises(HubError, match="is not a site code"):
            add_desk(hub, site, uuid.uuid4(), enrolled_by="test")


def test_cli_enrols_a_desk_and_keeps_its_login_inside_the_encrypted_store(
        server, hub, tmp_path, capsys):
    db = tmp_path / "court.cstr"
    make_database(db)[0].close()
    address = ["--host", server.host, "--port", str(server.port),
               "--hub-user", pg_server.ADMIN_USER, "--ca-cert", str(server.ca_path)]
    assert main(["hub", "init", *address]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["hub", "add-desk", *address, "--site", "cardiff-mc", "--db", str(db),
                 "--user", ADMIN]) == 0
    printed = capsys.readouterr().out
    assert "enrolled with the hub" in printed
    with open_with_password(db, ADMIN, TEST_PASSWORD) as session:
        enrolment = load_enrolment(session)
    assert enrolment is not None and enrolment.site == "cardiff-mc"
    assert enrolment.password not in printed
    for path in tmp_path.iterdir():  # the database, its key file: nothing in plain text
        assert enrolment.password.encode() not in path.read_bytes()
        assert enrolment.role_name.encode() not in path.read_bytes()
    # The stored login works against the server, as the desk it names.
    with connect(enrolment.address, enrolment.role_name, enrolment.password) as desk:
        assert desk.execute("SELECT hub.my_desk()").fetchone()[0] == enrolment.desk_id
    # Enrolling twice changes nothing, on the desk or on the hub.
    desks_before = hub.execute("SELECT count(*) FROM hub.desks").fetchone()[0]
    assert main(["hub", "add-desk", *address, "--site", "cardiff-mc", "--db", str(db),
                 "--user", ADMIN]) == 1
    assert "enrolled with the hub" in capsys.readouterr().err
    assert hub.execute("SELECT count(*) FROM hub.desks").fetchone()[0] == desks_before


@pytest.mark.parametrize("change, message", [
    ({"--host": "localhost", "--port": "1"}, "could not be reached"),
    ({"--ca-cert": "/nonexistent/ca.pem"}, "could not be read"),
    ({"--ca-cert": "/etc/hostname"}, "no certificate in PEM form"),
    ({"--ca-cert": "/"}, "could not be read"),
    ({"--port": "-1"}, "is not a port (1 to 65535)"),
    ({"--host": ""}, "give --host"),
    ({"--hub-user": "nobody-here"}, "refused the name or password"),
])
def test_bad_hub_arguments_are_one_plain_line(server, tmp_path, capsys, change, message):
    arguments = {"--host": server.host, "--port": str(server.port),
                 "--hub-user": pg_server.ADMIN_USER, "--ca-cert": str(server.ca_path)}
    arguments.update(change)
    flat = [part for pair in arguments.items() for part in pair]
    try:
        code = main(["hub", "init", *flat])
    except SystemExit as refused:  # argparse's own refusal, for a value no hub can have
        code = refused.code
    assert code in (1, 2)
    error = capsys.readouterr().err
    assert message in error and "Traceback" not in error


def test_an_administrator_only_enrols(server, address, tmp_path):
    db = tmp_path / "court.cstr"
    make_database(db)[0].close()
    with open_with_password(db, USERNAMES[Role.PRACTITIONER], TEST_PASSWORD) as session:
        with pytest.raises(PermissionDenied):
            enrol_desk(session, address, pg_server.ADMIN_USER, pg_server.ADMIN_PASSWORD,
                       "cardiff-mc")
