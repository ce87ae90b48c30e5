"""One fitting function per trend model; each turns a prepared series into a :class:`TrendResult`.

``poisson`` and ``negbin`` are log-linear (the estimate is a percentage change
per month, with doubling or halving time); ``ols`` (Newey-West errors) and
``theil_sen`` are linear in the series' units.
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from aidstats._compute.stats.glm import (
    OVERDISPERSION_THRESHOLD,
    check_counts,
    check_fit,
    design,
    fitted_frame,
    pearson_dispersion,
    poisson_irls,
    quasi_scale,
    two_sided_p,
    z_crit,
)
from aidstats._compute.stats.mann_kendall import sen_slope
from aidstats._compute.stats.prep import Prepared
from aidstats._core.results import TestResult
from aidstats.errors import InsufficientDataError

__all__ = [
    "FITTERS",
    "INDEPENDENT",
    "LOG_UNITS",
    "TrendResult",
    "fit_poisson",
    "hac_lags",
    "loglinear_result",
]

LOG_UNITS = "% change per month"
#: What the count models and Theil-Sen assume about months.
INDEPENDENT = "independent months (no autocorrelation allowed for)"
#: A score (gradient of the log-likelihood) this small per observation is an optimum.
_NB_GRADIENT_TOL = 1e-4
#: An NB2 dispersion below this is the Poisson limit, where alpha's score need not vanish.
_NB_ALPHA_BOUNDARY = 1e-6
_LINEAR_UNITS = "units per month"


@dataclasses.dataclass(frozen=True, kw_only=True)
class TrendResult(TestResult):
    """A fitted trend.

    For the log-linear models (``poisson``, ``negbin``) ``estimate`` is the
    percentage change per month, ``100 * (exp(slope) - 1)``; for ``ols`` and
    ``theil_sen`` it is the slope in the series' units per month. ``units``
    says which. ``p_value`` tests a zero slope (none for ``theil_sen``, whose
    test is :func:`mann_kendall`). ``fitted`` has columns ``time``,
    ``observed``, ``fitted``, ``low``, ``high`` (pointwise band of the mean).
    ``dependence`` says what the interval assumes about how months depend on
    each other; ``ar_rho`` is the AR(1) coefficient of the ``ar1`` model.
    """

    model: str = ""
    units: str = ""
    slope: float = float("nan")
    slope_se: float | None = None
    slope_low: float = float("nan")
    slope_high: float = float("nan")
    intercept: float = float("nan")
    per_year: float = float("nan")
    per_year_low: float = float("nan")
    per_year_high: float = float("nan")
    doubling_kind: str | None = None
    doubling_time: float | None = None
    doubling_low: float | None = None
    doubling_high: float | None = None
    dispersion: float | None = None
    nb_alpha: float | None = None
    ar_rho: float | None = None
    dependence: str = ""
    hac_lags: int | None = None
    fitted: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)


def hac_lags(n: int) -> int:
    """Newey-West (1994) lag rule used for the HAC errors: ``floor(4 (n/100)^(2/9))``.

    Examples
    --------
    >>> from aidstats.stats import hac_lags
    >>> hac_lags(60), hac_lags(120)
    (3, 4)
    """
    return int(math.floor(4 * (n / 100) ** (2 / 9)))


def _pct(log_slope: float) -> float:
    """A log-scale slope as a percentage change."""
    return 100 * math.expm1(log_slope)


def _doubling(slope: float, low: float, high: float) -> tuple[str, float, float, float]:
    """Doubling (growth) or halving (decline) time in months with its interval.

    The interval is unbounded (``inf``) on the side where the slope interval
    reaches zero.
    """
    ln2 = math.log(2)
    if slope >= 0:
        kind, s, lo, hi = "doubling", slope, high, low
    else:
        kind, s, lo, hi = "halving", -slope, -low, -high
    est = ln2 / s if s > 0 else math.inf
    a = ln2 / lo if lo > 0 else math.inf
    b = ln2 / hi if hi > 0 else math.inf
    return kind, est, min(a, b), max(a, b)


def loglinear_result(
    prep: Prepared,
    *,
    model: str,
    beta: np.ndarray,
    cov: np.ndarray,
    alpha: float,
    notes: list[str],
    method: str,
    dependence: str,
    dispersion: float | None = None,
    nb_alpha: float | None = None,
    df: float | None = None,
    ar_rho: float | None = None,
) -> TrendResult:
    """A :class:`TrendResult` of a log-linear fit; Student's t on ``df`` degrees of freedom when given."""
    from scipy.stats import t as student

    q = z_crit(alpha) if df is None else float(student.ppf(1 - alpha / 2, df))
    slope, se = float(beta[1]), float(math.sqrt(max(cov[1, 1], 0.0)))
    check_fit(slope, se, model)
    lo, hi = slope - q * se, slope + q * se
    check_fit(max(abs(lo), abs(hi)), se, model)  # per-year terms exponentiate 12 * hi
    fitted = fitted_frame(prep.labels, prep.y, design(prep.t), beta, cov, q)
    kind, d, d_lo, d_hi = _doubling(slope, lo, hi)
    if math.isinf(d_hi):
        notes.append(f"the {kind}-time interval is unbounded: the slope interval includes 0")
    if dispersion is not None and dispersion > OVERDISPERSION_THRESHOLD and model == "poisson":
        notes.append(
            f"overdispersed (Pearson chi2/df = {dispersion:.2f} > {OVERDISPERSION_THRESHOLD}): "
            "Poisson intervals are too narrow; use model='negbin'"
        )
    stat = slope / se
    p = two_sided_p(stat) if df is None else 2 * student.sf(abs(stat), df)
    return TrendResult(
        estimate=_pct(slope),
        low=_pct(lo),
        high=_pct(hi),
        alpha=alpha,
        method=method,
        n=len(prep.y),
        notes=prep.notes + tuple(notes),
        p_value=float(p),
        statistic=stat,
        model=model,
        units=LOG_UNITS,
        slope=slope,
        slope_se=se,
        slope_low=lo,
        slope_high=hi,
        intercept=float(beta[0]),
        per_year=_pct(12 * slope),
        per_year_low=_pct(12 * lo),
        per_year_high=_pct(12 * hi),
        doubling_kind=kind,
        doubling_time=d,
        doubling_low=d_lo,
        doubling_high=d_hi,
        dispersion=dispersion,
        nb_alpha=nb_alpha,
        ar_rho=ar_rho,
        dependence=dependence,
        fitted=fitted,
    )


