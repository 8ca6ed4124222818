"""The Reports tab's clinical-record export: a save dialog, progress while it runs, an
owner-only file, the export in the audit trail, and a refusal in plain words."""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from cstr_desk.domain import AuditAction, Role
from test_reports_tab import audit_trail, database, open_tab  # noqa: F401 - the fixture


def test_export_asks_where_shows_progress_and_audits(qtbot, database, tmp_path,
                                                     monkeypatch) -> None:
    path, person_id, referral_id = database
    tab = open_tab(qtbot, path, referral_id)
    panel = tab.fhir
    assert panel.export_button.isVisible() and panel.export_button.isEnabled()
    assert panel.export_button.minimumHeight() >= 44 or panel.export_button.sizeHint().height() >= 44
    offered = []

    def pick_file(parent, caption, suggested, filters):
        offered.append(Path(suggested).name)
        return str(tmp_path / "for-the-trust"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", pick_file)
    notices: list[str] = []
    panel.exported.connect(notices.append)
    panel.export_button.click()
    assert panel.progress.isVisible() and not panel.export_button.isEnabled()
    qtbot.waitUntil(lambda: not panel.worker.busy, timeout=60_000)
    assert panel.error.text() == ""
    assert offered[0].startswith(f"case-{referral_id}-fhir-") and offered[0].endswith(".json")
    out = tmp_path / "for-the-trust.json"
    assert "FHIR resources in for-the-trust.json" in notices[0]
    assert json.loads(out.read_text("utf-8"))["type"] == "transaction"
    assert os.stat(out).st_mode & 0o777 == 0o600
    assert not panel.progress.isVisible() and panel.export_button.isEnabled()
    tab.session.close()
    assert AuditAction.EXPORT in audit_trail(path, person_id)


def test_an_existing_file_not_confirmed_is_kept(qtbot, database, tmp_path) -> None:
    path, _, referral_id = database
    tab = open_tab(qtbot, path, referral_id, Role.CLINICAL_LEAD)
    taken = tmp_path / "taken.json"
    taken.write_text("keep me")
    with qtbot.waitSignal(tab.fhir.worker.failed, timeout=60_000):
        tab.fhir.export_to(taken)
    assert tab.fhir.error.text() == ("taken.json already exists and was kept. Choose another "
                                     "name, or choose it again and confirm to replace it.")
    assert tab.fhir.error.isVisible()
    assert taken.read_text() == "keep me"
    tab.session.close()
