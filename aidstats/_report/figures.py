"""The report's figures in page order, with their page titles and captions (from the message catalogue)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from aidstats._core.messages import check_lang, text
from aidstats._report import aid_figures as aid
from aidstats._report import strike_figures as strikes
from aidstats._report.captions import DESCRIBE
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


def figure_specs(lang: str = "en") -> list[FigureSpec]:
    """The report's figures, in page order, titled and captioned in ``lang``.

    Each caption is a template that the figure's table and the report
    context fill in (period, releases, methods): see
    :meth:`FigureSpec.caption_for`.

    Examples
    --------
    >>> [spec.title for spec in figure_specs("uk")][:1]
    ['Обсяг ударів (випущено за рік — у зведенні)']
    """
    check_lang(lang)
    return [
        FigureSpec(
            name,
            text(f"report.{name}.title", lang),
            text(f"report.{name}.caption", lang),
            draw,
            summary,
            DESCRIBE[name],
        )
        for name, draw, summary in FIGURES
    ]
