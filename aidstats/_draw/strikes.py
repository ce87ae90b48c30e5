"""Strike figures: weapons launched per month (stacked by group or class) and the weapon mix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from aidstats._core.vocab import ordered
from aidstats._draw.axes import (
    DEFAULT_TITLE,
    bars_from_zero,
    date_limits,
    legend,
    month_axis,
    set_title,
    thousands,
)
from aidstats._draw.checks import as_datetime, numeric, pick, require
from aidstats._draw.footer import AIR_FORCE, AIR_FORCE_AND_STATEMENTS, finish, source_from
from aidstats._draw.marks import stack_bars
from aidstats._draw.prep import bar_geometry, is_volume_wide, volume_wide, wide
from aidstats._draw.style import axes_or_new, colour_for, house_style, label_for, two_panels
from aidstats.errors import DataValidationError, InsufficientDataError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_strike_volume", "plot_weapon_mix"]

STATEMENTS_MARK = "claimed in official statements"


def plot_strike_volume(
    data: pd.DataFrame,
    *,
    by: str | None = None,
    value: str = "launched",
    time: str | None = None,
    glide_bombs: str | None = None,
    source: str | None = None,
    title: str | None = DEFAULT_TITLE,
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
        default when ``ax`` is given) or ``"omit"``.
    source, title
        Override the source line or the title (``None``: no title).
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
        glide = _glide_series(frame, tcol, what) if mode != "omit" else None
        fallback = AIR_FORCE_AND_STATEMENTS
        withheld = _withheld_note(frame, tcol, what)
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
    source_line = source_from(frame, fallback, source)
    with house_style():
        if glide is not None and mode == "panel":
            top, bottom = two_panels(axes, ax, height_ratios=(2.2, 1.0))
        else:
            top, bottom = axes_or_new(ax), None
        stack_bars(top, stack, "month")
        top.set_ylabel("Launched per month (number)")
        thousands(top)
        bars_from_zero(top)
        date_limits(top, pd.DatetimeIndex(stack.index), "month")
        set_title(top, title, "Missiles and drones launched at Ukraine, per month")
        notes: list[str] = [withheld] if withheld else []
        if glide is not None and mode == "line":
            top.plot(
                glide.index + pd.Timedelta(days=15),
                glide.to_numpy(),
                ls="--",
                marker="o",
                ms=3,
                color=colour_for("glide_bombs"),
                label=f"Glide bombs ({STATEMENTS_MARK}; not stacked)",
            )
            notes.append(f"Glide bombs: {STATEMENTS_MARK}, not Air Force counts.")
        legend(top, reverse=True, ncol=1)
        if glide is not None and bottom is not None:
            _glide_panel(bottom, glide, pd.DatetimeIndex(stack.index))
            notes.append(
                f"Glide bombs (lower panel): {STATEMENTS_MARK}, not Air Force counts; months without a statement are blank."
            )
        finish(top, source_line, notes)
    return top


def _withheld_note(frame: pd.DataFrame, tcol: str, what: str) -> str | None:
    """The footer note naming the months whose counts are lower bounds (figures withheld)."""
    if "withheld_rows" not in frame.columns:
        return None
    rows = numeric(frame, "withheld_rows").fillna(0.0)
    months = pd.DatetimeIndex(as_datetime(frame[tcol], what=what))[rows.to_numpy() > 0]
    if not len(months):
        return None
    shown = ", ".join(sorted({f"{m:%Y-%m}" for m in months}))
    return f"Lower bounds: figures withheld by the Air Force in {shown} (missing, not 0)."


def _glide_series(frame: pd.DataFrame, tcol: str, what: str) -> pd.Series | None:
    if "glide_bombs" not in frame.columns:
        return None
    values = pd.Series(
        numeric(frame, "glide_bombs").to_numpy(), index=as_datetime(frame[tcol], what=what)
    )
    values = values.groupby(level=0).sum(min_count=1).sort_index().dropna()
    return values if len(values) else None


def _glide_panel(ax: Axes, glide: pd.Series, months: pd.DatetimeIndex) -> None:
    centres, width = bar_geometry(pd.DatetimeIndex(glide.index), "month")
    ax.bar(
        centres,
        glide.to_numpy(),
        width=width,
        color="white",
        edgecolor=colour_for("glide_bombs"),
        hatch="////",
        linewidth=0.8,
        label=f"Glide bombs ({STATEMENTS_MARK})",
    )
    ax.set_ylabel("Glide bombs per\nmonth (number)")
    thousands(ax)
    bars_from_zero(ax)
    legend(ax, loc="upper left")
    start = min(months.min(), glide.index.min())
    end = max(months.max(), glide.index.max()) + pd.DateOffset(months=1)
    ax.set_xlim(start, end)
    month_axis(ax, start, end)


def plot_weapon_mix(
    data: pd.DataFrame,
    *,
    by: str | None = None,
    value: str = "launched",
    time: str | None = None,
    source: str | None = None,
    title: str | None = DEFAULT_TITLE,
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
    withheld = _withheld_note(frame, tcol, what)
    counts = counts.fillna(0.0)
    counts = counts[ordered(c for c in counts.columns if counts[c].sum() > 0)]
    totals = counts.sum(axis=1)
    if not (totals > 0).any():
        raise InsufficientDataError(f"{what}: no month has any launches; shares are undefined")
    shares = counts.div(totals.where(totals > 0), axis=0)
    source_line = source_from(frame, fallback, source)
    with house_style():
        ax = axes_or_new(ax)
        x = pd.DatetimeIndex(shares.index) + pd.Timedelta(days=15)
        ax.stackplot(
            x,
            *(shares[c].to_numpy() for c in shares.columns),
            labels=[label_for(c) for c in shares.columns],
            colors=[colour_for(c, i) for i, c in enumerate(shares.columns)],
            linewidth=0,
        )
        ax.set_ylim(0.0, 1.0)
        thousands(ax, percent=True)
        ax.set_ylabel("Share of launches (%)")
        ax.set_xlim(x.min(), x.max())
        month_axis(ax, x.min(), x.max())
        ax.grid(False)
        set_title(ax, title, "Weapon mix: share of each type in the month's launches")
        legend(ax, reverse=True, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        notes = ["Months with no reported launches are left blank."]
        finish(ax, source_line, [withheld, *notes] if withheld else notes)
    return ax
