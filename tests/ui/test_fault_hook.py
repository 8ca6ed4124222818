"""An error no screen caught (issue 15, item 5): the person sees one plain message, and support
gets a note that holds nothing about the person on the desk."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from cstr_desk.fault_log import LOG_NAME
from cstr_desk.ui import fault_hook


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_a_plain_message_and_writes_a_note(qtbot, tmp_path,
                                                                     monkeypatch) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    fault_hook.install_fault_hook(tmp_path)

    def broken_slot() -> None:
        raise ValueError("answers for Siân Ó Briain, NHS 9434765919")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(shown))
    [(title, text)] = shown
    assert title == "Something went wrong"
    assert "Traceback" not in text and "ValueError" not in text
    assert str(tmp_path / LOG_NAME) in text and "nothing about the people" in text
    note = (tmp_path / LOG_NAME).read_text("utf-8")
    assert "builtins.ValueError" in note and "in broken_slot" in note
    assert "Siân" not in note and "9434765919" not in note


def test_without_a_note_the_message_still_says_what_is_safe(tmp_path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    hook = fault_hook.FaultHook(blocked)
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        hook(RuntimeError, error, error.__traceback__)
    assert shown == [fault_hook.fault_message(None)]
    assert "what was saved before is safe" in shown[0]
