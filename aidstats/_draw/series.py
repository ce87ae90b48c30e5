"""Series figures: an observed series with its fitted trend, the trend's band and change points."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from aidstats._core.messages import CATALOGUE, text
from aidstats._core.vocab import OKABE_ITO
from aidstats._draw.axes import (
    DEFAULT_TITLE,
    headroom,
    legend,
    month_axis,
    reorder_legend_first,
    set_title,
    thousands,
)
from aidstats._draw.checks import as_datetime, numeric, pick, require, require_values
from aidstats._draw.footer import AIR_FORCE, finish, source_from
from aidstats._draw.prep import infer_freq
from aidstats._draw.style import axes_or_new, current_lang, cycle_colour, house_style, label_for
from aidstats.errors import DataValidationError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_trend"]

_TREND_TIME = ("month", "period", "date", "time")
_VALUE_COLUMNS = ("launched", "value", "observed", "estimate", "count", "n")
_FITTED_COLUMNS = ("fitted", "estimate", "trend", "mean")
_BREAK_COLUMNS = ("date", "break_date", "period", "month")


def plot_trend(
    data: pd.DataFrame | pd.Series,
    trend: Any = None,
    *,
    change_points: Any = None,
    time: str | None = None,
    value: str | None = None,
    ylabel: str | None = None,
    source: str | None = None,
    title: str | None = DEFAULT_TITLE,
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """A series with its fitted trend, the trend's band and change points.

    Parameters
    ----------
    data
        The observed series: a frame with a time column (``month``, ``period``,
        ``date`` or ``time``) and a value column (``launched``, else ``value``,
        ``observed``, ``estimate``, ``count``), or a Series indexed by time.
        Monthly points sit mid-month, so that a change point (the first month
        of a new segment) falls between the last old point and the first new one.
    trend
        A trend result of :mod:`aidstats.stats` (anything with a ``fitted``
        frame) or that frame itself: a time column, the fitted values
        (``fitted``/``estimate``/``trend``) and optionally ``low``/``high``
        for the band.
    change_points
        A change-point result (with ``breaks``/``break_dates``/``dates``) or a
        sequence of dates; each is drawn as a dashed vertical line.
    ylabel
        The value axis label, with its unit (default: "<value> per month (number)").
    lang
        Language of the texts (``"en"``, ``"uk"``); the house style's by default.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from aidstats.plots import plot_trend
    >>> months = pd.date_range("2024-01-01", periods=6, freq="MS")
    >>> series = pd.DataFrame({"month": months, "launched": [100.0, 120, 150, 160, 210, 220]})
    >>> fitted = pd.DataFrame({"month": months, "fitted": [100.0, 125, 150, 175, 200, 225],
    ...                        "low": [90.0, 115, 140, 165, 190, 215],
    ...                        "high": [110.0, 135, 160, 185, 210, 235]})
    >>> ax = plot_trend(series, fitted, change_points=["2024-04-01"])
    >>> [t.get_text() for t in ax.get_legend().get_texts()][:2]
    ['Observed', 'Fitted trend']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_trend"
    frame = _series_frame(data) if isinstance(data, pd.Series) else require(data, [], what=what)
    tcol = pick(frame, time, _TREND_TIME, what=what, role="time")
    vcol = pick(frame, value, _VALUE_COLUMNS, what=what, role="value")
    require_values(frame, [vcol], what=what)
    x0 = as_datetime(frame[tcol], what=what)
    shift = (
        pd.Timedelta(days=15)
        if infer_freq(pd.DatetimeIndex(x0.sort_values())) == "M"
        else pd.Timedelta(0)
    )
    x = x0 + shift
    y = numeric(frame, vcol)
    order = x.sort_values().index
    fitted = _fitted_frame(trend)
    breaks = _break_dates(change_points)
    with house_style():
        lang = current_lang(lang)
        source_line = source_from(frame, AIR_FORCE, source, lang)
        observed, fitted_label = text("legend.observed", lang), text("legend.fitted_trend", lang)
        ax = axes_or_new(ax)
        ax.plot(
            x.loc[order],
            y.loc[order],
            color="#555555",
            lw=0.9,
            marker="o",
            ms=2.8,
            label=observed,
        )
        top = float(np.nanmax(y.to_numpy()))
        if fitted is not None:
            top = max(top, _fitted_line(ax, fitted, tcol, shift, lang))
            reorder_legend_first(ax, [observed, fitted_label])
        for j, when in enumerate(breaks):
            ax.axvline(
                when,
                color=OKABE_ITO["vermillion"],
                ls="--",
                lw=1.0,
                label=text("legend.change_point", lang) if j == 0 else None,
            )
        ax.set_ylabel(ylabel or _default_ylabel(vcol, lang))
        thousands(ax, lang=lang)
        if float(np.nanmin(y.to_numpy())) >= 0:
            headroom(ax, top)
        start, end = x0.min(), x0.max() + 2 * shift
        ax.set_xlim(start, end)
        month_axis(ax, start, end, lang)
        set_title(ax, title, text("title.trend", lang))
        legend(ax, loc="upper left")
        # On a white ground: the legend sits over the change-point lines.
        reorder_legend_first(
            ax, [observed, fitted_label], frameon=True, framealpha=0.9, edgecolor="none"
        )
        finish(ax, source_line, lang=lang)
    return ax


