"""The UI's own vocabularies (codes to words), read in the language installed at the moment of
reading. The English source text is marked with QT_TRANSLATE_NOOP where the vocabulary is
defined, so pyside6-lupdate finds it; a dictionary of finished words built at import would be
English for ever, since the translator is installed after the modules are imported."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

from cstr_desk.domain import ROLE_LABELS, Role

K = TypeVar("K")


class Words(Mapping[K, str]):
    """A read-only mapping from a code to its words in `context`."""

    def __init__(self, context: str, source: Mapping[K, str]) -> None:
        self.context = context
        self._source = dict(source)

    def __getitem__(self, key: K) -> str:
        return QCoreApplication.translate(self.context, self._source[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self._source)

    def __len__(self) -> int:
        return len(self._source)


def translated(context: str, texts: Iterable[str]) -> list[str]:
    """`texts` (marked with QT_TRANSLATE_NOOP in `context`) in the installed language."""
    return [QCoreApplication.translate(context, text) for text in texts]


# The core's role words (domain.ROLE_LABELS, marked for lupdate there), as the UI shows them.
ROLE_WORDS: Words[Role] = Words("roles", ROLE_LABELS)
