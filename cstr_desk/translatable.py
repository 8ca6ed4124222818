"""Marks the core's words for the UI's translation catalogue without the core importing Qt.

The core keeps codes and their English words (the command line and the audit speak English);
the UI shows the same words through Qt's translator (cstr_desk/ui/words.Words). Qt's lupdate
finds a string to translate by the name of the call around it, so a vocabulary defined once in
the core marks its words with this function of the same name, and lupdate reads that core
module too (tests/ui/test_translation_source.py names which)."""

from __future__ import annotations

from collections.abc import Callable


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """`text` as it is: a marker for lupdate that the UI translates `text` in `context`."""
    return text


# How the words modules (cstr_desk/score_words.py, pathway_words.py ...) are given a language:
# (context, English text) -> text. The screens pass Qt's QCoreApplication.translate; paper,
# exports and the command line keep `english`.
Translate = Callable[[str, str], str]


def english(context: str, text: str) -> str:
    """The words as written: paper, exports and the command line."""
    return text
