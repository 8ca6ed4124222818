"""The monitoring page while the return first summarises the referrals (after an upgrade every
referral, seconds on a large database): its progress is shown, then hidden with the preview."""

from __future__ import annotations

import pytest
from conftest import ADMIN_PASSWORD
from PySide6.QtCore import Qt

from cstr_desk.store import open_with_password
from cstr_desk.store import monitoring_summary
from cstr_desk.store.demo import create_demo_data
from cstr_desk.ui.monitoring import MonitoringPage

CASES = 60


@pytest.fixture
def unsummarised(desk, monkeypatch: pytest.MonkeyPatch):
    """Demo cases with no summary rows yet, summarised in batches of 20 (as 50,000 are in
    batches of 5,000)."""
    with open_with_password(desk.path, "admin", ADMIN_PASSWORD) as admin:
        create_demo_data(admin, CASES, seed=5)
    monkeypatch.setattr(monitoring_summary, "_BATCH", 20)
    return desk


def test_the_first_preview_shows_the_summarising_progress_then_the_return(
        qtbot, unsummarised) -> None:
    with unsummarised.open_as_practitioner() as pat:
        page = MonitoringPage(pat)
        qtbot.addWidget(page)
        seen: list[tuple[int, int, bool, int]] = []
        # Connected after the page's own slot, so each step sees what the page made of it.
        page._relay.moved.connect(lambda done, total: seen.append(
            (done, total, not page.progress.isHidden(), page.progress.value())))
        with qtbot.waitSignal(page.worker.finished, timeout=20_000):
            qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
        assert seen == [(0, CASES, True, 0), (20, CASES, True, 33), (40, CASES, True, 66),
                        (60, CASES, True, 100)]
        assert page.progress.isHidden() and page.progress_text.isHidden()
        assert page.table.rowCount() > 0

        seen.clear()  # every referral has its summary now: nothing to show
        with qtbot.waitSignal(page.worker.finished, timeout=20_000):
            qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
        assert seen == [] and page.progress.isHidden()
