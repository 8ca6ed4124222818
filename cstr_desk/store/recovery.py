"""The recovery key: the database key itself, written so a person can copy it by hand.

Why the database key and not another wrapped slot: the recovery key must open the database
when the key file beside it is lost, so nothing it depends on may live in that file. The
encoding is Crockford base32 (no I, L, O or U; reading I/L as 1 and O as 0 is forgiven) over
the 32 key bytes plus a 3-byte SHA-256 check, giving 56 characters in 14 groups of four. The
check catches a mistyped group before the database is even tried, so "typing mistake" and
"this key does not open this database" are different messages.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from cstr_desk.store.errors import RecoveryKeyMistyped

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_FORGIVEN = str.maketrans({"I": "1", "L": "1", "O": "0"})
_KEY_BYTES = 32
_CHECK_BYTES = 3
_GROUP = 4


def _check(key: bytes) -> bytes:
    return hashlib.sha256(b"cstr-desk recovery key\x00" + key).digest()[:_CHECK_BYTES]


def _encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    chars = []
    for _ in range(len(data) * 8 // 5):
        number, digit = divmod(number, 32)
        chars.append(_ALPHABET[digit])
    return "".join(reversed(chars))


def _decode(text: str) -> bytes:
    number = 0
    for char in text:
        number = number * 32 + _ALPHABET.index(char)
    return number.to_bytes((len(text) * 5) // 8, "big")


@dataclass(frozen=True)
class RecoveryKey:
    key: bytes

    @property
    def formatted(self) -> str:
        text = _encode(self.key + _check(self.key))
        return "-".join(text[i : i + _GROUP] for i in range(0, len(text), _GROUP))

    @classmethod
    def parse(cls, text: str) -> RecoveryKey:
        """Accepts any case, spaces or dashes; raises RecoveryKeyMistyped on a wrong check."""
        cleaned = "".join(c for c in text.upper() if c.isalnum()).translate(_FORGIVEN)
        expected_length = (_KEY_BYTES + _CHECK_BYTES) * 8 // 5
        if len(cleaned) != expected_length or any(c not in _ALPHABET for c in cleaned):
            raise RecoveryKeyMistyped(
                f"A recovery key has {expected_length} letters and digits in groups of four; "
                "this one does not. Please check it against the printed copy."
            )
        data = _decode(cleaned)
        key, check = data[:_KEY_BYTES], data[_KEY_BYTES:]
        if not hmac.compare_digest(check, _check(key)):
            raise RecoveryKeyMistyped()
        return cls(key)

    def __repr__(self) -> str:
        return "RecoveryKey(<hidden>)"
