"""Encryption at rest, key slots, the recovery key and the errors people see on the way in."""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path

import pytest

from cstr_desk.domain import PractitionerAssessment, Role
from cstr_desk.store import (
    DatabaseInUse, KeySlotFileMissing, NotACstrDatabase, RecoveryKeyMistyped, SignInDelayed,
    Store, StoreError, WrongPassword, open_with_password, open_with_recovery_key,
)
from cstr_desk.store.testing import (
    TEST_PASSWORD, USERNAMES, make_database, sample_person, sample_referral,
)

NAME_GIVEN, NAME_FAMILY = "Zebedee", "Quartermaine-Xylophone"
FREE_TEXT = "Confided-Marker-Phrase about the allotment shed"


pytestmark = pytest.mark.usefixtures("fast_kdf")


def _files_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_no_plaintext(folder: Path) -> None:
    needles = [NAME_GIVEN, NAME_FAMILY, "quartermaine", "zebedee", FREE_TEXT, "Confided"]
    for name, data in _files_bytes(folder).items():
        for needle in needles:
            for encoded in (needle.encode("utf-8"), needle.encode("utf-16-le")):
                assert encoded not in data, f"{needle!r} in plaintext in {name}"


def _workflow(db_path: Path) -> None:
    practitioner = open_with_password(db_path, USERNAMES[Role.PRACTITIONER], TEST_PASSWORD)
    person = practitioner.add_person(sample_person(NAME_GIVEN, NAME_FAMILY))
    referral = practitioner.add_referral(sample_referral(person.id))
    practitioner.save_assessment(PractitionerAssessment(
        referral_id=referral.id, topics={"housing": FREE_TEXT}, presenting_problem=FREE_TEXT))
    for _ in range(3):
        practitioner.list_cases("zeb")  # sorting and searching must not spill to temp files
    return practitioner


def test_no_plaintext_in_database_wal_temp_files_or_backup(tmp_path, monkeypatch):
    sqlite_temp = tmp_path / "sqlite-temp"
    sqlite_temp.mkdir()
    monkeypatch.setenv("SQLITE_TMPDIR", str(sqlite_temp))
    monkeypatch.setenv("TMPDIR", str(sqlite_temp))
    data = tmp_path / "data"
    data.mkdir()
    admin, _ = make_database(data / "court.cstr")
    admin.close()
    practitioner = _workflow(data / "court.cstr")
    assert (data / "court.cstr-wal").exists()  # checked while the write-ahead log holds data
    _assert_no_plaintext(data)
    practitioner.close()
    admin = open_with_password(data / "court.cstr", "admin", TEST_PASSWORD)
    admin.backup(tmp_path / "court.backup")
    admin.close()
    _assert_no_plaintext(tmp_path)
    assert not any(sqlite_temp.iterdir())


def test_wrong_password_leaves_database_and_key_file_byte_identical(tmp_path):
    path = tmp_path / "court.cstr"
    make_database(path)[0].close()
    before = _files_bytes(tmp_path)
    with pytest.raises(WrongPassword):
        open_with_password(path, "admin", TEST_PASSWORD + "x")
    with pytest.raises(WrongPassword):
        open_with_password(path, "nobody", TEST_PASSWORD)
    after = _files_bytes(tmp_path)
    # Only the failed-attempt counter is written; the database and key slots are untouched.
    assert {k: v for k, v in after.items() if not k.endswith(".attempts")} == before


def test_failed_sign_ins_slow_down_then_are_audited(tmp_path):
    path = tmp_path / "court.cstr"
    make_database(path)[0].close()
    for _ in range(3):
        with pytest.raises(WrongPassword):
            open_with_password(path, "lena.ld", "not the password")
    with pytest.raises(SignInDelayed) as delayed:
        open_with_password(path, "lena.ld", TEST_PASSWORD)  # even the right one must wait
    assert delayed.value.seconds > 0 and "wait" in delayed.value.message
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        failed = [e for e in admin.audit_entries() if e.action == "failed_sign_in"]
    assert len(failed) == 3 and all("lena.ld" in e.detail for e in failed)


@pytest.mark.parametrize("password", [
    "it's a \"quoted\" password; DROP TABLE users; --",
    "Śćęźż Øre Ærø Ñandú ĳssel ß straße 中文密码",
    "x" * 150 + "'\";é" * 20,
])
def test_awkward_passwords_work(tmp_path, password):
    path = tmp_path / "court.cstr"
    admin, _ = make_database(path)
    admin.change_password("cora.cdo", password)
    admin.close()
    with open_with_password(path, "cora.cdo", password) as session:
        assert session.user.role == Role.COURT_DUTY_OFFICER
    with pytest.raises(WrongPassword):
        open_with_password(path, "cora.cdo", password[:-1])


