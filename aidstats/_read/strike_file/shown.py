"""Text from the file as messages show it: long names cut, long lists counted, so that a warning stays short.

A hostile or damaged file can hold a model name of 100 MB or forty thousand
distinct names; a warning that quoted them whole would be as large as the
file. :func:`shorten` cuts one text to its first :data:`SHOWN_CHARS`
characters and says how long it was; :func:`bounded` joins items up to a
count and a character budget and says how many more there are.

Examples
--------
>>> from aidstats._read.strike_file.shown import bounded, shorten
>>> shorten("Kalibr"), shorten("X" * 100_000)[-26:]
('Kalibr', 'XXXX… (100,000 characters)')
>>> bounded([f"name {i}" for i in range(30)], 3)
'name 0; name 1; name 2; and 27 more'
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["MAX_ITEMS", "MAX_SECTION_CHARS", "SHOWN_CHARS", "bounded", "most", "shorten"]

SHOWN_CHARS = 80
"""Characters of one name shown in a message; a longer name is cut there, with its length."""

MAX_ITEMS = 20
"""Items of one list shown in a message (names, columns); the rest are counted."""

MAX_SECTION_CHARS = 5_000
"""Characters of one list in a message: items past this budget are counted, not shown."""


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` itself, or its first ``limit`` characters followed by its length where it is longer."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


def bounded(
    items: Sequence[str],
    limit: int = MAX_ITEMS,
    budget: int = MAX_SECTION_CHARS,
    sep: str = "; ",
    total: int | None = None,
    where: str = "",
) -> str:
    """The first ``items`` joined by ``sep``, at most ``limit`` of them and ``budget`` characters,
    then how many more there are of ``total`` (``len(items)`` by default), followed by ``where``
    (where to find them all).

    The first item is always shown (it is short where it came through :func:`shorten`).
    """
    shown: list[str] = []
    length = 0
    for item in items[:limit]:
        if shown and length + len(sep) + len(item) > budget:
            break
        length += len(item) + (len(sep) if shown else 0)
        shown.append(item)
    more = (len(items) if total is None else total) - len(shown)
    return sep.join(shown) + (f"{sep}and {more:,} more{where}" if more else "")


def most(weights: np.ndarray, limit: int = MAX_ITEMS) -> np.ndarray:
    """Positions of the items a message shows, in their order: all of them up to ``limit``, else
    the ``limit`` with the largest ``weights`` (the first among equal ones).

    Examples
    --------
    >>> most(np.array([5.0, 1.0, 9.0]), limit=2).tolist()
    [0, 2]
    """
    if len(weights) <= limit:
        return np.arange(len(weights))
    # A stable sort keeps the items' order among equal weights, with no sort of the items themselves.
    return np.sort(np.argsort(-np.asarray(weights, dtype=float), kind="stable")[:limit])
