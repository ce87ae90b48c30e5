"""Effective sample size of autocorrelated months: the AR(1) variance factor and its degrees of freedom.

Every AR(1)-corrected statistic (trends, Mann-Kendall, segmented trends,
before/after comparisons) scales a variance by :func:`ess_factor` and refers
it to Student's t on :func:`ess_df` degrees of freedom, so the rule lives here once.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["ess_df", "ess_factor"]


def ess_df(n_eff: Any, n: Any, rho: Any, p: int) -> Any:
    """Satterthwaite degrees of freedom of a variance from ``n`` AR(1) months with estimated ``rho``.

    Such a variance is a residual scatter times the effective-sample-size
    factor ``f`` (:func:`ess_factor`) at the estimated coefficient, and both
    are uncertain. The scatter is as uncertain as that of ``n_eff = n / f``
    independent months around ``p`` parameters (the equivalent-sample-size
    rule of Zwiers and von Storch 1995): relative variance ``2 / (n_eff - p)``.
    The factor, about ``(1 + rho) / (1 - rho)``, has ``d log f / d rho =
    2 / (1 - rho^2)`` and ``var(rho_hat) = (1 - rho^2) / n``, so relative
    variance ``4 / (n (1 - rho^2))``. The degrees of freedom are two over the
    sum (Satterthwaite 1946), fewer than the effective months alone give,
    and fewer the larger the coefficient: an uncertain coefficient makes the
    interval less sure than the residual scatter alone says. Negative ``rho`` counts as 0 (as in the factor). The
    two terms are treated as independent, which they are only roughly; the
    calibration suite (``benchmarks/calibrate.py``) measures the result. With
    independent months the degrees of freedom are about ``n / 3`` rather
    than ``n - p`` (an estimated ``rho`` near 0 still moves the factor by
    ``2 rho``), so tests are somewhat conservative then.

    Examples
    --------
    >>> import numpy as np
    >>> ess_df(np.array([44.0, 44 / 2.6]), 44, np.array([0.0, 0.45]), 2).round(1).tolist()
    [14.4, 8.1]
    """
    n_eff, n = np.asarray(n_eff, dtype=float), np.asarray(n, dtype=float)
    r = np.clip(np.nan_to_num(np.asarray(rho, dtype=float)), 0.0, 0.98)
    relative = 2 / np.maximum(n_eff - p, 1.0) + 4 / (np.maximum(n, 1.0) * (1 - r**2))
    with np.errstate(divide="ignore"):  # infinitely many months: infinite degrees of freedom
        return np.maximum(2 / relative, 1.0)


def ess_factor(rho: Any, n: Any) -> Any:
    """Variance inflation ``1 + 2 sum_k (1 - k/n) rho^k`` of a mean of ``n`` AR(1) values (rho >= 0).

    The ratio of the variance of a mean (or of Mann-Kendall's S, Yue and Wang
    2004) under AR(1) dependence to its value under independence; ``n`` over
    it is the effective sample size. Negative ``rho`` counts as 0. Scalars
    give a float, arrays an array.

    Examples
    --------
    >>> import numpy as np
    >>> ess_factor(np.array([0.0, 0.5]), np.array([10, 10])).round(4).tolist()
    [1.0, 2.6004]
    """
    scalar = np.ndim(rho) == 0 and np.ndim(n) == 0
    r = np.clip(np.atleast_1d(np.asarray(rho, dtype=float)), 0.0, None)
    m = np.broadcast_to(np.atleast_1d(np.asarray(n, dtype=float)), r.shape)
    k = np.arange(1, max(int(m.max(initial=2)), 2))
    weights = np.clip(1 - k[None, :] / np.maximum(m[:, None], 1), 0.0, None)
    out = 1 + 2 * (weights * r[:, None] ** k[None, :]).sum(axis=1)
    return float(out[0]) if scalar else out
