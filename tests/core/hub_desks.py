"""Fixtures and helpers the hub's test modules share: a real PostgreSQL server over verified TLS
(pg_server.py), one a module, with the hub's schema; the owner's connection; the passwords the
commands read from the environment; and a desk enrolled with the hub. A module takes the
fixtures by importing them (`from hub_desks import address, hub, ...  # noqa: F401`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pg_server
import psycopg
import pytest

from cstr_desk.hub.admin import init_hub
from cstr_desk.hub.connection import HubAddress, connect
from cstr_desk.hub.enrolment import enrol_desk
from cstr_desk.store.testing import TEST_PASSWORD, make_database


@pytest.fixture(scope="module")
def server() -> Iterator[pg_server.PgServer]:
    with pg_server.temporary_server("cstr-hub-test-") as running:
        yield running


@pytest.fixture(scope="module")
def address(server: pg_server.PgServer) -> HubAddress:
    address = HubAddress(host=server.host, port=server.port, dbname=pg_server.DBNAME,
                         ca_certificate=server.ca_pem)
    with connect(address, pg_server.ADMIN_USER, pg_server.ADMIN_PASSWORD) as owner:
        init_hub(owner)
    return address


@pytest.fixture
def hub(address: HubAddress) -> Iterator[psycopg.Connection]:
    # Per test: a test that stops the server mid-sync leaves any earlier connection dead.
    with connect(address, pg_server.ADMIN_USER, pg_server.ADMIN_PASSWORD) as owner:
        yield owner


@pytest.fixture(autouse=True)
def passwords_in_environment(fast_kdf: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSTR_DESK_PASSWORD", TEST_PASSWORD)
    monkeypatch.setenv("CSTR_DESK_HUB_PASSWORD", pg_server.ADMIN_PASSWORD)


def enrolled_desk(folder: Path, address: HubAddress, site: str) -> Path:
    """A new database in `folder`, enrolled with the hub at `address` for `site`."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "court.cstr"
    with make_database(db)[0] as admin:
        enrol_desk(admin, address, pg_server.ADMIN_USER, pg_server.ADMIN_PASSWORD, site)
    return db
