"""The salvo figure: one dot per report over time, sized by the number of weapons launched."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from aidstats._core.vocab import WEAPON_GROUPS, ordered
from aidstats._draw.axes import DEFAULT_TITLE, month_axis, set_title, thousands
from aidstats._draw.checks import as_datetime, numeric, pick, require, require_values
from aidstats._draw.footer import AIR_FORCE, finish, source_from
from aidstats._draw.style import axes_or_new, colour_for, house_style, label_for
from aidstats.errors import DataValidationError, InsufficientDataError

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.axes import Axes

__all__ = ["plot_salvos"]

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
    label_top: int = 3,
    source: str | None = None,
    title: str | None = DEFAULT_TITLE,
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
        Annotate the ``label_top`` largest salvos with their size and date
        (skipping any too close in time to a larger one, so labels never collide).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from aidstats.plots import plot_salvos
    >>> df = pd.DataFrame({"time_end": pd.to_datetime(["2025-06-01", "2025-07-09", "2025-09-07"]),
    ...                    "launched": [479.0, 741.0, 823.0]})
    >>> ax = plot_salvos(df, label_top=1)
    >>> len(ax.collections[0].get_offsets())
    3
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
    source_line = source_from(frame, AIR_FORCE, source)
    size = functools.partial(_dot_size, vmax=vmax)
    with house_style():
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
                label=None if key is None else label_for(key),
            )
        for _i, row in _spaced_largest(tidy, label_top).iterrows():
            ax.annotate(
                f"{row['v']:,.0f}\n{row['t'].day} {row['t']:%b %Y}",
                (row["t"], row["v"]),
                xytext=(0, 7),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=6.5,
                bbox={
                    "boxstyle": "round,pad=0.15",
                    "facecolor": "white",
                    "edgecolor": "none",
                    "alpha": 0.75,
                },
            )
        ax.set_ylim(0, vmax * 1.18)
        ax.set_ylabel(f"{value.capitalize()} in one report (number)")
        thousands(ax)
        start, end = tidy["t"].min(), tidy["t"].max()
        pad = max(pd.Timedelta(days=10), (end - start) * 0.02)
        ax.set_xlim(start - pad, end + pad)
        month_axis(ax, start - pad, end + pad)
        set_title(ax, title, "Salvo size: weapons launched per report")
        _size_legend(ax, vmax, size, by=bool(by))
        finish(
            ax,
            source_line,
            ["One dot per report; dot area is proportional to the number launched."],
        )
    return ax


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


def _spaced_largest(tidy: pd.DataFrame, n: int) -> pd.DataFrame:
    """The largest salvos whose two-line labels would not overlap a larger one's (up to ``n``)."""
    span_t = (tidy["t"].max() - tidy["t"].min()) / pd.Timedelta(days=1) or 1.0
    span_v = float(tidy["v"].max()) or 1.0
    chosen: list[Any] = []
    for idx in tidy.sort_values("v", ascending=False, kind="mergesort").index:
        if len(chosen) >= n:
            break
        t, v = tidy.at[idx, "t"], float(tidy.at[idx, "v"])
        clear = all(
            abs((t - tidy.at[j, "t"]) / pd.Timedelta(days=1)) / span_t >= 0.09
            or abs(v - float(tidy.at[j, "v"])) / span_v >= 0.11
            for j in chosen
        )
        if clear:
            chosen.append(idx)
    return tidy.loc[chosen]


def _size_legend(ax: Axes, vmax: float, size: Callable[[Any], np.ndarray], *, by: bool) -> None:
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
        labels.append(f"{v:,.0f}")
    ax.legend(
        handles,
        labels,
        loc="upper left",
        ncol=len(handles),
        title="Launched per report" if not by else None,
        handletextpad=0.2,
        columnspacing=1.0,
    )


def _nice_steps(vmax: float) -> list[float]:
    magnitude = 10 ** np.floor(np.log10(vmax))
    top = magnitude * (5 if vmax >= 5 * magnitude else 2 if vmax >= 2 * magnitude else 1)
    return [top / 10, top / 2, top] if top >= 10 else [top]
