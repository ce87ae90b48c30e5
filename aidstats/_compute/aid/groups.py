"""Allocations of donor groups, membership taken as of each month.

The membership rule is :func:`aidstats._core.donor_groups.with_groups`, the
one every aggregation and figure by group goes through. Groups overlap (a
donor is in the EU27, NATO and the G7): never add them up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from aidstats._compute.aid.aggregate import (
    aid_freq,
    as_list,
    complete_periods,
    filter_rows,
    with_period,
)
from aidstats._core.donor_groups import membership_frame, with_groups

__all__ = ["by_group"]


def by_group(
    data: pd.DataFrame,
    groups: str | Sequence[str] | None = None,
    *,
    membership: pd.DataFrame | None = None,
    freq: str | None = None,
    category: str | Sequence[str] | None = None,
    start: Any = None,
    end: Any = None,
) -> pd.DataFrame:
    """Allocations of donor groups, membership taken as of each month.

    A donor counts for a group from the first month that starts on or after
    its ``joined`` date (always, where ``joined`` is missing, as for the G7):
    Sweden joined NATO on 7 March 2024, so its aid counts for NATO from
    April 2024. Groups overlap: do not add them up.

    Parameters
    ----------
    data
        An ``aid_monthly``-shaped frame, e.g. ``datasets.load("aid_monthly")``.
    groups
        Group names (EU27, EU_institutions_and_members, G7, NATO,
        Nordic_Baltic_8, Europe); default all.
    membership
        A ``donor_groups``-shaped frame (group, iso3, joined); default the
        membership table of :mod:`aidstats._core.donor_groups`, from which
        the bundled ``donor_groups`` dataset is built.
    freq, category, start, end
        As in :func:`aggregate`.

    Returns
    -------
    DataFrame
        [period], group, eur_bn, n_donors (members with any row in the data).
        With ``freq``, every period of the span is there for every group
        (0 where no member gave aid), as in :func:`aggregate`.

    Examples
    --------
    >>> from aidstats import aid, datasets
    >>> monthly = datasets.load("aid_monthly")
    >>> nato = aid.by_group(monthly, "NATO", category="military")
    >>> nato["group"].tolist()
    ['NATO']
    """
    table = membership_frame() if membership is None else membership
    names = as_list(groups) or sorted(table["group"].unique())
    code = aid_freq(freq)
    frame, pcol = with_period(filter_rows(data, category=category, start=start, end=end), code)
    members = with_groups(frame, table, names)
    out = members.groupby(pcol + ["group"], as_index=False, sort=True).agg(
        eur_bn=("eur_bn", "sum"), n_donors=("iso3", "nunique")
    )
    if code is None or not len(out):
        return out
    full = complete_periods(out[["period", "group", "eur_bn"]], code, ["group"])
    full = full.merge(out[["period", "group", "n_donors"]], on=["period", "group"], how="left")
    full["n_donors"] = full["n_donors"].fillna(0).astype("int64")
    return full
