"""Which periods of a series the data cover wholly, and leaving the others out of statistics.

Every snapshot of the strike data ends in the middle of a month (the April
2026 one after 5 days), and a partial month read as a whole one manufactures
a collapse: it turned the last-12-month drone trend from +3.4%/month into
+0.4%. So every trend, test and comparison of :mod:`aidstats.stats` leaves
incomplete periods out by default, with an
:class:`~aidstats.errors.IncompletePeriodWarning` naming them, and keeps them
when asked (``keep_incomplete=True``).

Completeness is read, in this order, from

1. an explicit ``complete=`` argument (booleans in row order, a boolean
   Series indexed like the data, or a mapping period -> bool);
2. an explicit ``last_day=`` argument (the last day the data cover), through
   :func:`aidstats._core.periods.complete_mask`;
3. a ``complete`` column (tables);
4. ``attrs["aidstats"]["complete"]`` or ``attrs["aidstats"]["last_day"]``
   (a series made from such a table carries them), or the ``period`` in days
   that :func:`aidstats.datasets.load` records for a daily table: periods
   summed from ``strikes_daily`` know that the first month (reports from 28
   September 2022) and the last (7 days of June 2026) are partial. Monthly
   tables record months only: give ``last_day=`` with them.

Without any of these every period counts as complete.

Examples
--------
>>> import pandas as pd
>>> from aidstats._compute.stats.completeness import completeness
>>> s = pd.Series([5.0, 6.0, 1.0], index=pd.date_range("2026-02-01", periods=3, freq="MS"))
>>> completeness(s, last_day="2026-04-05").tolist()
[True, True, False]
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from aidstats._core.periods import complete_mask
from aidstats.errors import DataValidationError, IncompletePeriodWarning

__all__ = ["completeness", "coverage", "drop_incomplete", "frame_completeness", "user_stacklevel"]

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))) + os.sep


def user_stacklevel() -> int:
    """The ``stacklevel`` that points a warning at the first caller outside aidstats."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE_DIR):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level


def _aidstats_attrs(data: pd.Series | pd.DataFrame) -> Mapping[str, Any]:
    info = data.attrs.get("aidstats") if isinstance(data.attrs, dict) else None
    return info if isinstance(info, Mapping) else {}


def _as_mask(spec: Any, index: pd.Index, what: str) -> np.ndarray:
    """Booleans in row order from a sequence, a boolean Series or a mapping label -> bool."""
    if isinstance(spec, pd.Series):
        values = spec.to_numpy() if spec.index.equals(index) else spec.reindex(index).to_numpy()
    elif isinstance(spec, Mapping):
        keys = {
            pd.Timestamp(str(k)) if not isinstance(k, int) else k: bool(v) for k, v in spec.items()
        }
        labels = _label_keys(index)
        values = np.array([keys.get(label, np.nan) for label in labels], dtype=object)
    else:
        values = np.asarray(spec, dtype=object)
        if values.ndim != 1 or len(values) != len(index):
            raise DataValidationError(
                f"{what}: complete= needs one boolean per row ({len(index)}), got {values.size}"
            )
    if pd.isna(values).any():
        raise DataValidationError(
            f"{what}: complete= does not say for every period whether it is complete"
        )
    return values.astype(bool)


def _label_keys(index: pd.Index) -> list[Any]:
    if isinstance(index, pd.PeriodIndex):
        return list(index.to_timestamp())
    if isinstance(index, pd.DatetimeIndex):
        return list(index.to_period("M").to_timestamp())
    return list(index)


def _from_last_day(index: pd.Index, last_day: Any, freq: str, first_day: Any = None) -> np.ndarray:
    if isinstance(index, pd.PeriodIndex):
        starts = index.to_timestamp()
    elif isinstance(index, pd.DatetimeIndex):
        starts = index
    else:
        raise DataValidationError("last_day= needs a series indexed by dates or periods")
    return complete_mask(pd.Series(starts), freq, first_day=first_day, last_day=last_day)


