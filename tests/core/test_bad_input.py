"""Issue 13 item 9: bad input gets one plain line and a non-zero exit, from every command.

Every `cstr-desk` command is found in the argparse parser itself (cli.build_parser), and each of
its options is run over the bad values of its kind (DEST_KINDS: a folder as --db or --out, a
missing folder, a read-only folder, a FIFO, a binary or empty file, numbers too big for SQLite,
impossible months and dates, empty and blank names, unreachable hubs, passwords that are not
text...). A row fails on a traceback, on exit code 0, on anything but one line on stderr, on a
hang, on the last-resort message, or when the line does not name what was wrong. A command or
option added later without rows of its own fails `test_every_command_and_option_has_rows`.
(`python -m scoring`, a separate entry point, has its table in test_scoring_cli.py.)
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from cstr_desk import cli
from cstr_desk.hub import connection as hub_connection
from cstr_desk.store.testing import cheap_kdf, TEST_PASSWORD, USERNAMES
from cstr_desk.domain import Role

REPO = Path(__file__).resolve().parents[2]
HANG_SECONDS = 20
# The hub's connect timeout, made short here so a silent hub costs the test little; the row
# checks the command gives up within it (and so within the real bound too).
HUB_TIMEOUT_SECONDS = 2
BINARY = b"\xff\xfe\x00\x81 not text \xc3\x28\n"
PRACTITIONER = USERNAMES[Role.PRACTITIONER]
# Commands that read a case's records, which an administrator may not.
CASE_COMMANDS = {("report",), ("export", "fhir")}


@dataclass
class Template:
    """What every row starts from, made once: a database holding one consented case (so a
    report can be made), its backup, a read-only folder and two hub ports."""

    db: Path
    case: int
    backup: Path
    closed_port: int
    silent_port: int
    read_only: Path | None
    read_only_reason: str


@dataclass
class Site:
    """The files one row points at, fresh for the row: a row that wrote to the database or
    failed to sign in leaves nothing behind for the next one."""

    template: Template
    root: Path
    suffix: str = ".json"

    def __post_init__(self) -> None:
        self.db = self.root / self.template.db.name
        copy_database(self.template.db, self.root)
        self.folder = self.root / "a-folder"
        self.folder.mkdir()
        self.missing = self.root / "no-such-folder"
        self.text_file = self.root / "notes.txt"
        self.text_file.write_text("Not a database, a backup, a key or a certificate.\n")
        self.empty_file = self.root / "empty"
        self.empty_file.write_bytes(b"")
        self.binary_file = self.root / "binary.bin"
        self.binary_file.write_bytes(BINARY * 100)
        self.fifo = self.root / "a-fifo"
        os.mkfifo(self.fifo)
        self.ca_cert = self.root / "ca.pem"
        self.ca_cert.write_text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
        self.recovery_key = self.root / "recovery.txt"
        self.recovery_key.write_text("AAAA-" * 13 + "AAAA\n")
        (self.root / "out").mkdir()

    @property
    def read_only(self) -> Path:
        assert self.template.read_only is not None
        return self.template.read_only

    @property
    def read_only_db(self) -> Path:
        return self.read_only / self.db.name

    def fresh(self, name: str) -> str:
        """A path that does not exist yet."""
        return str(self.root / "out" / name)


# --- the commands, from the parser -----------------------------------------------------------

def leaf_commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
                  ) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subparsers:
        yield path, parser
        return
    for name, sub in subparsers[0].choices.items():
        yield from leaf_commands(sub, (*path, name))


def options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The actions that take a value (flags such as --force have no bad value)."""
    return [a for a in parser._actions
            if not isinstance(a, (argparse._HelpAction, argparse._StoreTrueAction))]


COMMANDS = dict(leaf_commands(cli.build_parser()))


# --- what each option is, and its bad values -------------------------------------------------

