"""Being told plainly (issue 14, broken item 10): who is signed in stays in the status bar; a
password-only prompt does not talk about a username; one second is "1 second"."""

from __future__ import annotations

from cstr_desk.store import SignInDelayed, WrongPassword
from cstr_desk.ui.lock import password_only_message
from tests.ui.conftest import sign_in


def test_signed_in_as_survives_a_status_message(qtbot, desk) -> None:
    window = sign_in(qtbot).main_window
    window.notify("Consent recorded.")
    assert window.signed_in_as.isVisible()
    assert window.signed_in_as.text() == "Signed in as Pat Practitioner (MHTR practitioner)"
    assert window.statusBar().currentMessage() == "Consent recorded."


def test_plain_words_for_passwords_and_waits() -> None:
    assert "username" not in password_only_message(WrongPassword())
    assert "wait 1 second and" in SignInDelayed(0.6).message
    assert "wait 4 seconds and" in SignInDelayed(4).message
