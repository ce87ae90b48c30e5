"""The report's strike figures: each builds its table, draws the figure from it and returns both."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import pandas as pd

from aidstats._compute.stats.claims import claims_from_statements, claims_table
from aidstats._core.messages import text
from aidstats._core.periods import grid
from aidstats._core.vocab import AIR_FORCE_VOLUME
from aidstats._draw.notice import plot_notice
from aidstats._draw.prep import trend_breaks, trend_table, weapon_mix_table
from aidstats._report import inputs
from aidstats.errors import InsufficientDataError
from aidstats.plots import (
    plot_interception_rate,
    plot_reconciliation,
    plot_salvos,
    plot_strike_volume,
    plot_trend,
    plot_weapon_mix,
)
from aidstats.stats import change_points, rate_table, segmented_trend

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from aidstats._report.spec import ReportContext

__all__ = [
    "CONSISTENT",
    "NOTICE",
    "NOT_CHECKABLE",
    "NOT_CONSISTENT",
    "SALVO_LABELS",
    "claim_verdicts",
    "draw_drone_trend",
    "draw_interception_rate",
    "draw_reconciliation",
    "draw_salvos",
    "draw_strike_volume",
    "draw_weapon_mix",
    "drone_series",
    "rates_summary",
    "reconciliation_summary",
    "reconciliation_table",
    "salvo_summary",
    "segments_summary",
    "volume_summary",
]

NATIONAL = "national"
TREND_SINCE = pd.Timestamp("2023-01-01")  # the drone trend starts here unless --from says otherwise
SALVO_LABELS = 5
NOTICE = "drawn_as_notice"  # attrs: the message key of a figure that found nothing to draw
#: Verdicts on a claim (the ``verdict`` column of :func:`claim_verdicts`).
CONSISTENT, NOT_CONSISTENT, NOT_CHECKABLE = "consistent", "not consistent", "not checkable"
_VERDICTS = {
    "consistent": CONSISTENT,
    "inconsistent": NOT_CONSISTENT,
    "not checkable": NOT_CHECKABLE,
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
    ax = plot_strike_volume(volume, lang=context.lang)
    return figure(ax), volume


def volume_summary(volume: pd.DataFrame) -> pd.DataFrame:
    """Launches per year from the reports (glide-bomb claims cover too few months to add up)."""
    columns = [c for c in AIR_FORCE_VOLUME if c in volume.columns]
    years = per_year(volume, columns)
    years["months"] = volume.groupby(volume["month"].dt.year)["month"].count().to_numpy()
    return years


def draw_weapon_mix(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 2: share of each weapon class per month."""
    table = weapon_mix_table(inputs.strikes_monthly(context))
    ax = plot_weapon_mix(table, by="weapon_class", lang=context.lang)
    return figure(ax), table


