"""Aid aggregation: by donor, donor group, category, channel and period; shares, top-N, % of GDP.

Works on the bundled Kiel Support Tracker tables (loaded when no frame is
given): ``aid_monthly`` (donor, iso3, month, category, eur_bn),
``aid_donor_monthly`` (with GDP), ``aid_channels`` and ``donor_groups``.
Values are nominal billions of euros **allocated** by month of allocation
(neither commitment nor delivery). Every aggregation conserves the total of
what it aggregates; groups overlap (a donor is in the EU27, NATO and G7), so
never sum across groups.

Examples
--------
>>> from aidstats import aid
>>> by_cat = aid.aggregate("category")
>>> by_cat["category"].tolist()
['financial', 'humanitarian', 'military']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from aidstats._core.results import Result
from aidstats.errors import InsufficientDataError

__all__ = [
    "ShareChangeResult",
    "aggregate",
    "by_channel",
    "by_group",
    "cumulative",
    "pct_gdp",
    "share_before_after",
    "share_over_time",
    "shares",
    "top_n",
]

Period = Literal["month", "quarter", "year"]
_FREQ = {"month": "M", "quarter": "Q", "year": "Y"}


def _load(name: str, data: pd.DataFrame | None) -> pd.DataFrame:
    if data is not None:
        return data
    from aidstats import datasets

    return datasets.load(name)


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _filter(
    frame: pd.DataFrame, *, category: str | Sequence[str] | None, start: Any, end: Any
) -> pd.DataFrame:
    out = frame
    if category is not None:
        out = out.loc[out["category"].isin(_as_list(category))]
    if start is not None:
        out = out.loc[out["month"] >= pd.Timestamp(start)]
    if end is not None:
        out = out.loc[out["month"] <= pd.Timestamp(end)]
    return out


def _with_period(frame: pd.DataFrame, period: Period | None) -> tuple[pd.DataFrame, list[str]]:
    if period is None:
        return frame, []
    if period not in _FREQ:
        raise ValueError(f"period must be one of {sorted(_FREQ)} or None, got {period!r}")
    start = frame["month"].dt.to_period(_FREQ[period]).dt.start_time
    return frame.assign(period=start.to_numpy()), ["period"]


def aggregate(
    by: str | Sequence[str] = "donor",
    *,
    period: Period | None = None,
    category: str | Sequence[str] | None = None,
    start: Any = None,
    end: Any = None,
    data: pd.DataFrame | None = None,
    complete: bool = True,
) -> pd.DataFrame:
    """Total allocations by donor and/or category, optionally per period.

    Parameters
    ----------
    by
        Columns of ``aid_monthly`` to group by: ``"donor"``, ``"iso3"``,
        ``"category"`` (or a list). Use :func:`by_group` for donor groups.
    period
        ``"month"``, ``"quarter"``, ``"year"`` (column ``period``, the first
        day) or ``None`` for the whole span.
    category
        Keep only these categories (military, financial, humanitarian).
    start, end
        First and last month kept (inclusive).
    data
        An ``aid_monthly``-shaped frame (default: the bundled one).
    complete
        With ``period``: one row for every period of the span and every group,
        0 where the tracker lists no allocation (it omits donor-months without
        aid), so that time-series methods see the quiet months. ``False``
        keeps only the periods present in the data.

    Returns
    -------
    DataFrame
        [period], by..., eur_bn. Sums to the filtered total.

    Examples
    --------
    >>> from aidstats import aid
    >>> t = aid.aggregate("donor", category="military", period="year")
    >>> list(t.columns)
    ['period', 'donor', 'eur_bn']
    """
    frame = _filter(_load("aid_monthly", data), category=category, start=start, end=end)
    frame, pcol = _with_period(frame, period)
    keys = pcol + _as_list(by)
    if not keys:
        return pd.DataFrame({"eur_bn": [float(frame["eur_bn"].sum())]})
    totals = frame.groupby(keys, as_index=False, sort=True, observed=True)["eur_bn"].sum()
    if not (complete and pcol and len(totals)):
        return totals
    return _complete_periods(totals, period, _as_list(by))


def _complete_periods(totals: pd.DataFrame, period: Period | None, by: list[str]) -> pd.DataFrame:
    """Every period of the span x every group, 0 where there is no row."""
    span = pd.period_range(totals["period"].min(), totals["period"].max(), freq=_FREQ[str(period)]).start_time
    periods = pd.DataFrame({"period": span})
    groups = totals[by].drop_duplicates() if by else pd.DataFrame(index=[0])
    grid = periods.merge(groups, how="cross")
    full = grid.merge(totals, on=["period", *by], how="left")
    full["eur_bn"] = full["eur_bn"].fillna(0.0)
    return full.sort_values(["period", *by], kind="mergesort").reset_index(drop=True)


def _members(groups: pd.DataFrame, names: Sequence[str]) -> pd.DataFrame:
    unknown = sorted(set(names) - set(groups["group"]))
    if unknown:
        raise ValueError(f"unknown donor group(s) {unknown}; known: {sorted(groups['group'].unique())}")
    return groups.loc[groups["group"].isin(list(names)), ["group", "iso3", "joined"]]


def by_group(
    groups: str | Sequence[str] | None = None,
    *,
    period: Period | None = None,
    category: str | Sequence[str] | None = None,
    start: Any = None,
    end: Any = None,
    data: pd.DataFrame | None = None,
    membership: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Allocations of donor groups, membership taken as of each month.

    A donor counts for a group from the first month that starts on or after
    its ``joined`` date (always, where ``joined`` is missing, as for the G7) (Sweden joined NATO on 7 March 2024: its aid counts
    for NATO from April 2024). Groups overlap: do not add them up.

    Parameters
    ----------
    groups
        Group names of ``donor_groups`` (EU27, EU_institutions_and_members,
        G7, NATO, Nordic_Baltic_8, Europe); default all.
    period, category, start, end, data
        As in :func:`aggregate`.
    membership
        A ``donor_groups``-shaped frame (default: the bundled one).

    Returns
    -------
    DataFrame
        [period], group, eur_bn, n_donors (members with any row in the data).
        With ``period``, every period of the span is there for every group
        (0 where no member gave aid), as in :func:`aggregate`.

    Examples
    --------
    >>> from aidstats import aid
    >>> nato = aid.by_group("NATO", category="military")
    >>> nato["group"].tolist()
    ['NATO']
    """
    table = _load("donor_groups", membership)
    names = _as_list(groups) or sorted(table["group"].unique())
    members = _members(table, names)
    frame = _filter(_load("aid_monthly", data), category=category, start=start, end=end)
    frame, pcol = _with_period(frame, period)
    joined = frame.merge(members, on="iso3", how="inner")
    joined = joined.loc[joined["joined"].isna() | (joined["month"] >= joined["joined"])]
    out = joined.groupby(pcol + ["group"], as_index=False, sort=True).agg(
        eur_bn=("eur_bn", "sum"), n_donors=("iso3", "nunique"))
    if not (pcol and len(out)):
        return out
    full = _complete_periods(out[["period", "group", "eur_bn"]], period, ["group"])
    counts = out[["period", "group", "n_donors"]]
    full = full.merge(counts, on=["period", "group"], how="left")
    full["n_donors"] = full["n_donors"].fillna(0).astype("int64")
    return full


