"""Key slots: the database key, wrapped once per user account.

The database is encrypted with one random 256-bit key (used raw by SQLCipher, no second KDF).
Each account's slot (format 2) holds an X25519 key pair of its own: the private key sealed with
AES-256-GCM under a key derived from the account's password by Argon2id, and the database key
sealed to the public key by HPKE (RFC 9180: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
AES-256-GCM, from `cryptography`). So an administrator can seal a new database key to every
account without knowing their passwords, which is what a re-key needs (store/rekey.py). A wrong
password fails the GCM tag, so it is told apart from a damaged database before SQLCipher is
ever asked. The username is the associated data (and in HPKE's `info`), so a slot copied to
another account does not open. Every slot records its own Argon2 parameters, so slots made
with cheaper test parameters or older defaults still open.

Format 1 slots sealed the database key itself under the password key; they still open, and
each becomes a format 2 slot at its owner's next sign-in (`OpenedSlot.upgraded`). A re-key
cannot carry a format 1 slot over: it names those accounts for a new password.

Argon2id parameters: time_cost=5, 128 MiB, parallelism=2: about 0.35 s on the 2-core
development machine when idle (time_cost=4 measured 0.28 s), inside the 0.3-0.5 s sign-in
budget; bench/bench_store.py measures it. 128 MiB makes each guess cost memory as well as time
(RFC 9106 §4 recommends memory-hard settings where memory allows).
"""

from __future__ import annotations

import base64
import hmac
import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from cstr_desk.store.errors import (
    KeySlotFileMissing, KeySlotFromAnotherKey, NotACstrDatabase, WrongPassword,
)
from cstr_desk.store.files import (
    UnusableSideFile, database_salt, keys_path, read_side_file, write_atomically,
)
from cstr_desk.store.subkeys import KEY_CHECK_BYTES, key_check

FORMAT = "cstr-desk-keyslots/2"
FORMAT_1 = "cstr-desk-keyslots/1"
KEY_BYTES = 32
SALT_BYTES, NONCE_BYTES, TAG_BYTES = 16, 12, 16
X25519_BYTES = 32
# HPKE's output is the encapsulated ephemeral public key, then the AES-256-GCM ciphertext.
HPKE_SEALED_BYTES = X25519_BYTES + KEY_BYTES + TAG_BYTES
_HPKE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
# A key file holds a few hundred bytes per account; a court's few dozen accounts fit in well
# under 1 MiB, and nothing larger (or hostile) is read into memory.
MAX_KEY_FILE_BYTES = 1024 * 1024
@dataclass(frozen=True)
class KdfParams:
    time_cost: int = 5
    memory_kib: int = 128 * 1024
    parallelism: int = 2


PRODUCTION_KDF = KdfParams()

# What a slot may ask of sign-in. A damaged or hostile key file must not make sign-in allocate
# gigabytes or spin for minutes: at most 1 GiB of memory, 8 lanes, and time x memory at most
# four times the production cost (about 1.5 s on the development machine). The lower bound on
# memory is Argon2's own (8 KiB per lane, RFC 9106 §3.1).
MAX_KDF_MEMORY_KIB = 1024 * 1024
MAX_KDF_PARALLELISM = 8
MAX_KDF_TIME_COST = 20
MAX_KDF_WORK = 4 * PRODUCTION_KDF.time_cost * PRODUCTION_KDF.memory_kib


def _checked_kdf(data: object) -> KdfParams:
    if not isinstance(data, dict) or data.get("algorithm") != "argon2id":
        raise ValueError("unknown key derivation")
    fields = {k: v for k, v in data.items() if k != "algorithm"}
    if set(fields) != {"time_cost", "memory_kib", "parallelism"} or not all(
            type(v) is int for v in fields.values()):
        raise ValueError("key derivation parameters are not whole numbers")
    params = KdfParams(**fields)
    if not (1 <= params.time_cost <= MAX_KDF_TIME_COST
            and 1 <= params.parallelism <= MAX_KDF_PARALLELISM
            and 8 * params.parallelism <= params.memory_kib <= MAX_KDF_MEMORY_KIB
            and params.time_cost * params.memory_kib <= MAX_KDF_WORK):
        raise ValueError("key derivation parameters out of range")
    return params


_new_slot_kdf = PRODUCTION_KDF


def set_kdf_params_for_tests(params: KdfParams | None) -> None:
    """Test-only hook: new slots use cheaper Argon2 parameters so a test suite that creates
    hundreds of accounts stays fast. Pass None to go back to the production parameters. The
    app never calls this; slots record their parameters, so nothing else changes."""
    global _new_slot_kdf
    _new_slot_kdf = params or PRODUCTION_KDF


