"""Trends in monthly series: count GLMs, OLS with HAC errors, Theil-Sen, Mann-Kendall, STL.

The numerical cores are vectorised over many series at once (an array of
shape ``(groups, months)``) so that the table forms cost one numpy pass:

- :func:`_poisson_irls` fits log-linear Poisson GLMs by iteratively
  reweighted least squares, batched over groups;
- :func:`_mk_core` computes Mann-Kendall's S, its tie-corrected variance,
  Kendall's tau-b and Sen's slope with its rank-based interval from a
  ``(groups, months, months)`` array of pairwise differences.
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from aidstats._core.results import Result, TestResult
from aidstats.errors import AidstatsError, DataValidationError, InsufficientDataError

__all__ = [
    "DecompositionResult",
    "MannKendallResult",
    "SenSlopeResult",
    "TrendResult",
    "hac_lags",
    "mann_kendall",
    "mann_kendall_table",
    "seasonal_decomposition",
    "sen_slope",
    "trend",
    "trend_table",
]

TrendModel = Literal["poisson", "negbin", "ols", "theil_sen"]
#: Pearson chi-square / df above which a Poisson fit is called overdispersed.
OVERDISPERSION_THRESHOLD = 1.5
_MK_CHUNK_ELEMENTS = 20_000_000


# --------------------------------------------------------------------------- series


@dataclasses.dataclass(frozen=True)
class _Prepared:
    t: np.ndarray  # months since the first observation (float)
    y: np.ndarray
    labels: pd.Index  # the time labels of the observations kept
    monthly: bool
    notes: tuple[str, ...]


def _month_numbers(index: pd.Index) -> tuple[np.ndarray, pd.Index] | None:
    if isinstance(index, pd.PeriodIndex):
        months = index.asfreq("M")
    elif isinstance(index, pd.DatetimeIndex):
        months = index.to_period("M")
    else:
        return None
    ordinal = np.asarray(months.year, dtype=np.int64) * 12 + np.asarray(months.month) - 1
    return ordinal.astype(float), months.to_timestamp()


def _prepare(series: pd.Series, *, min_n: int, what: str) -> _Prepared:
    """Validate a monthly series and turn it into (months since start, values).

    NaN values are dropped (recorded in notes); months absent from the index
    are gaps, not zeros (recorded); infinite values and duplicate months are
    errors; fewer than ``min_n`` usable values raise InsufficientDataError.
    """
    if not isinstance(series, pd.Series):
        series = pd.Series(series)
    numbers = _month_numbers(series.index)
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
    return _Prepared(t=t - t[0], y=y, labels=labels, monthly=monthly, notes=tuple(notes))


# --------------------------------------------------------------------------- results


@dataclasses.dataclass(frozen=True, kw_only=True)
class TrendResult(TestResult):
    """A fitted trend.

    For the log-linear models (``poisson``, ``negbin``) ``estimate`` is the
    percentage change per month, ``100 * (exp(slope) - 1)``; for ``ols`` and
    ``theil_sen`` it is the slope in the series' units per month. ``units``
    says which. ``p_value`` tests a zero slope (none for ``theil_sen``, whose
    test is :func:`mann_kendall`). ``fitted`` has columns ``time``,
    ``observed``, ``fitted``, ``low``, ``high`` (pointwise band of the mean).
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
    hac_lags: int | None = None
    fitted: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)


@dataclasses.dataclass(frozen=True, kw_only=True)
class SenSlopeResult(Result):
    """Sen's (1968) slope, units per month, with its rank-based interval."""

    intercept: float = float("nan")


@dataclasses.dataclass(frozen=True, kw_only=True)
class MannKendallResult(TestResult):
    """Mann-Kendall trend test with Sen's slope.

    ``estimate``/``low``/``high`` are Sen's slope (units per month) and its
    Sen (1968) / Gilbert (1987) interval; ``tau`` is Kendall's tau-b between
    time and value (as :func:`scipy.stats.kendalltau`); ``s`` and ``var_s``
    are the statistic and its tie-corrected variance (multiplied by the
    Hamed-Rao factor ``n_ratio`` when corrected); ``statistic`` is z with the
    continuity correction ``sign(S)(|S| - 1)/sqrt(var_s)``.
    """

    tau: float = float("nan")
    s: float = float("nan")
    var_s: float = float("nan")
    n_ratio: float = 1.0
    trend: str = ""
    intercept: float = float("nan")


@dataclasses.dataclass(frozen=True, kw_only=True)
class DecompositionResult(Result):
    """STL decomposition; ``estimate`` is the strength of seasonality.

    Strength (Wang, Smith and Hyndman 2006) is ``max(0, 1 - var(R)/var(S+R))``;
    ``trend_strength`` likewise with the trend. ``components`` has columns
    time, observed, trend, seasonal, resid.
    """

    trend_strength: float = float("nan")
    period: int = 12
    components: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)


