"""The hub's schema, as numbered migrations applied in order (as on the desk: store/migrations.py).

What the hub promises, enforced by the server rather than by the desks' good behaviour:
- **A desk sees its own site only.** Row-level security on every table of records: a desk's
  role reads and adds rows of the site it was enrolled for, and adds them only in its own name.
  The desk's identity is the login (`session_user`), looked up in `hub.desks` by functions that
  run as the hub's owner, so a desk cannot read the list of desks itself.
- **Nothing is changed in place.** Records are append-only: an amendment is a new version
  (issue 16 item 1). Desks are granted SELECT and INSERT only, and triggers refuse UPDATE,
  DELETE and TRUNCATE even to the hub's owner, so a mistaken administrator cannot rewrite a
  site's history either.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

# Every desk's login role is a member of this one; grants and policies name it, not each desk.
DESKS_ROLE = "cstr_desks"


@dataclass(frozen=True)
class HubMigration:
    version: int
    description: str
    sql: str


_V1_SITES_DESKS_RECORDS = f"""
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{DESKS_ROLE}') THEN
        CREATE ROLE {DESKS_ROLE} NOLOGIN;
    END IF;
END $$;

CREATE TABLE hub.sites (
    site text PRIMARY KEY CHECK (site ~ '^[a-z0-9][a-z0-9-]{{0,62}}$'),
    created_at timestamptz NOT NULL DEFAULT now());

CREATE TABLE hub.desks (
    desk_id uuid PRIMARY KEY,
    site text NOT NULL REFERENCES hub.sites,
    role_name name NOT NULL UNIQUE,
    database_uuid uuid NOT NULL UNIQUE,
    enrolled_by text NOT NULL,
    enrolled_at timestamptz NOT NULL DEFAULT now());

-- One row per version of a desk's record: (record, version) is its global identity.
CREATE TABLE hub.records (
    record_uuid uuid NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    site text NOT NULL REFERENCES hub.sites,
    desk_id uuid NOT NULL REFERENCES hub.desks,
    kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{{0,62}}$'),
    body jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (record_uuid, version));
CREATE INDEX records_by_site ON hub.records (site, kind, received_at);

CREATE FUNCTION hub.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the hub keeps every version: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER records_append_only BEFORE UPDATE OR DELETE ON hub.records
    FOR EACH ROW EXECUTE FUNCTION hub.refuse_change();
CREATE TRIGGER records_never_truncated BEFORE TRUNCATE ON hub.records
    FOR EACH STATEMENT EXECUTE FUNCTION hub.refuse_change();
CREATE TRIGGER desks_append_only BEFORE UPDATE OR DELETE ON hub.desks
    FOR EACH ROW EXECUTE FUNCTION hub.refuse_change();

-- session_user, not current_user: inside these functions current_user is their owner.
CREATE FUNCTION hub.my_site() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT site FROM hub.desks WHERE role_name = session_user $$;
CREATE FUNCTION hub.my_desk() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT desk_id FROM hub.desks WHERE role_name = session_user $$;
REVOKE ALL ON FUNCTION hub.my_site(), hub.my_desk() FROM PUBLIC;

ALTER TABLE hub.records ENABLE ROW LEVEL SECURITY;
CREATE POLICY records_of_my_site ON hub.records FOR SELECT TO {DESKS_ROLE}
    USING (site = hub.my_site());
CREATE POLICY records_in_my_name ON hub.records FOR INSERT TO {DESKS_ROLE}
    WITH CHECK (site = hub.my_site() AND desk_id = hub.my_desk());

REVOKE ALL ON ALL TABLES IN SCHEMA hub FROM PUBLIC;
GRANT USAGE ON SCHEMA hub TO {DESKS_ROLE};
GRANT SELECT, INSERT ON hub.records TO {DESKS_ROLE};
GRANT EXECUTE ON FUNCTION hub.my_site(), hub.my_desk() TO {DESKS_ROLE};
"""

MIGRATIONS: tuple[HubMigration, ...] = (
    HubMigration(1, "sites, desks and append-only records under row-level security",
                 _V1_SITES_DESKS_RECORDS),
)


def schema_version(connection: psycopg.Connection) -> int:
    """The newest migration applied to this hub; 0 for a database with no hub schema yet."""
    exists = connection.execute("SELECT to_regclass('hub.schema_migrations')").fetchone()[0]
    if exists is None:
        return 0
    return connection.execute(
        "SELECT coalesce(max(version), 0) FROM hub.schema_migrations").fetchone()[0]


def migrate(connection: psycopg.Connection) -> list[HubMigration]:
    """Applies the migrations this hub lacks, each in its own transaction; returns them."""
    with connection.transaction():
        connection.execute("CREATE SCHEMA IF NOT EXISTS hub")
        connection.execute("""CREATE TABLE IF NOT EXISTS hub.schema_migrations (
            version integer PRIMARY KEY, description text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now())""")
        connection.execute("REVOKE ALL ON hub.schema_migrations FROM PUBLIC")
    applied = []
    for migration in MIGRATIONS:
        if migration.version <= schema_version(connection):
            continue
        with connection.transaction():
            connection.execute(migration.sql)
            connection.execute(
                "INSERT INTO hub.schema_migrations (version, description) VALUES (%s, %s)",
                (migration.version, migration.description))
        applied.append(migration)
    return applied
