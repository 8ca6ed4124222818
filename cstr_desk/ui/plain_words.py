"""Refusals and warnings as a court user reads them: the rule's words without its citation.

The core's refusals still carry their sources ("(Manual §4.1)", "(2014 guidance)"), which is
right for whoever checks the rule but noise in the sentence a worker acts on (issue 14). At the
screen's edge the citation moves to the tooltip and the accessible description, where it can
still be found. (Issue 15 later moves the core itself to codes; this is the UI side only.)
"""

from __future__ import annotations

import re
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)

# A bracketed aside that names a source: the Manual and its sections or appendices, the
# guidance and service descriptions, statute, DOMAIN.md, the evaluation's annexes.
_SOURCE = re.compile(
    r"\s*\((?=[^()]*(?:Manual|Appendix|§|DOMAIN\.md|CJA \d|s\.\d|guidance|service description|"
    r"Annex [A-D]|process evaluation|Sentencing Council))[^()]*\)")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:])")


def split_sources(text: str) -> tuple[str, list[str]]:
    """(the text without its citations, the citations found, without brackets)."""
    sources = [m.group(0).strip()[1:-1] for m in _SOURCE.finditer(text)]
    plain = _SPACE_BEFORE_STOP.sub(r"\1", _SOURCE.sub("", text)).strip()
    return plain, sources


def plain_words(text: str) -> str:
    return split_sources(text)[0]


def cited(widget: W, source: str) -> W:
    """`widget`, whose visible text is already plain, with its source in the tooltip."""
    widget.setToolTip(QCoreApplication.translate("plain_words", "Source: {source}").format(source=source))
    widget.setAccessibleDescription(QCoreApplication.translate("plain_words", "Source: {source}").format(source=source))
    return widget


def show_plainly(widget: QWidget, text: str) -> str:
    """The plain text for `widget` to show; the sources go to its tooltip and description."""
    plain, sources = split_sources(text)
    where = ("Source: " + "; ".join(dict.fromkeys(sources))) if sources else ""
    widget.setToolTip(where)
    widget.setAccessibleDescription(where)
    return plain
