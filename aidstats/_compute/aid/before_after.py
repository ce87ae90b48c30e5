"""A donor's share of a category before and after a month, with month-resampling intervals."""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

import numpy as np
import pandas as pd

from aidstats._compute.aid.shares_over_time import share_over_time
from aidstats._core.periods import month_start, window
from aidstats._core.results import Result
from aidstats.errors import InsufficientDataError

__all__ = ["ShareChangeResult", "share_before_after"]

_POOLED = "pooled shares (donor sum / total sum over each window)"
_NOTE = (
    "allocations by month of allocation, nominal euros; a change in share "
    "is not the effect of any event"
)


@dataclasses.dataclass(frozen=True, kw_only=True)
class ShareChangeResult(Result):
    """A donor's share before and after a month.

    ``estimate = share_after - share_before`` (a difference of shares, each
    pooled as donor sum / total sum over its window). Intervals, when
    requested, are percentile intervals of a month-resampling bootstrap
    (months resampled with replacement within each window): they describe
    month-to-month variability of allocations, not sampling error, and ignore
    autocorrelation between months.
    """

    donor: str = ""
    category: str = ""
    at: Any = None
    share_before: float = float("nan")
    share_before_low: float | None = None
    share_before_high: float | None = None
    share_after: float = float("nan")
    share_after_low: float | None = None
    share_after_high: float | None = None
    donor_before_eur_bn: float = float("nan")
    total_before_eur_bn: float = float("nan")
    donor_after_eur_bn: float = float("nan")
    total_after_eur_bn: float = float("nan")
    months_before: int = 0
    months_after: int = 0


def share_before_after(
    data: pd.DataFrame,
    donor: str = "USA",
    category: str = "military",
    at: Any = "2025-01",
    *,
    before: int | None = None,
    after: int | None = None,
    interval: Literal["none", "bootstrap"] = "bootstrap",
    n_boot: int = 4000,
    seed: int = 20250101,
    alpha: float = 0.05,
) -> ShareChangeResult:
    """A donor's share of a category before and after a month (e.g. the US, military, 2025-01).

    Parameters
    ----------
    data
        An ``aid_monthly``-shaped frame, e.g. ``datasets.load("aid_monthly")``.
    donor
        ISO3 code or donor name.
    category
        Aid category.
    at
        First month of the *after* window.
    before, after
        Window lengths in months (default: all months on that side).
    interval
        ``"bootstrap"`` (default): month-resampling percentile intervals, see
        :class:`ShareChangeResult`; ``"none"``: plain shares.
    n_boot, seed
        Bootstrap draws and the seed (results are reproducible).
    alpha
        1 - the coverage of the intervals.

    Examples
    --------
    >>> from aidstats import aid, datasets
    >>> monthly = datasets.load("aid_monthly")
    >>> r = aid.share_before_after(monthly, "USA", "military", "2025-01", interval="none")
    >>> r.share_before > r.share_after
    True
    """
    if interval not in ("bootstrap", "none"):
        raise ValueError("interval must be 'bootstrap' or 'none'")
    monthly = share_over_time(data, donor, category=category, freq="month")
    at_m = month_start(at)
    b = _window(monthly, window(at_m, "before", months=before, first=monthly["period"].min()))
    a = _window(monthly, window(at_m, "after", months=after, last=monthly["period"].max()))
    if b["total_eur_bn"].sum() <= 0 or a["total_eur_bn"].sum() <= 0:
        raise InsufficientDataError("no allocations before or after the given month")
    xb, tb = b["donor_eur_bn"].to_numpy(float), b["total_eur_bn"].to_numpy(float)
    xa, ta = a["donor_eur_bn"].to_numpy(float), a["total_eur_bn"].to_numpy(float)
    sb, sa = xb.sum() / tb.sum(), xa.sum() / ta.sum()
    intervals: dict[str, float] = {}
    method = _POOLED
    if interval == "bootstrap":
        intervals = _bootstrap_intervals((xb, tb), (xa, ta), n_boot=n_boot, seed=seed, alpha=alpha)
        method += f"; month-resampling bootstrap percentile intervals ({n_boot} draws, seed {seed})"
    return ShareChangeResult(
        estimate=float(sa - sb),
        alpha=alpha,
        method=method,
        n=len(xb) + len(xa),
        notes=(_NOTE,),
        donor=donor,
        category=category,
        at=at_m,
        share_before=float(sb),
        share_after=float(sa),
        donor_before_eur_bn=float(xb.sum()),
        total_before_eur_bn=float(tb.sum()),
        donor_after_eur_bn=float(xa.sum()),
        total_after_eur_bn=float(ta.sum()),
        months_before=len(xb),
        months_after=len(xa),
        **intervals,
    )


def _window(monthly: pd.DataFrame, bounds: tuple[pd.Timestamp, pd.Timestamp]) -> pd.DataFrame:
    """The months of ``monthly`` within ``bounds`` (inclusive month starts)."""
    first, last = bounds
    return monthly.loc[(monthly["period"] >= first) & (monthly["period"] <= last)]


def _boot_share(x: np.ndarray, t: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """Pooled share of each resample (rows of ``draws``); NaN unless its total is positive."""
    tot = t[draws].sum(axis=1)
    return np.where(tot > 0, x[draws].sum(axis=1) / np.where(tot > 0, tot, 1), np.nan)


def _bootstrap_intervals(
    before: tuple[np.ndarray, np.ndarray],
    after: tuple[np.ndarray, np.ndarray],
    *,
    n_boot: int,
    seed: int,
    alpha: float,
) -> dict[str, float]:
    """Percentile intervals of both shares and of their difference, months resampled per window."""
    rng = np.random.default_rng(seed)
    (xb, tb), (xa, ta) = before, after
    bb = _boot_share(xb, tb, rng.integers(0, len(xb), (n_boot, len(xb))))
    ba = _boot_share(xa, ta, rng.integers(0, len(xa), (n_boot, len(xa))))
    q = [100 * alpha / 2, 100 * (1 - alpha / 2)]
    found = {
        ("share_before_low", "share_before_high"): np.nanpercentile(bb, q),
        ("share_after_low", "share_after_high"): np.nanpercentile(ba, q),
        ("low", "high"): np.nanpercentile(ba - bb, q),
    }
    return {
        name: float(v)
        for names, values in found.items()
        for name, v in zip(names, values, strict=True)
    }
