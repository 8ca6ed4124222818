"""The recovery key on paper: one A4 page that must still be readable in ten years, printed only
on a real printer, or, where the laptop has none, saved as a PDF the user places knowingly and
only its owner can read.

The page is drawn in the printer's own units with fonts in points, so the key comes out at the
same physical size on any printer resolution (a QTextDocument drawn unscaled on a 1200 dpi
printer shrank it to a 12 x 3 mm block).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cstr_desk.store import StoreError, outputs
from cstr_desk.ui.save_dialog import ask_save_path, output_problem
from cstr_desk.ukdates import uk_date

# Sizes in points: the key large enough to copy from at arm's length (well over the 12 pt floor
# the print test holds it to), the words at ordinary reading size.
KEY_PT, TITLE_PT, TEXT_PT = 22, 20, 12
GROUPS_PER_ROW = 4
JOB_NAME = "CSTR Desk recovery key"  # seen in the print queue by anyone: never the key itself
ADVICE = ("This key opens the CSTR Desk database if every administrator password is lost or the "
          "key file is missing. Anyone who has it and the database can read every record: keep "
          "this page locked away, apart from the laptop. Do not photograph or copy it.")


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont(QApplication.font().family())
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _a4_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)


def draw_sheet(device: QPagedPaintDevice, site: str, key: str, made_on: str) -> bool:
    """Draw the sheet on a printer or PDF writer already set to A4. False if it would not start."""
    painter = QPainter()
    if not painter.begin(device):
        return False
    try:
        dots = device.logicalDpiY() / 72  # device units per point
        area = QRectF(device.pageLayout().paintRectPixels(device.resolution()))
        area.moveTo(0, 0)
        top = area.top()

        def write(text: str, font: QFont, gap: float = 0.6) -> None:
            nonlocal top
            painter.setFont(font)
            box = QRectF(area.left(), top, area.width(), area.bottom() - top)
            used = painter.boundingRect(box, Qt.TextFlag.TextWordWrap, text)
            painter.drawText(box, Qt.TextFlag.TextWordWrap, text)
            top += used.height() + font.pointSizeF() * gap * dots

        write("CSTR Desk recovery key", _font(TITLE_PT, bold=True))
        write(f"Site: {site}\nMade on {made_on}", _font(TEXT_PT), gap=1.5)
        groups = key.split("-")
        painter.setFont(_font(KEY_PT, bold=True))
        row_height = painter.fontMetrics().height() * 1.6
        column = area.width() / GROUPS_PER_ROW
        for index, group in enumerate(groups):
            row, place = divmod(index, GROUPS_PER_ROW)
            painter.drawText(QRectF(area.left() + place * column, top + row * row_height, column,
                                    row_height), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             group)
        top += row_height * (-(-len(groups) // GROUPS_PER_ROW)) + TEXT_PT * dots
        write(f"Type it with or without the dashes: {len(groups)} groups of {len(groups[0])}.",
              _font(TEXT_PT))
        write(ADVICE, _font(TEXT_PT))
    finally:
        painter.end()
    return True


def sheet_pdf(site: str, key: str, made_on: str) -> bytes:
    """The sheet as PDF bytes, made in memory so no copy of the key reaches a temporary file."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(JOB_NAME)
    writer.setCreator("CSTR Desk")
    writer.setResolution(300)
    writer.setPageLayout(_a4_layout())
    draw_sheet(writer, site, key, made_on)
    del writer  # finishes the PDF
    buffer.close()
    return bytes(data)


def save_owner_only(path: Path, pdf: bytes, *, replace: bool = False) -> None:
    """Write `pdf` readable by its owner alone, through a temporary file renamed into place
    (store/outputs.py: never over a database's own files, over a file only when confirmed)."""
    outputs.save(path, pdf, database=None, force=replace)


def print_or_save(parent: QWidget, site: str, key: str, made_on: str | None = None) -> str:
    """Print the sheet on a real printer or, with none, offer a file after a warning. Returns
    what happened, in plain words, for the screen ("" when the user stopped)."""
    made_on = made_on or uk_date(date.today())
    if not QPrinterInfo.availablePrinterNames():
        return _save_instead(parent, site, key, made_on)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(JOB_NAME)
    printer.setPageLayout(_a4_layout())
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("recovery_sheet", "Print the recovery key"))
    # A "file printer" would leave a copy of the key wherever it fell (by default ~/print.pdf).
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return ""
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat or printer.outputFileName():
        return "The key was not printed: please choose a printer, not a file."
    printer.setPageLayout(_a4_layout())  # the dialog may have taken the printer's own paper
    if not draw_sheet(printer, site, key, made_on):
        return "The printer could not be started. Check it is switched on, then try again."
    return f"The recovery key was sent to {printer.printerName()}. Collect it from the printer now."


def _save_instead(parent: QWidget, site: str, key: str, made_on: str) -> str:
    answer = QMessageBox.warning(
        parent, QCoreApplication.translate("recovery_sheet", "No printer"), QCoreApplication.translate("recovery_sheet", "No printer is set up on this laptop.\n\nWrite the key down, or save "
        "it as a PDF file to print elsewhere. The file is a copy of the key: save it only to a USB "
        "stick you will lock away, and delete it once printed."),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Save:
        return ""
    answer = ask_save_path(parent, QCoreApplication.translate("recovery_sheet", "Save the recovery key as PDF"), "CSTR Desk recovery key.pdf",
                           QCoreApplication.translate("recovery_sheet", "PDF files (*.pdf)"), (".pdf",))
    if answer is None:
        return ""
    path, replace = answer
    try:
        save_owner_only(path, sheet_pdf(site, key, made_on), replace=replace)
    except StoreError as error:
        return f"The key could not be saved there: {output_problem(error)}"
    return f"Saved as {path.name}, readable only by you. Print it, lock it away, then delete the file."