def fit_poisson(prep: Prepared, alpha: float, overdispersion: str = "pearson") -> TrendResult:
    check_counts(prep.y, "trend(model='poisson')")
    X = design(prep.t)[None]
    beta, cov, mu, conv = poisson_irls(X, prep.y[None], np.ones((1, len(prep.y)), bool))
    if not conv[0]:
        raise InsufficientDataError(
            "the Poisson fit did not converge: the series is too sparse (e.g. zeros, then one count)"
        )
    dispersion = pearson_dispersion(prep.y, mu[0], len(prep.y) - 2)
    scale = quasi_scale(dispersion, overdispersion)
    method = "Poisson GLM, log link, IRLS; Wald interval"
    if scale > 1:
        method += f"; covariance scaled by Pearson chi2/df = {scale:.3g} (quasi-Poisson)"
    return loglinear_result(
        prep,
        model="poisson",
        beta=beta[0],
        cov=cov[0] * scale,
        alpha=alpha,
        dispersion=dispersion,
        notes=[],
        method=method,
        dependence=INDEPENDENT,
    )


def _fit_negbin(prep: Prepared, alpha: float) -> TrendResult:
    from statsmodels.discrete.discrete_model import NegativeBinomial

    poisson = fit_poisson(prep, alpha, overdispersion="none")
    X = design(prep.t)
    notes: list[str] = []
    model = NegativeBinomial(prep.y, X, loglike_method="nb2")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence is judged below, on the gradient
        start = np.array([poisson.intercept, poisson.slope, 0.1])
        fit = model.fit(start_params=start, disp=0, maxiter=200, method="bfgs")
        params = np.asarray(fit.params)
        score = model.score(params) if np.isfinite(params).all() else np.full(3, np.inf)
    # BFGS reports "precision loss" at the optimum of many well-behaved series: judge it by the
    # score of the trend (and of alpha unless alpha sits at its boundary 0, the Poisson limit).
    judged = score if params[2] > _NB_ALPHA_BOUNDARY else score[:2]
    gradient = float(np.max(np.abs(judged)))
    if not (fit.mle_retvals.get("converged", True) or gradient <= _NB_GRADIENT_TOL * len(prep.y)):
        raise InsufficientDataError(
            f"the negative binomial fit did not converge (largest score {gradient:.2g})"
        )
    try:
        cov = np.asarray(fit.cov_params())[:2, :2]
    except ValueError as exc:  # statsmodels: no covariance for a degenerate fit
        raise InsufficientDataError(f"the negative binomial fit failed: {exc}") from None
    if not np.all(np.isfinite(cov)):
        raise InsufficientDataError("the negative binomial fit failed (singular covariance)")
    return loglinear_result(
        prep,
        model="negbin",
        beta=params[:2],
        cov=cov,
        alpha=alpha,
        dispersion=float(poisson.dispersion or float("nan")),
        nb_alpha=float(params[2]),
        notes=notes,
        method="negative binomial (NB2) GLM by maximum likelihood; Wald interval",
        dependence=INDEPENDENT,
    )


