"""On the Reports tab: send the case to the clinical record as a FHIR R4 bundle (issue 17).

The export itself is `workflow.fhir.export_case` (role checked by the store, every resource
checked, the file owner-only, audited); this panel only asks where to save it and shows progress,
because rendering the consent copy and checking each resource can take a few seconds on a court
laptop. The work runs on a pool thread and reports back by signal (STYLE.md rule 5).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QVBoxLayout, QWidget

from cstr_desk.domain import CaseRecord
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.widgets import button, label, set_error
from cstr_desk.ui.worker import Worker
from cstr_desk.ukdates import file_name_date
from cstr_desk.ui.save_dialog import ask_save_path, output_problem
from cstr_desk.workflow.fhir import InvalidResource, export_case


class FhirExportPanel(QWidget):
    exported = Signal(str)  # a notice for the case view: what was written where

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case: CaseRecord | None = None
        self.export_button = button(self.tr("Export for the &clinical record (FHIR)…"),
                                    self.tr("Export the case for the NHS clinical record as a FHIR file"),
                                    self.choose_file)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the export reports no steps of its own
        self.progress.setAccessibleName(self.tr("Exporting the case for the clinical record"))
        self.progress.setVisible(False)
        self.status = label(self.tr("The case can be sent to the NHS clinical record as a FHIR file."),
                            role="muted", accessible_name=self.tr("Clinical record export"))
        self.error = label(role="error")
        self.error.setVisible(False)
        self.worker = Worker(self)
        self.worker.finished.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.export_button.setToolTip(
            self.tr("A FHIR R4 file for the trust's or GP's record system: the person, questionnaires, "
            "scores, consent and issued reports. It holds personal data; only you can read it, "
            "and the export is recorded in the audit trail."))
        self.export_button.setAccessibleDescription(self.export_button.toolTip())
        self.progress.setMaximumWidth(160)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status, 1)
        row.addWidget(self.progress)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def show_case(self, case: CaseRecord) -> None:
        self.case = case
        self.export_button.setEnabled(not self.worker.busy)

    def suggested_path(self) -> Path:
        # The case number, not the name: file names show in folder listings (as for reports).
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        day = file_name_date(datetime.now(UTC))
        number = self.case.referral.id if self.case else 0
        return Path(folder) / f"case-{number}-fhir-{day}.json"

    def choose_file(self) -> None:
        answer = ask_save_path(self, self.tr("Export for the clinical record"), str(self.suggested_path()),
                               self.tr("FHIR JSON files (*.json)"), (".json",))
        if answer is not None:
            self.export_to(answer[0], replace=answer[1])

    def export_to(self, path: Path, *, replace: bool = False) -> None:
        if self.case is None or self.worker.busy:
            return
        set_error(self.error, "")
        self.status.setText(self.tr("Exporting to {name}…").format(name=path.name))
        self.progress.setVisible(True)
        self.export_button.setEnabled(False)
        referral_id = self.case.referral.id
        self.worker.start(lambda: (path, export_case(self.session, referral_id, path,
                                                     force=replace)))

    def _finish(self) -> None:
        self.progress.setVisible(False)
        self.export_button.setEnabled(True)

    def _done(self, result: tuple[Path, int]) -> None:
        self._finish()
        path, count = result
        message = f"Exported for the clinical record: {count} FHIR resources in {path.name}."
        self.status.setText(message)
        self.exported.emit(message)

    def _failed(self, error: object) -> None:
        self._finish()
        self.status.setText("")
        if isinstance(error, StoreError):
            text = output_problem(error)
        elif isinstance(error, InvalidResource):
            text = f"{error} Nothing was written."
        elif isinstance(error, OSError):
            text = f"The file could not be written: {error.strerror or error}. Nothing was written."
        else:
            text = f"The export did not finish: {error}. Nothing was written."
        set_error(self.error, text)
