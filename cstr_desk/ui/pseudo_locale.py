"""A pseudo-locale: every string the UI translates comes back accented and about a third longer,
so a screen shows at a glance (and a test checks) which words never went through `tr()` and
which layouts clip when a real language is longer than English (German and Welsh often run
30-40% longer).

Switched on by CSTR_DESK_PSEUDO_LOCALE=1 (prepare_application) or by a test installing
`PseudoTranslator`. Placeholders (`%1`, `%n`, `{name}`, `{0:,}`), `&` accelerators and rich-text
tags and entities pass through unchanged, so the app behaves as in English.
"""

from __future__ import annotations

import math
import os
import re

from PySide6.QtCore import QCoreApplication, QTranslator

PSEUDO_LOCALE_VARIABLE = "CSTR_DESK_PSEUDO_LOCALE"

# Every ASCII letter has a non-ASCII stand-in, so any plain ASCII word left on a pseudo screen
# came from somewhere other than the translator (data, the core, or a string that missed tr()).
_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûvŵxýžÅƁÇĐÉƑĜĤÎĴĶĻMÑÖÞǪŔŠŢÛVŴXÝŽ",
)
# What must survive translation untouched: Qt and str.format placeholders, && and the letter an
# & accelerator underlines (kept ASCII so Alt+letter is the same key), tags and entities.
_KEEP = re.compile(r"%L?\d|%n|\{[^{}]*\}|\{\{|\}\}|<[^>]*>|&\w+;|&#\d+;|&&|&\w")
# About 35% longer; the brackets show where a translated string starts and ends (so text cut
# off at either end is visible on a screenshot).
GROWTH = 0.35


def pseudo(text: str) -> str:
    """`text` accented and padded, with its placeholders, accelerators and tags intact."""
    if not text:
        return text
    parts: list[str] = []
    last = 0
    for kept in _KEEP.finditer(text):
        parts.append(text[last:kept.start()].translate(_ACCENTED))
        parts.append(kept.group())
        last = kept.end()
    parts.append(text[last:].translate(_ACCENTED))
    padding = "~" * max(1, math.ceil(len(text) * GROWTH) - 2)
    return f"[{''.join(parts)}{padding}]"


class PseudoTranslator(QTranslator):
    """Answers every lookup, whatever the context, with the pseudo form of the source text.
    Qt's own strings (standard buttons, context menus) are left to Qt: only contexts lupdate
    finds in cstr_desk/ui are ours, but a translator cannot tell, so it translates them too,
    which is what a complete translation would also do."""

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return pseudo(source_text)

    def isEmpty(self) -> bool:
        return False


def install_pseudo_locale_if_asked(app: QCoreApplication) -> PseudoTranslator | None:
    """The translator, installed on `app`, when the environment asks for the pseudo-locale."""
    if os.environ.get(PSEUDO_LOCALE_VARIABLE, "") not in ("1", "true", "yes"):
        return None
    translator = PseudoTranslator(app)
    app.installTranslator(translator)
    return translator
