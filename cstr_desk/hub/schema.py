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

# The hub as witness (issue 16 item 4). Each desk's audit entries are kept as a chain, without
# their user, person or detail (free text that may carry personal words): enough to see that a
# new upload continues what the hub holds. A desk cannot insert entries directly, only through
# hub.receive_audit, which checks the upload first; an upload that does not continue the chain
# (history cut, or rewritten, after an upload) is refused and kept in hub.chain_breaks.
_V2_AUDIT_CHAINS = f"""
CREATE TABLE hub.audit_entries (
    desk_id uuid NOT NULL REFERENCES hub.desks,
    site text NOT NULL REFERENCES hub.sites,
    entry_id bigint NOT NULL CHECK (entry_id >= 1),
    at timestamptz NOT NULL,
    action text NOT NULL CHECK (action ~ '^[a-z_]{{1,40}}$'),
    record_type text CHECK (record_type ~ '^[a-z][a-z_]{{0,62}}$'),
    record_uuid uuid,
    hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{{64}}$'),
    previous_hash text NOT NULL CHECK (previous_hash ~ '^[0-9a-f]{{64}}$'),
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (desk_id, entry_id));

CREATE TABLE hub.chain_breaks (
    desk_id uuid NOT NULL REFERENCES hub.desks,
    site text NOT NULL REFERENCES hub.sites,
    entry_id bigint NOT NULL,
    reason text NOT NULL CHECK (reason IN ('rewritten', 'gap', 'unordered')),
    refused_at timestamptz NOT NULL DEFAULT now());

CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON hub.audit_entries
    FOR EACH ROW EXECUTE FUNCTION hub.refuse_change();
CREATE TRIGGER audit_entries_never_truncated BEFORE TRUNCATE ON hub.audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION hub.refuse_change();
CREATE TRIGGER chain_breaks_append_only BEFORE UPDATE OR DELETE ON hub.chain_breaks
    FOR EACH ROW EXECUTE FUNCTION hub.refuse_change();
CREATE TRIGGER chain_breaks_never_truncated BEFORE TRUNCATE ON hub.chain_breaks
    FOR EACH STATEMENT EXECUTE FUNCTION hub.refuse_change();

-- 'accepted', or the reason the upload was refused (and recorded). Entries the hub holds
-- already are accepted again only if identical, so a sync repeated after a lost reply
-- doubles nothing; new entries must follow on: the next id, the last held entry's hash.
CREATE FUNCTION hub.receive_audit(upload jsonb) RETURNS text LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    desk uuid := hub.my_desk();
    desk_site text := hub.my_site();
    held_id bigint := 0;
    held_hash text := '{"0" * 64}';
    last_id bigint;
    last_hash text;
    previous_id bigint := 0;
    entry record;
    refusal text;
BEGIN
    IF desk IS NULL THEN
        RAISE EXCEPTION 'only an enrolled desk uploads audit entries'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- One upload at a time per desk, so two cannot both take the same place in its chain.
    PERFORM pg_advisory_xact_lock(hashtext('hub.audit:' || desk::text));
    SELECT entry_id, hash INTO held_id, held_hash FROM hub.audit_entries
        WHERE desk_id = desk ORDER BY entry_id DESC LIMIT 1;
    IF NOT FOUND THEN
        held_id := 0;
        held_hash := '{"0" * 64}';
    END IF;
    last_id := held_id;
    last_hash := held_hash;
    FOR entry IN SELECT * FROM jsonb_to_recordset(upload)
            AS e(entry_id bigint, hash text, previous_hash text) LOOP
        IF entry.entry_id <= previous_id THEN
            refusal := 'unordered';
        ELSIF entry.entry_id <= held_id THEN
            IF NOT EXISTS (SELECT FROM hub.audit_entries WHERE desk_id = desk
                    AND entry_id = entry.entry_id AND hash = entry.hash) THEN
                refusal := 'rewritten';
            END IF;
        ELSIF entry.entry_id <> last_id + 1 THEN
            refusal := 'gap';
        ELSIF entry.previous_hash <> last_hash THEN
            refusal := 'rewritten';
        ELSE
            last_id := entry.entry_id;
            last_hash := entry.hash;
        END IF;
        previous_id := entry.entry_id;
        IF refusal IS NOT NULL THEN
            INSERT INTO hub.chain_breaks (desk_id, site, entry_id, reason)
                VALUES (desk, desk_site, entry.entry_id, refusal);
            RETURN refusal;
        END IF;
    END LOOP;
    INSERT INTO hub.audit_entries (desk_id, site, entry_id, at, action, record_type,
                                   record_uuid, hash, previous_hash)
        SELECT desk, desk_site, e.entry_id, e.at, e.action, e.record_type, e.record_uuid,
               e.hash, e.previous_hash
        FROM jsonb_to_recordset(upload) AS e(entry_id bigint, at timestamptz, action text,
             record_type text, record_uuid uuid, hash text, previous_hash text)
        WHERE e.entry_id > held_id;
    RETURN 'accepted';
END $$;
REVOKE ALL ON FUNCTION hub.receive_audit(jsonb) FROM PUBLIC;

ALTER TABLE hub.audit_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_entries_of_my_site ON hub.audit_entries FOR SELECT TO {DESKS_ROLE}
    USING (site = hub.my_site());
ALTER TABLE hub.chain_breaks ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON hub.audit_entries, hub.chain_breaks FROM PUBLIC;
GRANT SELECT ON hub.audit_entries TO {DESKS_ROLE};
GRANT EXECUTE ON FUNCTION hub.receive_audit(jsonb) TO {DESKS_ROLE};
"""

