"""The simulations of the calibration suite: one function per row, the old default against the new.

Each function takes a :class:`calib_data.Calibration`, a number of
replicates and a ``numpy`` generator, and returns rows ``(what, old, new,
goal, passed)``: ``old`` is the pre-issue-10 default (kept by name in the
library), ``new`` the current default, ``goal`` the issue's target.

Data-generating processes
    *Salvos*: a month holds ``salvos_per_month`` salvos whose sizes are drawn
    from the real national salvo sizes of the group; each salvo's success
    probability is Beta with the group's destroyed share as mean and its
    intra-salvo correlation (so the design effect matches the data).
    *Monthly counts*: ``log mu_t = log(level) + growth t + u_t``, ``u`` a
    stationary Gaussian AR(1) process (coefficient rho) with variance
    ``log(1 + 0.9 alpha)``, counts negative binomial around ``mu_t`` with
    dispersion ``0.1 alpha`` (``alpha`` the drone series' NB2 dispersion: nine
    tenths of the scatter persists from month to month, one tenth is the
    month's own).
"""

from __future__ import annotations

import contextlib
import math
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from aidstats.errors import DataQualityWarning

Row = tuple[str, float, float, str, bool]
MONTHS = pd.date_range("2023-01-01", periods=240, freq="MS")


# --------------------------------------------------------------------------- generators


def ar1(rho: float, sd: float, reps: int, n: int, rng: np.random.Generator) -> np.ndarray:
    """Stationary Gaussian AR(1) paths, one per row."""
    e = rng.normal(0.0, sd * math.sqrt(1 - rho**2), (reps, n))
    u = np.empty((reps, n))
    u[:, 0] = rng.normal(0.0, sd, reps)
    for i in range(1, n):
        u[:, i] = rho * u[:, i - 1] + e[:, i]
    return u


def counts(
    cal: Any,
    rho: float,
    reps: int,
    rng: np.random.Generator,
    *,
    growth: float | None = None,
    mean_log: np.ndarray | None = None,
) -> np.ndarray:
    """Monthly negative-binomial counts around a log-linear mean with AR(1) scatter."""
    n = cal.months
    t = np.arange(n, dtype=float)
    if mean_log is None:
        mean_log = math.log(cal.level) + (cal.growth if growth is None else growth) * t
    sd = math.sqrt(math.log(1 + 0.9 * cal.nb_alpha))
    mu = np.exp(mean_log[None, :] + ar1(rho, sd, reps, n, rng))
    alpha_w = 0.1 * cal.nb_alpha
    return rng.poisson(rng.gamma(1 / alpha_w, mu * alpha_w)).astype(float)


def salvo_months(
    group: Any, reps: int, rng: np.random.Generator, share: Any = None
) -> pd.DataFrame:
    """Cluster totals of ``reps`` simulated months: rep, cluster, successes, trials."""
    m = group.salvos_per_month
    sizes = rng.choice(group.sizes, size=(reps, m))
    p = np.broadcast_to(group.share if share is None else share, (reps,))[:, None]
    phi = 1 / max(group.icc, 1e-6) - 1
    theta = rng.beta(np.maximum(p * phi, 1e-6), np.maximum((1 - p) * phi, 1e-6), size=(reps, m))
    x = rng.binomial(sizes.astype(np.int64), theta).astype(float)
    return pd.DataFrame(
        {
            "rep": np.repeat(np.arange(reps), m),
            "cluster": np.tile(np.arange(m), reps),
            "successes": x.ravel(),
            "trials": sizes.ravel(),
        }
    )


def long_table(Y: np.ndarray) -> pd.DataFrame:
    """Series as the long table of the table forms (one group per row of ``Y``)."""
    reps, n = Y.shape
    return pd.DataFrame(
        {"g": np.repeat(np.arange(reps), n), "month": np.tile(MONTHS[:n], reps), "value": Y.ravel()}
    )


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Silence the library's warnings (incomplete periods, regimes) inside simulations."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


# --------------------------------------------------------------------------- rates


