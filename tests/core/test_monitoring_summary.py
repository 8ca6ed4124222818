"""The per-referral summary the monthly return counts from (store.monitoring_summary):
every row present equals `summary_of(facts_from_case(the case record))` after every kind of
change (each dated record, an amended record, answer, referral and equality answer), because
each change removes its referral's row in the same transaction; and a month's grouped query
over the rows counts as the per-referral views do, on hypothesis case mixes and the demo data."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlcipher3.dbapi2 as sqlcipher
from hypothesis import HealthCheck, given, settings
from monitoring_recount import differences, recount
from test_monitoring_attack import facts
from test_monitoring_cases import MARCH
from test_monitoring_recount import case_mix
from test_monitoring_store import CASES, desk, desk_path, has, past_records, write  # noqa: F401

from cstr_desk.domain import GpRegistrationCheck, MonitoringSummary
from cstr_desk.store import open_with_password, records
from cstr_desk.store.migrations import _V18_SUMMARY_TABLE
from cstr_desk.store.monitoring_summary import _MONTH_SQL, _PROFILES_SQL, months_of
from cstr_desk.workflow.monitoring import (
    facts_from_case, monthly_return, monthly_return_from_groups, monthly_return_from_store,
)
from cstr_desk.workflow.monitoring_export import month_range
from cstr_desk.workflow.monitoring_summary import summary_of


def stored(session) -> dict[int, MonitoringSummary]:
    return {row[0]: MonitoringSummary(*row)
            for row in session._db.rows("SELECT * FROM monitoring_summary")}


def assert_agrees_with_records(session) -> None:
    """The rows present match the records now, and once the missing are summarised every
    referral has its row."""
    present = stored(session)
    assert present == {i: summary_of(facts_from_case(session.load_case(i))) for i in present}
    months = set(session._db.rows("SELECT month, referral_id FROM monitoring_summary_months"))
    assert months == {(m, i) for i, row in present.items() for m in months_of(row)}
    session.summarise_for_monitoring(summary_of)
    every = stored(session)
    assert len(every) == CASES
    assert every == {i: summary_of(facts_from_case(session.load_case(i))) for i in every}


def test_the_table_holds_the_summary_fields_in_order(desk):
    columns = [name for _cid, name, *_ in desk._db.rows("PRAGMA table_info(monitoring_summary)")]
    assert columns == list(MonitoringSummary._fields)


def test_every_table_of_a_referrals_records_forgets_its_summary(desk):
    triggers = {name for (name,) in desk._db.rows(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%monitoring_summary%'")}
    tables = [table for table, _model in records.DOCUMENTS.values()]
    for table in [*tables, "administrations", "answers", "referrals"]:
        assert {f"{table}_summary_{e}" for e in ("insert", "update", "delete")} <= triggers, table
    assert {"people_summary_update", "amendments_summary_insert"} <= triggers


def test_the_summary_agrees_with_the_records_after_every_kind_of_change(desk_path):
    desk = open_with_password(desk_path, "pat", "pat pw 12345")
    assert_agrees_with_records(desk)
    cases = [desk.load_case(i) for i in range(1, CASES + 1)]
    changed: set[int] = set()
    for n, kind in enumerate(("assessment", "consent", "decision", "psr_proposal", "sentence",
                              "session", "breach", "adjournment", "provider_acceptance",
                              "completion", "meeting")):
        when = datetime.now(UTC) - timedelta(days=3 + 20 * n)
        case = next(c for c in cases if not has(c, kind) and c.referral.id not in changed)
        if kind in ("sentence", "psr_proposal"):  # the Court Duty Officer's to record
            desk.close()
            with open_with_password(desk_path, "cora", "cora pw 12345") as cora:
                write(cora, kind, past_records(case, cora.user.id, when)[kind])
            desk = open_with_password(desk_path, "pat", "pat pw 12345")
        else:
            write(desk, kind, past_records(case, desk.user.id, when)[kind])
        changed.add(case.referral.id)
        assert case.referral.id not in stored(desk), kind
        assert_agrees_with_records(desk)

    treated = next(c for c in cases if c.sessions)
    first = min(treated.sessions, key=lambda s: s.number)
    desk.amend("session", first.id, "scheduled_at",
               (first.scheduled_at - timedelta(days=40)).isoformat(), "Booked in error")
    assert treated.referral.id not in stored(desk)
    assert_agrees_with_records(desk)

    person = cases[0].person
    desk.amend_equality(person.id, "gender", "female", "Told us")
    assert cases[0].referral.id not in stored(desk)
    assert_agrees_with_records(desk)

    desk.amend_referral(cases[1].referral.id, "proposed_length_months", "12", "From the PSR")
    assert cases[1].referral.id not in stored(desk)
    assert_agrees_with_records(desk)

    # Registered with a GP as a result of CSTR: not registered when assessed, then a check
    # recorded and its date corrected; each step forgets the row and the new day is summarised.
    assessed = next(c for c in cases if c.assessment is not None and c.assessment.id is not None
                    and c.referral.id not in changed)
    desk.amend("assessment", assessed.assessment.id, "gp_registered", "false", "Misread")
    assert assessed.referral.id not in stored(desk)
    assert_agrees_with_records(desk)
    check = desk.record_gp_check(GpRegistrationCheck(
        referral_id=assessed.referral.id, checked_on=date.today() - timedelta(days=2),
        registered=True, practice="Riverside Surgery", recorded_by=desk.user.id,
        recorded_at=datetime.now(UTC)))
    assert assessed.referral.id not in stored(desk)
    assert_agrees_with_records(desk)
    corrected = date.today() - timedelta(days=70)
    desk.amend("gp_check", check.id, "checked_on", corrected.isoformat(), "Wrong year")
    assert assessed.referral.id not in stored(desk)
    assert_agrees_with_records(desk)
    assert stored(desk)[assessed.referral.id].registered_through_cstr_on == corrected.isoformat()

    scored = next(c for c in cases if any(a.status == "finalised" for a in c.administrations))
    administration = next(a for a in scored.administrations if a.status == "finalised")
    question = next(iter(administration.answers))
    desk.amend_answer(administration.id, question, 0, "Misheard")
    assert scored.referral.id not in stored(desk)
    assert_agrees_with_records(desk)
    desk.close()


def grouped_return(cases, month, today):
    """The return from the store's own grouped SQL over these cases' summary rows."""
    db = sqlcipher.connect(":memory:")
    db.executescript(_V18_SUMMARY_TABLE)
    rows = [summary_of(c) for c in cases]
    db.executemany(f"INSERT INTO monitoring_summary VALUES ({', '.join('?' * len(MonitoringSummary._fields))})",
                   rows)
    db.executemany("INSERT INTO monitoring_summary_months VALUES (?, ?)",
                   [(m, row.referral_id) for row in rows for m in months_of(row)])
    first, following = month_range(month)
    bounds = {"first": first.isoformat(), "next": following.isoformat(), "month": f"{first:%Y-%m}"}
    groups = [(MonitoringSummary(*row[:-1]), row[-1]) for row in db.execute(_MONTH_SQL, bounds)]
    return monthly_return_from_groups(groups, db.execute(_PROFILES_SQL, bounds).fetchall(),
                                      month, today)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases=case_mix())
def test_the_grouped_query_counts_as_each_referral_is_counted(cases):
    today = date(2026, 4, 2)
    assert grouped_return(cases, MARCH, today) == monthly_return(cases, MARCH, today)
    assert differences(grouped_return(cases, MARCH, today), recount(cases, MARCH, today)) == []


def test_an_order_of_an_earlier_month_still_active_is_counted_with_no_date_in_the_month():
    # Sentenced in January to a year's MHTR, nothing dated in March: active at March's end.
    cases = [facts(1, sentenced_on=date(2026, 1, 20), sentence="community_order",
                   sentence_requirements=("mhtr",), order_length_months=12),
             facts(2, adjournments=((date(2026, 1, 5), "court_led"), (date(2026, 3, 9), "other"),
                                    (date(2026, 5, 1), "court_led")))]
    counted = grouped_return(cases, MARCH, date(2026, 4, 2))
    assert counted == monthly_return(cases, MARCH, date(2026, 4, 2))
    assert counted != monthly_return([], MARCH, date(2026, 4, 2))
    assert differences(counted, recount(cases, MARCH, date(2026, 4, 2))) == []


def test_the_demo_months_from_the_summary_count_as_the_recount_does(desk):
    today = datetime.now(UTC).date()
    for back in range(4):
        first, following = month_range(date(today.year - (today.month <= back),
                                            (today.month - back - 1) % 12 + 1, 1))
        rows = desk.monitoring_rows(first, following)
        assert differences(monthly_return_from_store(desk, first, today),
                           recount(rows, first, today)) == [], first
