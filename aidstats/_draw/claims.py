"""The claims figure: one row per official claim, the count from the reports against what the claim allows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from aidstats._core.messages import CATALOGUE, in_text, month_label, number, text
from aidstats._draw.axes import DEFAULT_TITLE, legend_columns, set_title
from aidstats._draw.checks import numeric, require
from aidstats._draw.footer import STATEMENTS, finish, source_from
from aidstats._draw.style import (
    FIGSIZE,
    axes_or_new,
    colour_for,
    current_lang,
    cycle_colour,
    figure_of,
    house_style,
    label_for,
    text_width_pt,
)
from aidstats.errors import InsufficientDataError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["claim_labels", "plot_reconciliation"]

_SIZE = 7.0  # points: row labels and the text beside each row
_ROW_IN = 0.19  # inches per row
_RANGE_GREY = "#D9D9D9"
_COUNT_RANGE = "#222222"
_HIGHLIGHT = "#FFF3C4"
_X_LIMITS = (0.25, 4.0)  # counted / claimed shown at least over this range


def plot_reconciliation(
    data: pd.DataFrame,
    *,
    label: str | None = None,
    label_top: int | None = None,
    hue: str | None = None,
    highlight: Any = None,
    source: str | None = None,
    title: str | None = DEFAULT_TITLE,
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Official claims against the counts: one row per claim, so that every claim can be found.

    Each row names the claim as it was made (month, qualifier, figure,
    measure: "Jun 2025 · nearly 80 ballistic missiles"). On a log scale of
    counted ÷ claimed, a grey bar shows the range the claim allows (its
    qualifier: "over 330" allows 330 to 412), and a dot where the count
    falls: filled when the count is consistent with the claim, hollow when
    it is not. Beside each row: the count and who made the claim.

    Parameters
    ----------
    data
        A reconciliation table (:func:`aidstats.stats.reconcile`):
        ``claimed``, ``computed`` and ``consistent`` (bool); used where present:
        ``lower``/``upper`` (the values the claim allows), ``qualifier``,
        ``period_start``, ``measure`` and ``speaker``. Rows come in the order
        of ``period_start`` (else as given).
    label
        Column written beside each row instead of the speaker (e.g. ``statement_id``).
    label_top
        Accepted for compatibility; every row is labelled.
    hue
        Column to colour the dots by (e.g. ``measure``).
    highlight
        Rows to mark (a light band and the row label in bold): a boolean
        mask, index labels, or a month (``"2025-06"``) whose claims to mark.
    lang
        Language of the texts (``"en"``, ``"uk"``); the house style's by default.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from aidstats.plots import plot_reconciliation
    >>> table = pd.DataFrame({"period_start": pd.to_datetime(["2025-06-01"] * 3),
    ...                       "measure": ["missiles", "ballistic_missiles", "drones"],
    ...                       "claimed": [330.0, 80, 5000], "computed": [240.0, 59, 5438],
    ...                       "lower": [330.0, 72, 5000], "upper": [412.5, 80, 6250],
    ...                       "qualifier": ["over", "nearly", "over"],
    ...                       "consistent": [False, False, True]})
    >>> ax = plot_reconciliation(table, highlight="2025-06")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Jun 2025 · over 330 missiles', 'Jun 2025 · nearly 80 ballistic missiles', 'Jun 2025 · over 5,000 drones']
    >>> ax.get_xscale()
    'log'
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_reconciliation"
    extra = ([label] if label else []) + ([hue] if hue else [])
    frame = require(data, ["claimed", "computed", "consistent", *extra], what=what)
    claimed, computed = numeric(frame, "claimed"), numeric(frame, "computed")
    usable = (claimed > 0) & (computed > 0)
    if not usable.any():
        raise InsufficientDataError(f"{what}: no row has a positive claimed and computed figure")
    if "period_start" in frame.columns:
        order = (
            pd.to_datetime(frame["period_start"]).loc[usable].sort_values(kind="mergesort").index
        )
    else:
        order = frame.index[usable.to_numpy()]
    rows = frame.loc[order]
    dropped = frame.loc[~usable.to_numpy()]
    with house_style():
        lang = current_lang(lang)
        source_line = source_from(frame, STATEMENTS, source, lang)
        ax = axes_or_new(ax, (FIGSIZE[0], 1.5 + _ROW_IN * len(rows)))
        marked = _highlighted(rows, highlight)
        y = np.arange(len(rows))[::-1]  # first row on top
        _draw_rows(ax, rows, y, marked, hue, lang)
        ax.set_yticks(y, claim_labels(rows, lang))
        for tick, bold in zip(ax.get_yticklabels(), marked, strict=True):
            if bold:
                tick.set_color("#000000")
                tick.set_fontweight("bold")
        ax.tick_params(axis="y", length=0, labelsize=_SIZE)
        ax.set_ylim(-0.7, len(rows) - 0.3)
        set_title(ax, title, text("title.claims", lang))
        _claims_legend(ax, rows, hue, lang)
        notes = [text("note.claims_rows", lang)]
        if len(dropped):
            notes.append(_dropped_note(dropped, lang))
        finish(ax, source_line, notes, lang)
        _beside(ax, rows, y, label, lang)
    return ax


def _dropped_note(dropped: pd.DataFrame, lang: str) -> str:
    """How many claims are not shown, and of which measures (those the reports do not count)."""
    if "measure" not in dropped.columns:
        return text("note.claims_dropped", lang, n=len(dropped))
    measures = ", ".join(in_text(str(m), lang) for m in dict.fromkeys(dropped["measure"]))
    return text("note.claims_not_checkable", lang, n=len(dropped), measures=measures)


def claim_labels(rows: pd.DataFrame, lang: str = "en") -> list[str]:
    """Each claim as it was made: "Jun 2025 · nearly 80 ballistic missiles"."""
    labels = []
    for _i, row in rows.iterrows():
        parts = []
        if "period_start" in rows.columns and pd.notna(row["period_start"]):
            parts.append(month_label(row["period_start"], lang, short=True))
        qualifier = (
            str(row["qualifier"])
            if "qualifier" in rows.columns and pd.notna(row["qualifier"])
            else ""
        )
        said = (
            text(f"qualifier.{qualifier}", lang)
            if f"qualifier.{qualifier}" in CATALOGUE[lang]
            else ""
        )
        measure = in_text(str(row["measure"]), lang) if "measure" in rows.columns else ""
        claim = text(
            "label.claim", lang, said=said, n=number(row["claimed"], lang), measure=measure
        )
        parts.append(
            " ".join(w for w in claim.split(" ") if w).strip(" :")
        )  # keeps no-break spaces
        labels.append(" · ".join(parts))
    return labels


def _highlighted(rows: pd.DataFrame, highlight: Any) -> list[bool]:
    if highlight is None:
        return [False] * len(rows)
    if isinstance(highlight, str) and "period_start" in rows.columns:
        month = pd.Timestamp(f"{highlight}-01" if len(highlight) == 7 else highlight)
        starts = pd.to_datetime(rows["period_start"])
        return [bool(s.year == month.year and s.month == month.month) for s in starts]
    if (
        isinstance(highlight, pd.Series | np.ndarray | list)
        and len(highlight)
        and isinstance(next(iter(highlight)), bool | np.bool_)
    ):
        mask = pd.Series(list(highlight), index=rows.index if len(highlight) == len(rows) else None)
        return [bool(mask.get(i, False)) for i in rows.index]
    chosen = set(highlight) if isinstance(highlight, Sequence | set | pd.Index) else {highlight}
    return [i in chosen for i in rows.index]


def _draw_rows(
    ax: Axes, rows: pd.DataFrame, y: np.ndarray, marked: list[bool], hue: str | None, lang: str
) -> None:
    claimed = numeric(rows, "claimed").to_numpy()
    ratio = numeric(rows, "computed").to_numpy() / claimed
    consistent = rows["consistent"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    for yi, bold in zip(y, marked, strict=True):
        if bold:
            ax.axhspan(yi - 0.5, yi + 0.5, color=_HIGHLIGHT, linewidth=0, zorder=0)
    if {"lower", "upper"} <= set(rows.columns):
        low = numeric(rows, "lower").to_numpy() / claimed
        high = numeric(rows, "upper").to_numpy() / claimed
        has = np.isfinite(low) & np.isfinite(high)
        ax.hlines(y[has], low[has], np.maximum(high[has], low[has] * 1.01), color=_RANGE_GREY,
                  linewidth=5.0, zorder=1, label=text("legend.claim_allows", lang))  # fmt: skip
    count_range = _count_range(rows)
    if count_range is not None:
        has = np.isfinite(count_range[0]) & np.isfinite(count_range[1])
        ax.hlines(y[has], count_range[0][has], count_range[1][has], color=_COUNT_RANGE, lw=1.3,
                  zorder=2)  # fmt: skip
    ax.axvline(1.0, color="#555555", ls="--", lw=0.8, zorder=1)
    hues = rows[hue].astype(str).to_numpy() if hue else np.array(["all"] * len(rows))
    for k, key in enumerate(dict.fromkeys(hues)):
        colour = colour_for(key, k) if hue else cycle_colour(0)
        for ok in (True, False):
            mask = (hues == key) & (consistent == ok)
            if mask.any():
                ax.scatter(ratio[mask], y[mask], s=26, marker="o", linewidths=1.1, zorder=3,
                           facecolors=colour if ok else "white", edgecolors=colour)  # fmt: skip
    ranges = [low, high] if {"lower", "upper"} <= set(rows.columns) else []
    _ratio_axis(ax, np.concatenate([ratio, *ranges]), lang)


def _count_range(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray] | None:
    """The count's own range (other datings and reporters) as ratios to the claim, if the table has it."""
    if not {"computed_low", "computed_high"} <= set(rows.columns):
        return None
    claimed = numeric(rows, "claimed").to_numpy()
    return (
        numeric(rows, "computed_low").to_numpy() / claimed,
        numeric(rows, "computed_high").to_numpy() / claimed,
    )


