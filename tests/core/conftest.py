"""Fixtures the core's tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cstr_desk.store.testing import cheap_kdf


@pytest.fixture
def fast_kdf() -> Iterator[None]:
    """Cheap Argon2 parameters for the databases a test makes (store.testing.cheap_kdf)."""
    with cheap_kdf():
        yield
