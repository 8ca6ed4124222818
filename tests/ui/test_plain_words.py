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


def test_an_error_label_shows_the_plain_words_and_the_source_on_hover(qtbot) -> None:
    shown = label(role="error")
    qtbot.addWidget(shown)
    set_error(shown, "The Clinical Lead has not decided yet (Manual §4.4).")
    assert shown.text() == "The Clinical Lead has not decided yet."
    assert shown.toolTip() == "Source: Manual §4.4" == shown.accessibleDescription()
    set_error(shown, "")
    assert not shown.toolTip() and shown.isHidden()


def test_no_screen_heading_or_line_shows_a_citation() -> None:
    """The rest of the screens' own headings and lines (issue 14): every literal the UI shows
    that names a source carries it in a tooltip, not in its words."""
    import ast
    from pathlib import Path

    import cstr_desk.ui as ui

    shown = []
    for path in Path(ui.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        # Whatever passes through these reaches the screen without its citation.
        cited_calls = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.Call)
                       and getattr(node.func, "id", "") in ("cited", "show_plainly", "plain_words")
                       for arg in node.args for inner in ast.walk(arg)}
        # A `source=` argument is where a widget keeps its citation (ui/prompts.py).
        cited_calls |= {id(keyword.value) for node in ast.walk(tree)
                        if isinstance(node, ast.Call) for keyword in node.keywords
                        if keyword.arg == "source"}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and "Manual §" in node.value and id(node) not in docstrings
                    and id(node) not in cited_calls):
                shown.append(f"{path.name}:{node.lineno}: {node.value}")
    assert shown == []
