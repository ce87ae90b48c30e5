"""A donor's share of all donors' allocations per period."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from aidstats._compute.aid.aggregate import aid_freq, filter_rows, with_period
from aidstats._compute.tables import zero_safe_share

__all__ = ["donor_mask", "share_over_time"]


def donor_mask(frame: pd.DataFrame, donor: str, *, required: bool = True) -> pd.Series:
    """Rows of ``donor``, given as an ISO3 code or a donor name; raise if there are none and
    ``required`` (a misspelt donor must not pass as a donor that gave nothing)."""
    mask = (frame["iso3"] == donor) | (frame["donor"] == donor)
    if required and not mask.any():
        raise ValueError(f"no donor {donor!r} (give an ISO3 code such as 'USA' or a donor name)")
    return mask


def share_over_time(
    data: pd.DataFrame,
    donor: str = "USA",
    *,
    category: str | Sequence[str] | None = "military",
    freq: str = "month",
    start: Any = None,
    end: Any = None,
    absent: str = "raise",
) -> pd.DataFrame:
    """A donor's share of all donors' allocations per period.

    Parameters
    ----------
    data
        An ``aid_monthly``-shaped frame, e.g. ``datasets.load("aid_monthly")``.
    donor
        ISO3 code or donor name.
    category, freq, start, end
        As in :func:`aggregate` (here ``freq`` is required: month by default).
    absent
        ``"raise"`` (default): a donor with no row in the selection is an error
        (a misspelt name); ``"zero"``: its share is 0, for a donor known to
        exist that allocated nothing in the selection (the US from mid-2025).

    Returns
    -------
    DataFrame
        period, donor_eur_bn, total_eur_bn, share (NaN where the period's
        total is 0; such periods are listed in ``attrs["zero_totals"]``).

    Examples
    --------
    >>> from aidstats import aid, datasets
    >>> s = aid.share_over_time(datasets.load("aid_monthly"), "USA", freq="year")
    >>> list(s.columns)
    ['period', 'donor_eur_bn', 'total_eur_bn', 'share']
    """
    code = aid_freq(freq)
    if code is None:
        raise ValueError("share_over_time needs a frequency: freq='month', 'quarter' or 'year'")
    if absent not in ("raise", "zero"):
        raise ValueError(f"absent must be 'raise' or 'zero', not {absent!r}")
    frame, _ = with_period(filter_rows(data, category=category, start=start, end=end), code)
    mine = frame["eur_bn"].where(donor_mask(frame, donor, required=absent == "raise"), 0.0)
    table = (
        frame.assign(donor_eur_bn=mine)
        .groupby("period", as_index=False, sort=True)
        .agg(donor_eur_bn=("donor_eur_bn", "sum"), total_eur_bn=("eur_bn", "sum"))
    )
    out = table.assign(share=zero_safe_share(table["donor_eur_bn"], table["total_eur_bn"]))
    out.attrs["zero_totals"] = out.loc[table["total_eur_bn"].to_numpy() == 0, "period"].tolist()
    return out
