"""Military allocations by channel: from stocks, newly procured, unspecified, NATO PURL."""

from __future__ import annotations

from typing import Any

import pandas as pd

from aidstats._compute.aid.aggregate import aid_freq, filter_rows, with_period

__all__ = ["by_channel"]


def by_channel(
    data: pd.DataFrame,
    *,
    freq: str | None = None,
    start: Any = None,
    end: Any = None,
) -> pd.DataFrame:
    """Military allocations by channel (stockpile, procurement, unspecified, NATO PURL).

    The channel split does not add up to the military total (see
    :func:`aidstats.stats.aid_consistency`).

    Parameters
    ----------
    data
        An ``aid_channels``-shaped frame (month, channel, eur_bn), e.g.
        ``datasets.load("aid_channels")``.
    freq, start, end
        As in :func:`aggregate`.

    Returns
    -------
    DataFrame
        [period], channel, eur_bn.

    Examples
    --------
    >>> from aidstats import aid, datasets
    >>> sorted(aid.by_channel(datasets.load("aid_channels"))["channel"])
    ['nato_purl', 'procurement', 'stockpile', 'unspecified']
    """
    frame = filter_rows(data, category=None, start=start, end=end)
    frame, pcol = with_period(frame, aid_freq(freq))
    return frame.groupby(pcol + ["channel"], as_index=False, sort=True)["eur_bn"].sum()
