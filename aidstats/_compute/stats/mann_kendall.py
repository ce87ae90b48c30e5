"""Mann-Kendall trend test and Sen's slope, for one series or every group of a long table.

:func:`_mk_core` computes Mann-Kendall's S, its tie-corrected variance,
Kendall's tau-b and Sen's slope with its rank-based interval for many series
at once, from a ``(groups, months, months)`` array of pairwise differences,
so that :func:`mann_kendall_table` costs one numpy pass.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from aidstats._compute.stats.glm import two_sided_p, z_crit
from aidstats._compute.stats.prep import Prepared, group_keys, group_matrix, prepare
from aidstats._core.results import Result, TestResult
from aidstats.errors import InsufficientDataError

__all__ = ["MannKendallResult", "SenSlopeResult", "mann_kendall", "mann_kendall_table", "sen_slope"]

#: Largest pairwise-difference array built at once (elements); bigger tables go in chunks of rows.
_MK_CHUNK_ELEMENTS = 20_000_000
#: Distinct order statistics below which a partial sort beats a full one.
_PARTITION_LIMIT = 64
_TABLE_STATS = [
    "s",
    "var_s",
    "tau",
    "z",
    "p_value",
    "sen_slope",
    "sen_low",
    "sen_high",
    "intercept",
]


@dataclasses.dataclass(frozen=True, kw_only=True)
class SenSlopeResult(Result):
    """Sen's (1968) slope, units per month, with its rank-based interval."""

    intercept: float = float("nan")


@dataclasses.dataclass(frozen=True, kw_only=True)
class MannKendallResult(TestResult):
    """Mann-Kendall trend test with Sen's slope.

    ``estimate``/``low``/``high`` are Sen's slope (units per month) and its
    Sen (1968) / Gilbert (1987) interval; ``tau`` is Kendall's tau-b between
    time and value (as :func:`scipy.stats.kendalltau`); ``s`` and ``var_s``
    are the statistic and its tie-corrected variance (multiplied by the
    Hamed-Rao factor ``n_ratio`` when corrected); ``statistic`` is z with the
    continuity correction ``sign(S)(|S| - 1)/sqrt(var_s)``.
    """

    tau: float = float("nan")
    s: float = float("nan")
    var_s: float = float("nan")
    n_ratio: float = 1.0
    trend: str = ""
    intercept: float = float("nan")