# Each option's kind, by its dest; (command, dest) where one command means something else by it.
DEST_KINDS: dict[str, str] = {
    "db": "database", "out": "output_file", "source": "backup_file",
    "recovery_key_file": "recovery_key_file", "ca_cert": "ca_certificate",
    "person": "record_number", "case": "record_number", "month": "month",
    "period_from": "uk_date", "period_to": "uk_date", "people": "count", "seed": "seed",
    "host": "hub_host", "port": "port", "dbname": "name",
    "admin_user": "name", "admin_name": "name", "court": "name", "site": "name",
    "full_name": "name", "username": "name", "user": "name", "hub_user": "name",
    "role": "choice", "kind": "choice", "audit_ref": "audit_reference",
}
COMMAND_DEST_KINDS: dict[tuple[tuple[str, ...], str], str] = {
    (("init",), "db"): "new_database",
    (("restore",), "db"): "restore_target",
    (("export", "fhir"), "out"): "output_file_or_folder",
}


def kind_of(command: tuple[str, ...], dest: str) -> str | None:
    return COMMAND_DEST_KINDS.get((command, dest), DEST_KINDS.get(dest))


Value = Callable[[Site], str]
# kind -> [(label, value, what the line must say)]; a value is worked out from the Site.
BAD_VALUES: dict[str, list[tuple[str, Value, str]]] = {
    "database": [
        ("a folder", lambda s: str(s.folder), r"folder"),
        ("in a missing folder", lambda s: str(s.missing / "court.cstr"), r"no CSTR Desk database"),
        ("a text file", lambda s: str(s.text_file), r"not a CSTR Desk database|key file"),
        ("an empty file", lambda s: str(s.empty_file), r"not a CSTR Desk database|key file|empty"),
        ("a binary file", lambda s: str(s.binary_file), r"not a CSTR Desk database|key file"),
        ("a FIFO", lambda s: str(s.fifo), r"not an ordinary file|not a CSTR Desk database"),
        ("in a read-only folder", lambda s: str(s.read_only_db), r"read-only|cannot be written"),
    ],
    "new_database": [
        ("a folder", lambda s: str(s.folder), r"folder"),
        ("in a missing folder", lambda s: str(s.missing / "court.cstr"), r"does not exist"),
        ("a text file", lambda s: str(s.text_file), r"already"),
        ("a FIFO", lambda s: str(s.fifo), r"already"),
        ("in a read-only folder", lambda s: str(s.read_only / "new.cstr"), r"read-only|cannot be written"),
    ],
    "restore_target": [
        ("a folder", lambda s: str(s.folder), r"folder"),
        ("in a missing folder", lambda s: str(s.missing / "court.cstr"), r"does not exist"),
        # An ordinary file that is no database is replaced (and kept): a database damaged past
        # opening is what a restore is for (backup._check_restore_paths).
        ("a FIFO", lambda s: str(s.fifo), r"not an ordinary file"),
        ("in a read-only folder", lambda s: str(s.read_only_db), r"read-only"),
    ],
    "output_file": [
        ("a folder", lambda s: str(s.folder), r"folder"),
        ("in a missing folder", lambda s: str(s.missing / f"out{s.suffix}"), r"does not exist"),
        ("in a read-only folder", lambda s: str(s.read_only / f"out{s.suffix}"), r"read-only"),
        # The report and the return refuse the name's ending before they see it is the database.
        ("the database itself", lambda s: str(s.db), r"database|must end in|ending in"),
    ],
    "output_file_or_folder": [
        ("in a missing folder", lambda s: str(s.missing / "bundle.json"), r"does not exist"),
        ("in a read-only folder", lambda s: str(s.read_only / "bundle.json"), r"read-only"),
        ("the database itself", lambda s: str(s.db), r"database"),
    ],
    "backup_file": [
        ("a folder", lambda s: str(s.folder), r"folder|backup"),
        ("missing", lambda s: str(s.missing / "b.backup"), r"no backup file"),
        ("a text file", lambda s: str(s.text_file), r"backup"),
        ("an empty file", lambda s: str(s.empty_file), r"backup"),
        ("a binary file", lambda s: str(s.binary_file), r"backup"),
        ("a FIFO", lambda s: str(s.fifo), r"backup|not an ordinary file"),
    ],
    "recovery_key_file": [
        ("a folder", lambda s: str(s.folder), r"recovery key"),
        ("missing", lambda s: str(s.missing / "key.txt"), r"recovery key"),
        ("an empty file", lambda s: str(s.empty_file), r"recovery key"),
        ("a binary file", lambda s: str(s.binary_file), r"recovery key"),
        ("a text file", lambda s: str(s.text_file), r"recovery key"),
        ("a FIFO", lambda s: str(s.fifo), r"recovery key"),
    ],
    "ca_certificate": [
        ("a folder", lambda s: str(s.folder), r"certificate"),
        ("missing", lambda s: str(s.missing / "ca.pem"), r"certificate"),
        ("an empty file", lambda s: str(s.empty_file), r"certificate"),
        ("a binary file", lambda s: str(s.binary_file), r"certificate"),
        ("a FIFO", lambda s: str(s.fifo), r"certificate"),
    ],
    "record_number": [
        ("past SQLite's integers", lambda s: "99999999999999999999", r"number"),
        ("at 2**63", lambda s: str(2**63), r"number"),
        ("negative", lambda s: "-1", r"number"),
        ("zero", lambda s: "0", r"number"),
        ("not a number", lambda s: "twelve", r"number"),
        ("empty", lambda s: "", r"number"),
    ],
    "month": [
        ("past the calendar", lambda s: "9999-12", r"month"),
        ("a thirteenth month", lambda s: "2026-13", r"month"),
        ("year zero", lambda s: "0000-01", r"month"),
        ("a day too", lambda s: "2026-03-01", r"month"),
        ("words", lambda s: "March", r"month"),
        ("empty", lambda s: "", r"month"),
    ],
    "uk_date": [
        ("the 31st of February", lambda s: "31/02/2026", r"date|day"),
        ("nonsense digits", lambda s: "99/99/9999", r"date|day|month"),
        ("all zeros", lambda s: "00/00/0000", r"date|day|month"),
        ("the year 9999 and more", lambda s: "01/01/99999", r"date|year"),
        ("empty", lambda s: "", r"date|--from|--to"),
    ],
    "count": [
        ("negative", lambda s: "-1", r"people"),
        ("zero", lambda s: "0", r"people"),
        ("past SQLite's integers", lambda s: "99999999999999999999", r"people"),
        ("a million", lambda s: "1000000", r"people"),
        ("not a number", lambda s: "six", r"people"),
    ],
    "seed": [
        ("not a number", lambda s: "four", r"seed"),
        ("past any integer", lambda s: "9" * 5000, r"seed"),
    ],
    "hub_host": [
        ("empty", lambda s: "", r"host"),
        ("a name that does not resolve", lambda s: "no-such-hub.invalid", r"could not be reached"),
    ],
    "port": [
        ("zero", lambda s: "0", r"port"),
        ("past 65535", lambda s: "65536", r"port"),
        ("past SQLite's integers", lambda s: "99999999999999999999", r"port"),
        ("not a number", lambda s: "postgres", r"port"),
        ("closed", lambda s: str(s.template.closed_port), r"could not be reached"),
        ("a hub that never answers", lambda s: str(s.template.silent_port), r"could not be reached"),
    ],
    "name": [
        ("empty", lambda s: "", r"empty|give"),
        ("blank", lambda s: "   ", r"empty|give|blank"),
        ("a line break in it", lambda s: "Ada\nAdmin", r"line|character"),
    ],
    "audit_reference": [
        ("words", lambda s: "the last one", r"not an audit reference"),
        ("empty", lambda s: "", r"not an audit reference"),
        ("a hash that is not hex", lambda s: "12-zzzzzzzz", r"not an audit reference"),
        ("an entry past SQLite's integers", lambda s: "99999999999999999999-0f3a9c2e",
         r"not an audit reference|larger than any"),
    ],
    "choice": [
        ("not one of the choices", lambda s: "nonsense", r"invalid choice|choose"),
    ],
}

