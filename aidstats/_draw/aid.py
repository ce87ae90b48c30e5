"""Aid figures: allocations by donor, over time by category, and military aid by channel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from aidstats._compute.tables import top_labels
from aidstats._core.messages import donor_label, number, text
from aidstats._core.periods import freq_word
from aidstats._core.vocab import AID_CATEGORIES, ordered
from aidstats._draw.axes import (
    DEFAULT_TITLE,
    date_limits,
    headroom,
    legend,
    legend_columns,
    set_title,
    thousands,
)
from aidstats._draw.checks import numeric, pick, require, require_values
from aidstats._draw.footer import KIEL, finish, source_from
from aidstats._draw.marks import stack_bars
from aidstats._draw.prep import resample_sum, wide
from aidstats._draw.style import (
    FIGSIZE,
    axes_or_new,
    colour_for,
    current_lang,
    house_style,
    label_for,
)
from aidstats.errors import DataValidationError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "aid_long",
    "plot_aid_by_donor",
    "plot_aid_channels",
    "plot_aid_over_time",
]

_TIME_COLUMNS = ("month", "period")


def aid_long(
    frame: pd.DataFrame, value: str, what: str, time: str | None = None
) -> tuple[pd.DataFrame, str]:
    """aid_monthly (long, category) or aid_totals_monthly (wide ``*_eur_bn``) as long month/category/v.

    ``time`` names the time column (``month``, then ``period``, by default); it is ``month`` in the result.
    """
    tcol = pick(frame, time, _TIME_COLUMNS, what=what, role="time")
    if "category" in frame.columns:
        require(frame, [tcol, "category", value], what=what)
        require_values(frame, [value], what=what)
        out = pd.DataFrame(
            {
                "month": frame[tcol],
                "category": frame["category"].astype(str),
                "v": numeric(frame, value),
            }
        )
        if "donor" in frame.columns:
            out["donor"] = frame["donor"].astype(str)
        return out, value
    cats = [c for c in AID_CATEGORIES if f"{c}_eur_bn" in frame.columns]
    if not cats:
        raise DataValidationError(
            f"{what}: expected aid_monthly (month, category, {value}) or aid_totals_monthly "
            f"(month, military_eur_bn, financial_eur_bn, humanitarian_eur_bn); got {list(frame.columns)}",
            [{"row": None, "column": "category", "value": None, "rule": "column required"}],
        )
    require_values(frame, [f"{c}_eur_bn" for c in cats], what=what)
    parts = [
        pd.DataFrame({"month": frame[tcol], "category": c, "v": numeric(frame, f"{c}_eur_bn")})
        for c in cats
    ]
    return pd.concat(parts, ignore_index=True), "eur_bn"


def plot_aid_by_donor(
    data: pd.DataFrame,
    *,
    top: int = 15,
    value: str = "eur_bn",
    by: str | None = "category",
    source: str | None = None,
    title: str | None = DEFAULT_TITLE,
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Total aid per donor as horizontal bars: the ``top`` largest and "Others", split by category.

    Parameters
    ----------
    data
        ``aid_monthly`` (donor, category, ``eur_bn``) or any frame with
        ``donor`` and ``value`` (then ``by=None`` for unsplit bars, e.g.
        ``aid_donor_monthly`` with ``value="total_eur_bn"``). Summed over months:
        filter the months first for a period.
    top
        Number of donors shown by name; the rest are one "Others" bar.
    lang
        Language of the texts (``"en"``, ``"uk"``); the house style's by default.
        Donor names are shown as the data give them.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from aidstats import datasets
    >>> from aidstats.plots import plot_aid_by_donor
    >>> ax = plot_aid_by_donor(datasets.load("aid_monthly"), top=10)
    >>> [t.get_text() for t in ax.get_yticklabels()][0]  # bottom bar
    'Others (32 donors)'
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_aid_by_donor"
    frame = require(data, ["donor", value] + ([by] if by else []), what=what)
    require_values(frame, [value], what=what)
    if top < 1:
        raise DataValidationError(f"{what}: top must be at least 1, got {top}")
    tidy = pd.DataFrame(
        {"donor": frame["donor"].astype(str), "v": numeric(frame, value).fillna(0.0)}
    )
    tidy["k"] = frame[by].astype(str) if by else "total"
    table = tidy.pivot_table(index="donor", columns="k", values="v", aggfunc="sum")
    names = [str(k) for k in top_labels(table.sum(axis=1), top)]
    rest = table.drop(index=names)
    shown = table.loc[names]
    with house_style():
        lang = current_lang(lang)
        if len(rest):
            shown.loc[text("label.others_donors", lang, n=len(rest))] = rest.sum()
        shown.index = [donor_label(d, lang) for d in shown.index]
        shown = shown.iloc[::-1]  # largest at the top
        cols = ordered(shown.columns)
        source_line = source_from(frame, KIEL, source, lang)
        ax = axes_or_new(ax, (FIGSIZE[0], 1.4 + 0.24 * len(shown)))
        left = np.zeros(len(shown))
        y = np.arange(len(shown))
        for i, c in enumerate(cols):
            vals = shown[c].to_numpy(dtype=float)
            ax.barh(
                y,
                vals,
                left=left,
                height=0.72,
                color=colour_for(c, i) if by else colour_for("military"),
                label=label_for(c, lang) if by else None,
            )
            left = left + vals
        for yi, total in zip(y, left, strict=True):
            ax.annotate(
                number(total, lang, decimals=1),
                (total, yi),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=7,
                color="#333333",
            )
        ax.set_yticks(y, list(shown.index))
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, float(left.max()) * 1.12)  # room for the totals written after the bars
        ax.grid(True, axis="x")
        ax.grid(False, axis="y")
        thousands(ax, "x", lang=lang)
        ax.set_xlabel(text("axis.eur_bn_allocations", lang))
        set_title(ax, title, text("title.aid_by_donor", lang, n=len(names)))
        if by:
            legend(ax, loc="lower right")
        finish(ax, source_line, [text("note.aid_allocations", lang)], lang)
    return ax


def plot_aid_over_time(
    data: pd.DataFrame,
    *,
    value: str = "eur_bn",
    freq: str = "quarter",
    time: str | None = None,
    source: str | None = None,
    title: str | None = DEFAULT_TITLE,
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Aid allocated per month, quarter or year, stacked by category.

    Parameters
    ----------
    data
        ``aid_monthly`` (month, category, ``eur_bn``; summed over donors) or
        ``aid_totals_monthly`` (month, military_eur_bn, financial_eur_bn,
        humanitarian_eur_bn); monthly aid tables of :mod:`aidstats.aid` (``period``) too.
    freq
        ``"month"``, ``"quarter"`` (default: monthly allocations are spiky) or
        ``"year"`` (or ``"M"``, ``"Q"``, ``"Y"``).
    time
        Time column; ``month``, then ``period``, by default.
    lang
        Language of the texts (``"en"``, ``"uk"``); the house style's by default.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from aidstats import datasets
    >>> from aidstats.plots import plot_aid_over_time
    >>> ax = plot_aid_over_time(datasets.load("aid_totals_monthly"), freq="year")
    >>> len(ax.patches)
    15
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_aid_over_time"
    frame = require(data, [], what=what)
    long, _v = aid_long(frame, value, what, time)
    table = wide(long, "month", "category", "v", what=what)
    table = resample_sum(table, freq)
    return _period_stack(ax, table, freq, (title, "title.aid_over_time"), frame, source, [], lang)


def plot_aid_channels(
    data: pd.DataFrame,
    *,
    freq: str = "quarter",
    military_total: float | pd.DataFrame | None = None,
    time: str | None = None,
    source: str | None = None,
    title: str | None = DEFAULT_TITLE,
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Military aid by channel (stockpile, procurement, unspecified, NATO PURL), stacked per period.

    Parameters
    ----------
    data
        ``aid_channels`` (month, channel, eur_bn).
    freq
        ``"month"``, ``"quarter"`` (default) or ``"year"`` (or ``"M"``, ``"Q"``, ``"Y"``).
    military_total
        Total military allocations (a number in EUR bn, or ``aid_totals_monthly``):
        if given, the footer states the gap between the channel split and the
        total instead of hiding it.
    time
        Time column; ``month``, then ``period``, by default.
    lang
        Language of the texts (``"en"``, ``"uk"``); the house style's by default.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from aidstats import datasets
    >>> from aidstats.plots import plot_aid_channels
    >>> ax = plot_aid_channels(datasets.load("aid_channels"),
    ...                        military_total=datasets.load("aid_totals_monthly"))
    >>> any("gap EUR 4.9bn" in t.get_text() for t in ax.figure.texts)
    True
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_aid_channels"
    frame = require(data, ["channel", "eur_bn"], what=what)
    tcol = pick(frame, time, _TIME_COLUMNS, what=what, role="time")
    table = resample_sum(wide(frame, tcol, "channel", "eur_bn", what=what), freq)
    with house_style():
        lang = current_lang(lang)
        notes: list[str] = []
        if military_total is not None:
            total = (
                float(numeric(military_total, "military_eur_bn").sum())
                if isinstance(military_total, pd.DataFrame)
                else float(military_total)
            )
            split = float(table.sum().sum())
            notes.append(
                text(
                    "note.aid_channels_gap",
                    lang,
                    split=number(split, lang, decimals=1),
                    total=number(total, lang, decimals=1),
                    gap=number(total - split, lang, decimals=1),
                )
            )
    return _period_stack(ax, table, freq, (title, "title.aid_channels"), frame, source, notes, lang)


def _period_stack(
    ax: Axes | None,
    table: pd.DataFrame,
    freq: str,
    titles: tuple[str | None, str],
    frame: pd.DataFrame,
    source: str | None,
    notes: list[str],
    lang: str | None,
) -> Axes:
    """Stacked bars of allocations per period, one colour per column; ``titles`` is (given, default key)."""
    with house_style():
        lang = current_lang(lang)
        ax = axes_or_new(ax)
        stack_bars(ax, table, freq, lang=lang)
        word = text(f"freq.{freq_word(freq)}", lang)
        ax.set_ylabel(text("axis.eur_bn_per_period", lang, period=word))
        thousands(ax, lang=lang)
        headroom(ax, float(table.fillna(0.0).sum(axis=1).max()))
        date_limits(ax, pd.DatetimeIndex(table.index), freq, lang)
        given, key = titles
        set_title(ax, given, text(key, lang, period=word))
        # Below the axes, in one row: inside, the legend would cover the tallest bars.
        names = [label_for(c, lang) for c in table.columns]
        legend(ax, loc="upper left", bbox_to_anchor=(0.0, -0.09), ncol=legend_columns(ax, names))
        finish(
            ax,
            source_from(frame, KIEL, source, lang),
            [*notes, text("note.aid_allocations", lang)],
            lang,
        )
    return ax
