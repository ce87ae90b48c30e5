"""Shares whose trials come in clusters (salvos): design effect and the effective-sample-size interval.

The launches of one salvo share weather, routes, decoys and defences, so a
month's launches behave like a few dozen clusters, not thousands of coin
flips: the variance of a monthly share is about four times the binomial one,
and a Wilson interval on summed counts covers the truth about half the time.

For a share pooled as a ratio of sums over ``m`` clusters with ``x_i``
successes of ``n_i`` trials, ``p = sum x / sum n``, the cluster-robust
(linearisation) variance is ``m/(m-1) sum (x_i - p n_i)^2 / (sum n)^2`` (the
sandwich variance of a binomial GLM with cluster-robust errors, as
statsmodels' ``cov_type="cluster"``). Salvo sizes are very unequal (one
night's 700-drone salvo beside a dozen of 10), and then that estimate is
biased low and its precision is that of far fewer than ``m`` clusters, so
aidstats uses the bias-reduced form of Bell and McCaffrey (2002), CR2:
each squared residual is divided by ``1 - n_i / sum n`` (its leverage).
Its ratio to the binomial variance ``p(1-p)/sum n`` is the design effect
(Kish 1965), floored at 1 (Korn and Graubard 1998). The interval is Wilson's
on the effective sample size ``sum n / deff`` with Student's t in place of
the normal quantile (Korn and Graubard 1998; Dean and Pagano 2015 found this
family the most reliable for clustered surveys), on ``m* - 1`` degrees of
freedom, ``m* = (sum n)^2 / sum n^2`` the effective number of clusters
(Kish's effective number for size-weighted means; cf. Carter, Schnepel and
Steigerwald 2017): a month dominated by two big salvos has about two
clusters' worth of information. On simulations calibrated to the real
salvos this interval covers the truth 93-94% of the time, against 42-51% for
Wilson on summed counts and 85-92% with ``m - 1`` degrees of freedom and the
plain cluster-robust variance. With a single cluster the design effect
cannot be estimated; the interval then assumes independent trials and says
so.

Examples
--------
>>> import numpy as np
>>> from aidstats._compute.stats.clustered import clustered_share
>>> r = clustered_share(np.array([40.0, 10, 35, 5]), np.array([50.0, 30, 40, 20]))
>>> round(r["estimate"], 3), round(r["design_effect"], 2), r["n_clusters"]
(0.643, 12.4, 4)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["cluster_table", "clustered_share", "effective_wilson"]


def effective_wilson(
    successes: np.ndarray,
    trials: np.ndarray,
    design_effect: np.ndarray,
    df: np.ndarray,
    alpha: float,
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
    q = np.where(
        np.isinf(df), norm.ppf(1 - alpha / 2), student.ppf(1 - alpha / 2, np.maximum(df, 1))
    )
    level = 2 * norm.sf(q)
    some = trials > 0
    n_eff = np.where(some, trials / deff, 1.0)
    p = np.divide(successes, trials, out=np.zeros_like(successes, dtype=float), where=some)
    low, high = proportion_confint(p * n_eff, n_eff, alpha=level, method="wilson")
    low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    return np.where(some, np.minimum(low, p), np.nan), np.where(some, np.maximum(high, p), np.nan)


def cluster_table(clusters: pd.DataFrame, keys: list[str], alpha: float) -> pd.DataFrame:
    """Pooled share, design effect and interval per group of cluster totals.

    ``clusters`` has the ``keys``, ``successes`` and ``trials`` (one row per
    cluster: a salvo within a period and group). Returns keys..., successes,
    trials, n_clusters, design_effect, effective_n, estimate, low, high and
    ``df`` (the t degrees of freedom; NaN rows for a group without trials).
    """
    work = clusters.loc[clusters["trials"] > 0, keys + ["successes", "trials"]]
    grouped = work.groupby(keys, sort=True, dropna=False) if keys else None
    total_x = (
        grouped["successes"].transform("sum") if grouped is not None else work["successes"].sum()
    )
    total_n = grouped["trials"].transform("sum") if grouped is not None else work["trials"].sum()
    p_i = total_x / total_n
    leverage = work["trials"] / total_n
    resid = work["successes"] - p_i * work["trials"]
    with np.errstate(divide="ignore", invalid="ignore"):
        adjusted = np.where(leverage < 1, resid**2 / (1 - leverage), np.nan)
    parts = work.assign(e2=adjusted, nn=work["trials"] ** 2, m=1)
    cols = ["successes", "trials", "e2", "nn", "m"]
    s = (
        parts.groupby(keys, sort=True, dropna=False)[cols].sum(min_count=1).reset_index()
        if keys
        else parts[cols].sum().to_frame().T
    )
    s = _with_empty_groups(s, clusters, keys)
    x, n, m = (
        s["successes"].astype(float),
        s["trials"].astype(float),
        s["m"].fillna(0).astype(float),
    )
    p = x / n.where(n > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        v_cluster = s["e2"].astype(float) / n**2
        v_binomial = p * (1 - p) / n
        raw = v_cluster / v_binomial
    estimable = (m >= 2) & (v_binomial > 0) & np.isfinite(raw)
    deff = pd.Series(np.where(estimable, np.maximum(raw, 1.0), np.nan), index=s.index)
    effective_clusters = n**2 / s["nn"].astype(float)
    df = np.where(m >= 2, np.maximum(effective_clusters - 1, 1.0), np.inf)
    low, high = effective_wilson(x.to_numpy(float), n.to_numpy(float), deff.to_numpy(), df, alpha)
    return s[keys].assign(
        successes=x,
        trials=n,
        n_clusters=m.astype(int),
        design_effect=deff,
        effective_n=n / deff.fillna(1.0),
        estimate=p,
        low=low,
        high=high,
        df=df,
    )


def _with_empty_groups(s: pd.DataFrame, clusters: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Groups whose clusters have no trials stay, with zero totals (dropped by the caller)."""
    if not keys:
        return (
            s
            if len(s)
            else pd.DataFrame(
                {"successes": [0.0], "trials": [0.0], "e2": [np.nan], "nn": [0.0], "m": [0]}
            )
        )
    every = clusters[keys].drop_duplicates()
    out = every.merge(s, on=keys, how="left")
    out[["successes", "trials", "nn"]] = out[["successes", "trials", "nn"]].fillna(0.0)
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


def clustered_share(
    successes: np.ndarray, trials: np.ndarray, alpha: float = 0.05
) -> dict[str, Any]:
    """One pooled share from per-cluster counts (one entry per cluster)."""
    frame = pd.DataFrame({"successes": successes, "trials": trials})
    row = cluster_table(frame, [], alpha).iloc[0]
    return {k: (int(v) if k == "n_clusters" else float(v)) for k, v in row.items()}
