"""Series preparation shared by every statistic: validation, month numbers, the groups x months matrix.

A monthly series reaches a model as :class:`Prepared`: months since the first
observation, the values, the time labels kept and the notes on what was
dropped. The table forms (:func:`~aidstats.stats.trend_table`,
:func:`~aidstats.stats.mann_kendall_table`) work on a :class:`GroupMatrix`
with one row per group and one column per month, NaN where a group has no
value: missing, never zero.

Examples
--------
>>> import pandas as pd
>>> from aidstats._compute.stats.prep import prepare
>>> months = pd.to_datetime(["2025-01-01", "2025-02-01", "2025-04-01"])
>>> prep = prepare(pd.Series([3.0, 4.0, 6.0], index=months), min_n=3, what="example")
>>> prep.t.tolist(), prep.notes
([0.0, 1.0, 3.0], ('1 month(s) absent from the index are treated as gaps, not zeros',))
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from aidstats.errors import DataValidationError, InsufficientDataError

__all__ = [
    "GroupMatrix",
    "Prepared",
    "group_keys",
    "group_matrix",
    "month_numbers",
    "monthly_values",
    "prepare",
]


@dataclasses.dataclass(frozen=True)
class Prepared:
    """A validated series: ``t`` months since the first observation (float), values ``y``.

    ``labels`` are the time labels of the observations kept (month starts
    when ``monthly``, else the original index), ``notes`` say what was
    dropped or treated as a gap.
    """

    t: np.ndarray
    y: np.ndarray
    labels: pd.Index
    monthly: bool
    notes: tuple[str, ...]


class GroupMatrix(NamedTuple):
    """A long table as groups x months: group keys, months since start, values, month labels."""

    groups: pd.DataFrame
    t: np.ndarray
    Y: np.ndarray
    labels: pd.Index


def month_numbers(index: pd.Index) -> tuple[np.ndarray, pd.Index] | None:
    """Months since 0000-01 (float) and month starts of a date index; None for any other index.

    Examples
    --------
    >>> import pandas as pd
    >>> numbers, starts = month_numbers(pd.to_datetime(["2025-01-15", "2025-03-01"]))
    >>> (numbers - numbers[0]).tolist(), [f"{d:%Y-%m-%d}" for d in starts]
    ([0.0, 2.0], ['2025-01-01', '2025-03-01'])
    """
    if isinstance(index, pd.PeriodIndex):
        months = index.asfreq("M")
    elif isinstance(index, pd.DatetimeIndex):
        months = index.to_period("M")
    else:
        return None
    ordinal = np.asarray(months.year, dtype=np.int64) * 12 + np.asarray(months.month) - 1
    return ordinal.astype(float), months.to_timestamp()


def prepare(series: pd.Series, *, min_n: int, what: str) -> Prepared:
    """Validate a monthly series and turn it into (months since start, values).

    NaN values are dropped (recorded in notes); months absent from the index
    are gaps, not zeros (recorded); infinite values and duplicate months are
    errors; fewer than ``min_n`` usable values raise InsufficientDataError.
    Any index other than dates or monthly periods is read as consecutive
    months.
    """
    if not isinstance(series, pd.Series):
        series = pd.Series(series)
    numbers = month_numbers(series.index)
    monthly = numbers is not None
    if numbers is None:
        t_all = np.arange(len(series), dtype=float)
        labels = pd.RangeIndex(len(series))
        if not isinstance(series.index, pd.RangeIndex):
            labels = series.index
    else:
        t_all, labels = numbers
    y_all = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if np.isinf(y_all).any():
        raise DataValidationError(f"{what}: infinite values in the series")
    if monthly and pd.Index(t_all).has_duplicates:
        raise DataValidationError(f"{what}: duplicate months in the index")
    order = np.argsort(t_all, kind="stable")
    t_all, y_all, labels = t_all[order], y_all[order], labels[order]
    keep = ~np.isnan(y_all)
    notes: list[str] = []
    if not keep.all():
        notes.append(f"{int((~keep).sum())} missing value(s) dropped")
    t, y, labels = t_all[keep], y_all[keep], labels[keep]
    if len(y) < min_n:
        raise InsufficientDataError(f"{what} needs at least {min_n} values, got {len(y)}")
    gaps = int(t[-1] - t[0] + 1 - len(t)) if len(t) else 0
    if monthly and gaps > 0:
        notes.append(f"{gaps} month(s) absent from the index are treated as gaps, not zeros")
    return Prepared(t=t - t[0], y=y, labels=labels, monthly=monthly, notes=tuple(notes))


def monthly_values(series: pd.Series, what: str) -> pd.Series:
    """The series' values indexed by month starts (NaN dropped); ValueError without a date index."""
    prep = prepare(series, min_n=2, what=what)
    if not prep.monthly:
        raise ValueError(f"{what} needs a series indexed by month")
    return pd.Series(prep.y, index=pd.DatetimeIndex(prep.labels))


def group_keys(by: str | Sequence[str]) -> list[str]:
    """Grouping column(s) as a list."""
    return [by] if isinstance(by, str) else list(by)


def group_matrix(long_frame: pd.DataFrame, keys: list[str], value: str, time: str) -> GroupMatrix:
    """Groups x months matrix of a long table (NaN where a group has no row for a month).

    Several rows of one group and month are summed first.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"g": ["a", "a", "b"], "value": [1.0, 2.0, 5.0],
    ...                       "month": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-02-01"])})
    >>> m = group_matrix(frame, ["g"], "value", "month")
    >>> m.groups["g"].tolist(), m.t.tolist(), m.Y.tolist()
    (['a', 'b'], [0.0, 1.0], [[1.0, 2.0], [nan, 5.0]])
    """
    missing = sorted({*keys, value, time} - set(long_frame.columns))
    if missing:
        raise ValueError(f"long frame lacks column(s) {missing}")
    if not keys:
        raise ValueError("give at least one grouping column in by")
    if long_frame[keys + [time]].duplicated().any():
        long_frame = long_frame.groupby(keys + [time], as_index=False, sort=True)[value].sum()
    summed = long_frame.groupby(keys + [time], sort=True, observed=True)[value].sum(min_count=1)
    wide = summed.unstack(time)  # absent (group, month) pairs become NaN: missing, not zero
    Y = wide.to_numpy(dtype=float, na_value=np.nan)
    labels = pd.Index(wide.columns)
    numbers = month_numbers(labels)
    t = numbers[0] if numbers is not None else np.arange(wide.shape[1], dtype=float)
    t = t - t.min()
    groups = wide.index.to_frame(index=False)
    return GroupMatrix(groups=groups, t=t, Y=Y, labels=labels)
