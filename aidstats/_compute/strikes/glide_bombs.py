"""Glide bombs per month from every official statement: full-month figures, else weekly coverage.

The Air Force reports do not count glide bombs; officials state them for a
month, a week or part of a month. For each calendar month:

1. **Full-month statements** (a statement whose period is exactly the month)
   are all kept (``month_statements``); the figure used is the Ministry of
   Defence's where it gave one (it counts glide bombs systematically), else
   the earliest published statement's. Its range follows its qualifier
   (:data:`aidstats._core.vocab.QUALIFIER_BOUNDS`).
2. **Weekly and part-month statements** (periods of at most 31 days that are
   not a whole month) cover days. A statement straddling two months is
   allocated to each in proportion to its days there (``straddling`` counts
   them). Where statements overlap, the one starting first (then the longer
   one) is used and the overlapping ones are left out, so no day is counted
   twice. ``covered_sum`` is the allocated total, ``covered_low`` /
   ``covered_high`` its range from the qualifiers.
3. **A whole-month estimate from coverage** only where the covered days are at
   least half the month (:data:`MIN_COVERED_SHARE`): the covered sum plus the
   uncovered days at the covered days' average daily rate. Its range adds the
   uncovered days at the lowest and highest daily rate among the month's
   statements, widened by the typical week-to-week variation of daily rates
   within a month across the whole compilation (``rate_spread``, reported in
   ``attrs``). It is a range of plausible values, not a confidence interval.
4. **The monthly figure** (``glide_bombs``, ``glide_bombs_low``,
   ``glide_bombs_high``, ``basis``): the full-month statement where one
   exists (``basis = "month_statement"``), else the estimate from coverage
   (``"weekly_estimate"``), else missing (``""``): never 0, never
   interpolated. Where both exist, ``agreement`` is the full-month figure over
   the weekly estimate.

Examples
--------
>>> import pandas as pd
>>> from aidstats._compute.strikes.glide_bombs import glide_bombs_monthly
>>> weeks = pd.DataFrame({
...     "statement_id": ["a", "b", "c"],
...     "period_start": pd.to_datetime(["2025-03-03", "2025-03-10", "2025-03-17"]),
...     "period_end": pd.to_datetime(["2025-03-09", "2025-03-16", "2025-03-23"]),
...     "period_kind": "week", "glide_bombs": [700, 700, 700],
...     "glide_bombs_qualifier": "exact", "speaker": "President", "published": pd.NaT})
>>> row = glide_bombs_monthly(weeks).iloc[0]
>>> int(row["days_covered"]), row["basis"], int(row["glide_bombs"])
(21, 'weekly_estimate', 3100)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aidstats._core.vocab import QUALIFIER_BOUNDS

__all__ = ["MIN_COVERED_SHARE", "glide_bombs_monthly"]

#: A whole-month estimate needs statements covering at least this share of the month's days.
MIN_COVERED_SHARE = 0.5
#: Months with two or more weekly statements needed to measure the week-to-week spread of daily rates;
#: with fewer, the spread is taken as :data:`DEFAULT_SPREAD`.
MIN_SPREAD_MONTHS = 3
DEFAULT_SPREAD = 0.25
#: Longest period (days) counted as weekly or part-month coverage.
MAX_COVER_DAYS = 31
_MOD = "Ministry of Defence"
COLUMNS = (
    "month", "glide_bombs", "glide_bombs_low", "glide_bombs_high", "basis", "month_statements",
    "days_in_month", "days_covered", "covered_share", "covered_sum", "covered_low", "covered_high",
    "weekly_estimate", "weekly_low", "weekly_high", "weekly_statements", "straddling", "agreement",
)  # fmt: skip


def _bounds(values: pd.Series, qualifiers: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    low = qualifiers.map(lambda q: QUALIFIER_BOUNDS.get(str(q), (1.0, 1.0))[0]).to_numpy(float)
    high = qualifiers.map(lambda q: QUALIFIER_BOUNDS.get(str(q), (1.0, 1.0))[1]).to_numpy(float)
    v = values.to_numpy(float)
    return v * low, v * high


def _claims(statements: pd.DataFrame) -> pd.DataFrame:
    """Statements with a glide-bomb figure: id, period, kind, value, bounds, days, and ranking keys."""
    rows = statements.loc[statements["glide_bombs"].notna()].copy()
    rows["start"] = pd.to_datetime(rows["period_start"]).dt.normalize()
    rows["end"] = pd.to_datetime(rows["period_end"]).dt.normalize()
    rows["value"] = rows["glide_bombs"].astype(float)
    rows["low"], rows["high"] = _bounds(rows["value"], rows["glide_bombs_qualifier"])
    rows["days"] = (rows["end"] - rows["start"]).dt.days + 1
    month_start = rows["start"].dt.to_period("M").dt.start_time
    rows["whole_month"] = (rows["start"] == month_start) & (
        rows["end"] == month_start + pd.offsets.MonthEnd(0)
    )
    rows["not_mod"] = ~rows["speaker"].astype(str).str.contains(_MOD, regex=False)
    return rows.sort_values(["start", "end", "statement_id"], kind="mergesort").reset_index(
        drop=True
    )


def _month_figure(candidates: pd.DataFrame) -> tuple[pd.Series, str]:
    ranked = candidates.sort_values(
        ["not_mod", "published", "statement_id"], kind="mergesort", na_position="last"
    )
    listed = "; ".join(f"{r.statement_id}={r.value:,.0f}" for r in ranked.itertuples())
    return ranked.iloc[0], listed


def _coverage(
    cover: pd.DataFrame, month: pd.Timestamp
) -> tuple[np.ndarray, list[tuple[pd.Series, int]]]:
    """Days of ``month`` covered, and the statements used with their days inside it (no day twice)."""
    end = month + pd.offsets.MonthEnd(0)
    covered = np.zeros(end.day, dtype=bool)
    used: list[tuple[pd.Series, int]] = []
    touching = cover.loc[(cover["start"] <= end) & (cover["end"] >= month)]
    for _, row in touching.sort_values(
        ["start", "days"], ascending=[True, False], kind="mergesort"
    ).iterrows():
        lo = max(row["start"], month).day - 1
        hi = min(row["end"], end).day
        if covered[lo:hi].any():
            continue
        covered[lo:hi] = True
        used.append((row, hi - lo))
    return covered, used


def _rate_spread(cover: pd.DataFrame) -> float:
    """Typical relative deviation of weekly daily rates from their month's mean (pooled, all months)."""
    weeks = cover.loc[cover["days"] >= 5].assign(rate=lambda f: f["value"] / f["days"])
    weeks = weeks.assign(month=weeks["start"].dt.to_period("M"))
    deviations = []
    months = 0
    for _, group in weeks.groupby("month"):
        if len(group) >= 2:
            months += 1
            mean = group["rate"].mean()
            deviations += list((group["rate"] / mean - 1).abs())
    return float(np.mean(deviations)) if months >= MIN_SPREAD_MONTHS else DEFAULT_SPREAD


