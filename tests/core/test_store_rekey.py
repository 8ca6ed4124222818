"""Re-keying (issue 13 item 3, "A leaver keeps a key"): removing an account, and an
administrator's re-key, give the database a new random key, so a removed account's slot in an
old copy of the key file, and the old recovery key, open nothing; every remaining account
still signs in with its own password."""

from __future__ import annotations

import base64
import json
import os
import re
from pathlib import Path

import pytest

from cstr_desk.cli import main
from cstr_desk.domain import AdministrationMode, AuditAction, Role
from cstr_desk.store import (
    PermissionDenied, RecoveryKey, StoreError, open_with_password, open_with_recovery_key,
)
from cstr_desk.store import rekey as rekey_module
from cstr_desk.store import swap as swap_module
from cstr_desk.store.files import database_salt, keys_path
from cstr_desk.store.keyslots import KeySlotFile
from cstr_desk.store.testing import (
    TEST_PASSWORD, USERNAMES, make_database, sample_person, sample_referral,
)
from format_1_slots import make_format_1_slots

LEAVER = USERNAMES[Role.LD_WORKER]
REMAINING = [u for r, u in USERNAMES.items() if r is not Role.LD_WORKER]


pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def court(tmp_path) -> tuple[Path, RecoveryKey]:
    """A database with a finalised questionnaire (its triggers must survive the copy)."""
    path = tmp_path / "court.cstr"
    admin, recovery = make_database(path)
    admin.close()
    with open_with_password(path, USERNAMES[Role.CLINICAL_LEAD], TEST_PASSWORD) as lead:
        referral = lead.add_referral(sample_referral(lead.add_person(sample_person()).id))
        administration = lead.start_administration(referral.id, "k10", "h",
                                                   AdministrationMode.PRACTITIONER)
        for number in range(1, 11):
            lead.record_answer(administration.id, f"q{number}", 1, number)
        lead.complete_administration(administration.id)
        lead.finalise_administration(administration.id)
    return path, recovery


def _old_copy_with_matching_salt(path: Path, old_copy: bytes) -> None:
    """The leaver's old key file put back beside the re-keyed database, its salt even edited
    to match the new file's, so only the key itself can refuse it."""
    body = json.loads(old_copy)
    body["db_salt"] = base64.b64encode(database_salt(path)).decode()
    keys_path(path).write_text(json.dumps(body))


def test_a_removed_accounts_slot_in_an_old_key_file_no_longer_opens_the_database(court):
    path, _ = court
    old_copy = keys_path(path).read_bytes()  # in a backup, or a synced folder
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        admin.remove_user(LEAVER)
    database_before = path.read_bytes()
    keys_path(path).write_bytes(old_copy)
    with pytest.raises(StoreError, match="an older copy from before this database was re-keyed"):
        open_with_password(path, LEAVER, TEST_PASSWORD)
    _old_copy_with_matching_salt(path, old_copy)
    with pytest.raises(StoreError):
        open_with_password(path, LEAVER, TEST_PASSWORD)
    assert path.read_bytes() == database_before


def test_the_old_recovery_key_no_longer_opens_it_and_the_new_one_does(court):
    path, old_recovery = court
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        outcome = admin.rekey()
    assert outcome.recovery_key.formatted != old_recovery.formatted
    with pytest.raises(StoreError):
        open_with_recovery_key(path, old_recovery.formatted)
    with open_with_recovery_key(path, outcome.recovery_key.formatted) as recovery:
        assert recovery.verify().ok


def test_every_remaining_account_signs_in_and_every_record_is_kept(court):
    path, _ = court
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        before = KeySlotFile.load(path)
        outcome = admin.remove_user(LEAVER)
        # The same session carries on, on the re-keyed database.
        assert admin.verify().ok
        entries = admin.audit_entries()
    assert sorted(outcome.carried_over) == sorted(REMAINING)
    assert outcome.need_new_password == ()
    rekeyed = [e for e in entries if e.action is AuditAction.REKEY]
    assert len(rekeyed) == 1 and f"account removed: {LEAVER}" in rekeyed[0].detail
    after = KeySlotFile.load(path)
    assert after.origin == before.origin and after.db_salt != before.db_salt
    assert after.key_check != before.key_check and LEAVER not in after.slots
    if os.name == "posix":  # readable by its owner only, as the database it replaced
        assert path.stat().st_mode & 0o777 == 0o600
        assert keys_path(path).stat().st_mode & 0o777 == 0o600
    for username in REMAINING:
        with open_with_password(path, username, TEST_PASSWORD) as session:
            assert session.user.username == username
    with open_with_password(path, USERNAMES[Role.CLINICAL_LEAD], TEST_PASSWORD) as lead:
        case = lead.load_case(lead.list_cases()[0].referral_id)
        assert case.administrations[0].status.value == "finalised"
        with pytest.raises(StoreError):  # the finalised record's triggers came across
            lead.record_answer(case.administrations[0].id, "q1", 2, 1)
    assert not [f for f in path.parent.iterdir() if f.name.startswith(".")]