def completeness(
    series: pd.Series,
    *,
    complete: Any = None,
    last_day: Any = None,
    freq: str = "M",
    what: str = "statistic",
) -> np.ndarray:
    """Whether each value of ``series`` covers a whole period (see the module docstring)."""
    if complete is not None:
        return _as_mask(complete, series.index, what)
    if last_day is not None:
        return _from_last_day(series.index, last_day, freq)
    info = _aidstats_attrs(series)
    if info.get("complete") is not None:
        return _as_mask(info["complete"], series.index, what)
    if info.get("last_day") is not None:
        return _from_last_day(series.index, info["last_day"], info.get("freq", freq))
    days = _days_covered(info)
    if days and isinstance(series.index, pd.DatetimeIndex | pd.PeriodIndex):
        return _from_last_day(series.index, days[1], info.get("freq", freq), first_day=days[0])
    return np.ones(len(series), dtype=bool)


def frame_completeness(
    frame: pd.DataFrame, time: str, *, last_day: Any = None, freq: str = "M"
) -> np.ndarray:
    """Whether each row of a long table covers a whole period: ``last_day=``, a ``complete`` column or attrs."""
    if last_day is not None:
        return complete_mask(frame[time], freq, last_day=last_day)
    if "complete" in frame.columns:
        return frame["complete"].fillna(True).to_numpy(dtype=bool)
    info = _aidstats_attrs(frame)
    if info.get("last_day") is not None:
        return complete_mask(frame[time], info.get("freq", freq), last_day=info["last_day"])
    days = _days_covered(info)
    if days and time in frame.columns:
        return complete_mask(
            frame[time], info.get("freq", freq), first_day=days[0], last_day=days[1]
        )
    return np.ones(len(frame), dtype=bool)


def _days_covered(info: Mapping[str, Any]) -> tuple[str, str] | None:
    """The first and last day of a dataset's ``period`` when it is given in days (a daily table).

    A monthly table's period names months, which say nothing of a partial month.
    """
    period = info.get("period")
    if not period or len(period) != 2 or any(len(str(p)) != 10 for p in period):
        return None
    return str(period[0]), str(period[1])


def _period_names(labels: pd.Index | pd.Series) -> list[str]:
    names = []
    for label in pd.Series(labels).drop_duplicates():
        if isinstance(label, pd.Timestamp):
            names.append(label.strftime("%Y-%m") if label.day == 1 else label.strftime("%Y-%m-%d"))
        else:
            names.append(str(label))
    return names


def drop_incomplete(
    data: pd.Series | pd.DataFrame,
    mask: np.ndarray,
    *,
    keep_incomplete: bool,
    what: str,
    labels: pd.Index | pd.Series | None = None,
) -> tuple[Any, tuple[str, ...]]:
    """Leave out the rows whose period is incomplete, warning with their names; returns (data, notes).

    With ``keep_incomplete`` the rows stay and the warning and note say so.
    """
    if mask.all():
        return data, ()
    shown = _period_names((data.index if labels is None else labels)[~mask])
    listed = ", ".join(shown[:6]) + (", ..." if len(shown) > 6 else "")
    if keep_incomplete:
        note = (
            f"incomplete period(s) {listed} kept (keep_incomplete=True): they hold partial totals"
        )
        warnings.warn(f"{what}: {note}", IncompletePeriodWarning, stacklevel=user_stacklevel())
        return data, (note,)
    note = f"incomplete period(s) {listed} left out (pass keep_incomplete=True to keep them)"
    warnings.warn(f"{what}: {note}", IncompletePeriodWarning, stacklevel=user_stacklevel())
    return data.loc[mask] if isinstance(data, pd.DataFrame) else data[mask], (note,)


def coverage(events: pd.DataFrame, valid: pd.DataFrame) -> tuple[Any, Any]:
    """The first and last day the data cover: their provenance's period, else the windows.

    A subset of a dataset (one weapon class) keeps its ``attrs``, so the
    months are judged by what the release covers, not by the subset's last launch.
    """
    period = events.attrs.get("aidstats", {}).get("period")
    if period:
        return pd.Timestamp(period[0]), pd.Timestamp(period[1])
    return valid["time_start"].min(), valid["time_end"].max()