READ_ONLY_LABEL = "in a read-only folder"


def good_value(command: tuple[str, ...], dest: str, site: Site) -> list[str]:
    """The value each option has in a row where another option is the bad one."""
    kind = kind_of(command, dest)
    if kind == "new_database":
        return [site.fresh("new.cstr")]
    if kind == "restore_target":
        return [site.fresh("restored.cstr")]
    if kind == "output_file":
        return [site.fresh(f"out{site.suffix}")]
    if kind == "output_file_or_folder":
        return [site.fresh("bundle.json")]
    good = {
        "database": str(site.db), "backup_file": str(site.template.backup),
        "recovery_key_file": str(site.recovery_key), "ca_certificate": str(site.ca_cert),
        "record_number": str(site.template.case), "month": "2026-03", "uk_date": "01/03/2025",
        "count": "1", "seed": "4", "audit_reference": "1-00000000", "hub_host": "127.0.0.1", "port": str(site.template.closed_port),
    }.get(kind or "")
    if good is not None:
        return [good]
    names = {"role": "ld_worker", "kind": "consent", "username": "lena.new",
             "user": PRACTITIONER if command in CASE_COMMANDS else USERNAMES[Role.ADMINISTRATOR],
             "court": "Court 1", "site": "cardiff-mc", "dbname": "cstr_hub",
             "hub_user": "hubadmin", "admin_user": "admin", "admin_name": "Ada Admin",
             "full_name": "Lena New"}
    return [names[dest]]


