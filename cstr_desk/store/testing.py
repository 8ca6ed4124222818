"""Helpers for tests of the store and of the parts built on it (no pytest import here).

`FAST_KDF` makes key slots cheap so a suite can create many databases; use it only through
`cheap_kdf()` (or the core tests' `fast_kdf` fixture, made from it). Slots record their
parameters, so a database made this way still opens normally.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from cstr_desk.domain import Person, Referral, ReferralSource, OffenceType, Role, SiteSettings, User
from cstr_desk.store.keyslots import KdfParams, set_kdf_params_for_tests
from cstr_desk.store.opening import create_database
from cstr_desk.store.recovery import RecoveryKey
from cstr_desk.store.session import Session

FAST_KDF = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
TEST_PASSWORD = "correct horse battery staple"
USERNAMES: dict[Role, str] = {
    Role.ADMINISTRATOR: "admin",
    Role.LD_WORKER: "lena.ld",
    Role.PRACTITIONER: "priya.mhtr",
    Role.CLINICAL_LEAD: "carl.lead",
    Role.COURT_DUTY_OFFICER: "cora.cdo",
}



@contextmanager
def cheap_kdf() -> Iterator[None]:
    """Key slots made inside are cheap to derive (FAST_KDF); production's cost is there to
    slow an attacker's guesses, and would make a suite wait minutes for nothing."""
    set_kdf_params_for_tests(FAST_KDF)
    try:
        yield
    finally:
        set_kdf_params_for_tests(None)


def make_database(path: Path) -> tuple[Session, RecoveryKey]:
    """A database with one account per role, all with TEST_PASSWORD; returns the admin's
    open session and the recovery key."""
    settings = SiteSettings(site_name="Test Magistrates' Court site", courts=["Court 1"])
    admin = User(username=USERNAMES[Role.ADMINISTRATOR], full_name="Ada Admin",
                 role=Role.ADMINISTRATOR)
    session, recovery = create_database(path, admin, TEST_PASSWORD, settings)
    for role, username in USERNAMES.items():
        if role != Role.ADMINISTRATOR:
            session.add_user(User(username=username, full_name=f"Test {role.value}", role=role),
                             TEST_PASSWORD)
    return session, recovery


def sample_person(given: str = "Aoife", family: str = "O'Rourke-Ng") -> Person:
    return Person(given_name=given, family_name=family, date_of_birth=date(1990, 4, 12),
                  nhs_number="943 476 5919", pnc_number="21/123456A")


def sample_referral(person_id: int) -> Referral:
    return Referral(person_id=person_id, site="Test site", court="Court 1",
                    hearing_date=date(2025, 3, 3), referral_source=ReferralSource.POLICE_CUSTODY,
                    offence_type=OffenceType.THEFT)
