"""Parsing the cells of a strike file: dates, counts, literal columns, and the post's command.

Each parser returns the values and a mask of the cells that do not parse;
nothing is coerced silently (the rules in :mod:`~aidstats._read.strike_file.rules`
flag those rows). Work is done once per distinct cell text
(:class:`~aidstats._read.strike_file.coded.Coded`).

Examples
--------
>>> from aidstats._read.strike_file.cells import command_of, date_of, number_of, scope_of
>>> date_of("2023-05-16 3:30"), date_of("2026-04-04")
(('2023-05-16 03:30:00', True), ('2026-04-04 00:00:00', False))
>>> number_of("12.0"), number_of("ten")
((12.0, False), (nan, True))
>>> command_of("https://t.me/kpszsu/123"), scope_of(command_of("PvKPivden/posts/2"))
('kpszsu', 'regional')
>>> date_of("2026-04-04 23:59:60")
(None, True)
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from aidstats._read.literal import parse_literals
from aidstats._read.strike_file.coded import Coded, Lazy
from aidstats._read.strike_file.heap import release_arrow

__all__ = [
    "command_of",
    "count_column",
    "date_of",
    "details",
    "foreign_digits",
    "literal_column",
    "number_of",
    "parse_dates",
    "regions",
    "scope_of",
]

_NATIONAL = {"kpszsu"}
# Hosts whose first path segment names the channel that posted (``https://t.me/kpszsu/44624``).
_CHANNEL_HOSTS = {"t.me", "telegram.me", "www.t.me", "facebook.com", "www.facebook.com", "m.facebook.com",
                  "fb.com", "www.fb.com", "instagram.com", "www.instagram.com", "x.com", "twitter.com"}  # fmt: skip
# ASCII digits only: Python's \d and float() also accept Arabic-Indic or full-width digits.
_DATE_ONLY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DATE_TIME = re.compile(
    r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?$"
)
_NS_MIN, _NS_MAX = pd.Timestamp("1678-01-01"), pd.Timestamp("2261-12-31")
_NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")
_NO_NUMBER = {"", "nan", "na", "none", "null"}
_CHUNK_CHARS = 1 << 22  # cell text parsed, then let go, at a time


# ----------------------------------------------------------------------------- dates


def date_of(value: str) -> tuple[str | None, bool]:
    """(normalised 'YYYY-MM-DD HH:MM:SS' text or None, whether a time was given).

    A time of day outside 00:00:00-23:59:59 (``24:00``, ``12:61``, the leap
    second ``23:59:60``, which pandas would roll into the next day) is None
    with a time given: an impossible time, not a date.
    """
    if _DATE_ONLY.match(value):
        return value + " 00:00:00", False
    m = _DATE_TIME.match(value)
    if m is None:
        return None, False
    hour, minute, second = int(m[2]), int(m[3]), int(m[4] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None, True
    return f"{m[1]} {hour:02d}:{minute:02d}:{second:02d}", True


def parse_dates(coded: Coded) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(datetime64[ns] values, has_time, unparseable, impossible time of day, distinct values) of a date column.

    The distinct values are in the order of ``coded.uniques`` (the codes index them).
    """
    normal = [date_of(u) for u in coded.uniques]
    parsed = pd.to_datetime(
        pd.Series([t for t, _ in normal], dtype=object), format="%Y-%m-%d %H:%M:%S", errors="coerce"
    )
    # Outside the datetime64[ns] range (pandas 3 parses wider): NaT, flagged like any unparseable cell.
    parsed = parsed.where((parsed >= _NS_MIN) & (parsed <= _NS_MAX))
    # Unparseable cells stay NaT and their rows are flagged: nothing is coerced silently.
    distinct = parsed.to_numpy(dtype="datetime64[ns]")
    stamps = distinct[coded.codes]
    has_time = np.array([h for _, h in normal], dtype=bool)[coded.codes]
    impossible = np.array([t is None and h for t, h in normal], dtype=bool)[coded.codes]
    return stamps, has_time, np.isnat(stamps) & ~impossible, impossible, distinct


# ----------------------------------------------------------------------------- counts


def number_of(text: str) -> tuple[float, bool]:
    """(value, unparseable) of one count cell; NaN without a flag where the cell says 'no number'."""
    if text.lower() in _NO_NUMBER:
        return math.nan, False
    if not _NUMBER.match(text):
        return math.nan, True
    value = float(text)
    return (value, False) if math.isfinite(value) else (math.nan, True)


def foreign_digits(text: str) -> bool:
    """Whether ``text`` holds a digit other than ASCII 0-9 (``١٢``, ``８``), which no count may use."""
    return any(ch.isdigit() and not ("0" <= ch <= "9") for ch in text)


