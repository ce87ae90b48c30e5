"""Input checks and reshaping for :mod:`aidstats.plots` (pandas only, no matplotlib).

Every plot function goes through :func:`require` first, so that an empty frame,
a missing column or an all-missing value column ends in a clear aidstats error
instead of a blank chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from aidstats._core.vocab import AIR_FORCE_VOLUME
from aidstats.errors import DataValidationError, InsufficientDataError

TIME_CANDIDATES = ("month", "period", "date", "time_end", "night", "time_start", "published")

# The wide layout of the bundled strike_volume_monthly dataset.
VOLUME_GROUPS = {
    "missiles_cruise": "missile",
    "missiles_ballistic": "missile",
    "missiles_other": "missile",
    "drones_attack": "drone",
    "drones_decoy_or_unknown": "drone",
    "drones_reconnaissance": "drone",
    "glide_bombs": "glide_bomb",
}


def require(data: Any, columns: Sequence[str], *, what: str) -> pd.DataFrame:
    """Check that ``data`` is a non-empty DataFrame with ``columns``; return it."""
    if not isinstance(data, pd.DataFrame):
        raise DataValidationError(
            f"{what}: expected a pandas DataFrame, got {type(data).__name__}",
            [{"row": None, "column": None, "value": type(data).__name__, "rule": "is DataFrame"}],
        )
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise DataValidationError(
            f"{what}: missing column(s) {missing}; the frame has {list(data.columns)}",
            [{"row": None, "column": c, "value": None, "rule": "column required"} for c in missing],
        )
    if len(data) == 0:
        raise InsufficientDataError(f"{what}: the frame is empty; there is nothing to plot")
    return data


def require_values(frame: pd.DataFrame, columns: Sequence[str], *, what: str) -> None:
    """Raise if every value in ``columns`` is missing (or the columns hold nothing numeric)."""
    values = frame[list(columns)].apply(pd.to_numeric, errors="coerce")
    if not values.notna().to_numpy().any():
        raise InsufficientDataError(
            f"{what}: every value of {list(columns)} is missing; refusing to draw an empty chart"
        )


def pick(
    frame: pd.DataFrame, given: str | None, candidates: Sequence[str], *, what: str, role: str
) -> str:
    """The column to use: ``given`` if set, else the first candidate present."""
    if given is not None:
        require(frame, [given], what=what)
        return given
    for name in candidates:
        if name in frame.columns:
            return name
    raise DataValidationError(
        f"{what}: no {role} column; pass {role}=... or provide one of {list(candidates)}",
        [
            {
                "row": None,
                "column": "|".join(candidates),
                "value": None,
                "rule": f"{role} column required",
            }
        ],
    )


def as_datetime(values: pd.Series, *, what: str) -> pd.Series:
    """Period, string or datetime values as naive datetime64[ns] (periods at their start)."""
    if isinstance(values.dtype, pd.PeriodDtype):
        out = values.dt.to_timestamp()
    elif pd.api.types.is_datetime64_any_dtype(values.dtype):
        out = values
        if getattr(out.dt, "tz", None) is not None:
            out = out.dt.tz_localize(None)
    else:
        out = pd.to_datetime(values.astype("string"), errors="coerce", format="mixed")
    out = pd.Series(out, index=values.index).astype("datetime64[ns]")
    bad = out.isna() & values.notna()
    if bad.any():
        raise DataValidationError(
            f"{what}: {int(bad.sum())} time value(s) do not parse as dates",
            [
                {
                    "row": int(i) if isinstance(i, (int, np.integer)) else str(i),
                    "column": values.name,
                    "value": str(values[i]),
                    "rule": "parses as date",
                }
                for i in values.index[bad][:20]
            ],
        )
    return out


def numeric(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as float64 with pandas NA turned into NaN."""
    return pd.to_numeric(frame[column], errors="coerce").astype("float64")


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
    """Sum strike_volume_monthly columns into weapon groups (missile, drone, glide_bomb)."""
    groups: dict[str, pd.Series] = {}
    for col in frame.columns:
        key = VOLUME_GROUPS.get(col, "other")
        part = frame[col]
        groups[key] = part if key not in groups else groups[key].add(part, fill_value=0.0)
    return pd.DataFrame(groups, index=frame.index)


def resample_sum(frame: pd.DataFrame, freq: str) -> pd.DataFrame:
    """Sum a time-indexed frame to months, quarters or years (period starts)."""
    rule = {"month": "MS", "quarter": "QS", "year": "YS"}.get(freq)
    if rule is None:
        raise DataValidationError(
            f"freq must be 'month', 'quarter' or 'year', not {freq!r}",
            [{"row": None, "column": "freq", "value": freq, "rule": "one of month/quarter/year"}],
        )
    return frame.resample(rule).sum(min_count=1)


def bar_geometry(index: pd.DatetimeIndex, freq: str) -> tuple[pd.DatetimeIndex, float]:
    """Centres and width (days) for bars covering each month, quarter or year."""
    days = {"month": 30.4, "quarter": 91.3, "year": 365.25}[freq]
    centres = index + pd.to_timedelta(days / 2, unit="D")
    return pd.DatetimeIndex(centres), days * 0.82


def infer_freq(index: pd.DatetimeIndex) -> str:
    """'month', 'quarter' or 'year' from the median spacing of a time index."""
    if len(index) < 2:
        return "month"
    gap = float(np.median(np.diff(index.asi8))) / 86_400e9
    return "month" if gap < 45 else "quarter" if gap < 180 else "year"


def top_n_with_others(totals: pd.Series, top: int, others: str = "Others") -> list[str]:
    """The ``top`` largest keys, largest first (ties by name)."""
    ranked = sorted(totals.items(), key=lambda kv: (-float(kv[1]), str(kv[0])))
    return [str(k) for k, _v in ranked if str(k) != others][:top]