def _default_ylabel(column: str, lang: str) -> str:
    key = f"axis.{column}_per_month"
    if key in CATALOGUE[lang]:
        return text(key, lang)
    return text(
        "axis.value_per_month", lang, value=label_for(column, lang).replace("_", " ").capitalize()
    )


def _series_frame(series: pd.Series) -> pd.DataFrame:
    name = str(series.name) if series.name is not None else "value"
    frame = pd.DataFrame({"time": series.index, name: series.to_numpy()})
    frame.attrs = dict(series.attrs)
    return frame


def _fitted_frame(trend: Any) -> pd.DataFrame | None:
    if trend is None:
        return None
    fitted = trend if isinstance(trend, pd.DataFrame) else getattr(trend, "fitted", trend)
    if not isinstance(fitted, pd.DataFrame):
        raise DataValidationError(
            f"plot_trend: trend must be a result with a 'fitted' frame or a DataFrame, "
            f"got {type(trend).__name__}"
        )
    if not any(c in fitted.columns for c in _TREND_TIME):
        fitted = fitted.reset_index()
    return require(fitted, [], what="plot_trend (fitted)")


def _fitted_line(
    ax: Axes, fitted: pd.DataFrame, tcol: str, shift: pd.Timedelta, lang: str
) -> float:
    """The fitted trend (with its band where ``low`` and ``high`` are given), shifted as the data are.

    Returns the largest value drawn (the top of the band where there is one).
    """
    what = "plot_trend"
    fcol_t = pick(fitted, None, (*_TREND_TIME, tcol), what=what, role="time")
    fx = as_datetime(fitted[fcol_t], what=what) + shift
    fcol = pick(fitted, None, _FITTED_COLUMNS, what=what, role="fitted")
    forder = fx.sort_values().index
    values = numeric(fitted, fcol)
    top = float(np.nanmax(values.to_numpy())) if values.notna().any() else 0.0
    if "low" in fitted.columns and "high" in fitted.columns:
        high = numeric(fitted, "high")
        ax.fill_between(
            fx.loc[forder],
            numeric(fitted, "low").loc[forder],
            high.loc[forder],
            color=cycle_colour(0),
            alpha=0.2,
            linewidth=0,
            label=text("legend.trend_interval", lang),
        )
        top = max(top, float(np.nanmax(high.to_numpy())) if high.notna().any() else 0.0)
    ax.plot(
        fx.loc[forder],
        values.loc[forder],
        color=cycle_colour(0),
        lw=2.0,
        label=text("legend.fitted_trend", lang),
        zorder=3,
    )
    return top


def _break_dates(change_points: Any) -> list[pd.Timestamp]:
    if change_points is None:
        return []
    for attr in ("break_dates", "breaks", "dates", "change_points"):
        if hasattr(change_points, attr):
            change_points = getattr(change_points, attr)
            break
    if isinstance(change_points, pd.DataFrame):
        col = pick(change_points, None, _BREAK_COLUMNS, what="plot_trend", role="change-point date")
        change_points = change_points[col]
    values = pd.Series(list(change_points))
    if values.empty:
        return []
    dates = as_datetime(values, what="plot_trend (change points)")
    return [pd.Timestamp(v) for v in dates.dropna()]
