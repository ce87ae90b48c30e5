"""Before/after comparisons of a monthly series: a rate ratio of counts or a difference of proportions.

The windows come from the one calendar (:func:`aidstats._core.periods.window`);
every result carries :data:`BEFORE_AFTER_CAVEAT`, because a difference
between two windows is not the effect of what happened between them.
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from typing import Any, Literal

import numpy as np
import pandas as pd

from aidstats._compute.stats.ar1 import ar1_regression
from aidstats._compute.stats.clustered import cluster_table
from aidstats._compute.stats.completeness import user_stacklevel
from aidstats._compute.stats.ess import ess_df, ess_factor
from aidstats._compute.stats.glm import quasi_scale, two_sided_p, z_crit
from aidstats._compute.stats.prep import monthly_values
from aidstats._compute.stats.rate_compare import compare_counts, warn_if_regimes_differ
from aidstats._core.periods import month_start, window
from aidstats._core.results import TestResult
from aidstats.errors import DataQualityWarning, DataValidationError, InsufficientDataError

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
    ar_rho: float | None = None
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
    autocorrelation: Literal["ar1", "none"] = "ar1",
    overdispersion: Literal["pearson", "none"] = "pearson",
    complete: Any = None,
    last_day: Any = None,
    keep_incomplete: bool = False,
) -> PeriodComparisonResult:
    """Compare a monthly series after a date with before it, allowing for autocorrelated months.

    Parameters
    ----------
    series
        Monthly counts (or successes when ``trials`` is given), in time order.
    at
        First month of the *after* window (e.g. ``"2025-08"``).
    before, after
        Window lengths in months (default: all data on that side), or explicit
        ``(first_month, last_month)`` pairs.
    trials
        Monthly trials (e.g. launched) to compare proportions instead of
        counts: ``estimate = p_after - p_before`` pooled as ratio of sums.
        Each month's launches are a cluster, so the variance holds the
        salvo clustering inside months and the scatter between them
        (:mod:`.clustered`); with ``autocorrelation="ar1"`` it is also
        scaled for AR(1) dependence between months. Newcombe interval and a
        Rao-Scott score test (:func:`compare_rates`).
    autocorrelation
        ``"ar1"`` (default): for counts, the variance of each window's mean
        is the pooled relative variance of the months (its sum of squares
        divided by ``n - f_before - f_after``, unbiased under AR(1)) times the
        AR(1) effective-sample-size factor ``f = 1 + 2 sum (1 - k/m) rho^k``,
        with ``rho`` by REML from the log counts around the two window means, and
        the interval and test use Student's t on Satterthwaite degrees of
        freedom from the effective number of months and the uncertainty of
        ``rho`` (:func:`~aidstats._compute.stats.ar1.ess_df`). Months of these data are autocorrelated; with
        independence assumed the test's false alarms were 26% at AR(1) 0.5.
        ``"none"``: the quasi-Poisson rate ratio of independent months.
    overdispersion
        Counts with ``autocorrelation="none"`` only: ``"pearson"`` multiplies
        the Poisson variance by ``max(1, X^2/df)``; ``"none"``: plain Poisson.
    complete, last_day, keep_incomplete
        Incomplete months are left out (with a warning) unless kept.

    Returns
    -------
    PeriodComparisonResult
        Always carries ``caveat``: a before/after difference is not an effect.

    Warns
    -----
    RegimeChangeWarning
        Proportions whose windows straddle a change of the ``not_reach_goal``
        reporting regime.

    Examples
    --------
    >>> from aidstats import datasets
    >>> from aidstats.stats import compare_periods
    >>> aid = datasets.load("aid_totals_monthly").set_index("month")["military_eur_bn"]
    >>> r = compare_periods(aid, at="2025-01", before=12, after=12)
    >>> r.measure
    'rate ratio (mean per month after / before)'
    """
    s = monthly_values(
        series,
        "compare_periods",
        complete=complete,
        last_day=last_day,
        keep_incomplete=keep_incomplete,
    )
    if autocorrelation not in ("ar1", "none"):
        raise ValueError("autocorrelation must be 'ar1' or 'none'")
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
        return _proportions(yb, ya, trials, b0, b1, a0, a1, alpha, autocorrelation, common)
    if autocorrelation == "ar1":
        return _rate_ratio_ar1(yb, ya, alpha, common)
    return _rate_ratio(yb.to_numpy(), ya.to_numpy(), alpha, overdispersion, common)


def _months_rho(values: pd.Series, after: np.ndarray) -> float:
    """REML AR(1) coefficient of the months around the two window means (log scale when positive)."""
    t = (values.index.year * 12 + values.index.month).to_numpy(dtype=float)
    y = values.to_numpy(dtype=float)
    y = np.log(y) if (y > 0).all() else y
    X = np.stack([np.ones_like(t), after.astype(float)], axis=1)
    fit = ar1_regression(X, y[None], t - t[0])
    return max(float(fit.rho[0]), 0.0) if fit.ok[0] else 0.0


def _rate_ratio_ar1(
    yb: pd.Series, ya: pd.Series, alpha: float, common: dict[str, Any]
) -> PeriodComparisonResult:
    from scipy.stats import t as student

    b, a = yb.to_numpy(dtype=float), ya.to_numpy(dtype=float)
    if (b < 0).any() or (a < 0).any():
        raise DataValidationError("compare_periods: counts must be non-negative")
    mb, ma = b.mean(), a.mean()
    if mb == 0 or ma == 0:
        raise InsufficientDataError("a rate ratio needs a positive total on both sides")
    n = len(b) + len(a)
    if n < 4:
        raise InsufficientDataError("compare_periods needs at least 4 months in the two windows")
    both = pd.concat([yb, ya])
    rho = _months_rho(both, np.r_[np.zeros(len(b)), np.ones(len(a))])
    fb, fa = ess_factor(rho, len(b)), ess_factor(rho, len(a))
    # Around its own mean an autocorrelated window scatters less than it varies: the sum of
    # squares has expectation sigma^2 (m - factor), not sigma^2 (m - 1).
    rel = float((((b / mb) - 1) ** 2).sum() + (((a / ma) - 1) ** 2).sum()) / max(n - fb - fa, 1.0)
    var = rel * (fb / len(b) + fa / len(a))
    if not var > 0:
        raise InsufficientDataError("the months do not vary: no interval can be estimated")
    n_eff = len(b) / fb + len(a) / fa
    df = float(ess_df(n_eff, n, rho, 2))
    if n_eff < 5:
        warnings.warn(
            f"compare_periods: the months are so autocorrelated (AR(1) rho = {rho:.2f}) that the "
            f"two windows hold about {n_eff:.1f} independent months: the interval is wide, and a "
            "series that trends through both windows reads as a difference; compare trends "
            "(segmented_trend) instead",
            DataQualityWarning,
            stacklevel=user_stacklevel(),
        )
    se = float(np.sqrt(var))
    q = float(student.ppf(1 - alpha / 2, df))
    ratio = ma / mb
    stat = float(np.log(ratio) / se)
    return PeriodComparisonResult(
        estimate=ratio,
        low=ratio * float(np.exp(-q * se)),
        high=ratio * float(np.exp(q * se)),
        alpha=alpha,
        method=(
            "ratio of monthly means; variance from the pooled relative scatter of the months, "
            f"AR(1) effective-sample-size factor (REML rho = {rho:.2f}), t on {df:.1f} df"
        ),
        n=n,
        p_value=float(2 * student.sf(abs(stat), df)),
        statistic=stat,
        measure="rate ratio (mean per month after / before)",
        before_value=mb,
        after_value=ma,
        dispersion=None,
        ar_rho=rho,
        **common,
    )


def _proportions(
    yb: pd.Series,
    ya: pd.Series,
    trials: pd.Series,
    b0: pd.Timestamp,
    b1: pd.Timestamp,
    a0: pd.Timestamp,
    a1: pd.Timestamp,
    alpha: float,
    autocorrelation: str,
    common: dict[str, Any],
) -> PeriodComparisonResult:
    n = monthly_values(trials, "compare_periods(trials)", keep_incomplete=True)
    # Only months with both successes and trials count, on both sides.
    yb, nb = yb.align(n.loc[b0:b1], join="inner")
    ya, na = ya.align(n.loc[a0:a1], join="inner")
    if len(yb) == 0 or len(ya) == 0:
        raise InsufficientDataError(
            "no month has both successes and trials in the before or after window"
        )
    warn_if_regimes_differ(b0, a1 + pd.offsets.MonthEnd(0), "compare_periods")
    common["notes"] = (
        f"{len(yb)} month(s) before, {len(ya)} after, with both successes and trials",
    )
    months = pd.DataFrame(
        {
            "side": np.r_[np.ones(len(ya)), np.zeros(len(yb))],
            "successes": np.r_[ya.to_numpy(float), yb.to_numpy(float)],
            "trials": np.r_[na.to_numpy(float), nb.to_numpy(float)],
        }
    )
    sides = cluster_table(months, ["side"], alpha).set_index("side").loc[[1.0, 0.0]]
    deff = sides["design_effect"].to_numpy(dtype=float)
    m = sides["n_clusters"].to_numpy(dtype=float)
    dfs = sides["df"].to_numpy(dtype=float)
    df_total = None
    if autocorrelation == "ar1":
        shares = pd.concat([yb / nb, ya / na])
        rho = _months_rho(shares, np.r_[np.zeros(len(yb)), np.ones(len(ya))])
        factors = np.array([ess_factor(rho, m[0]), ess_factor(rho, m[1])])
        deff = np.where(np.isfinite(deff), deff, 1.0) * factors
        df_total = float(ess_df(((dfs + 1) / factors).sum(), (dfs + 1).sum(), rho, 2))
    r = compare_counts(
        sides["successes"].to_numpy(float),
        sides["trials"].to_numpy(float),
        deff,
        m,
        alpha,
        clustered=True,
        df_sides=dfs,
        df_total=df_total,
    )
    return PeriodComparisonResult(
        estimate=r.estimate,
        low=r.low,
        high=r.high,
        alpha=alpha,
        method=r.method.replace("salvo design effects", "month-cluster design effects")
        + ("; AR(1) factor between months" if autocorrelation == "ar1" else ""),
        n=r.n,
        p_value=r.p_value,
        statistic=r.statistic,
        measure="difference of proportions (after - before)",
        before_value=r.p2,
        after_value=r.p1,
        **common,
    )


def _rate_ratio(
    yb: np.ndarray, ya: np.ndarray, alpha: float, overdispersion: str, common: dict[str, Any]
) -> PeriodComparisonResult:
    if (yb < 0).any() or (ya < 0).any():
        raise DataValidationError("compare_periods: counts must be non-negative")
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
