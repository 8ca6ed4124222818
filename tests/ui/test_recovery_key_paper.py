"""The recovery key on paper (issue 14 item 5, issue 18 item 1): one A4 sheet with the key large,
offered only to a real printer; on a laptop with no printer, a PDF only after a warning, where
the user chooses, readable by its owner alone."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from cstr_desk.ui import recovery_sheet
from cstr_desk.ui.recovery_sheet import KEY_PT, print_or_save, sheet_pdf

KEY = "H092-JMSX-PDD9-Q7AD-A8KE-MMS2-8AVR-D3PY-Y2MM-ZH19-6CH5-09H2-J7NY-MAW0"


def drawn_sizes(pdf: bytes) -> dict[str, float]:
    sizes: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            sizes[text.strip()] = size * abs(tm[3]) * abs(cm[3])

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return sizes


def test_the_sheet_is_a4_with_every_group_of_the_key_at_22_points() -> None:
    pdf = sheet_pdf("Northtown L&D", KEY, "01/12/2026")
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert sorted((float(page.mediabox.width), float(page.mediabox.height))) == pytest.approx([595.3, 841.9], abs=1)
    sizes = drawn_sizes(pdf)
    assert all(sizes.get(group) == pytest.approx(KEY_PT, abs=0.5) for group in KEY.split("-")), sizes
    words = " ".join(page.extract_text().split())
    assert "Site: Northtown L&D" in words and "Made on 01/12/2026" in words


@pytest.fixture
def no_printer(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    warnings: list[str] = []
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: []))

    def warn(parent, title, text, buttons, default):
        warnings.append(text)
        return QMessageBox.StandardButton.Save

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warn))
    return warnings


def test_without_a_printer_the_key_is_saved_owner_only_after_a_warning(qtbot, no_printer, tmp_path, monkeypatch) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    target = tmp_path / "usb" / "key"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(target), "")))
    outcome = print_or_save(parent, "Northtown L&D", KEY, "01/12/2026")
    saved = target.with_name("key.pdf")
    assert "No printer" in no_printer[0] and "copy of the key" in no_printer[0]
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600 and "readable only by you" in outcome
    assert all(group in PdfReader(saved).pages[0].extract_text() for group in KEY.split("-"))


def test_an_existing_file_becomes_owner_only_when_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "key.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    recovery_sheet.save_owner_only(target, b"%PDF-new", replace=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_bytes() == b"%PDF-new"


def test_without_a_printer_stopping_at_the_warning_writes_nothing(qtbot, tmp_path, monkeypatch) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: []))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *args: QMessageBox.StandardButton.Cancel))
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: asked.append("x") or ("", "")))
    assert print_or_save(parent, "Site", KEY) == "" and asked == []


def test_with_a_printer_the_dialog_offers_no_print_to_file(qtbot, monkeypatch) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["Office printer"]))
    offered: list[bool] = []

    def look(dialog: QPrintDialog) -> int:
        offered.append(dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile))
        assert dialog.printer().pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintDialog, "exec", look)
    assert print_or_save(parent, "Site", KEY) == "" and offered == [False]


def test_a_file_chosen_as_the_printer_is_refused(qtbot, tmp_path, monkeypatch) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["Office printer"]))
    target = tmp_path / "print.pdf"

    def to_file(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(target))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", to_file)
    assert "not printed" in print_or_save(parent, "Site", KEY) and not target.exists()
