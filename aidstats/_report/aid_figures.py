"""The report's aid figures (and strikes with aid): each builds its table, draws the figure from it, returns both."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from aidstats import aid
from aidstats._draw.prep import category_month_table, donor_category_table, strikes_and_aid_table
from aidstats._report import inputs
from aidstats._report.strike_figures import figure
from aidstats.plots import (
    plot_aid_by_donor,
    plot_aid_channels,
    plot_aid_over_time,
    plot_cumulative_aid,
    plot_strikes_and_aid,
    plot_weapons_delivered,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from aidstats._report.spec import ReportContext

__all__ = [
    "CUMULATIVE_GROUPS",
    "donor_summary",
    "draw_aid_by_donor",
    "draw_aid_channels",
    "draw_aid_over_time",
    "draw_cumulative_aid",
    "draw_strikes_and_aid",
    "draw_weapons",
]

CUMULATIVE_GROUPS = ["EU_institutions_and_members", "G7", "Nordic_Baltic_8"]
TOP_DONORS = 15


def draw_aid_by_donor(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 6: total aid per donor, top 15 and Others, by category."""
    table = donor_category_table(inputs.aid_monthly(context))
    ax = plot_aid_by_donor(table, top=TOP_DONORS, lang=context.lang)
    return figure(ax), table


def donor_summary(table: pd.DataFrame) -> pd.DataFrame:
    """The fifteen largest donors, by category and in total."""
    wide = table.pivot_table(
        index="donor", columns="category", values="eur_bn", aggfunc="sum", fill_value=0.0
    )
    wide["total"] = wide.sum(axis=1)
    return wide.sort_values("total", ascending=False).head(TOP_DONORS).round(1).reset_index()


def draw_aid_over_time(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 7: aid per quarter by category (complete quarters)."""
    table = category_month_table(inputs.complete_quarters(inputs.aid_monthly(context)))
    ax = plot_aid_over_time(table, freq="quarter", lang=context.lang)
    return figure(ax), table


def draw_cumulative_aid(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 8: cumulative aid of donor groups (membership as of each month)."""
    monthly = inputs.aid_monthly(context)
    table = aid.by_group(monthly, CUMULATIVE_GROUPS, freq="month")
    table.attrs = dict(monthly.attrs)
    ax = plot_cumulative_aid(table, by="group", include=CUMULATIVE_GROUPS, lang=context.lang)
    return figure(ax), table


def draw_aid_channels(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 9: military aid by channel per quarter, the gap to the military total stated."""
    channels = inputs.aid_channels(context)
    ax = plot_aid_channels(channels, military_total=inputs.aid_totals(context), lang=context.lang)
    return figure(ax), channels


def draw_weapons(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 10: heavy weapons by donor and category."""
    weapons = inputs.aid_weapons(context)
    ax = plot_weapons_delivered(weapons, lang=context.lang)
    return figure(ax), weapons


def draw_strikes_and_aid(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    """Figure 11: missiles and drones launched and military aid allocated, per month, on one time axis."""
    table = strikes_and_aid_table(inputs.volume(context), inputs.aid_monthly(context), "military")
    ax = plot_strikes_and_aid(table, table, aid_category="military", lang=context.lang)
    return figure(ax), table
