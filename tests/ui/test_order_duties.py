"""DRR and ATR through the order, on screen: the home panel's treatment-start deadlines."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from cstr_desk.domain import (
    ConsentRecord, Plea, Requirement, Role, SentenceKind, SentenceOutcome, SentenceRequirement,
    TreatmentStart, User,
)
from cstr_desk.store import open_with_password
from cstr_desk.ui.start_deadlines import OVERDUE, StartDeadlinesPanel
from cstr_desk.workflow import operations
from cstr_desk.workflow import order_operations as ops
from tests.ui.conftest import ADMIN_PASSWORD, add_case

CDO_PASSWORD = "court duty pw 1"


@pytest.fixture
def drr_case(desk):  # noqa: ANN001, ANN201
    """A DRR sentenced ten days ago (so its 2-working-day start is overdue) and an ATR today."""
    with open_with_password(desk.path, "admin", ADMIN_PASSWORD) as admin:
        admin.add_user(User(username="cal", full_name="Cal Officer", role=Role.COURT_DUTY_OFFICER),
                       CDO_PASSWORD)
    ids = {}
    for name, requirement, days_ago in (("Dee", Requirement.DRR, 10), ("Ash", Requirement.ATR, 0)):
        referral_id = add_case(desk, given=name, family="Example")
        with desk.open_as_practitioner() as pat:
            case = pat.load_case(referral_id)
            pat.update_referral(case.referral.model_copy(update={"plea": Plea.GUILTY}))
            pat.record_consent(ConsentRecord(
                referral_id=referral_id, consent_version="2026.1",
                requirements_assessed_for=[requirement], requirements_consented=[requirement],
                explained_by=pat.user.id, easy_read_used=False, acknowledgements={},
                consented_at=datetime.now(UTC) - timedelta(days=days_ago + 1)))
        with open_with_password(desk.path, "cal", CDO_PASSWORD) as cal:
            day = date.today() - timedelta(days=days_ago)
            operations.record_sentence(cal, SentenceOutcome(
                referral_id=referral_id, sentenced_on=day, sentence=SentenceKind.COMMUNITY_ORDER,
                length_months=12, requirements=[SentenceRequirement(requirement.value)],
                recorded_by=cal.user.id, recorded_at=datetime.now(UTC)))
        ids[requirement] = referral_id
    return desk, ids


def test_home_panel_lists_unstarted_treatment_overdue_first_and_opens_the_case(qtbot, drr_case):  # noqa: ANN001
    desk, ids = drr_case
    with desk.open_as_practitioner() as pat:
        panel = StartDeadlinesPanel(pat)
        qtbot.addWidget(panel)
        assert panel.list.count() == 2
        first, second = panel.list.item(0), panel.list.item(1)
        assert first.text().startswith("Dee Example: DRR start overdue since")
        assert first.foreground().color() == OVERDUE
        assert second.text().startswith("Ash Example: ATR to start by")
        panel.list.setCurrentRow(0)
        with qtbot.waitSignal(panel.open_case) as opened:
            panel.open_button.click()
        assert opened.args == [ids[Requirement.DRR]]
        ops.record_treatment_start(pat, TreatmentStart(
            referral_id=ids[Requirement.DRR], requirement=SentenceRequirement.DRR,
            started_on=date.today(), recorded_by=pat.user.id, recorded_at=datetime.now(UTC)))
        panel.refresh()
        assert [panel.list.item(i).text()[:11] for i in range(panel.list.count())] == ["Ash Example"]
