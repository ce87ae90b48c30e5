"""Table helpers shared by computation and drawing: top-N with "Others", zero-safe shares.

The one copy of each rule, so that a figure and the table beside it rank and
divide alike:

- :func:`top_labels` ranks labels by their totals, largest first, ties by
  label (so the result does not depend on row order); a label already called
  ``others`` is never ranked. :func:`top_n` keeps those labels in a frame and
  sums the rest as ``others``.
- :func:`zero_safe_share` divides and gives NaN, never infinity, where the
  total is 0. :func:`shares` adds that share of a total within groups.

Examples
--------
>>> import pandas as pd
>>> from aidstats._compute.tables import top_labels, zero_safe_share
>>> top_labels(pd.Series({"b": 5.0, "a": 5.0, "c": 9.0, "Others": 99.0}), 2)
['c', 'a']
>>> zero_safe_share([1.0, 2.0], [4.0, 0.0]).tolist()
[0.25, nan]
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["OTHERS", "shares", "top_labels", "top_n", "zero_safe_share"]

#: The label of everything outside the top N.
OTHERS = "Others"


def top_labels(totals: pd.Series, n: int, *, others: str = OTHERS) -> list[Hashable]:
    """The ``n`` labels with the largest totals, largest first; ties by label.

    Parameters
    ----------
    totals
        One total per label (the index).
    n
        How many labels to keep (at least 1).
    others
        The label of the rest; a label with this name is never ranked.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    ranked = sorted(totals.items(), key=lambda item: (-float(item[1]), str(item[0])))
    return [label for label, _total in ranked if str(label) != others][:n]


def top_n(
    frame: pd.DataFrame,
    n: int = 10,
    *,
    by: str = "donor",
    value: str = "eur_bn",
    others: str = OTHERS,
) -> pd.DataFrame:
    """Keep the ``n`` largest ``by`` labels (by total ``value``), the rest summed as ``others``.

    Other non-numeric columns (e.g. ``period``) are kept as grouping keys, so
    a per-period table stays per period with a fixed set of top labels.
    Totals are conserved. Ranking as in :func:`top_labels`.

    Examples
    --------
    >>> import pandas as pd
    >>> from aidstats._compute.tables import top_n
    >>> frame = pd.DataFrame({"donor": ["A", "B", "C"], "eur_bn": [1.0, 3.0, 2.0]})
    >>> top_n(frame, 1)
        donor  eur_bn
    0       B     3.0
    1  Others     3.0
    """
    keep = top_labels(frame.groupby(by, sort=False)[value].sum(), n, others=others)
    label = frame[by].where(frame[by].isin(keep), others)
    rest = [
        c
        for c in frame.columns
        if c not in (by, value) and not pd.api.types.is_numeric_dtype(frame[c])
    ]
    out = frame.assign(**{by: label}).groupby(rest + [by], as_index=False, sort=False)[value].sum()
    order = {k: i for i, k in enumerate([*keep, others])}
    out = out.assign(_o=out[by].map(order)).sort_values(rest + ["_o"], kind="stable")
    return out.drop(columns="_o").reset_index(drop=True)


def zero_safe_share(part: Any, total: Any) -> np.ndarray:
    """``part / total`` as floats; NaN (never infinity) where ``total`` is 0."""
    part_values = np.asarray(part, dtype="float64")
    total_values = np.asarray(total, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total_values == 0, np.nan, part_values / total_values)


def shares(
    frame: pd.DataFrame,
    value: str = "eur_bn",
    *,
    within: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Add ``share`` = value / total of ``value`` within the ``within`` groups.

    Where a total is 0 the share is undefined: NaN, and the groups are listed
    in ``attrs["zero_totals"]``.

    Examples
    --------
    >>> import pandas as pd
    >>> from aidstats._compute.tables import shares
    >>> frame = pd.DataFrame({"year": [1, 1, 2], "eur_bn": [1.0, 3.0, 0.0]})
    >>> out = shares(frame, within="year")
    >>> out["share"].tolist(), out.attrs["zero_totals"]
    ([0.25, 0.75, nan], [{'year': 2}])
    """
    keys = [within] if isinstance(within, str) else list(within or [])
    if keys:
        total = frame.groupby(keys, sort=False)[value].transform("sum")
    else:
        total = pd.Series(frame[value].sum(), index=frame.index)
    zero = total.to_numpy() == 0
    out = frame.assign(share=zero_safe_share(frame[value], total))
    if keys:
        out.attrs["zero_totals"] = out.loc[zero, keys].drop_duplicates().to_dict("records")
    else:
        out.attrs["zero_totals"] = [{}] if zero.any() else []
    return out
