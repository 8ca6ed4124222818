"""`cstr-desk export fhir --db PATH (--case N --out BUNDLE.json | --month YYYY-MM --out DIR)
[--force] [--user NAME]`.

The password is never taken from the command line (common brief): it comes from the
CSTR_DESK_PASSWORD environment variable or a prompt. Every refusal is one plain line.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cstr_desk.arguments import month, name, record_number
from cstr_desk.progress_lines import Progress, every_tenth
from cstr_desk.store.commands import sign_in_password
from cstr_desk.workflow.monitoring_commands import _export_subparsers


def register(subparsers: argparse._SubParsersAction) -> None:
    command = _export_subparsers(subparsers).add_parser(
        "fhir", help="write a case as a FHIR R4 bundle, or a month's cases as FHIR NDJSON",
        description="Write one case as a FHIR R4 transaction Bundle (--case), or the month's "
                    "cases as FHIR Bulk Data NDJSON files, one per resource type (--month). "
                    "The files hold personal data: they are readable by you only, and the "
                    "export is recorded in the audit trail.")
    command.add_argument("--db", required=True, type=Path, help="the CSTR Desk database file")
    which = command.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", type=record_number("case"), help="the case (referral) number")
    which.add_argument("--month", type=month, help="the month, YYYY-MM")
    command.add_argument("--out", required=True, type=Path,
                         help="the bundle file (--case) or the folder (--month)")
    command.add_argument("--force", action="store_true", help="replace files that exist")
    command.add_argument("--user", type=name, default=os.environ.get("USER") or None,
                         help="your CSTR Desk username (default: your login name)")
    command.set_defaults(handler=run)


def _progress_line() -> Progress:
    """A month of cases takes a while."""
    return every_tenth(lambda _percent, done, total: f"  {done:,} of {total:,} cases")


def run(args: argparse.Namespace) -> int:
    from cstr_desk.store import StoreError, open_with_password
    from cstr_desk.store.commands import error_line
    from cstr_desk.workflow.fhir import InvalidResource, export_case, export_month

    if not args.user:
        print("Please give your username with --user.", file=sys.stderr)
        return 2
    try:
        session = open_with_password(args.db, args.user, sign_in_password(args.user))
    except StoreError as error:
        print(error.message, file=sys.stderr)
        return 1
    try:
        if args.case is not None:
            count = export_case(session, args.case, args.out, force=args.force)
            print(f"FHIR bundle for case {args.case} ({count} resources) written to {args.out}. "
                  "It holds personal data: keep it safe.")
        else:
            counts = export_month(session, args.month, args.out, force=args.force,
                                  progress=_progress_line())
            summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
            print(f"FHIR NDJSON for {args.month:%m/%Y} written to {args.out}: {summary}. "
                  "It holds personal data: keep it safe.")
    except StoreError as error:
        print(error_line(error), file=sys.stderr)
        return 1
    except InvalidResource as error:
        print(f"{error} Nothing was written.", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"The export could not be written: {error.strerror or error}. Nothing was "
              "recorded.", file=sys.stderr)
        return 1
    finally:
        session.close()
    return 0