# The site-wide monthly return (issue 16 item 5): each desk sends, with the batch that changed
# it, its referral's monthly-return summary (the desk's monitoring_summary row, migration 18 of
# the desk: codes, London days, 0/1 flags, an age and the equality codes; no name, date of
# birth or free text), keyed by the referral's record id and versioned by the batch's last
# audit entry. Kept as every version is kept; the return counts each referral's newest.
_V3_MONITORING_SUMMARIES = f"""
CREATE TABLE hub.monitoring_summaries (
    record_uuid uuid NOT NULL,
    version bigint NOT NULL CHECK (version >= 1),
    site text NOT NULL REFERENCES hub.sites,
    desk_id uuid NOT NULL REFERENCES hub.desks,
    referred_on text, referral_source text NOT NULL, mh_screened_on text, sm_screened_on text,
    assessed_on text, gp_registered integer, assessed_for text NOT NULL,
    consented text NOT NULL, consent_on text, withdrawn_on text, decision text,
    decided_on text, drr_accepted integer, drr_answered_on text, atr_accepted integer,
    atr_answered_on text, psr_on text, sentenced_on text, sentence text,
    sentence_requirements text NOT NULL, on_the_day integer NOT NULL,
    sentencer_answered integer NOT NULL, custody_without_cstr integer NOT NULL,
    first_episode_psychosis integer, first_attended_on text, first_starts text NOT NULL,
    first_session_on text, first_session_attended integer NOT NULL, second_missed_on text,
    breach_to_court_on text, breach_outcome text, order_length_months integer,
    treatment_ended_on text, treatment_completed integer, meeting_on text,
    referral_to_meeting integer, sentence_to_meeting integer, first_adjourned_on text,
    last_adjourned_on text, adjournments text NOT NULL, outcome_changes text NOT NULL,
    assessed_age integer, offence_type text NOT NULL, equality text NOT NULL,
    registered_through_cstr_on text,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (record_uuid, version));
CREATE INDEX monitoring_summaries_newest ON hub.monitoring_summaries (
    site, record_uuid, version DESC);

-- Each referral's newest summary, kept by the hub itself as versions arrive (a desk cannot
-- write it): what the return counts, read without choosing among 500,000 referrals' versions.
-- The versions above stay as they came; this table is derived from them and only from them.
CREATE TABLE hub.monitoring_newest (LIKE hub.monitoring_summaries INCLUDING DEFAULTS,
                                    PRIMARY KEY (record_uuid));
CREATE INDEX monitoring_newest_by_site ON hub.monitoring_newest (site);
CREATE FUNCTION hub.keep_newest_summary() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    DELETE FROM hub.monitoring_newest
        WHERE record_uuid = NEW.record_uuid AND version < NEW.version;
    INSERT INTO hub.monitoring_newest SELECT NEW.* ON CONFLICT (record_uuid) DO NOTHING;
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION hub.keep_newest_summary() FROM PUBLIC;
CREATE TRIGGER monitoring_summaries_newest AFTER INSERT ON hub.monitoring_summaries
    FOR EACH ROW EXECUTE FUNCTION hub.keep_newest_summary();
ALTER TABLE hub.monitoring_newest ENABLE ROW LEVEL SECURITY;
CREATE POLICY monitoring_newest_of_my_site ON hub.monitoring_newest FOR SELECT
    TO {DESKS_ROLE} USING (site = hub.my_site());
REVOKE ALL ON hub.monitoring_newest FROM PUBLIC;
GRANT SELECT ON hub.monitoring_newest TO {DESKS_ROLE};

CREATE TRIGGER monitoring_summaries_append_only BEFORE UPDATE OR DELETE
    ON hub.monitoring_summaries FOR EACH ROW EXECUTE FUNCTION hub.refuse_change();
CREATE TRIGGER monitoring_summaries_never_truncated BEFORE TRUNCATE
    ON hub.monitoring_summaries FOR EACH STATEMENT EXECUTE FUNCTION hub.refuse_change();

ALTER TABLE hub.monitoring_summaries ENABLE ROW LEVEL SECURITY;
CREATE POLICY monitoring_summaries_of_my_site ON hub.monitoring_summaries FOR SELECT
    TO {DESKS_ROLE} USING (site = hub.my_site());
CREATE POLICY monitoring_summaries_in_my_name ON hub.monitoring_summaries FOR INSERT
    TO {DESKS_ROLE} WITH CHECK (site = hub.my_site() AND desk_id = hub.my_desk());
REVOKE ALL ON hub.monitoring_summaries FROM PUBLIC;
GRANT SELECT, INSERT ON hub.monitoring_summaries TO {DESKS_ROLE};
"""

# Issue 16 item 3: a record names its case (the referral's uuid), so that what one desk adds to
# a case another desk registered (an assessment, a consent) reaches that desk too, whichever
# desk's numbers its body carries. Person and amendment records name none: a person may have
# several cases, and an amendment travels with the record it corrects. Rows sent before this
# migration name none either, and are found only as before, by their own uuid.
_V4_CASE_OF_RECORD = """
ALTER TABLE hub.records ADD COLUMN case_uuid uuid;
CREATE INDEX records_by_case ON hub.records (site, case_uuid);
"""

MIGRATIONS: tuple[HubMigration, ...] = (
    HubMigration(1, "sites, desks and append-only records under row-level security",
                 _V1_SITES_DESKS_RECORDS),
    HubMigration(2, "each desk's audit chain, witnessed: uploads must continue it",
                 _V2_AUDIT_CHAINS),
    HubMigration(3, "each referral's monthly-return summary, for the site-wide return",
                 _V3_MONITORING_SUMMARIES),
    HubMigration(4, "each record names its case, so what one desk adds to a case reaches the "
                 "others", _V4_CASE_OF_RECORD),
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
