"""Strike figures: weapons launched per month (stacked by group or class) and the weapon mix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from aidstats._core.messages import month_label, text
from aidstats._core.vocab import ordered
from aidstats._draw.axes import (
    DEFAULT_TITLE,
    date_limits,
    headroom,
    legend,
    legend_columns,
    month_axis,
    set_title,
    thousands,
)
from aidstats._draw.checks import as_datetime, numeric, pick, require
from aidstats._draw.footer import AIR_FORCE, AIR_FORCE_AND_STATEMENTS, finish, source_from
from aidstats._draw.marks import stack_bars
from aidstats._draw.prep import bar_geometry, is_volume_wide, volume_wide, wide
from aidstats._draw.style import (
    axes_or_new,
    colour_for,
    current_lang,
    house_style,
    label_for,
    two_panels,
)
from aidstats.errors import DataValidationError, InsufficientDataError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["FULL_MONTH", "WEEKLY_ESTIMATE", "glide_table", "plot_strike_volume", "plot_weapon_mix"]

#: Prefixes of ``glide_bombs_source`` in ``strike_volume_monthly``: a full-month statement, an estimate.
FULL_MONTH, WEEKLY_ESTIMATE = "official_statement", "weekly_estimate"


def plot_strike_volume(
    data: pd.DataFrame,
    *,
    by: str | None = None,
    value: str = "launched",
    time: str | None = None,
    glide_bombs: str | None = None,
    source: str | None = None,
    title: str | None = DEFAULT_TITLE,
    lang: str | None = None,
    ax: Axes | None = None,
    axes: Sequence[Axes] | None = None,
) -> Axes:
    """Weapons launched per month, stacked by weapon group or class.

    Parameters
    ----------
    data
        Either the wide ``strike_volume_monthly`` layout (``month`` and any of
        ``missiles_cruise``, ``missiles_ballistic``, ``missiles_mixed``,
        ``missiles_other``, ``drones_attack``, ``drones_decoy_or_unknown``,
        ``drones_reconnaissance``, ``unclassified``, ``glide_bombs``; months
        with ``withheld_rows`` above 0 are named as lower bounds in the
        footer), or a long table such as ``strikes_monthly`` or
        :func:`aidstats.strikes.to_periods` output with a time column
        (``month`` or ``period``), the ``by`` column and ``value``. Long tables
        are summed over any other columns (filter ``scope`` first if you want
        national reports only).
    by
        Long layout only: ``"weapon_group"`` (default where present) or
        ``"weapon_class"``.
    value
        Long layout only: the count to stack (``launched`` by default).
    time
        Time column; ``month``, then ``period``, by default.
    glide_bombs
        Wide layout only: where to show the ``glide_bombs`` column, which comes
        from official statements, not from the Air Force reports:
        ``"panel"`` (a second panel below, the default when ``ax`` is not
        given), ``"line"`` (a dashed line over the stack, not stacked; the
        default when ``ax`` is given) or ``"omit"``. The panel tells full-month
        statements from estimates built from weekly statements (by
        ``glide_bombs_source``) and draws the range ``glide_bombs_low`` to
        ``glide_bombs_high`` where given; months without enough coverage stay blank.
    source, title
        Override the source line or the title (``None``: no title).
    lang
        Language of the texts (``"en"``, ``"uk"``); the house style's by default.
    ax, axes
        Draw on ``ax``; or, for ``glide_bombs="panel"``, on ``axes=(top, bottom)``.

    Returns
    -------
    matplotlib.axes.Axes
        The (top) Axes with the stacked bars; with a glide-bomb panel its
        Axes is ``ax.figure.axes[1]``.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from aidstats.plots import plot_strike_volume
    >>> df = pd.DataFrame({"month": pd.to_datetime(["2025-01-01", "2025-01-01", "2025-02-01"]),
    ...                    "weapon_group": ["drone", "missile", "drone"],
    ...                    "launched": [2500.0, 90.0, 3900.0]})
    >>> ax = plot_strike_volume(df)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]  # top of the stack first
    ['Drones', 'Missiles']
    >>> plot_strike_volume(df, lang="uk").get_ylabel()
    'Випущено за місяць (кількість)'
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_strike_volume"
    frame = require(data, [], what=what)
    tcol = pick(frame, time, ("month", "period"), what=what, role="time")
    if is_volume_wide(frame) and by is None:
        mode = glide_bombs or ("line" if ax is not None else "panel")
        if mode not in ("panel", "line", "omit"):
            raise DataValidationError(
                f"{what}: glide_bombs must be 'panel', 'line' or 'omit', not {mode!r}"
            )
        stack = volume_wide(frame, tcol, what=what, glide=False)
        glide = glide_table(frame, tcol, what) if mode != "omit" else None
        fallback = AIR_FORCE_AND_STATEMENTS
        withheld = _withheld_months(frame, tcol, what)
    else:
        byc = (
            by
            if by is not None
            else ("weapon_group" if "weapon_group" in frame.columns else "weapon_class")
        )
        stack = wide(frame, tcol, byc, value, what=what)
        glide, mode = None, "omit"
        fallback = AIR_FORCE
        withheld = None
    with house_style():
        lang = current_lang(lang)
        source_line = source_from(frame, fallback, source, lang)
        if glide is not None and mode == "panel":
            top, bottom = two_panels(axes, ax, height_ratios=(2.2, 1.0))
        else:
            top, bottom = axes_or_new(ax), None
        stack_bars(top, stack, "month", lang=lang)
        top.set_ylabel(text("axis.launched_per_month", lang))
        thousands(top, lang=lang)
        headroom(top, float(stack.fillna(0.0).sum(axis=1).max()))
        date_limits(top, pd.DatetimeIndex(stack.index), "month", lang)
        set_title(top, title, text("title.strike_volume", lang))
        notes: list[str] = [withheld_note(withheld, lang)] if withheld else []
        if glide is not None and mode == "line":
            top.plot(
                glide.index + pd.Timedelta(days=15),
                glide["value"].to_numpy(),
                ls="--",
                marker="o",
                ms=3,
                color=colour_for("glide_bombs"),
                label=text("legend.glide_bombs_line", lang),
            )
            headroom(top, max(float(stack.fillna(0.0).sum(axis=1).max()), glide["value"].max()))
            notes.append(text("note.glide_bombs_line", lang))
        legend(top, reverse=True, ncol=1)
        if glide is not None and bottom is not None:
            _glide_panel(bottom, glide, pd.DatetimeIndex(stack.index), lang)
            notes.append(text("note.glide_bombs_panel", lang))
        finish(top, source_line, notes, lang)
    return top