def count_column(frame: pd.DataFrame, name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, Any]:
    """(float values, unparseable, non-ASCII digits, raw values for messages) of a count column.

    Values are NaN where empty, absent or unparseable.
    """
    n = len(frame)
    if name not in frame.columns:
        return (
            np.full(n, np.nan),
            np.zeros(n, dtype=bool),
            np.zeros(n, dtype=bool),
            np.full(n, np.nan),
        )
    column = frame[name]
    if column.dtype == "float64":
        values = column.to_numpy(dtype="float64", copy=True)
        bad = ~np.isfinite(values) & ~np.isnan(values)  # inf from overlong exponents
        values[bad] = np.nan
        return values, bad, np.zeros(n, dtype=bool), column.to_numpy()
    coded = Coded(frame, name)
    parsed = [number_of(u) for u in coded.uniques]
    values = np.array([v for v, _ in parsed], dtype="float64")[coded.codes]
    bad = np.array([b for _, b in parsed], dtype=bool)[coded.codes]
    foreign = np.array([foreign_digits(u) for u in coded.uniques], dtype=bool)[coded.codes]
    return values, bad & ~foreign, foreign, coded.text()


# ----------------------------------------------------------------------------- literal columns


def regions(value: Any) -> tuple[str, ...] | None:
    """The ``affected region`` shape: a list or tuple of names, as a tuple; None otherwise."""
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def details(value: Any) -> dict[Any, Any] | None:
    """The ``*_details`` shape: a dict; None otherwise."""
    return value if isinstance(value, dict) else None


def _shared(value: Any, seen: dict[str, str]) -> Any:
    """``value`` (a parsed tuple of names) with each name replaced by the first equal one ``seen``
    in the column; any other value as it is.

    Each cell is parsed on its own, so a region named in thousands of cells
    would be thousands of strings. (Dict keys are shared by the batched
    reading, :func:`~aidstats._read.literal.parse_literals`.)
    """
    if isinstance(value, tuple) and value and set(map(type, value)) == {str}:
        return tuple(map(seen.setdefault, value, value))
    return value


def _chunks(texts: list[str]) -> Iterator[tuple[int, int]]:
    """(start, stop) of consecutive runs of ``texts`` of about :data:`_CHUNK_CHARS` characters."""
    start = size = 0
    for i, text in enumerate(texts):
        size += len(text)
        if size >= _CHUNK_CHARS:
            yield start, i + 1
            start, size = i + 1, 0
    if start < len(texts):
        yield start, len(texts)


def literal_column(
    frame: pd.DataFrame, name: str, shape: Callable[[Any], Any], empty: Any = None
) -> tuple[np.ndarray, np.ndarray, Lazy]:
    """(parsed values, unparseable, text) of a literal column; ``empty`` where empty, absent or unparseable.

    ``text`` gives the cell text of the unparseable rows (the failure messages ask for no
    other): the cells' text goes a few megabytes at a time once parsed, so that cells of
    100 KB are not held beside their parsed values.
    """
    coded = Coded(frame, name, sparse=True)
    texts, codes = coded.uniques, coded.codes
    del coded
    release_arrow()  # the column's distinct text in Arrow, gone with ``coded``: not kept under the values
    parsed = np.empty(len(texts), dtype=object)
    bad = np.zeros(len(texts), dtype=bool)
    unparseable: dict[int, str] = {}
    seen: dict[str, str] = {}
    for start, stop in _chunks(texts):
        chunk = texts[start:stop]
        texts[start:stop] = [""] * (stop - start)  # let go once parsed
        read, errors = parse_literals(chunk)
        for i, cell in enumerate(chunk, start):
            value = None if not cell or i - start in errors else shape(read[i - start])
            if cell and value is None:
                bad[i] = True
                unparseable[i] = cell
            parsed[i] = empty if value is None else _shared(value, seen)
        del chunk, read
    # Cells with the same text share one parsed object (documented in read_strike_events).
    values = parsed[codes]
    return values, bad[codes], Lazy(lambda row: unparseable.get(int(codes[row]), ""))


# ----------------------------------------------------------------------------- posts


def command_of(post: str) -> str:
    """The reporting command of a post: the first part of the path.

    For a full URL, the channel of a social-network link (``https://t.me/kpszsu/44624``
    is ``kpszsu``, the national command) and the host of any other link.
    """
    if "://" in post:
        parts = urlsplit(post)
        host = (parts.hostname or "").casefold()
        channel = parts.path.strip("/").split("/", 1)[0]
        return channel if host in _CHANNEL_HOSTS and channel else host
    return post.split("/", 1)[0].strip()


def scope_of(command: str) -> str:
    """``national`` (the Air Force command), ``regional`` (an air command ``PvK...``) or ``other``."""
    folded = command.casefold()
    if folded in _NATIONAL:
        return "national"
    return "regional" if folded.startswith("pvk") else "other"
