"""Interception rates per period (and group), pooled as a ratio of sums, with intervals that know salvos.

Every rate is a named definition (:mod:`.definitions`); given the strike
events, its interval allows for the clustering of launches in salvos
(:mod:`.clustered`); a period that mixes two reporting regimes is flagged
through :mod:`aidstats._core.regimes`.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from aidstats._compute.stats.clustered import cluster_table, effective_wilson
from aidstats._compute.stats.completeness import coverage, frame_completeness, user_stacklevel
from aidstats._compute.stats.definitions import (
    DEFINITIONS,
    check_definition,
    check_still_attacking,
    definition_text,
)
from aidstats._compute.stats.events import (
    cluster_ids,
    daily_as_events,
    event_days,
    in_scope,
    is_daily_table,
    is_event_frame,
    rate_parts,
    valid_rows,
)
from aidstats._compute.stats.rates import INDEPENDENT_METHODS, RateMethod, interception_rate
from aidstats._core.periods import complete_mask, freq_code, period_start
from aidstats._core.regimes import straddling
from aidstats.errors import InsufficientDataError, RegimeChangeWarning

__all__ = ["CLUSTERED_DAYS_METHOD", "CLUSTERED_METHOD", "DEFINITIONS", "rate_table"]

CLUSTERED_METHOD = (
    "clustered: Wilson on launches / design effect (CR2), t on effective salvos - 1 df"
)
CLUSTERED_DAYS_METHOD = (
    "clustered by day: Wilson on launches / design effect (CR2), t on effective days - 1 df"
)
_NO_STRUCTURE = "wilson (assumes independent trials: period totals carry no salvo structure)"


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
    method: RateMethod = "clustered",
    alpha: float = 0.05,
    scope: str | None = "national",
    time: str = "period",
    freq: str = "M",
    still_attacking: str = "exclude",
    design_effect: float | None = None,
    last_day: Any = None,
    period: str | None = None,
) -> pd.DataFrame:
    """A named interception rate per period (and group), pooled as a ratio of sums.

    Parameters
    ----------
    periods
        Either the strike events of :func:`aidstats.read_strike_events`
        (flagged rows left out; each row dated by the end of its window), the
        bundled ``strikes_daily`` table (each day one cluster: conservative,
        as a day holds whole salvos), or
        per-period totals as returned by ``aidstats.strikes.to_periods``:
        columns ``period`` (see ``time``), optional grouping columns,
        ``launched``, ``destroyed``, ``not_reach_goal`` (missing counts as 0),
        optional ``still_attacking``, ``n_reports``, ``scope``, ``complete``.
    definition
        ``"neutralised_share"`` = (destroyed + not_reach_goal) / launched or
        ``"destroyed_share"`` = destroyed / launched (:mod:`.definitions`).
    by
        Grouping columns besides ``time`` (e.g. ``"weapon_group"``).
    method
        ``"clustered"`` (default): from events, the launches of one salvo
        (the ``salvo`` column, else the report ``post``) are a cluster; the
        interval is Wilson's on the effective sample size launches / design
        effect with Student's t on (salvos - 1) degrees of freedom, the
        design effect from the salvo-level residuals (:mod:`.clustered`).
        Launches of one salvo are not independent trials: on the real data
        the design effect is about 4, and binomial intervals cover the truth
        about half the time. From per-period totals there is no salvo
        structure: the interval is Wilson's and the ``method`` column says
        that it assumes independent trials (give ``design_effect=`` to widen
        it). ``"wilson"``, ``"jeffreys"``, ``"clopper_pearson"``: binomial
        intervals for genuinely independent trials.
    alpha
        One minus the confidence level.
    scope
        Keep only rows of this ``scope`` (national reports by default);
        ``None`` keeps all.
    time
        Name of the period column (Timestamps of period starts or Periods);
        the output's period column from events.
    freq
        Period length: buckets events, and tests periods for regime changes.
    still_attacking
        ``"exclude"`` (default): weapons still in the air at report time are
        left out of the launches (their outcome is unknown); ``"miss"``:
        they count as not neutralised (:mod:`.definitions`).
    design_effect
        A known design effect for per-period totals (e.g. from an events
        table): the interval becomes Wilson's on launches / design_effect.
    last_day
        The last day the data cover (per-period totals); with events it is
        read from the windows. Gives the ``complete`` column.
    period
        Deprecated name of ``time`` (warns :class:`DeprecationWarning`).

    Returns
    -------
    DataFrame
        time, by..., definition, successes, trials, estimate, low, high,
        alpha, method, n_salvos (events), design_effect (NaN where unknown),
        n_reports (when given), not_reach_goal_missing (neutralised share,
        when known: rows whose not_reach_goal is unknown, making the share a
        lower bound), complete (when known), straddles_regime_change.
        Periods with no launches are dropped (``attrs["dropped_periods"]``);
        ``attrs["definition_text"]`` is the caption sentence of the definition.

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
    >>> table = rate_table(frame)
    >>> table[["estimate", "low", "high"]].round(3).to_numpy().tolist()
    [[0.857, 0.848, 0.866], [0.877, 0.869, 0.885]]
    >>> table["method"].iloc[0]
    'wilson (assumes independent trials: period totals carry no salvo structure)'
    """
    if period is not None:
        warnings.warn(
            "rate_table(period=...) is renamed rate_table(time=...); period= will be removed",
            DeprecationWarning,
            stacklevel=2,
        )
        time = period
    check_definition(definition)
    check_still_attacking(still_attacking)
    if method != "clustered" and method not in INDEPENDENT_METHODS:
        raise ValueError(f"unknown interval method {method!r}")
    freq = freq_code(freq)
    by_cols = [by] if isinstance(by, str) else list(by or [])
    keys = [time] + by_cols
    label = CLUSTERED_METHOD
    if is_daily_table(periods, time):
        periods, label = daily_as_events(periods), CLUSTERED_DAYS_METHOD
    if is_event_frame(periods, time):
        table = _from_events(periods, keys, definition, method, alpha, scope, freq, still_attacking)
        if method == "clustered":
            table["method"] = label
    else:
        table = _from_totals(
            periods, keys, definition, method, alpha, scope, still_attacking, design_effect
        )
        if last_day is not None or "complete" in periods.columns:
            table["complete"] = frame_completeness(table, time, last_day=last_day, freq=freq)
    return _finish(table, keys, definition, alpha, freq, still_attacking)


def _from_events(
    events: pd.DataFrame,
    keys: list[str],
    definition: str,
    method: str,
    alpha: float,
    scope: str | None,
    freq: str,
    still_attacking: str,
) -> pd.DataFrame:
    """Cluster (salvo) totals per period and group, then pooled shares with their intervals."""
    time, by_cols = keys[0], keys[1:]
    missing = sorted(
        {"launched", "time_start", *check_definition(definition).numerator, *by_cols}
        - set(events.columns)
    )
    if missing:
        raise ValueError(f"events frame lacks column(s) {missing}")
    valid = valid_rows(events)
    first_day, last_day = coverage(events, valid)
    rows = in_scope(valid, scope)
    if rows.empty:
        raise InsufficientDataError(f"no valid events (scope={scope!r}) to compute a rate from")
    parts = rate_parts(rows, definition, still_attacking)
    work = rows[by_cols].assign(
        **{time: period_start(event_days(rows, "end"), freq).to_numpy()},
        cluster=cluster_ids(rows).to_numpy(),
        successes=parts["successes"].to_numpy(),
        trials=parts["trials"].to_numpy(),
        nrg_unknown=parts["nrg_unknown"].to_numpy(),
    )
    clusters = work.groupby(keys + ["cluster"], sort=True, dropna=False)[
        ["successes", "trials", "nrg_unknown"]
    ].sum()
    clusters = clusters.reset_index()
    if method == "clustered":
        table = cluster_table(clusters, keys, alpha).drop(columns="df")
        table["method"] = CLUSTERED_METHOD
    else:
        table = _independent(
            clusters.groupby(keys, sort=True, dropna=False).sum(numeric_only=True).reset_index(),
            keys,
            method,
            alpha,
        )
        counts = clusters.loc[clusters["trials"] > 0].groupby(keys, sort=True, dropna=False).size()
        table = table.merge(counts.rename("n_clusters").reset_index(), on=keys, how="left")
    nrg = (
        clusters.groupby(keys, sort=True, dropna=False)["nrg_unknown"]
        .sum()
        .rename("not_reach_goal_missing")
    )
    table = table.merge(nrg.reset_index(), on=keys, how="left").rename(
        columns={"n_clusters": "n_salvos"}
    )
    if "not_reach_goal" not in check_definition(definition).numerator:
        table = table.drop(columns="not_reach_goal_missing")
    table["complete"] = complete_mask(table[time], freq, first_day=first_day, last_day=last_day)
    return table


def _independent(sums: pd.DataFrame, keys: list[str], method: str, alpha: float) -> pd.DataFrame:
    """Binomial intervals on pooled sums (NaN where a group has no trials: dropped later)."""
    some = (sums["trials"] > 0).to_numpy()
    est, low, high = (np.full(len(sums), np.nan) for _ in range(3))
    if some.any():
        rates = interception_rate(
            sums.loc[some, "successes"].to_numpy(),
            sums.loc[some, "trials"].to_numpy(),
            method=method,  # type: ignore[arg-type]
            alpha=alpha,
        )
        est[some], low[some], high[some] = rates.estimate, rates.low, rates.high
    return sums.assign(
        estimate=est,
        low=low,
        high=high,
        design_effect=np.nan,
        method=f"{method} (assumes independent trials)",
    )


def _from_totals(
    periods: pd.DataFrame,
    keys: list[str],
    definition: str,
    method: str,
    alpha: float,
    scope: str | None,
    still_attacking: str,
    design_effect: float | None,
) -> pd.DataFrame:
    """Per-period totals pooled per period and group: no salvo structure."""
    needed = set(keys) | {"launched", *DEFINITIONS[definition]}
    missing = sorted(needed - set(periods.columns))
    if missing:
        raise ValueError(f"periods frame lacks column(s) {missing}")
    frame = periods
    if scope is not None and "scope" in frame.columns:
        frame = frame.loc[frame["scope"] == scope]
    if frame.empty:
        raise InsufficientDataError(f"no rows (scope={scope!r}) to compute a rate from")
    parts = rate_parts(frame, definition, still_attacking)
    work = frame[keys].assign(
        successes=parts["successes"].to_numpy(), trials=parts["trials"].to_numpy()
    )
    if "not_reach_goal" in DEFINITIONS[definition] and "not_reach_goal_missing" in frame.columns:
        work["not_reach_goal_missing"] = parts["nrg_unknown"].to_numpy()
    for extra in ("n_reports", "complete"):
        if extra in frame.columns:
            work[extra] = frame[extra].to_numpy()
    sums = work.groupby(keys, sort=True, dropna=False).agg(
        {c: ("min" if c == "complete" else "sum") for c in work.columns if c not in keys}
    )
    sums = sums.reset_index()
    if method != "clustered":
        return _independent(sums, keys, method, alpha)
    deff = np.nan if design_effect is None else max(float(design_effect), 1.0)
    low, high = effective_wilson(
        sums["successes"].to_numpy(float),
        sums["trials"].to_numpy(float),
        np.full(len(sums), deff),
        np.full(len(sums), np.inf),
        alpha,
    )
    label = (
        _NO_STRUCTURE
        if design_effect is None
        else f"wilson on launches / design effect {deff:.3g} (given)"
    )
    return sums.assign(
        estimate=sums["successes"] / sums["trials"],
        low=low,
        high=high,
        design_effect=deff,
        method=label,
    )


def _finish(
    table: pd.DataFrame,
    keys: list[str],
    definition: str,
    alpha: float,
    freq: str,
    still_attacking: str,
) -> pd.DataFrame:
    """Validated counts, regime flags and warnings, the column order and attrs."""
    dropped = table.loc[table["trials"] <= 0, keys]
    table = table.loc[table["trials"] > 0].reset_index(drop=True)
    if table.empty:
        raise InsufficientDataError("no period has any launches")
    over = table["successes"] > table["trials"] + 1e-9
    if over.any():
        interception_rate(table["successes"].to_numpy(), table["trials"].to_numpy())  # raises
    flags, changes = _straddles(table[keys[0]], freq)
    table = table.assign(definition=definition, alpha=alpha, straddles_regime_change=flags)
    lower_bound = "not_reach_goal_missing" in table.columns
    if lower_bound:
        _warn_lower_bound(table)
    if flags.any():
        _warn_straddling(table.loc[flags, keys[0]], changes)
    order = keys + [
        "definition",
        "successes",
        "trials",
        "estimate",
        "low",
        "high",
        "alpha",
        "method",
    ]
    order += [c for c in ("n_salvos", "design_effect", "effective_n", "n_reports") if c in table]
    order += [c for c in ("not_reach_goal_missing", "complete") if c in table]
    out = table[order + ["straddles_regime_change"]]
    out.attrs["dropped_periods"] = dropped.to_dict("records")
    out.attrs["definition_text"] = definition_text(definition, still_attacking)
    out.attrs["still_attacking"] = still_attacking
    return out


def _warn_lower_bound(table: pd.DataFrame) -> None:
    """Warn when a neutralised share leaves out not_reach_goal values that were unknown."""
    n_low = int((table["not_reach_goal_missing"] > 0).sum())
    if n_low:
        warnings.warn(
            f"{n_low} period(s) have rows whose not_reach_goal is unknown while it was being recorded; "
            "their neutralised share is a lower bound (column not_reach_goal_missing)",
            RegimeChangeWarning,
            stacklevel=user_stacklevel(),
        )


def _warn_straddling(periods: pd.Series, changes: list[str]) -> None:
    """Warn that the pooled rates of these periods mix two ways of counting."""
    listed = ", ".join(str(p) for p in periods.unique()[:6])
    warnings.warn(
        f"period(s) {listed} straddle a reporting-regime change ({', '.join(changes)}); "
        "their pooled rate mixes two ways of counting",
        RegimeChangeWarning,
        stacklevel=user_stacklevel(),
    )
