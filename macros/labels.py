"""Words the engine shows for its own categories (a trial's role), in the build's language.

One small module, so render functions and figures share the same words without importing
each other; the words themselves are in macros/locales/<language>/ (a role: `trial.role.*`).
`Words` is a table of such words that other modules import (a legend, the levels of evidence).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TypeVar

from .i18n import t

K = TypeVar("K")


def role_label(role: str) -> str:
    """'studied as the experimental treatment', 'the control (comparator) arm', ..."""
    return t(f"trial.role.{role}")


class Words(Mapping[K, str]):
    """A fixed set of categories -> their words, looked up in the build's language at each use.

    For tables of category words that other modules import (a legend, the levels of evidence): a
    plain dict made at import time would hold the words of whichever language was current then.
    """

    def __init__(self, keys: Mapping[K, str]) -> None:
        self._keys = dict(keys)  # category -> message key

    def __getitem__(self, category: K) -> str:
        return t(self._keys[category])

    def __iter__(self) -> Iterator[K]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)
