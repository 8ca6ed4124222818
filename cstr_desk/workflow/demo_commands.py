"""`cstr-desk demo-data --db PATH --people N [--seed S] [--user admin]`: fictional cases for
trainers, every one built through the app's own operations (`workflow.demo_cases`).

An administrator runs it. The cases are recorded by four demo staff accounts, one per role
(demo.ld, demo.practitioner, demo.lead, demo.cdo), made on first use with one password that
trainers then sign in with: it is read from CSTR_DESK_DEMO_PASSWORD or asked for, never taken
from the command line. The fast bulk generator in `store.demo` is for the benchmarks only.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from cstr_desk.arguments import count, name, seed
from cstr_desk.domain import Role, User
from cstr_desk.progress_lines import every_tenth
from cstr_desk.store import Session, StoreError, open_colleague, open_with_password
from cstr_desk.store.commands import read_secret, sign_in_password
from cstr_desk.workflow.demo_cases import DemoStaff, build_demo_cases
from cstr_desk.workflow.errors import ActionRefused
from cstr_desk.workflow.monitoring_summary import summary_of

STAFF_VARIABLE = "CSTR_DESK_DEMO_PASSWORD"
# Each case goes through the pathway's own operations (tens of milliseconds): a training
# database needs dozens; thousands are for the bulk generator of the benchmarks (store.demo).
MAX_PEOPLE = 5000
DEMO_STAFF: dict[Role, tuple[str, str]] = {
    Role.LD_WORKER: ("demo.ld", "Dana Demo"),
    Role.PRACTITIONER: ("demo.practitioner", "Pat Demo"),
    Role.CLINICAL_LEAD: ("demo.lead", "Dr Lee Demo"),
    Role.COURT_DUTY_OFFICER: ("demo.cdo", "Chris Demo"),
}


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "demo-data", help="add fictional cases for training, through the pathway",
        description="Add fictional people and cases, each taken through the pathway by demo "
                    "staff accounts (one per role), with hearings over the last 15 months.")
    command.add_argument("--db", required=True, type=Path, help="the CSTR Desk database file")
    command.add_argument("--people", required=True, type=count("people", MAX_PEOPLE),
                         help=f"how many cases to add (at most {MAX_PEOPLE:,})")
    command.add_argument("--seed", type=seed, default=0, help="the same seed gives the same cases")
    command.add_argument("--user", type=name, default="admin",
                         help="an administrator's username")
    command.set_defaults(handler=run)


def ensure_demo_staff(admin: Session, password: str) -> None:
    """The demo accounts, made once; an existing one keeps its password."""
    existing = {user.username for user in admin.list_users()}
    for role, (username, full_name) in DEMO_STAFF.items():
        if username not in existing:
            admin.add_user(User(username=username, full_name=full_name, role=role), password)


def open_demo_staff(admin: Session, password: str) -> DemoStaff:
    sessions = {role: open_colleague(admin, username, password)
                for role, (username, _) in DEMO_STAFF.items()}
    return DemoStaff(ld=sessions[Role.LD_WORKER], practitioner=sessions[Role.PRACTITIONER],
                     lead=sessions[Role.CLINICAL_LEAD], cdo=sessions[Role.COURT_DUTY_OFFICER])


def run(args: argparse.Namespace) -> int:
    try:
        with open_with_password(args.db, args.user,
                                sign_in_password(args.user)) as admin:
            staff_password = read_secret(STAFF_VARIABLE, "Password for the demo staff accounts: ")
            ensure_demo_staff(admin, staff_password)
            settings = admin.site_settings()
            staff = open_demo_staff(admin, staff_password)
            try:
                summary = build_demo_cases(
                    staff, args.people, args.seed, date.today(), court=settings.courts[0],
                    site=settings.site_name, progress=every_tenth(
                        lambda percent, done, total: f"  adding cases: {percent}% ({done:,} of "
                                                     f"{total:,})"))
                # So that the first monthly return does not summarise them all first.
                admin.summarise_for_monitoring(summary_of)
            finally:
                for session in (staff.ld, staff.practitioner, staff.lead, staff.cdo):
                    session.close()
    except (StoreError, ActionRefused) as error:
        print(getattr(error, "message", str(error)), file=sys.stderr)
        return 1
    print(f"Added {summary.cases} fictional cases through the pathway, recorded by the demo "
          f"staff accounts ({', '.join(u for u, _ in DEMO_STAFF.values())}).")
    for branch, cases in sorted(summary.branches.items()):
        print(f"  {branch}: {cases}")
    return 0
