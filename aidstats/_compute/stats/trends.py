"""Trends of monthly series: :func:`trend` for one series, :func:`trend_table` for many.

:func:`trend` validates the series and hands it to the model's fitting
function (:mod:`.trend_models`); :func:`trend_table` fits every group of a
long table, all Poisson fits in one batched IRLS pass (:mod:`.glm`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from aidstats._compute.stats.glm import (
    MAX_LOG_SLOPE,
    OVERDISPERSION_THRESHOLD,
    design,
    poisson_irls,
    quasi_scale,
    two_sided_p,
    z_crit,
)
from aidstats._compute.stats.prep import group_keys, group_matrix, prepare
from aidstats._compute.stats.trend_models import FITTERS, LOG_UNITS, TrendResult, fit_poisson
from aidstats.errors import AidstatsError, InsufficientDataError

__all__ = ["OVERDISPERSION_THRESHOLD", "TrendModel", "trend", "trend_table"]

TrendModel = Literal["poisson", "negbin", "ols", "theil_sen"]
#: Columns of :func:`trend_table` after the group keys.
_TABLE_COLUMNS = (
    "model",
    "n",
    "estimate",
    "low",
    "high",
    "per_year",
    "per_year_low",
    "per_year_high",
    "slope",
    "slope_se",
    "p_value",
    "dispersion",
    "units",
    "status",
)


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
    if model not in FITTERS:
        raise ValueError(f"unknown model {model!r}; use one of {sorted(FITTERS)}")
    prep = prepare(series, min_n=3, what=f"trend(model={model!r})")
    if model == "poisson":
        return fit_poisson(prep, alpha, overdispersion)
    return FITTERS[model](prep, alpha)


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
    groups, t, Y, labels = group_matrix(long_frame, group_keys(by), value, time)
    if model == "poisson":
        return groups.assign(**_poisson_table(Y, t, alpha, overdispersion))
    rows = [_table_row(pd.Series(values, index=labels), model, alpha) for values in Y]
    return pd.concat([groups, pd.DataFrame(rows)], axis=1)


def _table_row(series: pd.Series, model: TrendModel, alpha: float) -> dict[str, Any]:
    """One :func:`trend_table` row; a group that cannot be fitted keeps its reason in ``status``."""
    try:
        r = trend(series, model, alpha=alpha)
    except AidstatsError as err:
        kind = "insufficient" if isinstance(err, InsufficientDataError) else "invalid"
        return {
            "model": model,
            "n": int(series.notna().sum()),
            "units": "",
            "status": f"{kind}: {err}",
        }
    return {name: getattr(r, name) for name in _TABLE_COLUMNS[:-1]} | {"status": "ok"}


def _poisson_table(
    Y: np.ndarray, t: np.ndarray, alpha: float, overdispersion: str = "pearson"
) -> dict[str, Any]:
    """Columns of a Poisson :func:`trend_table`, every group fitted in one IRLS pass."""
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
    z = z_crit(alpha)
    if fit.any():
        X = np.broadcast_to(design(t), (int(fit.sum()), len(t), 2))
        b, cov, mu, conv = poisson_irls(X, y[fit], mask[fit])
        beta[fit] = b
        resid = np.where(mask[fit], (y[fit] - mu) ** 2 / mu, 0.0).sum(axis=1)
        disp[fit] = resid / (n[fit] - 2)
        se[fit] = np.sqrt(cov[:, 1, 1]) * np.sqrt(quasi_scale(disp[fit], overdispersion))
        status[np.flatnonzero(fit)[~conv]] = "insufficient: fit did not converge"
        reach = np.abs(beta[:, 1]) + z * se
        degenerate = fit & ~(np.isfinite(se) & (se > 0) & (reach < MAX_LOG_SLOPE))
        status[degenerate & (status == "ok")] = (
            "insufficient: degenerate fit (too flat or too sparse)"
        )
    slope = beta[:, 1]
    lo, hi = slope - z * se, slope + z * se
    bad = status != "ok"
    slope, lo, hi, se, disp = (np.where(bad, np.nan, a) for a in (slope, lo, hi, se, disp))
    with np.errstate(invalid="ignore", divide="ignore"):
        p = two_sided_p(slope / se)
    return {
        "model": "poisson",
        "n": n,
        "estimate": 100 * np.expm1(slope),
        "low": 100 * np.expm1(lo),
        "high": 100 * np.expm1(hi),
        "per_year": 100 * np.expm1(12 * slope),
        "per_year_low": 100 * np.expm1(12 * lo),
        "per_year_high": 100 * np.expm1(12 * hi),
        "slope": slope,
        "slope_se": se,
        "p_value": p,
        "dispersion": disp,
        "units": LOG_UNITS,
        "status": status,
    }