@dataclass(frozen=True)
class Row:
    command: tuple[str, ...]
    dest: str
    label: str
    value: Value
    expect: str

    @property
    def id(self) -> str:
        return f"{' '.join(self.command)} {self.dest}={self.label}".replace(" ", "_")


PERIOD = ("period_from", "period_to")
# What each command's output file must be called.
SUFFIXES = {("report",): ".pdf", ("export", "monitoring"): ".csv", ("hub", "return"): ".csv"}


def bad_rows() -> list[Row]:
    return [Row(command, action.dest, label, value, expect)
            for command, parser in COMMANDS.items() for action in options(parser)
            for label, value, expect in BAD_VALUES.get(kind_of(command, action.dest) or "", [])]


ROWS = bad_rows()


def argv_for(row: Row, site: Site) -> list[str]:
    """The command with every option good but the row's one."""
    parser = COMMANDS[row.command]
    groups = {a.dest: g for g in parser._mutually_exclusive_groups for a in g._group_actions}
    argv = list(row.command)
    site.suffix = SUFFIXES.get(row.command, ".json")
    for action in options(parser):
        group = groups.get(action.dest)
        if group is not None and row.dest in groups and groups[row.dest] is group:
            wanted = action.dest == row.dest  # the bad one stands for its group
        elif group is not None:
            wanted = action is group._group_actions[0]
        else:
            wanted = (action.required or action.dest in (row.dest, "user")
                      or row.dest in PERIOD and action.dest in PERIOD)
        if not wanted:
            continue
        if action.dest == row.dest:
            values = [row.value(site)]
        elif action.dest == "kind" and row.dest in PERIOD:
            values = ["court-review"]  # the only report with a period
        else:
            values = good_value(row.command, action.dest, site)
        argv += [action.option_strings[-1], *values] if action.option_strings else values
    return argv


# --- running a command ------------------------------------------------------------------------

@dataclass
class Outcome:
    code: int | None
    out: str
    err: str


class Hung(Exception):
    pass


@contextlib.contextmanager
def watchdog(seconds: int) -> Iterator[None]:
    """A command that blocks (a FIFO read, a hub that never answers) is stopped and fails the
    row: the signal's exception interrupts a blocking system call in the main thread."""
    def stop(signum: int, frame: object) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_in_process(argv: list[str]) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    code: int | None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            with watchdog(HANG_SECONDS):
                code = cli.main(argv)
        except SystemExit as leaving:
            code = leaving.code if isinstance(leaving.code, int) else 1
        except BaseException:  # noqa: BLE001 - the failure under test: keep it for the report
            traceback.print_exc()
            code = None
    return Outcome(code, out.getvalue(), err.getvalue())


