"""The `cstr-desk` command: no subcommand opens the desktop app; subcommands do the rest.

Each area of the core registers its own subcommands; this module only gathers them, so a
command's code lives beside what it drives.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from cstr_desk.fault_log import record_fault
from cstr_desk.hub import clearing_commands
from cstr_desk.hub import commands as hub_commands
from cstr_desk.store import commands as store_commands
from cstr_desk.workflow import (
    demo_commands,
    fhir_commands,
    hub_return,
    monitoring_commands,
    report_commands,
)
from cstr_desk.workflow.monitoring_summary import summary_of

# Printed only when a command meets an error nobody foresaw: no traceback (it could show a
# record's values held in local variables or arguments) and nothing of the error's own text.
# Every foreseen failure has its own line (tests/core/test_bad_input.py fails on this one).
LAST_RESORT_MESSAGE = ("CSTR Desk stopped on a problem it did not expect. What was saved before "
                       "is safe (each change is saved whole or not at all). Please report the "
                       "command you ran.")


class CommandParser(argparse.ArgumentParser):
    """argparse's refusal on one line (its default prints the whole usage first); subcommands'
    parsers are made of the same class (add_subparsers uses the parent's), so all are alike."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
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
    hub_commands.register(subparsers, summary_of)
    hub_return.register(subparsers)  # an action of `cstr-desk hub`, so after it
    clearing_commands.register(subparsers)
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
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the last resort (LAST_RESORT_MESSAGE)
        return last_resort(error, args)


def last_resort(error: Exception, args: argparse.Namespace) -> int:
    """The error's text and traceback are not printed: either could hold personal data. As the
    app does (ui/fault_hook.py), a note for support with only the error's kind and where it was
    raised (fault_log) is kept beside the database, when the command names one."""
    note = None
    folder = Path(args.db).parent if getattr(args, "db", None) else None
    if folder is not None and folder.is_dir():
        try:
            note = record_fault(folder, error)
        except OSError:
            note = None
    line = LAST_RESORT_MESSAGE
    if note is not None:
        line += f" A note for IT support, with nothing about anyone in it, is in {note}."
    print(line, file=sys.stderr)
    return 70  # EX_SOFTWARE


if __name__ == "__main__":
    sys.exit(main())
