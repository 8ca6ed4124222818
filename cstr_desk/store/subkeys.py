"""Keys derived from the database key, one per purpose, so no key is used for two jobs.

HKDF-SHA256 (RFC 5869) from `cryptography`, the library that already seals the key slots. The
database key is 32 random bytes, so HKDF's extract step needs no salt; `info` names the purpose,
which keeps each derived key independent of SQLCipher's use of the raw key and of the others.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_CHECK_BYTES = 16


def derive_subkey(database_key: bytes, purpose: str, length: int = 32) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None,
                info=f"cstr-desk/{purpose}".encode("ascii")).derive(database_key)


def key_check(database_key: bytes) -> bytes:
    """A short value the key file keeps to recognise its own database key: a slot that
    unwraps to any other key (copied from another database's key file, or from before a
    re-key) is then named as such, before SQLCipher is asked. It reveals nothing about the
    key (HKDF output is pseudorandom)."""
    return derive_subkey(database_key, "key-check/1", KEY_CHECK_BYTES)