def new_database_key() -> bytes:
    return os.urandom(KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, length: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if length is not None and len(data) != length:
        # AES-GCM and Argon2 would reject (or, for some lengths, accept) other sizes deep
        # inside sign-in; every slot this program writes has exactly these.
        raise ValueError("a key slot field has the wrong length")
    return data


def derive_wrapping_key(password: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        secret=password.encode("utf-8"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _associated_data(username: str, slot_format: str = FORMAT) -> bytes:
    return f"{slot_format}\x00{username}".encode("utf-8")


def _hpke_info(username: str) -> bytes:
    return f"{FORMAT}\x00database key\x00{username}".encode("utf-8")


def _seal_to(public: bytes, username: str, database_key: bytes) -> bytes:
    return _HPKE.encrypt(database_key, X25519PublicKey.from_public_bytes(public),
                         info=_hpke_info(username))


def _damaged_slot() -> NotACstrDatabase:
    return NotACstrDatabase(
        "This account's key slot in the key file has been changed or damaged since it was "
        "made. The database has not been touched. An administrator can set this account's "
        "password again.")


@dataclass(frozen=True)
class KeySlot:
    """A format 2 slot: the account's own key pair, its private half under the password."""

    kdf: KdfParams
    salt: bytes
    nonce: bytes
    sealed_private: bytes
    public: bytes
    sealed_key: bytes

    @classmethod
    def seal(cls, username: str, password: str, database_key: bytes) -> KeySlot:
        kdf, salt = _new_slot_kdf, os.urandom(SALT_BYTES)
        return cls.under(username, kdf, salt, derive_wrapping_key(password, salt, kdf),
                         database_key)

    @classmethod
    def under(cls, username: str, kdf: KdfParams, salt: bytes, wrapping: bytes,
              database_key: bytes) -> KeySlot:
        """A new key pair, sealed under an already derived password key (an upgrade reuses
        the one sign-in derived, so signing in does not pay for Argon2 twice)."""
        private = X25519PrivateKey.generate()
        public = private.public_key().public_bytes_raw()
        nonce = os.urandom(NONCE_BYTES)
        sealed_private = AESGCM(wrapping).encrypt(nonce, private.private_bytes_raw(),
                                                  _associated_data(username))
        return cls(kdf, salt, nonce, sealed_private, public,
                   _seal_to(public, username, database_key))

    def open(self, username: str, password: str) -> OpenedSlot:
        wrapping = derive_wrapping_key(password, self.salt, self.kdf)
        try:
            raw = AESGCM(wrapping).decrypt(self.nonce, self.sealed_private,
                                           _associated_data(username))
        except InvalidTag:
            raise WrongPassword() from None
        private = X25519PrivateKey.from_private_bytes(raw)
        if not hmac.compare_digest(private.public_key().public_bytes_raw(), self.public):
            # The public key re-keys seal to is not this account's own: someone edited it.
            raise _damaged_slot()
        try:
            key = _HPKE.decrypt(self.sealed_key, private, info=_hpke_info(username))
        except InvalidTag:
            raise _damaged_slot() from None
        return OpenedSlot(key, None)

    def rewrapped(self, username: str, database_key: bytes) -> KeySlot:
        """The same key pair and password, holding `database_key`: no password needed."""
        return replace(self, sealed_key=_seal_to(self.public, username, database_key))

    def to_json(self) -> dict:
        return {"version": 2, "kdf": {"algorithm": "argon2id", **asdict(self.kdf)},
                "salt": _b64(self.salt), "nonce": _b64(self.nonce),
                "sealed_private": _b64(self.sealed_private), "public": _b64(self.public),
                "sealed_key": _b64(self.sealed_key)}

    @classmethod
    def from_json(cls, data: dict) -> KeySlot:
        _expect_fields(data, {"version", "kdf", "salt", "nonce", "sealed_private", "public",
                              "sealed_key"})
        return cls(_checked_kdf(data["kdf"]), _unb64(data["salt"], SALT_BYTES),
                   _unb64(data["nonce"], NONCE_BYTES),
                   _unb64(data["sealed_private"], X25519_BYTES + TAG_BYTES),
                   _unb64(data["public"], X25519_BYTES),
                   _unb64(data["sealed_key"], HPKE_SEALED_BYTES))


@dataclass(frozen=True)
class KeySlotV1:
    """A format 1 slot: the database key itself sealed under the password key. Only its
    owner's password can carry it to a new key, so it is upgraded at their sign-in."""

    kdf: KdfParams
    salt: bytes
    nonce: bytes
    sealed: bytes

    def open(self, username: str, password: str) -> OpenedSlot:
        wrapping = derive_wrapping_key(password, self.salt, self.kdf)
        try:
            key = AESGCM(wrapping).decrypt(self.nonce, self.sealed,
                                           _associated_data(username, FORMAT_1))
        except InvalidTag:
            raise WrongPassword() from None
        return OpenedSlot(key, KeySlot.under(username, self.kdf, self.salt, wrapping, key))

    def to_json(self) -> dict:
        return {"kdf": {"algorithm": "argon2id", **asdict(self.kdf)}, "salt": _b64(self.salt),
                "nonce": _b64(self.nonce), "sealed": _b64(self.sealed)}

    @classmethod
    def from_json(cls, data: dict) -> KeySlotV1:
        _expect_fields(data, {"kdf", "salt", "nonce", "sealed"})
        return cls(_checked_kdf(data["kdf"]), _unb64(data["salt"], SALT_BYTES),
                   _unb64(data["nonce"], NONCE_BYTES),
                   _unb64(data["sealed"], KEY_BYTES + TAG_BYTES))


@dataclass(frozen=True)
class OpenedSlot:
    """What a password opened: the database key, and (for a format 1 slot) the format 2 slot
    to store in its place once the database has shown the key is its own."""

    key: bytes
    upgraded: KeySlot | None


def _expect_fields(data: dict, fields: set[str]) -> None:
    if set(data) != fields:
        raise ValueError("a key slot has missing or unknown fields")


def slot_from_json(data: object) -> KeySlot | KeySlotV1:
    if not isinstance(data, dict):
        raise ValueError("a key slot is not an object")
    version = data.get("version", 1)
    if version == 2 and type(version) is int:
        return KeySlot.from_json(data)
    if "version" not in data:
        return KeySlotV1.from_json(data)
    raise ValueError("unknown key slot version")


def dummy_unwrap(password: str) -> None:
    """Costs what a real unwrap costs, so an unknown username takes as long to refuse as a
    wrong password and sign-in timing does not reveal which usernames exist."""
    derive_wrapping_key(password, b"\x00" * 16, _new_slot_kdf)


@dataclass
class KeySlotFile:
    """The side file: the slots plus the salt of the database they belong to; the database's
    origin (a one-way fingerprint of its UUID, backup.database_origin), which tells a restore
    whether a backup is of this database without needing its key; and (from this version on) a
    check value of the database key, so a slot holding another key says so."""

    db_salt: bytes
    slots: dict[str, KeySlot | KeySlotV1]
    origin: str = ""
    key_check: bytes | None = None

    def bind_key(self, database_key: bytes) -> None:
        """Call before saving with the key every slot holds (new databases, slot changes)."""
        self.key_check = key_check(database_key)

    def to_bytes(self) -> bytes:
        body: dict = {"format": FORMAT, "db_salt": _b64(self.db_salt)}
        if self.key_check is not None:
            body["key_check"] = _b64(self.key_check)
        body["slots"] = {name: slot.to_json() for name, slot in sorted(self.slots.items())}
        if self.origin:
            body["origin"] = self.origin
        return json.dumps(body, indent=1).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> KeySlotFile:
        try:
            body = json.loads(data.decode("utf-8"))
            if not isinstance(body, dict) or body.get("format") not in (FORMAT, FORMAT_1):
                raise ValueError("format")
            if not isinstance(body["slots"], dict):
                raise ValueError("slots")
            slots = {name: slot_from_json(s) for name, s in body["slots"].items()}
            check = body.get("key_check")
            return cls(_unb64(body["db_salt"], 16), slots, str(body.get("origin", "")),
                       None if check is None else _unb64(check, KEY_CHECK_BYTES))
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
            # RecursionError: deeply nested JSON exhausts the parser's stack.
            raise NotACstrDatabase(
                "The key file beside this database is damaged. An administrator can open the "
                "database with the recovery key and set passwords again."
            ) from error

    @classmethod
    def load(cls, db: Path) -> KeySlotFile:
        path = keys_path(db)
        try:
            data = read_side_file(path, MAX_KEY_FILE_BYTES)
        except FileNotFoundError:
            raise KeySlotFileMissing() from None
        except (OSError, UnusableSideFile) as error:
            raise NotACstrDatabase(
                f"The key file {path.name} beside this database cannot be read (it is not an "
                "ordinary file, is too large, or is not readable), so passwords cannot open the "
                "database. Put the key file saved with this database back, or open it with its "
                "recovery key."
            ) from error
        slot_file = cls.from_bytes(data)
        if slot_file.db_salt != database_salt(db):
            raise NotACstrDatabase(
                "The key file beside this database does not belong to it as it is now: it is "
                "another database's, or an older copy from before this database was re-keyed "
                "(an account removed, or 'Re-key now'). Use the key file saved with this "
                "database, or open it with its recovery key."
            )
        return slot_file

    def save(self, db: Path) -> None:
        write_atomically(keys_path(db), self.to_bytes())

    def unwrap(self, username: str, password: str) -> bytes:
        return self.open_slot(username, password).key

    def open_slot(self, username: str, password: str) -> OpenedSlot:
        slot = self.slots.get(username)
        if slot is None:
            dummy_unwrap(password)
            raise WrongPassword()
        opened = slot.open(username, password)
        if self.key_check is not None and not hmac.compare_digest(key_check(opened.key),
                                                                  self.key_check):
            raise KeySlotFromAnotherKey()
        return opened

    def accounts_in_format_1(self) -> list[str]:
        """Accounts whose slot a re-key cannot carry over (they have not signed in since
        format 2): they need a new password from an administrator after it."""
        return sorted(name for name, slot in self.slots.items() if isinstance(slot, KeySlotV1))
