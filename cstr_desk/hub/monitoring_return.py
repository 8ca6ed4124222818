"""The site-wide monthly return's counting on the hub (issue 16 item 5): the desk's grouped
query (store.monitoring_summary) over the newest summary of each referral that a site's desks
(or every site's) have sent, so the hub adds up referrals and the workflow suppresses after
the adding up, as a desk's return does over its own.

A referral is in the month as on the desk: one of its summary's dates (or one of its
adjournments) falls in it, or its order was given before the month's end and had not ended
before it began (active at the month's end, perhaps).
"""

from __future__ import annotations

from datetime import date

import psycopg

from cstr_desk.domain import MonitoringSummary
from cstr_desk.store.monitoring_summary import GROUP_BY, MonthGroups, month_columns

_DATED = [f for f in MonitoringSummary._fields if f.endswith("_on")]
_IN_MONTH = " OR ".join(f"({f} >= %(first)s AND {f} < %(next)s)" for f in _DATED)
_ADJOURNED_IN_MONTH = (
    "(first_adjourned_on < %(next)s AND last_adjourned_on >= %(first)s AND EXISTS ("
    "SELECT FROM json_array_elements(adjournments::json) AS a "
    "WHERE a->>0 >= %(first)s AND a->>0 < %(next)s))")
_MAY_BE_ACTIVE = ("(sentenced_on < %(next)s AND (treatment_ended_on IS NULL "
                  "OR treatment_ended_on >= %(first)s))")
# Over each referral's newest summary (hub migration 3 keeps them), one site's or all.
_MONTH_WHERE = (f"({{site}}) AND ({_IN_MONTH} OR {_ADJOURNED_IN_MONTH} OR {_MAY_BE_ACTIVE})")
_GROUPS_SQL = (f"SELECT {', '.join(month_columns('%(first)s', '%(next)s', booleans=True))}, "
               f"count(*) FROM hub.monitoring_newest WHERE {_MONTH_WHERE} GROUP BY {GROUP_BY}")
_PROFILES_SQL = ("SELECT assessed_age, offence_type, equality, count(*) "
                 "FROM hub.monitoring_newest WHERE ({site}) AND assessed_on >= %(first)s AND assessed_on < %(next)s "
                 "GROUP BY 1, 2, 3")


def hub_month(connection: psycopg.Connection, first: date, following: date,
              site: str | None) -> MonthGroups:
    """The month [first, following)'s summary groups over `site`'s referrals (None: every
    site's) with their referral counts, and the assessed people's, read at one moment."""
    bounds = {"first": first.isoformat(), "next": following.isoformat(), "site": site}
    where = {"site": "true" if site is None else "site = %(site)s"}
    with connection.transaction():
        connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        # Compiling the query's 50 expressions took longer than running it (1.4 s of 8 s at
        # 500,000 referrals), and the groups want a hash table rather than a sort on disk.
        connection.execute("SET LOCAL jit = off")
        connection.execute("SET LOCAL work_mem = '64MB'")
        groups = [(MonitoringSummary(*row[:-1]), row[-1]) for row in connection.execute(
            _GROUPS_SQL.format(**where), bounds).fetchall()]
        profiles = [(age, offence_type, equality, number) for age, offence_type, equality, number
                    in connection.execute(_PROFILES_SQL.format(**where), bounds).fetchall()]
    return groups, profiles


def sites(connection: psycopg.Connection) -> list[str]:
    """The sites the hub knows, for a plain refusal of one it does not."""
    return [site for (site,) in connection.execute("SELECT site FROM hub.sites ORDER BY site")]
