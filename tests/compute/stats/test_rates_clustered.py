"""Rates that know salvos: the design effect, its interval, event frames, still_attacking, regimes."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from factories import make_events

from aidstats._compute.stats.clustered import cluster_table, effective_wilson
from aidstats.errors import RegimeChangeWarning
from aidstats.stats import (
    compare_periods,
    compare_rates,
    definition_text,
    interception_rate,
    rate_table,
)

X = np.array([40.0, 10, 35, 5])
N = np.array([50.0, 30, 40, 20])


def test_equal_salvos_give_statsmodels_cluster_robust_variance() -> None:
    import statsmodels.api as sm

    x = np.array([40.0, 10, 35, 5, 22])
    n = np.full(5, 40.0)  # equal sizes: CR2 = CR1 = statsmodels' cluster-robust sandwich
    row = cluster_table(pd.DataFrame({"successes": x, "trials": n}), [], 0.05).iloc[0]
    endog = np.column_stack([x, n - x])
    fit = sm.GLM(endog, np.ones((5, 1)), family=sm.families.Binomial()).fit(
        cov_type="cluster", cov_kwds={"groups": np.arange(5)}
    )
    p = x.sum() / n.sum()
    var_p = (p * (1 - p)) ** 2 * fit.cov_params()[0, 0]  # delta method from the logit scale
    assert row["design_effect"] == pytest.approx(var_p / (p * (1 - p) / n.sum()), rel=1e-9)
    assert row["df"] == pytest.approx(4.0)  # (sum n)^2 / sum n^2 - 1 = 5 - 1


def test_unequal_salvos_use_the_bias_reduced_variance() -> None:
    row = cluster_table(pd.DataFrame({"successes": X, "trials": N}), [], 0.05).iloc[0]
    p, total = X.sum() / N.sum(), N.sum()
    cr2 = (((X - p * N) ** 2) / (1 - N / total)).sum() / total**2  # Bell and McCaffrey (2002)
    assert row["design_effect"] == pytest.approx(cr2 / (p * (1 - p) / total), rel=1e-12)
    assert row["df"] == pytest.approx(total**2 / (N**2).sum() - 1)


def test_effective_wilson_is_statsmodels_wilson_at_the_t_level() -> None:
    from scipy.stats import norm
    from scipy.stats import t as student
    from statsmodels.stats.proportion import proportion_confint

    low, high = effective_wilson(
        np.array([90.0]), np.array([140.0]), np.array([4.0]), np.array([5.0]), 0.05
    )
    level = 2 * norm.sf(student.ppf(0.975, 5))
    ref = proportion_confint(90 / 4, 140 / 4, alpha=level, method="wilson")
    assert (low[0], high[0]) == pytest.approx(ref, rel=1e-12)


def test_interception_rate_pools_clusters_and_says_what_it_assumes() -> None:
    plain = interception_rate(X.sum(), N.sum())
    assert plain.assumes == "independent trials" and plain.design_effect is None
    clustered = interception_rate(X, N, clusters=["a", "b", "c", "d"])
    assert clustered.estimate == pytest.approx(plain.estimate)
    assert clustered.high - clustered.low > 3 * (plain.high - plain.low)
    assert clustered.n_clusters == 4 and "salvos" in clustered.assumes
    given = interception_rate(X.sum(), N.sum(), design_effect=4.0)
    assert given.effective_n == pytest.approx(N.sum() / 4)
    assert "design effect" in given.method


def test_fractional_trials_are_not_truncated() -> None:
    r = interception_rate(10.5, 20.75)  # split attribution gives fractions
    assert r.n == 20.75
    assert interception_rate(10, 20).n == 20 and isinstance(interception_rate(10, 20).n, int)


def test_jeffreys_is_closed_at_0_and_1_as_documented() -> None:
    r = interception_rate([0, 10], [10, 10], method="jeffreys")
    assert r.low[0] == 0.0 and r.high[1] == 1.0
    assert "Brown, Cai and DasGupta" in (interception_rate.__doc__ or "")


def _salvo_events(salvo: bool) -> pd.DataFrame:
    """Two reports in June 2024 (the second reuses the first post for a later attack)."""
    rows = []
    for i, (post, start, launched, destroyed) in enumerate(
        [
            ("p1", "2024-06-02 20:00", 100, 90),
            ("p1", "2024-06-02 20:00", 10, 2),
            ("p2", "2024-06-10 20:00", 40, 10),
            ("p1", "2024-06-20 21:00", 60, 58),
        ]
    ):
        row = {
            "start": start,
            "end": start[:11] + "23:00",
            "launched": launched,
            "destroyed": destroyed,
            "nrg": 0.0,
            "post": post,
        }
        if salvo:
            row["salvo"] = f"s{[0, 0, 1, 2][i]}"
        rows.append(row)
    return make_events(*rows)


def test_rate_table_takes_events_and_clusters_by_salvo_or_post() -> None:
    by_salvo = rate_table(_salvo_events(True), "destroyed_share", time="month")
    by_post = rate_table(_salvo_events(False), "destroyed_share", time="month")
    assert by_salvo["n_salvos"].item() == 3 and by_post["n_salvos"].item() == 2
    assert by_salvo["estimate"].item() == pytest.approx(160 / 210)
    assert by_salvo["method"].item().startswith("clustered")
    assert np.isfinite(by_salvo["design_effect"].item())
    assert by_salvo.attrs["definition_text"] == definition_text("destroyed_share")
    wilson = rate_table(_salvo_events(True), "destroyed_share", time="month", method="wilson")
    assert (
        wilson["high"].item() - wilson["low"].item()
        < by_salvo["high"].item() - by_salvo["low"].item()
    )


def test_still_attacking_is_a_named_choice() -> None:
    events = make_events(
        {
            "start": "2023-03-01 20:00",
            "end": "2023-03-02 06:00",
            "launched": 100,
            "destroyed": 80,
            "still": 10,
        },
        {
            "start": "2023-03-05 20:00",
            "end": "2023-03-06 06:00",
            "launched": 50,
            "destroyed": 40,
            "still": 0,
        },
    )
    excluded = rate_table(events, "destroyed_share", time="month")
    missed = rate_table(events, "destroyed_share", time="month", still_attacking="miss")
    assert excluded["trials"].item() == 140 and missed["trials"].item() == 150
    assert excluded["estimate"].item() == pytest.approx(120 / 140)
    assert "left out of launched" in excluded.attrs["definition_text"]
    assert "count as not neutralised" in missed.attrs["definition_text"]
    with pytest.raises(ValueError, match="still_attacking"):
        rate_table(events, still_attacking="prorate")


def test_event_rate_table_marks_incomplete_months() -> None:
    events = make_events(
        {"start": "2023-03-01 20:00", "end": "2023-03-02 06:00"},
        {"start": "2023-03-30 20:00", "end": "2023-03-31 06:00"},
        {"start": "2023-04-03 20:00", "end": "2023-04-04 06:00"},
    )
    table = rate_table(events, time="month")
    assert table["complete"].tolist() == [True, False]  # the data end on 4 April


def _month_events(month: str, destroyed: list[int]) -> pd.DataFrame:
    return make_events(
        *[
            {
                "start": f"{month}-{d + 1:02d} 20:00",
                "end": f"{month}-{d + 2:02d} 06:00",
                "launched": 50,
                "destroyed": k,
                "nrg": 0.0,
            }
            for d, k in enumerate(destroyed)
        ]
    )


def test_compare_rates_with_event_frames_uses_salvo_variance() -> None:
    after = _month_events("2023-05", [45, 10, 48, 20, 44, 15])
    before = _month_events("2023-06", [30, 25, 35, 20, 28, 26])
    clustered = compare_rates(after, before, definition="destroyed_share")
    counts = compare_rates(182, 300, 164, 300)
    assert clustered.estimate == pytest.approx(counts.estimate)
    assert clustered.p_value > counts.p_value
    assert clustered.design_effect1 > 1 and clustered.n_clusters1 == 6
    assert "independent salvos" in clustered.assumes and counts.assumes == "independent trials"


def test_comparisons_across_a_regime_change_warn() -> None:
    june, sept = _month_events("2025-06", [40, 45]), _month_events("2025-09", [48, 49])
    with pytest.warns(RegimeChangeWarning, match="2025-08-01"):
        compare_rates(sept, june)
    months = pd.date_range("2025-05-01", periods=6, freq="MS")
    successes = pd.Series([40.0, 42, 41, 48, 47, 49], index=months)
    trials = pd.Series([50.0] * 6, index=months)
    with pytest.warns(RegimeChangeWarning, match="straddle"):
        compare_periods(successes, at="2025-08", trials=trials)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RegimeChangeWarning)
        compare_rates(_month_events("2025-09", [40, 45]), sept)  # one regime: silent


def test_daily_table_is_clustered_by_day_and_wider_than_wilson() -> None:
    """strikes_daily has no salvo id: each day is one cluster (never the independent-trials interval)."""
    from aidstats import datasets, stats

    daily = datasets.load("strikes_daily")
    drones = daily.loc[daily["weapon_class"].isin(["attack_drone", "decoy_or_unknown_drone"])]
    june = drones.loc[drones["day"].between("2025-06-01", "2025-06-30")]
    table = stats.rate_table(june, "destroyed_share", time="period")
    assert table["method"].iloc[0].startswith("clustered by day")
    assert table["n_salvos"].iloc[0] == june.loc[june["scope"] == "national", "day"].nunique()
    wilson = stats.rate_table(june, "destroyed_share", time="period", method="wilson")
    assert table["design_effect"].iloc[0] > 1
    assert (table["high"] - table["low"]).iloc[0] > 2 * (wilson["high"] - wilson["low"]).iloc[0]
    assert table["estimate"].iloc[0] == pytest.approx(wilson["estimate"].iloc[0])


def test_compare_rates_takes_two_daily_slices_and_warns_across_a_regime_change() -> None:
    from aidstats import datasets, stats
    from aidstats.errors import RegimeChangeWarning

    daily = datasets.load("strikes_daily")
    drones = daily.loc[daily["weapon_class"].isin(["attack_drone", "decoy_or_unknown_drone"])]
    jul = drones.loc[drones["day"].between("2025-07-01", "2025-07-31")]
    aug = drones.loc[drones["day"].between("2025-08-01", "2025-08-31")]
    with pytest.warns(RegimeChangeWarning):
        clustered = stats.compare_rates(aug, jul, definition="destroyed_share")
    with pytest.warns(RegimeChangeWarning):
        plain = stats.compare_rates(aug, jul, definition="destroyed_share", method="wilson")
    assert clustered.estimate == pytest.approx(plain.estimate)
    assert clustered.high - clustered.low > plain.high - plain.low


def test_a_subset_of_the_daily_table_knows_which_months_the_data_cover() -> None:
    """The first month (reports from 28 Sep 2022) and June 2026 (7 days) are partial for every class,
    and a month whose last launch of one class came early is still whole."""
    from aidstats import datasets, stats

    daily = datasets.load("strikes_daily")
    ballistic = daily.loc[daily["weapon_class"] == "ballistic_missile"]
    table = stats.rate_table(ballistic, "destroyed_share", time="month")
    complete = table.set_index("month")["complete"]
    assert not complete[pd.Timestamp("2026-06-01")] and complete[pd.Timestamp("2026-05-01")]
    drones = stats.rate_table(daily.loc[daily["weapon_group"] == "drone"], time="month")
    assert not drones.set_index("month")["complete"][pd.Timestamp("2022-09-01")]