def test_format_1_accounts_are_named_and_need_a_new_password(court):
    path, recovery = court
    practitioner = USERNAMES[Role.PRACTITIONER]
    make_format_1_slots(path, recovery.key, {practitioner: TEST_PASSWORD})
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        assert admin.accounts_a_rekey_leaves_out() == [practitioner]
        outcome = admin.rekey()
        assert outcome.need_new_password == (practitioner,)
        assert practitioner not in outcome.carried_over
        detail = [e for e in admin.audit_entries() if e.action is AuditAction.REKEY][0].detail
        assert practitioner in detail
    with pytest.raises(StoreError):
        open_with_password(path, practitioner, TEST_PASSWORD)
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        admin.change_password(practitioner, "a new password for priya")
    with open_with_password(path, practitioner, "a new password for priya"):
        pass


def test_only_an_administrator_re_keys(court):
    path, _ = court
    with open_with_password(path, USERNAMES[Role.CLINICAL_LEAD], TEST_PASSWORD) as lead:
        with pytest.raises(PermissionDenied):
            lead.rekey()


def test_a_recovery_key_session_re_keys_even_without_the_key_file(court):
    path, recovery = court
    keys_path(path).unlink()
    with open_with_recovery_key(path, recovery.formatted) as session:
        outcome = session.rekey()
    assert outcome.carried_over == ()
    with open_with_recovery_key(path, outcome.recovery_key.formatted) as session:
        session.change_password("admin", TEST_PASSWORD)
    with open_with_password(path, "admin", TEST_PASSWORD):
        pass


def test_a_failed_re_key_changes_nothing_and_the_session_carries_on(court, monkeypatch):
    path, recovery = court

    def disk_refuses(*_args) -> None:
        raise OSError(5, "Input/output error (simulated)")

    monkeypatch.setattr(rekey_module, "write_atomically", disk_refuses)
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        with pytest.raises(StoreError) as error:
            admin.rekey()
        assert "Nothing was changed" in error.value.message
        assert admin.verify().ok
    assert not [f for f in path.parent.iterdir() if f.name.startswith(".")]
    with open_with_recovery_key(path, recovery.formatted):
        pass


def test_the_command_prints_progress_and_the_new_recovery_key_once(court, capsys, monkeypatch):
    path, old_recovery = court
    monkeypatch.setenv("CSTR_DESK_PASSWORD", TEST_PASSWORD)
    assert main(["rekey", "--db", str(path)]) == 0
    printed = capsys.readouterr()
    keys = re.findall(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){13}", printed.out)
    assert len(keys) == 1 and keys[0] != old_recovery.formatted
    assert "no longer open" in printed.out and "re-keying: 100%" in printed.err
    assert TEST_PASSWORD not in printed.out + printed.err
    with open_with_recovery_key(path, keys[0]):
        pass
    assert main(["users", "remove", "--db", str(path), LEAVER]) == 0
    printed = capsys.readouterr()
    assert len(re.findall(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){13}", printed.out)) == 1
    monkeypatch.setenv("CSTR_DESK_PASSWORD", "not the password at all")
    assert main(["rekey", "--db", str(path)]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_a_swap_left_for_the_next_sign_in_still_prints_the_new_recovery_key(court, capsys,
                                                                             monkeypatch):
    """Another program holds the database file, so the swap stops with its journal written:
    the command says the next sign-in finishes it and prints the new recovery key now, the only
    key that opens the database once it is finished."""
    path, old_recovery = court

    def file_held(*_args, **_kwargs) -> None:
        raise PermissionError(13, "The file is in use by another program (simulated)")

    monkeypatch.setattr(swap_module, "replace_file", file_held)
    monkeypatch.setenv("CSTR_DESK_PASSWORD", TEST_PASSWORD)
    assert main(["rekey", "--db", str(path)]) == 1
    printed = capsys.readouterr()
    keys = re.findall(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){13}", printed.out)
    assert len(keys) == 1 and keys[0] != old_recovery.formatted
    assert "Please sign in again" in printed.err and "Store the new recovery key" in printed.err
    assert "has a new key" not in printed.out and "Traceback" not in printed.err
    monkeypatch.undo()
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:  # finishes the swap
        assert admin.verify().ok
    with open_with_password(path, USERNAMES[Role.CLINICAL_LEAD], TEST_PASSWORD) as lead:
        assert len(lead.list_cases()) == 1
    with pytest.raises(StoreError):
        open_with_recovery_key(path, old_recovery.formatted)
    with open_with_recovery_key(path, keys[0]):
        pass
