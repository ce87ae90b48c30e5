"""The salvo figure: one dot per report over time, sized by the number of weapons launched."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from aidstats._core.messages import day_label, number, text
from aidstats._core.vocab import WEAPON_GROUPS, ordered
from aidstats._draw.axes import DEFAULT_TITLE, month_axis, set_title, thousands
from aidstats._draw.checks import as_datetime, numeric, pick, require, require_values
from aidstats._draw.footer import AIR_FORCE, finish, source_from
from aidstats._draw.labels import Label, label_rows
from aidstats._draw.style import axes_or_new, colour_for, current_lang, house_style, label_for
from aidstats.errors import DataValidationError, InsufficientDataError

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.axes import Axes

__all__ = ["largest", "plot_salvos"]

_TIME_COLUMNS = ("time_end", "night", "date", "time_start", "period", "month")


def _dot_size(values: Any, vmax: float) -> np.ndarray:
    """Marker area (points²) of a salvo: proportional to its size, the largest 224."""
    return 4.0 + 220.0 * np.asarray(values, dtype=float) / vmax


def plot_salvos(
    data: pd.DataFrame,
    *,
    value: str = "launched",
    time: str | None = None,
    by: str | None = None,
    label_top: int = 5,
    source: str | None = None,
    title: str | None = DEFAULT_TITLE,
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """The largest salvos over time: one dot per report, sized by volume.

    Parameters
    ----------
    data
        One row per report (e.g. :func:`aidstats.strikes.salvos`): a time
        column (``time_end``, ``night``, ``date``, ``time_start`` or
        ``period``) and ``value`` (weapons launched in the report).
    by
        Optional column to colour the dots by. ``"weapon_group"`` or
        ``"weapon_class"`` work on :func:`aidstats.strikes.salvos` output too:
        each report is coloured by the group (class) with most launches, from
        its ``launched_<group>`` columns.
    label_top
        Label the ``label_top`` largest salvos with their size and date. The
        labels sit in rows above the dots, each tied to its dot by a thin
        line, placed so that none overlaps another (deterministically).
    lang
        Language of the texts (``"en"``, ``"uk"``); the house style's by default.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from aidstats.plots import plot_salvos
    >>> df = pd.DataFrame({"time_end": pd.to_datetime(["2025-06-01", "2025-07-09", "2025-09-07"]),
    ...                    "launched": [479.0, 741.0, 823.0]})
    >>> ax = plot_salvos(df, label_top=2)
    >>> len(ax.collections[0].get_offsets()), [t.get_text() for t in ax.texts]
    (3, ['823\\n7 Sep 2025', '741\\n9 Jul 2025'])
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_salvos"
    frame = require(data, [value], what=what)
    if by and by not in frame.columns:
        frame = frame.assign(**{by: _dominant(frame, by, value, what)})
    tcol = pick(frame, time, _TIME_COLUMNS, what=what, role="time")
    require_values(frame, [value], what=what)
    tidy = pd.DataFrame({"t": as_datetime(frame[tcol], what=what), "v": numeric(frame, value)})
    if by:
        tidy["g"] = frame[by].astype("string").fillna("unknown").astype(str)
    tidy = tidy.dropna(subset=["t", "v"]).sort_values(["t", "v"], kind="mergesort")
    vmax = float(tidy["v"].max())
    if vmax <= 0:
        raise InsufficientDataError(f"{what}: no report has a positive {value!r}")
    size = functools.partial(_dot_size, vmax=vmax)
    with house_style():
        lang = current_lang(lang)
        source_line = source_from(frame, AIR_FORCE, source, lang)
        ax = axes_or_new(ax)
        keys = [None] if not by else ordered(tidy["g"].unique())
        for i, key in enumerate(keys):
            part = tidy if key is None else tidy[tidy["g"] == key]
            colour = colour_for("drone") if key is None else colour_for(key, i)
            ax.scatter(
                part["t"],
                part["v"],
                s=size(part["v"]),
                color=colour,
                alpha=0.55,
                edgecolors="white",
                linewidths=0.3,
                label=None if key is None else label_for(key, lang),
            )
        start, end = tidy["t"].min(), tidy["t"].max()
        pad = max(pd.Timedelta(days=10), (end - start) * 0.02)
        ax.set_xlim(start - pad, end + pad)
        month_axis(ax, start - pad, end + pad, lang)
        _label_largest(ax, tidy, label_top, size, lang)
        ax.set_ylabel(text("axis.launched_per_report", lang))
        thousands(ax, lang=lang)
        set_title(ax, title, text("title.salvos", lang))
        _size_legend(ax, vmax, size, by=bool(by), lang=lang)
        finish(ax, source_line, [text("note.salvos", lang)], lang)
    return ax


