"""Reshaping for the plot functions (pandas only, no matplotlib): wide tables, periods, top N.

The report's figure tables are built in :mod:`aidstats._draw.tables`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aidstats._core.periods import freq_code
from aidstats._core.vocab import AIR_FORCE_VOLUME, group_of
from aidstats._draw.checks import as_datetime, numeric, require, require_values
from aidstats.errors import DataValidationError

__all__ = [
    "bar_geometry",
    "group_volume",
    "infer_freq",
    "is_volume_wide",
    "plot_freq",
    "resample_sum",
    "top_n_with_others",
    "volume_wide",
    "wide",
]

_PLOT_FREQS = ("M", "Q", "Y")
_RESAMPLE_RULE = {"M": "MS", "Q": "QS", "Y": "YS"}
_BAR_DAYS = {"M": 30.4, "Q": 91.3, "Y": 365.25}


def plot_freq(freq: str) -> str:
    """The canonical code (``"M"``, ``"Q"``, ``"Y"``) of a plot frequency (``"month"``, ``"M"``, ...)."""
    try:
        return freq_code(freq, _PLOT_FREQS)
    except ValueError as exc:
        raise DataValidationError(
            f"freq must be 'month', 'quarter' or 'year' (or 'M', 'Q', 'Y'), not {freq!r}",
            [{"row": None, "column": "freq", "value": freq, "rule": "one of month/quarter/year"}],
        ) from exc


def wide(frame: pd.DataFrame, time: str, by: str | None, value: str, *, what: str) -> pd.DataFrame:
    """Sum ``value`` per time and ``by`` into a time-indexed wide frame (one column per key)."""
    require(frame, [time, value] + ([by] if by else []), what=what)
    require_values(frame, [value], what=what)
    keys = [time] + ([by] if by else [])
    tidy = pd.DataFrame({k: frame[k] for k in keys})
    tidy[time] = as_datetime(frame[time], what=what)
    if by:
        tidy[by] = frame[by].astype("string").fillna("unknown").astype(str)
    tidy["_v"] = numeric(frame, value)
    if by is None:
        out = tidy.groupby(time, sort=True)["_v"].sum(min_count=1).to_frame(value)
    else:
        out = tidy.pivot_table(index=time, columns=by, values="_v", aggfunc="sum", observed=True)
        out.columns = [str(c) for c in out.columns]
    out.index.name = "time"
    return out.sort_index()


def is_volume_wide(frame: pd.DataFrame) -> bool:
    """True for the wide strike_volume_monthly layout."""
    return any(c in frame.columns for c in AIR_FORCE_VOLUME)


def volume_wide(frame: pd.DataFrame, time: str, *, what: str, glide: bool) -> pd.DataFrame:
    """The strike_volume_monthly columns present, time-indexed (glide bombs only if ``glide``)."""
    cols = [c for c in AIR_FORCE_VOLUME if c in frame.columns]
    if glide and "glide_bombs" in frame.columns:
        cols.append("glide_bombs")
    require_values(frame, cols, what=what)
    out = pd.DataFrame({c: numeric(frame, c) for c in cols})
    out.index = pd.DatetimeIndex(as_datetime(frame[time], what=what), name="time")
    return out.groupby(level=0).sum(min_count=1).sort_index()


def group_volume(frame: pd.DataFrame) -> pd.DataFrame:
    """Sum strike_volume_monthly columns into weapon groups (missile, drone, glide_bomb; else other)."""
    groups: dict[str, pd.Series] = {}
    for col in frame.columns:
        key = group_of(col) or "other"
        part = frame[col]
        groups[key] = part if key not in groups else groups[key].add(part, fill_value=0.0)
    return pd.DataFrame(groups, index=frame.index)


def resample_sum(frame: pd.DataFrame, freq: str) -> pd.DataFrame:
    """Sum a time-indexed frame to months, quarters or years (period starts)."""
    return frame.resample(_RESAMPLE_RULE[plot_freq(freq)]).sum(min_count=1)


def bar_geometry(index: pd.DatetimeIndex, freq: str) -> tuple[pd.DatetimeIndex, float]:
    """Centres and width (days) for bars covering each month, quarter or year."""
    days = _BAR_DAYS[plot_freq(freq)]
    centres = index + pd.to_timedelta(days / 2, unit="D")
    return pd.DatetimeIndex(centres), days * 0.82


def infer_freq(index: pd.DatetimeIndex) -> str:
    """``"M"``, ``"Q"`` or ``"Y"`` from the median spacing of a time index."""
    if len(index) < 2:
        return "M"
    gap = float(np.median(np.diff(index.asi8))) / 86_400e9
    return "M" if gap < 45 else "Q" if gap < 180 else "Y"


def top_n_with_others(totals: pd.Series, top: int, others: str = "Others") -> list[str]:
    """The ``top`` largest keys, largest first (ties by name); ``others`` is never one of them.

    The one copy in the drawing layer; it moves to ``aidstats._compute.tables``
    (top N with "Others", shared with :mod:`aidstats.aid`) when that exists.

    Examples
    --------
    >>> top_n_with_others(pd.Series({"b": 2.0, "a": 2.0, "c": 5.0, "Others": 9.0}), 2)
    ['c', 'a']
    """
    ranked = sorted(totals.items(), key=lambda kv: (-float(kv[1]), str(kv[0])))
    return [str(k) for k, _v in ranked if str(k) != others][:top]
