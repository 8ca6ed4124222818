"""The hub's tests' PostgreSQL server: cstr_desk.hub.trial_server's throwaway TLS server (the
one `cstr-desk hub try` starts), with a fixed owner password the tests sign in with."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from cstr_desk.hub import trial_server
from cstr_desk.hub.trial_server import ADMIN_USER, DBNAME, PgServer, certificates, restart, stop

ADMIN_PASSWORD = "hub-admin-test-password"  # a throwaway server's, never a real one

__all__ = ["ADMIN_PASSWORD", "ADMIN_USER", "DBNAME", "certificates", "restart", "stop",
           "temporary_server"]


@contextmanager
def temporary_server(prefix: str) -> Iterator[PgServer]:
    """A server for one test module, stopped and removed after it."""
    with trial_server.temporary_server(prefix, ADMIN_PASSWORD) as running:
        yield running