def largest(tidy: pd.DataFrame, n: int) -> pd.DataFrame:
    """The ``n`` largest salvos (ties: the earlier first)."""
    return tidy.sort_values(["v", "t"], ascending=[False, True], kind="mergesort").head(max(0, n))


def _label_largest(
    ax: Axes, tidy: pd.DataFrame, n: int, size: Callable[[Any], np.ndarray], lang: str
) -> None:
    import matplotlib.dates as mdates

    top = largest(tidy, n)
    labels = [
        Label(
            float(mdates.date2num(row.t)),
            float(row.v),
            f"{number(row.v, lang)}\n{day_label(row.t, lang)}",
        )
        for row in top.itertuples(index=False)
    ]
    radii = [float(np.sqrt(size(v)) / 2) for v in top["v"]]
    label_rows(ax, labels, size=7.0, marker_pt=radii, top=float(tidy["v"].max()))


def _dominant(frame: pd.DataFrame, by: str, value: str, what: str) -> pd.Series:
    """The group (or class) with most launches in each report, from ``<value>_<key>`` columns."""
    prefix = f"{value}_"
    keys = [c[len(prefix) :] for c in frame.columns if c.startswith(prefix)]
    keys = [k for k in keys if (k in WEAPON_GROUPS) == (by == "weapon_group")]
    if not keys:
        raise DataValidationError(
            f"{what}: no column {by!r} and no {prefix}<{by}> columns to derive it from",
            [{"row": None, "column": by, "value": None, "rule": "column required"}],
        )
    counts = frame[[prefix + k for k in keys]].apply(pd.to_numeric, errors="coerce").fillna(0.0)
    return pd.Series(
        np.asarray(keys, dtype=object)[counts.to_numpy().argmax(axis=1)], index=frame.index
    )


def _size_legend(
    ax: Axes, vmax: float, size: Callable[[Any], np.ndarray], *, by: bool, lang: str
) -> None:
    from matplotlib.lines import Line2D

    handles: list[Any] = []
    labels: list[str] = []
    for collection in ax.collections:
        name = str(collection.get_label())
        if name and not name.startswith("_"):
            colour: Any = collection.get_facecolor()[0]
            handles.append(Line2D([], [], ls="", marker="o", markersize=6, color=colour))
            labels.append(name)
    steps = [v for v in _nice_steps(vmax) if v <= vmax]
    for v in steps:
        handles.append(
            Line2D(
                [],
                [],
                ls="",
                marker="o",
                markersize=float(np.sqrt(size(v))),
                color="#777777",
                alpha=0.55,
            )
        )
        labels.append(number(v, lang))
    # Below the axes: the band above the dots belongs to the labels.
    ax.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(0.0, -0.09),
        ncol=len(handles),
        title=None if by else text("legend.salvo_sizes", lang),
        alignment="left",
        handletextpad=0.2,
        columnspacing=1.0,
    )


def _nice_steps(vmax: float) -> list[float]:
    magnitude = 10 ** np.floor(np.log10(vmax))
    top = magnitude * (5 if vmax >= 5 * magnitude else 2 if vmax >= 2 * magnitude else 1)
    return [top / 10, top / 2, top] if top >= 10 else [top]
