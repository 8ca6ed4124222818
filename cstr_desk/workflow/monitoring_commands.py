"""`cstr-desk export monitoring --db PATH --month YYYY-MM --out FILE.xlsx|.csv [--user NAME]`.

The password is never taken from the command line (common brief): it comes from the
CSTR_DESK_PASSWORD environment variable or a prompt.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cstr_desk.arguments import month, name
from cstr_desk.progress_lines import every_tenth
from cstr_desk.store.commands import sign_in_password


def register(subparsers: argparse._SubParsersAction) -> None:
    export = _export_subparsers(subparsers)
    command = export.add_parser(
        "monitoring",
        help="write the anonymised monthly monitoring return (Manual §2.4) as .xlsx or .csv",
        description="Write the month's anonymised monitoring return. Counts from 1 to 4 are "
                    "shown as *; no names, dates of birth or identifiers are written.",
    )
    command.add_argument("--db", required=True, type=Path, help="the CSTR Desk database file")
    command.add_argument("--month", required=True, type=month, help="the month, YYYY-MM")
    command.add_argument("--out", required=True, type=Path, help="FILE.xlsx or FILE.csv")
    command.add_argument("--force", action="store_true", help="replace the file if it exists")
    command.add_argument("--user", type=name, default=os.environ.get("USER") or None,
                         help="your CSTR Desk username (default: your login name)")
    command.set_defaults(handler=run)


def _export_subparsers(subparsers: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The `export` command's own subcommands, shared with other areas that export things."""
    existing = subparsers.choices.get("export")
    if existing is None:
        existing = subparsers.add_parser("export", help="export data from the database")
        return existing.add_subparsers(dest="export_what", metavar="WHAT", required=True)
    for action in existing._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return existing.add_subparsers(dest="export_what", metavar="WHAT", required=True)


def run(args: argparse.Namespace) -> int:
    from cstr_desk.store import StoreError, open_with_password
    from cstr_desk.store.commands import error_line
    from cstr_desk.workflow.monitoring_export import ExportError, export_monitoring, period_text

    if not args.user:
        print("Please give your username with --user.", file=sys.stderr)
        return 2
    try:
        session = open_with_password(args.db, args.user, sign_in_password(args.user))
    except StoreError as error:
        print(error.message, file=sys.stderr)
        return 1
    try:
        export_monitoring(session, args.month, args.out, force=args.force,
                          progress=every_tenth(_summarising_line))
    except StoreError as error:
        print(error_line(error), file=sys.stderr)
        return 1
    except ExportError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        session.close()
    print(f"Monitoring return for {period_text(args.month)} written to {args.out}")
    return 0


def _summarising_line(percent: int, done: int, total: int) -> str:
    # After an upgrade every referral is summarised once before the first return (seconds).
    return f"  summarising referrals for the return: {percent}% ({done:,} of {total:,})"
