"""The store's `monitoring_rows` query agrees, field by field, with the reference definition
`facts_from_case(load_case(id))`, on the store's own demo cases (every pathway stage)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cstr_desk.domain import Role, SiteSettings, User
from cstr_desk.store import KdfParams, Session, create_database, open_with_password, set_kdf_params_for_tests
from cstr_desk.store.demo import create_demo_data
from cstr_desk.workflow.monitoring import facts_from_case, monthly_return
from cstr_desk.workflow.monitoring_export import month_range

pytestmark = pytest.mark.skipif(not hasattr(Session, "monitoring_rows"),
                                reason="store request open: monitoring_rows (/work/briefs/store_requests.md)")


def test_monitoring_rows_match_full_case_records(tmp_path):
    set_kdf_params_for_tests(KdfParams(time_cost=1, memory_kib=1024, parallelism=1))
    try:
        path = tmp_path / "desk.db"
        admin, _key = create_database(path, User(username="admin", full_name="Ada Admin",
                                                 role=Role.ADMINISTRATOR), "admin password 1",
                                      SiteSettings(site_name="Testbed", courts=["Court 1"]))
        create_demo_data(admin, 60, seed=3)
        admin.add_user(User(username="pat", full_name="Pat Practitioner", role=Role.PRACTITIONER), "pat pw 12345")
        admin.close()
        with open_with_password(path, "pat", "pat pw 12345") as pat:
            first, following = month_range(datetime.now(UTC).date())
            rows = sorted(pat.monitoring_rows(first, following), key=lambda r: r.referral_id)
            expected = [facts_from_case(pat.load_case(r.referral_id)) for r in rows]
            assert rows and rows == expected
            assert monthly_return(rows, first) == monthly_return(expected, first)
    finally:
        set_kdf_params_for_tests(None)
