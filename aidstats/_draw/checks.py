"""Input checks for the plot functions (pandas only, no matplotlib).

Every plot function goes through :func:`require` first, so that an empty frame,
a missing column or an all-missing value column ends in a clear aidstats error
instead of a blank chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from aidstats.errors import DataValidationError, InsufficientDataError

__all__ = ["as_datetime", "numeric", "pick", "require", "require_values"]


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
        rows = values.index[bad][:20]
        raise DataValidationError(
            f"{what}: {int(bad.sum())} time value(s) do not parse as dates",
            [
                {
                    "row": int(i) if isinstance(i, (int, np.integer)) else str(i),
                    "column": values.name,
                    "value": str(values[i]),
                    "rule": "parses as date",
                }
                for i in rows
            ],
        )
    return out


def numeric(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as float64 with pandas NA turned into NaN."""
    return pd.to_numeric(frame[column], errors="coerce").astype("float64")