def _mk_core(Y: np.ndarray, t: np.ndarray, alpha: float) -> dict[str, np.ndarray]:
    """Mann-Kendall and Sen for each row of ``Y`` (NaN = missing), time ``t``.

    Pairwise differences by broadcasting, in chunks of rows to cap memory.
    """
    out: dict[str, list[np.ndarray]] = {}
    T = Y.shape[1]
    rows = max(1, _MK_CHUNK_ELEMENTS // max(T * T, 1))
    for start in range(0, Y.shape[0], rows):
        part = _mk_chunk(Y[start : start + rows], t, alpha)
        for key, value in part.items():
            out.setdefault(key, []).append(value)
    return {k: np.concatenate(v) for k, v in out.items()}


def _order_statistic(sorted_slopes: np.ndarray, k: np.ndarray) -> np.ndarray:
    """The ``k[g]``-th slope of each row ``g``."""
    return np.take_along_axis(sorted_slopes, k[:, None], axis=1)[:, 0]


def _mk_chunk(Y: np.ndarray, t: np.ndarray, alpha: float) -> dict[str, np.ndarray]:
    valid = ~np.isnan(Y)
    complete = bool(valid.all())  # fast path: no masking needed
    n = valid.sum(axis=1).astype(float)
    iu, ju = np.triu_indices(Y.shape[1], k=1)
    diff = Y[:, ju] - Y[:, iu]  # (G, P): later minus earlier
    pair_ok = valid[:, ju] & valid[:, iu]
    sign = np.sign(diff)
    s = (sign if complete else np.where(pair_ok, sign, 0.0)).sum(axis=1)
    # ties: c_i = size of the tie group of value i; sum_i (c_i-1)(2c_i+5) = sum_g t(t-1)(2t+5)
    equal = Y[:, :, None] == Y[:, None, :]  # NaN never equals: missing values drop out
    c = equal.sum(axis=2, dtype=np.int64).astype(float)
    tie_var = np.where(valid, (c - 1) * (2 * c + 5), 0.0).sum(axis=1)
    tie_pairs = np.where(valid, (c - 1), 0.0).sum(axis=1) / 2
    var_s = (n * (n - 1) * (2 * n + 5) - tie_var) / 18
    n0 = n * (n - 1) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        tau = s / np.sqrt(n0 * (n0 - tie_pairs))
        z = np.where(s == 0, 0.0, np.sign(s) * (np.abs(s) - 1) / np.sqrt(var_s))
        slopes = diff / (t[ju] - t[iu])  # NaN where a value is missing
    nt = pair_ok.sum(axis=1)
    # Sen (1968) interval, order-statistic indices as in scipy.stats.theilslopes
    zc = z_crit(alpha)
    sigma = np.sqrt(var_s)
    ru = np.clip(np.minimum(np.round((nt + zc * sigma) / 2).astype(int), nt - 1), 0, None)
    rl = np.clip(np.maximum(np.round((nt - zc * sigma) / 2).astype(int) - 1, 0), 0, None)
    mid_lo, mid_hi = np.clip((nt - 1) // 2, 0, None), np.clip(nt // 2, 0, None)
    wanted = np.concatenate([rl, ru, mid_lo, mid_hi])
    if complete and np.unique(wanted).size < _PARTITION_LIMIT:
        # partial sort at the few order statistics needed (all rows share nt)
        slopes = np.partition(slopes, np.unique(wanted), axis=1)
    else:
        slopes.sort(axis=1)  # NaN last
    sen = (_order_statistic(slopes, mid_lo) + _order_statistic(slopes, mid_hi)) / 2
    low, high = _order_statistic(slopes, rl), _order_statistic(slopes, ru)
    tt = np.where(valid, t[None, :], np.nan)
    intercept = np.nanmedian(Y, axis=1) - sen * np.nanmedian(tt, axis=1)
    return {
        "n": n,
        "s": s,
        "var_s": var_s,
        "tau": tau,
        "z": z,
        "p_value": two_sided_p(z),
        "sen": sen,
        "sen_low": low,
        "sen_high": high,
        "intercept": intercept,
    }


def _hamed_rao_factor(prep: Prepared, sen: float, alpha: float) -> float:
    """Hamed and Rao (1998) variance factor n/n* from significant rank autocorrelations."""
    from scipy.stats import rankdata

    n = len(prep.y)
    ranks = rankdata(prep.y - sen * prep.t)
    d = ranks - ranks.mean()
    denom = (d * d).sum()
    acf = np.array([(d[k:] * d[:-k]).sum() / denom for k in range(1, n)])
    bound = z_crit(alpha) / math.sqrt(n)
    k = np.arange(1, n)
    significant = np.abs(acf) > bound
    total = ((n - k) * (n - k - 1) * (n - k - 2) * acf)[significant].sum()
    return float(1 + 2 / (n * (n - 1) * (n - 2)) * total)


def _one_series(prep: Prepared, alpha: float) -> dict[str, float]:
    return {k: float(v[0]) for k, v in _mk_core(prep.y[None], prep.t, alpha).items()}


def mann_kendall(
    series: pd.Series,
    *,
    alpha: float = 0.05,
    autocorrelation: Literal["none", "hamed_rao"] = "none",
) -> MannKendallResult:
    """Mann-Kendall trend test with Sen's slope and its interval.

    Parameters
    ----------
    series
        Values indexed by month (see :func:`trend`); NaN values are dropped.
    alpha
        Level of the Sen interval and of the significance bounds.
    autocorrelation
        ``"none"`` (the original test, which assumes independent months) or
        ``"hamed_rao"``: the variance of S is multiplied by Hamed and Rao's
        (1998) factor n/n*, computed from the lag-k autocorrelations of the
        ranks of the Sen-detrended series that are significant at ``alpha``
        (all lags 1..n-1, as in pyMannKendall). Pre-whitening is not used.

    Returns
    -------
    MannKendallResult

    Raises
    ------
    InsufficientDataError
        Fewer than 4 values, or all values tied (var S = 0).

    Examples
    --------
    >>> import pandas as pd
    >>> from aidstats.stats import mann_kendall
    >>> x = [12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7]
    >>> r = mann_kendall(pd.Series(x))
    >>> r.s, round(r.var_s, 3), round(r.statistic, 4)
    (54.0, 332.667, 2.9058)
    """
    prep = prepare(series, min_n=4, what="mann_kendall")
    core = _one_series(prep, alpha)
    if core["var_s"] <= 0:
        raise InsufficientDataError("mann_kendall: all values are tied; no trend test possible")
    ratio, var_s, z, p = 1.0, core["var_s"], core["z"], core["p_value"]
    method = "Mann-Kendall (tie-corrected variance, continuity correction); Sen slope"
    if autocorrelation == "hamed_rao":
        ratio = _hamed_rao_factor(prep, core["sen"], alpha)
        if ratio <= 0:
            raise InsufficientDataError("Hamed-Rao variance factor is not positive")
        var_s = var_s * ratio
        s = core["s"]
        z = 0.0 if s == 0 else math.copysign(abs(s) - 1, s) / math.sqrt(var_s)
        p = float(two_sided_p(z))
        method = "Mann-Kendall with Hamed-Rao (1998) variance correction; Sen slope"
    elif autocorrelation != "none":
        raise ValueError("autocorrelation must be 'none' or 'hamed_rao'")
    direction = "no trend" if p >= alpha else ("increasing" if z > 0 else "decreasing")
    return MannKendallResult(
        estimate=core["sen"],
        low=core["sen_low"],
        high=core["sen_high"],
        alpha=alpha,
        method=method,
        n=int(core["n"]),
        notes=prep.notes,
        p_value=p,
        statistic=z,
        tau=core["tau"],
        s=core["s"],
        var_s=var_s,
        n_ratio=ratio,
        trend=direction,
        intercept=core["intercept"],
    )


def sen_slope(series: pd.Series, *, alpha: float = 0.05) -> SenSlopeResult:
    """Sen's slope (median of pairwise slopes, units per month) with its interval.

    The interval is Sen's (1968) rank-based one, as given by Gilbert (1987,
    sec. 16.5) with the tie-corrected variance of S; the order-statistic
    indices follow :func:`scipy.stats.theilslopes`, and the intercept is
    ``median(y) - slope * median(t)``.

    Examples
    --------
    >>> import pandas as pd
    >>> from aidstats.stats import sen_slope
    >>> r = sen_slope(pd.Series([1.0, 3, 2, 5, 4, 6, 8, 7]))
    >>> r.estimate, r.low, r.high
    (1.0, 0.5, 1.5)
    """
    prep = prepare(series, min_n=3, what="sen_slope")
    core = _one_series(prep, alpha)
    return SenSlopeResult(
        estimate=core["sen"],
        low=core["sen_low"],
        high=core["sen_high"],
        alpha=alpha,
        method="Sen (1968) slope; rank-based interval (Gilbert 1987)",
        n=int(core["n"]),
        notes=prep.notes,
        intercept=core["intercept"],
    )


def mann_kendall_table(
    long_frame: pd.DataFrame,
    by: str | Sequence[str],
    *,
    value: str = "value",
    time: str = "month",
    alpha: float = 0.05,
    min_n: int = 4,
) -> pd.DataFrame:
    """Mann-Kendall and Sen's slope for every group of a long table, in one numpy pass.

    Parameters
    ----------
    long_frame
        One row per group and month.
    by
        Grouping column(s).
    value, time
        The value and month columns. Months absent for a group are missing
        (not zero).
    alpha
        Level of the Sen interval.
    min_n
        Groups with fewer values, or with all values tied, get ``status``
        ``"insufficient: ..."`` and NaN statistics (documented, not silent).

    Returns
    -------
    DataFrame
        by..., n, s, var_s, tau, z, p_value, sen_slope, sen_low, sen_high,
        intercept, status ("ok" or the reason). No autocorrelation correction
        (use :func:`mann_kendall` with ``autocorrelation="hamed_rao"`` per series).

    Examples
    --------
    >>> from aidstats import datasets
    >>> from aidstats.stats import mann_kendall_table
    >>> aid = datasets.load("aid_monthly")
    >>> table = mann_kendall_table(aid, "category", value="eur_bn", time="month")
    >>> table["category"].tolist()
    ['financial', 'humanitarian', 'military']
    """
    groups, t, Y, _ = group_matrix(long_frame, group_keys(by), value, time)
    core = _mk_core(Y, t, alpha)
    too_few = core["n"] < min_n
    status = np.where(
        too_few,
        f"insufficient: fewer than {min_n} values",
        np.where(core["var_s"] <= 0, "insufficient: all values tied", "ok"),
    )
    table = groups.assign(
        n=core["n"].astype(int),
        s=core["s"],
        var_s=core["var_s"],
        tau=core["tau"],
        z=core["z"],
        p_value=core["p_value"],
        sen_slope=core["sen"],
        sen_low=core["sen_low"],
        sen_high=core["sen_high"],
        intercept=core["intercept"],
        status=status,
    )
    table.loc[table["status"] != "ok", _TABLE_STATS] = np.nan
    return table
