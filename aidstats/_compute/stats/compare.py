"""Before/after comparisons of a monthly series: a rate ratio of counts or a difference of proportions.

The windows come from the one calendar (:func:`aidstats._core.periods.window`);
every result carries :data:`BEFORE_AFTER_CAVEAT`, because a difference
between two windows is not the effect of what happened between them.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Literal

import numpy as np
import pandas as pd

from aidstats._compute.stats.glm import quasi_scale, two_sided_p, z_crit
from aidstats._compute.stats.prep import monthly_values
from aidstats._compute.stats.rates import compare_rates
from aidstats._core.periods import month_start, window
from aidstats._core.results import TestResult
from aidstats.errors import InsufficientDataError

__all__ = ["BEFORE_AFTER_CAVEAT", "PeriodComparisonResult", "compare_periods"]

BEFORE_AFTER_CAVEAT = (
    "A before/after difference describes the data; it is not the effect of the event. "
    "Trends, seasons, other events and changes in reporting move the same numbers."
)


@dataclasses.dataclass(frozen=True, kw_only=True)
class PeriodComparisonResult(TestResult):
    """After versus before.

    For counts: ``estimate`` is the rate ratio (mean per month after / before);
    for proportions: the difference ``p_after - p_before``. ``caveat`` states
    that the comparison is not an effect estimate.
    """

    measure: str = ""
    before_start: Any = None
    before_end: Any = None
    after_start: Any = None
    after_end: Any = None
    before_value: float = float("nan")
    after_value: float = float("nan")
    dispersion: float | None = None
    caveat: str = BEFORE_AFTER_CAVEAT


def _window(
    index: pd.Index, at: Any, side: Literal["before", "after"], spec: Any
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """``[start, end]`` month starts of one side: an explicit pair, or ``spec`` months (all when None)."""
    if isinstance(spec, (tuple, list)):
        start, end = (month_start(v) for v in spec)
        return start, end
    if at is None:
        raise ValueError(f"give at=... or an explicit ({side}_start, {side}_end) pair")
    months = None if spec is None else int(spec)
    return window(at, side, months=months, first=index.min(), last=index.max())


def compare_periods(
    series: pd.Series,
    at: Any = None,
    before: int | tuple[Any, Any] | None = None,
    after: int | tuple[Any, Any] | None = None,
    *,
    trials: pd.Series | None = None,
    alpha: float = 0.05,
    overdispersion: Literal["pearson", "none"] = "pearson",
) -> PeriodComparisonResult:
    """Compare a monthly series after a date with before it.

    Parameters
    ----------
    series
        Monthly counts (or successes when ``trials`` is given).
    at
        First month of the *after* window (e.g. ``"2025-08"``).
    before, after
        Window lengths in months (default: all data on that side), or explicit
        ``(first_month, last_month)`` pairs.
    trials
        Monthly trials (e.g. launched) to compare proportions instead of
        counts: ``estimate = p_after - p_before`` pooled as ratio of sums,
        Newcombe interval and score test (:func:`compare_rates`).
    overdispersion
        Counts only. ``"pearson"`` (default): quasi-Poisson, the log rate
        ratio's variance ``1/Y_after + 1/Y_before`` is multiplied by
        ``max(1, X^2/df)`` from the two-mean Poisson model, because monthly
        strike counts vary far more than Poisson; ``"none"``: plain Poisson.

    Returns
    -------
    PeriodComparisonResult
        Always carries ``caveat``: a before/after difference is not an effect.

    Examples
    --------
    >>> from aidstats import datasets
    >>> from aidstats.stats import compare_periods
    >>> aid = datasets.load("aid_totals_monthly").set_index("month")["military_eur_bn"]
    >>> r = compare_periods(aid, at="2025-01", before=12, after=12)
    >>> r.measure
    'rate ratio (mean per month after / before)'
    """
    s = monthly_values(series, "compare_periods")
    b0, b1 = _window(s.index, at, "before", before)
    a0, a1 = _window(s.index, at, "after", after)
    if b1 >= a0:
        raise ValueError(
            f"the before window ({b0:%Y-%m}..{b1:%Y-%m}) must end before the after "
            f"window ({a0:%Y-%m}..{a1:%Y-%m}) starts"
        )
    yb, ya = s.loc[b0:b1], s.loc[a0:a1]
    if len(yb) == 0 or len(ya) == 0:
        raise InsufficientDataError("an empty before or after window")
    common = {
        "before_start": b0,
        "before_end": b1,
        "after_start": a0,
        "after_end": a1,
        "notes": (f"{len(yb)} month(s) before, {len(ya)} after",),
    }
    if trials is not None:
        n = monthly_values(trials, "compare_periods(trials)")
        # Only months with both successes and trials count, on both sides.
        yb, nb = yb.align(n.loc[b0:b1], join="inner")
        ya, na = ya.align(n.loc[a0:a1], join="inner")
        if len(yb) == 0 or len(ya) == 0:
            raise InsufficientDataError(
                "no month has both successes and trials in the before or after window"
            )
        common["notes"] = (
            f"{len(yb)} month(s) before, {len(ya)} after, with both successes and trials",
        )
        r = compare_rates(ya.sum(), na.sum(), yb.sum(), nb.sum(), alpha=alpha)
        return PeriodComparisonResult(
            estimate=r.estimate,
            low=r.low,
            high=r.high,
            alpha=alpha,
            method=r.method,
            n=r.n,
            p_value=r.p_value,
            statistic=r.statistic,
            measure="difference of proportions (after - before)",
            before_value=r.p2,
            after_value=r.p1,
            **common,
        )
    return _rate_ratio(yb.to_numpy(), ya.to_numpy(), alpha, overdispersion, common)


def _rate_ratio(
    yb: np.ndarray, ya: np.ndarray, alpha: float, overdispersion: str, common: dict[str, Any]
) -> PeriodComparisonResult:
    if (yb < 0).any() or (ya < 0).any():
        raise ValueError("counts must be non-negative")
    sb, sa = float(yb.sum()), float(ya.sum())
    if sb == 0 or sa == 0:
        raise InsufficientDataError("a rate ratio needs a positive total on both sides")
    mb, ma = sb / len(yb), sa / len(ya)
    ratio = ma / mb
    n = len(yb) + len(ya)
    pearson = float(((yb - mb) ** 2).sum() / mb + ((ya - ma) ** 2).sum() / ma)
    dispersion = pearson / (n - 2) if n > 2 else float("nan")
    scale = quasi_scale(dispersion, overdispersion)
    se = math.sqrt((1 / sa + 1 / sb) * scale)
    z = z_crit(alpha)
    stat = math.log(ratio) / se
    method = "Poisson rate ratio, Wald interval on the log scale" + (
        f", quasi-Poisson scale {scale:.3g}" if scale > 1 else ""
    )
    return PeriodComparisonResult(
        estimate=ratio,
        low=ratio * math.exp(-z * se),
        high=ratio * math.exp(z * se),
        alpha=alpha,
        method=method,
        n=n,
        p_value=float(two_sided_p(stat)),
        statistic=stat,
        measure="rate ratio (mean per month after / before)",
        before_value=mb,
        after_value=ma,
        dispersion=dispersion,
        **common,
    )
