"""The schema, as a list of numbered migrations recorded in PRAGMA user_version.

Each migration runs in one transaction together with its user_version bump, so a crash mid-way
leaves the database at the previous version. Never edit a released migration; add a new one.
tests/core/test_store_migrations.py upgrades a database created at every earlier version.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import sqlcipher3.dbapi2 as sqlcipher

from cstr_desk.store.connection import Database
from cstr_desk.store.decision_reason_codes import decision_reasons_as_codes
from cstr_desk.store.errors import StoreError
from cstr_desk.store.validation import normalise_pnc_number


def name_key(text: str) -> str:
    """Names compared without case, accents or punctuation: "O'Brien" = "obrien", "Zoë" = "zoe"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def _statements(script: str) -> list[str]:
    """Split a script into statements (triggers hold semicolons, so ask SQLite where each
    statement ends); executescript() cannot be used because it commits on its own."""
    statements, current = [], ""
    for line in script.strip().splitlines(keepends=True):
        current += line
        if sqlcipher.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements


_V1_BASE = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE users (
    id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, full_name TEXT NOT NULL,
    role TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL);
CREATE TABLE site_settings (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL);
CREATE TABLE people (
    id INTEGER PRIMARY KEY, given_name TEXT NOT NULL, family_name TEXT NOT NULL,
    date_of_birth TEXT NOT NULL, nhs_number TEXT, pnc_number TEXT, postcode TEXT,
    gp_practice TEXT, eq_gender TEXT, eq_ethnicity TEXT, eq_pregnant_or_caring TEXT,
    eq_disability TEXT, eq_armed_forces TEXT, eq_accommodation TEXT, eq_care_leaver TEXT,
    eq_education TEXT, eq_health_and_care_plan TEXT,
    created_at TEXT NOT NULL, created_by INTEGER REFERENCES users(id));
CREATE TABLE referrals (
    id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES people(id),
    site TEXT NOT NULL, court TEXT NOT NULL, hearing_date TEXT NOT NULL,
    referral_source TEXT NOT NULL, referral_source_other TEXT, offence_type TEXT NOT NULL,
    plea TEXT NOT NULL, imprisonable_offence INTEGER, community_order_level TEXT,
    proposed_order_type TEXT, stage TEXT NOT NULL,
    created_at TEXT NOT NULL, created_by INTEGER REFERENCES users(id));
CREATE INDEX referrals_person ON referrals(person_id);
CREATE TABLE administrations (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    instrument_id TEXT NOT NULL, form_hash TEXT NOT NULL, mode TEXT NOT NULL,
    status TEXT NOT NULL, started_at TEXT NOT NULL, started_by INTEGER NOT NULL,
    completed_at TEXT, finalised_at TEXT, position INTEGER NOT NULL DEFAULT 0,
    risk_prompt_acknowledged_at TEXT);
CREATE INDEX administrations_referral ON administrations(referral_id);
CREATE TABLE answers (
    administration_id INTEGER NOT NULL REFERENCES administrations(id), question TEXT NOT NULL,
    value INTEGER, recorded_at TEXT NOT NULL, recorded_by INTEGER NOT NULL,
    PRIMARY KEY (administration_id, question)) WITHOUT ROWID;
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL UNIQUE REFERENCES referrals(id),
    body TEXT NOT NULL, completed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE consents (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL, withdrawn_at TEXT, withdrawal_reason TEXT);
