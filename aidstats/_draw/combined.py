"""Strikes and aid on one shared time axis: two panels, never a twin y-axis."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from aidstats._core.messages import in_text, mark_date, text
from aidstats._core.periods import freq_word, next_period_start
from aidstats._draw.aid import aid_long
from aidstats._draw.axes import (
    DEFAULT_TITLE,
    headroom,
    legend,
    month_axis,
    set_title,
    thousands,
)
from aidstats._draw.checks import pick, require
from aidstats._draw.footer import (
    AIR_FORCE,
    AIR_FORCE_AND_STATEMENTS,
    KIEL,
    finish,
    merge_source_lines,
    source_from,
)
from aidstats._draw.marks import stack_bars
from aidstats._draw.prep import (
    group_volume,
    groups_wide,
    is_groups_wide,
    is_volume_wide,
    resample_sum,
    volume_wide,
    wide,
)
from aidstats._draw.style import current_lang, house_style, two_panels

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_strikes_and_aid"]


def plot_strikes_and_aid(
    strikes: pd.DataFrame,
    aid: pd.DataFrame,
    *,
    strikes_value: str = "launched",
    strikes_by: str | None = "weapon_group",
    aid_category: str | None = "military",
    freq: str = "month",
    time: str | None = None,
    source: str | None = None,
    title: str | None = DEFAULT_TITLE,
    lang: str | None = None,
    axes: Sequence[Axes] | None = None,
) -> Axes:
    """Strikes (top) and aid (bottom) on one shared time axis: two panels, never a twin y-axis.

    Parameters
    ----------
    strikes
        ``strike_volume_monthly`` (wide; summed into missiles and drones, glide
        bombs from statements left out), a table with one column per weapon
        group (``missile``, ``drone``; as :func:`volume_groups` gives) or a long
        table with ``month``/``period``, ``strikes_by`` and ``strikes_value``
        (e.g. ``strikes_monthly``).
    aid
        ``aid_monthly``, or any table with ``month`` and ``<category>_eur_bn``
        columns (``aid_totals_monthly``); ``aid_category`` (``None``: all
        categories) is shown. The report passes one table with both panels'
        columns (month, missile, drone, military_eur_bn) as ``strikes`` and ``aid``.
    freq
        ``"month"``, ``"quarter"`` or ``"year"`` (or ``"M"``, ``"Q"``, ``"Y"``) for both panels.
    time
        Time column of both frames; ``month``, then ``period``, by default.
    lang
        Language of the texts (``"en"``, ``"uk"``); the house style's by default.
    axes
        ``(top, bottom)`` to draw on; a new two-panel figure by default.

    Returns
    -------
    matplotlib.axes.Axes
        The top (strikes) Axes; the aid Axes is ``ax.figure.axes[1]``. Where
        the aid data start before the strike data, the strike panel shades
        the months before its first one and says that the strike data begin
        there (a blank panel would read as "no strikes").

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from aidstats import datasets
    >>> from aidstats.plots import plot_strikes_and_aid
    >>> strikes = pd.DataFrame({"month": pd.date_range("2024-01-01", periods=3, freq="MS"),
    ...                         "weapon_group": "drone", "launched": [300.0, 400, 500]})
    >>> ax = plot_strikes_and_aid(strikes, datasets.load("aid_monthly"))
    >>> ax.get_shared_x_axes().joined(ax, ax.figure.axes[1])
    True
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_strikes_and_aid"
    sframe = require(strikes, [], what=f"{what} (strikes)")
    tcol = pick(sframe, time, ("month", "period"), what=what, role="time")
    if is_volume_wide(sframe):
        stack = group_volume(volume_wide(sframe, tcol, what=what, glide=False))
    elif is_groups_wide(sframe) and strikes_by not in sframe.columns:
        stack = groups_wide(sframe, tcol, what=f"{what} (strikes)")
    else:
        stack = wide(sframe, tcol, strikes_by, strikes_value, what=f"{what} (strikes)")
    stack = resample_sum(stack, freq)
    aframe = require(aid, [], what=f"{what} (aid)")
    long, _v = aid_long(aframe, "eur_bn", f"{what} (aid)", time)
    if aid_category is not None:
        long = long.loc[long["category"] == aid_category]
        require(long, [], what=f"{what} (aid, category={aid_category!r})")
    money = resample_sum(wide(long, "month", "category", "v", what=f"{what} (aid)"), freq)
    start = min(stack.index.min(), money.index.min())
    end = max(stack.index.max(), money.index.max())
    strikes_begin = pd.Timestamp(stack.dropna(how="all").index.min())
    with house_style():
        lang = current_lang(lang)
        lines = [
            source_from(
                sframe,
                AIR_FORCE_AND_STATEMENTS if is_volume_wide(sframe) else AIR_FORCE,
                None,
                lang,
            ),
            source_from(aframe, KIEL, None, lang),
        ]
        source_line = source or merge_source_lines(lines, lang)
        word = text(f"freq.{freq_word(freq)}", lang)
        top, bottom = two_panels(axes, None, height_ratios=(1.0, 1.0))
        stack_bars(top, stack, freq, lang=lang)
        top.set_ylabel(text("axis.launched_per_period", lang, period=word))
        thousands(top, lang=lang)
        headroom(top, float(stack.fillna(0.0).sum(axis=1).max()))
        stack_bars(bottom, money, freq, lang=lang)
        what_aid = (
            text("phrase.aid_category", lang, category=in_text(aid_category, lang))
            if aid_category
            else text("phrase.aid_all", lang)
        )
        bottom.set_ylabel(
            text("axis.aid_per_period", lang, aid=what_aid[:1].upper() + what_aid[1:], period=word)
        )
        thousands(bottom, lang=lang)
        headroom(bottom, float(money.fillna(0.0).sum(axis=1).max()))
        legend(bottom, reverse=True, loc="upper left")
        stop = pd.Timestamp(next_period_start([end], freq).iloc[0])
        for a in (top, bottom):
            a.set_xlim(start, stop)
            month_axis(a, start, stop, lang)
        if top.get_shared_x_axes().joined(top, bottom):
            top.tick_params(axis="x", labelbottom=False)
        notes = [text("note.aid_allocations", lang)]
        # The legend starts where the strike data do, clear of the shaded months before them.
        first = (strikes_begin - start) / (stop - start) if strikes_begin > start else 0.0
        legend(top, reverse=True, loc="upper left", bbox_to_anchor=(first + 0.01, 1.0))
        if strikes_begin > start:
            _mark_data_start(top, start, strikes_begin, lang)
            notes.insert(
                0, text("note.strike_data_begin", lang, month=mark_date(strikes_begin, lang))
            )
        set_title(top, title, text("title.strikes_and_aid", lang, aid=what_aid, period=word))
        finish(top, source_line, notes, lang)
    return top


def _mark_data_start(ax: Axes, start: pd.Timestamp, first: pd.Timestamp, lang: str) -> None:
    """Shade the months before the strike data begin and say so beside the edge."""
    ax.axvspan(
        start, first, facecolor="#F4F4F4", hatch="///", edgecolor="#DDDDDD", linewidth=0, zorder=0
    )
    ax.annotate(
        text("label.no_strike_data", lang, month=mark_date(first, lang)),
        (first, 0.5),
        xycoords=("data", "axes fraction"),
        xytext=(-3, 0),
        textcoords="offset points",
        rotation=90,
        ha="right",
        va="center",
        fontsize=7,
        color="#333333",
    )
