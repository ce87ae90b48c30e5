"""Change points, segmented trends and before/after comparisons.

References: ruptures' own PELT on the same signal and penalty, statsmodels 0.15
GLM fits (numbers written below), scipy for the chi-square distribution.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from aidstats.errors import InsufficientDataError, RegimeChangeWarning
from aidstats.stats import (
    BEFORE_AFTER_CAVEAT,
    change_points,
    compare_periods,
    segmented_trend,
)

IDX36 = pd.date_range("2022-01-01", periods=36, freq="MS")
# three regimes: mean ~10, ~20, ~12 (rounded draws, seed 5)
STEPS = [
    9.2,
    8.68,
    9.75,
    10.42,
    11.14,
    10.11,
    9.45,
    9.22,
    10.75,
    11.63,
    10.27,
    8.77,
    19.04,
    21.6,
    20.2,
    18.27,
    19.92,
    18.84,
    19.37,
    19.51,
    19.29,
    20.55,
    19.94,
    19.41,
    12.41,
    12.83,
    10.36,
    11.74,
    11.02,
    11.83,
    10.71,
    12.02,
    11.96,
    11.7,
    10.95,
    11.6,
]
# Poisson counts rising 5%/month to mid-2023 then falling (seed 5)
KINKED = [
    24,
    15,
    21,
    19,
    29,
    26,
    25,
    27,
    31,
    36,
    36,
    29,
    27,
    41,
    46,
    40,
    42,
    54,
    54,
    45,
    45,
    40,
    44,
    51,
    45,
    35,
    28,
    30,
    34,
    39,
    30,
    27,
    36,
    26,
    32,
    30,
]


def test_pelt_finds_the_two_breaks_with_segment_means() -> None:
    r = change_points(pd.Series(STEPS, index=IDX36), method="pelt")
    assert r.breaks == (pd.Timestamp("2023-01-01"), pd.Timestamp("2024-01-01"))
    assert r.estimate == 2.0
    assert r.segments["n"].tolist() == [12, 12, 12]
    assert r.segments["mean"].tolist() == pytest.approx(
        [np.mean(STEPS[:12]), np.mean(STEPS[12:24]), np.mean(STEPS[24:])]
    )
    # BIC-like penalty 3 log(n) sigma^2 stated in the result
    d = np.diff(STEPS)
    sigma = 1.4826 * np.median(np.abs(d - np.median(d))) / math.sqrt(2)
    assert r.penalty == pytest.approx(3 * math.log(36) * sigma**2)
    assert "3*log(n)*sigma^2" in r.penalty_rule
    import ruptures as rpt

    ends = (
        rpt.Pelt(model="l2", min_size=3, jump=1)
        .fit(np.array(STEPS)[:, None])
        .predict(pen=r.penalty)
    )
    assert ends == [12, 24, 36]


def test_binseg_with_fixed_number_and_no_break_in_noise() -> None:
    r = change_points(pd.Series(STEPS, index=IDX36), method="binseg", n_breaks=1)
    assert len(r.breaks) == 1 and r.penalty_rule == "fixed number of breaks"
    idx = pd.date_range("2020-01-01", periods=48, freq="MS")
    false = [
        len(
            change_points(
                pd.Series(np.random.default_rng(s).normal(0, 1, 48), index=idx), method="pelt"
            ).breaks
        )
        > 0
        for s in range(40)
    ]
    assert sum(false) <= 4  # 2 of 40 white-noise series (5%) with the default penalty
    with pytest.raises(InsufficientDataError):
        change_points(pd.Series([1.0, 2.0, 3.0]))


def test_segmented_trend_matches_statsmodels_hinge_glm() -> None:
    # sm.GLM(KINKED, [1, t, max(t - 18, 0)], family=Poisson()).fit()
    r = segmented_trend(pd.Series(KINKED, index=IDX36), breaks=["2023-07"], model="poisson")
    b1, c1 = 0.05233866, -0.08774957
    assert r.breaks == (pd.Timestamp("2023-07-01"),)
    assert r.dispersion == pytest.approx(0.6849655011854121, rel=1e-6)  # < 1: no scaling
    seg = r.segments
    assert seg["pct_per_month"].tolist() == pytest.approx(
        [100 * math.expm1(b1), 100 * math.expm1(b1 + c1)], rel=1e-6
    )
    se1 = 0.00635831
    assert seg.loc[0, "low"] == pytest.approx(
        100 * math.expm1(b1 - 1.959963984540054 * se1), rel=1e-5
    )
    assert r.estimate == pytest.approx(seg.loc[1, "pct_per_month"])
    # Wald test of the hinge: (c1 / se)^2 with se = 0.01110678
    assert r.statistic == pytest.approx((c1 / 0.01110678) ** 2, rel=1e-5)
    assert r.p_value < 1e-12
    assert len(r.fitted) == 36
    with pytest.raises(InsufficientDataError):
        segmented_trend(pd.Series(KINKED, index=IDX36), breaks=["2030-01"])


BEFORE = [30, 42, 35, 51, 38, 44]
AFTER = [60, 71, 55, 90, 66]
SERIES = pd.Series(BEFORE + AFTER, index=pd.date_range("2025-02-01", periods=11, freq="MS"))


def test_compare_periods_rate_ratio_matches_statsmodels() -> None:
    # sm.GLM(y, [1, after], Poisson()).fit(scale="X2"): exp(conf_int) and p-value
    r = compare_periods(SERIES, at="2025-08", autocorrelation="none")
    assert r.estimate == pytest.approx((sum(AFTER) / 5) / (sum(BEFORE) / 6))
    assert (r.low, r.high) == pytest.approx((1.359262587323, 2.151239964427), rel=1e-9)
    assert r.p_value == pytest.approx(4.633906630935103e-06, rel=1e-6)
    assert r.dispersion == pytest.approx(1.9345354126055838, rel=1e-9)
    assert r.caveat == BEFORE_AFTER_CAVEAT and "not the effect" in r.caveat
    assert r.before_start == pd.Timestamp("2025-02-01")
    assert r.after_end == pd.Timestamp("2025-12-01")
    plain = compare_periods(SERIES, at="2025-08", autocorrelation="none", overdispersion="none")
    # same GLM fitted with the Poisson scale 1
    assert (math.log(plain.low), math.log(plain.high)) == pytest.approx(
        (0.371452726857, 0.701534014172), rel=1e-9
    )
    assert plain.p_value == pytest.approx(1.8754941968287238e-10, rel=1e-6)


def test_compare_periods_windows_and_proportions() -> None:
    r = compare_periods(SERIES, at="2025-08", before=3, after=2)
    assert r.before_start == pd.Timestamp("2025-05-01") and r.after_end == pd.Timestamp(
        "2025-09-01"
    )
    assert r.estimate == pytest.approx((131 / 2) / (133 / 3))
    explicit = compare_periods(SERIES, before=("2025-05", "2025-07"), after=("2025-08", "2025-09"))
    assert explicit.estimate == pytest.approx(r.estimate)
    trials = SERIES * 0 + 100
    with pytest.warns(RegimeChangeWarning, match="2025-08-01"):
        p = compare_periods(SERIES, at="2025-08", trials=trials)
    assert p.measure.startswith("difference of proportions")
    assert p.estimate == pytest.approx(sum(AFTER) / 500 - sum(BEFORE) / 600)
    assert p.low <= p.estimate <= p.high and "not the effect" in p.caveat
    with pytest.raises(ValueError):
        compare_periods(SERIES, before=("2025-08", "2025-09"), after=("2025-02", "2025-03"))
    with pytest.raises(InsufficientDataError):
        compare_periods(SERIES * 0, at="2025-08")


def test_compare_periods_with_trials_uses_only_months_with_both() -> None:
    idx = pd.date_range("2025-01-01", periods=4, freq="MS")
    successes = pd.Series([50, 50, np.nan, 50], index=idx)
    trials = pd.Series([100, 100, 1000, 100], index=idx)
    r = compare_periods(successes, at="2025-03", trials=trials)
    assert r.before_value == pytest.approx(0.5) and r.after_value == pytest.approx(0.5)
    assert r.estimate == pytest.approx(0.0, abs=1e-12)


def test_default_penalty_only_for_the_l2_cost() -> None:
    series = pd.Series(
        [10.0] * 12 + [30.0] * 12, index=pd.date_range("2023-01-01", periods=24, freq="MS")
    )
    with pytest.raises(ValueError, match="penalty"):
        change_points(series, method="pelt", cost="l1")
    assert len(change_points(series, method="pelt", cost="l1", penalty=5.0).breaks) == 1


def test_the_best_candidate_is_reported_whether_or_not_it_is_kept() -> None:
    months = pd.date_range("2022-01-01", periods=40, freq="MS")
    rng = np.random.default_rng(3)
    smooth = pd.Series(100 * np.exp(0.04 * np.arange(40) + rng.normal(0, 0.05, 40)), index=months)
    result = change_points(smooth)
    assert result.breaks == () and result.candidate in set(months)
    assert 0.05 <= result.candidate_p_value <= 1
    kink = np.r_[0.08 * np.arange(24), 0.08 * 23 + 0.0 * np.arange(1, 17)]
    broken = pd.Series(100 * np.exp(kink + rng.normal(0, 0.03, 40)), index=months)
    found = change_points(broken)
    assert found.candidate == found.breaks[0] and found.candidate_p_value < 0.05