def _ratio_axis(ax: Axes, values: np.ndarray, lang: str) -> None:
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    finite = values[np.isfinite(values) & (values > 0)]
    lo = min(_X_LIMITS[0], float(finite.min()) / 1.3) if len(finite) else _X_LIMITS[0]
    hi = max(_X_LIMITS[1], float(finite.max()) * 1.3) if len(finite) else _X_LIMITS[1]
    ax.set_xscale("log")
    ax.set_xlim(lo, hi)
    ticks = [t for t in (0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 10.0, 20.0) if lo <= t <= hi]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(
        FuncFormatter(lambda v, _p: f"{number(v, lang, decimals=_places(v))}×")
    )
    ax.grid(True, axis="x")
    ax.grid(False, axis="y")
    ax.set_xlabel(text("axis.counted_over_claimed", lang))


def _places(value: float) -> int:
    """Decimals a ratio tick needs (0.25, 0.5, 1, 2)."""
    return 2 if value < 0.5 else 1 if value < 1 else 0


def _beside(ax: Axes, rows: pd.DataFrame, y: np.ndarray, label: str | None, lang: str) -> None:
    """The count and the speaker (or ``label``) beside each row, on the side with room, cut to fit."""
    import matplotlib.transforms as mtransforms

    fig = figure_of(ax)
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)  # settle the axes' width: the texts are cut to the room they will have
    lo, hi = (np.log(v) for v in ax.get_xlim())
    claimed = numeric(rows, "claimed").to_numpy()
    ends = [numeric(rows, "computed").to_numpy() / claimed, *(_count_range(rows) or ())]
    if {"lower", "upper"} <= set(rows.columns):
        ends += [
            numeric(rows, "lower").to_numpy() / claimed,
            numeric(rows, "upper").to_numpy() / claimed,
        ]
    stacked = np.vstack(ends)
    left_end = np.nanmin(stacked, axis=0)
    right_end = np.nanmax(stacked, axis=0)
    width_pt = fig.get_figwidth() * 72 * ax.get_position().width
    blend = mtransforms.blended_transform_factory(ax.transData, ax.transData)
    for k, (_i, row) in enumerate(rows.iterrows()):
        who = str(row[label]) if label else _speaker(row)
        words = text("label.counted", lang, count=number(row["computed"], lang))
        words = f"{words} · {who}" if who else words
        room_right = (hi - np.log(right_end[k])) / (hi - lo)
        room_left = (np.log(left_end[k]) - lo) / (hi - lo)
        right = room_right >= room_left
        # 0.9: the axes may still narrow when the legend and footer are laid out
        room = (room_right if right else room_left) * width_pt * 0.9 - 10
        words = _fit(words, room)
        x = right_end[k] * 1.06 if right else left_end[k] / 1.06
        note = ax.text(x, y[k], words, transform=blend, ha="left" if right else "right", va="center",
                       fontsize=_SIZE - 0.5, color="#444444", zorder=4)  # fmt: skip
        note.set_in_layout(False)  # cut to fit inside the axes: the layout need not make room


