"""The report's figures in page order, with their page titles and captions (from the message catalogue)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from aidstats import datasets
from aidstats._core.messages import text
from aidstats._report import aid_figures as aid
from aidstats._report import strike_figures as strikes
from aidstats._report.spec import FigureSpec, ReportContext

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["FIGURES", "figure_specs"]

Draw = Callable[[ReportContext], tuple["Figure", pd.DataFrame]]
Summary = Callable[[pd.DataFrame], pd.DataFrame]

#: Each report figure's name, how to draw it and its summary table, in page order.
FIGURES: tuple[tuple[str, Draw, Summary | None], ...] = (
    ("01_strike_volume", strikes.draw_strike_volume, strikes.volume_summary),
    ("02_weapon_mix", strikes.draw_weapon_mix, None),
    ("03_interception_rate", strikes.draw_interception_rate, strikes.rates_summary),
    ("04_largest_salvos", strikes.draw_salvos, strikes.salvo_summary),
    ("05_drone_trend", strikes.draw_drone_trend, strikes.segments_summary),
    ("06_aid_by_donor", aid.draw_aid_by_donor, aid.donor_summary),
    ("07_aid_over_time", aid.draw_aid_over_time, None),
    ("08_cumulative_aid", aid.draw_cumulative_aid, None),
    ("09_aid_channels", aid.draw_aid_channels, None),
    ("10_weapons_delivered", aid.draw_weapons, None),
    ("11_strikes_and_aid", aid.draw_strikes_and_aid, None),
    ("12_claims_vs_counts", strikes.draw_reconciliation, strikes.reconciliation_summary),
)


def _caption_values() -> dict[str, str]:
    """What captions say about the data: source names with the release the aid tables come from."""
    kiel_release = next(s.release for s in datasets.info("aid_monthly").sources)
    values = {"kiel_release": kiel_release}
    return {
        **values,
        "strikes": text("report.source.strikes"),
        "kiel": text("report.source.kiel", **values),
    }


def figure_specs() -> list[FigureSpec]:
    """The report's figures, in page order, captioned for the data they are drawn from."""
    values = _caption_values()
    return [
        FigureSpec(name, text(f"report.{name}.title"), text(f"report.{name}.caption", **values), draw, summary)
        for name, draw, summary in FIGURES
    ]
