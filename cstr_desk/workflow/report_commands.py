"""`cstr-desk report psr|consent|gp-letter|completion|court-review --db PATH --case ID --out
FILE.pdf [--easy-read] [--final] [--from DD/MM/YYYY --to DD/MM/YYYY] [--user NAME]`.

The password is never taken from the command line (common brief): it comes from the
CSTR_DESK_PASSWORD environment variable or a prompt. The report goes through the pathway rules
like the app's Reports tab (`report_issuing`): writing the file, recording that the report was
issued and the EXPORT audit entry happen together or not at all, so an export the audit trail
does not know about cannot be left behind.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cstr_desk.arguments import name, record_number
from cstr_desk.domain import ReportKind
from cstr_desk.store.commands import sign_in_password
from cstr_desk.ukdates import DateProblem, parse_uk_date

if TYPE_CHECKING:
    from cstr_desk.store import Session

KINDS = {"psr": ReportKind.PSR, "consent": ReportKind.CONSENT, "gp-letter": ReportKind.GP_LETTER,
         "completion": ReportKind.COMPLETION, "court-review": ReportKind.COURT_REVIEW,
         "leaflet": ReportKind.LEAFLET}


class CommandError(Exception):
    """Bad input or a report that cannot be made; the message is for the person at the desk."""


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "report", help="write a case's report as PDF",
        description="Write one case's Responsible Clinician's report (psr), consent copy, GP "
                    "letter, completion summary, DRR court review report or the leaflet with the "
                    "next appointment given at sentence as a PDF file. The "
                    "export is recorded in the case and in the audit trail.",
    )
    command.add_argument("kind", choices=list(KINDS), help="which report")
    command.add_argument("--db", required=True, type=Path, help="the CSTR Desk database file")
    command.add_argument("--case", required=True, type=record_number("case"),
                         help="the case (referral) number")
    command.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    command.add_argument("--force", action="store_true", help="replace the file if it exists")
    command.add_argument("--easy-read", action="store_true", help="consent: the easy-read copy")
    command.add_argument("--final", action="store_true",
                         help="psr: the final report (a Clinical Lead signs it off)")
    command.add_argument("--from", dest="period_from", metavar="DD/MM/YYYY",
                         help="court-review: the first day of the period the review covers")
    command.add_argument("--to", dest="period_to", metavar="DD/MM/YYYY",
                         help="court-review: the last day of the period")
    command.add_argument("--user", type=name, default=os.environ.get("USER") or None,
                         help="your CSTR Desk username (default: your login name)")
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from cstr_desk.store import StoreError, open_with_password
    from cstr_desk.store.commands import error_line

    try:
        _check_arguments(args)
        session = open_with_password(args.db, args.user, sign_in_password(args.user))
    except CommandError as error:
        print(error, file=sys.stderr)
        return 2
    except StoreError as error:
        print(error.message, file=sys.stderr)
        return 1
    try:
        written = issue(session, args)
    except CommandError as error:
        print(error, file=sys.stderr)
        return 1
    except StoreError as error:
        print(error_line(error), file=sys.stderr)
        return 1
    finally:
        session.close()
    print(written)
    return 0


def _check_arguments(args: argparse.Namespace) -> None:
    if not args.user:
        raise CommandError("Please give your username with --user.")
    if args.easy_read and args.kind != "consent":
        raise CommandError("--easy-read applies only to the consent copy.")
    if args.final and args.kind != "psr":
        raise CommandError("--final applies only to the Responsible Clinician's report (psr).")
    if args.kind == "court-review":
        args.period = _period(args.period_from, args.period_to)
    elif args.period_from or args.period_to:
        raise CommandError("--from and --to apply only to the court review report (court-review).")
    else:
        args.period = None
    if args.out.suffix.lower() != ".pdf":
        raise CommandError(f"The output file must end in .pdf: {args.out}")
    if not args.out.parent.is_dir():
        raise CommandError(f"The folder {args.out.parent} does not exist.")


def _period(first: str | None, last: str | None) -> tuple[date, date]:
    if not first or not last:
        raise CommandError("Give the period the review covers with --from and --to (dd/mm/yyyy).")
    try:
        period = parse_uk_date(first), parse_uk_date(last)
    except DateProblem as problem:
        raise CommandError(str(problem)) from None
    if period[1] < period[0]:
        raise CommandError("The period ends (--to) before it begins (--from).")
    return period


def issue(session: Session, args: argparse.Namespace) -> str:
    """Render the report, then write it, record it and audit it in one transaction."""
    from cstr_desk.workflow.errors import ActionRefused
    from cstr_desk.workflow.report_issuing import ReportFileError, render_report, save_report

    try:
        report = render_report(session, args.case, KINDS[args.kind], final=args.final,
                               easy_read=args.easy_read, period=getattr(args, "period", None))
        save_report(session, report, args.out, force=args.force)
    except (ActionRefused, ReportFileError) as error:
        raise CommandError(str(error)) from None
    return f"{report.title} for case {report.case.referral.id} written to {args.out}"