def _hac_cov(X: np.ndarray, resid: np.ndarray, lags: int) -> np.ndarray:
    """Newey-West covariance (Bartlett kernel) with the n/(n-k) correction."""
    n, k = X.shape
    u = X * resid[:, None]
    s = u.T @ u
    for lag in range(1, lags + 1):
        g = u[lag:].T @ u[:-lag]
        s += (1 - lag / (lags + 1)) * (g + g.T)
    bread = np.linalg.inv(X.T @ X)
    return bread @ s @ bread * n / (n - k)


def _fit_ols(prep: Prepared, alpha: float) -> TrendResult:
    X = design(prep.t)
    beta, *_ = np.linalg.lstsq(X, prep.y, rcond=None)
    resid = prep.y - X @ beta
    lags = hac_lags(len(prep.y))
    cov = _hac_cov(X, resid, lags)
    z = z_crit(alpha)
    slope, se = float(beta[1]), float(math.sqrt(max(cov[1, 1], 0.0)))
    check_fit(slope, se, "ols", log_scale=False)
    fit = X @ beta
    band = z * np.sqrt(np.einsum("ni,ij,nj->n", X, cov, X))
    fitted = pd.DataFrame(
        {
            "time": prep.labels,
            "observed": prep.y,
            "fitted": fit,
            "low": fit - band,
            "high": fit + band,
        }
    )
    lo, hi = slope - z * se, slope + z * se
    notes = list(prep.notes)
    if any("gaps" in n for n in prep.notes):
        notes.append("HAC lags count observations, not months, across gaps")
    return TrendResult(
        estimate=slope,
        low=lo,
        high=hi,
        alpha=alpha,
        method=f"OLS with Newey-West (HAC, Bartlett) errors, {lags} lag(s) = floor(4(n/100)^(2/9))",
        n=len(prep.y),
        notes=tuple(notes),
        p_value=float(two_sided_p(slope / se)),
        statistic=slope / se,
        model="ols",
        units=_LINEAR_UNITS,
        slope=slope,
        slope_se=se,
        slope_low=lo,
        slope_high=hi,
        intercept=float(beta[0]),
        per_year=12 * slope,
        per_year_low=12 * lo,
        per_year_high=12 * hi,
        hac_lags=lags,
        dependence=f"weak dependence between months (Newey-West, {lags} lag(s))",
        fitted=fitted,
    )


def _fit_theil_sen(prep: Prepared, alpha: float) -> TrendResult:
    index = prep.labels if prep.monthly else pd.Index(prep.t)
    sen = sen_slope(pd.Series(prep.y, index=index), alpha=alpha)
    pivot = float(np.median(prep.t))
    level = sen.intercept + sen.estimate * pivot
    fitted = pd.DataFrame(
        {
            "time": prep.labels,
            "observed": prep.y,
            "fitted": sen.intercept + sen.estimate * prep.t,
            "low": level + sen.low * (prep.t - pivot),
            "high": level + sen.high * (prep.t - pivot),
        }
    )
    return TrendResult(
        estimate=sen.estimate,
        low=sen.low,
        high=sen.high,
        alpha=alpha,
        method="Theil-Sen slope with Sen (1968) rank interval; band = slope-interval envelope "
        "through the median time (not a confidence band of the mean)",
        n=sen.n,
        notes=prep.notes,
        model="theil_sen",
        units=_LINEAR_UNITS,
        slope=sen.estimate,
        slope_low=sen.low,
        slope_high=sen.high,
        intercept=sen.intercept,
        per_year=12 * sen.estimate,
        per_year_low=12 * sen.low,
        per_year_high=12 * sen.high,
        dependence=INDEPENDENT,
        fitted=fitted,
    )


FITTERS: dict[str, Callable[[Prepared, float], TrendResult]] = {
    "poisson": fit_poisson,
    "negbin": _fit_negbin,
    "ols": _fit_ols,
    "theil_sen": _fit_theil_sen,
}


def growth_columns(
    model: str,
    n: Any,
    slope: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    se: np.ndarray,
    p_value: np.ndarray,
    *,
    dispersion: np.ndarray,
    ar_rho: np.ndarray | None = None,
    status: np.ndarray,
) -> dict[str, Any]:
    """The columns of a batched trend table from log-scale slopes: % per month and per year."""
    columns = {
        "model": model,
        "n": n,
        "estimate": 100 * np.expm1(slope),
        "low": 100 * np.expm1(low),
        "high": 100 * np.expm1(high),
        "per_year": 100 * np.expm1(12 * slope),
        "per_year_low": 100 * np.expm1(12 * low),
        "per_year_high": 100 * np.expm1(12 * high),
        "slope": slope,
        "slope_se": se,
        "p_value": p_value,
        "dispersion": dispersion,
        "ar_rho": ar_rho,
        "units": LOG_UNITS,
        "status": status,
    }
    if ar_rho is None:
        del columns["ar_rho"]
    return columns
