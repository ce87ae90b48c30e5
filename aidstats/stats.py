"""Statistics with uncertainty: rates, trends, change points, comparisons, reconciliation.

Every function returns a frozen result (``estimate``, ``low``, ``high``,
``alpha``, ``method``, ``n``, and ``p_value`` for tests; ``to_frame()``,
``summary()``, HTML repr) or, for the table forms, a DataFrame with the same
columns per row. Every rate definition is named, every interval states its
method, and short, all-zero or all-tied series raise
:class:`~aidstats.errors.InsufficientDataError` rather than return NaN.

Rates
    :func:`interception_rate`, :func:`rate_table`, :func:`compare_rates`
Trends
    :func:`trend` (``poisson``, ``negbin``, ``ols`` with HAC errors,
    ``theil_sen``), :func:`mann_kendall`, :func:`sen_slope`,
    :func:`seasonal_decomposition` (STL), :func:`trend_table`,
    :func:`mann_kendall_table`
Breaks and events
    :func:`change_points`, :func:`segmented_trend`, :func:`compare_periods`
Reconciliation
    :func:`reconcile`, :func:`claims_from_statements`,
    :func:`computed_for_claims`, :func:`aid_consistency`

The computations live in :mod:`aidstats._compute.stats` and take their data
as arguments; :func:`claims_from_statements` and :func:`aid_consistency`
load the bundled datasets here when none are given.

Examples
--------
>>> from aidstats.stats import interception_rate
>>> r = interception_rate(80, 100)
>>> round(r.low, 3), round(r.high, 3)
(0.711, 0.867)
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from aidstats import datasets
from aidstats._compute.stats import reconcile as _reconcile
from aidstats._compute.stats.breaks import (
    ChangePointResult,
    SegmentedTrendResult,
    change_points,
    segmented_trend,
)
from aidstats._compute.stats.compare import (
    BEFORE_AFTER_CAVEAT,
    PeriodComparisonResult,
    compare_periods,
)
from aidstats._compute.stats.decompose import DecompositionResult, seasonal_decomposition
from aidstats._compute.stats.mann_kendall import (
    MannKendallResult,
    SenSlopeResult,
    mann_kendall,
    mann_kendall_table,
    sen_slope,
)
from aidstats._compute.stats.rate_table import DEFINITIONS, rate_table
from aidstats._compute.stats.rates import (
    RateComparisonResult,
    RateResult,
    compare_rates,
    interception_rate,
)
from aidstats._compute.stats.reconcile import MEASURES, TOLERANCES, computed_for_claims, reconcile
from aidstats._compute.stats.trend_models import TrendResult, hac_lags
from aidstats._compute.stats.trends import OVERDISPERSION_THRESHOLD, trend, trend_table
from aidstats._core.results import Result, TestResult
from aidstats.errors import RegimeChangeWarning

__all__ = [
    "BEFORE_AFTER_CAVEAT",
    "DEFINITIONS",
    "MEASURES",
    "OVERDISPERSION_THRESHOLD",
    "TOLERANCES",
    "ChangePointResult",
    "DecompositionResult",
    "MannKendallResult",
    "PeriodComparisonResult",
    "RateComparisonResult",
    "RateResult",
    "RegimeChangeWarning",
    "Result",
    "SegmentedTrendResult",
    "SenSlopeResult",
    "TestResult",
    "TrendResult",
    "aid_consistency",
    "change_points",
    "claims_from_statements",
    "compare_periods",
    "compare_rates",
    "computed_for_claims",
    "hac_lags",
    "interception_rate",
    "mann_kendall",
    "mann_kendall_table",
    "rate_table",
    "reconcile",
    "seasonal_decomposition",
    "segmented_trend",
    "sen_slope",
    "trend",
    "trend_table",
]


def claims_from_statements(
    statements: pd.DataFrame | None = None,
    *,
    period_kind: str | Sequence[str] | None = "month",
) -> pd.DataFrame:
    """Official statements as a long table of claims, one row per statement and measure.

    Parameters
    ----------
    statements
        The ``official_statements`` dataset; the bundled one is loaded when
        omitted.
    period_kind
        Keep statements of this kind (``"month"``, ``"week"``, ``"other"``);
        ``None`` keeps all.

    Returns
    -------
    DataFrame
        statement_id, period_start, period_end, period_kind, measure, claimed,
        qualifier, remark, speaker, source_url; sorted by period and statement.

    Examples
    --------
    >>> import pandas as pd
    >>> from aidstats.stats import claims_from_statements
    >>> claims = claims_from_statements()
    >>> june = claims.loc[claims["period_start"] == pd.Timestamp("2025-06-01")]
    >>> june[["measure", "claimed", "qualifier"]].to_numpy().tolist()[:2]
    [['missiles', 330, 'over'], ['ballistic_missiles', 80, 'nearly']]
    """
    if statements is None:
        statements = datasets.load("official_statements")
    return _reconcile.claims_from_statements(statements, period_kind=period_kind)


def aid_consistency(
    totals: pd.DataFrame | None = None,
    channels: pd.DataFrame | None = None,
    *,
    tolerance: float = 0.02,
) -> pd.DataFrame:
    """Military aid per month against the sum of its channels (stockpile, procurement...).

    Parameters
    ----------
    totals, channels
        The ``aid_totals_monthly`` and ``aid_channels`` datasets; the bundled
        ones are loaded when omitted.
    tolerance
        Relative gap accepted as consistent (2%: rounding in the source).

    Returns
    -------
    DataFrame
        month, claimed (military_eur_bn), computed (channel sum), one column
        per channel, difference (computed - claimed), ratio, consistent, note.
        ``attrs["total"]`` holds the sums over all months. The gap is
        reported, never forced to zero.

    Examples
    --------
    >>> from aidstats.stats import aid_consistency
    >>> gap = aid_consistency()
    >>> round(gap.attrs["total"]["claimed"], 1), round(gap.attrs["total"]["computed"], 1)
    (173.0, 168.0)
    """
    totals = datasets.load("aid_totals_monthly") if totals is None else totals
    channels = datasets.load("aid_channels") if channels is None else channels
    return _reconcile.aid_consistency(totals, channels, tolerance=tolerance)
