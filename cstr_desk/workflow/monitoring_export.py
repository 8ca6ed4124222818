"""Writing the anonymised monthly return as an .xlsx workbook (one sheet per tab of the national
template, Manual §2.4) or a .csv file. Only `AnonymisedReturn` can be written: raw counts,
names, dates of birth and identifiers never reach these files.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Font

from cstr_desk.ukdates import uk_date
from cstr_desk.domain import AuditAction
from cstr_desk.workflow.monitoring import AnonymisedReturn, anonymise, monthly_return

if TYPE_CHECKING:
    from cstr_desk.store import Session

SUFFIXES = (".xlsx", ".csv")

NOTES = (
    "Anonymised: no names, dates of birth or identifiers. Counts from 1 to 4 are shown as *.",
    "Where a group's lines add up to a shown total and only one line is *, the next smallest line"
    " (or the total) is also shown as *, so the hidden number cannot be worked out.",
    "Each event is counted in the month it happened (Europe/London): referral, screening,"
    " assessment, consent, Clinical Lead decision, PSR, sentence, first appointment, second"
    " missed appointment, breach, adjournment.",
    "Equality breakdowns describe the people assessed in the month (age on the assessment day).",
    "The MHTR, DRR and ATR sheets overlap (combined requirements) and leave out cases with no"
    " requirement yet, so they do not add up to the overall sheet.",
)


class ExportError(ValueError):
    """A plain-words reason the file could not be written."""


def month_range(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following


def period_text(month: date) -> str:
    first, following = month_range(month)
    return f"{uk_date(first)} to {uk_date(following - timedelta(days=1))}"


def write_return(anonymised: AnonymisedReturn, out: Path, site: str = "") -> None:
    if out.suffix.lower() not in SUFFIXES:
        raise ExportError(f"Please give a file name ending in .xlsx or .csv (not {out.name!r}).")
    if not out.parent.is_dir():
        raise ExportError(f"The folder {str(out.parent)!r} does not exist.")
    try:
        if out.suffix.lower() == ".xlsx":
            _write_xlsx(anonymised, out, site)
        else:
            _write_csv(anonymised, out, site)
    except OSError as error:
        raise ExportError(f"The file could not be written: {error.strerror or error}.") from None


def _rows(anonymised: AnonymisedReturn, sheet_index: int) -> list[tuple[str, str, str]]:
    sheet = anonymised.source.sheets[sheet_index]
    rows = []
    for group in sheet.groups:
        for line in group.lines:
            rows.append((group.title, line.label, anonymised.text(line)))
        if group.total is not None:
            rows.append((group.title, group.total.label, anonymised.text(group.total)))
    return rows


def _write_xlsx(anonymised: AnonymisedReturn, out: Path, site: str) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    period = period_text(anonymised.source.month)
    for index, sheet in enumerate(anonymised.source.sheets):
        worksheet = workbook.create_sheet(sheet.name)
        worksheet.append([f"CSTR monthly monitoring return: {sheet.name}"])
        worksheet["A1"].font = Font(bold=True)
        worksheet.append([f"Site: {site}" if site else "Site:", f"Period: {period}"])
        worksheet.append([])
        worksheet.append(["Group", "Figure", "Number"])
        for cell in worksheet[4]:
            cell.font = Font(bold=True)
        for row in _rows(anonymised, index):
            worksheet.append(list(row))
        worksheet.column_dimensions["A"].width = 45
        worksheet.column_dimensions["B"].width = 60
    notes = workbook.create_sheet("Notes")
    for note in NOTES:
        notes.append([note])
    # Leave no author or editor name in the file's properties.
    workbook.properties.creator = "CSTR Desk"
    workbook.properties.lastModifiedBy = "CSTR Desk"
    workbook.save(out)


def _write_csv(anonymised: AnonymisedReturn, out: Path, site: str) -> None:
    period = period_text(anonymised.source.month)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["site", "period", "sheet", "group", "figure", "number"])
        for index, sheet in enumerate(anonymised.source.sheets):
            for group, figure, number in _rows(anonymised, index):
                writer.writerow([site, period, sheet.name, group, figure, number])


def prepare_return(session: Session, month: date) -> AnonymisedReturn:
    """The month's anonymised return from the open database (the app's preview uses this)."""
    first, following = month_range(month)
    return anonymise(monthly_return(session.monitoring_rows(first, following), first))


def export_monitoring(session: Session, month: date, out: Path) -> AnonymisedReturn:
    """Build, write and audit the month's return; the file holds counts only."""
    anonymised = prepare_return(session, month)
    write_return(anonymised, out, session.site_settings().site_name)
    session.audit(AuditAction.EXPORT, record_type="monitoring_return",
                  detail=f"monthly monitoring return {month:%Y-%m} to {out.name}")
    return anonymised
