"""The data a report reads: the bundled datasets, or a raw strike file given with ``--events``.

Every loader takes the :class:`~aidstats._report.spec.ReportContext` and
returns the rows of the period shown; strike tables keep complete months only
(a partial last month would read as a drop), aid tables used per quarter keep
complete quarters only. Nothing else in the report opens a file.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pandas as pd

from aidstats import datasets
from aidstats._core.periods import complete_mask, last_complete, period_end, period_start
from aidstats._core.sources import source_line
from aidstats._draw.footer import merge_source_lines
from aidstats._read.text_file import printable_name
from aidstats.strike_events import read_strike_events
from aidstats.strikes import salvos, to_periods, volume_monthly

if TYPE_CHECKING:
    from aidstats._report.spec import ReportContext

__all__ = [
    "aid_channels",
    "aid_monthly",
    "aid_totals",
    "aid_weapons",
    "complete_quarters",
    "daily_counts",
    "drawn_name",
    "provenance",
    "read_events",
    "reporting_regimes",
    "salvo_table",
    "statements",
    "strikes_monthly",
    "volume",
]


def read_events(
    path: str | os.PathLike[str], catalog: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """The raw strike events of the file given with ``--events`` (with the ``--catalog`` given, if any)."""
    return read_strike_events(path, catalog=catalog)


def drawn_name(path: str | os.PathLike[str]) -> str:
    """A file's name as drawn on a figure or page: printable, and ``$`` shown as is (not as math).

    Examples
    --------
    >>> drawn_name("data/strikes_$x$.csv")
    'strikes_\\\\$x\\\\$.csv'
    """
    return printable_name(os.path.basename(os.fspath(path))).replace("$", r"\$")


def _last_complete_month(context: ReportContext) -> pd.Timestamp:
    """The start of the last month the strike data cover to its end."""
    if context.events is not None:
        last_day = context.events["time_end"].max().normalize()
    else:
        last_day = datasets.load("strikes_daily")["day"].max()
    return last_complete(last_day, "M")


def _complete(context: ReportContext, frame: pd.DataFrame, column: str = "month") -> pd.DataFrame:
    out = context.clip(frame, column)
    out = out.loc[out[column] <= _last_complete_month(context)]
    out.attrs = frame.attrs
    return out


def provenance(context: ReportContext) -> dict[str, object]:
    """What the strike figures' source line says: the bundled tables, or the raw file given."""
    if context.events_path is None:
        return dict(datasets.load("strikes_monthly").attrs["aidstats"])
    return {
        "source_line": f"{source_line('ivaniuk_missile_attacks')} (file {drawn_name(context.events_path)})"
    }


def strikes_monthly(context: ReportContext) -> pd.DataFrame:
    """Strikes per month x group x class x scope (complete months): bundled, or from the raw file given."""
    if context.events is None:
        return _complete(context, datasets.load("strikes_monthly"))
    periods = to_periods(context.events, freq="M", by=["weapon_group", "weapon_class", "scope"])
    table = periods.rename(columns={"period": "month"})
    table.attrs = {"aidstats": {**periods.attrs.get("aidstats", {}), **provenance(context)}}
    return _complete(context, table)


def volume(context: ReportContext) -> pd.DataFrame:
    """Monthly volumes (complete months); from the raw file given, glide-bomb claims joined from the bundled table."""
    bundled = datasets.load("strike_volume_monthly")
    if context.events is None:
        return _complete(context, bundled)
    fresh = volume_monthly(context.events)
    table = fresh.merge(
        bundled[["month", "glide_bombs", "glide_bombs_source"]], on="month", how="left"
    )
    line = merge_source_lines(
        [str(provenance(context)["source_line"]), source_line("official_statements")]
    )
    table.attrs = {"aidstats": {"source_line": line}}
    return _complete(context, table)


def salvo_table(context: ReportContext) -> pd.DataFrame:
    """One row per salvo (report) in the period shown."""
    if context.events is not None:
        table = salvos(context.events)
        table.attrs = {"aidstats": provenance(context)}
    else:
        table = datasets.load("strike_salvos")
    month = period_start(table["time_end"], "M")
    return context.clip(table.assign(month=month), "month").drop(columns="month")


def daily_counts(context: ReportContext) -> pd.DataFrame:
    """What claims are checked against: the raw events given, else the bundled daily counts."""
    return context.events if context.events is not None else datasets.load("strikes_daily")


def reporting_regimes() -> pd.DataFrame:
    """The reporting regimes (bundled)."""
    return datasets.load("reporting_regimes")


def statements() -> pd.DataFrame:
    """The official statements (bundled)."""
    return datasets.load("official_statements")


def aid_monthly(context: ReportContext) -> pd.DataFrame:
    """Aid allocations per donor, month and category in the period shown."""
    return context.clip(datasets.load("aid_monthly"))


def aid_channels(context: ReportContext) -> pd.DataFrame:
    """Military aid by channel per month (complete quarters)."""
    return complete_quarters(context.clip(datasets.load("aid_channels")))


def aid_totals(context: ReportContext) -> pd.DataFrame:
    """Aid totals per month (complete quarters)."""
    return complete_quarters(context.clip(datasets.load("aid_totals_monthly")))


def aid_weapons() -> pd.DataFrame:
    """Heavy weapons by donor, category and system (the tracker's table has no dates)."""
    return datasets.load("aid_weapons")


def complete_quarters(aid: pd.DataFrame) -> pd.DataFrame:
    """Months of the quarters the monthly ``aid`` covers to their end (a partial quarter would read as a drop)."""
    last_day = period_end([aid["month"].max()], "M").iloc[0]
    out = aid.loc[complete_mask(aid["month"], "Q", last_day=last_day)]
    out.attrs = aid.attrs
    return out
