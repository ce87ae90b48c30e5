"""The data a report reads: the bundled datasets, a folder built by ``datasets build``, or a raw strike file.

Every loader takes the :class:`~aidstats._report.spec.ReportContext` and
returns the rows of the period shown; strike tables keep complete months only
(a partial last month would read as a drop), aid tables used per quarter keep
complete quarters only. Datasets come from ``context.data_dir`` (a folder
written by ``aidstats datasets build``) or, without one, from the bundled
data. Nothing else in the report opens a file.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pandas as pd

from aidstats import datasets
from aidstats._compute.stats.events import salvos_as_events
from aidstats._core.messages import period_label
from aidstats._core.periods import complete_mask, last_complete, period_end, period_start
from aidstats._core.sources import SOURCES, source_line
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
    "claim_events",
    "complete_months",
    "complete_quarters",
    "daily_counts",
    "drawn_name",
    "last_complete_month",
    "load",
    "provenance",
    "read_events",
    "releases",
    "reporting_regimes",
    "salvo_table",
    "statements",
    "strikes_monthly",
    "volume",
]

#: Which dataset's sidecar names the release of each upstream source.
RELEASE_OF = {
    "strikes": ("strikes_monthly", "ivaniuk_missile_attacks"),
    "statements": ("official_statements", "official_statements"),
    "aid": ("aid_monthly", "kiel_ust"),
}


def load(context: ReportContext, name: str) -> pd.DataFrame:
    """Dataset ``name`` from the report's data folder (the bundled data without one)."""
    return datasets.load(name, data_dir=context.data_dir)


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


def releases(context: ReportContext) -> dict[str, str]:
    """The release of each upstream source the report shows: ``{"strikes": "2026-06-06", ...}``.

    Read from the sidecars of the data folder; a raw strike file given with
    ``--events`` is named with the last day it reports.
    """
    found: dict[str, str] = {}
    for key, (dataset, source) in RELEASE_OF.items():
        meta = datasets.info(dataset, data_dir=context.data_dir)
        title = SOURCES[source]["title"]
        found[key] = next((s.release for s in meta.sources if s.title == title), meta.version)
    if context.events is not None:
        last = pd.Timestamp(context.events["time_end"].max()).strftime("%Y-%m-%d")
        # The name as read, not as drawn: pages escape what matplotlib would read as math.
        name = printable_name(context.events_path.name) if context.events_path else "events"
        found["strikes"] = f"{name} (to {last})"
    return found


def last_complete_month(context: ReportContext) -> pd.Timestamp:
    """The start of the last month the strike data cover to its end."""
    if context.events is not None:
        last_day = context.events["time_end"].max().normalize()
    else:
        last_day = load(context, "strikes_daily")["day"].max()
    return last_complete(last_day, "M")


def complete_months(
    context: ReportContext, frame: pd.DataFrame, column: str = "month"
) -> pd.DataFrame:
    """Rows of ``frame`` in the period shown and no later than the last complete month."""
    out = context.clip(frame, column)
    out = out.loc[out[column] <= last_complete_month(context)]
    out.attrs = frame.attrs
    return out


def period_shown(context: ReportContext) -> str:
    """The months the strike figures show ("September 2022 – August 2023"), in the report's language."""
    months = strikes_monthly(context)["month"]
    if months.empty:
        return ""
    return period_label(months.min(), months.max(), context.lang, short=False)


def provenance(context: ReportContext) -> dict[str, object]:
    """What the strike figures' source line says: the data folder's tables, or the raw file given."""
    if context.events_path is None:
        return dict(load(context, "strikes_monthly").attrs["aidstats"])
    return {
        "source_line": f"{source_line('ivaniuk_missile_attacks')} (file {drawn_name(context.events_path)})",
        "source_names": ["ivaniuk_missile_attacks"],
        "source_file": drawn_name(context.events_path),
    }


def strikes_monthly(context: ReportContext) -> pd.DataFrame:
    """Strikes per month x group x class x scope (complete months): from the data, or the raw file given."""
    if context.events is None:
        return complete_months(context, load(context, "strikes_monthly"))
    periods = to_periods(context.events, freq="M", by=["weapon_group", "weapon_class", "scope"])
    table = periods.rename(columns={"period": "month"})
    table.attrs = {"aidstats": {**periods.attrs.get("aidstats", {}), **provenance(context)}}
    return complete_months(context, table)


def volume(context: ReportContext) -> pd.DataFrame:
    """Monthly volumes (complete months); from the raw file given, glide bombs joined from the data folder."""
    stored = load(context, "strike_volume_monthly")
    if context.events is None:
        return complete_months(context, stored)
    fresh = volume_monthly(context.events)
    glide = [c for c in stored.columns if c.startswith("glide_bombs") and c not in fresh.columns]
    table = fresh.merge(stored[["month", *glide]], on="month", how="left")
    line = merge_source_lines(
        [str(provenance(context)["source_line"]), source_line("official_statements")]
    )
    table.attrs = {
        "aidstats": {
            "source_line": line,
            "source_names": ["ivaniuk_missile_attacks", "official_statements"],
            "source_file": provenance(context)["source_file"],
        }
    }
    return complete_months(context, table)


def salvo_table(context: ReportContext) -> pd.DataFrame:
    """One row per salvo (report) in the period shown, complete months only."""
    if context.events is not None:
        table = salvos(context.events)
        table.attrs = {"aidstats": provenance(context)}
    else:
        table = load(context, "strike_salvos")
    month = period_start(table["time_end"], "M")
    kept = complete_months(context, table.assign(month=month))
    out = kept.drop(columns="month")
    out.attrs = table.attrs
    return out


def daily_counts(context: ReportContext) -> pd.DataFrame:
    """What claims are checked against: the raw events given, else the daily counts of the data folder."""
    return context.events if context.events is not None else load(context, "strikes_daily")


def claim_events(context: ReportContext) -> pd.DataFrame:
    """What claims are counted from: the raw events given, else the data folder's salvos in long form.

    Both carry attack windows, so a claim's count can be re-dated (start, end,
    night) and its sensitivity range found, as :func:`aidstats.stats.check_claim` does.
    """
    if context.events is not None:
        return context.events
    return salvos_as_events(load(context, "strike_salvos"))


def reporting_regimes(context: ReportContext) -> pd.DataFrame:
    """The reporting regimes."""
    return load(context, "reporting_regimes")


def statements(context: ReportContext) -> pd.DataFrame:
    """The official statements."""
    return load(context, "official_statements")


def aid_monthly(context: ReportContext) -> pd.DataFrame:
    """Aid allocations per donor, month and category in the period shown."""
    return context.clip(load(context, "aid_monthly"))


def aid_channels(context: ReportContext) -> pd.DataFrame:
    """Military aid by channel per month (complete quarters)."""
    return complete_quarters(context.clip(load(context, "aid_channels")))


def aid_totals(context: ReportContext) -> pd.DataFrame:
    """Aid totals per month (complete quarters)."""
    return complete_quarters(context.clip(load(context, "aid_totals_monthly")))


def aid_weapons(context: ReportContext) -> pd.DataFrame:
    """Heavy weapons by donor, category and system (the tracker's table has no dates)."""
    return load(context, "aid_weapons")


def complete_quarters(aid: pd.DataFrame) -> pd.DataFrame:
    """Months of the quarters the monthly ``aid`` covers to their end (a partial quarter would read as a drop)."""
    last_day = period_end([aid["month"].max()], "M").iloc[0]
    out = aid.loc[complete_mask(aid["month"], "Q", last_day=last_day)]
    out.attrs = aid.attrs
    return out