def _national_rates(context: ReportContext) -> pd.DataFrame:
    """Neutralised share per month and group, its interval clustered by salvo (raw events) or by day."""
    counts = inputs.daily_counts(context)
    keep = counts[
        counts["weapon_group"].isin(["missile", "drone"])
        & counts["weapon_class"].ne("reconnaissance_drone")
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the figure marks the regime changes instead
        # still_attacking="miss": the bundled tables do not record weapons still in the air, so
        # they are launched and not neutralised in both sources (the caption's "÷ launched")
        rates = rate_table(
            keep,
            "neutralised_share",
            by="weapon_group",
            scope=NATIONAL,
            time="month",
            still_attacking="miss",
        )
    rates.attrs = inputs.strikes_monthly(context).attrs
    return inputs.complete_months(context, rates)


def draw_interception_rate(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 3: neutralised share per month, missiles and drones, regime changes marked."""
    rates = _national_rates(context)
    ax = plot_interception_rate(
        rates,
        regimes=inputs.reporting_regimes(context),
        time="month",
        by="weapon_group",
        title=text("report.03_interception_rate.figure_title", context.lang),
        lang=context.lang,
    )
    return figure(ax), rates


def rates_summary(rates: pd.DataFrame) -> pd.DataFrame:
    """The last six months of each weapon group."""
    recent = rates.sort_values("month").groupby("weapon_group").tail(6)
    return recent[["month", "weapon_group", "successes", "trials", "estimate", "low", "high"]]


def draw_salvos(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 4: every salvo, sized by weapons launched; the largest labelled."""
    table = inputs.salvo_table(context)
    ax = plot_salvos(
        table, value="launched", time="time_end", label_top=SALVO_LABELS, lang=context.lang
    )
    return figure(ax), table


def salvo_summary(table: pd.DataFrame) -> pd.DataFrame:
    """The twelve largest salvos."""
    top = table.sort_values(["launched", "time_end"], ascending=[False, True], kind="mergesort")
    columns = ("time_end", "launched", "launched_missile", "launched_drone", "n_models")
    return top.head(12)[[c for c in columns if c in top]]


def drone_series(context: ReportContext) -> pd.Series:
    """Attack and decoy drones launched per month in national reports (no month left out)."""
    monthly = inputs.strikes_monthly(context)
    drones = monthly[
        (monthly["weapon_group"] == "drone")
        & monthly["weapon_class"].ne("reconnaissance_drone")
        & (monthly["scope"] == NATIONAL)
    ]
    series = drones.groupby("month")["launched"].sum().astype(float)
    if series.empty:
        return series.rename("launched").rename_axis("month")
    full = grid(series.index.min(), series.index.max(), "M")
    series = series.reindex(full, fill_value=0.0).rename("launched").rename_axis("month")
    return series[series.index >= TREND_SINCE] if context.start is None else series


def draw_drone_trend(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 5: drone launches with change points and a segmented trend (one table row per month)."""
    series = drone_series(context)
    breaks = change_points(series, log=True)
    table = trend_table(series, segmented_trend(series, breaks=list(breaks.breaks)), breaks)
    table.attrs = {"aidstats": inputs.provenance(context)}
    ax = plot_trend(
        table,
        table,
        change_points=trend_breaks(table),
        value="launched",
        ylabel=text("report.05_drone_trend.ylabel", context.lang),
        title=text("report.05_drone_trend.figure_title", context.lang),
        lang=context.lang,
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
        "break_low",
        "break_high",
    ]
    if segments["break_low"].isna().all():  # no break kept: no dates to give
        columns = columns[:-2]
    return segments[columns]


def claim_verdicts(context: ReportContext) -> pd.DataFrame:
    """Every monthly official claim in the period with its verdict against the Air Force reports.

    The one place the report judges claims (figure 12 and the key findings
    read its table): :func:`aidstats.stats.claims_table` with ``verdict``
    "consistent", "not consistent" or "not checkable" (a measure the reports
    do not count, such as glide bombs) and its ``direction``. The count is
    national reports dated by the end of the attack window; the range it is
    judged with spans the other datings and reporters the data allow.
    """
    claims = claims_from_statements(inputs.statements(context), period_kind="month")
    if context.start is not None:
        claims = claims[claims["period_start"] >= context.start]
    last = inputs.last_complete_month(context)
    end = min(context.end, last) if context.end is not None else last
    claims = claims[claims["period_start"] <= end]
    table = claims_table(claims, inputs.claim_events(context)).reset_index(drop=True)
    table["verdict"] = table["verdict"].map(_VERDICTS).astype(str)
    return table


def reconciliation_table(context: ReportContext) -> pd.DataFrame:
    """The claims of :func:`claim_verdicts`, for the figure's source line."""
    table = claim_verdicts(context)
    table.attrs = {"aidstats": {"source_names": ["official_statements", "ivaniuk_missile_attacks"],
                                "source_line": text("report.12_claims_vs_counts.source")}}  # fmt: skip
    return table


def draw_reconciliation(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 12: monthly claims against the counts, one row each; the unchecked ones stated."""
    table = reconciliation_table(context)
    try:
        ax = plot_reconciliation(table, lang=context.lang)
    except InsufficientDataError:  # nothing to draw in the period: say why, in words
        lang = context.lang
        checkable = "verdict" in table.columns and bool((table["verdict"] != NOT_CHECKABLE).any())
        key = "report.12_claims_vs_counts." + ("none_drawn" if checkable else "none")
        ax = plot_notice(
            text(key, lang, period=inputs.period_shown(context)),
            title=text("title.claims", lang),
            source=text("report.12_claims_vs_counts.source", lang),
            lang=lang,
        )
        table.attrs["aidstats"][NOTICE] = key
    return figure(ax), table


def reconciliation_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Every claim with its verdict, glide bombs included (the figure names the speaker and qualifier)."""
    columns = ("period_start", "measure", "claimed", "computed", "verdict")
    return table[[c for c in columns if c in table]]
