"""Interception rates per period (and group), pooled as a ratio of sums, with regime-change flags.

Every rate is a named definition (:data:`DEFINITIONS`); a period that mixes
two reporting regimes is flagged through :mod:`aidstats._core.regimes`.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from aidstats._compute.stats.rates import IntervalMethod, interception_rate
from aidstats._core.periods import freq_code, period_start
from aidstats._core.regimes import straddling
from aidstats.errors import InsufficientDataError, RegimeChangeWarning

__all__ = ["DEFINITIONS", "rate_table"]

#: Named rate definitions: numerator columns over ``launched``, pooled as a ratio of sums.
DEFINITIONS: dict[str, tuple[str, ...]] = {
    "destroyed_share": ("destroyed",),
    "neutralised_share": ("destroyed", "not_reach_goal"),
}


def _straddles(periods: pd.Series, freq: str) -> tuple[np.ndarray, list[str]]:
    """Which periods straddle a ``not_reach_goal`` regime change, and the dates of those changes."""
    starts = pd.Series(
        [p.start_time if isinstance(p, pd.Period) else pd.Timestamp(p) for p in periods],
        dtype="datetime64[ns]",
    )
    if starts.empty:
        return np.zeros(0, dtype=bool), []
    table = straddling(starts, freq, "not_reach_goal")
    hit = set(table["period"])
    flags = period_start(starts, freq).isin(hit).to_numpy(dtype=bool)
    dates = sorted(set(table["date"]))
    return flags, [pd.Timestamp(d).strftime("%Y-%m-%d") for d in dates]


def rate_table(
    periods: pd.DataFrame,
    definition: Literal["neutralised_share", "destroyed_share"] = "neutralised_share",
    *,
    by: str | Sequence[str] | None = None,
    method: IntervalMethod = "wilson",
    alpha: float = 0.05,
    scope: str | None = "national",
    time: str = "period",
    freq: str = "M",
    period: str | None = None,
) -> pd.DataFrame:
    """A named interception rate per period (and group), pooled as a ratio of sums.

    Parameters
    ----------
    periods
        Per-period totals as returned by ``aidstats.strikes.to_periods``:
        columns ``period`` (see ``time``), optional grouping columns, ``launched``,
        ``destroyed``, ``not_reach_goal`` (missing counts as 0), optional
        ``n_reports`` and ``scope``. Several rows of one period and group are
        summed before dividing.
    definition
        ``"neutralised_share"`` = (destroyed + not_reach_goal) / launched or
        ``"destroyed_share"`` = destroyed / launched.
    by
        Grouping columns besides ``time``.
    method, alpha
        Interval method and level, as in :func:`interception_rate`.
    scope
        Keep only rows of this ``scope`` when the frame has a ``scope``
        column (national reports by default); ``None`` keeps all.
    time
        Name of the period column (Timestamps of period starts or Periods).
    freq
        Period length used to test for regime changes when ``time`` holds
        Timestamps (``"M"``/``"month"``, ``"W"``/``"week"``, ``"Q"``/``"quarter"``...).
    period
        Deprecated name of ``time`` (warns :class:`DeprecationWarning`).

    Returns
    -------
    DataFrame
        time (the period column), by..., definition, successes, trials, estimate, low, high,
        alpha, method, n_reports (when given), not_reach_goal_missing (neutralised
        share, when given: rows whose not_reach_goal is unknown, making the
        share a lower bound), straddles_regime_change. Launches whose destroyed
        count is unknown (``destroyed_missing``) are left out of ``trials``.
        Periods with no launches are dropped and listed in
        ``attrs["dropped_periods"]``.

    Warns
    -----
    RegimeChangeWarning
        When a period straddles a reporting-regime change (such as the end
        of ``not_reach_goal`` reporting in August 2025): its pooled rate
        mixes two ways of counting.

    Examples
    --------
    >>> import pandas as pd
    >>> from aidstats.stats import rate_table
    >>> frame = pd.DataFrame({"period": pd.to_datetime(["2025-06-01", "2025-07-01"]),
    ...                       "launched": [5801, 6443], "destroyed": [2978, 3730],
    ...                       "not_reach_goal": [1993, 1920]})
    >>> rate_table(frame)[["estimate", "low", "high"]].round(3).to_numpy().tolist()
    [[0.857, 0.848, 0.866], [0.877, 0.869, 0.885]]
    """
    if period is not None:
        warnings.warn(
            "rate_table(period=...) is renamed rate_table(time=...); period= will be removed",
            DeprecationWarning,
            stacklevel=2,
        )
        time = period
    if definition not in DEFINITIONS:
        raise ValueError(f"unknown definition {definition!r}; use one of {sorted(DEFINITIONS)}")
    freq = freq_code(freq)
    keys = [time] + ([by] if isinstance(by, str) else list(by or []))
    frame = _rows_in_scope(periods, keys, definition, scope)
    lower_bound = definition == "neutralised_share" and "not_reach_goal_missing" in frame.columns
    table = _pooled(frame, keys, definition, lower_bound)
    empty = table["trials"] <= 0
    dropped = table.loc[empty, keys]
    table = table.loc[~empty].reset_index(drop=True)
    if table.empty:
        raise InsufficientDataError("no period has any launches")
    rates = interception_rate(
        table["successes"].to_numpy(), table["trials"].to_numpy(), method=method, alpha=alpha
    )
    flags, changes = _straddles(table[time], freq)
    table = table.assign(
        definition=definition,
        estimate=rates.estimate,
        low=rates.low,
        high=rates.high,
        alpha=alpha,
        method=method,
        straddles_regime_change=flags,
    )
    if lower_bound:
        _warn_lower_bound(table)
    if flags.any():
        _warn_straddling(table.loc[flags, time], changes)
    table.attrs["dropped_periods"] = dropped.to_dict("records")
    order = (
        keys
        + ["definition", "successes", "trials", "estimate", "low", "high", "alpha", "method"]
        + (["n_reports"] if "n_reports" in table else [])
    )
    order += ["not_reach_goal_missing"] if lower_bound else []
    return table[order + ["straddles_regime_change"]]


def _rows_in_scope(
    periods: pd.DataFrame, keys: list[str], definition: str, scope: str | None
) -> pd.DataFrame:
    """The rows of ``scope`` (all when None or without a scope column); raises when columns lack."""
    needed = set(keys) | {"launched", *DEFINITIONS[definition]}
    missing = sorted(needed - set(periods.columns))
    if missing:
        raise ValueError(f"periods frame lacks column(s) {missing}")
    frame = periods
    if scope is not None and "scope" in frame.columns:
        frame = frame.loc[frame["scope"] == scope]
    if frame.empty:
        raise InsufficientDataError(f"no rows (scope={scope!r}) to compute a rate from")
    return frame


def _pooled(
    frame: pd.DataFrame, keys: list[str], definition: str, lower_bound: bool
) -> pd.DataFrame:
    """Successes and trials (and report counts) summed per period and group."""
    numer = frame[list(DEFINITIONS[definition])].fillna(0).sum(axis=1)
    # Launches whose destroyed count is unknown are neither successes nor failures.
    unknown = frame["destroyed_missing"].fillna(0) if "destroyed_missing" in frame.columns else 0.0
    work = frame[keys].assign(
        successes=numer.to_numpy(), trials=(frame["launched"] - unknown).to_numpy()
    )
    if lower_bound:
        work = work.assign(
            not_reach_goal_missing=frame["not_reach_goal_missing"].fillna(0).to_numpy()
        )
    if "n_reports" in frame.columns:
        work = work.assign(n_reports=frame["n_reports"].to_numpy())
    return work.groupby(keys, sort=True, dropna=False).sum().reset_index()


def _warn_lower_bound(table: pd.DataFrame) -> None:
    """Warn when a neutralised share leaves out not_reach_goal values that were unknown."""
    n_low = int((table["not_reach_goal_missing"] > 0).sum())
    if n_low:
        warnings.warn(
            f"{n_low} period(s) have rows whose not_reach_goal is unknown while it was being recorded; "
            "their neutralised share is a lower bound (column not_reach_goal_missing)",
            RegimeChangeWarning,
            stacklevel=3,
        )


def _warn_straddling(periods: pd.Series, changes: list[str]) -> None:
    """Warn that the pooled rates of these periods mix two ways of counting."""
    listed = ", ".join(str(p) for p in periods.unique()[:6])
    warnings.warn(
        f"period(s) {listed} straddle a reporting-regime change ({', '.join(changes)}); "
        "their pooled rate mixes two ways of counting",
        RegimeChangeWarning,
        stacklevel=3,
    )
