"""Proportions with intervals: an interception rate, and the comparison of two rates.

Every interval states its method; counts are validated (finite, non-negative,
successes <= trials) and a rate of nothing (0 launched) raises.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

import numpy as np

from aidstats._compute.stats.glm import two_sided_p, z_crit
from aidstats._core.results import Result, TestResult
from aidstats.errors import DataValidationError, InsufficientDataError

__all__ = [
    "IntervalMethod",
    "RateComparisonResult",
    "RateResult",
    "compare_rates",
    "interception_rate",
]

IntervalMethod = Literal["wilson", "jeffreys", "clopper_pearson"]

#: statsmodels' name of each interval method.
_SM_METHODS = {"wilson": "wilson", "jeffreys": "jeffreys", "clopper_pearson": "beta"}


@dataclasses.dataclass(frozen=True, kw_only=True)
class RateResult(Result):
    """A proportion (or an array of them) with its interval.

    ``estimate = successes / trials``; ``n`` is ``trials``.
    """

    successes: Any = None
    trials: Any = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class RateComparisonResult(TestResult):
    """Two proportions compared: ``estimate`` is the difference ``p1 - p2``.

    ``low``/``high`` is Newcombe's hybrid score interval of the difference,
    ``ratio`` (``p1 / p2``) has a Katz log interval, ``p_value`` is the
    two-sided score (Pearson chi-square) test of ``p1 == p2``.
    """

    p1: float = float("nan")
    p2: float = float("nan")
    successes1: float = 0.0
    trials1: float = 0.0
    successes2: float = 0.0
    trials2: float = 0.0
    ratio: float = float("nan")
    ratio_low: float = float("nan")
    ratio_high: float = float("nan")


def _check_method(method: str) -> str:
    if method not in _SM_METHODS:
        raise ValueError(f"unknown interval method {method!r}; use one of {sorted(_SM_METHODS)}")
    return _SM_METHODS[method]


def _check_alpha(alpha: float) -> None:
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie strictly between 0 and 1, got {alpha!r}")


def _validate_counts(successes: np.ndarray, trials: np.ndarray) -> None:
    failures: list[dict[str, Any]] = []
    for column, values in (("neutralised", successes), ("launched", trials)):
        for i in np.flatnonzero(~np.isfinite(values)):
            failures.append({"row": int(i), "column": column, "value": values[i], "rule": "finite"})
        for i in np.flatnonzero(values < 0):
            failures.append({"row": int(i), "column": column, "value": values[i], "rule": ">= 0"})
    for i in np.flatnonzero(successes > trials):
        failures.append(
            {"row": int(i), "column": "neutralised", "value": successes[i], "rule": "<= launched"}
        )
    if failures:
        raise DataValidationError("invalid counts for a rate", failures)
    if np.any(trials == 0):
        zero = np.flatnonzero(trials == 0).tolist()
        raise InsufficientDataError(
            f"a rate needs at least one launch; launched is 0 at position(s) {zero[:10]}"
        )


def _confint(
    successes: np.ndarray, trials: np.ndarray, alpha: float, method: str
) -> tuple[np.ndarray, np.ndarray]:
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(successes, trials, alpha=alpha, method=_check_method(method))
    est = successes / trials
    # guard against rounding of the closed forms at 0 and 1
    return np.minimum(np.asarray(low, float), est), np.maximum(np.asarray(high, float), est)


def interception_rate(
    neutralised: Any,
    launched: Any,
    *,
    method: IntervalMethod = "wilson",
    alpha: float = 0.05,
) -> RateResult:
    """Share of launched weapons neutralised, with a binomial interval.

    Parameters
    ----------
    neutralised, launched
        Counts (scalars or equal-length arrays). Name the numerator for the
        definition you use (``destroyed`` or ``destroyed + not_reach_goal``).
    method
        ``"wilson"`` (default), ``"jeffreys"`` or ``"clopper_pearson"``
        (computed by :func:`statsmodels.stats.proportion.proportion_confint`).
    alpha
        One minus the confidence level.

    Returns
    -------
    RateResult
        ``estimate``, ``low``, ``high`` are floats for scalar input, arrays
        otherwise.

    Raises
    ------
    DataValidationError
        Negative or non-finite counts, or ``neutralised > launched``.
    InsufficientDataError
        ``launched == 0`` anywhere (a rate of nothing is undefined).

    Notes
    -----
    The binomial model treats launched weapons as independent trials. Weapons
    of one salvo are not independent, so these intervals are a lower bound
    on the real uncertainty of a pooled rate.

    Examples
    --------
    >>> from aidstats.stats import interception_rate
    >>> r = interception_rate(4971, 5801)   # June 2025, all reporters
    >>> round(r.estimate, 4), round(r.low, 4), round(r.high, 4)
    (0.8569, 0.8477, 0.8657)
    """
    _check_alpha(alpha)
    scalar = np.ndim(neutralised) == 0 and np.ndim(launched) == 0
    x = np.atleast_1d(np.asarray(neutralised, dtype=float))
    n = np.atleast_1d(np.asarray(launched, dtype=float))
    if x.shape != n.shape:
        raise ValueError(f"neutralised {x.shape} and launched {n.shape} differ in shape")
    _validate_counts(x, n)
    low, high = _confint(x, n, alpha, method)
    est = x / n
    label = f"{method} interval, {100 * (1 - alpha):g}%"
    if scalar:
        return RateResult(
            estimate=float(est[0]),
            low=float(low[0]),
            high=float(high[0]),
            alpha=alpha,
            method=label,
            n=int(n[0]),
            successes=float(x[0]),
            trials=float(n[0]),
        )
    return RateResult(
        estimate=est,
        low=low,
        high=high,
        alpha=alpha,
        method=label,
        n=n,
        successes=x,
        trials=n,
    )


def _katz_ratio(
    x1: float, n1: float, x2: float, n2: float, z: float
) -> tuple[float, float, float, bool]:
    adjusted = x1 == 0 or x2 == 0
    if adjusted:  # Haldane-Anscombe: add 0.5 so the log interval exists
        x1, x2, n1, n2 = x1 + 0.5, x2 + 0.5, n1 + 0.5, n2 + 0.5
    ratio = (x1 / n1) / (x2 / n2)
    se = np.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2)
    return ratio, ratio * np.exp(-z * se), ratio * np.exp(z * se), adjusted


def compare_rates(
    successes1: float,
    trials1: float,
    successes2: float,
    trials2: float,
    *,
    alpha: float = 0.05,
) -> RateComparisonResult:
    """Compare two proportions: difference and ratio with intervals, and a test.

    Parameters
    ----------
    successes1, trials1
        Counts of the first group or period (e.g. *after*).
    successes2, trials2
        Counts of the second (e.g. *before*).
    alpha
        One minus the confidence level.

    Returns
    -------
    RateComparisonResult
        ``estimate = p1 - p2`` with Newcombe's (1998) hybrid score interval
        (method 10, built from the two Wilson intervals); ``ratio = p1 / p2``
        with the Katz log interval (0.5 added to every cell when a count is
        0); ``p_value`` of the two-sided score test of equal proportions
        (equal to Pearson's chi-square test without continuity correction).

    Examples
    --------
    >>> from aidstats.stats import compare_rates
    >>> r = compare_rates(56, 70, 48, 80)   # Newcombe (1998), example (a)
    >>> round(r.estimate, 4), round(r.low, 4), round(r.high, 4)
    (0.2, 0.0524, 0.3339)
    """
    _check_alpha(alpha)
    x = np.array([successes1, successes2], dtype=float)
    n = np.array([trials1, trials2], dtype=float)
    _validate_counts(x, n)
    rates = interception_rate(x, n, alpha=alpha)
    p1, p2 = rates.estimate
    (l1, l2), (u1, u2) = rates.low, rates.high
    diff = p1 - p2
    low = diff - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = diff + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    ratio, r_low, r_high, adjusted = _katz_ratio(x[0], n[0], x[1], n[1], z_crit(alpha))
    pooled = x.sum() / n.sum()
    se0 = np.sqrt(pooled * (1 - pooled) * (1 / n[0] + 1 / n[1]))
    if se0 > 0:
        z = diff / se0
        p_value = float(two_sided_p(z))
    else:  # both proportions 0 or both 1: no evidence of a difference
        z, p_value = 0.0, 1.0
    notes = ("0.5 added to each count for the ratio interval (a zero count)",) if adjusted else ()
    return RateComparisonResult(
        estimate=float(diff),
        low=float(low),
        high=float(high),
        alpha=alpha,
        method="difference: Newcombe hybrid score; ratio: Katz log; test: score (chi-square)",
        n=int(n.sum()),
        notes=notes,
        p_value=p_value,
        statistic=float(z),
        p1=float(p1),
        p2=float(p2),
        successes1=float(x[0]),
        trials1=float(n[0]),
        successes2=float(x[1]),
        trials2=float(n[1]),
        ratio=float(ratio),
        ratio_low=float(r_low),
        ratio_high=float(r_high),
    )
