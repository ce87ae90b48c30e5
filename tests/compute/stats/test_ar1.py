"""The AR(1) regression engine and the default trend, against statsmodels and textbook likelihoods."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize_scalar

from aidstats._compute.stats import ar1 as engine
from aidstats._compute.stats.ar1 import ar1_regression, reml_bias_corrected
from aidstats._compute.stats.ess import ess_df, ess_factor
from aidstats.stats import trend, trend_table


def _series(
    n: int = 40, rho: float = 0.6, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    u = np.zeros(n)
    for i in range(n):
        u[i] = (rho * u[i - 1] if i else 0.0) + rng.normal(0, 0.3)
    t = np.arange(n, dtype=float)
    return np.stack([np.ones(n), t], axis=1), 1 + 0.05 * t + u, t


def _ar1_matrix(t: np.ndarray, rho: float) -> np.ndarray:
    return rho ** np.abs(t[:, None] - t[None, :])


def test_gls_step_equals_statsmodels_gls_at_the_estimated_rho() -> None:
    import statsmodels.api as sm

    X, y, t = _series()
    for reml in (True, False):
        fit = ar1_regression(X, y[None], t, reml=reml)
        ref = sm.GLS(y, X, sigma=_ar1_matrix(t, float(fit.rho[0]))).fit()
        np.testing.assert_allclose(fit.beta[0], ref.params, rtol=1e-9)
        np.testing.assert_allclose(np.sqrt(np.diag(fit.cov[0])), ref.bse, rtol=1e-7)


def test_maximum_likelihood_equals_statsmodels_sarimax() -> None:
    import statsmodels.api as sm

    X, y, t = _series()
    fit = ar1_regression(X, y[None], t, reml=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = sm.tsa.SARIMAX(y, exog=X, order=(1, 0, 0)).fit(disp=0)
    assert fit.rho[0] == pytest.approx(ref.params[2], abs=1e-5)
    np.testing.assert_allclose(fit.beta[0], ref.params[:2], rtol=1e-3)
    # our optimum is at least as high on statsmodels' own likelihood
    n, p = X.shape
    innovation = fit.sigma2[0] * (n - p) / n * (1 - fit.rho[0] ** 2)
    ours = ref.model.loglike(np.r_[fit.beta[0], fit.rho[0], innovation])
    assert ours >= ref.llf - 1e-8


def _restricted_loglik(rho: float, X: np.ndarray, y: np.ndarray, t: np.ndarray) -> float:
    """Textbook REML (Harville 1974): -1/2 [log|V| + log|X'V^-1X| + (n-p) log(r'V^-1 r)]."""
    V = _ar1_matrix(t, rho)
    Vi = np.linalg.inv(V)
    A = X.T @ Vi @ X
    beta = np.linalg.solve(A, X.T @ Vi @ y)
    r = y - X @ beta
    n, p = X.shape
    return -0.5 * (np.linalg.slogdet(V)[1] + np.linalg.slogdet(A)[1] + (n - p) * np.log(r @ Vi @ r))


@pytest.mark.parametrize("gaps", [False, True])
def test_reml_rho_maximises_the_textbook_restricted_likelihood(gaps: bool) -> None:
    X, y, t = _series(seed=3)
    keep = np.ones(len(y), dtype=bool)
    if gaps:
        keep[[5, 6, 20]] = False  # months absent: the AR(1) correlation decays across the gap
    fit = ar1_regression(X, y[None], t, keep[None])
    ref = minimize_scalar(
        lambda r: -_restricted_loglik(r, X[keep], y[keep], t[keep]),
        bounds=engine.RHO_BOUNDS,
        method="bounded",
        options={"xatol": 1e-9},
    )
    # the reported coefficient is the maximiser with its -2 rho / n bias removed
    assert fit.rho[0] == pytest.approx(reml_bias_corrected(ref.x, keep.sum()), abs=1e-5)


def test_complete_tables_take_the_moment_path_and_agree_with_the_general_one() -> None:
    rng = np.random.default_rng(3)
    G, n = 30, 36
    t = np.arange(n, dtype=float)
    X = np.stack([np.ones(n), t], axis=1)
    Y = rng.normal(size=(G, n)).cumsum(axis=1) * 0.3 + rng.normal(size=(G, n))
    fast = ar1_regression(X, Y, t)
    Xc, Yc, tc, valid = engine._compact(
        np.broadcast_to(X, (G, n, 2)), Y, np.broadcast_to(t, (G, n)), np.ones((G, n), bool)
    )
    rho = reml_bias_corrected(engine._estimate_rho(Xc, Yc, tc, valid, True), n)
    beta, cov, *_ = engine._at_rho(Xc, Yc, tc, valid, rho, True)
    np.testing.assert_allclose(fast.rho, rho, atol=1e-6)
    np.testing.assert_allclose(fast.beta, beta, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(fast.cov, cov, rtol=1e-5)


def test_effective_sample_size_factor_textbook_values() -> None:
    # 1 + 2 sum_{k=1}^{9} (1 - k/10) 0.5^k = 2.600390625 (Yue and Wang 2004, eq. 5)
    assert ess_factor(0.5, 10) == pytest.approx(2.600390625, rel=1e-12)
    np.testing.assert_allclose(
        ess_factor(np.array([0.0, -0.3, 0.5]), np.array([10, 10, 10])), [1.0, 1.0, 2.600390625]
    )


def test_default_trend_is_the_ar1_model_and_says_what_it_assumed() -> None:
    import statsmodels.api as sm
    from scipy.stats import t as student

    _, y, _ = _series(n=44, rho=0.7, seed=5)
    counts = np.exp(5 + y)
    s = pd.Series(counts, index=pd.date_range("2022-01-01", periods=44, freq="MS"))
    r = trend(s)
    assert r.model == "ar1" and r.units == "% change per month"
    assert r.dependence.startswith("months correlated as an AR(1) process")
    t = np.arange(44, dtype=float)
    X = np.stack([np.ones(44), t], axis=1)
    ref = sm.GLS(np.log(counts), X, sigma=_ar1_matrix(t, r.ar_rho)).fit()
    assert r.slope == pytest.approx(ref.params[1], rel=1e-7)
    assert r.slope_se == pytest.approx(ref.bse[1], rel=1e-6)
    df = ess_df(44 / ess_factor(r.ar_rho, 44), 44, r.ar_rho, 2)
    q = student.ppf(0.975, df)
    assert r.high == pytest.approx(100 * np.expm1(ref.params[1] + q * ref.bse[1]), rel=1e-6)
    assert r.p_value == pytest.approx(2 * student.sf(abs(ref.tvalues[1]), df), rel=1e-5)


def test_ar1_refuses_zero_months_and_the_table_says_why() -> None:
    months = pd.date_range("2024-01-01", periods=12, freq="MS")
    with pytest.raises(Exception, match="positive values"):
        trend(pd.Series([5.0, 0.0] * 6, index=months))
    long = pd.DataFrame(
        {
            "g": ["a"] * 12 + ["b"] * 12,
            "month": list(months) * 2,
            "value": [5.0, 0.0] * 6 + list(np.arange(1.0, 13.0)),
        }
    )
    table = trend_table(long, "g").set_index("g")
    assert table.loc["a", "status"].startswith("insufficient: zero or negative months")
    assert table.loc["b", "status"] == "ok" and table.loc["b", "p_adjust_method"] == "Holm"


def test_bias_corrected_reml_rho_is_unbiased_in_short_series() -> None:
    # Cheang and Reinsel (2000): REML is biased by about -2 rho / n whatever the trend terms
    rng = np.random.default_rng(11)
    n, rho = 44, 0.6
    t = np.arange(n, dtype=float)
    u = np.zeros((3000, n))
    u[:, 0] = rng.normal(size=3000)
    for i in range(1, n):
        u[:, i] = rho * u[:, i - 1] + rng.normal(0, np.sqrt(1 - rho**2), 3000)
    fit = ar1_regression(np.stack([np.ones(n), t], axis=1), u, t)
    assert fit.rho.mean() == pytest.approx(rho, abs=0.01)
    assert (fit.rho / (1 + 2 / n)).mean() < rho - 0.015


def test_satterthwaite_df_allow_for_the_estimated_coefficient() -> None:
    # relative variance 2 / (n_eff - p) of the scatter plus 4 / (n (1 - rho^2)) of the factor
    assert ess_df(44.0, 44, 0.0, 2) == pytest.approx(2 / (2 / 42 + 4 / 44), rel=1e-12)
    assert ess_df(20.0, 44, 0.5, 2) == pytest.approx(2 / (2 / 18 + 4 / (44 * 0.75)), rel=1e-12)
    assert ess_df(20.0, 44, -0.5, 2) == ess_df(20.0, 44, 0.0, 2)  # negative rho counts as 0
    assert ess_df(1.5, 44, 0.9, 2) == 1.0  # floor
