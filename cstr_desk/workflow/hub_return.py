"""The site-wide monthly return (issue 16 item 5): `cstr-desk hub return --site S --month M
--out FILE` (or `--all-sites`), counted over every desk's referrals with the desk's own
definitions (the summaries each sync sends: workflow.monitoring_summary), added up on the hub
(hub.monitoring_return) and only then suppressed and audited against an outsider's working
out, by the same code as a desk's return (monitoring_anonymise). Run by the hub's
administrator; the password comes from CSTR_DESK_HUB_PASSWORD or a prompt.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cstr_desk.arguments import month, name
from cstr_desk.hub import commands as hub_commands
from cstr_desk.hub.errors import HubError
from cstr_desk.store import outputs
from cstr_desk.ukdates import LONDON

if TYPE_CHECKING:
    import psycopg

    from cstr_desk.workflow.monitoring_anonymise import AnonymisedReturn

ALL_SITES = "All sites"


def hub_return(connection: psycopg.Connection, month: date, site: str | None,
               today: date | None = None) -> AnonymisedReturn:
    """The month's anonymised return over `site`'s desks (None: every site's)."""
    # Loaded only when the command runs: every other command starts without psycopg.
    from cstr_desk.hub.monitoring_return import hub_month, sites
    from cstr_desk.workflow.monitoring import monthly_return_from_groups
    from cstr_desk.workflow.monitoring_anonymise import anonymise
    from cstr_desk.workflow.monitoring_export import month_range

    first, following = month_range(month)
    if site is not None and site not in sites(connection):
        raise HubError(f"The hub has no site '{site}': give a site a desk was enrolled for "
                       "(cstr-desk hub add-desk --site), or --all-sites.")
    groups, assessed = hub_month(connection, first, following, site)
    return anonymise(monthly_return_from_groups(groups, assessed, first,
                                                today or datetime.now(LONDON).date()))


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `return` to the `cstr-desk hub` actions (hub.commands registers them first)."""
    hub = subparsers.choices["hub"]
    actions = next(a for a in hub._actions if isinstance(a, argparse._SubParsersAction))
    command = actions.add_parser(
        "return", help="write a site's (or every site's) anonymised monthly return from the "
                       "hub (hub administrator)",
        description="Count the month's return over every desk of a site, as each desk counts "
                    "its own, then hide counts from 1 to 4 (and what would reveal them).")
    hub_commands.hub_address_arguments(command)
    which = command.add_mutually_exclusive_group(required=True)
    which.add_argument("--site", type=name, help="the site's code, for example cardiff-mc")
    which.add_argument("--all-sites", action="store_true", help="every site on the hub")
    command.add_argument("--month", required=True, type=month, help="the month, YYYY-MM")
    command.add_argument("--out", required=True, type=Path, help="FILE.xlsx or FILE.csv")
    command.add_argument("--force", action="store_true", help="replace the file if it exists")
    command.set_defaults(handler=hub_commands.plain_errors(_run))


def _run(args: argparse.Namespace) -> int:
    from cstr_desk.hub.connection import connect
    from cstr_desk.workflow.monitoring_export import (
        ExportError,
        check_suffix,
        period_text,
        write_return,
    )

    site = None if args.all_sites else args.site
    try:
        check_suffix(args.out)
        _check_writable(outputs.check_output(args.out, database=None, force=args.force))
        address = hub_commands.hub_address(args)
        with connect(address, args.hub_user, hub_commands.hub_password(args.hub_user)) as hub:
            anonymised = hub_return(hub, args.month, site)
        write_return(anonymised, args.out, site or ALL_SITES, force=args.force)
    except ExportError as error:
        raise HubError(str(error)) from error
    print(f"Monitoring return for {site or ALL_SITES.lower()}, {period_text(args.month)}, "
          f"written to {args.out}")
    return 0


def _check_writable(target: Path) -> None:
    """A file can be made beside the target: found before the hub is asked, not after."""
    try:
        handle, temporary = outputs.temporary_beside(target)
    except OSError as error:
        raise outputs.plain_error(error, target) from None
    handle.close()
    temporary.unlink()
