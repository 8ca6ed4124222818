"""The signature pad (mouse, pen, touch → SVG; Clear) and the easy-read pages by keyboard."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cstr_desk.consent_text import load_consent
from cstr_desk.domain import Requirement
from cstr_desk.ui.easy_read import ConsentSetup, PersonConsentWindow
from cstr_desk.ui.signature import SignaturePad, strokes_to_svg


def test_strokes_become_one_svg_path_each() -> None:
    svg = strokes_to_svg([[QPointF(1, 2), QPointF(3.5, 4)], [QPointF(5, 5)]], QSize(300, 100))
    assert 'viewBox="0 0 300 100"' in svg
    assert '<path d="M1.0 2.0 L3.5 4.0"/>' in svg
    assert '<path d="M5.0 5.0 l0.1 0"/>' in svg  # a tap is kept as a dot


def test_mouse_drawing_and_clear(qtbot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 160)
    pad.show()
    assert pad.is_empty()
    with qtbot.waitSignal(pad.changed):
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(10, 10))
        QTest.mouseMove(pad, QPoint(100, 60))
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(150, 70))
    assert pad.stroke_count() == 1 and "M10.0 10.0 L100.0 60.0 L150.0 70.0" in pad.to_svg()
    # Moving without a button down draws nothing.
    QTest.mouseMove(pad, QPoint(200, 20))
    assert pad.stroke_count() == 1
    with qtbot.waitSignal(pad.changed):
        pad.clear()
    assert pad.is_empty()


def test_touch_draws_a_stroke(qtbot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 160)
    pad.show()
    qtbot.waitExposed(pad)
    screen = QPointingDevice(
        "test touchscreen", 1, QPointingDevice.DeviceType.TouchScreen,
        QPointingDevice.PointerType.Finger, QPointingDevice.Capability.Position, 1, 0)
    touch = QTest.touchEvent(pad, screen)
    touch.press(0, QPoint(20, 30), pad).commit()
    touch.move(0, QPoint(120, 90), pad).commit()
    touch.release(0, QPoint(120, 90), pad).commit()
    QApplication.processEvents()
    assert pad.stroke_count() == 1
    assert "M20.0 30.0" in pad.to_svg()


def test_easy_read_by_keyboard_alone(qtbot) -> None:
    setup = ConsentSetup(load_consent(), [Requirement.DRR], True, "Sam Smith")
    recorded = []
    window = PersonConsentWindow(setup, lambda capture: recorded.append(capture))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    viewer = window.easy_read
    while window.pages.currentIndex() == window.READ:
        if viewer.understand.isVisible():
            viewer.understand.setFocus()
            qtbot.keyClick(viewer.understand, Qt.Key.Key_Space)
            assert viewer.understand.isChecked()
        viewer.next_button.setFocus()
        qtbot.keyClick(viewer.next_button, Qt.Key.Key_Space)
    assert window.acknowledgements.missing() == []
    # Keyboard users give witnessed verbal consent; the pad needs a pointer.
    window.cannot_sign_button.setFocus()
    qtbot.keyClick(window.cannot_sign_button, Qt.Key.Key_Space)
    window.witness_name.setFocus()
    QTest.keyClicks(window.witness_name, "Wendy Witness")
    QTest.keyClicks(window.verbal_reason, "Uses a keyboard only")
    window.verbal_button.setFocus()
    qtbot.keyClick(window.verbal_button, Qt.Key.Key_Space)
    assert len(recorded) == 1
    capture = recorded[0]
    assert capture.witness == "Wendy Witness" and capture.signature_svg is None
    # Since consent wording 2026.2 the DRR has its own point to acknowledge (issue 11).
    assert capture.acknowledgements == {"information_sharing": True,
                                        "confidentiality_limits": True, "right_to_withdraw": True,
                                        "drr_engagement": True}


def test_a_refusal_keeps_the_person_window_open(qtbot) -> None:
    setup = ConsentSetup(load_consent(), [Requirement.ATR], False, "Sam Smith")
    window = PersonConsentWindow(setup, lambda capture: "The consent cannot be saved yet.")
    qtbot.addWidget(window)
    window.show()
    for toggle in window.standard.understand_buttons.values():
        toggle.click()
    window.continue_button.click()
    window.cannot_sign_button.click()
    window.witness_name.setText("W")
    window.verbal_reason.setText("R")
    window.verbal_button.click()
    assert window.isVisible()
    assert window.problem.text() == "The consent cannot be saved yet."
    assert window.witness_name.text() == "W"