def run_in_subprocess(argv: list[str], stdin: bytes, env: dict[str, str]) -> Outcome:
    """For what a process alone shows: a password read from stdin, with no terminal. `env` is
    the whole environment the command runs in."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "cstr_desk", *argv], input=stdin, capture_output=True,
            env={**env, "PYTHONPATH": str(REPO)}, cwd=REPO,
            timeout=HANG_SECONDS * 3, start_new_session=True)  # no /dev/tty: getpass uses stdin
    except subprocess.TimeoutExpired:
        return Outcome(None, "", f"still running after {HANG_SECONDS * 3} s")
    decode = lambda data: data.decode("utf-8", "replace")
    return Outcome(done.returncode, decode(done.stdout), decode(done.stderr))


def check_plain_refusal(outcome: Outcome, expect: str, argv: list[str]) -> None:
    shown = f"{argv!r}\nexit {outcome.code}\nstdout: {outcome.out}\nstderr: {outcome.err}"
    assert "Traceback" not in outcome.out + outcome.err, shown
    assert cli.LAST_RESORT_MESSAGE not in outcome.err, shown
    assert outcome.code not in (0, None), shown
    lines = [line for line in outcome.err.splitlines() if line.strip()]
    assert len(lines) == 1, shown
    assert re.search(expect, lines[0], re.IGNORECASE), shown


# --- the site the rows point at ---------------------------------------------------------------

@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Template]:
    root = tmp_path_factory.mktemp("bad-input")
    with cheap_kdf():
        try:
            db = root / "court.cstr"
            case = consented_case(db)
            with make_session_quietly(db) as session:
                session.backup(root / "b.backup")
            read_only, reason = _read_only_folder(root, db)
            with _silent_listener() as silent_port:
                yield Template(db=db, case=case, backup=root / "b.backup",
                               closed_port=_closed_port(), silent_port=silent_port,
                               read_only=read_only, read_only_reason=reason)
        finally:
            _undo_read_only(root)


@pytest.fixture
def site(template: Template, tmp_path: Path) -> Site:
    return Site(template, tmp_path)


def consented_case(db: Path) -> int:
    from test_reports_commands import consented_case as make_case

    return make_case(db)[1]


def make_session_quietly(db: Path):
    from cstr_desk.store import open_with_password

    return open_with_password(db, USERNAMES[Role.ADMINISTRATOR], TEST_PASSWORD)


def copy_database(db: Path, folder: Path) -> None:
    """The database and the files the store keeps beside it (key file, audit head...)."""
    for path in db.parent.glob(db.name + "*"):
        if path.is_file() and not path.name.endswith(".lock"):
            shutil.copy2(path, folder / path.name)


def _read_only_folder(root: Path, db: Path) -> tuple[Path | None, str]:
    """A folder nothing can be written in, holding a copy of the database. As root, chmod does
    not stop writes, so the folder is bind-mounted read-only; where that is not allowed either,
    the read-only rows are skipped with the reason."""
    folder = root / "read-only"
    folder.mkdir()
    copy_database(db, folder)
    if os.geteuid() != 0:
        folder.chmod(0o500)
        return folder, ""
    done = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        return None, f"running as root, and a read-only bind mount failed: {done.stderr}"
    return folder, ""


def _undo_read_only(root: Path) -> None:
    folder = root / "read-only"
    if os.geteuid() == 0:
        subprocess.run(["umount", str(folder)], capture_output=True)
    elif folder.exists():
        folder.chmod(0o700)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def _silent_listener() -> Iterator[int]:
    """A port that takes connections and never says a word, as a hub behind a dead proxy."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield listener.getsockname()[1]


