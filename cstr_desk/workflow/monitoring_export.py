"""Writing the anonymised monthly return as an .xlsx workbook (one sheet per tab of the national
template, Manual §2.4) or a .csv file. Only `AnonymisedReturn` can be written: raw counts,
names, dates of birth and identifiers never reach these files.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font

from cstr_desk.progress_lines import Progress
from cstr_desk.store import outputs
from cstr_desk.ukdates import uk_date
from cstr_desk.domain import AuditAction
from cstr_desk.workflow import monitoring_later as later
from cstr_desk.workflow.monitoring import monthly_return_from_store
from cstr_desk.workflow.monitoring_anonymise import SUPPRESSED, AnonymisedReturn, anonymise

if TYPE_CHECKING:
    from cstr_desk.store import Session

SUFFIXES = (".xlsx", ".csv")

# The outsider's model behind every `*` (workflow.disclosure, monitoring.published_relations),
# in the words the Notes sheet gives it.
ATTACK_MODEL = (
    "How that was checked: before this file was written, every * was attacked as an outsider"
    " would, with nothing but this file (the .csv and the .xlsx hold the same figures). The"
    " attack takes every figure as a whole number and a * as at least 1, and uses everything"
    " the file says about them: in each group the lines add up to its last line (its total);"
    " a figure printed in several places is one number (\"Sentenced to a CSTR\" in three"
    " groups, \"Assessed for a CSTR\" on the Equality and All CSTRs sheets, a combination of"
    " requirements on a requirement sheet and on the All CSTRs sheet); each figure on the MHTR,"
    " DRR and ATR sheets is at most the same figure on the All CSTRs sheet; on the All CSTRs"
    " sheet the people who consented, were sentenced to a CSTR (by order, on the day), or were"
    " approved or not accepted by a treatment provider are at most the requirement sheets"
    " that show that line together; on each sheet \"on the day\" and \"custody otherwise\""
    " are at most \"Sentenced to a CSTR\", sentencer feedback forms at most \"Sentenced"
    " (total)\", and each questionnaire's \"with a score before and after\" at most"
    " \"Treatment ended (total)\"; \"Assessed for a CSTR\", \"Not sentenced to a CSTR\" and"
    " \"Returned to court due to breach\" are one number on their sheet wherever they appear."
    " Lines beginning \"Median\" or \"Mean\" are not counts: each is shown only when the"
    " number of people it describes is shown (a * otherwise, blank when there is nobody), and"
    " takes no part in the sums. For each * the least and the greatest value it could then take were found by"
    " integer linear programming (the HiGHS solver, through SciPy)."
)
COUNTING = (
    "Each event is counted in the month it happened (Europe/London): referral, screening,"
    " assessment, consent, Clinical Lead decision, treatment provider's answer, PSR proposal,"
    " sentence, first appointment, second missed appointment, breach, adjournment.",
    "Approval (Manual §2.4): the MHTR by the Clinical Lead (All CSTRs and MHTR sheets), a DRR"
    " or ATR by its treatment provider (All CSTRs, DRR and ATR sheets; the provider's latest"
    " answer, counted on the day it was given).",
    "Recommended for a CSTR by probation in a PSR: the PSR's proposal as the Court Duty Officer"
    " recorded it, when it proposes a CSTR (counted on the day it was recorded).",
    "Equality breakdowns describe the people assessed in the month (age on the assessment day).",
    "The MHTR, DRR and ATR sheets overlap (combined requirements) and leave out cases with no"
    " requirement yet, so they do not add up to the overall sheet.",
    "Not covered by the check: comparing this return with other months' returns.",
)


def notes(anonymised: AnonymisedReturn, cleared: int = 0) -> list[str]:
    """The Notes sheet: what was hidden, how the hiding was checked and its result, how each
    figure is counted, and how many cases of the month have left this desk for the hub."""
    protection = anonymised.protection
    primary, secondary = len(protection.primary), len(protection.secondary)
    stars = primary + secondary
    result = (f"Result: for every one of the {stars} * the least and the greatest possible"
              " values differ, so no hidden number can be worked out from this file."
              if stars else "Result: nothing needed hiding this month.")
    return [
        "Anonymised: no names, dates of birth or identifiers.",
        f"Small numbers (Manual §2.4): {_figures(primary)} from 1 to 4 shown as *, and"
        f" {_figures(secondary)} more shown as * so that none of them can be worked out from"
        " the rest. A 0 is always shown, so a * is never 0.",
        ATTACK_MODEL,
        result,
        *COUNTING,
        *later.DEFINITIONS,
        *cleared_note(cleared),
    ]


def cleared_note(cleared: int) -> list[str]:
    """Issue 16 item 6: a closed case cleared from the desk after the hub confirmed it no
    longer counts here, so a month returned before the clearing would come out lower now. The
    return does not hide that: it says how many such cases were open in the month, in the
    small-numbers rule's terms (1 to 4 as *), and where they are still counted: the hub's
    site-wide return (workflow.hub_return) counts them from the summaries the desk sent."""
    if not cleared:
        return []
    how_many = SUPPRESSED if cleared <= 4 else str(cleared)
    return [f"Cases counted only at the site hub: {how_many} cases open at some time in this"
            " month were cleared from this desk after the site hub confirmed it holds them,"
            " so this desk's figures leave them out; the site hub still holds their records,"
            " and the site's return from the hub ('cstr-desk hub return') counts them."
            + (" (* stands for 1 to 4.)" if cleared <= 4 else "")]


def _figures(count: int) -> str:
    return f"{count} figure" if count == 1 else f"{count} figures"


class ExportError(ValueError):
    """A plain-words reason the file could not be written."""


def month_range(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following


def period_text(month: date) -> str:
    first, following = month_range(month)
    return f"{uk_date(first)} to {uk_date(following - timedelta(days=1))}"


def check_suffix(out: Path) -> None:
    if out.suffix.lower() not in SUFFIXES:
        raise ExportError(f"Please give a file name ending in .xlsx or .csv (not {out.name!r}).")


def write_return(anonymised: AnonymisedReturn, out: Path, site: str = "", *,
                 database: Path | None = None, force: bool = False, cleared: int = 0) -> None:
    """Write the return to `out` (store/outputs.py: never over the database's files, over an
    existing file only with `force`, owner-only, through a temporary file)."""
    check_suffix(out)
    target = outputs.check_output(out, database=database, force=force)
    if out.suffix.lower() == ".xlsx":
        outputs.write_output(target, lambda handle: _write_xlsx(anonymised, handle, site,
                                                                cleared))
    else:
        outputs.write_output(target, lambda handle: _write_csv(anonymised, handle, site))


def _rows(anonymised: AnonymisedReturn, sheet_index: int) -> list[tuple[str, str, str]]:
    sheet = anonymised.source.sheets[sheet_index]
    rows = []
    for group in sheet.groups:
        for line in group.lines:
            rows.append((group.title, line.label, anonymised.text(line)))
        if group.total is not None:
            rows.append((group.title, group.total.label, anonymised.text(group.total)))
    return rows


def _write_xlsx(anonymised: AnonymisedReturn, out: BinaryIO, site: str, cleared: int) -> None:
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
        for group, figure, number in _rows(anonymised, index):
            worksheet.append([group, figure, _cell(number)])
        worksheet.column_dimensions["A"].width = 45
        worksheet.column_dimensions["B"].width = 60
    notes_sheet = workbook.create_sheet("Notes")
    for note in notes(anonymised, cleared):
        notes_sheet.append([note])
    # Leave no author or editor name in the file's properties.
    workbook.properties.creator = "CSTR Desk"
    workbook.properties.lastModifiedBy = "CSTR Desk"
    workbook.save(out)


def _cell(number: str) -> str | int | float | None:
    """A count is stored as a number, so the spreadsheet can add it up; a median or mean as a
    decimal, empty when there is nobody to describe; `*` stays text."""
    if number == SUPPRESSED:
        return number
    if not number:
        return None
    return float(number) if "." in number else int(number)


def _write_csv(anonymised: AnonymisedReturn, out: BinaryIO, site: str) -> None:
    period = period_text(anonymised.source.month)
    handle = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.writer(handle)
    writer.writerow(["site", "period", "sheet", "group", "figure", "number"])
    for index, sheet in enumerate(anonymised.source.sheets):
        for group, figure, number in _rows(anonymised, index):
            writer.writerow([site, period, sheet.name, group, figure, number])
    handle.flush()
    handle.detach()  # the binary file stays open for the caller to flush and rename


def prepare_return(session: Session, month: date,
                   progress: Progress | None = None) -> AnonymisedReturn:
    """The month's anonymised return from the open database (the app's preview uses this);
    `progress(done, of)` is told when many referrals must be summarised first."""
    return anonymise(monthly_return_from_store(session, month, progress=progress))


def export_monitoring(session: Session, month: date, out: Path, *, force: bool = False,
                      progress: Progress | None = None) -> AnonymisedReturn:
    """Build, write and audit the month's return, the file and its audit entry together;
    the file holds counts only."""
    check_suffix(out)
    outputs.check_output(out, database=session.path, force=force)  # before the counting
    anonymised = prepare_return(session, month, progress)
    cleared = session.cleared_in_months(*month_range(month))
    with session.transaction():
        session.audit(AuditAction.EXPORT, record_type="monitoring_return",
                      detail=f"monthly monitoring return {month:%Y-%m} to {out.name}")
        write_return(anonymised, out, session.site_settings().site_name,
                     database=session.path, force=force, cleared=cleared)
    return anonymised
