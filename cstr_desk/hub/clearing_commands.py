"""`cstr-desk clear-confirmed --db FILE --user NAME [--dry-run] [--yes]`: removes from this desk
the closed cases the site hub has confirmed, once the site's retention period since closure
has passed (issue 16 item 6). `--dry-run` lists what would go and changes nothing; otherwise the
administrator confirms by typing yes (or gives --yes, for a scheduled run).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cstr_desk.arguments import name
from cstr_desk.hub.errors import HubError
from cstr_desk.store.commands import SIGN_IN_ENV, read_secret
from cstr_desk.store.errors import StoreError
from cstr_desk.store.opening import open_with_password
from cstr_desk.store.session_clearing import PlanStage
from cstr_desk.ukdates import uk_date

if TYPE_CHECKING:
    from cstr_desk.store.session_clearing import CaseManifest

NOT_CONFIRMED = ("Nothing was cleared: the clearing was not confirmed (type yes when asked, or "
                 "give --yes).")


def _clear(args: argparse.Namespace) -> int:
    # psycopg is loaded only when a hub command runs (hub/commands.py).
    from cstr_desk.hub.clearing import clear_confirmed, plan_clearing

    password = read_secret(SIGN_IN_ENV, f"Password for {args.user} on this desk: ")
    with open_with_password(Path(args.db), args.user, password) as session:
        if not session.hub_sync_status().enrolled:
            print("This desk is not enrolled with a site hub, so it keeps every case: nothing "
                  "was cleared.")
            return 0
        days = session.site_settings().closed_case_retention_days
        plan = plan_clearing(session, progress=_print_plan_progress)
        _print_plan(plan.confirmed, len(plan.waiting), days, args.dry_run)
        if args.dry_run or not plan.confirmed:
            return 0
        if not args.yes:
            _confirm(len(plan.confirmed))
        result = clear_confirmed(session, plan, progress=lambda done, of: print(
            f"Cleared {done:,} of {of:,} cases.", file=sys.stderr))
    print(f"Cleared {len(result.cleared):,} closed cases from this desk; the hub keeps them.")
    if result.left:
        print(f"{result.left:,} changed after the hub was asked and stay until the next sync "
              "and clearing.")
    return 0


def _print_plan_progress(stage: PlanStage, done: int, of: int) -> None:
    what = ("Read {done:,} of {of:,} closed cases due on this desk." if stage == PlanStage.READING else
            "Asked the hub about {done:,} of {of:,} closed cases.")
    print(what.format(done=done, of=of), file=sys.stderr)


def _print_plan(confirmed: list[CaseManifest], waiting: int, days: int, dry_run: bool) -> None:
    verb = "Would clear" if dry_run else "To clear"
    if confirmed:
        print(f"{verb} {len(confirmed):,} closed cases the site hub holds in full (closed more "
              f"than {days} days ago):")
        for case in confirmed:
            print(f"  case {case.referral_id}, closed {uk_date(case.closed_at)}")
    else:
        print(f"No closed case is due for clearing (the hub holds in full, closed more than "
              f"{days} days ago).")
    if waiting:
        print(f"{waiting:,} more closed cases are due but the hub does not hold all of them yet: "
              "they stay on this desk until a sync has sent them.")


def _confirm(count: int) -> None:
    try:
        answer = input(f"Remove these {count:,} cases from this desk for good? The hub keeps "
                       "them. Type yes to go on: ")
    except EOFError:
        raise StoreError(NOT_CONFIRMED) from None
    if answer.strip().lower() != "yes":
        raise StoreError(NOT_CONFIRMED)


def _plain(args: argparse.Namespace) -> int:
    try:
        return _clear(args)
    except (HubError, StoreError) as error:
        print(error.message, file=sys.stderr)
        return 1


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "clear-confirmed", help="remove closed cases the site hub holds from this desk, after "
        "the site's retention period (administrator)")
    command.add_argument("--db", required=True, help="this desk's database file")
    command.add_argument("--user", type=name, required=True,
                         help="the desk administrator's username")
    command.add_argument("--dry-run", action="store_true",
                         help="list the cases that would be cleared, and change nothing")
    command.add_argument("--yes", action="store_true",
                         help="clear without asking to confirm (for a scheduled run)")
    command.set_defaults(handler=_plain)
