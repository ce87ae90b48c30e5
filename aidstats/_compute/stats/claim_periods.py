"""The period of an official claim: a month, a day, an ISO week, a range or a pandas Period."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = ["claim_period"]

_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")


def claim_period(period: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of a claim's period.

    Accepts a month (``"2025-06"``), a day (``"2025-06-17"``), an ISO week
    (``"2025-W25"``, Monday to Sunday), a range (``"2025-06-01/2025-06-15"``
    or a ``(start, end)`` pair) or a :class:`pandas.Period`.

    Examples
    --------
    >>> [f"{d:%Y-%m-%d}" for d in claim_period("2025-06")]
    ['2025-06-01', '2025-06-30']
    >>> [f"{d:%Y-%m-%d}" for d in claim_period("2025-W25")]
    ['2025-06-16', '2025-06-22']
    """
    try:
        start, end = _period_bounds(period)
    except (ValueError, TypeError, OverflowError, AttributeError) as exc:
        raise ValueError(
            f"cannot read the period {period!r} (use 2025-06, 2025-06-17, 2025-W25 or "
            f"2025-06-01/2025-06-15): {exc}"
        ) from None
    if end < start:
        raise ValueError(f"the period ends ({end:%Y-%m-%d}) before it starts ({start:%Y-%m-%d})")
    return start, end


def _period_bounds(period: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    if isinstance(period, tuple | list) and len(period) == 2:
        start, end = (pd.Timestamp(p).normalize() for p in period)
    elif isinstance(period, pd.Period):
        start, end = period.start_time.normalize(), period.end_time.normalize()
    else:
        text = str(period).strip()
        week = _WEEK.match(text)
        if "/" in text:
            a, b = text.split("/", 1)
            start, end = pd.Timestamp(a).normalize(), pd.Timestamp(b).normalize()
        elif week:
            start = pd.Timestamp.fromisocalendar(int(week[1]), int(week[2]), 1)
            end = start + pd.Timedelta(days=6)
        elif re.fullmatch(r"\d{4}-\d{2}", text):
            month = pd.Period(text, freq="M")
            start, end = month.start_time.normalize(), month.end_time.normalize()
        else:
            start = end = pd.Timestamp(text).normalize()
    if pd.isna(start) or pd.isna(end):
        raise ValueError("no date")
    if start.year < 1900:  # "June" parses as June of year 1
        raise ValueError("no year")
    return start, end
