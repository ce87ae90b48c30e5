"""Proportions with intervals: an interception rate, for independent trials or trials in salvos.

Every interval states its method; counts are validated (finite, non-negative,
successes <= trials) and a rate of nothing (0 launched) raises. The
comparison of two rates is in :mod:`.rate_compare`.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

import numpy as np
import pandas as pd

from aidstats._compute.stats.clustered import clustered_share, effective_wilson
from aidstats._core.results import Result
from aidstats.errors import DataValidationError, InsufficientDataError

__all__ = [
    "INDEPENDENT_METHODS",
    "IntervalMethod",
    "RateMethod",
    "RateResult",
    "check_alpha",
    "count_value",
    "interception_rate",
    "validate_counts",
]

IntervalMethod = Literal["wilson", "jeffreys", "clopper_pearson"]
RateMethod = Literal["clustered", "wilson", "jeffreys", "clopper_pearson"]

#: Binomial intervals for independent trials, by name -> statsmodels' name.
INDEPENDENT_METHODS = {"wilson": "wilson", "jeffreys": "jeffreys", "clopper_pearson": "beta"}
_ASSUMES_INDEPENDENT = "independent trials"


@dataclasses.dataclass(frozen=True, kw_only=True)
class RateResult(Result):
    """A proportion (or an array of them) with its interval.

    ``estimate = successes / trials``; ``n`` is ``trials`` (fractional where
    the trials are). ``design_effect`` is the variance of the share over its
    binomial variance (``None`` where trials are taken as independent),
    ``n_clusters`` the number of salvos, ``effective_n`` the trials over the
    design effect, and ``assumes`` what the interval assumes.
    """

    successes: Any = None
    trials: Any = None
    design_effect: Any = None
    n_clusters: int | None = None
    effective_n: Any = None
    assumes: str = _ASSUMES_INDEPENDENT


def check_alpha(alpha: float) -> None:
    """alpha must lie strictly between 0 and 1."""
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie strictly between 0 and 1, got {alpha!r}")


def count_value(value: float) -> int | float:
    """A count as an int when it is whole, else the float (split attribution gives fractions)."""
    return int(value) if float(value).is_integer() else float(value)


def validate_counts(successes: np.ndarray, trials: np.ndarray) -> None:
    """Finite, non-negative counts with successes <= trials and some trials; raises otherwise."""
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


def _binomial(
    successes: np.ndarray, trials: np.ndarray, alpha: float, method: str
) -> tuple[np.ndarray, np.ndarray]:
    from statsmodels.stats.proportion import proportion_confint

    if method not in INDEPENDENT_METHODS:
        raise ValueError(
            f"unknown interval method {method!r}; use 'clustered' or one of {sorted(INDEPENDENT_METHODS)}"
        )
    low, high = proportion_confint(
        successes, trials, alpha=alpha, method=INDEPENDENT_METHODS[method]
    )
    est = successes / trials
    # At 0 and 1 the interval is closed at the estimate: statsmodels' Jeffreys bound there is
    # the beta quantile (e.g. 4.8e-5 for 0 of 10); Brown, Cai and DasGupta (2001) set it to 0/1.
    return np.minimum(np.asarray(low, float), est), np.maximum(np.asarray(high, float), est)


def interception_rate(
    neutralised: Any,
    launched: Any,
    *,
    method: RateMethod = "clustered",
    alpha: float = 0.05,
    clusters: Any = None,
    design_effect: float | None = None,
) -> RateResult:
    """Share of launched weapons neutralised, with an interval that allows for salvos when it can.

    Parameters
    ----------
    neutralised, launched
        Counts (scalars or equal-length arrays). Name the numerator for the
        definition you use (``destroyed`` or ``destroyed + not_reach_goal``).
    method
        ``"clustered"`` (default): when ``clusters`` is given, the rows are
        pooled into one share and its interval is Wilson's on the effective
        sample size (launches / design effect) with Student's t on
        (clusters - 1) degrees of freedom (:mod:`.clustered`); with a
        ``design_effect`` given, Wilson's on launches / design_effect;
        otherwise there is no cluster structure and the interval is
        Wilson's, which ``assumes`` independent trials (the result says so).
        ``"wilson"``, ``"jeffreys"``, ``"clopper_pearson"``: binomial
        intervals for genuinely independent trials, by
        :func:`statsmodels.stats.proportion.proportion_confint`, closed at
        the estimate when it is 0 or 1 (Brown, Cai and DasGupta 2001: the
        Jeffreys bound there is 0 or 1, not statsmodels' beta quantile).
    alpha
        One minus the confidence level.
    clusters
        One label per row: the salvo (report) of each row's launches.
    design_effect
        A known variance ratio over the binomial (at least 1).

    Returns
    -------
    RateResult
        ``estimate``, ``low``, ``high`` are floats for scalar input or pooled
        clusters, arrays otherwise.

    Raises
    ------
    DataValidationError
        Negative or non-finite counts, or ``neutralised > launched``.
    InsufficientDataError
        ``launched == 0`` anywhere (a rate of nothing is undefined).

    Examples
    --------
    >>> from aidstats.stats import interception_rate
    >>> r = interception_rate(4971, 5801)   # June 2025, all reporters, summed
    >>> round(r.estimate, 4), round(r.low, 4), round(r.high, 4), r.assumes
    (0.8569, 0.8477, 0.8657, 'independent trials')
    >>> r = interception_rate([40, 10, 35, 5], [50, 30, 40, 20], clusters=["a", "b", "c", "d"])
    >>> round(r.low, 3), round(r.high, 3), round(r.design_effect, 2), r.n_clusters
    (0.218, 0.921, 12.4, 4)
    """
    check_alpha(alpha)
    scalar = np.ndim(neutralised) == 0 and np.ndim(launched) == 0
    x = np.atleast_1d(np.asarray(neutralised, dtype=float))
    n = np.atleast_1d(np.asarray(launched, dtype=float))
    if x.shape != n.shape:
        raise ValueError(f"neutralised {x.shape} and launched {n.shape} differ in shape")
    validate_counts(x, n)
    if method == "clustered" and clusters is not None:
        return _pooled_clusters(x, n, clusters, alpha)
    if method == "clustered" and design_effect is not None:
        deff = np.full(x.shape, max(float(design_effect), 1.0))
        low, high = effective_wilson(x, n, deff, np.full(x.shape, np.inf), alpha)
        label = f"wilson on launches / design effect {deff[0]:.3g}, {100 * (1 - alpha):g}%"
        assumes = f"a design effect of {deff[0]:.3g} (given)"
    else:
        low, high = _binomial(x, n, alpha, "wilson" if method == "clustered" else method)
        label = f"{'wilson' if method == 'clustered' else method} interval, {100 * (1 - alpha):g}%"
        deff, assumes = None, _ASSUMES_INDEPENDENT
    est = x / n
    pick = (lambda a: float(a[0])) if scalar else (lambda a: a)
    return RateResult(
        estimate=pick(est),
        low=pick(low),
        high=pick(high),
        alpha=alpha,
        method=label,
        n=count_value(n[0]) if scalar else n,
        successes=pick(x),
        trials=pick(n),
        design_effect=None if deff is None else pick(deff),
        effective_n=None if deff is None else pick(n / deff),
        assumes=assumes,
    )


def _pooled_clusters(x: np.ndarray, n: np.ndarray, clusters: Any, alpha: float) -> RateResult:
    labels = np.asarray(clusters, dtype=object)
    if labels.shape != x.shape:
        raise ValueError(f"clusters {labels.shape} and counts {x.shape} differ in shape")
    sums = pd.DataFrame({"c": labels, "x": x, "n": n}).groupby("c", sort=True)[["x", "n"]].sum()
    share = clustered_share(sums["x"].to_numpy(), sums["n"].to_numpy(), alpha)
    deff = share["design_effect"]
    known = np.isfinite(deff)
    notes = (
        ()
        if known
        else ("the design effect cannot be estimated (one salvo, or a share of 0 or 1)",)
    )
    return RateResult(
        estimate=share["estimate"],
        low=share["low"],
        high=share["high"],
        alpha=alpha,
        method=f"clustered: Wilson on launches / design effect (CR2), t on {share['df']:.3g} df "
        f"(effective clusters - 1), {100 * (1 - alpha):g}%",
        n=count_value(share["trials"]),
        notes=notes,
        successes=share["successes"],
        trials=share["trials"],
        design_effect=deff if known else None,
        n_clusters=share["n_clusters"],
        effective_n=share["effective_n"],
        assumes="launches clustered by the ids given (salvos, days...; independent clusters)"
        if known
        else _ASSUMES_INDEPENDENT,
    )
