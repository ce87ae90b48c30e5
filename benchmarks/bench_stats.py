"""Benchmark: the table forms of the statistics against per-series loops.

Run ``python benchmarks/bench_stats.py [--series 1000] [--months 60]``. The
loops call scipy (``kendalltau`` + ``theilslopes``) and statsmodels (``GLM``
Poisson) once per series, the natural way to do it without aidstats; the
default trend table (log-linear regression with AR(1) errors, REML) is timed
against a loop of :func:`aidstats.stats.trend` over the same series and
against a loop of statsmodels' ``SARIMAX`` (maximum likelihood AR(1)
regression, the nearest statsmodels estimator; timed on ``--sarimax``
series and scaled). Goal: every table form at least 5x faster than the
per-series loop. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd


def _long(series: int, months: int, seed: int = 1) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    slopes = rng.normal(0.0, 0.02, series)
    y = rng.poisson(300 * np.exp(slopes[:, None] * np.arange(months)))
    idx = pd.date_range("2021-01-01", periods=months, freq="MS")
    frame = pd.DataFrame(
        {
            "g": np.repeat(np.arange(series), months),
            "month": np.tile(idx, series),
            "value": y.ravel().astype(float),
        }
    )
    return frame, y.astype(float)


def _time(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def _loop_mk(y: np.ndarray) -> np.ndarray:
    from scipy import stats

    t = np.arange(y.shape[1])
    out = np.empty((len(y), 3))
    for i, row in enumerate(y):
        tau = stats.kendalltau(t, row).statistic
        ts = stats.theilslopes(row, t)
        out[i] = tau, ts.slope, ts.low_slope
    return out


def _loop_poisson(y: np.ndarray) -> np.ndarray:
    """Slope and its quasi-Poisson standard error: the Poisson one widened by sqrt(max(1, X2/df))."""
    import statsmodels.api as sm

    X = sm.add_constant(np.arange(y.shape[1], dtype=float))
    out = np.empty((len(y), 2))
    for i, row in enumerate(y):
        fit = sm.GLM(row, X, family=sm.families.Poisson()).fit()
        widen = np.sqrt(max(1.0, fit.pearson_chi2 / fit.df_resid))
        out[i] = fit.params[1], fit.bse[1] * widen
    return out


def _loop_mk_default(y: np.ndarray) -> np.ndarray:
    """The default Mann-Kendall (AR(1)-corrected), one series at a time: p-values."""
    from aidstats.stats import mann_kendall

    idx = pd.date_range("2021-01-01", periods=y.shape[1], freq="MS")
    return np.array([mann_kendall(pd.Series(row, index=idx)).p_value for row in y])


def _loop_ar1(y: np.ndarray) -> np.ndarray:
    """The default trend, one series at a time: slope and its standard error."""
    from aidstats.errors import InsufficientDataError
    from aidstats.stats import trend

    idx = pd.date_range("2021-01-01", periods=y.shape[1], freq="MS")
    out = np.full((len(y), 2), np.nan)
    for i, row in enumerate(y):
        try:
            r = trend(pd.Series(row, index=idx))
        except InsufficientDataError:  # a zero month: the table gives the same status
            continue
        out[i] = r.slope, r.slope_se
    return out


def _loop_sarimax(y: np.ndarray) -> np.ndarray:
    """statsmodels' AR(1) regression of the log counts by maximum likelihood, per series."""
    import statsmodels.api as sm

    X = sm.add_constant(np.arange(y.shape[1], dtype=float))
    out = np.empty((len(y), 2))
    for i, row in enumerate(y):
        fit = sm.tsa.SARIMAX(np.log(np.maximum(row, 1)), exog=X, order=(1, 0, 0)).fit(disp=0)
        out[i] = fit.params[1], fit.bse[1]
    return out


