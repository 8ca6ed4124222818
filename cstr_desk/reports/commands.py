"""`cstr-desk report psr|consent|gp-letter|completion --db PATH --case ID --out FILE.pdf
[--easy-read] [--final] [--user NAME]`.

The password is never taken from the command line (common brief): it comes from the
CSTR_DESK_PASSWORD environment variable or a prompt. Writing the file, recording that the report
was issued and the EXPORT audit entry happen together or not at all, so an export the audit trail
does not know about cannot be left behind.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cstr_desk.domain import AuditAction, CaseRecord, ReportIssued, ReportKind, User

if TYPE_CHECKING:
    from cstr_desk.store import Session

PASSWORD_VARIABLE = "CSTR_DESK_PASSWORD"
KINDS = {"psr": ReportKind.PSR, "consent": ReportKind.CONSENT, "gp-letter": ReportKind.GP_LETTER,
         "completion": ReportKind.COMPLETION}
LABELS = {ReportKind.PSR: "Responsible Clinician's report", ReportKind.CONSENT: "consent copy",
          ReportKind.GP_LETTER: "GP letter", ReportKind.COMPLETION: "completion summary"}


class CommandError(Exception):
    """Bad input or a report that cannot be made; the message is for the person at the desk."""


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "report", help="write a case's report as PDF",
        description="Write one case's Responsible Clinician's report (psr), consent copy, GP "
                    "letter or completion summary as a PDF file. The export is recorded in the "
                    "case and in the audit trail.",
    )
    command.add_argument("kind", choices=list(KINDS), help="which report")
    command.add_argument("--db", required=True, type=Path, help="the CSTR Desk database file")
    command.add_argument("--case", required=True, type=int, help="the case (referral) number")
    command.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    command.add_argument("--easy-read", action="store_true", help="consent: the easy-read copy")
    command.add_argument("--final", action="store_true",
                         help="psr: mark the report final (needs the Clinical Lead's decision)")
    command.add_argument("--user", default=os.environ.get("USER", ""),
                         help="your CSTR Desk username (default: your login name)")
    command.set_defaults(handler=run)


def read_password(username: str) -> str:
    password = os.environ.get(PASSWORD_VARIABLE)
    return password if password is not None else getpass.getpass(f"Password for {username}: ")


def run(args: argparse.Namespace) -> int:
    from cstr_desk.store import StoreError, open_with_password

    try:
        _check_arguments(args)
        session = open_with_password(args.db, args.user, read_password(args.user))
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
        print(error.message, file=sys.stderr)
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
    if args.out.suffix.lower() != ".pdf":
        raise CommandError(f"The output file must end in .pdf: {args.out}")
    if not args.out.parent.is_dir():
        raise CommandError(f"The folder {args.out.parent} does not exist.")


def issue(session: Session, args: argparse.Namespace) -> str:
    """Render the report, then write it, record it and audit it in one transaction."""
    kind = KINDS[args.kind]
    case = session.load_case(args.case)
    users = {user.id: user for user in session.list_users() if user.id is not None}
    now = datetime.now(UTC)
    pdf = render(kind, case, session.user, users, args, now)
    final = args.final if kind is ReportKind.PSR else True
    part = args.out.with_name(args.out.name + ".part")
    try:
        with session.transaction():
            session.record_report_issued(ReportIssued(
                referral_id=case.referral.id, kind=kind, final=final, issued_at=now,
                issued_by=session.user.id))
            session.audit(AuditAction.EXPORT, "referral", case.referral.id, case.person.id,
                          detail=_detail(kind, final, args.easy_read))
            part.write_bytes(pdf)
            part.replace(args.out)
    except OSError as error:
        part.unlink(missing_ok=True)
        raise CommandError(f"The report could not be written to {args.out}: "
                           f"{error.strerror or error}. Nothing was recorded.") from None
    state = "" if kind is not ReportKind.PSR else (" (final)" if final else " (draft)")
    return f"{LABELS[kind].capitalize()}{state} for case {case.referral.id} written to {args.out}"


def _detail(kind: ReportKind, final: bool, easy_read: bool) -> str:
    if kind is ReportKind.PSR:
        return f"{LABELS[kind]} ({'final' if final else 'draft'}) written to a PDF file"
    if kind is ReportKind.CONSENT:
        return f"{'easy-read ' if easy_read else ''}{LABELS[kind]} written to a PDF file"
    return f"{LABELS[kind]} written to a PDF file"


def render(kind: ReportKind, case: CaseRecord, me: User, users: dict[int, User],
           args: argparse.Namespace, now: datetime) -> bytes:
    from cstr_desk.consent_text import ConsentTextError
    from cstr_desk.reports import (
        ReportNotFinal, ReportNotReady, render_completion_summary, render_consent_copy,
        render_gp_letter, render_psr,
    )

    try:
        if kind is ReportKind.PSR:
            return render_psr(case, generated_by=me, users=users, final=args.final, now=now)
        if kind is ReportKind.CONSENT:
            consent = case.current_consent
            if consent is None:
                raise CommandError(f"No consent is recorded for case {case.referral.id}.")
            return render_consent_copy(case, consent, easy_read=args.easy_read, users=users,
                                       now=now, generated_by=me)
        if kind is ReportKind.GP_LETTER:
            return render_gp_letter(case, generated_by=me, users=users, now=now)
        return render_completion_summary(case, generated_by=me, users=users, now=now)
    except (ReportNotFinal, ReportNotReady, ConsentTextError) as error:
        raise CommandError(str(error)) from None