def by_channel(
    *,
    period: Period | None = None,
    start: Any = None,
    end: Any = None,
    data: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Military allocations by channel (stockpile, procurement, unspecified, NATO PURL).

    The channel split does not add up to the military total (see
    :func:`aidstats.stats.aid_consistency`).

    Examples
    --------
    >>> from aidstats import aid
    >>> sorted(aid.by_channel()["channel"])
    ['nato_purl', 'procurement', 'stockpile', 'unspecified']
    """
    frame = _filter(_load("aid_channels", data), category=None, start=start, end=end)
    frame, pcol = _with_period(frame, period)
    return frame.groupby(pcol + ["channel"], as_index=False, sort=True)["eur_bn"].sum()


def cumulative(
    frame: pd.DataFrame,
    value: str = "eur_bn",
    *,
    by: str | Sequence[str] | None = None,
    time: str = "period",
) -> pd.DataFrame:
    """Add ``cumulative`` (running total of ``value`` over ``time`` within ``by`` groups).

    Examples
    --------
    >>> from aidstats import aid
    >>> c = aid.cumulative(aid.aggregate("category", period="year"), by="category")
    >>> bool((c.groupby("category")["cumulative"].diff().dropna() >= 0).all())
    True
    """
    keys = _as_list(by)
    out = frame.sort_values(keys + [time], kind="stable")
    running = out.groupby(keys, sort=False)[value].cumsum() if keys else out[value].cumsum()
    return out.assign(cumulative=running.to_numpy()).reset_index(drop=True)


def shares(
    frame: pd.DataFrame,
    value: str = "eur_bn",
    *,
    within: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Add ``share`` = value / total of ``value`` within the ``within`` groups.

    Where a total is 0 the share is undefined: NaN, and the rows are listed
    in ``attrs["zero_totals"]``.

    Examples
    --------
    >>> from aidstats import aid
    >>> s = aid.shares(aid.aggregate("category"))
    >>> round(float(s["share"].sum()), 6)
    1.0
    """
    keys = _as_list(within)
    total = frame.groupby(keys, sort=False)[value].transform("sum") if keys else (
        pd.Series(frame[value].sum(), index=frame.index))
    zero = total.to_numpy() == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(zero, np.nan, frame[value].to_numpy(dtype=float) / total.to_numpy())
    out = frame.assign(share=share)
    out.attrs["zero_totals"] = out.loc[zero, keys].drop_duplicates().to_dict("records") if keys else (
        [{}] if zero.any() else [])
    return out


def top_n(
    frame: pd.DataFrame,
    n: int = 10,
    *,
    by: str = "donor",
    value: str = "eur_bn",
    others: str = "Others",
) -> pd.DataFrame:
    """Keep the ``n`` largest ``by`` labels (by total ``value``), the rest summed as ``others``.

    Other columns (e.g. ``period``) are kept as grouping keys, so a per-period
    table stays per period with a fixed set of top labels. Totals are
    conserved.

    Examples
    --------
    >>> from aidstats import aid
    >>> t = aid.top_n(aid.aggregate("donor", category="military"), 5)
    >>> len(t), t["donor"].iloc[-1]
    (6, 'Others')
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    ranking = frame.groupby(by, sort=False)[value].sum().sort_values(ascending=False, kind="stable")
    keep = list(ranking.index[:n])
    label = frame[by].where(frame[by].isin(keep), others)
    rest = [c for c in frame.columns if c not in (by, value) and not
            pd.api.types.is_numeric_dtype(frame[c])]
    out = frame.assign(**{by: label}).groupby(rest + [by], as_index=False, sort=False)[value].sum()
    order = {k: i for i, k in enumerate(keep + [others])}
    out = out.assign(_o=out[by].map(order)).sort_values(rest + ["_o"], kind="stable")
    return out.drop(columns="_o").reset_index(drop=True)


def pct_gdp(
    *,
    period: Period | None = None,
    start: Any = None,
    end: Any = None,
    data: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Total allocations of each donor as per cent of its GDP.

    GDP is the tracker's reference GDP of the donor (one value per donor).
    Where GDP is unknown or 0 (EU institutions) ``pct_gdp`` is missing (NaN,
    ``gdp_note`` says why), never infinite.

    Returns
    -------
    DataFrame
        [period], donor, iso3, eur_bn, gdp_eur_bn, pct_gdp, gdp_note.

    Examples
    --------
    >>> from aidstats import aid
    >>> g = aid.pct_gdp()
    >>> g.loc[g["iso3"] == "EU", "gdp_note"].item()
    'GDP unknown'
    """
    frame = _load("aid_donor_monthly", data)
    frame = _filter(frame, category=None, start=start, end=end)
    frame, pcol = _with_period(frame, period)
    gdp = frame.groupby("iso3")["gdp_eur_bn"].max()
    out = frame.groupby(pcol + ["donor", "iso3"], as_index=False, sort=True).agg(
        eur_bn=("total_eur_bn", "sum"))
    out = out.assign(gdp_eur_bn=out["iso3"].map(gdp).astype(float))
    known = out["gdp_eur_bn"].gt(0).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(known, 100 * out["eur_bn"].to_numpy() / out["gdp_eur_bn"].to_numpy(), np.nan)
    return out.assign(pct_gdp=pct, gdp_note=np.where(known, "", "GDP unknown"))


def _donor_mask(frame: pd.DataFrame, donor: str) -> pd.Series:
    mask = (frame["iso3"] == donor) | (frame["donor"] == donor)
    if not mask.any():
        raise ValueError(f"no donor {donor!r} (give an ISO3 code such as 'USA' or a donor name)")
    return mask


def share_over_time(
    donor: str = "USA",
    *,
    category: str | Sequence[str] | None = "military",
    period: Period = "month",
    start: Any = None,
    end: Any = None,
    data: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """A donor's share of all donors' allocations per period.

    Returns
    -------
    DataFrame
        period, donor_eur_bn, total_eur_bn, share (NaN where the period's
        total is 0; such periods are listed in ``attrs["zero_totals"]``).

    Examples
    --------
    >>> from aidstats import aid
    >>> s = aid.share_over_time("USA", period="year")
    >>> list(s.columns)
    ['period', 'donor_eur_bn', 'total_eur_bn', 'share']
    """
    frame = _filter(_load("aid_monthly", data), category=category, start=start, end=end)
    frame, _ = _with_period(frame, period)
    mine = frame["eur_bn"].where(_donor_mask(frame, donor), 0.0)
    table = frame.assign(donor_eur_bn=mine).groupby("period", as_index=False, sort=True).agg(
        donor_eur_bn=("donor_eur_bn", "sum"), total_eur_bn=("eur_bn", "sum"))
    zero = table["total_eur_bn"].to_numpy() == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(zero, np.nan,
                         table["donor_eur_bn"].to_numpy() / table["total_eur_bn"].to_numpy())
    out = table.assign(share=share)
    out.attrs["zero_totals"] = out.loc[zero, "period"].tolist()
    return out


@dataclasses.dataclass(frozen=True, kw_only=True)
class ShareChangeResult(Result):
    """A donor's share before and after a month.

    ``estimate = share_after - share_before`` (a difference of shares, each
    pooled as donor sum / total sum over its window). Intervals, when
    requested, are percentile intervals of a month-resampling bootstrap
    (months resampled with replacement within each window): they describe
    month-to-month variability of allocations, not sampling error, and ignore
    autocorrelation between months.
    """

    donor: str = ""
    category: str = ""
    at: Any = None
    share_before: float = float("nan")
    share_before_low: float | None = None
    share_before_high: float | None = None
    share_after: float = float("nan")
    share_after_low: float | None = None
    share_after_high: float | None = None
    donor_before_eur_bn: float = float("nan")
    total_before_eur_bn: float = float("nan")
    donor_after_eur_bn: float = float("nan")
    total_after_eur_bn: float = float("nan")
    months_before: int = 0
    months_after: int = 0


def _boot_share(x: np.ndarray, t: np.ndarray, draws: np.ndarray) -> np.ndarray:
    tot = t[draws].sum(axis=1)
    return np.where(tot > 0, x[draws].sum(axis=1) / np.where(tot > 0, tot, 1), np.nan)


def share_before_after(
    donor: str = "USA",
    category: str = "military",
    at: Any = "2025-01",
    *,
    before: int | None = None,
    after: int | None = None,
    interval: Literal["none", "bootstrap"] = "bootstrap",
    n_boot: int = 4000,
    seed: int = 20250101,
    alpha: float = 0.05,
    data: pd.DataFrame | None = None,
) -> ShareChangeResult:
    """A donor's share of a category before and after a month (e.g. the US, military, 2025-01).

    Parameters
    ----------
    donor
        ISO3 code or donor name.
    category
        Aid category.
    at
        First month of the *after* window.
    before, after
        Window lengths in months (default: all months on that side).
    interval
        ``"bootstrap"`` (default): month-resampling percentile intervals, see
        :class:`ShareChangeResult`; ``"none"``: plain shares.
    n_boot, seed
        Bootstrap draws and the seed (results are reproducible).

    Examples
    --------
    >>> from aidstats import aid
    >>> r = aid.share_before_after("USA", "military", "2025-01", interval="none")
    >>> r.share_before > r.share_after
    True
    """
    monthly = share_over_time(donor, category=category, period="month", data=data)
    at_m = pd.Timestamp(at).to_period("M").to_timestamp()
    b = monthly.loc[monthly["period"] < at_m]
    a = monthly.loc[monthly["period"] >= at_m]
    if before is not None:
        b = b.loc[b["period"] >= at_m - pd.DateOffset(months=before)]
    if after is not None:
        a = a.loc[a["period"] < at_m + pd.DateOffset(months=after)]
    if b["total_eur_bn"].sum() <= 0 or a["total_eur_bn"].sum() <= 0:
        raise InsufficientDataError("no allocations before or after the given month")
    xb, tb = b["donor_eur_bn"].to_numpy(float), b["total_eur_bn"].to_numpy(float)
    xa, ta = a["donor_eur_bn"].to_numpy(float), a["total_eur_bn"].to_numpy(float)
    sb, sa = xb.sum() / tb.sum(), xa.sum() / ta.sum()
    lows: dict[str, Any] = {}
    method = "pooled shares (donor sum / total sum over each window)"
    if interval == "bootstrap":
        rng = np.random.default_rng(seed)
        bb = _boot_share(xb, tb, rng.integers(0, len(xb), (n_boot, len(xb))))
        ba = _boot_share(xa, ta, rng.integers(0, len(xa), (n_boot, len(xa))))
        q = [100 * alpha / 2, 100 * (1 - alpha / 2)]
        lows = dict(zip(["share_before_low", "share_before_high"], np.nanpercentile(bb, q),
                        strict=True))
        lows |= dict(zip(["share_after_low", "share_after_high"], np.nanpercentile(ba, q),
                         strict=True))
        lows |= dict(zip(["low", "high"], np.nanpercentile(ba - bb, q), strict=True))
        lows = {k: float(v) for k, v in lows.items()}
        method += f"; month-resampling bootstrap percentile intervals ({n_boot} draws, seed {seed})"
    elif interval != "none":
        raise ValueError("interval must be 'bootstrap' or 'none'")
    return ShareChangeResult(
        estimate=float(sa - sb), alpha=alpha, method=method, n=len(xb) + len(xa),
        notes=("allocations by month of allocation, nominal euros; a change in share "
               "is not the effect of any event",),
        donor=donor, category=category, at=at_m, share_before=float(sb), share_after=float(sa),
        donor_before_eur_bn=float(xb.sum()), total_before_eur_bn=float(tb.sum()),
        donor_after_eur_bn=float(xa.sum()), total_after_eur_bn=float(ta.sum()),
        months_before=len(xb), months_after=len(xa), **lows,
    )
