"""Regional rows that repeat a national report: the overlap rule, as a mask and as a table.

Overlap means: same ``model``, same calendar date of ``time_end``, and the
windows intersect (closed intervals; a date-only end runs to the end of its
day). Only valid rows count on either side; national rows never overlap.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from aidstats._compute.strikes.attribution import effective_end_ns
from aidstats._compute.strikes.checks import check_events, valid_mask
from aidstats._core.periods import NS_PER_DAY, to_ns

__all__ = ["OVERLAP_COLUMNS", "overlap_mask", "overlaps"]

_NS_PER_SECOND = 10**9
#: Columns of the table of :func:`overlaps`.
OVERLAP_COLUMNS = (
    "regional_line",
    "national_line",
    "model",
    "regional_command",
    "regional_start",
    "regional_end",
    "national_start",
    "national_end",
    "regional_launched",
    "national_launched",
    "regional_destroyed",
    "national_destroyed",
)
_SIDE_COLUMNS = (
    "line",
    "model",
    "reporting_command",
    "time_start",
    "time_end",
    "launched",
    "destroyed",
)
_RENAMED = {
    "regional_reporting_command": "regional_command",
    "regional_time_start": "regional_start",
    "regional_time_end": "regional_end",
    "national_time_start": "national_start",
    "national_time_end": "national_end",
}


def overlap_mask(events: pd.DataFrame, scopes: Sequence[str] = ("regional",)) -> np.ndarray:
    """Boolean per row: a row of ``scopes`` whose model and window overlap a national report.

    Overlap means: same ``model``, same calendar date of ``time_end``, and the
    windows intersect (closed intervals; a date-only end runs to the end of
    its day). Only valid rows count on either side; national rows are always
    False.

    Examples
    --------
    >>> from aidstats import strikes
    >>> strikes.overlap_mask(strikes._example_events()).tolist()
    [False, True, False, False]
    """
    check_events(events)
    out = np.zeros(len(events), dtype=bool)
    valid = valid_mask(events)
    is_nat = valid & (events["scope"] == "national").to_numpy()
    is_reg = valid & events["scope"].isin(list(scopes)).to_numpy() & ~is_nat
    if not is_nat.any() or not is_reg.any():
        return out
    either = is_nat | is_reg
    sub = events.loc[either, ["time_start", "time_end", "end_has_time", "model"]]
    nat = is_nat[either]
    found = _overlap_core(sub, nat)
    out[np.flatnonzero(either)[found]] = True
    return out


def _overlap_core(sub: pd.DataFrame, nat: np.ndarray) -> np.ndarray:
    """Non-national rows of ``sub`` whose window meets a national window of the same key.

    Key = (model, date of time_end). Exact test "some national [a, b] with a <= e and
    b >= s": sort national starts and regional ends together by (key, time), national
    first on ties; a running maximum of (key, b) over the national entries then gives,
    at each regional entry, the largest b of its key among windows with a <= e. One
    sort, no per-row Python. Times are compared to the second.
    """
    codes, _ = pd.factorize(sub["model"], use_na_sentinel=False)
    day = np.floor_divide(to_ns(sub["time_end"]), NS_PER_DAY)
    day0 = int(day.min())
    key = codes.astype("int64") * (int(day.max()) - day0 + 1) + (day - day0)
    start_s = np.floor_divide(to_ns(sub["time_start"]), _NS_PER_SECOND)
    end_s = np.floor_divide(effective_end_ns(sub), _NS_PER_SECOND)
    t0 = int(start_s.min())
    start_s, end_s = start_s - t0, end_s - t0
    shift = 1 << (int(end_s.max()) + 1).bit_length()
    if (int(key.max()) + 1) * shift * 2 >= 2**62:  # pragma: no cover - centuries of data
        raise ValueError("time span too long for overlap detection")
    reg = ~nat
    when = np.where(nat, start_s, end_s)
    order = np.argsort(((key * shift + when) << 1) | reg)
    reach = np.where(nat, key * shift + end_s, -1)[order]
    best = np.maximum.accumulate(reach)
    is_reg = reg[order]
    hit = is_reg & (best >= (key * shift + start_s)[order])
    found = np.zeros(len(sub), dtype=bool)
    found[order[hit]] = True
    return found


def overlaps(events: pd.DataFrame, scopes: Sequence[str] = ("regional",)) -> pd.DataFrame:
    """Regional rows whose model and window overlap a national report of the same model.

    Same rule as :func:`overlap_mask`; one row per (regional row, national row)
    pair.

    Returns
    -------
    pandas.DataFrame
        ``regional_line``, ``national_line``, ``model``, ``regional_command``,
        ``regional_start``, ``regional_end``, ``national_start``,
        ``national_end``, ``regional_launched``, ``national_launched``,
        ``regional_destroyed``, ``national_destroyed``.

    Examples
    --------
    >>> from aidstats import strikes
    >>> t = strikes.overlaps(strikes._example_events())
    >>> t[["regional_line", "national_line", "regional_launched", "national_launched"]]
       regional_line  national_line  regional_launched  national_launched
    0              3              2               20.0              100.0
    """
    mask = overlap_mask(events, scopes)
    valid = valid_mask(events)
    nat_rows = events.loc[valid & (events["scope"] == "national").to_numpy()]
    reg_rows = events.loc[mask]
    pairs = _side(reg_rows, "regional").merge(_side(nat_rows, "national"), on=["model", "day"])
    hit = (pairs["national_time_start"] <= pairs["regional_eff_end"]) & (
        pairs["regional_time_start"] <= pairs["national_eff_end"]
    )
    pairs = pairs.loc[hit].rename(columns=_RENAMED)
    return (
        pairs[list(OVERLAP_COLUMNS)]
        .sort_values(["regional_line", "national_line"])
        .reset_index(drop=True)
    )


def _side(frame: pd.DataFrame, prefix: str) -> pd.DataFrame:
    """One side of the pairs: its columns prefixed, the day of time_end, the effective end."""
    out = frame[list(_SIDE_COLUMNS)].rename(
        columns={c: f"{prefix}_{c}" for c in _SIDE_COLUMNS if c != "model"}
    )
    out["day"] = frame["time_end"].dt.normalize()
    out[f"{prefix}_eff_end"] = effective_end_ns(frame).view("datetime64[ns]")
    return out