def _estimate(
    used: list[tuple[pd.Series, int]], days: int, covered: int, spread: float
) -> dict[str, float]:
    share = {"sum": 0.0, "low": 0.0, "high": 0.0}
    rates = []
    for row, inside in used:
        part = inside / row["days"]
        share["sum"] += row["value"] * part
        share["low"] += row["low"] * part
        share["high"] += row["high"] * part
        rates.append(row["value"] / row["days"])
    out = {"covered_sum": share["sum"], "covered_low": share["low"], "covered_high": share["high"]}
    missing = days - covered
    if covered and covered / days >= MIN_COVERED_SHARE:
        out["weekly_estimate"] = share["sum"] * days / covered
        out["weekly_low"] = share["low"] + missing * min(rates) * (1 - spread)
        out["weekly_high"] = share["high"] + missing * max(rates) * (1 + spread)
    return out


def glide_bombs_monthly(
    statements: pd.DataFrame, months: pd.DatetimeIndex | None = None
) -> pd.DataFrame:
    """The monthly glide-bomb table from every statement (see the module docstring for the rules).

    Parameters
    ----------
    statements
        Rows shaped like the bundled ``official_statements``: ``statement_id``,
        ``period_start``, ``period_end``, ``glide_bombs``,
        ``glide_bombs_qualifier``, ``speaker``, ``published``.
    months
        Month starts to report; by default every month from the first to the
        last month any glide-bomb statement touches.

    Returns
    -------
    pandas.DataFrame
        One row per month with the columns of :data:`COLUMNS`;
        ``attrs["rate_spread"]`` holds the pooled week-to-week spread used.
    """
    claims = _claims(statements)
    cover = claims.loc[~claims["whole_month"] & (claims["days"] <= MAX_COVER_DAYS)]
    spread = _rate_spread(cover)
    if months is None:
        first = (
            claims["start"].min().to_period("M").start_time
            if len(claims)
            else pd.Timestamp("2022-02-01")
        )
        last = claims["end"].max().to_period("M").start_time if len(claims) else first
        months = pd.date_range(first, last, freq="MS")
    rows = []
    for month in months:
        days = (month + pd.offsets.MonthEnd(0)).day
        covered, used = _coverage(cover, month)
        row: dict[str, object] = {
            "month": month,
            "days_in_month": days,
            "days_covered": int(covered.sum()),
            "basis": "",
            "month_statements": "",
        }
        row |= _estimate(used, days, int(covered.sum()), spread)
        row["covered_share"] = covered.sum() / days
        row["weekly_statements"] = "; ".join(str(r["statement_id"]) for r, _ in used)
        row["straddling"] = sum(1 for r, inside in used if inside < r["days"])
        whole = claims.loc[claims["whole_month"] & (claims["start"] == month)]
        if len(whole):
            chosen, listed = _month_figure(whole)
            row |= {
                "glide_bombs": chosen["value"],
                "glide_bombs_low": chosen["low"],
                "glide_bombs_high": chosen["high"],
                "basis": "month_statement",
                "month_statements": listed,
            }
        elif "weekly_estimate" in row:
            row |= {
                "glide_bombs": row["weekly_estimate"],
                "glide_bombs_low": row["weekly_low"],
                "glide_bombs_high": row["weekly_high"],
                "basis": "weekly_estimate",
            }
        rows.append(row)
    out = pd.DataFrame(rows).reindex(columns=list(COLUMNS))
    both = (out["basis"] == "month_statement") & out["weekly_estimate"].notna()
    out["agreement"] = np.where(both, out["glide_bombs"] / out["weekly_estimate"], np.nan)
    out["days_covered"] = out["days_covered"].astype("int64")
    out["straddling"] = out["straddling"].astype("int64")
    out.attrs["rate_spread"] = spread
    return out
