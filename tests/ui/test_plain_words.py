"""Refusals in plain words at the screen's edge (issue 14): a rule's citation is kept for whoever
asks (tooltip, accessible description), not in the sentence the user acts on."""

from __future__ import annotations

from cstr_desk.ui.plain_words import split_sources
from cstr_desk.ui.widgets import label, set_error


def test_citations_leave_the_sentence_and_keep_their_words() -> None:
    assert split_sources("No consent has been recorded yet (Manual §4.3, §4.4).") == (
        "No consent has been recorded yet.", ["Manual §4.3, §4.4"])
    assert split_sources("No schedule recorded yet (weekly at least, 2014 guidance).")[0] == \
        "No schedule recorded yet."
    # An aside that is not a source stays: it is part of what the user needs to know.
    assert split_sources("Record the time (HH:MM).") == ("Record the time (HH:MM).", [])


def test_an_error_label_shows_the_plain_words_and_the_source_on_hover(qtbot) -> None:  # noqa: ANN001
    shown = label(role="error")
    qtbot.addWidget(shown)
    set_error(shown, "The Clinical Lead has not decided yet (Manual §4.4).")
    assert shown.text() == "The Clinical Lead has not decided yet."
    assert shown.toolTip() == "Source: Manual §4.4" == shown.accessibleDescription()
    set_error(shown, "")
    assert not shown.toolTip() and shown.isHidden()
