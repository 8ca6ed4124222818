"""The `cstr-desk` command: no subcommand opens the desktop app; subcommands do the rest.

Each area of the core registers its own subcommands; this module only gathers them, so a
command's code lives beside what it drives.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cstr_desk.hub import commands as hub_commands
from cstr_desk.store import commands as store_commands
from cstr_desk.workflow import demo_commands, fhir_commands, monitoring_commands, report_commands


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cstr-desk",
        description="CSTR Desk: screening, assessment and consent for treatment requirements.",
    )
    parser.add_argument("--self-test", action="store_true",
                        help="check this copy works end to end (temporary database, every "
                             "instrument, every report) and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Command modules register here, one line each.
    monitoring_commands.register(subparsers)
    fhir_commands.register(subparsers)
    store_commands.register(subparsers)
    report_commands.register(subparsers)
    demo_commands.register(subparsers)
    hub_commands.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from cstr_desk.selftest import run as run_self_test

        return run_self_test()
    if args.command is None:
        from cstr_desk.ui.app import run_app  # Qt is loaded only when the app is opened

        return run_app()
    try:
        return int(args.handler(args) or 0)
    except EOFError:
        # A password prompt with nothing to read (a script, no terminal).
        print("No password was given. Type it when asked, or set CSTR_DESK_PASSWORD (and "
              "CSTR_DESK_NEW_PASSWORD for a password being set). Nothing was changed.",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