def rate_coverage(cal: Any, reps: int, rng: np.random.Generator) -> list[Row]:
    """95% intervals of a monthly destroyed share: Wilson on sums against the salvo-clustered one."""
    from aidstats._compute.stats.clustered import cluster_table
    from aidstats.stats import interception_rate

    rows = []
    for name in ("drone", "missile"):
        group = cal.groups[name]
        sims = salvo_months(group, reps, rng)
        new = cluster_table(sims, ["rep"], 0.05).dropna(subset=["low"])
        sums = sims.groupby("rep")[["successes", "trials"]].sum()
        old = interception_rate(
            sums["successes"].to_numpy(), sums["trials"].to_numpy(), method="wilson"
        )
        p = group.share
        cover_old = float(np.mean((old.low <= p) & (p <= old.high)))
        cover_new = float(np.mean((new["low"] <= p) & (p <= new["high"])))
        rows.append(
            (
                f"monthly share interval covers ({name}s), 95%",
                cover_old,
                cover_new,
                ">= 0.93",
                cover_new >= 0.93,
            )
        )
    return rows


def _events(sims: pd.DataFrame, rep: int, month: str) -> pd.DataFrame:
    part = sims.loc[sims["rep"] == rep]
    when = pd.Timestamp(month)
    return pd.DataFrame(
        {
            "post": [f"{month}/{c}" for c in part["cluster"]],
            "scope": "national",
            "invalid_reason": "",
            "time_start": when,
            "time_end": when + pd.Timedelta(hours=8),
            "launched": part["trials"].to_numpy(),
            "destroyed": part["successes"].to_numpy(),
            "not_reach_goal": np.nan,
        }
    )


def compare_rates_size(cal: Any, reps: int, rng: np.random.Generator) -> list[Row]:
    """False alarms of a 5% test of equal destroyed shares in two months with the same truth."""
    from aidstats.stats import compare_rates

    rows = []
    for name in ("ballistic", "drone"):
        group = cal.groups[name]
        a, b = salvo_months(group, reps, rng), salvo_months(group, reps, rng)
        old_hits = new_hits = runs = 0
        for r in range(reps):
            ea, eb = _events(a, r, "2023-05-01"), _events(b, r, "2023-06-01")
            xa, na, xb, nb = (
                ea["destroyed"].sum(),
                ea["launched"].sum(),
                eb["destroyed"].sum(),
                eb["launched"].sum(),
            )
            if min(na, nb) == 0:
                continue
            runs += 1
            old_hits += compare_rates(xa, na, xb, nb).p_value < 0.05
            with quiet():
                new_hits += compare_rates(ea, eb, definition="destroyed_share").p_value < 0.05
        old, new = old_hits / runs, new_hits / runs
        rows.append(
            (f"compare_rates false alarms ({name}), nominal 5%", old, new, "<= 0.08", new <= 0.08)
        )
    return rows


def compare_periods_trials_size(cal: Any, reps: int, rng: np.random.Generator) -> list[Row]:
    """compare_periods(trials=...) false alarms: 12 months either side, AR(1) 0.5 month effects."""
    from aidstats.stats import compare_periods, compare_rates

    group = cal.groups["drone"]
    n = 24
    base = math.log(group.share / (1 - group.share))
    effects = ar1(0.5, cal.month_logit_sd, reps, n, rng)
    old_hits = new_hits = 0
    for r in range(reps):
        p = 1 / (1 + np.exp(-(base + effects[r])))
        sims = salvo_months(group, n, rng, share=p)
        sums = sims.groupby("rep")[["successes", "trials"]].sum()
        x = pd.Series(sums["successes"].to_numpy(), index=MONTHS[:n])
        t = pd.Series(sums["trials"].to_numpy(), index=MONTHS[:n])
        old_hits += (
            compare_rates(x[12:].sum(), t[12:].sum(), x[:12].sum(), t[:12].sum()).p_value < 0.05
        )
        with quiet():
            new_hits += compare_periods(x, at=MONTHS[12], trials=t).p_value < 0.05
    old, new = old_hits / reps, new_hits / reps
    return [
        ("compare_periods(trials) false alarms, AR(1) 0.5 months", old, new, "<= 0.08", new <= 0.08)
    ]


# --------------------------------------------------------------------------- trends


