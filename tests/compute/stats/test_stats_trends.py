"""Trends, Mann-Kendall, Sen's slope and STL against independent references.

Reference numbers are written in: statsmodels 0.15 GLM/OLS-HAC/NegativeBinomial
fits, scipy 1.17 kendalltau/theilslopes, pyMannKendall 1.4.3 and a published
worked example of the Mann-Kendall test.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidstats._compute.stats.glm import quasi_scale
from aidstats.errors import InsufficientDataError
from aidstats.stats import (
    hac_lags,
    mann_kendall,
    mann_kendall_table,
    seasonal_decomposition,
    sen_slope,
    trend,
    trend_table,
)

MONTHS24 = pd.date_range("2023-01-01", periods=24, freq="MS")
COUNTS = [3, 5, 4, 8, 6, 9, 7, 12, 10, 14, 11, 15, 13, 18, 16, 21, 17, 24, 20, 26, 22, 29, 25, 31]
OVERDISPERSED = [
    2,
    9,
    4,
    15,
    3,
    12,
    20,
    6,
    25,
    11,
    30,
    9,
    41,
    18,
    22,
    60,
    14,
    48,
    35,
    70,
    28,
    90,
    51,
    75,
]
LEVELS = [
    10.2,
    11.5,
    9.8,
    12.4,
    13.1,
    12.0,
    14.6,
    15.2,
    13.9,
    16.8,
    17.5,
    16.1,
    18.9,
    19.4,
    18.2,
    21.0,
    22.3,
    20.8,
    23.5,
    24.1,
    22.9,
    25.8,
    26.4,
    25.0,
    28.1,
    27.7,
    29.9,
    30.6,
    29.2,
    32.0,
]
# John Little, "A Mann-Kendall Example ('By Hand')", College of the Holy Cross,
# https://mathcs.holycross.edu/~little/Montserrat/MannKendallByHand.txt :
# 14 values, S = 54, V = 14*13*33/18 - 2*1*9/18, Z = (S - 1)/sqrt(V) = 2.9058, one-sided p = .0018
LITTLE = [12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7]


def test_poisson_matches_statsmodels_glm() -> None:
    # sm.GLM(COUNTS, sm.add_constant(t), family=Poisson()).fit()
    r = trend(pd.Series(COUNTS, index=MONTHS24), "poisson")
    assert r.intercept == pytest.approx(1.70103554182, rel=1e-7)
    assert r.slope == pytest.approx(0.076989212936, rel=1e-7)
    assert r.slope_se == pytest.approx(0.008192002218, rel=1e-5)
    assert r.slope_low == pytest.approx(0.060933183628, rel=1e-5)
    assert r.slope_high == pytest.approx(0.093045242244, rel=1e-5)
    assert r.dispersion == pytest.approx(0.4157480280752383, rel=1e-6)  # pearson_chi2 / df_resid
    assert r.estimate == pytest.approx(100 * math.expm1(0.076989212936), rel=1e-6)
    assert r.per_year == pytest.approx(100 * math.expm1(12 * 0.076989212936), rel=1e-6)
    assert r.doubling_kind == "doubling"
    assert r.doubling_time == pytest.approx(math.log(2) / 0.076989212936, rel=1e-6)
    assert r.doubling_low == pytest.approx(math.log(2) / 0.093045242244, rel=1e-5)
    assert r.doubling_high == pytest.approx(math.log(2) / 0.060933183628, rel=1e-5)
    assert list(r.fitted.columns) == ["time", "observed", "fitted", "low", "high"]
    assert (r.fitted["low"] < r.fitted["fitted"]).all() and (
        r.fitted["fitted"] < r.fitted["high"]
    ).all()
    assert r.fitted["time"].iloc[0] == pd.Timestamp("2023-01-01")
    assert r.p_value < 1e-10 and r.units == "% change per month"


def test_negbin_matches_statsmodels_and_flags_poisson_overdispersion() -> None:
    # sm.NegativeBinomial(OVERDISPERSED, X, loglike_method="nb2").fit()
    r = trend(pd.Series(OVERDISPERSED, index=MONTHS24), "negbin")
    assert r.intercept == pytest.approx(1.833973113081, rel=1e-4)
    assert r.slope == pytest.approx(0.110547612919, rel=1e-4)
    assert r.slope_se == pytest.approx(0.01584750691, rel=1e-3)
    assert r.nb_alpha == pytest.approx(0.209318438599, rel=1e-3)
    p = trend(pd.Series(OVERDISPERSED, index=MONTHS24), "poisson", overdispersion="none")
    assert p.dispersion > 1.5 and any("overdispersed" in n for n in p.notes)
    assert r.slope_se > p.slope_se
    # The default widens the Poisson interval by sqrt(chi2/df): a quasi-Poisson fit.
    q = trend(pd.Series(OVERDISPERSED, index=MONTHS24), "poisson")
    assert q.slope_se == pytest.approx(p.slope_se * np.sqrt(p.dispersion), rel=1e-9)
    assert "quasi-Poisson" in q.method


def test_quasi_poisson_matches_statsmodels_scale_x2() -> None:
    import statsmodels.api as sm

    X = sm.add_constant(np.arange(24, dtype=float))
    ref = sm.GLM(np.asarray(OVERDISPERSED, dtype=float), X, family=sm.families.Poisson()).fit(
        scale="X2"
    )
    q = trend(pd.Series(OVERDISPERSED, index=MONTHS24), "poisson")
    assert q.slope == pytest.approx(ref.params[1], rel=1e-6)
    assert q.slope_se == pytest.approx(ref.bse[1], rel=1e-6)


@pytest.mark.parametrize(
    ("values", "model"),
    [
        ([0.0] * 12, "ols"),
        ([5.0] * 12, "negbin"),
        ([0] * 11 + [3], "poisson"),
        ([0] * 11 + [3], "negbin"),
    ],
)
def test_degenerate_series_raise_insufficient_data(values: list[float], model: str) -> None:
    with pytest.raises(InsufficientDataError):
        trend(pd.Series(values, dtype=float), model)  # type: ignore[arg-type]


def test_trend_table_reports_degenerate_groups_instead_of_crashing() -> None:
    from aidstats import datasets

    aid = datasets.load("aid_monthly")
    for model in ("ols", "negbin", "poisson"):
        table = trend_table(aid, ["donor", "category"], value="eur_bn", model=model)  # type: ignore[arg-type]
        assert table["status"].str.startswith(("ok", "insufficient", "invalid")).all()
        assert (table["status"] == "ok").sum() > 50


def test_halving_time_for_a_decline() -> None:
    r = trend(pd.Series(COUNTS[::-1], index=MONTHS24), "poisson")
    assert r.doubling_kind == "halving"
    assert r.doubling_time == pytest.approx(math.log(2) / 0.076989212936, rel=1e-6)


def test_ols_hac_matches_statsmodels() -> None:
    # sm.OLS(LEVELS, X).fit(cov_type="HAC", cov_kwds={"maxlags": 3, "use_correction": True})
    s = pd.Series(LEVELS, index=pd.date_range("2020-01-01", periods=30, freq="MS"))
    r = trend(s, "ols")
    assert r.hac_lags == hac_lags(30) == 3
    assert r.intercept == pytest.approx(9.509892473118, rel=1e-10)
    assert r.slope == pytest.approx(0.743915461624, rel=1e-10)
    assert r.slope_se == pytest.approx(0.014565361758, rel=1e-8)
    assert r.per_year == pytest.approx(12 * 0.743915461624)
    assert r.doubling_time is None


def test_hac_lag_rule() -> None:
    assert [hac_lags(n) for n in (24, 60, 100, 500)] == [2, 3, 4, 5]


def test_theil_sen_and_kendall_tau_match_scipy() -> None:
    # scipy.stats.theilslopes(LITTLE) and scipy.stats.kendalltau(range(14), LITTLE)
    r = trend(pd.Series(LITTLE), "theil_sen")
    assert r.estimate == pytest.approx(0.566666666666667)
    assert r.low == pytest.approx(0.3250000000000002)
    assert r.high == pytest.approx(0.8666666666666666)
    assert r.intercept == pytest.approx(11.966666666666663)
    mk = mann_kendall(pd.Series(LITTLE))
    assert mk.tau == pytest.approx(0.5966941897186163, rel=1e-12)


def test_mann_kendall_published_worked_example() -> None:
    mk = mann_kendall(pd.Series(LITTLE))
    assert mk.s == 54
    assert mk.var_s == pytest.approx(14 * 13 * 33 / 18 - 2 * 1 * 9 / 18)
    assert mk.statistic == pytest.approx(2.9058, abs=5e-5)
    assert mk.p_value / 2 == pytest.approx(0.0018, abs=5e-5)  # the source's one-sided p
    assert mk.trend == "increasing"
    sen = sen_slope(pd.Series(LITTLE))
    assert (sen.estimate, sen.low, sen.high) == (mk.estimate, mk.low, mk.high)


AR1 = [
    10.0,
    10.051,
    10.4,
    10.086,
    9.264,
    9.14,
    8.532,
    9.172,
    10.916,
    10.319,
    9.788,
    10.541,
    10.951,
    11.001,
    10.015,
    10.241,
    11.139,
    9.743,
    9.668,
    8.186,
    7.776,
    6.951,
    7.996,
    7.71,
    9.063,
    9.911,
    10.176,
    8.046,
    8.549,
    9.406,
    10.182,
    9.097,
    9.405,
    9.135,
    9.131,
    11.013,
    10.476,
    10.891,
    12.113,
    11.515,
    11.584,
    11.869,
    12.037,
    10.881,
    11.388,
    13.04,
    11.306,
    12.514,
]


def test_hamed_rao_matches_pymannkendall() -> None:
    # pymannkendall 1.4.3 hamed_rao_modification_test / original_test
    r = mann_kendall(pd.Series(LITTLE), autocorrelation="hamed_rao")
    assert r.var_s == pytest.approx(272.9196882412742, rel=1e-9)
    assert r.p_value == pytest.approx(0.0013357886498626126, rel=1e-7)
    ar = mann_kendall(pd.Series(AR1), autocorrelation="hamed_rao")
    assert ar.s == 312
    assert ar.var_s == pytest.approx(43937.70638997967, rel=1e-9)
    assert ar.statistic == pytest.approx(1.4836849720597654, rel=1e-9)
    assert ar.trend == "no trend"
    plain = mann_kendall(pd.Series(AR1))
    assert plain.var_s == pytest.approx(12658.666666666666)
    assert plain.p_value == pytest.approx(0.0057065953314272555, rel=1e-7)
    assert plain.estimate == pytest.approx(0.041673333333333326)


def test_short_zero_tied_and_missing_series() -> None:
    with pytest.raises(InsufficientDataError):
        trend(pd.Series([1.0, 2.0]), "poisson")
    with pytest.raises(InsufficientDataError, match="all values are zero"):
        trend(pd.Series([0] * 12, index=pd.date_range("2024-01-01", periods=12, freq="MS")))
    with pytest.raises(InsufficientDataError, match="tied"):
        mann_kendall(pd.Series([5.0] * 10))
    with pytest.raises(InsufficientDataError):
        mann_kendall(pd.Series([1.0, np.nan, np.nan, 2.0, 3.0]))
    with pytest.raises(InsufficientDataError):
        seasonal_decomposition(pd.Series(COUNTS[:20], index=MONTHS24[:20]))
    gappy = pd.Series(COUNTS, index=MONTHS24).drop(MONTHS24[5:8])
    r = trend(gappy.astype(float), "poisson")
    assert r.n == 21 and any("gaps" in n for n in r.notes)
    # the calendar is kept: same data fitted on explicit t equals statsmodels on those t
    with_nan = pd.Series(COUNTS, index=MONTHS24, dtype=float)
    with_nan.iloc[5:8] = np.nan
    r2 = trend(with_nan, "poisson")
    assert r2.slope == pytest.approx(r.slope) and any("dropped" in n for n in r2.notes)
    with pytest.raises(InsufficientDataError):
        seasonal_decomposition(with_nan)


def test_stl_decomposition() -> None:
    t = np.arange(36)
    y = pd.Series(
        100 + 2 * t + 10 * np.sin(2 * np.pi * t / 12),
        index=pd.date_range("2022-01-01", periods=36, freq="MS"),
    )
    r = seasonal_decomposition(y)
    comp = r.components
    np.testing.assert_allclose(comp["trend"] + comp["seasonal"] + comp["resid"], y.to_numpy())
    assert r.estimate > 0.9 and r.trend_strength > 0.9


def _long(rng: np.random.Generator, groups: int, months: int) -> pd.DataFrame:
    idx = pd.date_range("2021-01-01", periods=months, freq="MS")
    frames = []
    for g in range(groups):
        y = rng.poisson(20 * np.exp(0.01 * g * np.arange(months)))
        frames.append(pd.DataFrame({"group": f"g{g:02d}", "month": idx, "value": y}))
    return pd.concat(frames, ignore_index=True)


def test_tables_equal_per_series_results() -> None:
    long = _long(np.random.default_rng(3), 6, 30)
    long = long.drop(index=[5, 6, 40])  # missing months in two groups
    mk = mann_kendall_table(long, "group", value="value", time="month")
    tt = trend_table(long, "group", value="value", time="month")
    for i, (name, part) in enumerate(long.groupby("group")):
        s = part.set_index("month")["value"]
        one = mann_kendall(s)
        assert mk.loc[i, "group"] == name
        assert mk.loc[i, "s"] == one.s and mk.loc[i, "var_s"] == pytest.approx(one.var_s)
        assert mk.loc[i, "sen_slope"] == pytest.approx(one.estimate)
        assert (mk.loc[i, "sen_low"], mk.loc[i, "sen_high"]) == pytest.approx((one.low, one.high))
        assert mk.loc[i, "p_value"] == pytest.approx(one.p_value)
        p = trend(s, "poisson")
        assert tt.loc[i, "slope"] == pytest.approx(p.slope, rel=1e-8)
        assert tt.loc[i, "low"] == pytest.approx(p.low, rel=1e-6)
    ols = trend_table(long, "group", value="value", time="month", model="ols")
    assert (ols["status"] == "ok").all()


def test_tables_report_insufficient_groups() -> None:
    idx = pd.date_range("2024-01-01", periods=6, freq="MS")
    long = pd.DataFrame(
        {
            "g": ["zero"] * 6 + ["flat"] * 6 + ["short"] * 2,
            "month": list(idx) * 2 + list(idx[:2]),
            "value": [0] * 6 + [4] * 6 + [1, 2],
        }
    )
    mk = mann_kendall_table(long, "g", value="value")
    assert mk.set_index("g")["status"].to_dict() == {
        "flat": "insufficient: all values tied",
        "short": "insufficient: fewer than 4 values",
        "zero": "insufficient: all values tied",
    }
    assert mk["p_value"].isna().all()
    tt = trend_table(long, "g", value="value").set_index("g")
    assert tt.loc["zero", "status"] == "insufficient: all values zero"
    assert tt.loc["short", "status"] == "insufficient: fewer than 3 values"
    assert tt.loc["flat", "status"] == "ok" and tt.loc["flat", "slope"] == pytest.approx(
        0, abs=1e-9
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 200), min_size=6, max_size=40), st.integers(-50, 50))
def test_property_adding_a_constant_changes_only_the_level(values, c) -> None:
    s = pd.Series(values, dtype=float)
    if s.nunique() < 2:
        return
    a, b = mann_kendall(s), mann_kendall(s + c)
    assert (a.s, a.var_s, a.p_value) == (b.s, b.var_s, b.p_value)
    assert b.estimate == pytest.approx(a.estimate) and b.low == pytest.approx(a.low)
    assert b.intercept == pytest.approx(a.intercept + c)
    oa, ob = trend(s, "ols"), trend(s + c, "ols")
    assert ob.slope == pytest.approx(oa.slope, abs=1e-9) and ob.slope_se == pytest.approx(
        oa.slope_se
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 500), min_size=4, max_size=30))
def test_property_poisson_interval_contains_estimate(values) -> None:
    r = trend(pd.Series(values, dtype=float), "poisson")
    assert r.low <= r.estimate <= r.high
    assert r.per_year_low <= r.per_year <= r.per_year_high
    assert r.doubling_low <= r.doubling_time <= r.doubling_high


@pytest.mark.slow
def test_poisson_trend_coverage_is_nominal() -> None:
    # 3,000 simulated series of 36 months, true slope 0.03 / month, one batched IRLS
    rng = np.random.default_rng(2024)
    G, T, slope = 3000, 36, 0.03
    y = rng.poisson(15 * np.exp(slope * np.arange(T)), size=(G, T))
    long = pd.DataFrame(
        {
            "g": np.repeat(np.arange(G), T),
            "month": np.tile(pd.date_range("2022-01-01", periods=T, freq="MS"), G),
            "value": y.ravel(),
        }
    )
    table = trend_table(long, "g", value="value")
    covered = (table["slope"] - 1.959963984540054 * table["slope_se"] <= slope) & (
        slope <= table["slope"] + 1.959963984540054 * table["slope_se"]
    )
    pct_low, pct_high = table["low"], table["high"]
    truth = 100 * math.expm1(slope)
    assert ((pct_low <= truth) & (truth <= pct_high)).equals(covered)
    coverage = float(covered.mean())
    assert 0.93 <= coverage <= 0.97, coverage


def test_quasi_poisson_scale_is_one_rule_for_scalars_and_arrays() -> None:
    assert (quasi_scale(2.5), quasi_scale(0.4), quasi_scale(float("nan"))) == (2.5, 1.0, 1.0)
    assert quasi_scale(2.5, "none") == 1.0
    np.testing.assert_array_equal(quasi_scale(np.array([0.5, 3.0, np.nan])), [1.0, 3.0, 1.0])
    with pytest.raises(ValueError, match="overdispersion must be"):
        quasi_scale(2.0, "quasi")
    with pytest.raises(ValueError, match="overdispersion must be"):
        trend_table(_long(np.random.default_rng(0), 2, 12), "group", overdispersion="quasi")  # type: ignore[arg-type]
