"""After the person has the device, only the practitioner's password gives it back, for consent
as for a handed-over questionnaire (issue 14, broken items 6 and 10): a wrong password and Enter
keep the prompt open and say so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from shiboken6 import isValid

from cstr_desk.domain import Requirement, Role
from cstr_desk.store.testing import TEST_PASSWORD
from tests.ui.test_consent_journeys import (  # noqa: F401 (site is a fixture)
    assess, consent_with_signature, open_as, open_consent, site,
)


def test_consent_hands_back_only_with_the_practitioners_password(qtbot, site) -> None:
    path, referral_id = site
    practitioner = open_as(path, Role.PRACTITIONER)
    assess(qtbot, practitioner, referral_id)
    tab = consent_with_signature(qtbot, practitioner, referral_id)
    window = tab.person_window
    assert window.isVisible() and window.pages.currentIndex() == window.DONE
    assert not window.stop_button.isVisible()
    window.close()  # closing the window is asking to hand back, not leaving
    assert window.isVisible()
    dialog = tab.hand_back_dialog
    assert dialog.isVisible()
    dialog.reject()
    qtbot.mouseClick(window.hand_back_button, Qt.MouseButton.LeftButton)
    dialog = tab.hand_back_dialog
    qtbot.keyClicks(dialog.password, "not the password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert dialog.isVisible() and window.isVisible()  # Enter did not close the prompt
    qtbot.keyClicks(dialog.password, TEST_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isValid(window) or not window.isVisible(), timeout=10_000)
    practitioner.close()


def test_stopping_consent_also_needs_the_password(qtbot, site) -> None:
    path, referral_id = site
    practitioner = open_as(path, Role.PRACTITIONER)
    assess(qtbot, practitioner, referral_id)
    tab = open_consent(qtbot, practitioner, referral_id, [Requirement.MHTR], easy_read=True)
    window = tab.person_window
    qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
    assert window.isVisible() and tab.hand_back_dialog.isVisible()
    qtbot.keyClicks(tab.hand_back_dialog.password, TEST_PASSWORD)
    qtbot.keyClick(tab.hand_back_dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isValid(window) or not window.isVisible(), timeout=10_000)
    assert practitioner.load_case(referral_id).current_consent is None
    practitioner.close()
