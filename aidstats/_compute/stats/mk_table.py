"""Mann-Kendall and Sen's slope for every group of a long table, in one numpy pass."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from aidstats._compute.stats.completeness import drop_incomplete, frame_completeness
from aidstats._compute.stats.mann_kendall import TABLE_STATS, corrected_z, mk_core, t_p_value
from aidstats._compute.stats.mk_autocorr import ar1_variance_factor
from aidstats._compute.stats.multitest import with_adjusted_p
from aidstats._compute.stats.prep import group_keys, group_matrix

__all__ = ["mann_kendall_table"]


def mann_kendall_table(
    long_frame: pd.DataFrame,
    by: str | Sequence[str],
    *,
    value: str = "value",
    time: str = "month",
    alpha: float = 0.05,
    min_n: int = 4,
    autocorrelation: Literal["ar1", "none"] = "ar1",
    p_adjust: str = "holm",
    last_day: Any = None,
    keep_incomplete: bool = False,
) -> pd.DataFrame:
    """Mann-Kendall and Sen's slope for every group of a long table, in one numpy pass.

    Parameters
    ----------
    long_frame
        One row per group and month (several rows of a group and month are
        summed; missing stays missing). A ``complete`` column or ``last_day=``
        marks incomplete months, left out with a warning unless
        ``keep_incomplete=True``.
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
    autocorrelation
        ``"ar1"`` (default, as :func:`mann_kendall`) or ``"none"``.
    p_adjust
        Adjustment for the many tests: ``"holm"`` (default), ``"bh"`` or
        ``"bonferroni"`` (``statsmodels.stats.multitest``).

    Returns
    -------
    DataFrame
        by..., n, s, var_s (corrected), n_ratio, ar_rho, tau, z, p_value,
        p_adjusted, p_adjust_method, sen_slope, sen_low, sen_high, intercept,
        status ("ok" or the reason).

    Examples
    --------
    >>> from aidstats import datasets
    >>> from aidstats.stats import mann_kendall_table
    >>> aid = datasets.load("aid_monthly")
    >>> table = mann_kendall_table(aid, "category", value="eur_bn", time="month")
    >>> table["category"].tolist(), table["p_adjust_method"].iloc[0]
    (['financial', 'humanitarian', 'military'], 'Holm')
    """
    if autocorrelation not in ("ar1", "none"):
        raise ValueError("mann_kendall_table: autocorrelation must be 'ar1' or 'none'")
    mask = frame_completeness(long_frame, time, last_day=last_day)
    long_frame, _ = drop_incomplete(
        long_frame,
        mask,
        keep_incomplete=keep_incomplete,
        what="mann_kendall_table",
        labels=long_frame[time],
    )
    groups, t, Y, _ = group_matrix(long_frame, group_keys(by), value, time)
    core = mk_core(Y, t, alpha)
    factor = np.ones(len(Y))
    rho = np.full(len(Y), np.nan)
    df = np.full(len(Y), np.nan)
    if autocorrelation == "ar1":
        factor, df, rho = ar1_variance_factor(Y, t)
    var_s = core["var_s"] * factor
    z = corrected_z(core["s"], var_s)
    too_few = core["n"] < min_n
    status = np.where(
        too_few,
        f"insufficient: fewer than {min_n} values",
        np.where(core["var_s"] <= 0, "insufficient: all values tied", "ok"),
    )
    table = groups.assign(
        n=core["n"].astype(int),
        s=core["s"],
        var_s=var_s,
        n_ratio=factor,
        ar_rho=rho,
        tau=core["tau"],
        z=z,
        p_value=t_p_value(z, df),
        sen_slope=core["sen"],
        sen_low=core["sen_low"],
        sen_high=core["sen_high"],
        intercept=core["intercept"],
        status=status,
    )
    table.loc[table["status"] != "ok", TABLE_STATS + ["n_ratio", "ar_rho"]] = np.nan
    return with_adjusted_p(table, p_adjust)
