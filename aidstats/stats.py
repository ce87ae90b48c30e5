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

Examples
--------
>>> from aidstats.stats import interception_rate
>>> r = interception_rate(80, 100)
>>> round(r.low, 3), round(r.high, 3)
(0.711, 0.867)
"""

from __future__ import annotations

from aidstats._changepoints import (
    BEFORE_AFTER_CAVEAT,
    ChangePointResult,
    PeriodComparisonResult,
    SegmentedTrendResult,
    change_points,
    compare_periods,
    segmented_trend,
)
from aidstats._core.results import Result, TestResult
from aidstats._rates import (
    DEFINITIONS,
    RateComparisonResult,
    RateResult,
    RegimeChangeWarning,
    compare_rates,
    interception_rate,
    rate_table,
)
from aidstats._reconcile import (
    MEASURES,
    TOLERANCES,
    aid_consistency,
    claims_from_statements,
    computed_for_claims,
    reconcile,
)
from aidstats._trends import (
    OVERDISPERSION_THRESHOLD,
    DecompositionResult,
    MannKendallResult,
    SenSlopeResult,
    TrendResult,
    hac_lags,
    mann_kendall,
    mann_kendall_table,
    seasonal_decomposition,
    sen_slope,
    trend,
    trend_table,
)

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