def _withheld_months(frame: pd.DataFrame, tcol: str, what: str) -> list[pd.Timestamp]:
    """The months whose counts are lower bounds: the Air Force withheld some figures."""
    if "withheld_rows" not in frame.columns:
        return []
    rows = numeric(frame, "withheld_rows").fillna(0.0)
    months = pd.DatetimeIndex(as_datetime(frame[tcol], what=what))[rows.to_numpy() > 0]
    return sorted(set(months))


def withheld_note(months: list[pd.Timestamp], lang: str) -> str:
    """The footer note naming the months whose counts are lower bounds (figures withheld)."""
    shown = ", ".join(month_label(m, lang, short=True) for m in months)
    return text("note.withheld", lang, months=shown)


def glide_table(frame: pd.DataFrame, tcol: str, what: str) -> pd.DataFrame | None:
    """Months with a glide-bomb figure: value, low, high and whether it is a full-month statement.

    Without ``glide_bombs_source`` every figure counts as a full-month
    statement; without ``glide_bombs_low``/``_high`` the range is the figure.
    """
    if "glide_bombs" not in frame.columns:
        return None
    index = as_datetime(frame[tcol], what=what)
    table = pd.DataFrame({"value": numeric(frame, "glide_bombs").to_numpy()}, index=index)
    for side in ("low", "high"):
        column = f"glide_bombs_{side}"
        table[side] = (
            numeric(frame, column).to_numpy() if column in frame.columns else table["value"]
        )
    source = (
        frame["glide_bombs_source"].astype("string").fillna("").to_numpy()
        if "glide_bombs_source" in frame.columns
        else pd.Series("", index=frame.index).to_numpy()
    )
    table["estimate"] = pd.Series(source, index=index).astype(str).str.startswith(WEEKLY_ESTIMATE)
    table = table.dropna(subset=["value"]).sort_index()
    table = table.groupby(level=0).agg(
        {"value": "sum", "low": "sum", "high": "sum", "estimate": "max"}
    )
    return table if len(table) else None