def main(argv: list[str] | None = None) -> dict[str, float]:
    from aidstats.stats import mann_kendall_table, trend_table

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--series", type=int, default=1000)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--sarimax", type=int, default=50, help="series timed with SARIMAX")
    args = parser.parse_args(argv)
    frame, y = _long(args.series, args.months)
    warnings.simplefilter("ignore")

    t_mk, mk = _time(lambda: mann_kendall_table(frame, "g", value="value", time="month"))
    t_mk_loop, ref = _time(lambda: _loop_mk(y), repeat=1)
    t_mk_own, ref_p = _time(lambda: _loop_mk_default(y), repeat=1)
    t_po, po = _time(lambda: trend_table(frame, "g", value="value", time="month", model="poisson"))
    t_po_loop, ref_po = _time(lambda: _loop_poisson(y), repeat=1)
    t_ar, ar = _time(lambda: trend_table(frame, "g", value="value", time="month"))
    t_ar_loop, ref_ar = _time(lambda: _loop_ar1(y), repeat=1)
    few = min(args.sarimax, len(y))
    t_sx, _ = _time(lambda: _loop_sarimax(y[:few]), repeat=1)
    t_sx = t_sx * len(y) / few

    np.testing.assert_allclose(mk["tau"], ref[:, 0], rtol=1e-10)
    np.testing.assert_allclose(mk["sen_slope"], ref[:, 1], rtol=1e-10)
    np.testing.assert_allclose(mk["sen_low"], ref[:, 2], rtol=1e-10)
    np.testing.assert_allclose(mk["p_value"], ref_p, rtol=1e-4)
    np.testing.assert_allclose(po["slope"], ref_po[:, 0], rtol=1e-6)
    np.testing.assert_allclose(po["slope_se"], ref_po[:, 1], rtol=1e-4)
    np.testing.assert_allclose(ar["slope"], ref_ar[:, 0], rtol=1e-4, atol=1e-8)  # rho to ~1e-5
    np.testing.assert_allclose(ar["slope_se"], ref_ar[:, 1], rtol=1e-4)

    result = {
        "mk_vectorised_s": t_mk,
        "mk_loop_s": t_mk_loop,
        "mk_speedup": t_mk_loop / t_mk,
        "mk_default_loop_s": t_mk_own,
        "mk_default_speedup": t_mk_own / t_mk,
        "poisson_vectorised_s": t_po,
        "poisson_loop_s": t_po_loop,
        "poisson_speedup": t_po_loop / t_po,
        "ar1_vectorised_s": t_ar,
        "ar1_loop_s": t_ar_loop,
        "ar1_speedup": t_ar_loop / t_ar,
        "sarimax_loop_s": t_sx,
        "ar1_vs_sarimax": t_sx / t_ar,
    }
    print(f"{args.series} series x {args.months} months (results checked equal to the loops)")
    print(
        f"Mann-Kendall + Sen (AR(1)-corrected): aidstats {t_mk:7.3f} s | scipy loop {t_mk_loop:7.3f} s | "
        f"{result['mk_speedup']:5.1f}x (the loop computes no autocorrelation correction)"
    )
    print(
        f"Mann-Kendall, default: aidstats {t_mk:7.3f} s | mann_kendall() loop {t_mk_own:7.3f} s | "
        f"{result['mk_default_speedup']:5.1f}x  (goal >= 5x)"
    )
    print(
        f"Poisson trend      : aidstats {t_po:7.3f} s | statsmodels loop {t_po_loop:7.3f} s | "
        f"{result['poisson_speedup']:5.1f}x  (goal >= 5x)"
    )
    print(
        f"AR(1) trend (default): aidstats {t_ar:7.3f} s | trend() loop {t_ar_loop:7.3f} s | "
        f"{result['ar1_speedup']:5.1f}x  (goal >= 5x); SARIMAX loop ~{t_sx:7.1f} s "
        f"({result['ar1_vs_sarimax']:.0f}x, scaled from {few} series)"
    )
    return result


if __name__ == "__main__":
    main()
