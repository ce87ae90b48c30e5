"""Change points, segmented trends and before/after comparisons that allow for autocorrelated months."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aidstats._compute.stats.changepoints import segment_design
from aidstats._compute.stats.suplr import RHO_GRID, min_p, sup_lr, sup_lr_pair
from aidstats.stats import change_points, compare_periods, segmented_trend

MONTHS = pd.date_range("2022-01-01", periods=44, freq="MS")


def _gls_loglik(y: np.ndarray, X: np.ndarray, rho: float) -> float:
    import statsmodels.api as sm

    t = np.arange(len(y), dtype=float)
    return float(sm.GLS(y, X, sigma=rho ** np.abs(t[:, None] - t[None, :])).fit().llf)


def test_sup_lr_equals_the_gls_likelihood_ratio_profiled_on_the_grid() -> None:
    rng = np.random.default_rng(1)
    n, min_size = 20, 5
    y = np.log(100) + 0.05 * np.minimum(np.arange(n), 12) + rng.normal(0, 0.1, n)
    stat, where = sup_lr(y[None], min_size)
    line = segment_design(n, [])
    t = np.arange(n, dtype=float)
    l0 = max(_gls_loglik(y, line, r) for r in RHO_GRID)
    best, best_k = -np.inf, None
    for k in range(min_size, n - min_size + 1):
        X = np.column_stack([line, (t >= k).astype(float), np.maximum(t - k, 0)])
        lk = max(_gls_loglik(y, X, r) for r in RHO_GRID)
        if lk > best:
            best, best_k = lk, k
    assert stat[0] == pytest.approx(2 * (best - l0), rel=1e-8)
    assert where[0] == best_k


def test_the_hinge_statistic_is_the_gls_ratio_of_a_continuous_bend() -> None:
    rng = np.random.default_rng(3)
    n, min_size = 20, 5
    t = np.arange(n, dtype=float)
    y = np.log(100) + 0.05 * np.minimum(t, 12) + rng.normal(0, 0.1, n)
    jump, _, hinge, where = sup_lr_pair(y[None], min_size)
    assert jump[0] == pytest.approx(sup_lr(y[None], min_size)[0][0]) and jump[0] >= hinge[0]
    line = segment_design(n, [])
    l0 = max(_gls_loglik(y, line, r) for r in RHO_GRID)
    fits = {
        k: max(_gls_loglik(y, np.column_stack([line, np.maximum(t - k, 0)]), r) for r in RHO_GRID)
        for k in range(min_size, n - min_size + 1)
    }
    best_k = max(fits, key=fits.__getitem__)
    assert hinge[0] == pytest.approx(2 * (fits[best_k] - l0), rel=1e-8) and where[0] == best_k


def test_testing_both_statistics_keeps_the_level_of_one() -> None:
    rng = np.random.default_rng(4)
    null = rng.normal(size=(2, 999))
    null[1] = 0.7 * null[0] + 0.7 * null[1]  # correlated, like the two statistics
    data = rng.normal(size=(2, 400))
    data[1] = 0.7 * data[0] + 0.7 * data[1]
    p = np.array([min_p(a, b, null[0], null[1])[0] for a, b in data.T])
    assert 0.02 <= np.mean(p < 0.05) <= 0.09
    assert min_p(10.0, 0.0, null[0], null[1]) == (pytest.approx(0.002, abs=0.002), False)


def test_smooth_growth_has_no_break_and_a_real_change_is_found_with_its_uncertainty() -> None:
    rng = np.random.default_rng(0)
    t = np.arange(44)
    smooth = pd.Series(np.exp(5 + 0.08 * t + rng.normal(0, 0.05, 44)), index=MONTHS)
    r = change_points(smooth)
    assert r.breaks == () and list(r.break_table.columns) == [
        "break",
        "low",
        "high",
        "stability",
        "p_value",
    ]
    assert r.segments["pct_per_month"].item() == pytest.approx(100 * np.expm1(0.08), abs=0.5)
    kinked = pd.Series(np.exp(5 + 0.08 * np.minimum(t, 24) + rng.normal(0, 0.05, 44)), index=MONTHS)
    k = change_points(kinked)
    assert len(k.breaks) >= 1
    row = k.break_table.iloc[0]
    assert abs((row["break"] - MONTHS[24]).days) <= 95 and row["low"] <= row["break"] <= row["high"]
    assert 0 < row["stability"] <= 1 and row["p_value"] < 0.05
    assert change_points(kinked).break_table.equals(k.break_table)  # seeded: the same every run


def test_log_scale_needs_positive_months_and_the_old_methods_stay_available() -> None:
    with_zero = pd.Series([0.0] + [5.0, 7.0] * 11 + [6.0], index=MONTHS[:24])
    with pytest.raises(Exception, match="log=False"):
        change_points(with_zero)
    assert change_points(with_zero, log=False).n == 24
    assert change_points(with_zero, method="pelt").method.startswith("ruptures PELT")


def test_segmented_trend_default_is_gls_with_ar1_errors_and_an_f_test() -> None:
    import statsmodels.api as sm

    rng = np.random.default_rng(2)
    t = np.arange(44, dtype=float)
    y = np.exp(5 + 0.06 * np.minimum(t, 22) + rng.normal(0, 0.1, 44))
    r = segmented_trend(pd.Series(y, index=MONTHS), breaks=[MONTHS[22]])
    assert r.model == "ar1" and r.dependence.startswith("months correlated")
    X = np.column_stack([np.ones(44), t, np.maximum(t - 22, 0)])
    ref = sm.GLS(np.log(y), X, sigma=r.ar_rho ** np.abs(t[:, None] - t[None, :])).fit()
    assert r.segments["pct_per_month"].tolist() == pytest.approx(
        [100 * np.expm1(ref.params[1]), 100 * np.expm1(ref.params[1] + ref.params[2])], rel=1e-6
    )
    f_test = ref.f_test(np.array([[0.0, 0.0, 1.0]]))
    assert r.statistic == pytest.approx(float(f_test.fvalue), rel=1e-6)
    from scipy.stats import f

    from aidstats._compute.stats.ess import ess_df, ess_factor

    df = ess_df(44 / ess_factor(r.ar_rho, 44), 44, r.ar_rho, 3)
    assert r.p_value == pytest.approx(float(f.sf(r.statistic, 1, df)), rel=1e-9)


def test_compare_periods_counts_allow_for_autocorrelation() -> None:
    rng = np.random.default_rng(4)
    u = np.zeros(44)
    for i in range(1, 44):
        u[i] = 0.8 * u[i - 1] + rng.normal(0, 0.2)
    s = pd.Series(np.exp(6 + u), index=MONTHS)
    new = compare_periods(s, at=MONTHS[22])
    old = compare_periods(s, at=MONTHS[22], autocorrelation="none")
    assert new.estimate == pytest.approx(old.estimate)
    assert new.high / new.low > old.high / old.low
    assert new.ar_rho is not None and new.ar_rho > 0.3 and "AR(1)" in new.method
