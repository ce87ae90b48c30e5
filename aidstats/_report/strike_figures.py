"""The report's strike figures: each builds its table, draws the figure from it and returns both."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import pandas as pd

from aidstats._core.messages import text
from aidstats._core.periods import grid
from aidstats._draw.prep import trend_breaks, trend_table, weapon_mix_table
from aidstats._report import inputs
from aidstats.plots import (
    plot_interception_rate,
    plot_reconciliation,
    plot_salvos,
    plot_strike_volume,
    plot_trend,
    plot_weapon_mix,
)
from aidstats.stats import (
    change_points,
    claims_from_statements,
    computed_for_claims,
    rate_table,
    reconcile,
    segmented_trend,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from aidstats._report.spec import ReportContext

__all__ = [
    "draw_drone_trend",
    "draw_interception_rate",
    "draw_reconciliation",
    "draw_salvos",
    "draw_strike_volume",
    "draw_weapon_mix",
    "rates_summary",
    "reconciliation_summary",
    "reconciliation_table",
    "salvo_summary",
    "segments_summary",
    "volume_summary",
]

_NATIONAL = "national"
_TREND_SINCE = pd.Timestamp(
    "2023-01-01"
)  # the drone trend starts here unless --from says otherwise
_VOLUME_LABELS = {
    "missiles_cruise": "cruise missiles",
    "missiles_ballistic": "ballistic missiles",
    "missiles_mixed": "mixed missiles",
    "missiles_other": "other missiles",
    "drones_attack": "attack drones",
    "drones_decoy_or_unknown": "decoy/unknown drones",
    "drones_reconnaissance": "recon. drones",
    "unclassified": "unclassified",
}


def figure(ax: Axes) -> Figure:
    """The figure a plot function drew on."""
    return ax.figure  # type: ignore[return-value]  # a SubFigure only inside subfigures


def per_year(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Sums of ``columns`` per calendar year of ``month``."""
    years = frame.assign(year=frame["month"].dt.year).groupby("year")[columns].sum(min_count=1)
    return years.reset_index()


def draw_strike_volume(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 1: weapons launched per month (the volume table drawn as it is)."""
    volume = inputs.volume(context)
    ax = plot_strike_volume(volume)
    return figure(ax), volume


def volume_summary(volume: pd.DataFrame) -> pd.DataFrame:
    """Launches per year from the reports (glide-bomb claims cover too few months to add up)."""
    years = per_year(volume, list(_VOLUME_LABELS))
    years["months"] = volume.groupby(volume["month"].dt.year)["month"].count().to_numpy()
    return years.rename(columns=_VOLUME_LABELS)


def draw_weapon_mix(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 2: share of each weapon class per month."""
    table = weapon_mix_table(inputs.strikes_monthly(context))
    ax = plot_weapon_mix(table, by="weapon_class")
    return figure(ax), table


def _national_rates(context: ReportContext) -> pd.DataFrame:
    monthly = inputs.strikes_monthly(context)
    keep = monthly[
        monthly["weapon_group"].isin(["missile", "drone"])
        & monthly["weapon_class"].ne("reconnaissance_drone")
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the figure marks the regime changes instead
        rates = rate_table(
            keep, "neutralised_share", by="weapon_group", scope=_NATIONAL, time="month"
        )
    rates.attrs = monthly.attrs
    return rates


def draw_interception_rate(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 3: neutralised share per month, missiles and drones, regime changes marked."""
    rates = _national_rates(context)
    ax = plot_interception_rate(
        rates,
        regimes=inputs.reporting_regimes(),
        time="month",
        by="weapon_group",
        title=text("report.03_interception_rate.figure_title"),
    )
    return figure(ax), rates


def rates_summary(rates: pd.DataFrame) -> pd.DataFrame:
    """The last six months of each weapon group."""
    recent = rates.sort_values("month").groupby("weapon_group").tail(6)
    return recent[["month", "weapon_group", "successes", "trials", "estimate", "low", "high"]]


def draw_salvos(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 4: every salvo, sized by weapons launched."""
    table = inputs.salvo_table(context)
    ax = plot_salvos(table, value="launched", time="time_end", label_top=5)
    return figure(ax), table


def salvo_summary(table: pd.DataFrame) -> pd.DataFrame:
    """The twelve largest salvos."""
    top = table.nlargest(12, "launched")
    columns = (
        "time_start",
        "time_end",
        "launched",
        "launched_missile",
        "launched_drone",
        "n_models",
    )
    return top[[c for c in columns if c in top]]


def _drone_series(context: ReportContext) -> pd.Series:
    monthly = inputs.strikes_monthly(context)
    drones = monthly[
        (monthly["weapon_group"] == "drone")
        & monthly["weapon_class"].ne("reconnaissance_drone")
        & (monthly["scope"] == _NATIONAL)
    ]
    series = drones.groupby("month")["launched"].sum().astype(float)
    full = grid(series.index.min(), series.index.max(), "M")
    return series.reindex(full, fill_value=0.0).rename("launched").rename_axis("month")


def draw_drone_trend(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 5: drone launches with change points and a segmented trend (one table row per month)."""
    series = _drone_series(context)
    series = series[series.index >= _TREND_SINCE] if context.start is None else series
    breaks = change_points(series, log=True)
    table = trend_table(series, segmented_trend(series, breaks=list(breaks.breaks)), breaks)
    table.attrs = {"aidstats": inputs.provenance(context)}
    ax = plot_trend(
        table,
        table,
        change_points=trend_breaks(table),
        value="launched",
        ylabel=text("report.05_drone_trend.ylabel"),
        title=text("report.05_drone_trend.figure_title"),
    )
    return figure(ax), table


def segments_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Growth per month in each segment, with its interval."""
    segments = table.drop_duplicates("segment").reset_index(drop=True)
    columns = [
        "segment",
        "segment_start",
        "pct_per_month",
        "pct_per_month_low",
        "pct_per_month_high",
    ]
    return segments[columns].rename(
        columns={
            "segment_start": "start",
            "pct_per_month": "% per month",
            "pct_per_month_low": "95% low",
            "pct_per_month_high": "95% high",
        }
    )


def reconciliation_table(context: ReportContext) -> pd.DataFrame:
    """Monthly official statements against the Air Force reports, judged by qualifier."""
    claims = claims_from_statements(inputs.statements(), period_kind="month")
    # The Air Force reports do not count glide bombs: those claims cannot be checked here.
    claims = claims[claims["measure"] != "glide_bombs"]
    if context.start is not None:
        claims = claims[claims["period_start"] >= context.start]
    if context.end is not None:
        claims = claims[claims["period_start"] <= context.end]
    computed = computed_for_claims(inputs.daily_counts(context), claims, scope=_NATIONAL)
    table = reconcile(computed, claims)
    return table[table["computed"].notna()].reset_index(drop=True)


def draw_reconciliation(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 12: monthly claims against the counts."""
    table = reconciliation_table(context)
    table.attrs = {"aidstats": {"source_line": text("report.12_claims_vs_counts.source")}}
    ax = plot_reconciliation(table)
    return figure(ax), table


def reconciliation_summary(table: pd.DataFrame) -> pd.DataFrame:
    """The judged claims, one row each."""
    columns = ("period_start", "measure", "qualifier", "claimed", "computed", "ratio", "consistent")
    return table[[c for c in columns if c in table]]
