"""Shares whose trials come in clusters (salvos): design effect and the effective-sample-size interval.

The launches of one salvo share weather, routes, decoys and defences, so a
month's launches behave like a few dozen clusters, not thousands of coin
flips: the variance of a monthly share is about four times the binomial one,
and a Wilson interval on summed counts covers the truth about half the time.

For a share pooled as a ratio of sums over ``m`` clusters with ``x_i``
successes of ``n_i`` trials, ``p = sum x / sum n``, the cluster-robust
(linearisation) variance is ``m/(m-1) sum (x_i - p n_i)^2 / (sum n)^2`` (the
sandwich variance of a binomial GLM with cluster-robust errors, as
statsmodels' ``cov_type="cluster"``). Its ratio to the binomial variance
``p(1-p)/sum n`` is the design effect (Kish 1965), floored at 1 (Korn and
Graubard 1998). The interval is Wilson's on the effective sample size
``sum n / deff`` with Student's t on ``m - 1`` degrees of freedom in place of
the normal quantile (Korn and Graubard 1998; Dean and Pagano 2015 found this
family the most reliable for clustered surveys): few clusters give wide
intervals, as they should. With a single cluster the design effect cannot be
estimated; the interval then assumes independent trials and says so.

Examples
--------
>>> import numpy as np
>>> from aidstats._compute.stats.clustered import clustered_share
>>> r = clustered_share(np.array([40.0, 10, 35, 5]), np.array([50.0, 30, 40, 20]))
>>> round(r["estimate"], 3), round(r["design_effect"], 2), r["n_clusters"]
(0.643, 12.28, 4)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["cluster_table", "clustered_share", "effective_wilson"]


def effective_wilson(
    successes: np.ndarray, trials: np.ndarray, design_effect: np.ndarray, df: np.ndarray, alpha: float
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson interval on ``trials / deff`` with the t quantile on ``df`` (normal where df is inf).

    Computed by ``statsmodels.stats.proportion.proportion_confint`` at the
    level whose normal quantile equals the t quantile.
    """
    from scipy.stats import norm
    from scipy.stats import t as student
    from statsmodels.stats.proportion import proportion_confint

    deff = np.where(np.isfinite(design_effect), design_effect, 1.0)
    df = np.asarray(df, dtype=float)
    q = np.where(np.isinf(df), norm.ppf(1 - alpha / 2), student.ppf(1 - alpha / 2, np.maximum(df, 1)))
    level = 2 * norm.sf(q)
    some = trials > 0
    n_eff = np.where(some, trials / deff, 1.0)
    p = np.divide(successes, trials, out=np.zeros_like(successes, dtype=float), where=some)
    low, high = proportion_confint(p * n_eff, n_eff, alpha=level, method="wilson")
    low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    return np.where(some, np.minimum(low, p), np.nan), np.where(some, np.maximum(high, p), np.nan)


def _sums(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    x, n = frame["successes"], frame["trials"]
    work = frame[keys].assign(x=x, n=n, xx=x * x, nn=n * n, xn=x * n, m=(n > 0).astype(int))
    if not keys:
        return work[["x", "n", "xx", "nn", "xn", "m"]].sum().to_frame().T
    return work.groupby(keys, sort=True, dropna=False).sum().reset_index()


def cluster_table(clusters: pd.DataFrame, keys: list[str], alpha: float) -> pd.DataFrame:
    """Pooled share, design effect and interval per group of cluster totals.

    ``clusters`` has the ``keys``, ``successes`` and ``trials`` (one row per
    cluster: a salvo within a period and group). Returns keys..., successes,
    trials, n_clusters, design_effect, effective_n, estimate, low, high
    (NaN for a group without trials).
    """
    s = _sums(clusters, keys)
    p = s["x"] / s["n"].where(s["n"] > 0)
    m = s["m"].astype(float)
    sq = s["xx"] - 2 * p * s["xn"] + p * p * s["nn"]
    with np.errstate(divide="ignore", invalid="ignore"):
        v_cluster = m / (m - 1) * sq.clip(lower=0) / s["n"] ** 2
        v_binomial = p * (1 - p) / s["n"]
        raw = v_cluster / v_binomial
    estimable = (m >= 2) & (v_binomial > 0) & np.isfinite(raw)
    deff = pd.Series(np.where(estimable, np.maximum(raw, 1.0), np.nan), index=s.index)
    df = np.where(m >= 2, m - 1, np.inf)
    low, high = effective_wilson(
        s["x"].to_numpy(float), s["n"].to_numpy(float), deff.to_numpy(), df, alpha
    )
    effective = s["n"] / deff.fillna(1.0)
    return s[keys].assign(
        successes=s["x"],
        trials=s["n"],
        n_clusters=s["m"].astype(int),
        design_effect=deff,
        effective_n=effective,
        estimate=p,
        low=low,
        high=high,
    )


def clustered_share(
    successes: np.ndarray, trials: np.ndarray, alpha: float = 0.05
) -> dict[str, Any]:
    """One pooled share from per-cluster counts (one entry per cluster)."""
    frame = pd.DataFrame({"successes": successes, "trials": trials})
    row = cluster_table(frame, [], alpha).iloc[0]
    return {k: (int(v) if k == "n_clusters" else float(v)) for k, v in row.items()}