def trend_coverage(cal: Any, reps: int, rng: np.random.Generator) -> list[Row]:
    """95% interval of the monthly growth covers the truth (44 months)."""
    from aidstats.stats import trend_table

    truth = 100 * math.expm1(cal.growth)
    rows = []
    for rho, goal in ((0.0, 0.93), (0.5, 0.88), (0.8, 0.82)):
        table = long_table(counts(cal, rho, reps, rng))
        cover = []
        for model in ("poisson", "ar1"):
            with quiet():
                t = trend_table(table, "g", model=model)  # type: ignore[arg-type]
            ok = t["status"] == "ok"
            cover.append(float(((t["low"] <= truth) & (truth <= t["high"]))[ok].mean()))
        rows.append(
            (
                f"trend interval covers, AR(1) {rho:g}",
                cover[0],
                cover[1],
                f">= {goal:.2f}",
                cover[1] >= goal,
            )
        )
    return rows


def mann_kendall_size(cal: Any, reps: int, rng: np.random.Generator) -> list[Row]:
    """Mann-Kendall false trends at 5% on trendless autocorrelated series."""
    from aidstats.stats import mann_kendall, mann_kendall_table

    rows = []
    for rho, goal in ((0.0, 0.08), (0.5, 0.08), (0.8, 0.12)):
        Y = counts(cal, rho, reps, rng, growth=0.0)
        table = long_table(Y)
        with quiet():
            old = mann_kendall_table(table, "g", autocorrelation="none")
            new = mann_kendall_table(table, "g")
        hr = []
        for y in Y[: min(reps, 300)]:
            try:
                hr.append(mann_kendall(pd.Series(y), autocorrelation="hamed_rao").p_value < 0.05)
            except Exception:  # noqa: BLE001 - a non-positive Hamed-Rao factor: no test
                continue
        rate_old = float((old["p_value"] < 0.05).mean())
        rate_new = float((new["p_value"] < 0.05).mean())
        rows.append(
            (
                f"Mann-Kendall false trends, AR(1) {rho:g} (Hamed-Rao {np.mean(hr):.2f})",
                rate_old,
                rate_new,
                f"<= {goal:.2f}",
                rate_new <= goal,
            )
        )
    return rows


def segmented_size(cal: Any, reps: int, rng: np.random.Generator) -> list[Row]:
    """segmented_trend "slope never changes" size with a known break and no change."""
    from aidstats.stats import segmented_trend

    rows = []
    at = MONTHS[cal.months // 2]
    for rho, goal in ((0.0, 0.08), (0.5, 0.08)):
        Y = counts(cal, rho, reps, rng)
        hits = {"poisson": 0, "ar1": 0}
        for y in Y:
            s = pd.Series(y, index=MONTHS[: cal.months])
            for model in hits:
                with quiet():
                    hits[model] += segmented_trend(s, [at], model=model).p_value < 0.05  # type: ignore[arg-type]
        old, new = hits["poisson"] / reps, hits["ar1"] / reps
        rows.append(
            (
                f"segmented_trend slope-change test size, AR(1) {rho:g}",
                old,
                new,
                f"<= {goal:.2f}",
                new <= goal,
            )
        )
    return rows


def compare_periods_size(cal: Any, reps: int, rng: np.random.Generator) -> list[Row]:
    """compare_periods (counts) size: trendless series, the two halves compared."""
    from aidstats.stats import compare_periods

    rows = []
    at = MONTHS[cal.months // 2]
    for rho, goal in ((0.0, 0.08), (0.5, 0.08), (0.8, 0.12)):
        Y = counts(cal, rho, reps, rng, growth=0.0)
        old = new = 0
        for y in Y:
            s = pd.Series(y, index=MONTHS[: cal.months])
            old += compare_periods(s, at=at, autocorrelation="none").p_value < 0.05
            with warnings.catch_warnings():  # the few-independent-months warning: size is measured
                warnings.simplefilter("ignore", DataQualityWarning)
                new += compare_periods(s, at=at).p_value < 0.05
        rows.append(
            (
                f"compare_periods (counts) size, AR(1) {rho:g}",
                old / reps,
                new / reps,
                f"<= {goal:.2f}",
                new / reps <= goal,
            )
        )
    return rows