CREATE INDEX consents_referral ON consents(referral_id);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX decisions_referral ON decisions(referral_id);
CREATE TABLE reports_issued (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX reports_referral ON reports_issued(referral_id);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX sentences_referral ON sentences(referral_id);
CREATE TABLE adjournments (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX adjournments_referral ON adjournments(referral_id);
CREATE TABLE treatment_sessions (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX sessions_referral ON treatment_sessions(referral_id);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id INTEGER, action TEXT NOT NULL,
    record_type TEXT, record_id INTEGER, person_id INTEGER, detail TEXT NOT NULL,
    hash TEXT NOT NULL);
CREATE INDEX audit_person ON audit_log(person_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""

# Clinical-record discipline (issue 3, item 5): corrections are amendments, and the database
# itself refuses in-place edits of finalised records, whatever code path tries.
_V2_AMENDMENTS = """
CREATE TABLE amendments (
    id INTEGER PRIMARY KEY, record_type TEXT NOT NULL, record_id INTEGER NOT NULL,
    person_id INTEGER REFERENCES people(id), field TEXT NOT NULL, old_value TEXT,
    new_value TEXT, reason TEXT NOT NULL CHECK (length(reason) > 0),
    amended_by INTEGER, amended_at TEXT NOT NULL);
CREATE INDEX amendments_record ON amendments(record_type, record_id);
CREATE INDEX amendments_person ON amendments(person_id);
CREATE TRIGGER amendments_no_update BEFORE UPDATE ON amendments
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER amendments_no_delete BEFORE DELETE ON amendments
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER answers_final_insert BEFORE INSERT ON answers
WHEN (SELECT status FROM administrations WHERE id = NEW.administration_id) = 'finalised'
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER answers_final_update BEFORE UPDATE ON answers
WHEN (SELECT status FROM administrations WHERE id = OLD.administration_id) = 'finalised'
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER answers_final_delete BEFORE DELETE ON answers
WHEN (SELECT status FROM administrations WHERE id = OLD.administration_id) = 'finalised'
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER administrations_final BEFORE UPDATE ON administrations
WHEN OLD.status = 'finalised'
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER assessments_final BEFORE UPDATE ON assessments WHEN OLD.completed = 1
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER consents_final BEFORE UPDATE OF body ON consents
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER decisions_final BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER reports_final BEFORE UPDATE ON reports_issued
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER sentences_final BEFORE UPDATE ON sentences
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
"""

# Search on an encrypted database: the page encryption covers index pages too, so finding a
# person by name prefix, date of birth, PNC or NHS number without reading every page needs
# these indexes (bench/bench_store.py times them on 50,000 people).
_V3_SEARCH = """
ALTER TABLE people ADD COLUMN given_key TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN family_key TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN pnc_key TEXT;
CREATE INDEX people_family_key ON people(family_key, given_key);
CREATE INDEX people_given_key ON people(given_key);
CREATE INDEX people_date_of_birth ON people(date_of_birth);
CREATE INDEX people_pnc_key ON people(pnc_key);
CREATE INDEX people_nhs_number ON people(nhs_number);
CREATE INDEX referrals_hearing_date ON referrals(hearing_date);
CREATE INDEX referrals_stage ON referrals(stage, hearing_date);
"""


# After-sentence records (Manual §2.4, §4.7) and recorded closure of a referral.
_V4_AFTER_SENTENCE = """
ALTER TABLE referrals ADD COLUMN closed_at TEXT;
ALTER TABLE referrals ADD COLUMN closure_reason TEXT;
CREATE TABLE breaches (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX breaches_referral ON breaches(referral_id);
CREATE TABLE completions (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL UNIQUE REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX follow_ups_referral ON follow_ups(referral_id);
CREATE TRIGGER breaches_final BEFORE UPDATE ON breaches
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER completions_final BEFORE UPDATE ON completions
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER follow_ups_final BEFORE UPDATE ON follow_ups
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
"""

# The monthly monitoring return (store/monitoring.py; bench/bench_monitoring.py): each event
# date has an index, so a month's referrals are found without reading every record, and one
# index per record type, by referral, holds the fields the return reads, so SQLite answers
# from it instead of parsing each JSON document. SQLCipher encrypts index pages like any other.
_V5_MONITORING = """
CREATE INDEX referrals_created_at ON referrals(created_at);
CREATE INDEX administrations_completed ON administrations(completed_at, instrument_id, status, referral_id);
CREATE INDEX administrations_monitoring ON administrations(referral_id, status, instrument_id, completed_at);
CREATE INDEX assessments_completed_at ON assessments(json_extract(body, '$.completed_at'), referral_id);
CREATE INDEX assessments_monitoring ON assessments(
    referral_id, id, json_extract(body, '$.completed'), json_extract(body, '$.completed_at'));
CREATE INDEX consents_consented_at ON consents(json_extract(body, '$.consented_at'), referral_id);
CREATE INDEX consents_withdrawn_at ON consents(withdrawn_at, referral_id);
CREATE INDEX consents_monitoring ON consents(
    referral_id, id, json_extract(body, '$.consented_at'), json_extract(body, '$.requirements_assessed_for'),
    json_extract(body, '$.requirements_consented'), withdrawn_at);
CREATE INDEX decisions_discussed_at ON decisions(json_extract(body, '$.discussed_at'), referral_id);
CREATE INDEX decisions_monitoring ON decisions(
    referral_id, id, json_extract(body, '$.discussed_at'), json_extract(body, '$.outcome'));
CREATE INDEX reports_issued_at ON reports_issued(json_extract(body, '$.issued_at'), referral_id);
CREATE INDEX reports_issued_monitoring ON reports_issued(
    referral_id, id, json_extract(body, '$.kind'), json_extract(body, '$.final'),
    json_extract(body, '$.issued_at'));
CREATE INDEX sentences_sentenced_on ON sentences(json_extract(body, '$.sentenced_on'), referral_id);
CREATE INDEX sentences_sentenced_at ON sentences(json_extract(body, '$.sentenced_at'), referral_id);
CREATE INDEX sentences_monitoring ON sentences(
    referral_id, id, json_extract(body, '$.sentenced_on'), json_extract(body, '$.sentenced_at'),
    json_extract(body, '$.sentence'), json_extract(body, '$.requirements'));
CREATE INDEX sessions_scheduled_at ON treatment_sessions(json_extract(body, '$.scheduled_at'), referral_id);
CREATE INDEX treatment_sessions_monitoring ON treatment_sessions(
    referral_id, id, json_extract(body, '$.number'), json_extract(body, '$.scheduled_at'),
    json_extract(body, '$.attendance'));
CREATE INDEX breaches_decided_on ON breaches(json_extract(body, '$.decided_on'), referral_id);
CREATE INDEX breaches_monitoring ON breaches(
    referral_id, id, json_extract(body, '$.decided_on'), json_extract(body, '$.returned_to_court'));
CREATE INDEX adjournments_adjourned_on ON adjournments(json_extract(body, '$.adjourned_on'), referral_id);
CREATE INDEX adjournments_monitoring ON adjournments(
    referral_id, id, json_extract(body, '$.adjourned_on'), json_extract(body, '$.reason'));
"""

# Facts that arrive during the court day (issue 20): the proposed order length beside the other
# court facts on the referral, and the PSR's proposal as its own finalised document.
_V6_COURT_FACTS = """
ALTER TABLE referrals ADD COLUMN proposed_length_months INTEGER;
CREATE TABLE psr_proposals (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX psr_proposals_monitoring ON psr_proposals(
    referral_id, id, json_extract(body, '$.recorded_at'), json_extract(body, '$.proposes_cstr'));
CREATE INDEX psr_proposals_recorded_at ON psr_proposals(json_extract(body, '$.recorded_at'), referral_id);
CREATE TRIGGER psr_proposals_final BEFORE UPDATE ON psr_proposals
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
"""

# Equality monitoring asked at assessment (issue 20 item 3): religion and sexuality (DRR/ATR
# service description) and change of accommodation status (Manual §2.4 "Pre-sentence").
_V7_EQUALITY = """
ALTER TABLE people ADD COLUMN eq_religion TEXT;
ALTER TABLE people ADD COLUMN eq_sexual_orientation TEXT;
ALTER TABLE people ADD COLUMN eq_accommodation_changed TEXT;
"""

# The treatment provider's acceptance of a DRR or ATR placement, its own pathway step (Manual
# §2.4 counts provider approval apart from the Clinical Lead's); the monitoring index holds
# what the monthly return reads, as for the other records in migration 5.
_V11_PROVIDER_ACCEPTANCE = """
CREATE TABLE provider_acceptances (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE TRIGGER provider_acceptances_final BEFORE UPDATE ON provider_acceptances
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE INDEX provider_acceptances_decided_at ON provider_acceptances(
    json_extract(body, '$.decided_at'), referral_id);
CREATE INDEX provider_acceptances_monitoring ON provider_acceptances(
    referral_id, id, json_extract(body, '$.decided_at'), json_extract(body, '$.accepted'),
    json_extract(body, '$.requirements'));
"""

# After a missed appointment and at sentence (issue 20 items 4 and 7): how the person prefers
# to be contacted and their care coordinator, each follow-up of a missed appointment (Manual
# §4.7), the treatment plan sent to the offender manager (§4.7) and the leaflet with the next
# appointment given at sentence (DRR/ATR service description, "Sentence"). Final once written;
# corrected by amendment. One set of preferences and one leaflet per case.
_V12_CONTACT = """
CREATE TABLE contact_preferences (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL UNIQUE REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE TABLE missed_follow_ups (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX missed_follow_ups_referral ON missed_follow_ups(referral_id);
CREATE TABLE treatment_plans_sent (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX treatment_plans_sent_referral ON treatment_plans_sent(referral_id);
CREATE TABLE leaflets_given (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL UNIQUE REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE TRIGGER contact_preferences_final BEFORE UPDATE ON contact_preferences
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER missed_follow_ups_final BEFORE UPDATE ON missed_follow_ups
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER treatment_plans_sent_final BEFORE UPDATE ON treatment_plans_sent
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER leaflets_given_final BEFORE UPDATE ON leaflets_given
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
"""


# The monthly return's figures after sentence (issue 12): the end of treatment and the
# three/four-way meeting date a referral into a month, and the monitoring indexes hold the
# fields the return reads, as in migration 5 (the assessment's GP registration, the sentence's
# length and Annex B answers, the breach's outcome).
_V13_MONITORING_AFTER_SENTENCE = """
CREATE INDEX completions_ended_on ON completions(json_extract(body, '$.ended_on'), referral_id);
CREATE INDEX completions_monitoring ON completions(
    referral_id, id, json_extract(body, '$.ended_on'), json_extract(body, '$.completed'));
CREATE INDEX joint_meetings_held_on ON joint_meetings(json_extract(body, '$.held_on'), referral_id);
CREATE INDEX joint_meetings_monitoring ON joint_meetings(
    referral_id, id, json_extract(body, '$.kind'), json_extract(body, '$.held_on'));
DROP INDEX assessments_monitoring;
CREATE INDEX assessments_monitoring ON assessments(
    referral_id, id, json_extract(body, '$.completed'), json_extract(body, '$.completed_at'),
    json_extract(body, '$.gp_registered'), json_extract(body, '$.first_episode_psychosis'));
DROP INDEX sentences_monitoring;
CREATE INDEX sentences_monitoring ON sentences(
    referral_id, id, json_extract(body, '$.sentenced_on'), json_extract(body, '$.sentenced_at'),
    json_extract(body, '$.sentence'), json_extract(body, '$.requirements'),
    json_extract(body, '$.length_months'), json_extract(body, '$.without_cstr_sentence'),
    json_extract(body, '$.without_cstr_custody_weeks'), json_extract(body, '$.sentencer_comments'));
DROP INDEX breaches_monitoring;
CREATE INDEX breaches_monitoring ON breaches(
    referral_id, id, json_extract(body, '$.decided_on'), json_extract(body, '$.returned_to_court'),
    json_extract(body, '$.outcome'));
"""


# REPLACE resolves a conflict by deleting the old row, and a delete fires no UPDATE trigger, so
# `INSERT OR REPLACE` could overwrite a finalised record (issue 13, item 5). Each finalised
# record now refuses deletion under the same condition as its update; connection.py turns on
# recursive_triggers, without which SQLite fires no delete trigger for REPLACE's deletions
# (https://sqlite.org/lang_conflict.html). Nothing in the app deletes these records.
_V14_NO_REPLACE = "\n".join(
    f"CREATE TRIGGER {table}_final_delete BEFORE DELETE ON {table}{when}\n"
    "BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;"
    for table, when in (
        ("administrations", " WHEN OLD.status = 'finalised'"),
        ("assessments", " WHEN OLD.completed = 1"),
        ("court_reviews", " WHEN json_extract(OLD.body, '$.signed_off_at') IS NOT NULL"),
        *((table, "") for table in (
            "consents", "decisions", "reports_issued", "sentences", "breaches", "completions",
            "follow_ups", "psr_proposals", "treatment_starts", "drug_tests",
            "drug_test_schedules", "joint_meetings", "review_hearings",
            "safeguarding_referrals", "provider_acceptances", "contact_preferences",
            "missed_follow_ups", "treatment_plans_sent", "leaflets_given")),
    ))


def _v8_database_uuid(db: Database) -> None:
    """A random identity for this database, the namespace of every exported record's id
    (cstr_desk/workflow/fhir/identity.py): records of two sites never share an id."""
    db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('database_uuid', ?)",
               (str(uuid.uuid4()),))
# DRR and ATR through the order (issue 19): treatment starts, drug tests and the DRR's test
# schedule, three-way meetings and joint reviews, court review hearings and reports, the final
# sentence review. Each is final once written, except a court review, editable until probation
# signs it off, and the final review, which gathers each provider's sign-off.
_V9_ORDER_DUTIES = """
CREATE TABLE treatment_starts (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX treatment_starts_referral ON treatment_starts(referral_id);
CREATE TABLE drug_tests (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX drug_tests_referral ON drug_tests(referral_id);
CREATE TABLE drug_test_schedules (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX drug_test_schedules_referral ON drug_test_schedules(referral_id);
CREATE TABLE joint_meetings (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX joint_meetings_referral ON joint_meetings(referral_id);
CREATE TABLE review_hearings (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX review_hearings_referral ON review_hearings(referral_id);
CREATE TABLE court_reviews (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX court_reviews_referral ON court_reviews(referral_id);
CREATE TABLE final_reviews (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL UNIQUE REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE TRIGGER treatment_starts_final BEFORE UPDATE ON treatment_starts
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER drug_tests_final BEFORE UPDATE ON drug_tests
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER drug_test_schedules_final BEFORE UPDATE ON drug_test_schedules
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER joint_meetings_final BEFORE UPDATE ON joint_meetings
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER review_hearings_final BEFORE UPDATE ON review_hearings
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER court_reviews_final BEFORE UPDATE ON court_reviews
WHEN json_extract(OLD.body, '$.signed_off_at') IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE INDEX treatment_starts_monitoring ON treatment_starts(
    referral_id, id, json_extract(body, '$.requirement'), json_extract(body, '$.started_on'));
"""

# Risk after assessment and continuity (issue 20 items 6, 7): safeguarding referrals (Manual
# §4.6) and the practitioner allocated to a case (Manual §4.2, §4.7), indexed for the caseload.
_V10_SAFEGUARDING = """
ALTER TABLE referrals ADD COLUMN allocated_practitioner_id INTEGER;
CREATE INDEX referrals_allocated ON referrals(allocated_practitioner_id, hearing_date);
CREATE TABLE safeguarding_referrals (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX safeguarding_referrals_referral ON safeguarding_referrals(referral_id);
CREATE TRIGGER safeguarding_referrals_final BEFORE UPDATE ON safeguarding_referrals
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
"""


# The site settings carried a K10 band scheme that nothing read (scoring bands the K10 as its
# module says, and the setting's codes did not even match scoring's); issue 15 asked for it to be
# used or removed. Removed, and from stored settings too, which forbid unknown fields.
_V15_NO_K10_SCHEME_SETTING = "UPDATE site_settings SET body = json_remove(body, '$.k10_band_scheme');"

# Manual §2.4: GP registration before sentence or before treatment starts, and the number
# registered as a result of CSTR. Final once written, like every record since migration 14.
_V16_GP_CHECKS = """
CREATE TABLE gp_registration_checks (
    id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals(id),
    body TEXT NOT NULL);
CREATE INDEX gp_registration_checks_referral ON gp_registration_checks(referral_id);
CREATE TRIGGER gp_registration_checks_final BEFORE UPDATE ON gp_registration_checks
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER gp_registration_checks_final_delete BEFORE DELETE ON gp_registration_checks
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
"""


# The monthly return reads the GP registration checks as it reads the other records (migration
# 13): by the date that puts a referral in a month, and its fields from a covering index.
_V17_MONITORING_GP_CHECKS = """
CREATE INDEX gp_registration_checks_checked_on ON gp_registration_checks(
    json_extract(body, '$.checked_on'), referral_id);
CREATE INDEX gp_registration_checks_monitoring ON gp_registration_checks(
    referral_id, id, json_extract(body, '$.checked_on'), json_extract(body, '$.registered'));
"""


# The monthly return's per-referral summary (issue 12, speed): one row of plain columns per
# referral, what `workflow.monitoring_summary` derives from its MonitoringFacts, and the
# calendar months its dates fall in (so a month reads only its own referrals). A trigger on
# every table a case record is read from removes the referral's row in the same transaction
# as the change, so a row present always agrees with the records; the return summarises the
# referrals without one before counting (store.monitoring_summary). The tables are listed here,
# not taken from records.DOCUMENTS, because a released migration never changes: a table added
# later brings its own trigger (tests/core/test_monitoring_summary.py checks every one has).
_V18_SUMMARY_TABLE = """
CREATE TABLE monitoring_summary (
    referral_id INTEGER PRIMARY KEY REFERENCES referrals(id),
    referred_on TEXT, referral_source TEXT NOT NULL, mh_screened_on TEXT, sm_screened_on TEXT,
    assessed_on TEXT, gp_registered INTEGER, assessed_for TEXT NOT NULL,
    consented TEXT NOT NULL, consent_on TEXT, withdrawn_on TEXT, decision TEXT,
    decided_on TEXT, drr_accepted INTEGER, drr_answered_on TEXT, atr_accepted INTEGER,
    atr_answered_on TEXT, psr_on TEXT, sentenced_on TEXT, sentence TEXT,
    sentence_requirements TEXT NOT NULL, on_the_day INTEGER NOT NULL,
    sentencer_answered INTEGER NOT NULL, custody_without_cstr INTEGER NOT NULL,
    first_episode_psychosis INTEGER, first_attended_on TEXT, first_starts TEXT NOT NULL,
    first_session_on TEXT, first_session_attended INTEGER NOT NULL, second_missed_on TEXT,
    breach_to_court_on TEXT, breach_outcome TEXT, order_length_months INTEGER,
    treatment_ended_on TEXT, treatment_completed INTEGER, meeting_on TEXT,
    referral_to_meeting INTEGER, sentence_to_meeting INTEGER, first_adjourned_on TEXT,
    last_adjourned_on TEXT, adjournments TEXT NOT NULL, outcome_changes TEXT NOT NULL,
    assessed_age INTEGER, offence_type TEXT NOT NULL, equality TEXT NOT NULL,
    registered_through_cstr_on TEXT);
CREATE INDEX monitoring_summary_orders ON monitoring_summary(sentenced_on, treatment_ended_on);
CREATE INDEX monitoring_summary_assessed ON monitoring_summary(
    assessed_on, assessed_age, offence_type, equality);
CREATE TABLE monitoring_summary_months (
    month TEXT NOT NULL, referral_id INTEGER NOT NULL REFERENCES monitoring_summary(referral_id),
    PRIMARY KEY (month, referral_id)) WITHOUT ROWID;
CREATE INDEX monitoring_summary_months_referral ON monitoring_summary_months(referral_id);
CREATE TRIGGER monitoring_summary_months_delete AFTER DELETE ON monitoring_summary
BEGIN DELETE FROM monitoring_summary_months WHERE referral_id = OLD.referral_id; END;
"""
_V18_REFERRAL_TABLES = (
    "assessments", "consents", "decisions", "provider_acceptances", "reports_issued",
    "psr_proposals", "sentences", "adjournments", "treatment_sessions", "breaches", "completions",
    "follow_ups", "treatment_starts", "drug_tests", "drug_test_schedules", "joint_meetings",
    "review_hearings", "court_reviews", "final_reviews", "safeguarding_referrals",
    "contact_preferences", "missed_follow_ups", "treatment_plans_sent", "leaflets_given",
    "gp_registration_checks", "administrations")
_FORGET = "DELETE FROM monitoring_summary WHERE referral_id = {0}.referral_id;"
_FORGET_PERSON = ("DELETE FROM monitoring_summary WHERE referral_id IN "
                  "(SELECT id FROM referrals WHERE person_id = {0});")


def _v18_triggers() -> str:
    """After each insert, update or delete of any record of a referral, its summary row goes;
    an answer is its administration's, an amendment its person's, and a person's change
    reaches all their referrals."""
    triggers = []
    events = (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",)))
    for table in _V18_REFERRAL_TABLES:
        for event, rows in events:
            body = " ".join(_FORGET.format(r) for r in rows)
            triggers.append(f"CREATE TRIGGER {table}_summary_{event.lower()} AFTER {event} "
                            f"ON {table} BEGIN {body} END;")
    by_administration = ("DELETE FROM monitoring_summary WHERE referral_id = (SELECT referral_id "
                         "FROM administrations WHERE id = {0}.administration_id);")
    for event, rows in events:
        body = " ".join(by_administration.format(r) for r in rows)
        triggers.append(f"CREATE TRIGGER answers_summary_{event.lower()} AFTER {event} ON answers "
                        f"BEGIN {body} END;")
        body = " ".join(f"DELETE FROM monitoring_summary WHERE referral_id = {r}.id;" for r in rows)
        triggers.append(f"CREATE TRIGGER referrals_summary_{event.lower()} AFTER {event} "
                        f"ON referrals BEGIN {body} END;")
    triggers.append("CREATE TRIGGER people_summary_update AFTER UPDATE ON people "
                    f"BEGIN {_FORGET_PERSON.format('OLD.id')} END;")
    # An amendment naming no person cannot be traced cheaply: then every summary goes.
    triggers.append("CREATE TRIGGER amendments_summary_insert AFTER INSERT ON amendments "
                    f"BEGIN {_FORGET_PERSON.format('NEW.person_id')} "
                    "DELETE FROM monitoring_summary WHERE NEW.person_id IS NULL; END;")
    return "\n".join(triggers)


# Issue 16 item 6: a closed case the site hub has confirmed leaves the desk. `cleared_cases`
# keeps, for each, only what the case list and the monthly return's Notes need: the months it
# was referred and closed in and when it was cleared; nothing that names or describes the
# person. Its row is written first in the clearing's transaction, and the guards that refuse
# deleting a finalised record (migrations 2, 14, 16) let a row go only when its case is in
# `cleared_cases` already: every other path still cannot delete anything.
_CLEARED_CASE = "(SELECT referral_id FROM cleared_cases)"
_FINALISED = "BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;"
_V19_CLEARED_CASES = "\n".join((
    """CREATE TABLE cleared_cases (
    referral_id INTEGER PRIMARY KEY, referred_month TEXT NOT NULL, closed_month TEXT NOT NULL,
    cleared_at TEXT NOT NULL, cleared_by INTEGER);
CREATE TRIGGER cleared_cases_no_update BEFORE UPDATE ON cleared_cases
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
CREATE TRIGGER cleared_cases_no_delete BEFORE DELETE ON cleared_cases
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
DROP TRIGGER answers_final_delete;
CREATE TRIGGER answers_final_delete BEFORE DELETE ON answers
WHEN (SELECT status FROM administrations WHERE id = OLD.administration_id) = 'finalised'
AND (SELECT referral_id FROM administrations WHERE id = OLD.administration_id)
    NOT IN """ + _CLEARED_CASE + """
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;
DROP TRIGGER amendments_no_delete;
CREATE TRIGGER amendments_no_delete BEFORE DELETE ON amendments
WHEN NOT EXISTS (SELECT 1 FROM referrals r JOIN cleared_cases c ON c.referral_id = r.id
                 WHERE r.person_id = OLD.person_id)
BEGIN SELECT RAISE(ABORT, 'the record is finalised'); END;""",
    *(f"DROP TRIGGER {table}_final_delete;\n"
      f"CREATE TRIGGER {table}_final_delete BEFORE DELETE ON {table}\n"
      f"WHEN {when}OLD.referral_id NOT IN {_CLEARED_CASE}\n{_FINALISED}"
      for table, when in (
          ("administrations", "OLD.status = 'finalised' AND "),
          ("assessments", "OLD.completed = 1 AND "),
          ("court_reviews", "json_extract(OLD.body, '$.signed_off_at') IS NOT NULL AND "),
          *((table, "") for table in (
              "consents", "decisions", "reports_issued", "sentences", "breaches",
              "completions", "follow_ups", "psr_proposals", "treatment_starts", "drug_tests",
              "drug_test_schedules", "joint_meetings", "review_hearings",
              "safeguarding_referrals", "provider_acceptances", "contact_preferences",
              "missed_follow_ups", "treatment_plans_sent", "leaflets_given",
              "gp_registration_checks")))),
))


# Issue 16 item 3: a case pulled from the site hub keeps its global identity. Its rows get this
# desk's own numbers (the tables' keys), and this map names each by the uuid it has on the hub,
# in the FHIR export and on the desk it was registered on, with the desk it came from and the
# hub version pulled. A record born here has no row: its uuid is worked out from its number
# (record_identity.py).
_V21_PULLED_RECORDS = """
CREATE TABLE hub_records (
    record_uuid TEXT PRIMARY KEY, kind TEXT NOT NULL, record_id INTEGER NOT NULL,
    from_desk TEXT NOT NULL, version INTEGER NOT NULL CHECK (version >= 1),
    pulled_at TEXT NOT NULL, UNIQUE (kind, record_id));
"""


def _run(script: str) -> Callable[[Database], None]:
    def apply(db: Database) -> None:
        for statement in _statements(script):
            db.execute(statement)

    return apply


def _v3_search(db: Database) -> None:
    _run(_V3_SEARCH)(db)
    rows = db.rows("SELECT id, given_name, family_name, pnc_number FROM people")
    db.executemany(
        "UPDATE people SET given_key = ?, family_key = ?, pnc_key = ? WHERE id = ?",
        [(name_key(g), name_key(f), normalise_pnc_number(p) if p else None, i)
         for i, g, f, p in rows],
    )


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Database], None]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "base schema for the whole pathway", _run(_V1_BASE)),
    Migration(2, "amendments table and finalised-record guards", _run(_V2_AMENDMENTS)),
    Migration(3, "search keys and indexes for people and cases", _v3_search),
    Migration(4, "breaches, treatment completion, follow-ups, referral closure",
              _run(_V4_AFTER_SENTENCE)),
    Migration(5, "indexes on event dates for the monthly monitoring return", _run(_V5_MONITORING)),
    Migration(6, "proposed order length and the PSR's proposal", _run(_V6_COURT_FACTS)),
    Migration(7, "religion, sexual orientation and change of accommodation", _run(_V7_EQUALITY)),
    Migration(8, "a random identity for the database, for exported record ids", _v8_database_uuid),
    Migration(9, "DRR and ATR through the order: starts, drug tests, meetings, court reviews, "
              "final sentence review", _run(_V9_ORDER_DUTIES)),
    Migration(10, "safeguarding referrals and the allocated practitioner", _run(_V10_SAFEGUARDING)),
    Migration(11, "the treatment provider's acceptance of a DRR or ATR", _run(_V11_PROVIDER_ACCEPTANCE)),
    Migration(12, "contact preferences, missed-appointment follow-ups, the treatment plan sent "
              "to the offender manager, the leaflet given at sentence", _run(_V12_CONTACT)),
    Migration(13, "indexes for the monthly return's figures after sentence",
              _run(_V13_MONITORING_AFTER_SENTENCE)),
    Migration(14, "finalised records refuse deletion, so INSERT OR REPLACE cannot overwrite "
              "them", _run(_V14_NO_REPLACE)),
    Migration(15, "the unused K10 band scheme setting removed from the site settings",
              _run(_V15_NO_K10_SCHEME_SETTING)),
    Migration(16, "GP registration checked before treatment", _run(_V16_GP_CHECKS)),
    Migration(17, "indexes for the monthly return's GP registration figure",
              _run(_V17_MONITORING_GP_CHECKS)),
    Migration(18, "the monthly return's per-referral summary, forgotten on every change",
              _run(_V18_SUMMARY_TABLE + _v18_triggers())),
    Migration(19, "cleared cases: a closed case the site hub confirmed may leave the desk",
              _run(_V19_CLEARED_CASES)),
    Migration(20, "the Clinical Lead's decision reasons stored as codes, not their words",
              decision_reasons_as_codes),
    Migration(21, "cases pulled from the site hub keep the identity they have there",
              _run(_V21_PULLED_RECORDS)),
)
LATEST_VERSION = MIGRATIONS[-1].version


def schema_version(db: Database) -> int:
    return int(db.value("PRAGMA user_version"))


def migrate(db: Database, target: int = LATEST_VERSION) -> int:
    """Brings the database up to `target`, one transaction per migration; returns the version."""
    current = schema_version(db)
    if current > LATEST_VERSION:
        raise StoreError("This database was made by a newer version of CSTR Desk. Please use "
                         "that version, or ask for this copy to be updated.")
    for migration in MIGRATIONS:
        if current < migration.version <= target:
            with db.transaction():
                migration.apply(db)
                db.execute(f"PRAGMA user_version = {int(migration.version)}")
            current = migration.version
    return current