@pytest.fixture(autouse=True)
def passwords(fast_kdf: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSTR_DESK_PASSWORD", TEST_PASSWORD)
    monkeypatch.setenv("CSTR_DESK_NEW_PASSWORD", "a new password for lena")
    monkeypatch.setenv("CSTR_DESK_DEMO_PASSWORD", "the demo staff password")
    monkeypatch.setenv("CSTR_DESK_HUB_PASSWORD", "the hub administrator's password")
    monkeypatch.setattr(hub_connection, "CONNECT_TIMEOUT_SECONDS", HUB_TIMEOUT_SECONDS)
    monkeypatch.setattr(cli, "last_resort", last_resort_with_traceback)


REAL_LAST_RESORT = cli.last_resort


def last_resort_with_traceback(error: Exception, args: argparse.Namespace) -> int:
    """The real last resort (whose message fails a row), with the traceback the user is
    spared, so a failing row shows where the error came from."""
    traceback.print_exception(error)
    return REAL_LAST_RESORT(error, args)


# --- the tests ---------------------------------------------------------------------------------

def test_every_command_and_option_has_rows() -> None:
    """A command or option added later fails here until the table says what bad input it has."""
    assert len(COMMANDS) >= 15, sorted(COMMANDS)
    unknown = {(c, a.dest) for c, p in COMMANDS.items() for a in options(p)
               if kind_of(c, a.dest) is None}
    assert not unknown, f"options with no kind in DEST_KINDS: {sorted(unknown)}"
    without = set(COMMANDS) - {row.command for row in ROWS}
    assert not without, f"commands with no bad-argument rows: {sorted(without)}"


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_bad_argument_is_one_plain_line(row: Row, site: Site) -> None:
    if row.label == READ_ONLY_LABEL and site.template.read_only is None:
        pytest.skip(site.template.read_only_reason)
    argv = argv_for(row, site)
    check_plain_refusal(run_in_process(argv), row.expect, argv)


# --- passwords that are not there, or not text -------------------------------------------------

PASSWORD_VARIABLES = ("CSTR_DESK_PASSWORD", "CSTR_DESK_NEW_PASSWORD", "CSTR_DESK_DEMO_PASSWORD",
                      "CSTR_DESK_HUB_PASSWORD")


def good_argv(command: tuple[str, ...], site: Site) -> list[str]:
    """The command with every option good: it gets as far as asking for a password."""
    return argv_for(Row(command, "", "", lambda s: "", ""), site)


def check_refusal_after_prompt(outcome: Outcome, expect: str, argv: list[str]) -> None:
    """As check_plain_refusal, but stderr also holds the prompt and getpass's own warning that
    it cannot hide what is typed (no terminal): the refusal is the last line."""
    shown = f"{argv!r}\nexit {outcome.code}\nstdout: {outcome.out}\nstderr: {outcome.err}"
    assert "Traceback" not in outcome.out + outcome.err, shown
    assert cli.LAST_RESORT_MESSAGE not in outcome.err, shown
    assert outcome.code not in (0, None), shown
    assert re.search(expect, outcome.err.strip().splitlines()[-1], re.IGNORECASE), shown


# Python reads stdin with surrogateescape under the C locale (the bytes arrive as surrogates)
# and strictly under a UTF-8 one (UnicodeDecodeError): both ways are taken.
@pytest.mark.parametrize("locale", ["C", "C.UTF-8"])
@pytest.mark.parametrize("command", sorted(COMMANDS), ids=" ".join)
def test_a_password_on_stdin_that_is_not_text(command: tuple[str, ...], locale: str,
                                              site: Site) -> None:
    argv = good_argv(command, site)
    env = {name: value for name, value in os.environ.items() if name not in PASSWORD_VARIABLES}
    env.update(LC_ALL=locale, PYTHONUTF8="0")
    outcome = run_in_subprocess(argv, BINARY, env)
    check_refusal_after_prompt(outcome, r"not text", argv)


@pytest.mark.parametrize("command", sorted(COMMANDS), ids=" ".join)
def test_a_password_in_the_environment_that_is_not_text(
        command: tuple[str, ...], site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PASSWORD_VARIABLES:
        monkeypatch.setenv(name, "\udcff\udcfe not UTF-8")  # os.environ's form of bytes b"\xff\xfe"
    argv = good_argv(command, site)
    check_plain_refusal(run_in_process(argv), r"not text", argv)


@pytest.mark.parametrize("command", [c for c in sorted(COMMANDS) if c[0] == "hub"], ids=" ".join)
def test_no_hub_password_and_nothing_on_stdin(command: tuple[str, ...], site: Site) -> None:
    argv = good_argv(command, site)
    env = {name: value for name, value in os.environ.items() if name != "CSTR_DESK_HUB_PASSWORD"}
    outcome = run_in_subprocess(argv, b"", env)
    check_refusal_after_prompt(outcome, r"No password was given.*CSTR_DESK_HUB_PASSWORD", argv)


# --- the last resort, and the store's own refusals (the app's screens reach them directly) ----

def test_an_unforeseen_error_is_one_line_with_nothing_of_the_error(monkeypatch, site) -> None:
    """The last resort: one line, exit 70, nothing of the error's text on screen, and a note
    for support beside the database with only where the error was raised (fault_log)."""
    from cstr_desk.fault_log import LOG_NAME
    from cstr_desk.store import commands as store_commands

    def fails(session, args):
        raise RuntimeError("Aoife O'Rourke-Ng, born 12/04/1990")

    monkeypatch.setattr(cli, "last_resort", REAL_LAST_RESORT)
    monkeypatch.setattr(store_commands, "_verify", fails)
    outcome = run_in_process(["verify", "--db", str(site.db)])
    note = site.root / LOG_NAME
    assert outcome.code == 70
    assert outcome.err == f"{cli.LAST_RESORT_MESSAGE} A note for IT support, with nothing about " \
                          f"anyone in it, is in {note}.\n"
    assert "Aoife" not in outcome.out + outcome.err + note.read_text("utf-8")
    assert "builtins.RuntimeError" in note.read_text("utf-8")


def test_the_store_refuses_names_nobody_can_read(site) -> None:
    from cstr_desk.domain import SiteSettings, User
    from cstr_desk.store import InvalidRecord, create_database, open_with_password

    admin = User(username="admin", full_name="Ada Admin", role=Role.ADMINISTRATOR)
    courts = SiteSettings(site_name="Site", courts=["Court 1"])
    for user, settings in ((admin.model_copy(update={"full_name": " "}), courts),
                           (admin.model_copy(update={"username": "a\tb"}), courts),
                           (admin, SiteSettings(site_name="", courts=["Court 1"])),
                           (admin, SiteSettings(site_name="Site", courts=["Court\n1"]))):
        with pytest.raises(InvalidRecord):
            create_database(site.root / "new.cstr", user, TEST_PASSWORD, settings)
        assert not (site.root / "new.cstr").exists()
    with open_with_password(site.db, "admin", TEST_PASSWORD) as session:
        with pytest.raises(InvalidRecord, match="full name"):
            session.add_user(User(username="lena.new", full_name="", role=Role.LD_WORKER),
                             TEST_PASSWORD)


def test_the_store_says_a_number_is_too_large_rather_than_overflowing(site) -> None:
    from cstr_desk.store import open_with_password
    from cstr_desk.store.errors import NumberTooLarge

    with open_with_password(site.db, PRACTITIONER, TEST_PASSWORD) as session:
        with pytest.raises(NumberTooLarge):
            session.load_case(10**20)


def test_the_store_refuses_a_folder_or_fifo_as_the_database(site) -> None:
    from cstr_desk.store import NotACstrDatabase, open_with_password

    for path in (site.folder, site.fifo):
        with watchdog(HANG_SECONDS), pytest.raises(NotACstrDatabase):
            open_with_password(path, "admin", TEST_PASSWORD)
