"""The one calendar of aidstats: frequencies, the period of a date, grids, windows, completeness.

Every function that buckets dates, fills a grid of periods, takes a window
before or after a date, or asks whether a period is complete goes through
here, so that "month" means one thing everywhere.

Frequencies
    ``freq`` accepts pandas-style codes and words alike: ``"D"``/``"day"``,
    ``"W"``/``"week"`` (Monday to Sunday, labelled by the Monday),
    ``"M"``/``"ME"``/``"MS"``/``"month"``, ``"Q"``/``"quarter"``,
    ``"Y"``/``"A"``/``"year"``. :func:`freq_code` turns any of them into the
    canonical code (``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``).
Periods
    A period is labelled by its first day (a midnight ``datetime64[ns]``).
Completeness
    A period is *complete* when the data cover every day of it: data that
    end on 5 April cover April only partly, and a partial period read as a
    whole one manufactures a drop.

Examples
--------
>>> import pandas as pd
>>> from aidstats._core import periods
>>> periods.freq_code("month"), periods.freq_code("ME")
('M', 'M')
>>> periods.period_start(pd.Series(pd.to_datetime(["2025-07-09 08:30"])), "W")[0]
Timestamp('2025-07-07 00:00:00')
>>> periods.last_complete("2026-04-05", "M")
Timestamp('2026-03-01 00:00:00')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "FREQ_ALIASES",
    "FREQ_WORDS",
    "NS_PER_DAY",
    "complete_mask",
    "freq_code",
    "freq_word",
    "grid",
    "index_start_ns",
    "last_complete",
    "month_start",
    "months_between",
    "next_period_start",
    "period_end",
    "period_index",
    "period_start",
    "shift_months",
    "to_ns",
    "window",
]

NS_PER_DAY = 86_400 * 10**9

#: Every accepted spelling of a frequency -> its canonical code.
FREQ_ALIASES: dict[str, str] = {
    **dict.fromkeys(("D", "day", "days", "daily"), "D"),
    **dict.fromkeys(("W", "W-MON", "W-SUN", "week", "weeks", "weekly"), "W"),
    **dict.fromkeys(("M", "ME", "MS", "month", "months", "monthly"), "M"),
    **dict.fromkeys(("Q", "QE", "QS", "quarter", "quarters", "quarterly"), "Q"),
    **dict.fromkeys(("Y", "YE", "YS", "A", "year", "years", "yearly", "annual"), "Y"),
}
#: Canonical code -> the word used in labels and column names.
FREQ_WORDS: dict[str, str] = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
_MONTHS_PER = {"M": 1, "Q": 3, "Y": 12}


def freq_code(freq: str, allowed: Iterable[str] | None = None) -> str:
    """The canonical code (``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``) of any accepted spelling.

    Parameters
    ----------
    freq
        A code or word (see the module docstring).
    allowed
        Canonical codes the caller supports; others raise.

    Raises
    ------
    ValueError
        An unknown spelling, or a frequency outside ``allowed``.

    Examples
    --------
    >>> freq_code("quarter"), freq_code("W")
    ('Q', 'W')
    """
    code = FREQ_ALIASES.get(str(freq).strip()) if isinstance(freq, str) else None
    if code is None:
        code = FREQ_ALIASES.get(str(freq).strip().lower()) if isinstance(freq, str) else None
    allowed_codes = tuple(allowed) if allowed is not None else tuple(FREQ_WORDS)
    if code is None or code not in allowed_codes:
        words = ", ".join(f"{c!r}/{FREQ_WORDS[c]!r}" for c in allowed_codes)
        raise ValueError(f"freq must be one of {words}; got {freq!r}")
    return code


def freq_word(freq: str) -> str:
    """The word of a frequency (``"M"`` -> ``"month"``)."""
    return FREQ_WORDS[freq_code(freq)]


def to_ns(values: Any) -> np.ndarray:
    """Datetimes (Series, Index, array, list) as int64 nanoseconds since 1970."""
    if isinstance(values, pd.Series | pd.Index):
        return values.to_numpy(dtype="datetime64[ns]").view("int64")
    return np.asarray(pd.to_datetime(np.asarray(values)), dtype="datetime64[ns]").view("int64")


def period_index(ns: np.ndarray, freq: str) -> np.ndarray:
    """Integer index of the period holding each instant (ns since 1970).

    Days since 1970; Monday weeks; months, quarters or years since 1970-01.
    """
    code = freq_code(freq)
    if code in _MONTHS_PER:
        months = ns.view("datetime64[ns]").astype("datetime64[M]").astype("int64")
        return months if code == "M" else np.floor_divide(months, _MONTHS_PER[code])
    days = np.floor_divide(ns, NS_PER_DAY)
    return days if code == "D" else np.floor_divide(days + 3, 7)  # 1970-01-01 was a Thursday


def index_start_ns(idx: np.ndarray, freq: str) -> np.ndarray:
    """First instant (ns) of each period index of :func:`period_index`."""
    code = freq_code(freq)
    if code in _MONTHS_PER:
        months = np.asarray(idx, dtype="int64") * _MONTHS_PER[code]
        return months.astype("datetime64[M]").astype("datetime64[ns]").view("int64")
    days = idx if code == "D" else np.asarray(idx) * 7 - 3
    return np.asarray(days, dtype="int64") * NS_PER_DAY


def period_start(values: Any, freq: str) -> pd.Series:
    """The first day of the period holding each datetime (a ``datetime64[ns]`` Series)."""
    ns = to_ns(values)
    index = values.index if isinstance(values, pd.Series) else None
    starts = index_start_ns(period_index(ns, freq), freq).view("datetime64[ns]")
    return pd.Series(starts, index=index, dtype="datetime64[ns]")


def next_period_start(values: Any, freq: str) -> pd.Series:
    """The first day of the period after the one holding each datetime."""
    ns = to_ns(values)
    index = values.index if isinstance(values, pd.Series) else None
    starts = index_start_ns(period_index(ns, freq) + 1, freq).view("datetime64[ns]")
    return pd.Series(starts, index=index, dtype="datetime64[ns]")


def period_end(values: Any, freq: str) -> pd.Series:
    """The last day (midnight) of the period holding each datetime."""
    return next_period_start(values, freq) - pd.Timedelta(days=1)


def month_start(value: Any) -> pd.Timestamp:
    """The first day of the month of one date (``"2025-06-17"`` -> 2025-06-01)."""
    return pd.Timestamp(value).to_period("M").to_timestamp()


def shift_months(value: Any, months: int) -> pd.Timestamp:
    """The month start ``months`` after (or before, if negative) the month of ``value``."""
    return month_start(value) + pd.DateOffset(months=int(months))


def months_between(first: Any, second: Any) -> int:
    """Whole months from the month of ``first`` to the month of ``second``."""
    a, b = pd.Timestamp(first), pd.Timestamp(second)
    return (b.year - a.year) * 12 + b.month - a.month


def grid(first: Any, last: Any, freq: str) -> pd.DatetimeIndex:
    """Every period start from the period of ``first`` to the period of ``last`` (inclusive).

    Examples
    --------
    >>> list(grid("2025-01-15", "2025-03-02", "M").strftime("%Y-%m"))
    ['2025-01', '2025-02', '2025-03']
    """
    lo, hi = period_index(to_ns([first, last]), freq)
    starts = index_start_ns(np.arange(lo, hi + 1), freq).view("datetime64[ns]")
    return pd.DatetimeIndex(starts)


def last_complete(last_day: Any, freq: str = "M") -> pd.Timestamp:
    """Start of the last period the data cover to its end, when they end on ``last_day``.

    ``last_day`` is the last day covered (inclusive); a period ending on it
    is complete, one that goes on after it is not.
    """
    day = pd.Timestamp(last_day).normalize()
    start = pd.Timestamp(period_start([day], freq).iloc[0])
    end = pd.Timestamp(period_end([day], freq).iloc[0])
    if day == end:
        return start
    return pd.Timestamp(period_start([start - pd.Timedelta(days=1)], freq).iloc[0])


def complete_mask(
    starts: Any, freq: str, *, first_day: Any = None, last_day: Any = None
) -> np.ndarray:
    """Whether each period (given by any date inside it) lies wholly within ``[first_day, last_day]``.

    A missing bound does not limit. Days are inclusive.

    Examples
    --------
    >>> complete_mask(pd.to_datetime(["2026-03-01", "2026-04-01"]), "M", last_day="2026-04-05").tolist()
    [True, False]
    """
    begin = period_start(starts, freq).to_numpy()
    end = period_end(starts, freq).to_numpy()
    ok = np.ones(len(begin), dtype=bool)
    if first_day is not None:
        ok &= begin >= np.datetime64(pd.Timestamp(first_day).normalize(), "ns")
    if last_day is not None:
        ok &= end <= np.datetime64(pd.Timestamp(last_day).normalize(), "ns")
    return ok


def window(
    at: Any, side: str, *, months: int | None = None, first: Any = None, last: Any = None
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The months ``[start, end]`` (month starts, inclusive) before or after month ``at``.

    ``"before"`` ends with the month before ``at``; ``"after"`` starts with
    ``at``. ``months`` limits the length; without it the window runs to
    ``first`` (before) or ``last`` (after).

    Examples
    --------
    >>> [f"{d:%Y-%m}" for d in window("2025-01", "before", months=3)]
    ['2024-10', '2024-12']
    >>> [f"{d:%Y-%m}" for d in window("2025-01", "after", last="2025-06-01")]
    ['2025-01', '2025-06']
    """
    at_m = month_start(at)
    if side == "before":
        end = at_m - pd.DateOffset(months=1)
        start = pd.Timestamp(first) if months is None else at_m - pd.DateOffset(months=int(months))
    elif side == "after":
        start = at_m
        end = pd.Timestamp(last) if months is None else at_m + pd.DateOffset(months=int(months) - 1)
    else:
        raise ValueError(f"side must be 'before' or 'after', not {side!r}")
    return pd.Timestamp(start), pd.Timestamp(end)
