"""Key files as versions before key slot format 2 wrote them, for the tests of the upgrade at
sign-in and of what a re-key does with accounts still in format 1 (issue 13 item 3)."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from cstr_desk.store.files import keys_path
from cstr_desk.store.keyslots import FORMAT_1, derive_wrapping_key
from cstr_desk.store.testing import FAST_KDF


def _text(data: bytes) -> str:
    return base64.b64encode(data).decode()


def format_1_slot(username: str, password: str, key: bytes) -> dict:
    """The database key itself sealed under the Argon2id password key, the format 1 name and
    the username as associated data."""
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapping = derive_wrapping_key(password, salt, FAST_KDF)
    sealed = AESGCM(wrapping).encrypt(nonce, key, f"{FORMAT_1}\x00{username}".encode())
    return {"kdf": {"algorithm": "argon2id", "time_cost": FAST_KDF.time_cost,
                    "memory_kib": FAST_KDF.memory_kib, "parallelism": FAST_KDF.parallelism},
            "salt": _text(salt), "nonce": _text(nonce), "sealed": _text(sealed)}


def make_format_1_slots(db: Path, key: bytes, passwords: dict[str, str]) -> None:
    """The key file beside `db` in format 1, these accounts' slots (username: password) too."""
    body = json.loads(keys_path(db).read_bytes())
    body["format"] = FORMAT_1
    for username, password in passwords.items():
        body["slots"][username] = format_1_slot(username, password, key)
    keys_path(db).write_text(json.dumps(body))
