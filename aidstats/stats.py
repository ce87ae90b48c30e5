"""Statistics with uncertainty: rates, trends, change points, comparisons, reconciliation.

Every function returns a frozen result (``estimate``, ``low``, ``high``,
``alpha``, ``method``, ``n``, and ``p_value`` for tests; ``to_frame()``,
``summary()``, HTML repr) or, for the table forms, a DataFrame with the same
columns per row. Every rate definition is named, every interval states its
method and what it assumes about dependence, and degenerate input (empty,
constant, all-zero, out of order, infinite or huge) raises
:class:`~aidstats.errors.InsufficientDataError` or
:class:`~aidstats.errors.DataValidationError` with a one-line reason.

The defaults assume the world these data live in: launches come in salvos
(rate intervals use the salvo design effect), months are autocorrelated
(trends, Mann-Kendall, comparisons and change points allow for AR(1)
dependence), many tests are run at once (tables adjust p-values, Holm by
default), and the last month of a snapshot is partial (incomplete periods
are left out of fits with a warning). ``benchmarks/calibrate.py`` measures
each default's coverage and false-alarm rate on simulations calibrated to
the data.

Rates
    :func:`interception_rate`, :func:`rate_table`, :func:`compare_rates`,
    :func:`definition_text`
Trends
    :func:`trend` (``ar1`` default; ``poisson``, ``negbin``, ``ols`` with HAC
    errors, ``theil_sen``), :func:`mann_kendall`, :func:`sen_slope`,
    :func:`seasonal_decomposition` (STL), :func:`trend_table`,
    :func:`mann_kendall_table`
Breaks and events
    :func:`change_points`, :func:`segmented_trend`, :func:`compare_periods`
Reconciliation
    :func:`check_claim`, :func:`claims_table`, :func:`reconcile`,
    :func:`claims_from_statements`, :func:`computed_for_claims`,
    :func:`aid_consistency`

The computations live in :mod:`aidstats._compute.stats` and take their data
as arguments; :func:`claims_from_statements`, :func:`check_claim`,
:func:`claims_table` and :func:`aid_consistency` load the bundled datasets
here when none are given.

Examples
--------
>>> from aidstats.stats import interception_rate
>>> r = interception_rate(80, 100)
>>> round(r.low, 3), round(r.high, 3), r.assumes
(0.711, 0.867, 'independent trials')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from aidstats import datasets
from aidstats._compute.stats import claims as _claims
from aidstats._compute.stats import events as _events
from aidstats._compute.stats import reconcile as _reconcile
from aidstats._compute.stats.breaks import SegmentedTrendResult, segmented_trend
from aidstats._compute.stats.changepoints import ChangePointResult, change_points
from aidstats._compute.stats.claims import (
    MEASURE_DEFINITIONS,
    MEASURES,
    ClaimCheck,
    claim_period,
    computed_for_claims,
)
from aidstats._compute.stats.compare import (
    BEFORE_AFTER_CAVEAT,
    PeriodComparisonResult,
    compare_periods,
)
from aidstats._compute.stats.decompose import DecompositionResult, seasonal_decomposition
from aidstats._compute.stats.definitions import RATE_DEFINITIONS, STILL_ATTACKING, definition_text
from aidstats._compute.stats.mann_kendall import (
    MannKendallResult,
    SenSlopeResult,
    mann_kendall,
    sen_slope,
)
from aidstats._compute.stats.mk_table import mann_kendall_table
from aidstats._compute.stats.multitest import P_ADJUST_METHODS
from aidstats._compute.stats.rate_compare import RateComparisonResult, compare_rates
from aidstats._compute.stats.rate_table import DEFINITIONS, rate_table
from aidstats._compute.stats.rates import RateResult, interception_rate
from aidstats._compute.stats.reconcile import COUNT_SLACK, TOLERANCES, reconcile
from aidstats._compute.stats.trend_models import TrendResult, hac_lags
from aidstats._compute.stats.trends import MODELS, OVERDISPERSION_THRESHOLD, trend, trend_table
from aidstats._core.results import Result, TestResult
from aidstats._core.vocab import QUALIFIER_BOUNDS
from aidstats.errors import IncompletePeriodWarning, RegimeChangeWarning

__all__ = [
    "BEFORE_AFTER_CAVEAT",
    "COUNT_SLACK",
    "DEFINITIONS",
    "MEASURES",
    "MEASURE_DEFINITIONS",
    "MODELS",
    "OVERDISPERSION_THRESHOLD",
    "P_ADJUST_METHODS",
    "QUALIFIER_BOUNDS",
    "RATE_DEFINITIONS",
    "STILL_ATTACKING",
    "TOLERANCES",
    "ChangePointResult",
    "ClaimCheck",
    "DecompositionResult",
    "IncompletePeriodWarning",
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
    "check_claim",
    "claim_period",
    "claims_from_statements",
    "claims_table",
    "compare_periods",
    "compare_rates",
    "computed_for_claims",
    "definition_text",
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
        qualifier, remark, speaker, source_url; sorted by period, speaker and
        measure.

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
    return _claims.claims_from_statements(statements, period_kind=period_kind)


def _bundled_claim_events() -> pd.DataFrame:
    """The bundled salvo table in long form (:func:`salvos_as_events`)."""
    return _events.salvos_as_events(datasets.load("strike_salvos"))


def check_claim(
    measure: str,
    period: Any,
    value: float,
    *,
    qualifier: str = "exact",
    events: pd.DataFrame | None = None,
) -> ClaimCheck:
    """One official figure against the Air Force reports: the count, its range, a verdict and a direction.

    Parameters
    ----------
    measure
        ``"missiles"``, ``"ballistic_missiles"``, ``"drones"`` or
        ``"glide_bombs"`` (:data:`MEASURES`; the definitions are in
        :data:`MEASURE_DEFINITIONS`).
    period
        A month (``"2025-06"``), a day, an ISO week (``"2025-W25"``), a range
        (``"2025-06-01/2025-06-15"`` or a pair) or a :class:`pandas.Period`.
    value
        The stated figure.
    qualifier
        ``"exact"``, ``"about"``, ``"over"`` (more than, at least),
        ``"nearly"`` (almost) or ``"up_to"``: the range of the true value it
        allows (:data:`QUALIFIER_BOUNDS`).
    events
        Strike events (:func:`aidstats.read_strike_events`); by default the
        bundled salvo table (one row per report and weapon class).

    Returns
    -------
    ClaimCheck
        ``counted`` (national reports, dated by the end of the window),
        ``low``/``high`` (its sensitivity range over dating and scope: not a
        confidence interval), ``claim_low``/``claim_high``, ``verdict``
        (``"consistent"``, ``"inconsistent"``, ``"not checkable"`` with its
        ``reason``), ``direction`` and ``definition``. Over a period the
        events do not cover, the count and its range are NaN (not 0) and the
        claim is not checkable.

    Raises
    ------
    ValueError
        An unknown measure or qualifier, a period that does not parse, a
        claimed figure that is negative or not finite.

    Examples
    --------
    >>> from aidstats.stats import check_claim
    >>> r = check_claim("ballistic_missiles", "2025-06", 80, qualifier="nearly")
    >>> r.verdict, r.direction
    ('inconsistent', 'claim above the count')
    >>> check_claim("glide_bombs", "2025-06", 5000, qualifier="about").verdict
    'not checkable'
    """
    events = _bundled_claim_events() if events is None else events
    return _claims.check_claim(measure, period, value, qualifier=qualifier, events=events)


def claims_table(
    month: Any = None,
    *,
    statements: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    period_kind: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Every official claim (or one month's) with its count, range, verdict and direction.

    The function behind ``aidstats claims [MONTH]``.

    Parameters
    ----------
    month
        Keep the claims whose period starts in this month (``"2025-06"``);
        all claims when omitted.
    statements, events
        The ``official_statements`` dataset and strike events; the bundled
        ones (statements, salvo table) when omitted.
    period_kind
        Keep statements of this kind; ``None`` (default) keeps all.

    Returns
    -------
    DataFrame
        statement_id, period_start, period_end, period_kind, measure,
        qualifier, claimed, computed, computed_low, computed_high, difference,
        ratio, claim_low, claim_high, lower, upper, consistent, direction,
        note, remark, speaker, source_url, verdict, reason.

    Examples
    --------
    >>> from aidstats.stats import claims_table
    >>> june = claims_table("2025-06")
    >>> sorted(set(june["verdict"]))
    ['consistent', 'inconsistent', 'not checkable']
    """
    claims = claims_from_statements(statements, period_kind=period_kind)
    if month is not None:
        start, end = claim_period(month)
        claims = claims.loc[(claims["period_start"] >= start) & (claims["period_start"] <= end)]
    events = _bundled_claim_events() if events is None else events
    return _claims.claims_table(claims.reset_index(drop=True), events)


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
