"""About CSTR Desk: the version and, for every questionnaire, its copyright line and terms of
use, read from the form files (publishers ask for these to be shown with the instrument)."""

from __future__ import annotations

from importlib.metadata import version

from PySide6.QtWidgets import QDialog, QScrollArea, QVBoxLayout, QWidget

import forms
from cstr_desk.ui.widgets import button, heading, label


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About CSTR Desk"))
        self.setAccessibleName(self.tr("About CSTR Desk"))
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addWidget(heading(self.tr("CSTR Desk {0}").format(version('cstr-desk'))))
        inner.addWidget(label(self.tr("Screening, assessment and consent for Community Sentence Treatment "
                              "Requirements.")))
        for form in forms.all_forms():
            inner.addWidget(heading(form.title))
            inner.addWidget(label(form.copyright))
            inner.addWidget(label(self.tr("Terms: {terms}").format(terms=form.terms), "muted"))
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setAccessibleName(self.tr("About CSTR Desk and the questionnaires' terms"))
        close = button(self.tr("Close"), self.tr("Close the About box"), self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(close)
        self.resize(760, 600)
