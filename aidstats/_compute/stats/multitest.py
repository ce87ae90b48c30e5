"""Adjusted p-values for tables of tests (Holm by default), through ``statsmodels.stats.multitest``.

A table of 30 trend tests at 5% finds about one or two "significant" trends
where there are none; every table of tests in :mod:`aidstats.stats`
therefore adds ``p_adjusted`` and names the adjustment in
``p_adjust_method``. Holm (1979) controls the chance of any false
rejection and is never worse than Bonferroni; Benjamini-Hochberg
(``"bh"``) controls the expected share of false discoveries instead.

Examples
--------
>>> import numpy as np
>>> from aidstats._compute.stats.multitest import adjust_p
>>> adjust_p(np.array([0.01, 0.04, np.nan, 0.03]), "holm").round(2).tolist()
[0.03, 0.06, nan, 0.06]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["P_ADJUST_METHODS", "adjust_p", "with_adjusted_p"]

#: Accepted names -> (statsmodels method, name written in the table).
P_ADJUST_METHODS: dict[str, tuple[str, str]] = {
    "holm": ("holm", "Holm"),
    "bh": ("fdr_bh", "Benjamini-Hochberg"),
    "fdr_bh": ("fdr_bh", "Benjamini-Hochberg"),
    "bonferroni": ("bonferroni", "Bonferroni"),
}


def _method(name: str) -> tuple[str, str]:
    if name not in P_ADJUST_METHODS:
        raise ValueError(f"p_adjust must be one of {sorted(P_ADJUST_METHODS)}, not {name!r}")
    return P_ADJUST_METHODS[name]


def adjust_p(p_values: np.ndarray, method: str = "holm") -> np.ndarray:
    """Adjusted p-values; NaN entries (tests that could not be run) stay NaN and do not count."""
    from statsmodels.stats.multitest import multipletests

    sm_method, _ = _method(method)
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    if ok.any():
        out[ok] = multipletests(p[ok], method=sm_method)[1]
    return out


def with_adjusted_p(
    table: pd.DataFrame, method: str = "holm", column: str = "p_value"
) -> pd.DataFrame:
    """``table`` with ``p_adjusted`` (after ``column``) and ``p_adjust_method``."""
    _, label = _method(method)
    adjusted = adjust_p(table[column].to_numpy(dtype=float), method)
    at = table.columns.get_loc(column) + 1
    out = table.copy()
    out.insert(at, "p_adjusted", adjusted)
    out.insert(at + 1, "p_adjust_method", label)
    return out
