"""The hub administrator's operations: make or bring up to date the hub's schema, and enrol a
desk for a site with a login role of its own."""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass

import psycopg
from psycopg import sql

from cstr_desk.hub.errors import HubError
from cstr_desk.hub.schema import DESKS_ROLE, HubMigration, migrate, schema_version

SITE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


@dataclass(frozen=True)
class DeskCredentials:
    """What a desk needs to sign in to the hub; its password is shown to no one."""

    desk_id: uuid.UUID
    site: str
    role_name: str
    password: str


def init_hub(connection: psycopg.Connection) -> tuple[list[HubMigration], int]:
    """Creates the hub's schema or applies the migrations it lacks; returns what was applied
    and the version the hub is now at. Running it again changes nothing."""
    try:
        applied = migrate(connection)
    except psycopg.errors.InsufficientPrivilege as error:
        raise HubError("This hub account may not create the hub's schema and roles: use the "
                       "account that owns the hub's database (with CREATEROLE).") from error
    return applied, schema_version(connection)


def add_desk(connection: psycopg.Connection, site: str, database_uuid: uuid.UUID,
             enrolled_by: str) -> DeskCredentials:
    """A new login role for one desk of `site` (the site is created on its first desk). The
    role can only read its site's records and add records in its own name (schema.py)."""
    if not SITE_PATTERN.match(site):
        raise HubError(f"{site!r} is not a site code: use lower-case letters, digits and "
                       "hyphens, for example 'cardiff-mc'.")
    if schema_version(connection) == 0:
        raise HubError("This database has no hub schema yet: run 'cstr-desk hub init' first.")
    desk_id = uuid.uuid4()
    # The role name carries no personal or site data; the password is random, never typed.
    credentials = DeskCredentials(desk_id, site, f"desk_{desk_id.hex[:20]}",
                                  secrets.token_urlsafe(32))
    with connection.transaction():
        known = connection.execute("SELECT site FROM hub.desks WHERE database_uuid = %s",
                                   (database_uuid,)).fetchone()
        if known is not None:
            raise HubError(f"This desk's database is already enrolled with the hub (site "
                           f"{known[0]}). Nothing was changed.")
        connection.execute("INSERT INTO hub.sites (site) VALUES (%s) ON CONFLICT DO NOTHING",
                           (site,))
        # CREATE ROLE takes no bound parameters; the name and password are quoted by psycopg.
        connection.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
            sql.Identifier(credentials.role_name), sql.Literal(credentials.password),
            sql.Identifier(DESKS_ROLE)))
        connection.execute(
            "INSERT INTO hub.desks (desk_id, site, role_name, database_uuid, enrolled_by) "
            "VALUES (%s, %s, %s, %s, %s)",
            (desk_id, site, credentials.role_name, database_uuid, enrolled_by))
    return credentials
