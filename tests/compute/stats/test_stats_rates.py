"""Rates, rate tables and rate comparisons against independent references.

Reference values were computed with statsmodels 0.15 ``proportion_confint``
and written here as numbers; Newcombe's example is from the paper.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidstats.errors import DataValidationError, InsufficientDataError
from aidstats.stats import (
    RegimeChangeWarning,
    compare_rates,
    interception_rate,
    rate_table,
)

X = [0, 7, 81, 500]
N = [10, 20, 90, 500]
# statsmodels.stats.proportion.proportion_confint(X, N, alpha=0.05, method=...)
REFERENCE = {
    "wilson": (
        [0.0, 0.181191824101, 0.820758251246, 0.992375659538],
        [0.277532799863, 0.567145723315, 0.946493248303, 1.0],
    ),
    "jeffreys": (
        [4.789043315758e-05, 0.1722762136319, 0.8254655773132, 0.9949912121999],
        [0.217196267509, 0.567766093841, 0.949356874979, 0.999999018422],
    ),
    "clopper_pearson": (
        [0.0, 0.153909204785, 0.818640027116, 0.992649389948],
        [0.308497107819, 0.592188534533, 0.953244684726, 1.0],
    ),
}


@pytest.mark.parametrize("method", sorted(REFERENCE))
def test_intervals_match_statsmodels_reference(method: str) -> None:
    r = interception_rate(X, N, method=method)  # type: ignore[arg-type]
    low, high = REFERENCE[method]
    # jeffreys at x=0 / x=n: the interval is widened to contain the estimate
    np.testing.assert_allclose(r.low, np.minimum(low, np.divide(X, N)), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(r.high, np.maximum(high, np.divide(X, N)), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(r.estimate, np.divide(X, N))


def test_scalar_result_fields_and_views() -> None:
    r = interception_rate(81, 90)
    assert isinstance(r.estimate, float)
    assert r.n == 90 and r.alpha == 0.05 and "wilson" in r.method
    assert r.low == pytest.approx(0.820758251246) and r.high == pytest.approx(0.946493248303)
    frame = r.to_frame()
    assert list(frame.columns[:6]) == ["estimate", "low", "high", "alpha", "method", "n"]
    assert len(frame) == 1
    assert "RateResult" in r.summary() and "<table>" in r._repr_html_()
    with pytest.raises(AttributeError):
        r.estimate = 0.5  # type: ignore[misc]


def test_vector_to_frame_has_one_row_per_rate() -> None:
    frame = interception_rate(X, N).to_frame()
    assert len(frame) == 4 and frame["alpha"].eq(0.05).all()


def test_invalid_counts_raise() -> None:
    with pytest.raises(DataValidationError) as err:
        interception_rate([5, 12], [10, 10])
    assert err.value.failures["rule"].tolist() == ["<= launched"]
    with pytest.raises(DataValidationError):
        interception_rate(-1, 10)
    with pytest.raises(InsufficientDataError):
        interception_rate(0, 0)
    with pytest.raises(ValueError, match="unknown interval method"):
        interception_rate(1, 2, method="wald")  # type: ignore[arg-type]


def test_newcombe_published_example() -> None:
    # Newcombe R.G. (1998), Statistics in Medicine 17:873-890, Table II example (a):
    # 56/70 vs 48/80, method 10 (hybrid score) interval +0.0524 to +0.3339.
    r = compare_rates(56, 70, 48, 80)
    assert r.estimate == pytest.approx(0.2)
    assert r.low == pytest.approx(0.0524, abs=5e-5)
    assert r.high == pytest.approx(0.3339, abs=5e-5)
    # statsmodels confint_proportions_2indep(method="newcomb") to full precision
    assert r.low == pytest.approx(0.05243147240236498, rel=1e-9)
    assert r.high == pytest.approx(0.33387265403690614, rel=1e-9)
    # score test == Pearson chi-square without correction (scipy chi2_contingency)
    assert r.p_value == pytest.approx(0.008045081368196585, rel=1e-9)
    # Katz log interval of the ratio, by hand: exp(log(RR) +/- 1.96 * se)
    se = np.sqrt(1 / 56 - 1 / 70 + 1 / 48 - 1 / 80)
    assert r.ratio == pytest.approx((56 / 70) / (48 / 80))
    assert r.ratio_low == pytest.approx(r.ratio * np.exp(-1.959963984540054 * se))


def test_compare_rates_zero_counts() -> None:
    r = compare_rates(0, 10, 0, 12)
    assert r.estimate == 0 and r.p_value == 1.0 and r.low <= 0 <= r.high
    assert any("0.5 added" in n for n in r.notes)


def _periods() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": pd.to_datetime(
                ["2025-06-01", "2025-06-01", "2025-07-01", "2025-08-01", "2025-09-01"]
            ),
            "scope": ["national", "regional", "national", "national", "national"],
            "launched": [5000.0, 500.0, 6000.0, 4000.0, 0.0],
            "destroyed": [3000.0, 500.0, 3600.0, 3300.0, 0.0],
            "not_reach_goal": [1300.0, 0.0, 1500.0, 0.0, 0.0],
            "neutralised": [4300.0, 500.0, 5100.0, 3300.0, 0.0],
            "n_reports": [60, 12, 70, 50, 0],
        }
    )


def test_rate_table_national_ratio_of_sums() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no period straddles a regime change
        table = rate_table(_periods())
    assert table["period"].dt.strftime("%Y-%m").tolist() == ["2025-06", "2025-07", "2025-08"]
    assert table["estimate"].tolist() == pytest.approx([0.86, 0.85, 0.825])
    assert table.attrs["dropped_periods"][0]["period"] == pd.Timestamp("2025-09-01")
    ref = interception_rate(4300, 5000)
    assert table.loc[0, "low"] == pytest.approx(ref.low)
    destroyed = rate_table(_periods(), "destroyed_share", scope=None)
    # all scopes pooled as a ratio of sums: (3000 + 500) / (5000 + 500)
    assert destroyed.loc[0, "estimate"] == pytest.approx(3500 / 5500)


def test_rate_table_pools_rows_of_a_group_and_warns_on_regime_change() -> None:
    frame = pd.DataFrame(
        {
            "period": pd.to_datetime(["2025-07-01", "2025-07-01"]),
            "weapon_group": ["drone", "missile"],
            "launched": [100.0, 20.0],
            "destroyed": [70.0, 10.0],
            "not_reach_goal": [10.0, np.nan],
        }
    )
    by_group = rate_table(frame, by="weapon_group")
    assert by_group["estimate"].tolist() == pytest.approx([0.8, 0.5])
    pooled = rate_table(frame)
    assert pooled["estimate"].item() == pytest.approx(90 / 120)
    quarter = frame.assign(period=pd.to_datetime(["2025-07-01", "2025-07-01"]))
    with pytest.warns(RegimeChangeWarning, match="2025-08-01"):
        q = rate_table(quarter, freq="Q")
    assert bool(q["straddles_regime_change"].item())


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 10_000)), min_size=1, max_size=20),
    st.sampled_from(["wilson", "jeffreys", "clopper_pearson"]),
    st.floats(0.001, 0.5),
)
def test_property_rates_in_unit_interval_and_cover_estimate(pairs, method, alpha) -> None:
    x = np.array([min(a, b) for a, b in pairs], dtype=float)
    n = np.array([b for _, b in pairs], dtype=float)
    r = interception_rate(x, n, method=method, alpha=alpha)
    assert np.all((r.low >= 0) & (r.high <= 1))
    assert np.all((r.low <= r.estimate) & (r.estimate <= r.high))


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 500), st.integers(1, 500), st.integers(0, 500), st.integers(1, 500))
def test_property_difference_interval_contains_estimate(a, n1, b, n2) -> None:
    r = compare_rates(min(a, n1), n1, min(b, n2), n2)
    assert -1 <= r.low <= r.estimate <= r.high <= 1
    assert 0 <= r.p_value <= 1


@pytest.mark.slow
def test_wilson_coverage_is_nominal() -> None:
    # 4,000 simulated binomial counts with fixed seed: true p = 0.8, n = 200
    rng = np.random.default_rng(12345)
    n, p = 200, 0.8
    x = rng.binomial(n, p, size=4000)
    r = interception_rate(x, np.full(x.shape, n))
    coverage = float(np.mean((r.low <= p) & (p <= r.high)))
    assert 0.93 <= coverage <= 0.97, coverage


def test_rate_table_takes_time_and_freq_words_and_the_old_period_keyword_warns() -> None:
    frame = _periods().rename(columns={"period": "month"})
    table = rate_table(frame, time="month", freq="month")
    assert table["month"].dt.strftime("%Y-%m").tolist() == ["2025-06", "2025-07", "2025-08"]
    with pytest.warns(DeprecationWarning, match=r"time=\.\.\."):
        old = rate_table(frame, period="month")
    pd.testing.assert_frame_equal(old, table)
    with pytest.raises(ValueError, match="freq must be one of"):
        rate_table(frame, time="month", freq="fortnight")
