"""Fixtures the core's tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cstr_desk.store import set_kdf_params_for_tests
from cstr_desk.store.testing import FAST_KDF


@pytest.fixture
def fast_kdf() -> Iterator[None]:
    """Cheap Argon2 parameters for the databases a test makes: production's cost is there to
    slow an attacker's guesses, and would make the suite wait minutes for nothing."""
    set_kdf_params_for_tests(FAST_KDF)
    yield
    set_kdf_params_for_tests(None)
