"""Total allocations by donor, iso3 and category, per period; running totals; the row filters.

Values are nominal billions of euros **allocated** by month of allocation
(neither commitment nor delivery). Every aggregation conserves the total of
what it aggregates. Periods come from the one calendar
(:mod:`aidstats._core.periods`): ``freq`` accepts ``"M"``/``"month"``,
``"Q"``/``"quarter"``, ``"Y"``/``"year"``, and a period is labelled by its
first day.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import pandas as pd

from aidstats._core.periods import complete_mask, freq_code, grid, period_start

__all__ = [
    "AID_FREQ_CODES",
    "aggregate",
    "aid_freq",
    "as_list",
    "complete_periods",
    "cumulative",
    "filter_rows",
    "with_period",
]

#: The frequencies of the aid functions (canonical codes).
AID_FREQ_CODES = ("M", "Q", "Y")


def as_list(value: str | Sequence[str] | None) -> list[str]:
    """``None`` -> ``[]``, a string -> ``[string]``, a sequence -> a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def aid_freq(freq: str | None) -> str | None:
    """The canonical code of an aid frequency (``"month"`` -> ``"M"``); ``None`` stays ``None``."""
    return None if freq is None else freq_code(freq, allowed=AID_FREQ_CODES)


def filter_rows(
    frame: pd.DataFrame, *, category: str | Sequence[str] | None, start: Any, end: Any
) -> pd.DataFrame:
    """Rows of the given categories whose ``month`` lies in ``[start, end]`` (None: no limit)."""
    out = frame
    if category is not None:
        out = out.loc[out["category"].isin(as_list(category))]
    if start is not None:
        out = out.loc[out["month"] >= pd.Timestamp(start)]
    if end is not None:
        out = out.loc[out["month"] <= pd.Timestamp(end)]
    return out


def with_period(frame: pd.DataFrame, code: str | None) -> tuple[pd.DataFrame, list[str]]:
    """The frame with a ``period`` column (first day of the period of ``month``), and its key."""
    if code is None:
        return frame, []
    return frame.assign(period=period_start(frame["month"], code).to_numpy()), ["period"]


def complete_periods(totals: pd.DataFrame, code: str, by: list[str]) -> pd.DataFrame:
    """Every period of the span x every group, 0 where there is no row."""
    span = grid(totals["period"].min(), totals["period"].max(), code)
    groups = totals[by].drop_duplicates() if by else pd.DataFrame(index=[0])
    full = pd.DataFrame({"period": span}).merge(groups, how="cross")
    full = full.merge(totals, on=["period", *by], how="left")
    full["eur_bn"] = full["eur_bn"].fillna(0.0)
    return full.sort_values(["period", *by], kind="mergesort").reset_index(drop=True)


def aggregate(
    data: pd.DataFrame,
    by: str | Sequence[str] = "donor",
    *,
    freq: str | None = None,
    category: str | Sequence[str] | None = None,
    start: Any = None,
    end: Any = None,
    fill_grid: bool = True,
    complete: bool | None = None,
) -> pd.DataFrame:
    """Total allocations by donor and/or category, optionally per period.

    Parameters
    ----------
    data
        An ``aid_monthly``-shaped frame (donor, iso3, month, category,
        eur_bn), e.g. ``datasets.load("aid_monthly")``.
    by
        Columns to group by: ``"donor"``, ``"iso3"``, ``"category"`` (or a
        list). Use :func:`by_group` for donor groups.
    freq
        ``"month"``/``"M"``, ``"quarter"``/``"Q"``, ``"year"``/``"Y"``
        (column ``period``, the first day) or ``None`` for the whole span.
    category
        Keep only these categories (military, financial, humanitarian).
    start, end
        First and last month kept (inclusive).
    fill_grid
        With ``freq``: one row for every period of the span and every group,
        0 where the tracker lists no allocation (it omits donor-months without
        aid), so that time-series methods see the quiet months. ``False``
        keeps only the periods present in the data.
    complete
        Deprecated name of ``fill_grid`` (warns :class:`DeprecationWarning`).

    Returns
    -------
    DataFrame
        [period], by..., eur_bn, [complete]. Sums to the filtered total. With
        ``freq``, ``complete`` says whether the data cover the whole period
        (from the first to the last month of ``data``): a year or quarter the
        release ends inside is partial, and trends leave it out.

    Examples
    --------
    >>> from aidstats import aid, datasets
    >>> monthly = datasets.load("aid_monthly")
    >>> aid.aggregate(monthly, "category")["category"].tolist()
    ['financial', 'humanitarian', 'military']
    >>> t = aid.aggregate(monthly, "donor", category="military", freq="year")
    >>> list(t.columns)
    ['period', 'donor', 'eur_bn', 'complete']
    """
    if complete is not None:
        warnings.warn(
            "aid.aggregate(complete=...) is renamed fill_grid=...; complete= will be removed",
            DeprecationWarning,
            stacklevel=2,
        )
        fill_grid = complete
    code = aid_freq(freq)
    frame, pcol = with_period(filter_rows(data, category=category, start=start, end=end), code)
    keys = pcol + as_list(by)
    if not keys:
        return pd.DataFrame({"eur_bn": [float(frame["eur_bn"].sum())]})
    totals = frame.groupby(keys, as_index=False, sort=True, observed=True)["eur_bn"].sum()
    if code is not None and fill_grid and len(totals):
        totals = complete_periods(totals, code, as_list(by))
    if code is None:
        return totals
    return totals.assign(complete=_covered(totals["period"], code, data["month"]))


def _covered(periods: pd.Series, code: str, months: pd.Series) -> Any:
    """Whether the months of ``data`` cover each period wholly."""
    if months.empty:
        return pd.Series(True, index=periods.index)
    first, last = pd.Timestamp(months.min()), pd.Timestamp(months.max())
    return complete_mask(periods, code, first_day=first, last_day=last + pd.offsets.MonthEnd(0))


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
    >>> from aidstats import aid, datasets
    >>> yearly = aid.aggregate(datasets.load("aid_monthly"), "category", freq="year")
    >>> c = aid.cumulative(yearly, by="category")
    >>> bool((c.groupby("category")["cumulative"].diff().dropna() >= 0).all())
    True
    """
    keys = as_list(by)
    out = frame.sort_values(keys + [time], kind="stable")
    running = out.groupby(keys, sort=False)[value].cumsum() if keys else out[value].cumsum()
    return out.assign(cumulative=running.to_numpy()).reset_index(drop=True)
