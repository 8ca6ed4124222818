"""The wrong-password counter survives a damaged file, never locks anyone out for long and
stays small without forgetting the accounts under attack."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from cstr_desk.store import (
    SignInDelayed, StoreError, WrongPassword, open_with_password,
)
from cstr_desk.store import attempts as attempts_module
from cstr_desk.store.attempts import MAX_DELAY_SECONDS, SignInAttempts
from cstr_desk.store.testing import TEST_PASSWORD, make_database


pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def court(tmp_path) -> Path:
    path = tmp_path / "court.cstr"
    make_database(path)[0].close()
    return path


def _attempts_file(db: Path) -> Path:
    return db.with_name(db.name + ".attempts")


def _write(db: Path, body: object) -> None:
    _attempts_file(db).write_text(json.dumps(body))


@pytest.mark.parametrize("entry", [
    {"count": 5}, {"last": time.time()}, {"count": "5", "last": 0}, {"count": 5, "last": "x"},
    {"count": -3, "last": 0}, "five", None, [5, 0],
])
def test_a_damaged_entry_does_not_crash_sign_in(court, entry):
    _write(court, {"counts": {"admin": entry, "lena.ld": entry}, "pending": []})
    open_with_password(court, "admin", TEST_PASSWORD).close()
    with pytest.raises(WrongPassword):
        open_with_password(court, "lena.ld", "not the password")


@pytest.mark.parametrize("body", [
    {"counts": {}}, {"pending": []}, [], "text", {"counts": [], "pending": {}},
    {"counts": {}, "pending": [["someone", "not a time"], ["x"], 7, ["a", 1]]},
])
def test_a_damaged_file_does_not_crash_sign_in_nor_its_audit(court, body):
    _write(court, body)
    with open_with_password(court, "admin", TEST_PASSWORD) as admin:
        failed = [e for e in admin.audit_entries() if e.action == "failed_sign_in"]
    assert failed == []


def test_a_last_failure_in_the_future_waits_at_most_the_longest_delay(court):
    three_thousand_years = 3000 * 365.25 * 86400
    _write(court, {"counts": {"admin": {"count": 40, "last": time.time() + three_thousand_years}},
                   "pending": []})
    with pytest.raises(SignInDelayed) as delayed:
        open_with_password(court, "admin", TEST_PASSWORD)
    assert 0 < delayed.value.seconds <= MAX_DELAY_SECONDS


def test_a_huge_count_is_the_longest_delay_not_an_overflow(court):
    _write(court, {"counts": {"admin": {"count": 10**9, "last": time.time()}}, "pending": []})
    with pytest.raises(SignInDelayed) as delayed:
        open_with_password(court, "admin", TEST_PASSWORD)
    assert delayed.value.seconds <= MAX_DELAY_SECONDS


def test_the_delay_can_never_exceed_five_minutes(tmp_path):
    attempts = SignInAttempts(tmp_path / "x.attempts")
    for count in (3, 9, 12, 100, 10**6):
        attempts.counts.clear()
        for _ in range(min(count, 12)):
            attempts.record_failure("someone", now=1000.0, pending=False)
        with pytest.raises(SignInDelayed) as delayed:
            attempts.check_allowed("someone", now=1000.0)
        assert delayed.value.seconds <= MAX_DELAY_SECONDS


def test_a_flood_of_guessed_usernames_does_not_forget_the_account_under_attack(court,
                                                                              monkeypatch):
    # A small bound keeps the test quick; the rule is the same at the real bound of 500.
    monkeypatch.setattr(attempts_module, "_MAX_UNKNOWN", 20, raising=False)
    monkeypatch.setattr(attempts_module, "_MAX_PENDING", 20)
    _write(court, {"counts": {"admin": {"count": 9, "last": time.time()}}, "pending": []})
    for number in range(40):
        with pytest.raises(WrongPassword):
            open_with_password(court, f"guess{number}", "not the password")
    body = json.loads(_attempts_file(court).read_text())
    assert "admin" in body["counts"]
    assert len(body["counts"]) <= 20 + 1
    assert len(body["pending"]) <= 20
    with pytest.raises(SignInDelayed):
        open_with_password(court, "admin", TEST_PASSWORD)


def test_guessed_names_are_forgotten_least_tried_first(tmp_path, monkeypatch):
    monkeypatch.setattr(attempts_module, "_MAX_UNKNOWN", 3)
    attempts = SignInAttempts(tmp_path / "x.attempts")
    for _ in range(5):
        attempts.record_failure("tried-often", now=10.0, pending=False)
    for number in range(5):
        attempts.record_failure(f"once{number}", now=20.0 + number, pending=False)
    assert "tried-often" in attempts.counts and len(attempts.counts) == 3


def test_a_folder_at_the_attempts_path_is_a_plain_message(court):
    _attempts_file(court).mkdir()
    open_with_password(court, "admin", TEST_PASSWORD).close()  # a right password still works
    with pytest.raises(StoreError) as error:
        open_with_password(court, "admin", "not the password")
    assert "sign-in counter file" in error.value.message
