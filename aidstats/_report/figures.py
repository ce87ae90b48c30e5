"""The report's figures in page order, with their page titles and captions (from the message catalogue)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from aidstats._core.messages import text
from aidstats._report import aid_figures as aid
from aidstats._report import strike_figures as strikes
from aidstats._report.spec import FigureSpec, ReportContext

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SPECS", "figure_specs"]


def _spec(
    name: str,
    draw: Callable[[ReportContext], tuple[Figure, pd.DataFrame]],
    summary: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> FigureSpec:
    sources = {"strikes": text("report.source.strikes"), "kiel": text("report.source.kiel")}
    return FigureSpec(
        name, text(f"report.{name}.title"), text(f"report.{name}.caption", **sources), draw, summary
    )


SPECS: tuple[FigureSpec, ...] = (
    _spec("01_strike_volume", strikes.draw_strike_volume, strikes.volume_summary),
    _spec("02_weapon_mix", strikes.draw_weapon_mix),
    _spec("03_interception_rate", strikes.draw_interception_rate, strikes.rates_summary),
    _spec("04_largest_salvos", strikes.draw_salvos, strikes.salvo_summary),
    _spec("05_drone_trend", strikes.draw_drone_trend, strikes.segments_summary),
    _spec("06_aid_by_donor", aid.draw_aid_by_donor, aid.donor_summary),
    _spec("07_aid_over_time", aid.draw_aid_over_time),
    _spec("08_cumulative_aid", aid.draw_cumulative_aid),
    _spec("09_aid_channels", aid.draw_aid_channels),
    _spec("10_weapons_delivered", aid.draw_weapons),
    _spec("11_strikes_and_aid", aid.draw_strikes_and_aid),
    _spec("12_claims_vs_counts", strikes.draw_reconciliation, strikes.reconciliation_summary),
)


def figure_specs() -> list[FigureSpec]:
    """The report's figures, in page order."""
    return list(SPECS)
