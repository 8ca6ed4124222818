"""How the desk and the hub's administrator reach the hub.

Always TLS with the server's certificate checked against the site's CA and its host name
(libpq's sslmode=verify-full): a desk sends a site's cases, so a server that merely offers TLS,
or one with a certificate for another host, is refused. The password is given to libpq as a
connection parameter, never put in a command line or a DSN string that a log could print.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from pydantic import BaseModel, ConfigDict, Field

from cstr_desk.hub.errors import HubError

# Long enough for a hub on the far side of a trust's network, short enough that a desk in a
# court with no network gives up quickly and carries on offline.
CONNECT_TIMEOUT_SECONDS = 10


class HubAddress(BaseModel):
    """Where the hub is and whom to trust: the site CA's certificate, in PEM."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = Field(min_length=1)
    port: int = Field(default=5432, ge=1, le=65535)
    dbname: str = Field(default="cstr_hub", min_length=1)
    ca_certificate: str = Field(min_length=1)


@contextmanager
def connect(address: HubAddress, user: str, password: str) -> Iterator[psycopg.Connection]:
    """A connection to the hub as `user`, TLS verified; a plain HubError when it cannot be had."""
    with _ca_file(address.ca_certificate) as ca_path:
        try:
            connection = psycopg.connect(
                host=address.host, port=address.port, dbname=address.dbname, user=user,
                password=password, sslmode="verify-full", sslrootcert=str(ca_path),
                connect_timeout=CONNECT_TIMEOUT_SECONDS, application_name="cstr-desk",
                # Every change is made inside an explicit `connection.transaction()` block,
                # and committed at its end; nothing waits in an implicit transaction.
                autocommit=True,
            )
        except psycopg.OperationalError as error:
            raise HubError(_plain_reason(address, error)) from error
    try:
        yield connection
    finally:
        connection.close()


@contextmanager
def _ca_file(pem: str) -> Iterator[Path]:
    # libpq reads the CA from a file. A CA certificate is public, but the file is owner-only
    # and removed at once all the same, so nothing of the desk's lies about.
    handle, name = tempfile.mkstemp(prefix="cstr-hub-ca-", suffix=".pem")
    try:
        with os.fdopen(handle, "w", encoding="ascii") as file:
            file.write(pem)
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def _plain_reason(address: HubAddress, error: psycopg.OperationalError) -> str:
    text = str(error).lower()
    where = f"the hub at {address.host}:{address.port}"
    if "password authentication failed" in text:
        return f"{where} refused the name or password."
    if "certificate" in text or "ssl" in text:
        return (f"{where} could not prove it is the site's hub (its TLS certificate does not "
                "match the site's CA and host name). Nothing was sent.")
    if "does not exist" in text:
        return f"{where} has no database {address.dbname}."
    return f"{where} could not be reached ({str(error).strip().splitlines()[0]})."
