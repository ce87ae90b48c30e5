"""Log-linear count models: normal quantiles, the batched Poisson IRLS and the quasi-Poisson rule.

:func:`poisson_irls` fits log-linear Poisson GLMs by iteratively reweighted
least squares for many series at once (arrays of shape ``(groups, months)``),
so that a table of trends costs one numpy pass. :func:`quasi_scale` is the
one rule that widens Poisson intervals for overdispersed counts; every count
model of :mod:`aidstats.stats` (trends, trend tables, segmented trends,
before/after rate ratios) goes through it.

Examples
--------
>>> from aidstats._compute.stats.glm import quasi_scale, z_crit
>>> round(z_crit(0.05), 4)
1.96
>>> quasi_scale(3.2), quasi_scale(0.7), quasi_scale(3.2, "none")
(3.2, 1.0, 1.0)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from aidstats.errors import DataValidationError, InsufficientDataError

__all__ = [
    "OVERDISPERSION_RULES",
    "OVERDISPERSION_THRESHOLD",
    "check_counts",
    "check_fit",
    "design",
    "fitted_frame",
    "pearson_dispersion",
    "poisson_irls",
    "quasi_scale",
    "two_sided_p",
    "z_crit",
]

#: Pearson chi-square / df above which a Poisson fit is called overdispersed.
OVERDISPERSION_THRESHOLD = 1.5
#: ``"pearson"``: scale the covariance by max(1, Pearson chi2/df); ``"none"``: plain Poisson.
OVERDISPERSION_RULES = ("pearson", "none")
#: On the log scale a slope beyond this (a factor e^25 per month) only arises from separation.
MAX_LOG_SLOPE = 25


def z_crit(alpha: float) -> float:
    """The two-sided normal quantile ``z_(1 - alpha/2)``."""
    from scipy.stats import norm

    return float(norm.ppf(1 - alpha / 2))


def two_sided_p(z: Any) -> Any:
    """Two-sided normal p-value(s) of z statistic(s)."""
    from scipy.stats import norm

    return 2 * norm.sf(np.abs(z))


def design(t: np.ndarray) -> np.ndarray:
    """Intercept and slope columns for times ``t`` (any leading shape)."""
    return np.stack([np.ones_like(t), t], axis=-1)


def poisson_irls(
    X: np.ndarray, y: np.ndarray, mask: np.ndarray, *, max_iter: int = 100, tol: float = 1e-10
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Batched Poisson GLM (log link) by IRLS.

    Parameters: ``X`` (G, n, p), ``y`` (G, n), ``mask`` (G, n) of used
    observations. Returns beta (G, p), covariance (G, p, p), mu (G, n) and a
    converged flag (G,).
    """
    w_mask = mask.astype(float)
    y0 = np.where(mask, y, 0.0)
    mean = (y0 * w_mask).sum(axis=1, keepdims=True) / np.maximum(
        w_mask.sum(axis=1, keepdims=True), 1
    )
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


def fitted_frame(
    labels: pd.Index, y: np.ndarray, X: np.ndarray, beta: np.ndarray, cov: np.ndarray, z: float
) -> pd.DataFrame:
    """Observed and fitted means of a log-linear fit with the pointwise band of the mean.

    Columns ``time``, ``observed``, ``fitted``, ``low``, ``high``; the band is
    ``exp(eta -/+ z se(eta))``, unbounded (``inf``) where too wide to exponentiate.
    """
    eta = X @ beta
    eta_se = np.sqrt(np.einsum("ni,ij,nj->n", X, cov, X))
    with np.errstate(over="ignore"):
        return pd.DataFrame(
            {
                "time": labels,
                "observed": y,
                "fitted": np.exp(eta),
                "low": np.exp(eta - z * eta_se),
                "high": np.exp(eta + z * eta_se),
            }
        )


def pearson_dispersion(y: np.ndarray, mu: np.ndarray, df: int) -> float:
    """Pearson chi-square / df of a fit; NaN without residual degrees of freedom."""
    return float(((y - mu) ** 2 / mu).sum() / df) if df > 0 else float("nan")


def quasi_scale(dispersion: Any, overdispersion: str = "pearson") -> Any:
    """Covariance factor of a quasi-Poisson fit: ``max(1, chi2/df)``, or 1 for ``"none"``.

    A Poisson interval assumes variance = mean; monthly counts vary far more,
    so the variance is scaled by the Pearson dispersion when it exceeds 1
    (never shrunk below the Poisson one). A dispersion that cannot be
    estimated (NaN: no residual degrees of freedom) gives 1. Works on scalars
    (returns a float) and arrays.

    Raises
    ------
    ValueError
        ``overdispersion`` is neither ``"pearson"`` nor ``"none"``.
    """
    if overdispersion not in OVERDISPERSION_RULES:
        raise ValueError(f"overdispersion must be 'pearson' or 'none', not {overdispersion!r}")
    d = np.asarray(dispersion, dtype=float)
    scale = (
        np.ones_like(d)
        if overdispersion == "none"
        else np.where(np.isnan(d), 1.0, np.maximum(1.0, d))
    )
    return float(scale) if scale.ndim == 0 else scale


def check_counts(y: np.ndarray, what: str) -> None:
    """A log-linear count model needs non-negative values, not all zero."""
    if (y < 0).any():
        raise DataValidationError(f"{what}: a count model needs non-negative values")
    if not (y > 0).any():
        raise InsufficientDataError(
            f"{what}: all values are zero; a log-linear trend does not exist"
        )


def check_fit(slope: float, se: float, model: str, *, log_scale: bool = True) -> None:
    """A degenerate fit (separation, constant series) gives no usable interval: say so.

    On the log scale a slope beyond :data:`MAX_LOG_SLOPE` only arises from
    separation, e.g. zeros followed by one count.
    """
    bounded = abs(slope) < MAX_LOG_SLOPE if log_scale else True
    if not (math.isfinite(slope) and math.isfinite(se) and se > 0 and bounded):
        raise InsufficientDataError(
            f"trend(model={model!r}): the fit is degenerate (slope {slope:.3g}, standard error "
            f"{se:.3g}); the series is too flat or too sparse for this model"
        )
