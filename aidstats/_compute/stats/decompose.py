"""Seasonal-trend decomposition (STL) of a complete monthly series, with the strength of each part."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from aidstats._compute.stats.prep import prepare
from aidstats._core.results import Result
from aidstats.errors import InsufficientDataError

__all__ = ["DecompositionResult", "seasonal_decomposition"]


@dataclasses.dataclass(frozen=True, kw_only=True)
class DecompositionResult(Result):
    """STL decomposition; ``estimate`` is the strength of seasonality.

    Strength (Wang, Smith and Hyndman 2006) is ``max(0, 1 - var(R)/var(S+R))``;
    ``trend_strength`` likewise with the trend. ``components`` has columns
    time, observed, trend, seasonal, resid.
    """

    trend_strength: float = float("nan")
    period: int = 12
    components: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)


def _strength(component: np.ndarray, resid: np.ndarray) -> float:
    """``max(0, 1 - var(R)/var(C+R))``; 0 when C+R does not vary."""
    total = np.var(component + resid)
    return float(max(0.0, 1 - np.var(resid) / total)) if total > 0 else 0.0


def seasonal_decomposition(
    series: pd.Series, *, period: int = 12, robust: bool = True
) -> DecompositionResult:
    """STL decomposition (statsmodels) of a complete monthly series.

    Parameters
    ----------
    series
        Values indexed by month.
    period
        Length of the seasonal cycle in observations (12 for months).
    robust
        Use STL's robust fitting, which keeps single outlying months from
        bending the trend and the season.

    Raises
    ------
    InsufficientDataError
        Fewer than ``2 * period`` (24) months, NaN values or missing months:
        STL needs a complete, regular series.

    Examples
    --------
    >>> from aidstats import datasets
    >>> from aidstats.stats import seasonal_decomposition
    >>> aid = datasets.load("aid_totals_monthly").set_index("month")["total_eur_bn"]
    >>> r = seasonal_decomposition(aid)
    >>> list(r.components.columns)
    ['time', 'observed', 'trend', 'seasonal', 'resid']
    """
    from statsmodels.tsa.seasonal import STL

    prep = prepare(series, min_n=2 * period, what="seasonal_decomposition")
    if prep.notes:
        raise InsufficientDataError(
            "seasonal_decomposition needs a complete monthly series: " + "; ".join(prep.notes)
        )
    fit = STL(prep.y, period=period, robust=robust).fit()
    trend, seasonal, resid = (np.asarray(a) for a in (fit.trend, fit.seasonal, fit.resid))
    components = pd.DataFrame(
        {
            "time": prep.labels,
            "observed": prep.y,
            "trend": trend,
            "seasonal": seasonal,
            "resid": resid,
        }
    )
    return DecompositionResult(
        estimate=_strength(seasonal, resid),
        alpha=float("nan"),
        method=f"STL (statsmodels), period {period}, robust={robust}; seasonal strength",
        n=len(prep.y),
        trend_strength=_strength(trend, resid),
        period=period,
        components=components,
    )
