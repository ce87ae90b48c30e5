"""Every public statistic refuses degenerate input with a one-line reason, never a numpy or ruptures error.

Empty, single-point, constant, all-zero, negative, NaN, unsorted, duplicated
and huge or infinite series, indexed by month Timestamps or monthly Periods
alike, go to every public function; each returns a result or raises
:class:`~aidstats.errors.InsufficientDataError` /
:class:`~aidstats.errors.DataValidationError` with its reason on one line
(a DataValidationError may add its table of failing rows below it).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidstats import stats
from aidstats.errors import DataValidationError, InsufficientDataError

KINDS = (
    "empty",
    "single",
    "constant",
    "zeros",
    "negative",
    "nan",
    "some_nan",
    "unsorted",
    "duplicated",
    "huge",
    "inf",
    "tiny",
    "ok",
)


def _values(kind: str, n: int, rng: np.random.Generator) -> np.ndarray:
    base = rng.poisson(50, n).astype(float) + 1
    return {
        "empty": np.zeros(0),
        "single": base[:1],
        "constant": np.full(n, 7.0),
        "zeros": np.zeros(n),
        "negative": base - 60,
        "nan": np.full(n, np.nan),
        "some_nan": np.where(np.arange(n) % 3 == 0, np.nan, base),
        "huge": base * 1e300,
        "inf": np.where(np.arange(n) == n // 2, np.inf, base),
        "tiny": base * 1e-300,
    }.get(kind, base)


def degenerate(kind: str, n: int, periods: bool, seed: int) -> pd.Series:
    """A monthly series of the given kind, indexed by Timestamps or Periods."""
    rng = np.random.default_rng(seed)
    values = _values(kind, n, rng)
    index = pd.period_range("2022-01", periods=len(values), freq="M")
    if kind == "unsorted" and len(values) > 1:
        index = index[rng.permutation(len(values))]
    if kind == "duplicated" and len(values) > 1:
        index = index.insert(1, index[0])[: len(values)]
    if not periods:
        index = index.to_timestamp()
    return pd.Series(values, index=index)


def _middle(s: pd.Series) -> Any:
    if len(s) == 0:
        return "2022-06"
    label = s.index[len(s) // 2]
    return label.to_timestamp() if isinstance(label, pd.Period) else label


def _long(s: pd.Series) -> pd.DataFrame:
    months = s.index.to_timestamp() if isinstance(s.index, pd.PeriodIndex) else s.index
    ok = pd.Series(np.arange(1.0, 25.0), index=pd.date_range("2022-01-01", periods=24, freq="MS"))
    return pd.concat(
        [
            pd.DataFrame({"g": "bad", "month": months, "value": s.to_numpy()}),
            pd.DataFrame({"g": "ok", "month": ok.index, "value": ok.to_numpy()}),
        ],
        ignore_index=True,
    )


SERIES_CALLS: dict[str, Callable[[pd.Series], Any]] = {
    **{f"trend[{m}]": (lambda s, m=m: stats.trend(s, m)) for m in stats.MODELS},
    **{
        f"mann_kendall[{a}]": (lambda s, a=a: stats.mann_kendall(s, autocorrelation=a))
        for a in ("ar1", "none", "hamed_rao")
    },
    "sen_slope": stats.sen_slope,
    "seasonal_decomposition": stats.seasonal_decomposition,
    "change_points": lambda s: stats.change_points(s, n_boot=19),
    "change_points[pelt]": lambda s: stats.change_points(s, method="pelt"),
    "segmented_trend": lambda s: stats.segmented_trend(s, [_middle(s)]),
    "segmented_trend[poisson]": lambda s: stats.segmented_trend(s, [_middle(s)], model="poisson"),
    "compare_periods": lambda s: stats.compare_periods(s, at=_middle(s)),
    "compare_periods[none]": lambda s: stats.compare_periods(
        s, at=_middle(s), autocorrelation="none"
    ),
    "compare_periods[trials]": lambda s: stats.compare_periods(
        s, at=_middle(s), trials=s.abs() * 2 + 1
    ),
    "interception_rate": lambda s: stats.interception_rate(s.to_numpy(), s.to_numpy() * 2),
    "interception_rate[clusters]": lambda s: stats.interception_rate(
        s.to_numpy(), s.to_numpy() * 2, clusters=np.arange(len(s)) % 3
    ),
    "trend_table": lambda s: stats.trend_table(_long(s), "g"),
    "trend_table[poisson]": lambda s: stats.trend_table(_long(s), "g", model="poisson"),
    "mann_kendall_table": lambda s: stats.mann_kendall_table(_long(s), "g"),
    "rate_table": lambda s: stats.rate_table(
        pd.DataFrame(
            {
                "period": _long(s)["month"],
                "launched": _long(s)["value"] * 2,
                "destroyed": _long(s)["value"],
                "not_reach_goal": 0.0,
            }
        )
    ),
    "compare_rates": lambda s: stats.compare_rates(s.sum(), s.sum() * 2, s.max(), s.max() * 2),
}


def _check(call: Callable[[pd.Series], Any], series: pd.Series) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # incomplete periods, regimes: not the point here
        try:
            call(series)
        except (InsufficientDataError, DataValidationError) as err:
            # the reason is one line; a DataValidationError may add its table of failing rows
            reason = err.message if isinstance(err, DataValidationError) else str(err)
            assert reason and "\n" not in reason, str(err)


@pytest.mark.parametrize("name", sorted(SERIES_CALLS))
@settings(max_examples=40, deadline=None)
@given(
    kind=st.sampled_from(KINDS), n=st.integers(2, 30), periods=st.booleans(), seed=st.integers(0, 3)
)
def test_degenerate_series_are_refused_clearly(
    name: str, kind: str, n: int, periods: bool, seed: int
) -> None:
    _check(SERIES_CALLS[name], degenerate(kind, n, periods, seed))


def test_the_seasonal_strength_of_a_constant_series_is_refused() -> None:
    constant = pd.Series(7.0, index=pd.date_range("2022-01-01", periods=36, freq="MS"))
    with pytest.raises(InsufficientDataError, match="constant"):
        stats.seasonal_decomposition(constant)


def test_month_periods_and_timestamps_give_the_same_results() -> None:
    s = degenerate("ok", 30, periods=True, seed=1)
    t = s.copy()
    t.index = s.index.to_timestamp()
    for name in (
        "trend[ar1]",
        "trend[poisson]",
        "mann_kendall[ar1]",
        "sen_slope",
        "compare_periods",
    ):
        a, b = SERIES_CALLS[name](s), SERIES_CALLS[name](t)
        assert a.estimate == pytest.approx(b.estimate) and a.high == pytest.approx(b.high), name


def test_compare_periods_warns_when_a_trend_leaves_no_independent_months() -> None:
    """A series growing through both windows: REML rho near 1, an interval of 1e-22 to 1e22 said nothing."""
    import warnings as _w

    from aidstats.errors import DataQualityWarning
    from aidstats.stats import compare_periods

    months = pd.date_range("2024-01-01", periods=24, freq="MS")
    rng = np.random.default_rng(0)
    growing = pd.Series(100 * np.exp(0.12 * np.arange(24) + rng.normal(0, 0.15, 24)), index=months)
    with pytest.warns(DataQualityWarning, match="segmented_trend"):
        compare_periods(growing, at="2025-01", before=12, after=12)
    level = pd.Series(100 + rng.normal(0, 10, 24), index=months)
    with _w.catch_warnings():
        _w.simplefilter("error", DataQualityWarning)
        compare_periods(level, at="2025-01", before=12, after=12)
