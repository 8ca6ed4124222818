"""Key slots of format 2 (issue 13 item 3): each account's own X25519 key pair, so a re-key can
seal a new database key to every account without their passwords; format 1 slots still open
and become format 2 at their owner's next sign-in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cstr_desk.domain import Role
from cstr_desk.store import (
    NotACstrDatabase, RecoveryKey, WrongPassword, open_with_password,
)
from cstr_desk.store.keyslots import KeySlot, KeySlotFile, KeySlotV1, new_database_key
from cstr_desk.store.testing import TEST_PASSWORD, USERNAMES, make_database
from format_1_slots import make_format_1_slots

PRACTITIONER = USERNAMES[Role.PRACTITIONER]


pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def court(tmp_path) -> tuple[Path, RecoveryKey]:
    path = tmp_path / "court.cstr"
    admin, recovery = make_database(path)
    admin.close()
    return path, recovery


def _keys(db: Path) -> Path:
    return db.with_name(db.name + ".keys")


def _make_format_1_file(db: Path, key: bytes, usernames: list[str]) -> None:
    make_format_1_slots(db, key, {username: TEST_PASSWORD for username in usernames})


def test_new_slots_are_format_2_and_hold_the_key_for_their_public_key(court):
    path, recovery = court
    slots = KeySlotFile.load(path)
    body = json.loads(_keys(path).read_bytes())
    assert body["format"] == "cstr-desk-keyslots/2"
    assert all(isinstance(slot, KeySlot) for slot in slots.slots.values())
    assert set(body["slots"]["admin"]) == {"version", "kdf", "salt", "nonce", "sealed_private",
                                           "public", "sealed_key"}
    assert slots.unwrap(PRACTITIONER, TEST_PASSWORD) == recovery.key
    assert slots.accounts_in_format_1() == []


def test_a_slot_is_rewrapped_to_a_new_key_without_its_password(court):
    path, _ = court
    slot = KeySlotFile.load(path).slots[PRACTITIONER]
    assert isinstance(slot, KeySlot)
    new_key = new_database_key()
    rewrapped = slot.rewrapped(PRACTITIONER, new_key)
    assert rewrapped.open(PRACTITIONER, TEST_PASSWORD).key == new_key
    with pytest.raises(WrongPassword):
        rewrapped.open(PRACTITIONER, "not the password at all")
    # Sealed for one account, it does not open as another's (username in HPKE's info).
    with pytest.raises(WrongPassword):
        rewrapped.open("admin", TEST_PASSWORD)


def test_a_swapped_public_key_is_named_as_a_changed_slot_not_a_wrong_password(court):
    path, _ = court
    body = json.loads(_keys(path).read_bytes())
    body["slots"][PRACTITIONER]["public"] = body["slots"]["admin"]["public"]
    _keys(path).write_text(json.dumps(body))
    with pytest.raises(NotACstrDatabase) as error:
        open_with_password(path, PRACTITIONER, TEST_PASSWORD)
    assert "changed or damaged" in error.value.message


def test_a_format_1_slot_opens_and_becomes_format_2_at_its_next_sign_in(court):
    path, recovery = court
    _make_format_1_file(path, recovery.key, [PRACTITIONER, "admin"])
    assert KeySlotFile.load(path).accounts_in_format_1() == ["admin", PRACTITIONER]
    with open_with_password(path, PRACTITIONER, TEST_PASSWORD):
        pass
    slots = KeySlotFile.load(path)
    assert isinstance(slots.slots[PRACTITIONER], KeySlot)
    assert isinstance(slots.slots["admin"], KeySlotV1)  # not signed in yet: left as it was
    assert slots.accounts_in_format_1() == ["admin"]
    assert json.loads(_keys(path).read_bytes())["format"] == "cstr-desk-keyslots/2"
    # The upgraded slot opens with the same password, and can be carried to a new key.
    with open_with_password(path, PRACTITIONER, TEST_PASSWORD):
        pass
    new_key = new_database_key()
    upgraded = slots.slots[PRACTITIONER]
    assert upgraded.rewrapped(PRACTITIONER, new_key).open(PRACTITIONER,
                                                          TEST_PASSWORD).key == new_key


def test_a_wrong_password_on_a_format_1_slot_changes_nothing(court):
    path, recovery = court
    _make_format_1_file(path, recovery.key, [PRACTITIONER])
    before = _keys(path).read_bytes()
    with pytest.raises(WrongPassword):
        open_with_password(path, PRACTITIONER, "a wrong password, long enough")
    assert _keys(path).read_bytes() == before
