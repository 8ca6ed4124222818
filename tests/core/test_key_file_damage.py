"""A damaged, hostile or misplaced key file gives one plain message and touches nothing."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from cstr_desk.store import (
    DatabaseTampered, NotACstrDatabase, StoreError, open_with_password,
)
from cstr_desk.store.errors import KeySlotFromAnotherKey
from cstr_desk.store.keyslots import KeySlotFile
from cstr_desk.store.testing import FAST_KDF, TEST_PASSWORD, make_database


pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def court(tmp_path) -> Path:
    path = tmp_path / "court.cstr"
    make_database(path)[0].close()
    return path


def _keys(db: Path) -> Path:
    return db.with_name(db.name + ".keys")


def _edit_admin_slot(db: Path, field: str, value: object) -> None:
    body = json.loads(_keys(db).read_bytes())
    body["slots"]["admin"][field] = value
    _keys(db).write_text(json.dumps(body))


def _refused_plainly(db: Path) -> StoreError:
    before = db.read_bytes()
    with pytest.raises(NotACstrDatabase) as error:
        open_with_password(db, "admin", TEST_PASSWORD)
    assert db.read_bytes() == before
    return error.value


@pytest.mark.parametrize("field, value", [
    ("nonce", ""), ("nonce", "AAAAAAAAAAAAAAAAAAAAAAAA"),  # 0 and 18 bytes, not 12
    ("salt", ""), ("salt", "AAAA"),  # 0 and 3 bytes, not 16
    ("sealed_private", "AAAA"), ("public", "AAAA"), ("sealed_key", "AAAA"),
    ("salt", 12345), ("nonce", None),
])
def test_slot_fields_of_the_wrong_length_or_type_are_damage(court, field, value):
    _edit_admin_slot(court, field, value)
    assert "key file" in _refused_plainly(court).message


@pytest.mark.parametrize("kdf", [
    {"algorithm": "argon2id", "time_cost": 1, "memory_kib": 4 * 1024 * 1024, "parallelism": 1},
    {"algorithm": "argon2id", "time_cost": 64, "memory_kib": 1024 * 1024, "parallelism": 1},
    {"algorithm": "argon2id", "time_cost": 1, "memory_kib": 8, "parallelism": 16},
    {"algorithm": "argon2id", "time_cost": 1.5, "memory_kib": 64, "parallelism": 1},
    {"algorithm": "argon2id", "time_cost": True, "memory_kib": 64, "parallelism": 1},
    {"algorithm": "argon2id", "time_cost": 1, "memory_kib": 64},
    {"algorithm": "scrypt", "time_cost": 1, "memory_kib": 64, "parallelism": 1},
    "argon2id",
])
def test_kdf_parameters_outside_sane_bounds_are_refused_before_any_work(court, kdf):
    _edit_admin_slot(court, "kdf", kdf)
    with pytest.raises(NotACstrDatabase):  # parsing alone refuses: no memory is allocated
        KeySlotFile.from_bytes(_keys(court).read_bytes())
    _refused_plainly(court)


def test_production_parameters_and_the_test_ones_stay_acceptable(court):
    from cstr_desk.store.keyslots import PRODUCTION_KDF, _checked_kdf

    for params in (PRODUCTION_KDF, FAST_KDF):
        _checked_kdf({"algorithm": "argon2id", **params.__dict__})


@pytest.mark.parametrize("content", [
    b"[" * 200_000 + b"]" * 200_000,
    b'{"format": "cstr-desk-keyslots/1", "db_salt": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    b"\xff\xfe not utf-8",
    b'["a list"]',
    b'{"format": "cstr-desk-keyslots/1", "db_salt": "AAAA", "slots": []}',
    b" " * (2 * 1024 * 1024),
])
def test_deeply_nested_odd_or_huge_key_files_are_damage(court, content):
    _keys(court).write_bytes(content)
    _refused_plainly(court)


def test_a_folder_at_the_key_file_path_is_a_plain_message(court):
    _keys(court).unlink()
    _keys(court).mkdir()
    assert "not an ordinary file" in _refused_plainly(court).message


@pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
def test_a_fifo_at_the_key_file_path_does_not_hang(court):
    _keys(court).unlink()
    os.mkfifo(_keys(court))
    outcome: list[BaseException | None] = []

    def sign_in() -> None:
        try:
            open_with_password(court, "admin", TEST_PASSWORD)
            outcome.append(None)
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            outcome.append(error)

    worker = threading.Thread(target=sign_in, daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # release the blocked reader so the test run can end
        writer = os.open(_keys(court), os.O_WRONLY | os.O_NONBLOCK)
        os.close(writer)
        worker.join(5)
        pytest.fail("signing in waited forever on a FIFO at the key file path")
    assert isinstance(outcome[0], NotACstrDatabase)
    assert "not an ordinary file" in outcome[0].message


def test_a_slot_from_another_database_says_so_and_leaves_the_database_alone(tmp_path):
    ours, theirs = tmp_path / "a.cstr", tmp_path / "b.cstr"
    make_database(ours)[0].close()
    make_database(theirs)[0].close()
    body = json.loads(_keys(ours).read_bytes())
    body["slots"]["admin"] = json.loads(_keys(theirs).read_bytes())["slots"]["admin"]
    _keys(ours).write_text(json.dumps(body))
    before = ours.read_bytes()
    with pytest.raises(KeySlotFromAnotherKey) as error:
        open_with_password(ours, "admin", TEST_PASSWORD)
    assert not isinstance(error.value, DatabaseTampered)
    assert "does not belong to this database" in error.value.message
    assert "restore" not in error.value.message
    assert ours.read_bytes() == before
    open_with_password(ours, "lena.ld", TEST_PASSWORD).close()  # the other slots still open


def test_a_key_file_from_before_the_check_value_still_opens_and_gains_one(court):
    body = json.loads(_keys(court).read_bytes())
    assert "key_check" in body
    del body["key_check"]
    _keys(court).write_text(json.dumps(body))
    with open_with_password(court, "admin", TEST_PASSWORD) as admin:
        admin.change_password("lena.ld", "another long password")
    assert "key_check" in json.loads(_keys(court).read_bytes())
    open_with_password(court, "lena.ld", "another long password").close()