def _speaker(row: pd.Series) -> str:
    """Who made the claim, without the channel in brackets ("President Zelensky (Telegram)" -> "President Zelensky")."""
    if "speaker" not in row.index or pd.isna(row["speaker"]):
        return ""
    return str(row["speaker"]).split(" (", 1)[0].strip()


def _fit(words: str, room_pt: float) -> str:
    """``words`` cut (with an ellipsis) to ``room_pt`` points at the size of the row texts."""
    if text_width_pt(words, _SIZE - 0.5) <= room_pt:
        return words
    while len(words) > 4 and text_width_pt(words + "…", _SIZE - 0.5) > room_pt:
        words = words[:-1]
    return words.rstrip(" ·,") + "…"


def _claims_legend(ax: Axes, rows: pd.DataFrame, hue: str | None, lang: str) -> None:
    from matplotlib.lines import Line2D

    grey = "#444444"
    handles = [
        Line2D([], [], ls="", marker="o", color=grey, markerfacecolor=grey, label=text("legend.consistent", lang)),
        Line2D([], [], ls="", marker="o", color=grey, markerfacecolor="white",
               label=text("legend.not_consistent", lang)),
    ]  # fmt: skip
    if {"lower", "upper"} <= set(rows.columns):
        handles.append(
            Line2D([], [], color=_RANGE_GREY, lw=5.0, label=text("legend.claim_allows", lang))
        )
    if _count_range(rows) is not None:
        handles.append(
            Line2D([], [], color=_COUNT_RANGE, lw=1.3, label=text("legend.count_range", lang))
        )
    handles.append(
        Line2D(
            [],
            [],
            ls="--",
            color="#555555",
            lw=0.8,
            label=text("legend.counted_equals_claimed", lang),
        )
    )
    if hue:
        keys = list(dict.fromkeys(rows[hue].astype(str)))
        handles += [
            Line2D([], [], ls="", marker="o", color=colour_for(k, i), label=label_for(k, lang))
            for i, k in enumerate(keys)
        ]
    from matplotlib.transforms import ScaledTranslation, blended_transform_factory

    fig = figure_of(ax)
    # Flush with the footer at the figure's left edge, under the x label.
    below = blended_transform_factory(
        fig.transFigure, ax.transAxes + ScaledTranslation(0.0, -0.42, fig.dpi_scale_trans)
    )
    ncol = legend_columns(ax, [str(h.get_label()) for h in handles], size=_SIZE, most=2)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.005, 0.0), bbox_transform=below, ncol=ncol,
              fontsize=_SIZE)  # fmt: skip
