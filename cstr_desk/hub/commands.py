"""The `cstr-desk hub` subcommands: `init` makes or updates a hub's schema, `add-desk` enrols
this desk with its site's hub, `verify` walks every desk's audit chain on the hub; and
`cstr-desk sync`, which sends this desk's changes to its hub, then pulls the site's cases
waiting for assessment that other desks registered (hub/pull.py).

The hub administrator's password comes from CSTR_DESK_HUB_PASSWORD or a prompt, never from an
argument (shell history, the process list); the desk's own hub password is made by the hub,
kept inside the desk's encrypted store and shown to no one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from cstr_desk.hub.errors import HubError
from cstr_desk.arguments import name, port
from cstr_desk.permissions import Action, may
from cstr_desk.progress_lines import every_tenth
from cstr_desk.store.commands import SIGN_IN_ENV, read_secret
from cstr_desk.store.errors import StoreError
from cstr_desk.store.files import UnusableSideFile, read_side_file
from cstr_desk.store.opening import open_with_password

if TYPE_CHECKING:
    from cstr_desk.hub.connection import HubAddress
    from cstr_desk.store.monitoring_summary import Summarise
    from cstr_desk.store.session import Session

HUB_PASSWORD_ENV = "CSTR_DESK_HUB_PASSWORD"
# A CA certificate in PEM is a few kilobytes; anything far larger is not one.
MAX_CA_FILE_BYTES = 256 * 1024


def plain_errors(action: Callable[[argparse.Namespace], int]
                 ) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        try:
            return action(args)
        except (HubError, StoreError) as error:
            print(error.message, file=sys.stderr)
            return 1

    return handler


def hub_address(args: argparse.Namespace) -> HubAddress:
    # psycopg is loaded only when a hub command runs: the app and every other command start
    # without it (and a desk with no hub never needs it).
    from cstr_desk.hub.connection import HubAddress

    path = Path(args.ca_cert)
    try:
        # Read without blocking and checked with fstat: a FIFO given here would wait forever.
        pem = read_side_file(path, MAX_CA_FILE_BYTES).decode("ascii")
    except UnusableSideFile as error:
        raise HubError(f"The site CA's certificate could not be read from {path} ({error}): "
                       "give the PEM file the hub's administrator sent.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise HubError(f"The site CA's certificate could not be read from {path}: give the "
                       "PEM file the hub's administrator sent.") from error
    if "-----BEGIN CERTIFICATE-----" not in pem:
        raise HubError(f"{path} holds no certificate in PEM form (-----BEGIN CERTIFICATE-----).")
    try:
        return HubAddress(host=args.host, port=args.port, dbname=args.dbname, ca_certificate=pem)
    except ValidationError as error:
        raise HubError("The hub's address is not usable: give --host (the name in its "
                       "certificate), a --port from 1 to 65535 and a --dbname.") from error


def hub_password(user: str) -> str:
    return read_secret(HUB_PASSWORD_ENV, f"Hub password for {user}: ")


@plain_errors
def _init(args: argparse.Namespace) -> int:
    from cstr_desk.hub.admin import init_hub
    from cstr_desk.hub.connection import connect

    address = hub_address(args)
    with connect(address, args.hub_user, hub_password(args.hub_user)) as hub:
        applied, version = init_hub(hub)
    where = f"{address.host}:{address.port}/{address.dbname}"
    if applied:
        print(f"The hub at {where} is ready (schema version {version}; applied: "
              + "; ".join(m.description for m in applied) + ").")
    else:
        print(f"The hub at {where} is up to date (schema version {version}); nothing changed.")
    return 0


@plain_errors
def _add_desk(args: argparse.Namespace) -> int:
    from cstr_desk.hub.enrolment import enrol_desk

    address = hub_address(args)
    desk_password = read_secret(SIGN_IN_ENV, f"Password for {args.user} on this desk: ")
    with open_with_password(Path(args.db), args.user, desk_password) as session:
        admin_password = hub_password(args.hub_user)
        enrolment = enrol_desk(session, address, args.hub_user, admin_password, args.site)
    print(f"This desk ({args.db}) is enrolled with the hub at {address.host} for site "
          f"{enrolment.site}, as desk {enrolment.desk_id}. Its hub login is kept inside the "
          "encrypted database.")
    return 0


@plain_errors
def _verify(args: argparse.Namespace) -> int:
    from cstr_desk.hub.connection import connect
    from cstr_desk.hub.witness import problem_words, verify_hub

    address = hub_address(args)
    with connect(address, args.hub_user, hub_password(args.hub_user)) as hub:
        chains = verify_hub(hub)
    broken = [chain for chain in chains if chain.problems]
    for chain in chains:
        state = "BROKEN" if chain.problems else "whole"
        print(f"desk {chain.desk_id} (site {chain.site}): {chain.entries} audit entries, {state}")
        for code in chain.problems:
            print(f"  - {problem_words(code)}")
    if broken:
        print(f"{len(broken)} of {len(chains)} desks' audit chains are broken: their history was "
              "cut or rewritten after an upload. Ask each desk's administrator to run "
              "'cstr-desk verify' on it.", file=sys.stderr)
        return 1
    print(f"Every desk's audit chain on the hub is whole ({len(chains)} desks).")
    return 0


def _sync(summarise: Summarise) -> Callable[[argparse.Namespace], int]:
    @plain_errors
    def run(args: argparse.Namespace) -> int:
        return _sync_desk(args, summarise)

    return run


def _sync_desk(args: argparse.Namespace, summarise: Summarise) -> int:
    from cstr_desk.hub.pull import pull
    from cstr_desk.hub.sync import sync

    password = read_secret(SIGN_IN_ENV, f"Password for {args.user} on this desk: ")
    with open_with_password(Path(args.db), args.user, password) as session:
        if args.status:
            return _print_status(session)
        result = sync(session, summarise, progress=lambda sent, of: print(
            f"Sent {sent:,} of {of:,} audit entries to the hub.", file=sys.stderr),
            summarising=every_tenth(lambda percent, done, total: (
                f"  summarising referrals for the hub: {percent}% ({done:,} of {total:,})")),
            sending=every_tenth(lambda percent, done, total: (
                f"  sending referrals' summaries: {percent}% ({done:,} of {total:,})")))
        if result.entries == 0:
            print("Nothing new to send: the hub holds everything this desk has recorded.")
        else:
            print(f"Synced with the hub: {result.entries:,} audit entries and "
                  f"{result.records:,} record versions sent and confirmed.")
        if not may(session.user.role, Action.PULL_CASES):
            # The administrator opens no case, so brings none onto the desk either.
            return 0
        pulled = pull(session, progress=every_tenth(lambda percent, done, of: (
            f"Pulled {done:,} of {of:,} cases waiting for assessment ({percent} %).")))
    if pulled.added:
        print(f"Pulled {pulled.added:,} records that other desks added to cases this desk "
              "holds.")
    if pulled.cases == 0:
        print("No case of the site waits for assessment that this desk does not hold.")
    else:
        print(f"Pulled from other desks of the site: {pulled.cases:,} cases waiting for "
              f"assessment ({pulled.records:,} records), from desk "
              + ", ".join(pulled.from_desks) + ".")
    return 0


def _print_status(session: Session) -> int:
    status = session.hub_sync_status()
    if not status.enrolled:
        print("This desk is not enrolled with a site hub; it works on its own.")
        return 0
    when = status.last_synced_at or "never"
    print(f"Last synced: {when}. Waiting to be sent: {status.waiting:,} audit entries.")
    if may(session.user.role, Action.PULL_CASES):
        held = session.pulled_cases()
        desks = sorted({case.from_desk for case in held})
        if held:
            print(f"Pulled from other desks: {len(held):,} cases held, the last at "
                  f"{held[-1].pulled_at}, from desk " + ", ".join(desks) + ".")
        else:
            print("Pulled from other desks: no case yet.")
    return 0


def hub_address_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", required=True, help="the hub's host name, as in its certificate")
    parser.add_argument("--port", type=port, default=5432)
    parser.add_argument("--dbname", type=name, default="cstr_hub",
                        help="the hub's database (default cstr_hub)")
    parser.add_argument("--hub-user", type=name, required=True,
                        help="the hub administrator's account")
    parser.add_argument("--ca-cert", required=True,
                        help="the site CA's certificate (PEM) that the hub's certificate is checked against")


def register(subparsers: argparse._SubParsersAction, summarise: Summarise) -> None:
    """The hub's commands; `summarise` is the monthly return's summary of a referral (the
    workflow's definition, which this layer may not import), sent with each sync."""
    hub = subparsers.add_parser("hub", help="the site hub (PostgreSQL) that a site's desks share")
    actions = hub.add_subparsers(dest="hub_command", metavar="ACTION", required=True)
    init = actions.add_parser("init", help="create or update the hub's schema (hub administrator)")
    hub_address_arguments(init)
    init.set_defaults(handler=_init)
    add = actions.add_parser("add-desk", help="enrol this desk with its site's hub (administrator)")
    hub_address_arguments(add)
    add.add_argument("--site", type=name, required=True,
                     help="the site's code, for example cardiff-mc")
    add.add_argument("--db", required=True, help="this desk's database file")
    add.add_argument("--user", type=name, default="admin",
                     help="the desk administrator's username")
    add.set_defaults(handler=_add_desk)
    verify = actions.add_parser("verify", help="check every desk's audit chain on the hub "
                                "(hub administrator)")
    hub_address_arguments(verify)
    verify.set_defaults(handler=_verify)
    sync = subparsers.add_parser("sync", help="send this desk's changes to its site hub and "
                                 "pull the site's cases waiting for assessment")
    sync.add_argument("--db", required=True, help="this desk's database file")
    sync.add_argument("--user", type=name, required=True, help="your username on this desk")
    sync.add_argument("--status", action="store_true",
                      help="say when this desk last synced and what waits, and send nothing")
    sync.set_defaults(handler=_sync(summarise))