def _glide_panel(ax: Axes, glide: pd.DataFrame, months: pd.DatetimeIndex, lang: str) -> None:
    """Full-month statements as hatched bars, weekly estimates as dotted ones, each with its range."""
    colour = colour_for("glide_bombs")
    kinds = (
        (~glide["estimate"], "////", "legend.glide_bombs_full_month"),
        (glide["estimate"], "....", "legend.glide_bombs_weekly_estimate"),
    )
    for mask, hatch, key in kinds:
        part = glide.loc[mask]
        if part.empty:
            continue
        centres, width = bar_geometry(pd.DatetimeIndex(part.index), "month")
        ax.bar(
            centres,
            part["value"].to_numpy(),
            width=width,
            color="white",
            edgecolor=colour,
            hatch=hatch,
            linewidth=0.8,
            label=text(key, lang),
        )
    ranged = glide.loc[(glide["high"] > glide["low"])]
    if len(ranged):
        centres, _width = bar_geometry(pd.DatetimeIndex(ranged.index), "month")
        ax.vlines(
            centres,
            ranged["low"].to_numpy(),
            ranged["high"].to_numpy(),
            color="#333333",
            linewidth=0.9,
            label=text("legend.glide_bombs_range", lang),
        )
    ax.set_ylabel(text("axis.glide_bombs_per_month", lang))
    thousands(ax, lang=lang)
    headroom(ax, float(glide[["value", "high"]].max().max()), room=0.25)
    handles, labels = ax.get_legend_handles_labels()
    ranged_last = sorted(
        range(len(labels)), key=lambda i: labels[i] == text("legend.glide_bombs_range", lang)
    )
    ax.legend(
        [handles[i] for i in ranged_last],
        [labels[i] for i in ranged_last],
        loc="upper left",
        ncol=3,
    )
    start = min(months.min(), glide.index.min())
    end = max(months.max(), glide.index.max()) + pd.DateOffset(months=1)
    ax.set_xlim(start, end)
    month_axis(ax, start, end, lang)


def plot_weapon_mix(
    data: pd.DataFrame,
    *,
    by: str | None = None,
    value: str = "launched",
    time: str | None = None,
    source: str | None = None,
    title: str | None = DEFAULT_TITLE,
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Shares of each weapon class (or group) in the month's launches, as stacked areas.

    Parameters
    ----------
    data
        A long table (time column, ``by`` column, ``value``), e.g.
        ``strikes_monthly``, or the wide ``strike_volume_monthly`` layout
        (Air Force columns only; glide bombs from statements are left out).
    by
        ``"weapon_class"`` (default where present) or ``"weapon_group"``.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from aidstats.plots import plot_weapon_mix
    >>> df = pd.DataFrame({"month": pd.to_datetime(["2025-01-01"] * 2 + ["2025-02-01"] * 2),
    ...                    "weapon_class": ["attack_drone", "cruise_missile"] * 2,
    ...                    "launched": [900.0, 100.0, 1500.0, 500.0]})
    >>> ax = plot_weapon_mix(df)
    >>> len(ax.collections)
    2
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_weapon_mix"
    frame = require(data, [], what=what)
    tcol = pick(frame, time, ("month", "period"), what=what, role="time")
    if is_volume_wide(frame) and by is None:
        counts = volume_wide(frame, tcol, what=what, glide=False)
        fallback = AIR_FORCE
    else:
        byc = (
            by
            if by is not None
            else ("weapon_class" if "weapon_class" in frame.columns else "weapon_group")
        )
        counts = wide(frame, tcol, byc, value, what=what)
        fallback = AIR_FORCE
    withheld = _withheld_months(frame, tcol, what)
    counts = counts.fillna(0.0)
    counts = counts[ordered(c for c in counts.columns if counts[c].sum() > 0)]
    totals = counts.sum(axis=1)
    if not (totals > 0).any():
        raise InsufficientDataError(f"{what}: no month has any launches; shares are undefined")
    shares = counts.div(totals.where(totals > 0), axis=0)
    with house_style():
        lang = current_lang(lang)
        source_line = source_from(frame, fallback, source, lang)
        ax = axes_or_new(ax)
        x = pd.DatetimeIndex(shares.index) + pd.Timedelta(days=15)
        ax.stackplot(
            x,
            *(shares[c].to_numpy() for c in shares.columns),
            labels=[label_for(c, lang) for c in shares.columns],
            colors=[colour_for(c, i) for i, c in enumerate(shares.columns)],
            linewidth=0,
        )
        ax.set_ylim(0.0, 1.0)
        thousands(ax, percent=True, lang=lang)
        ax.set_ylabel(text("axis.share_of_launches", lang))
        ax.set_xlim(x.min(), x.max())
        month_axis(ax, x.min(), x.max(), lang)
        ax.grid(False)
        set_title(ax, title, text("title.weapon_mix", lang))
        # Below the axes: beside them, long class names would squeeze the plot.
        names = [label_for(c, lang) for c in shares.columns]
        legend(ax, reverse=True, loc="upper left", bbox_to_anchor=(0.0, -0.09),
               ncol=legend_columns(ax, names, most=3))  # fmt: skip
        notes = [text("note.weapon_mix_blank", lang)]
        finish(
            ax, source_line, [withheld_note(withheld, lang), *notes] if withheld else notes, lang
        )
    return ax