def test_recovery_key_opens_database_when_key_file_is_lost(tmp_path):
    path = tmp_path / "court.cstr"
    admin, recovery = make_database(path)
    person = admin.list_users()[0]
    admin.close()
    (tmp_path / "court.cstr.keys").unlink()
    with pytest.raises(KeySlotFileMissing) as missing:
        open_with_password(path, "admin", TEST_PASSWORD)
    assert "recovery key" in missing.value.message
    typed = recovery.formatted.lower().replace("-", " ")
    with open_with_recovery_key(path, typed) as recovered:
        assert recovered.user.role == Role.ADMINISTRATOR
        assert recovered.list_users()[0] == person
        recovered.change_password("admin", "a brand new password")
    with open_with_password(path, "admin", "a brand new password") as admin:
        assert admin.user.username == "admin"


def test_mistyped_and_foreign_recovery_keys_are_told_apart(tmp_path):
    first, first_key = make_database(tmp_path / "a.cstr")
    second, second_key = make_database(tmp_path / "b.cstr")
    first.close(), second.close()
    typo = first_key.formatted[:-1] + ("0" if first_key.formatted[-1] != "0" else "1")
    with pytest.raises(RecoveryKeyMistyped):
        open_with_recovery_key(tmp_path / "a.cstr", typo)
    with pytest.raises(WrongPassword):
        open_with_recovery_key(tmp_path / "a.cstr", second_key.formatted)


def test_opening_never_creates_or_overwrites_files(tmp_path):
    missing = tmp_path / "nothing-here.cstr"
    with pytest.raises(NotACstrDatabase):
        open_with_recovery_key(missing, "0" * 56)
    assert not missing.exists() and not Store.exists(missing)
    plain = tmp_path / "plain.sqlite"
    import sqlite3

    with sqlite3.connect(plain) as handle:
        handle.execute("CREATE TABLE t (x)")
    plain_bytes = plain.read_bytes()
    with pytest.raises(NotACstrDatabase):
        open_with_password(plain, "admin", TEST_PASSWORD)
    assert plain.read_bytes() == plain_bytes


def test_key_file_from_another_database_is_refused_in_plain_words(tmp_path):
    make_database(tmp_path / "a.cstr")[0].close()
    make_database(tmp_path / "b.cstr")[0].close()
    os.replace(tmp_path / "b.cstr.keys", tmp_path / "a.cstr.keys")
    with pytest.raises(NotACstrDatabase) as error:
        open_with_password(tmp_path / "a.cstr", "admin", TEST_PASSWORD)
    assert "another database's" in error.value.message


def test_second_running_copy_is_told_the_database_is_in_use(tmp_path):
    path = tmp_path / "court.cstr"
    admin, _ = make_database(path)
    with pytest.raises(DatabaseInUse):
        open_with_password(path, "lena.ld", TEST_PASSWORD)
    admin.close()
    open_with_password(path, "lena.ld", TEST_PASSWORD).close()


def test_removed_user_cannot_sign_in_and_slot_is_gone(tmp_path):
    path = tmp_path / "court.cstr"
    admin, _ = make_database(path)
    admin.remove_user("lena.ld")
    admin.close()
    assert b"lena.ld" not in (tmp_path / "court.cstr.keys").read_bytes()
    with pytest.raises(WrongPassword):
        open_with_password(path, "lena.ld", TEST_PASSWORD)


def test_logs_hold_no_names_answers_or_passwords(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "court.cstr"
    make_database(path)[0].close()
    with pytest.raises(WrongPassword):
        open_with_password(path, "admin", "Secret-Wrong-Password-1")
    _workflow(path).close()
    with open_with_password(path, "admin", TEST_PASSWORD) as admin:
        admin.verify()
        admin.export_person(1, tmp_path / "sar.json")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "signed in" in text  # the store does log, just nothing identifying
    for secret in (NAME_GIVEN, NAME_FAMILY, FREE_TEXT, TEST_PASSWORD, "Secret-Wrong-Password-1",
                   "9434765919", str(date(1990, 4, 12))):
        assert secret not in text


def test_errors_carry_plain_messages():
    for error in (WrongPassword(), KeySlotFileMissing(), DatabaseInUse(), NotACstrDatabase()):
        assert isinstance(error, StoreError) and error.message and "sqlite" not in error.message
