"""The store's `cstr-desk` subcommands: init, users, backup, restore, rekey, verify and
export-person (demo-data, which goes through the pathway, is the workflow's:
workflow/demo_commands.py).

Passwords never come from arguments (they would sit in shell history and the process list):
each is read from the environment (CSTR_DESK_PASSWORD to sign in, CSTR_DESK_NEW_PASSWORD for
a password being set) or asked for with getpass. A recovery key is read from a file named
by --recovery-key-file.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from cstr_desk.arguments import name, record_number
from cstr_desk.domain import ROLE_LABELS, Role, SiteSettings, User
from cstr_desk.progress_lines import Progress, every_tenth
from cstr_desk.store.errors import RekeyUnfinished, StoreError
from cstr_desk.store.files import UnusableSideFile, read_side_file
from cstr_desk.store.outputs import OutputExists
from cstr_desk.store.opening import create_database, open_with_password, open_with_recovery_key
from cstr_desk.store.backup import restore_backup
from cstr_desk.store.recovery import RecoveryKey
from cstr_desk.store.rekey import Rekeyed
from cstr_desk.store.session import Session

SIGN_IN_ENV = "CSTR_DESK_PASSWORD"
NEW_PASSWORD_ENV = "CSTR_DESK_NEW_PASSWORD"


# A recovery key is 69 characters; a file far larger is not one.
MAX_RECOVERY_KEY_FILE_BYTES = 4096


def read_secret(env: str, prompt: str, confirm: bool = False) -> str:
    """A password from the environment variable `env`, or asked for (getpass reads stdin when
    there is no terminal). Every command reads its passwords here, so each way one can fail
    (nothing to read, bytes that are not text) is one plain StoreError."""
    value = os.environ.get(env)
    if value is not None:
        return _text(value, f"The password in {env}")
    value = _text(_ask(env, prompt), "The password typed")
    if confirm and _ask(env, "Type it again: ") != value:
        raise StoreError("The two passwords were not the same; nothing was changed.")
    return value


def _ask(env: str, prompt: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise StoreError(f"No password was given. Type it when asked, or set {env}. Nothing "
                         "was changed.") from None
    except UnicodeDecodeError:
        raise _not_text("The password typed") from None


def _text(value: str, what: str) -> str:
    # Bytes that are not UTF-8 arrive as surrogates (the environment, and stdin under the C
    # locale); the key derivation would fail on them half-way.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _not_text(what) from None
    return value


def _not_text(what: str) -> StoreError:
    return StoreError(f"{what} is not text (its bytes are not UTF-8); nothing was changed.")


def sign_in_password(username: str) -> str:
    """The password of the account a command signs in as: CSTR_DESK_PASSWORD, else a prompt."""
    return read_secret(SIGN_IN_ENV, f"Password for {username}: ")


def _recovery_key(path: str) -> str:
    try:
        return read_side_file(Path(path), MAX_RECOVERY_KEY_FILE_BYTES).decode("utf-8").strip()
    except FileNotFoundError:
        raise StoreError(f"There is no recovery key file at {path}.") from None
    except (OSError, UnusableSideFile, UnicodeDecodeError) as error:
        reason = "it is not text" if isinstance(error, UnicodeDecodeError) else \
            "it is a folder" if Path(path).is_dir() else getattr(error, "strerror", None) or error
        raise StoreError(f"The recovery key file {path} could not be read ({reason}).") from None


def _sign_in(args: argparse.Namespace) -> Session:
    if getattr(args, "recovery_key_file", None):
        return open_with_recovery_key(Path(args.db), _recovery_key(args.recovery_key_file))
    return open_with_password(Path(args.db), args.user,
                              sign_in_password(args.user))


def _with_session(action: Callable[[Session, argparse.Namespace], int | None],
                  ) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        try:
            with _sign_in(args) as session:
                return action(session, args) or 0
        except StoreError as error:
            print(error_line(error), file=sys.stderr)
            return 1

    return handler


def error_line(error: StoreError) -> str:
    """The one line a command prints for a store error."""
    if isinstance(error, OutputExists):
        return f"{error.message} Give another name, or --force to replace it."
    return error.message


def _plain_errors(action: Callable[[argparse.Namespace], int | None],
                  ) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        try:
            return action(args) or 0
        except StoreError as error:
            print(error_line(error), file=sys.stderr)
            return 1

    return handler


@_plain_errors
def _init(args: argparse.Namespace) -> int:
    password = read_secret(SIGN_IN_ENV, f"New password for {args.admin_user}: ", confirm=True)
    # A site without its own name is named after its court: the monthly return says whose
    # figures it holds (Manual §2.4, "aggregated up from local monitoring data").
    settings = SiteSettings(site_name=args.site or args.court[0], courts=args.court)
    admin = User(username=args.admin_user, full_name=args.admin_name, role=Role.ADMINISTRATOR)
    session, recovery = create_database(Path(args.db), admin, password, settings)
    session.close()
    print(f"Created {args.db} with administrator “{args.admin_user}”.\n")
    _print_recovery_key(recovery)
    return 0


def _print_recovery_key(recovery: RecoveryKey) -> None:
    print("RECOVERY KEY (shown once: print it or write it down and keep it locked away;")
    print("it opens the database if passwords or the key file are lost):\n")
    print(f"    {recovery.formatted}\n")


def _rekey_progress() -> Progress:
    """Copying a large database under its new key takes a while."""
    return every_tenth(lambda percent, done, total: f"  re-keying: {percent}% ("
                       f"{done // 1_000_000:,} of {total // 1_000_000:,} MB)")


def _report_rekey(work: Callable[[], Rekeyed]) -> None:
    """A re-key's outcome; when its swap is left for the next sign-in to finish, its recovery
    key is printed all the same (before the message saying so), as no later step can."""
    try:
        outcome = work()
    except RekeyUnfinished as unfinished:
        _report_new_key(unfinished.outcome)
        raise
    print("The database has a new key. The old recovery key, and any old copy of the key "
          "file (in a backup or a synced folder), no longer open it; backups made before "
          "now still open as they did.\n")
    _report_new_key(outcome)


def _report_new_key(outcome: Rekeyed) -> None:
    _print_recovery_key(outcome.recovery_key)
    if outcome.need_new_password:
        print("These accounts could not be given the new key (they have not signed in since "
              "this version) and cannot sign in until an administrator sets them a new "
              "password (cstr-desk users passwd): " + ", ".join(outcome.need_new_password))


def _rekey(session: Session, args: argparse.Namespace) -> None:
    _report_rekey(lambda: session.rekey(progress=_rekey_progress()))


def _users_add(session: Session, args: argparse.Namespace) -> None:
    password = read_secret(NEW_PASSWORD_ENV, f"New password for {args.username}: ", confirm=True)
    session.add_user(User(username=args.username, full_name=args.full_name,
                          role=Role(args.role)), password)
    print(f"Added {args.username} ({ROLE_LABELS[Role(args.role)]}).")


def _users_passwd(session: Session, args: argparse.Namespace) -> None:
    password = read_secret(NEW_PASSWORD_ENV, f"New password for {args.username}: ", confirm=True)
    session.change_password(args.username, password)
    print(f"Password set for {args.username}.")


def _users_remove(session: Session, args: argparse.Namespace) -> None:
    def remove() -> Rekeyed:
        outcome = session.remove_user(args.username, progress=_rekey_progress())
        print(f"Removed {args.username}; their key slot is deleted.")
        return outcome

    _report_rekey(remove)


def _users_list(session: Session, args: argparse.Namespace) -> None:
    for user in session.list_users():
        state = "" if user.active else "  (removed)"
        print(f"{user.username:20} {ROLE_LABELS[user.role]:28} {user.full_name}{state}")


def _backup(session: Session, args: argparse.Namespace) -> None:
    session.backup(Path(args.out), force=args.force)
    print(f"Encrypted backup written to {args.out}.")


@_plain_errors
def _restore(args: argparse.Namespace) -> int:
    if args.other_database:
        print("Warning: --other-database lets a backup of a different database replace this "
              "one, with that database's records and accounts.", file=sys.stderr)
    if args.recovery_key_file:
        kept = restore_backup(Path(args.source), Path(args.db),
                              recovery_key=_recovery_key(args.recovery_key_file),
                              other_database=args.other_database)
    else:
        password = read_secret(SIGN_IN_ENV, f"Password for {args.user} (as in the backup): ")
        kept = restore_backup(Path(args.source), Path(args.db), username=args.user,
                              password=password, other_database=args.other_database)
    print(f"The backup passed its checks and is now the database at {args.db}.")
    if kept:
        print(f"The database it replaced is kept as {kept}.")
    return 0


def _verify(session: Session, args: argparse.Namespace) -> int:
    report = session.verify(args.audit_ref)
    print("\n".join(report.lines()))
    if not report.ok:
        print("Problems were found: restore the latest backup (cstr-desk restore).")
    return 0 if report.ok else 1


def _export_person(session: Session, args: argparse.Namespace) -> None:
    session.export_person(args.person, Path(args.out), force=args.force)
    print(f"Subject access export written to {args.out}. It holds personal data: keep it safe.")


def _signed_in(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, help="the database file")
    parser.add_argument("--user", type=name, default="admin",
                        help="your username (default: admin)")
    parser.add_argument("--recovery-key-file", help="sign in with the recovery key in this file")


def _force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help="replace the file if it exists")


def register(subparsers: argparse._SubParsersAction) -> None:
    init = subparsers.add_parser("init", help="create a new database and its first administrator")
    init.add_argument("--db", required=True)
    init.add_argument("--admin-user", type=name, default="admin")
    init.add_argument("--admin-name", type=name, default="Administrator")
    init.add_argument("--site", type=name, default=None,
                      help="the site's name, as the monitoring return prints it (default: the "
                           "first --court)")
    init.add_argument("--court", type=name, action="append", default=None, required=True,
                      help="a court at this site (repeat for more)")
    init.set_defaults(handler=_init)

    users = subparsers.add_parser("users", help="manage user accounts (administrator)")
    actions = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add an account")
    _signed_in(add)
    add.add_argument("username", type=name)
    add.add_argument("--full-name", type=name, required=True)
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.set_defaults(handler=_with_session(_users_add))
    for command, action, text in (("passwd", _users_passwd, "set someone's password"),
                                  ("remove", _users_remove, "remove an account")):
        sub = actions.add_parser(command, help=text)
        _signed_in(sub)
        sub.add_argument("username", type=name)
        sub.set_defaults(handler=_with_session(action))
    listing = actions.add_parser("list", help="list the accounts")
    _signed_in(listing)
    listing.set_defaults(handler=_with_session(_users_list))

    backup = subparsers.add_parser("backup", help="write an encrypted backup")
    _signed_in(backup)
    backup.add_argument("--out", required=True)
    _force(backup)
    backup.set_defaults(handler=_with_session(_backup))

    restore = subparsers.add_parser("restore", help="check a backup, then make it the database")
    restore.add_argument("--from", dest="source", required=True)
    restore.add_argument("--db", required=True)
    restore.add_argument("--user", type=name, default="admin")
    restore.add_argument("--recovery-key-file")
    restore.add_argument("--other-database", action="store_true",
                         help="allow a backup of a different database (it replaces this one)")
    restore.set_defaults(handler=_restore)

    rekey = subparsers.add_parser(
        "rekey", help="give the database a new key and recovery key (administrator)",
        description="Gives the database a new random key: every account keeps its password, "
                    "the old recovery key and old copies of the key file stop working, and a "
                    "new recovery key is printed once.")
    _signed_in(rekey)
    rekey.set_defaults(handler=_with_session(_rekey))

    verify = subparsers.add_parser("verify", help="check encryption, structure and audit trail")
    _signed_in(verify)
    verify.add_argument("--audit-ref", metavar="N-XXXXXXXX",
                        help="an issued report's audit reference: does the database still "
                             "hold that point of the audit trail, unchanged?")
    verify.set_defaults(handler=_with_session(_verify))

    export = subparsers.add_parser("export-person", help="subject access request export")
    _signed_in(export)
    export.add_argument("--person", type=record_number("person"), required=True)
    export.add_argument("--out", required=True)
    _force(export)
    export.set_defaults(handler=_with_session(_export_person))
