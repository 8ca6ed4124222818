"""The case view's Reports tab: choose a report, see its pages inside the app, save it as PDF or
print it.

The report is built in memory by `workflow.report_issuing` and shown from memory (QBuffer), so no
personal data reaches a temporary file. Which reports this user may make now, and why not, comes
from the pathway; every preview, save and print is audited through `record_report_use`, and a
save or print also records the report as issued. Building a report takes tens of milliseconds,
so it stays on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRect, QSize, QSizeF, QStandardPaths, Qt
from PySide6.QtGui import QPageSize, QPainter, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QHBoxLayout, QLabel, QRadioButton, QScrollArea,
    QVBoxLayout, QWidget,
)

from cstr_desk.pathway_words import reasons_words
from cstr_desk.domain import CaseRecord, ReportKind
from cstr_desk.store import Session, StoreError
from cstr_desk.ui.case_tab import CaseTab
from cstr_desk.ui.fhir_export import FhirExportPanel
from cstr_desk.ui.plain_words import show_plainly
from cstr_desk.ui.save_dialog import ask_save_path, output_problem
from cstr_desk.ui.widgets import button, heading, label, scrolling, set_error
from cstr_desk.ui.worker import Worker
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.report_issuing import (
    REPORT_CHOICES, RenderedReport, ReportChoice, ReportFileError, ReportMaking, draw_report,
    prepare_report, record_report_use, report_checks, save_report,
)

# Pages are printed as images of this resolution: sharp on paper, and an A4 page stays about
# 35 MB in memory while it is drawn (the printer's own 1200 dpi would need half a gigabyte).
PRINT_DPI = 300
_GROUPS: tuple[tuple[str, tuple[tuple[ReportChoice, str], ...]], ...] = (
    ("Responsible Clinician's report", ((ReportChoice(ReportKind.PSR), "Draft"),
                                        (ReportChoice(ReportKind.PSR, final=True), "Final"))),
    ("Consent copy", ((ReportChoice(ReportKind.CONSENT), "Standard"),
                      (ReportChoice(ReportKind.CONSENT, easy_read=True), "Easy read"))),
    ("After sentence", ((ReportChoice(ReportKind.GP_LETTER), "GP letter"),
                        (ReportChoice(ReportKind.COMPLETION), "Completion summary"),
                        (ReportChoice(ReportKind.COURT_REVIEW), "DRR court review (latest period)"),
                        (ReportChoice(ReportKind.LEAFLET), "Leaflet: next appointment"))),
)


class PrintFailed(Exception):
    """The print job could not be sent; the message says so in plain words."""


def print_pages(document: QPdfDocument, printer: QPrinter, pages: range) -> None:
    """Draw each page onto the printer, scaled to the paper and centred; abort the job on any
    failure so a half-printed report is not left spooled."""
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed("The printer could not be started. Check it is switched on and "
                          "connected, then try again. Nothing was recorded.")
    try:
        for count, index in enumerate(pages):
            if count and not printer.newPage():
                raise PrintFailed("The printer stopped part way. Nothing was recorded.")
            points = document.pagePointSize(index)
            image = document.render(index, QSize(round(points.width() * PRINT_DPI / 72),
                                                 round(points.height() * PRINT_DPI / 72)))
            painter.drawImage(_fitted(image.size(), painter.viewport()), image)
    except BaseException:
        printer.abort()
        raise
    finally:
        painter.end()


def _fitted(size: QSize, area: QRect) -> QRect:
    scaled = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    left = area.x() + (area.width() - scaled.width()) // 2
    return QRect(left, area.y(), scaled.width(), scaled.height())


def _same_content(shown: CaseRecord, now: CaseRecord) -> bool:
    # Issuing a report adds to `reports` and may move the stage; neither changes what any report
    # prints, so the preview stays as it is rather than being rebuilt (and audited) again.
    leave_out = {"reports": True, "referral": {"stage"}}
    return shown.model_dump(exclude=leave_out) == now.model_dump(exclude=leave_out)


def _scrolling(widget: QWidget, name: str = "") -> QScrollArea:
    scroll = scrolling(widget, name)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll


class ReportsTab(CaseTab):
    title = "Reports"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setAccessibleName(self.tr("Reports"))
        self.case: CaseRecord | None = None
        self.report: RenderedReport | None = None
        self._stale = False
        self._buffer: QBuffer | None = None
        self.choices = QButtonGroup(self)
        self.choice_buttons: dict[ReportChoice, QRadioButton] = {}
        self.reasons: dict[ReportChoice, QLabel] = {}
        self.missing_heading = heading(self.tr("Still missing before the final report"))
        self.missing = label()
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        self.error = label(role="error")
        self.error.setVisible(False)
        self.showing = label(self.tr("Choose a report to see it here."), role="stem")
        self.save_button = button(self.tr("&Save as PDF…"), self.tr("Save the report as a PDF file"), self.save)
        self.print_button = button(self.tr("&Print…"), self.tr("Print the report"), self.print_report)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setAccessibleName(self.tr("Report preview"))
        self.fhir = FhirExportPanel(session)
        self.drawer = Worker(self)
        self.drawer.finished.connect(self._drawn)
        self.drawer.failed.connect(self._not_drawn)
        self._drawing = 0
        self._waiting: tuple[int, ReportMaking] | None = None
        self._lay_out()
        self.choices.idToggled.connect(self._chosen)
        self.fhir.exported.connect(self.notice.emit)
        self._show_nothing(self.tr("Choose a report to see it here."))

    def _lay_out(self) -> None:
        chooser = QWidget()
        column = QVBoxLayout(chooser)
        for group, entries in _GROUPS:
            column.addWidget(label(group, role="stem"))
            for choice, text in entries:
                radio = QRadioButton(text)
                radio.setAccessibleName(choice.label)
                radio.setMinimumHeight(44)
                self.choices.addButton(radio, REPORT_CHOICES.index(choice))
                reasons = label(role="muted", accessible_name=self.tr("Why the {label} is not available").format(label=choice.label))
                reasons.setTextFormat(Qt.TextFormat.PlainText)
                reasons.setContentsMargins(32, 0, 0, 6)
                self.choice_buttons[choice], self.reasons[choice] = radio, reasons
                column.addWidget(radio)
                column.addWidget(reasons)
        column.addWidget(self.error)
        column.addStretch(1)
        missing = QWidget()
        listed = QVBoxLayout(missing)
        listed.addWidget(self.missing_heading)
        listed.addWidget(self.missing)
        listed.addStretch(1)
        self.missing_panel = _scrolling(missing, self.tr("Still missing before the final report"))
        self.chooser = _scrolling(chooser)
        actions = QHBoxLayout()
        actions.addWidget(self.showing, 1)
        actions.addWidget(self.save_button)
        actions.addWidget(self.print_button)
        preview = QVBoxLayout()
        preview.addLayout(actions)
        preview.addWidget(self.fhir)
        preview.addWidget(self.view, 1)
        # Side by side: at 1366x768 the choice and, for a draft, what is missing stay in view
        # beside the pages.
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.chooser, 2)
        outer.addLayout(preview, 5)
        outer.addWidget(self.missing_panel, 2)

    def heightForWidth(self, width: int) -> int:
        # The pages and the choices scroll in their own views, so the tab takes the height the
        # case view offers; growing to fit its wrapped labels would make the case view scroll
        # the whole tab at extra-large text, hiding the bottom of the preview.
        return -1

    # --- the case ------------------------------------------------------------------------

    def show_case(self, case: CaseRecord) -> None:
        self.case = case
        self.fhir.show_case(case)
        checks = dict(report_checks(case, self.session.user))
        for choice, radio in self.choice_buttons.items():
            check = checks[choice]
            radio.setEnabled(check.allowed)
            why = reasons_words(check.reasons, QCoreApplication.translate)
            radio.setAccessibleDescription(why)
            self.reasons[choice].setText(show_plainly(self.reasons[choice], why))
            self.reasons[choice].setVisible(not check.allowed)
        chosen = self.selected()
        if chosen is None:
            return
        if not checks[chosen].allowed:
            self._unselect()
            self._show_nothing(self.tr("That report cannot be made now; see the reasons beside it."))
        elif self.report is None or not _same_content(self.report.case, case):
            self._rebuild()

    def selected(self) -> ReportChoice | None:
        number = self.choices.checkedId()
        return None if number < 0 else REPORT_CHOICES[number]

    def choose(self, choice: ReportChoice) -> None:
        """Select a report, as clicking its button does (tests and keyboard users alike)."""
        self.choice_buttons[choice].setChecked(True)

    def _chosen(self, number: int, checked: bool) -> None:
        if checked:
            self.chooser.ensureWidgetVisible(self.choices.button(number))
            self._rebuild()

    def _unselect(self) -> None:
        self.choices.setExclusive(False)
        for radio in self.choice_buttons.values():
            radio.setChecked(False)
        self.choices.setExclusive(True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._rebuild()

    # --- preview ------------------------------------------------------------------------

    def _rebuild(self) -> None:
        choice = self.selected()
        if self.case is None or choice is None:
            return
        if not self.isVisible():
            # Built (and audited as previewed) only when someone can see it.
            self._stale = True
            self._show_nothing("")
            return
        self._stale = False
        try:
            making = prepare_report(self.session, self.case.referral.id, choice.kind,
                                    final=choice.final, easy_read=choice.easy_read)
        except (ActionRefused, StoreError) as error:
            self._show_nothing("", error.message)
            return
        self._show_nothing(self.tr("Making the {label}…").format(label=choice.label))
        self._draw(making)

    def _draw(self, making: ReportMaking) -> None:
        """Off the GUI thread (ReportLab takes a second or more for a long report), so the
        screen stays live. One drawing at a time (ReportLab keeps shared state); a report
        chosen meanwhile waits its turn and replaces any waiting before it."""
        self._drawing += 1
        self._waiting = (self._drawing, making)
        if not self.drawer.busy:
            self._start_waiting()

    def _start_waiting(self) -> None:
        if self._waiting is None:
            return
        number, making = self._waiting
        self._waiting = None
        self.drawer.start(lambda: (number, draw_report(making)))

    @property
    def drawing(self) -> bool:
        return self.drawer.busy or self._waiting is not None

    def _drawn(self, result: tuple[int, RenderedReport]) -> None:
        self._start_waiting()
        number, report = result
        if number != self._drawing or self.selected() != report.choice:
            return
        try:
            record_report_use(self.session, report, "preview")
        except (ActionRefused, StoreError) as error:
            self._show_nothing("", error.message)
            return
        self._load(report)

    def _not_drawn(self, error: Exception) -> None:
        self._start_waiting()
        if self.drawing:
            return  # a newer choice is being drawn; this one's failure no longer matters
        if not isinstance(error, ActionRefused | StoreError):
            raise error
        self._show_nothing("", error.message)

    def _load(self, report: RenderedReport) -> None:
        self._drop_pages()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(report.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            self._show_nothing("", self.tr("The report was made but could not be shown. Please try again."))
            return
        self.report = report
        pages = self.document.pageCount()
        self.showing.setText(self.tr("{title}: {pages} page{0}").format('s' if pages != 1 else '', title=report.title, pages=pages))
        self.view.setAccessibleName(self.tr("Preview of the {title}, {pages} pages").format(title=report.title, pages=pages))
        set_error(self.error, "")
        self._show_missing(report)
        self.save_button.setEnabled(True)
        self.print_button.setEnabled(True)

    def _drop_pages(self) -> None:
        # The old PDF's bytes go with its buffer, so a report no longer shown is not kept.
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    def _show_missing(self, report: RenderedReport) -> None:
        draft_psr = report.choice.kind is ReportKind.PSR and not report.choice.final
        self.missing_panel.setVisible(draft_psr)
        if report.missing:
            self.missing.setText("\n".join(f"• {item}" for item in report.missing))
        else:
            self.missing.setText(self.tr("Nothing is missing: the Clinical Lead can sign off the final report."))
        self.missing.setAccessibleName("Still missing: " + "; ".join(report.missing or ["nothing"]))

    def _show_nothing(self, message: str, error: str = "") -> None:
        self.report = None
        self._drop_pages()
        self.showing.setText(message or "Choose a report to see it here.")
        self.view.setAccessibleName(self.tr("Report preview: no report shown"))
        set_error(self.error, error)
        self.missing_panel.setVisible(False)
        self.save_button.setEnabled(False)
        self.print_button.setEnabled(False)

    # --- save and print -----------------------------------------------------------------

    def save(self) -> None:
        report = self.report
        if report is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        answer = ask_save_path(self, self.tr("Save the report as PDF"),
                               str(Path(folder) / report.suggested_file_name),
                               self.tr("PDF files (*.pdf)"), (".pdf",))
        if answer is None:
            return
        path, replace = answer
        try:
            save_report(self.session, report, path, force=replace)
        except (ActionRefused, ReportFileError) as error:
            set_error(self.error, str(error))
            return
        except StoreError as error:
            set_error(self.error, output_problem(error))
            return
        self._issued(self.tr("{title} saved as {name}.").format(title=report.title, name=path.name))

    def print_report(self) -> None:
        report = self.report
        if report is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        # The print queue shows the job's name to anyone at the printer: no personal details.
        printer.setDocName(f"{report.title}, case {report.case.referral.id}")
        printer.setFullPage(True)  # the PDF has its own margins
        paper = QPageSize(QSizeF(self.document.pagePointSize(0)), QPageSize.Unit.Point, "",
                          QPageSize.SizeMatchPolicy.FuzzyMatch)
        printer.setPageSize(paper)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the report"))
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        # The dialog puts back the printer's default paper (US Letter on a laptop set up
        # elsewhere), which would shrink the A4 report: it is printed on its own paper size.
        printer.setPageSize(paper)
        pages = self._pages_to_print(printer)
        try:
            record_report_use(self.session, report, "print",
                              deliver=lambda: print_pages(self.document, printer, pages))
        except (ActionRefused, PrintFailed) as error:
            set_error(self.error, str(error))
            return
        except StoreError as error:
            set_error(self.error, error.message)
            return
        self._issued(self.tr("{title} sent to the printer.").format(title=report.title))

    def _pages_to_print(self, printer: QPrinter) -> range:
        first, last = printer.fromPage(), printer.toPage()
        count = self.document.pageCount()
        if first <= 0:
            return range(count)
        return range(first - 1, min(last or count, count))

    def _issued(self, message: str) -> None:
        set_error(self.error, "")
        self.notice.emit(message)
        self.case_changed.emit()