# --------------------------------------------------------------------------- Poisson IRLS


def _poisson_irls(
    X: np.ndarray, y: np.ndarray, mask: np.ndarray, *, max_iter: int = 100, tol: float = 1e-10
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Batched Poisson GLM (log link) by IRLS.

    Parameters: ``X`` (G, n, p), ``y`` (G, n), ``mask`` (G, n) of used
    observations. Returns beta (G, p), covariance (G, p, p), mu (G, n) and a
    converged flag (G,).
    """
    w_mask = mask.astype(float)
    y0 = np.where(mask, y, 0.0)
    mean = (y0 * w_mask).sum(axis=1, keepdims=True) / np.maximum(w_mask.sum(axis=1, keepdims=True), 1)
    mu = np.where(mask, (y0 + mean) / 2 + 1e-3, 1.0)
    eta = np.log(mu)
    dev_old = np.full(y.shape[0], np.inf)
    converged = np.zeros(y.shape[0], dtype=bool)
    beta = np.zeros((y.shape[0], X.shape[2]))
    for _ in range(max_iter):
        z = eta + (y0 - mu) / mu
        w = mu * w_mask
        xtwx = np.einsum("gni,gn,gnj->gij", X, w, X)
        xtwz = np.einsum("gni,gn,gn->gi", X, w, z)
        beta = np.linalg.solve(xtwx, xtwz[..., None])[..., 0]
        eta = np.clip(np.einsum("gni,gi->gn", X, beta), -700, 700)
        mu = np.exp(eta)
        with np.errstate(divide="ignore", invalid="ignore"):
            term = np.where(y0 > 0, y0 * np.log(y0 / mu), 0.0) - (y0 - mu)
        dev = 2 * (term * w_mask).sum(axis=1)
        converged = np.abs(dev - dev_old) <= tol * (np.abs(dev) + 0.1)
        if converged.all():
            break
        dev_old = dev
    w = mu * w_mask
    cov = np.linalg.inv(np.einsum("gni,gn,gnj->gij", X, w, X))
    return beta, cov, mu, converged


def _design(t: np.ndarray) -> np.ndarray:
    return np.stack([np.ones_like(t), t], axis=-1)


# --------------------------------------------------------------------------- helpers


def _z(alpha: float) -> float:
    from scipy.stats import norm

    return float(norm.ppf(1 - alpha / 2))


def _two_sided_p(z: Any) -> Any:
    from scipy.stats import norm

    return 2 * norm.sf(np.abs(z))


def hac_lags(n: int) -> int:
    """Newey-West (1994) lag rule used for the HAC errors: ``floor(4 (n/100)^(2/9))``.

    Examples
    --------
    >>> from aidstats.stats import hac_lags
    >>> hac_lags(60), hac_lags(120)
    (3, 4)
    """
    return int(math.floor(4 * (n / 100) ** (2 / 9)))


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


def _time_column(prep: _Prepared, t: np.ndarray) -> Any:
    return prep.labels if len(t) == len(prep.labels) else t


def _loglinear_result(
    prep: _Prepared,
    *,
    model: str,
    beta: np.ndarray,
    cov: np.ndarray,
    alpha: float,
    dispersion: float,
    nb_alpha: float | None,
    notes: list[str],
    method: str,
) -> TrendResult:
    z = _z(alpha)
    slope, se = float(beta[1]), float(math.sqrt(max(cov[1, 1], 0.0)))
    _check_fit(slope, se, model)
    lo, hi = slope - z * se, slope + z * se
    _check_fit(max(abs(lo), abs(hi)), se, model)  # per-year terms exponentiate 12 * hi
    X = _design(prep.t)
    eta = X @ beta
    eta_se = np.sqrt(np.einsum("ni,ij,nj->n", X, cov, X))
    with np.errstate(over="ignore"):  # a band too wide to exponentiate is unbounded (inf)
        fitted = pd.DataFrame(
            {"time": prep.labels, "observed": prep.y, "fitted": np.exp(eta),
             "low": np.exp(eta - z * eta_se), "high": np.exp(eta + z * eta_se)}
        )
    kind, d, d_lo, d_hi = _doubling(slope, lo, hi)
    if math.isinf(d_hi):
        notes.append(f"the {kind}-time interval is unbounded: the slope interval includes 0")
    if dispersion > OVERDISPERSION_THRESHOLD and model == "poisson":
        notes.append(
            f"overdispersed (Pearson chi2/df = {dispersion:.2f} > {OVERDISPERSION_THRESHOLD}): "
            "Poisson intervals are too narrow; use model='negbin'"
        )
    pct = lambda b: 100 * math.expm1(b)  # noqa: E731
    return TrendResult(
        estimate=pct(slope), low=pct(lo), high=pct(hi), alpha=alpha, method=method,
        n=len(prep.y), notes=prep.notes + tuple(notes), p_value=float(_two_sided_p(slope / se)),
        statistic=slope / se, model=model, units="% change per month", slope=slope,
        slope_se=se, slope_low=lo, slope_high=hi, intercept=float(beta[0]),
        per_year=pct(12 * slope), per_year_low=pct(12 * lo), per_year_high=pct(12 * hi),
        doubling_kind=kind, doubling_time=d, doubling_low=d_lo, doubling_high=d_hi,
        dispersion=dispersion, nb_alpha=nb_alpha, fitted=fitted,
    )


def _check_fit(slope: float, se: float, model: str, *, log_scale: bool = True) -> None:
    """A degenerate fit (separation, constant series) gives no usable interval: say so.

    On the log scale a slope beyond 25 (a factor e^25 per month) only arises
    from separation, e.g. zeros followed by one count.
    """
    bounded = abs(slope) < 25 if log_scale else True
    if not (math.isfinite(slope) and math.isfinite(se) and se > 0 and bounded):
        raise InsufficientDataError(
            f"trend(model={model!r}): the fit is degenerate (slope {slope:.3g}, standard error "
            f"{se:.3g}); the series is too flat or too sparse for this model"
        )


def _check_counts(prep: _Prepared, what: str) -> None:
    if (prep.y < 0).any():
        raise DataValidationError(f"{what}: a count model needs non-negative values")
    if not (prep.y > 0).any():
        raise InsufficientDataError(f"{what}: all values are zero; a log-linear trend does not exist")


def _fit_poisson(prep: _Prepared, alpha: float, overdispersion: str = "pearson") -> TrendResult:
    _check_counts(prep, "trend(model='poisson')")
    X = _design(prep.t)[None]
    beta, cov, mu, conv = _poisson_irls(X, prep.y[None], np.ones((1, len(prep.y)), bool))
    if not conv[0]:
        raise InsufficientDataError("the Poisson fit did not converge")
    mu0 = mu[0]
    dispersion = float(((prep.y - mu0) ** 2 / mu0).sum() / (len(prep.y) - 2))
    scale = _quasi_scale(dispersion, overdispersion)
    method = "Poisson GLM, log link, IRLS; Wald interval"
    if scale > 1:
        method += f"; covariance scaled by Pearson chi2/df = {scale:.3g} (quasi-Poisson)"
    return _loglinear_result(
        prep, model="poisson", beta=beta[0], cov=cov[0] * scale, alpha=alpha, dispersion=dispersion,
        nb_alpha=None, notes=[], method=method,
    )


def _quasi_scale(dispersion: float, overdispersion: str) -> float:
    """Covariance factor: max(1, Pearson chi2/df) for ``"pearson"``, 1 for ``"none"``."""
    if overdispersion not in ("pearson", "none"):
        raise ValueError(f"overdispersion must be 'pearson' or 'none', not {overdispersion!r}")
    if overdispersion == "none" or not math.isfinite(dispersion):
        return 1.0
    return max(1.0, dispersion)


def _fit_negbin(prep: _Prepared, alpha: float) -> TrendResult:
    from statsmodels.discrete.discrete_model import NegativeBinomial

    poisson = _fit_poisson(prep, alpha, overdispersion="none")
    X = _design(prep.t)
    notes: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = np.array([poisson.intercept, poisson.slope, 0.1])
        fit = NegativeBinomial(prep.y, X, loglike_method="nb2").fit(
            start_params=start, disp=0, maxiter=200, method="bfgs"
        )
    notes += [f"statsmodels: {w.message}" for w in caught]
    params = np.asarray(fit.params)
    if not fit.mle_retvals.get("converged", True):
        raise InsufficientDataError("the negative binomial fit did not converge")
    try:
        cov = np.asarray(fit.cov_params())[:2, :2]
    except ValueError as exc:  # statsmodels: no covariance for a degenerate fit
        raise InsufficientDataError(f"the negative binomial fit failed: {exc}") from None
    if not np.all(np.isfinite(cov)):
        raise InsufficientDataError("the negative binomial fit failed (singular covariance)")
    return _loglinear_result(
        prep, model="negbin", beta=params[:2], cov=cov, alpha=alpha,
        dispersion=float(poisson.dispersion or float("nan")), nb_alpha=float(params[2]),
        notes=notes, method="negative binomial (NB2) GLM by maximum likelihood; Wald interval",
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


def _fit_ols(prep: _Prepared, alpha: float) -> TrendResult:
    X = _design(prep.t)
    beta, *_ = np.linalg.lstsq(X, prep.y, rcond=None)
    resid = prep.y - X @ beta
    lags = hac_lags(len(prep.y))
    cov = _hac_cov(X, resid, lags)
    z = _z(alpha)
    slope, se = float(beta[1]), float(math.sqrt(max(cov[1, 1], 0.0)))
    _check_fit(slope, se, "ols", log_scale=False)
    fit = X @ beta
    band = z * np.sqrt(np.einsum("ni,ij,nj->n", X, cov, X))
    fitted = pd.DataFrame({"time": prep.labels, "observed": prep.y, "fitted": fit,
                           "low": fit - band, "high": fit + band})
    lo, hi = slope - z * se, slope + z * se
    notes = list(prep.notes)
    if prep.notes and any("gaps" in n for n in prep.notes):
        notes.append("HAC lags count observations, not months, across gaps")
    return TrendResult(
        estimate=slope, low=lo, high=hi, alpha=alpha,
        method=f"OLS with Newey-West (HAC, Bartlett) errors, {lags} lag(s) = floor(4(n/100)^(2/9))",
        n=len(prep.y), notes=tuple(notes), p_value=float(_two_sided_p(slope / se)),
        statistic=slope / se, model="ols", units="units per month", slope=slope, slope_se=se,
        slope_low=lo, slope_high=hi, intercept=float(beta[0]), per_year=12 * slope,
        per_year_low=12 * lo, per_year_high=12 * hi, hac_lags=lags, fitted=fitted,
    )


def _fit_theil_sen(prep: _Prepared, alpha: float) -> TrendResult:
    sen = sen_slope(pd.Series(prep.y, index=prep.labels) if prep.monthly else
                    pd.Series(prep.y, index=pd.Index(prep.t)), alpha=alpha)
    pivot = float(np.median(prep.t))
    level = sen.intercept + sen.estimate * pivot
    fitted = pd.DataFrame(
        {"time": prep.labels, "observed": prep.y, "fitted": sen.intercept + sen.estimate * prep.t,
         "low": level + sen.low * (prep.t - pivot), "high": level + sen.high * (prep.t - pivot)}
    )
    return TrendResult(
        estimate=sen.estimate, low=sen.low, high=sen.high, alpha=alpha,
        method="Theil-Sen slope with Sen (1968) rank interval; band = slope-interval envelope "
        "through the median time (not a confidence band of the mean)",
        n=sen.n, notes=prep.notes, model="theil_sen", units="units per month",
        slope=sen.estimate, slope_low=sen.low, slope_high=sen.high, intercept=sen.intercept,
        per_year=12 * sen.estimate, per_year_low=12 * sen.low, per_year_high=12 * sen.high,
        fitted=fitted,
    )


_FITTERS = {"poisson": _fit_poisson, "negbin": _fit_negbin, "ols": _fit_ols,
            "theil_sen": _fit_theil_sen}


def trend(
    series: pd.Series,
    model: TrendModel = "poisson",
    *,
    alpha: float = 0.05,
    overdispersion: Literal["pearson", "none"] = "pearson",
) -> TrendResult:
    """Trend of a monthly series.

    Parameters
    ----------
    series
        Values indexed by month (DatetimeIndex or monthly PeriodIndex; any
        other index is read as consecutive months). Counts for ``poisson``
        and ``negbin`` (non-integer amounts are allowed: quasi-likelihood).
    model
        ``"poisson"``: log-linear Poisson GLM fitted by IRLS, Wald interval;
        the Pearson chi2/df dispersion is recorded in ``dispersion``, the
        covariance is scaled by it when it exceeds 1 (quasi-Poisson, see
        ``overdispersion``) and a note is added when it exceeds 1.5. ``"negbin"``: NB2 GLM, dispersion
        ``nb_alpha`` by maximum likelihood (statsmodels). ``"ols"``: linear
        trend with Newey-West errors, lag ``floor(4 (n/100)^(2/9))`` (see
        :func:`hac_lags`), small-sample factor n/(n-2), normal quantiles.
        ``"theil_sen"``: Sen's slope with its rank interval.
    alpha
        One minus the confidence level.
    overdispersion
        Poisson only: ``"pearson"`` (default) widens the interval by
        ``sqrt(max(1, chi2/df))`` so that overdispersed counts do not get
        falsely narrow intervals; ``"none"`` gives the plain Poisson interval.

    Returns
    -------
    TrendResult
        See the class. For log-linear models ``estimate`` is % per month,
        ``per_year`` % per year and ``doubling_time`` months (halving when
        ``doubling_kind == "halving"``).

    Raises
    ------
    InsufficientDataError
        Fewer than 3 values after dropping NaN, or an all-zero series for
        a count model.

    Notes
    -----
    NaN values are dropped and months missing from the index are gaps (the
    time axis keeps the calendar); both are recorded in ``notes``.

    Examples
    --------
    >>> from aidstats import datasets
    >>> from aidstats.stats import trend
    >>> aid = datasets.load("aid_totals_monthly").set_index("month")["military_eur_bn"]
    >>> r = trend(aid["2023":"2025"], model="ols")
    >>> r.units, r.hac_lags
    ('units per month', 3)
    """
    if model not in _FITTERS:
        raise ValueError(f"unknown model {model!r}; use one of {sorted(_FITTERS)}")
    prep = _prepare(series, min_n=3, what=f"trend(model={model!r})")
    if model == "poisson":
        return _fit_poisson(prep, alpha, overdispersion)
    return _FITTERS[model](prep, alpha)


# --------------------------------------------------------------------------- Mann-Kendall


def _mk_core(Y: np.ndarray, t: np.ndarray, alpha: float) -> dict[str, np.ndarray]:
    """Mann-Kendall and Sen for each row of ``Y`` (NaN = missing), time ``t``.

    Pairwise differences by broadcasting, in chunks of rows to cap memory.
    """
    out: dict[str, list[np.ndarray]] = {}
    T = Y.shape[1]
    rows = max(1, _MK_CHUNK_ELEMENTS // max(T * T, 1))
    for start in range(0, Y.shape[0], rows):
        part = _mk_chunk(Y[start:start + rows], t, alpha)
        for key, value in part.items():
            out.setdefault(key, []).append(value)
    return {k: np.concatenate(v) for k, v in out.items()}


def _mk_chunk(Y: np.ndarray, t: np.ndarray, alpha: float) -> dict[str, np.ndarray]:
    valid = ~np.isnan(Y)
    complete = bool(valid.all())  # fast path: no masking needed
    n = valid.sum(axis=1).astype(float)
    iu, ju = np.triu_indices(Y.shape[1], k=1)
    diff = Y[:, ju] - Y[:, iu]  # (G, P): later minus earlier
    pair_ok = valid[:, ju] & valid[:, iu]
    sign = np.sign(diff)
    s = (sign if complete else np.where(pair_ok, sign, 0.0)).sum(axis=1)
    # ties: c_i = size of the tie group of value i; sum_i (c_i-1)(2c_i+5) = sum_g t(t-1)(2t+5)
    equal = Y[:, :, None] == Y[:, None, :]  # NaN never equals: missing values drop out
    c = equal.sum(axis=2, dtype=np.int64).astype(float)
    tie_var = np.where(valid, (c - 1) * (2 * c + 5), 0.0).sum(axis=1)
    tie_pairs = np.where(valid, (c - 1), 0.0).sum(axis=1) / 2
    var_s = (n * (n - 1) * (2 * n + 5) - tie_var) / 18
    n0 = n * (n - 1) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        tau = s / np.sqrt(n0 * (n0 - tie_pairs))
        z = np.where(s == 0, 0.0, np.sign(s) * (np.abs(s) - 1) / np.sqrt(var_s))
        slopes = diff / (t[ju] - t[iu])  # NaN where a value is missing
    nt = pair_ok.sum(axis=1)
    # Sen (1968) interval, order-statistic indices as in scipy.stats.theilslopes
    zc = _z(alpha)
    sigma = np.sqrt(var_s)
    ru = np.clip(np.minimum(np.round((nt + zc * sigma) / 2).astype(int), nt - 1), 0, None)
    rl = np.clip(np.maximum(np.round((nt - zc * sigma) / 2).astype(int) - 1, 0), 0, None)
    mid_lo, mid_hi = np.clip((nt - 1) // 2, 0, None), np.clip(nt // 2, 0, None)
    wanted = np.concatenate([rl, ru, mid_lo, mid_hi])
    if complete and np.unique(wanted).size < 64:
        # partial sort at the few order statistics needed (all rows share nt)
        slopes = np.partition(slopes, np.unique(wanted), axis=1)
    else:
        slopes.sort(axis=1)  # NaN last
    pick = lambda k: np.take_along_axis(slopes, k[:, None], axis=1)[:, 0]  # noqa: E731
    sen = (pick(mid_lo) + pick(mid_hi)) / 2
    low, high = pick(rl), pick(ru)
    tt = np.where(valid, t[None, :], np.nan)
    intercept = np.nanmedian(Y, axis=1) - sen * np.nanmedian(tt, axis=1)
    return {"n": n, "s": s, "var_s": var_s, "tau": tau, "z": z, "p_value": _two_sided_p(z),
            "sen": sen, "sen_low": low, "sen_high": high, "intercept": intercept}


def _hamed_rao_factor(prep: _Prepared, sen: float, alpha: float) -> float:
    """Hamed and Rao (1998) variance factor n/n* from significant rank autocorrelations."""
    from scipy.stats import rankdata

    n = len(prep.y)
    ranks = rankdata(prep.y - sen * prep.t)
    d = ranks - ranks.mean()
    denom = (d * d).sum()
    acf = np.array([(d[k:] * d[:-k]).sum() / denom for k in range(1, n)])
    bound = _z(alpha) / math.sqrt(n)
    k = np.arange(1, n)
    significant = np.abs(acf) > bound
    total = ((n - k) * (n - k - 1) * (n - k - 2) * acf)[significant].sum()
    return float(1 + 2 / (n * (n - 1) * (n - 2)) * total)


def mann_kendall(
    series: pd.Series,
    *,
    alpha: float = 0.05,
    autocorrelation: Literal["none", "hamed_rao"] = "none",
) -> MannKendallResult:
    """Mann-Kendall trend test with Sen's slope and its interval.

    Parameters
    ----------
    series
        Values indexed by month (see :func:`trend`); NaN values are dropped.
    alpha
        Level of the Sen interval and of the significance bounds.
    autocorrelation
        ``"none"`` (the original test, which assumes independent months) or
        ``"hamed_rao"``: the variance of S is multiplied by Hamed and Rao's
        (1998) factor n/n*, computed from the lag-k autocorrelations of the
        ranks of the Sen-detrended series that are significant at ``alpha``
        (all lags 1..n-1, as in pyMannKendall). Pre-whitening is not used.

    Returns
    -------
    MannKendallResult

    Raises
    ------
    InsufficientDataError
        Fewer than 4 values, or all values tied (var S = 0).

    Examples
    --------
    >>> import pandas as pd
    >>> from aidstats.stats import mann_kendall
    >>> x = [12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7]
    >>> r = mann_kendall(pd.Series(x))
    >>> r.s, round(r.var_s, 3), round(r.statistic, 4)
    (54.0, 332.667, 2.9058)
    """
    prep = _prepare(series, min_n=4, what="mann_kendall")
    core = {k: float(v[0]) for k, v in _mk_core(prep.y[None], prep.t, alpha).items()}
    if core["var_s"] <= 0:
        raise InsufficientDataError("mann_kendall: all values are tied; no trend test possible")
    notes = list(prep.notes)
    ratio, var_s, z, p = 1.0, core["var_s"], core["z"], core["p_value"]
    method = "Mann-Kendall (tie-corrected variance, continuity correction); Sen slope"
    if autocorrelation == "hamed_rao":
        ratio = _hamed_rao_factor(prep, core["sen"], alpha)
        if ratio <= 0:
            raise InsufficientDataError("Hamed-Rao variance factor is not positive")
        var_s = var_s * ratio
        s = core["s"]
        z = 0.0 if s == 0 else math.copysign(abs(s) - 1, s) / math.sqrt(var_s)
        p = float(_two_sided_p(z))
        method = "Mann-Kendall with Hamed-Rao (1998) variance correction; Sen slope"
    elif autocorrelation != "none":
        raise ValueError("autocorrelation must be 'none' or 'hamed_rao'")
    direction = "no trend" if p >= alpha else ("increasing" if z > 0 else "decreasing")
    return MannKendallResult(
        estimate=core["sen"], low=core["sen_low"], high=core["sen_high"], alpha=alpha,
        method=method, n=int(core["n"]), notes=tuple(notes), p_value=p, statistic=z,
        tau=core["tau"], s=core["s"], var_s=var_s, n_ratio=ratio, trend=direction,
        intercept=core["intercept"],
    )


def sen_slope(series: pd.Series, *, alpha: float = 0.05) -> SenSlopeResult:
    """Sen's slope (median of pairwise slopes, units per month) with its interval.

    The interval is Sen's (1968) rank-based one, as given by Gilbert (1987,
    sec. 16.5) with the tie-corrected variance of S; the order-statistic
    indices follow :func:`scipy.stats.theilslopes`, and the intercept is
    ``median(y) - slope * median(t)``.

    Examples
    --------
    >>> import pandas as pd
    >>> from aidstats.stats import sen_slope
    >>> r = sen_slope(pd.Series([1.0, 3, 2, 5, 4, 6, 8, 7]))
    >>> r.estimate, r.low, r.high
    (1.0, 0.5, 1.5)
    """
    prep = _prepare(series, min_n=3, what="sen_slope")
    core = {k: float(v[0]) for k, v in _mk_core(prep.y[None], prep.t, alpha).items()}
    return SenSlopeResult(
        estimate=core["sen"], low=core["sen_low"], high=core["sen_high"], alpha=alpha,
        method="Sen (1968) slope; rank-based interval (Gilbert 1987)", n=int(core["n"]),
        notes=prep.notes, intercept=core["intercept"],
    )


# --------------------------------------------------------------------------- tables


def _wide(
    frame: pd.DataFrame, by: Sequence[str], value: str, time: str
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, pd.Index]:
    """Groups x months matrix (NaN where a group has no row for a month)."""
    missing = sorted({*by, value, time} - set(frame.columns))
    if missing:
        raise ValueError(f"long frame lacks column(s) {missing}")
    keys = list(by)
    if not keys:
        raise ValueError("give at least one grouping column in by")
    summed = frame.groupby(keys + [time], sort=True, observed=True)[value].sum(min_count=1)
    wide = summed.unstack(time)  # absent (group, month) pairs become NaN: missing, not zero
    Y = wide.to_numpy(dtype=float, na_value=np.nan)
    labels = pd.Index(wide.columns)
    numbers = _month_numbers(labels)
    t = numbers[0] if numbers is not None else np.arange(wide.shape[1], dtype=float)
    t = t - t.min()
    groups = wide.index.to_frame(index=False)
    return groups, t, Y, labels


def mann_kendall_table(
    long_frame: pd.DataFrame,
    by: str | Sequence[str],
    *,
    value: str = "value",
    time: str = "month",
    alpha: float = 0.05,
    min_n: int = 4,
) -> pd.DataFrame:
    """Mann-Kendall and Sen's slope for every group of a long table, in one numpy pass.

    Parameters
    ----------
    long_frame
        One row per group and month.
    by
        Grouping column(s).
    value, time
        The value and month columns. Months absent for a group are missing
        (not zero).
    alpha
        Level of the Sen interval.
    min_n
        Groups with fewer values, or with all values tied, get ``status``
        ``"insufficient: ..."`` and NaN statistics (documented, not silent).

    Returns
    -------
    DataFrame
        by..., n, s, var_s, tau, z, p_value, sen_slope, sen_low, sen_high,
        intercept, status ("ok" or the reason). No autocorrelation correction
        (use :func:`mann_kendall` with ``autocorrelation="hamed_rao"`` per series).

    Examples
    --------
    >>> from aidstats import datasets
    >>> from aidstats.stats import mann_kendall_table
    >>> aid = datasets.load("aid_monthly")
    >>> table = mann_kendall_table(aid, "category", value="eur_bn", time="month")
    >>> table["category"].tolist()
    ['financial', 'humanitarian', 'military']
    """
    keys = [by] if isinstance(by, str) else list(by)
    if long_frame[keys + [time]].duplicated().any():
        long_frame = long_frame.groupby(keys + [time], as_index=False, sort=True)[value].sum()
    groups, t, Y, _ = _wide(long_frame, keys, value, time)
    core = _mk_core(Y, t, alpha)
    status = np.where(core["n"] < min_n, f"insufficient: fewer than {min_n} values",
                      np.where(core["var_s"] <= 0, "insufficient: all values tied", "ok"))
    table = groups.assign(
        n=core["n"].astype(int), s=core["s"], var_s=core["var_s"], tau=core["tau"], z=core["z"],
        p_value=core["p_value"], sen_slope=core["sen"], sen_low=core["sen_low"],
        sen_high=core["sen_high"], intercept=core["intercept"], status=status,
    )
    bad = table["status"] != "ok"
    cols = ["s", "var_s", "tau", "z", "p_value", "sen_slope", "sen_low", "sen_high", "intercept"]
    table.loc[bad, cols] = np.nan
    return table


def trend_table(
    long_frame: pd.DataFrame,
    by: str | Sequence[str],
    *,
    value: str = "value",
    time: str = "month",
    model: TrendModel = "poisson",
    alpha: float = 0.05,
    overdispersion: Literal["pearson", "none"] = "pearson",
) -> pd.DataFrame:
    """Trend of every group of a long table.

    Poisson trends are fitted for all groups at once (batched IRLS); the
    other models call :func:`trend` per group.

    Returns
    -------
    DataFrame
        by..., model, n, estimate, low, high, per_year, per_year_low,
        per_year_high, slope, slope_se, p_value, dispersion, units, status.
        Groups that cannot be fitted (fewer than 3 values, all zero) keep NaN
        estimates with the reason in ``status``.

    Examples
    --------
    >>> from aidstats import datasets
    >>> from aidstats.stats import trend_table
    >>> aid = datasets.load("aid_monthly")
    >>> t = trend_table(aid, "category", value="eur_bn", model="ols")
    >>> t["status"].tolist()
    ['ok', 'ok', 'ok']
    """
    keys = [by] if isinstance(by, str) else list(by)
    if long_frame[keys + [time]].duplicated().any():
        long_frame = long_frame.groupby(keys + [time], as_index=False, sort=True)[value].sum()
    groups, t, Y, labels = _wide(long_frame, keys, value, time)
    if model == "poisson":
        return groups.assign(**_poisson_table(Y, t, alpha, overdispersion))
    rows = []
    for i in range(len(groups)):
        try:
            r = trend(pd.Series(Y[i], index=labels), model, alpha=alpha)
            rows.append({"model": model, "n": r.n, "estimate": r.estimate, "low": r.low,
                         "high": r.high, "per_year": r.per_year, "per_year_low": r.per_year_low,
                         "per_year_high": r.per_year_high, "slope": r.slope,
                         "slope_se": r.slope_se, "p_value": r.p_value,
                         "dispersion": r.dispersion, "units": r.units, "status": "ok"})
        except AidstatsError as err:
            kind = "insufficient" if isinstance(err, InsufficientDataError) else "invalid"
            rows.append({"model": model, "n": int((~np.isnan(Y[i])).sum()), "units": "",
                         "status": f"{kind}: {err}"})
    return pd.concat([groups, pd.DataFrame(rows)], axis=1)


def _poisson_table(Y: np.ndarray, t: np.ndarray, alpha: float, overdispersion: str = "pearson") -> dict[str, Any]:
    mask = ~np.isnan(Y)
    n = mask.sum(axis=1)
    y = np.where(mask, Y, 0.0)
    status = np.full(len(Y), "ok", dtype=object)
    status[(y < 0).any(axis=1)] = "invalid: negative values"
    status[(status == "ok") & ~(y > 0).any(axis=1)] = "insufficient: all values zero"
    status[(status == "ok") & (n < 3)] = "insufficient: fewer than 3 values"
    fit = status == "ok"
    G = len(Y)
    beta = np.full((G, 2), np.nan)
    se = np.full(G, np.nan)
    disp = np.full(G, np.nan)
    if fit.any():
        X = np.broadcast_to(_design(t), (int(fit.sum()), len(t), 2))
        b, cov, mu, conv = _poisson_irls(X, y[fit], mask[fit])
        beta[fit] = b
        se[fit] = np.sqrt(cov[:, 1, 1])
        resid = np.where(mask[fit], (y[fit] - mu) ** 2 / mu, 0.0).sum(axis=1)
        disp[fit] = resid / (n[fit] - 2)
        status[np.flatnonzero(fit)[~conv]] = "insufficient: fit did not converge"
        if overdispersion == "pearson":
            se[fit] *= np.sqrt(np.maximum(1.0, disp[fit]))
        reach = np.abs(beta[:, 1]) + _z(alpha) * se
        degenerate = fit & ~(np.isfinite(se) & (se > 0) & (reach < 25))
        status[degenerate & (status == "ok")] = "insufficient: degenerate fit (too flat or too sparse)"
    z = _z(alpha)
    slope = beta[:, 1]
    lo, hi = slope - z * se, slope + z * se
    bad = status != "ok"
    slope, lo, hi, se, disp = (np.where(bad, np.nan, a) for a in (slope, lo, hi, se, disp))
    with np.errstate(invalid="ignore", divide="ignore"):
        p = _two_sided_p(slope / se)
    return {"model": "poisson", "n": n, "estimate": 100 * np.expm1(slope),
            "low": 100 * np.expm1(lo), "high": 100 * np.expm1(hi),
            "per_year": 100 * np.expm1(12 * slope), "per_year_low": 100 * np.expm1(12 * lo),
            "per_year_high": 100 * np.expm1(12 * hi), "slope": slope, "slope_se": se,
            "p_value": p, "dispersion": disp, "units": "% change per month", "status": status}


# --------------------------------------------------------------------------- STL


def seasonal_decomposition(
    series: pd.Series, *, period: int = 12, robust: bool = True
) -> DecompositionResult:
    """STL decomposition (statsmodels) of a complete monthly series.

    Raises
    ------
    InsufficientDataError
        Fewer than ``2 * period`` (24) months, NaN values or missing months:
        STL needs a complete, regular series.

    Examples
    --------
    >>> from aidstats import datasets
    >>> from aidstats.stats import seasonal_decomposition
    >>> aid = datasets.load("aid_totals_monthly").set_index("month")["total_eur_bn"]
    >>> r = seasonal_decomposition(aid)
    >>> list(r.components.columns)
    ['time', 'observed', 'trend', 'seasonal', 'resid']
    """
    from statsmodels.tsa.seasonal import STL

    prep = _prepare(series, min_n=2 * period, what="seasonal_decomposition")
    if prep.notes:
        raise InsufficientDataError(
            "seasonal_decomposition needs a complete monthly series: " + "; ".join(prep.notes)
        )
    fit = STL(prep.y, period=period, robust=robust).fit()
    trend_c, seasonal, resid = (np.asarray(a) for a in (fit.trend, fit.seasonal, fit.resid))

    def strength(component: np.ndarray) -> float:
        total = np.var(component + resid)
        return float(max(0.0, 1 - np.var(resid) / total)) if total > 0 else 0.0

    components = pd.DataFrame({"time": prep.labels, "observed": prep.y, "trend": trend_c,
                               "seasonal": seasonal, "resid": resid})
    return DecompositionResult(
        estimate=strength(seasonal), alpha=float("nan"),
        method=f"STL (statsmodels), period {period}, robust={robust}; seasonal strength",
        n=len(prep.y), trend_strength=strength(trend_c), period=period, components=components,
    )
