"""Allocations of each donor as per cent of its GDP; missing (never infinite) where GDP is unknown."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from aidstats._compute.aid.aggregate import aid_freq, filter_rows, with_period
from aidstats._compute.tables import zero_safe_share

__all__ = ["GDP_UNKNOWN", "pct_gdp"]

#: ``gdp_note`` of a donor whose GDP is unknown or 0 (EU institutions).
GDP_UNKNOWN = "GDP unknown"


def pct_gdp(
    data: pd.DataFrame,
    *,
    freq: str | None = None,
    start: Any = None,
    end: Any = None,
) -> pd.DataFrame:
    """Total allocations of each donor as per cent of its GDP.

    GDP is the tracker's reference GDP of the donor (one value per donor).
    Where GDP is unknown or 0 (EU institutions) ``pct_gdp`` is missing (NaN,
    ``gdp_note`` says why), never infinite.

    Parameters
    ----------
    data
        An ``aid_donor_monthly``-shaped frame (donor, iso3, month,
        total_eur_bn, gdp_eur_bn), e.g. ``datasets.load("aid_donor_monthly")``.
    freq, start, end
        As in :func:`aggregate`.

    Returns
    -------
    DataFrame
        [period], donor, iso3, eur_bn, gdp_eur_bn, pct_gdp, gdp_note.

    Examples
    --------
    >>> from aidstats import aid, datasets
    >>> g = aid.pct_gdp(datasets.load("aid_donor_monthly"))
    >>> g.loc[g["iso3"] == "EU", "gdp_note"].item()
    'GDP unknown'
    """
    frame = filter_rows(data, category=None, start=start, end=end)
    frame, pcol = with_period(frame, aid_freq(freq))
    gdp = frame.groupby("iso3")["gdp_eur_bn"].max()
    out = frame.groupby(pcol + ["donor", "iso3"], as_index=False, sort=True).agg(
        eur_bn=("total_eur_bn", "sum")
    )
    out = out.assign(gdp_eur_bn=out["iso3"].map(gdp).astype(float))
    known = out["gdp_eur_bn"].gt(0).to_numpy()
    pct = zero_safe_share(100 * out["eur_bn"].to_numpy(), np.where(known, out["gdp_eur_bn"], 0.0))
    return out.assign(pct_gdp=pct, gdp_note=np.where(known, "", GDP_UNKNOWN))
