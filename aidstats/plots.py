"""House-style report figures: strikes, interception, aid, and where they meet.

Every function follows seaborn's axes-level convention: the data come first,
options are keyword-only, ``ax=None`` opens a new figure, the function returns
the :class:`~matplotlib.axes.Axes` it drew on and never shows or saves.
Functions that need two panels accept ``axes=(top, bottom)`` and return the
top Axes; the bottom one is ``ax.figure.axes[1]``.

Every figure gets a source line under it, built from the data's provenance
(``df.attrs["aidstats"]["source_line"]``, else the bundled dataset's metadata);
aid figures also say that values are allocations in nominal euros. Inputs that
are empty or all missing raise :class:`~aidstats.errors.InsufficientDataError`;
frames without the documented columns raise
:class:`~aidstats.errors.DataValidationError`.

Figures are drawn inside :func:`house_style` (a context manager; nothing is
changed globally) and written by :func:`save_figure`, the one place that saves:
PNG at 200 dpi or more and PDF with embedded TrueType fonts, byte-identical
across runs.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from aidstats import datasets, plots
>>> ax = plots.plot_aid_over_time(datasets.load("aid_monthly"))
>>> ax.get_ylabel()
'EUR bn per quarter (allocations, nominal)'
>>> any(t.get_text().startswith("Source: Kiel") for t in ax.figure.texts)
True
>>> import matplotlib.pyplot as plt; plt.close("all")
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from aidstats import _plot_data as _d
from aidstats import _style as _s
from aidstats._style import house_style
from aidstats.errors import DataValidationError, InsufficientDataError, OutputPathError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "house_style",
    "plot_aid_by_donor",
    "plot_aid_channels",
    "plot_aid_over_time",
    "plot_cumulative_aid",
    "plot_interception_rate",
    "plot_reconciliation",
    "plot_salvos",
    "plot_strike_volume",
    "plot_strikes_and_aid",
    "plot_trend",
    "plot_weapon_mix",
    "plot_weapons_delivered",
    "save_figure",
]

_DEFAULT = "__default__"  # sentinel: "use the function's own title"
_AID_UNIT = "EUR bn"
_STATEMENTS_MARK = "claimed in official statements"


# =========================================================================== helpers


def _finish(ax: Axes, source_line: str, notes: Sequence[str] = ()) -> None:
    _s.add_footer(_s.figure_of(ax), source_line, notes)


def _title(ax: Axes, given: str | None, default: str) -> None:
    _s.title(ax, default if given == _DEFAULT else given)


def _stack_bars(
    ax: Axes, wide: pd.DataFrame, freq: str, *, hatch: Mapping[str, str] | None = None
) -> int:
    """Stacked bars, one colour per column in the house order; returns the number of bars drawn."""
    centres, width = _d.bar_geometry(pd.DatetimeIndex(wide.index), freq)
    bottom = np.zeros(len(wide))
    drawn = 0
    for i, col in enumerate(_s.ordered(wide.columns)):
        values = wide[col].fillna(0.0).to_numpy(dtype=float)
        if not values.any():
            continue
        ax.bar(
            centres,
            values,
            width=width,
            bottom=bottom,
            color=_s.colour_for(col, i),
            label=_s.label_for(col),
            hatch=(hatch or {}).get(col),
            edgecolor="white",
            linewidth=0.0,
        )
        bottom = bottom + values
        drawn += int((values != 0).sum())
    return drawn


def _date_limits(ax: Axes, index: pd.DatetimeIndex, freq: str) -> None:
    step = {
        "month": pd.DateOffset(months=1),
        "quarter": pd.DateOffset(months=3),
        "year": pd.DateOffset(years=1),
    }
    start, end = index.min(), index.max() + step[freq]
    ax.set_xlim(start, end)
    _s.month_axis(ax, start, end)


def _period_word(freq: str) -> str:
    return {"month": "month", "quarter": "quarter", "year": "year"}[freq]


def _value_axis_label(what: str, freq: str) -> str:
    return f"{what} per {_period_word(freq)}"


# =========================================================================== strikes


def plot_strike_volume(
    data: pd.DataFrame,
    *,
    by: str | None = None,
    value: str = "launched",
    time: str | None = None,
    glide_bombs: str | None = None,
    source: str | None = None,
    title: str | None = _DEFAULT,
    ax: Axes | None = None,
    axes: Sequence[Axes] | None = None,
) -> Axes:
    """Weapons launched per month, stacked by weapon group or class.

    Parameters
    ----------
    data
        Either the wide ``strike_volume_monthly`` layout (``month`` and any of
        ``missiles_cruise``, ``missiles_ballistic``, ``missiles_other``,
        ``drones_attack``, ``drones_decoy_or_unknown``, ``drones_reconnaissance``,
        ``glide_bombs``), or a long table such as ``strikes_monthly`` or
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
    frame = _d.require(data, [], what=what)
    tcol = _d.pick(frame, time, ("month", "period"), what=what, role="time")
    if _d.is_volume_wide(frame) and by is None:
        mode = glide_bombs or ("line" if ax is not None else "panel")
        if mode not in ("panel", "line", "omit"):
            raise DataValidationError(
                f"{what}: glide_bombs must be 'panel', 'line' or 'omit', not {mode!r}"
            )
        stack = _d.volume_wide(frame, tcol, what=what, glide=False)
        glide = _glide_series(frame, tcol, what) if mode != "omit" else None
        default_source = "strike_volume_monthly"
    else:
        byc = (
            by
            if by is not None
            else ("weapon_group" if "weapon_group" in frame.columns else "weapon_class")
        )
        stack = _d.wide(frame, tcol, byc, value, what=what)
        glide, mode = None, "omit"
        default_source = "strikes_monthly"
    source_line = _s.source_from(frame, default_source, source)
    with house_style():
        if glide is not None and mode == "panel":
            top, bottom = _two_panels(axes, ax, height_ratios=(2.2, 1.0))
        else:
            top, bottom = _s.axes_or_new(ax), None
        _stack_bars(top, stack, "month")
        top.set_ylabel("Launched per month (number)")
        _s.thousands(top)
        _s.bars_from_zero(top)
        _date_limits(top, pd.DatetimeIndex(stack.index), "month")
        _title(top, title, "Missiles and drones launched at Ukraine, per month")
        notes: list[str] = []
        if glide is not None and mode == "line":
            top.plot(
                glide.index + pd.Timedelta(days=15),
                glide.to_numpy(),
                ls="--",
                marker="o",
                ms=3,
                color=_s.colour_for("glide_bombs"),
                label=f"Glide bombs ({_STATEMENTS_MARK}; not stacked)",
            )
            notes.append(f"Glide bombs: {_STATEMENTS_MARK}, not Air Force counts.")
        _s.legend(top, reverse=True, ncol=1)
        if glide is not None and bottom is not None:
            _glide_panel(bottom, glide, pd.DatetimeIndex(stack.index))
            notes.append(
                f"Glide bombs (lower panel): {_STATEMENTS_MARK}, not Air Force counts; months without a statement are blank."
            )
        _finish(top, source_line, notes)
    return top


def _glide_series(frame: pd.DataFrame, tcol: str, what: str) -> pd.Series | None:
    if "glide_bombs" not in frame.columns:
        return None
    values = pd.Series(
        _d.numeric(frame, "glide_bombs").to_numpy(), index=_d.as_datetime(frame[tcol], what=what)
    )
    values = values.groupby(level=0).sum(min_count=1).sort_index().dropna()
    return values if len(values) else None


def _two_panels(
    axes: Sequence[Axes] | None, ax: Axes | None, *, height_ratios: tuple[float, float]
) -> tuple[Axes, Axes]:
    if axes is not None:
        if len(axes) != 2:
            raise DataValidationError(f"axes must hold two Axes (top, bottom), got {len(axes)}")
        return axes[0], axes[1]
    if ax is not None:
        raise DataValidationError("this figure needs two panels: pass axes=(top, bottom), not ax=")
    _fig, pair = _s.new_figure(
        (_s.FIGSIZE[0], 5.2), nrows=2, sharex=True, gridspec_kw={"height_ratios": height_ratios}
    )
    return pair[0], pair[1]


def _glide_panel(ax: Axes, glide: pd.Series, months: pd.DatetimeIndex) -> None:
    centres, width = _d.bar_geometry(pd.DatetimeIndex(glide.index), "month")
    ax.bar(
        centres,
        glide.to_numpy(),
        width=width,
        color="white",
        edgecolor=_s.colour_for("glide_bombs"),
        hatch="////",
        linewidth=0.8,
        label=f"Glide bombs ({_STATEMENTS_MARK})",
    )
    ax.set_ylabel("Glide bombs per\nmonth (number)")
    _s.thousands(ax)
    _s.bars_from_zero(ax)
    _s.legend(ax, loc="upper left")
    start = min(months.min(), glide.index.min())
    end = max(months.max(), glide.index.max()) + pd.DateOffset(months=1)
    ax.set_xlim(start, end)
    _s.month_axis(ax, start, end)


def plot_interception_rate(
    data: pd.DataFrame,
    *,
    regimes: pd.DataFrame | Mapping[Any, str] | None = None,
    time: str | None = None,
    by: str | None = None,
    estimate: str = "estimate",
    low: str = "low",
    high: str = "high",
    label: str = "destroyed / launched",
    source: str | None = None,
    title: str | None = _DEFAULT,
    ax: Axes | None = None,
) -> Axes:
    """Share intercepted per month with its interval band; reporting-regime changes marked.

    Parameters
    ----------
    data
        A rate table: a time column (``period`` or ``month``), ``estimate``,
        ``low`` and ``high`` as shares in [0, 1] (the output of the
        :mod:`aidstats.stats` rate functions). With ``by`` (e.g. a
        ``definition`` column holding "destroyed" and "neutralised"), one line
        and band per value.
    regimes
        Reporting-regime changes to mark with a dashed line and a label:
        the bundled ``reporting_regimes`` table (:func:`aidstats.strikes.regimes`;
        every regime that follows another of the same measure is marked, e.g.
        "not_reach_goal: zero" on 2025-08-01), the output of
        :func:`aidstats.strikes.regime_changes`, any frame with a date column
        (``start``/``date``) and a label column, or a mapping ``{date: label}``.
        Filter the table to the measures that matter for the rate shown.
    label
        Legend label of the line when ``by`` is not given: name the definition.
    source, title, ax
        As everywhere in :mod:`aidstats.plots`.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from aidstats.plots import plot_interception_rate
    >>> rates = pd.DataFrame({"period": pd.date_range("2025-05-01", periods=4, freq="MS"),
    ...                       "estimate": [0.55, 0.58, 0.6, 0.84], "low": [0.53, 0.56, 0.58, 0.82],
    ...                       "high": [0.57, 0.6, 0.62, 0.86]})
    >>> ax = plot_interception_rate(rates, regimes={"2025-08-01": "not_reach_goal no longer reported"})
    >>> tuple(float(v) for v in ax.get_ylim())
    (0.0, 1.0)
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_interception_rate"
    frame = _d.require(data, [estimate, low, high] + ([by] if by else []), what=what)
    tcol = _d.pick(frame, time, ("period", "month", "date"), what=what, role="time")
    _d.require_values(frame, [estimate], what=what)
    values = frame[[estimate, low, high]].apply(pd.to_numeric, errors="coerce")
    out_of_range = ((values < 0) | (values > 1)).any(axis=1)
    if out_of_range.any():
        raise DataValidationError(
            f"{what}: rates must be shares in [0, 1]; {int(out_of_range.sum())} row(s) are not",
            [
                {
                    "row": str(i),
                    "column": estimate,
                    "value": float(values.at[i, estimate]),
                    "rule": "0 <= share <= 1",
                }
                for i in frame.index[out_of_range][:20]
            ],
        )
    times = _d.as_datetime(frame[tcol], what=what)
    groups = (
        [(label, frame.index)]
        if by is None
        else [
            (str(k), idx) for k, idx in frame.groupby(by, sort=True, observed=True).groups.items()
        ]
    )
    source_line = _s.source_from(frame, "strikes_monthly", source)
    with house_style():
        ax = _s.axes_or_new(ax)
        n = len(groups)
        for i, (name, idx) in enumerate(groups):
            order = times.loc[idx].sort_values().index
            x = times.loc[order] + pd.Timedelta(days=15)
            colour = _s.CYCLE[i % len(_s.CYCLE)]
            ax.fill_between(
                x,
                values.loc[order, low],
                values.loc[order, high],
                color=colour,
                alpha=0.18,
                linewidth=0,
            )
            # Definitions often coincide (e.g. before not_reach_goal was recorded): earlier
            # lines are drawn wider and below, so that every line stays visible.
            ax.plot(
                x,
                values.loc[order, estimate],
                color=colour,
                marker="o",
                ms=2.5 + 1.2 * (n - 1 - i),
                lw=1.4 + 1.4 * (n - 1 - i),
                zorder=2 + i,
                label=_s.label_for(name),
            )
        from matplotlib.patches import Patch

        band = Patch(color="#999999", alpha=0.35, label=f"Shaded: {_interval_label(frame)}")
        ax.set_ylim(0.0, 1.0)
        _s.thousands(ax, percent=True)
        ax.set_ylabel("Share of launched (%)")
        _date_limits(ax, pd.DatetimeIndex(times.sort_values()), "month")
        _mark_regimes(ax, regimes)
        _title(ax, title, "Share of launched weapons intercepted, per month")
        # Below the axis: inside, the legend would cover either the lines or the regime labels.
        handles, labels = ax.get_legend_handles_labels()
        options: dict[str, Any] = {"loc": "upper left", "bbox_to_anchor": (0.0, -0.09), "ncol": 2}
        ax.legend(
            [*handles, band],
            [*labels, str(band.get_label())],
            **options,
        )
        _finish(
            ax,
            source_line,
            [
                "Each share is a ratio of monthly sums."
                + (" Dashed lines mark the reporting changes and events named beside them." if regimes is not None else "")
            ],
        )
    return ax


def _interval_label(frame: pd.DataFrame) -> str:
    if "alpha" in frame.columns:
        alpha = pd.to_numeric(frame["alpha"], errors="coerce").dropna()
        if len(alpha):
            return f"{100 * (1 - float(alpha.iloc[0])):.0f}% interval"
    return "interval"


_REGIME_START = ("start", "date", "valid_from", "period_start", "from", "start_month")
_REGIME_LABEL = ("label", "regime", "name", "description", "note")


def _regime_marks(regimes: pd.DataFrame | Mapping[Any, str]) -> list[tuple[pd.Timestamp, str]]:
    """(first day, label) of each regime change to mark."""
    if not isinstance(regimes, pd.DataFrame):
        return sorted((pd.Timestamp(k), str(v)) for k, v in regimes.items())
    what = "regimes"
    if {"measure", "regime", "start"} <= set(regimes.columns):  # the reporting_regimes table
        table = pd.DataFrame(
            {
                "measure": regimes["measure"].astype(str),
                "regime": regimes["regime"].astype(str),
                "start": _d.as_datetime(regimes["start"], what=what),
            }
        ).sort_values(["measure", "start"], na_position="first", kind="mergesort")
        marks = []
        for measure, part in table.groupby("measure", sort=True):
            for row in part.iloc[1:].itertuples(index=False):  # the first regime is no change
                if pd.notna(row.start):
                    marks.append((pd.Timestamp(row.start), f"{measure}: {row.regime}"))
        return sorted(marks)
    if {"date", "measure", "after"} <= set(regimes.columns):  # strikes.regime_changes()
        dates = _d.as_datetime(regimes["date"], what=what)
        labels = regimes["measure"].astype(str) + ": " + regimes["after"].astype(str)
        return sorted(
            (pd.Timestamp(d), str(n)) for d, n in zip(dates, labels, strict=True) if pd.notna(d)
        )
    start = _d.pick(regimes, None, _REGIME_START, what=what, role="start")
    name = _d.pick(regimes, None, _REGIME_LABEL, what=what, role="label")
    dates = _d.as_datetime(regimes[start], what=what)
    return sorted(
        (pd.Timestamp(d), str(n)) for d, n in zip(dates, regimes[name], strict=True) if pd.notna(d)
    )


def _mark_regimes(ax: Axes, regimes: pd.DataFrame | Mapping[Any, str] | None) -> None:
    if regimes is None:
        return
    marks = _regime_marks(regimes)
    lo, hi = ax.get_xlim()
    import matplotlib.dates as mdates

    previous: float | None = None
    flip = False
    for when, text in marks:
        x = mdates.date2num(when)
        if not lo < x < hi:
            continue
        # A mark close to the previous one puts its label on the other side of its line.
        flip = previous is not None and (x - previous) < 0.05 * (hi - lo) and not flip
        previous = x
        ax.axvline(when, color="#444444", ls="--", lw=0.9, zorder=1)
        short = text if len(text) <= 42 else text[:40] + "…"
        ax.annotate(
            short,
            (when, 0.02),
            xytext=(3 if flip else -3, 0),
            textcoords="offset points",
            rotation=90,
            ha="left" if flip else "right",
            va="bottom",
            fontsize=7,
            color="#333333",
            xycoords=("data", "axes fraction"),
            bbox={
                "boxstyle": "square,pad=0.1",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.8,
            },
        )


def plot_weapon_mix(
    data: pd.DataFrame,
    *,
    by: str | None = None,
    value: str = "launched",
    time: str | None = None,
    source: str | None = None,
    title: str | None = _DEFAULT,
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
    frame = _d.require(data, [], what=what)
    tcol = _d.pick(frame, time, ("month", "period"), what=what, role="time")
    if _d.is_volume_wide(frame) and by is None:
        counts = _d.volume_wide(frame, tcol, what=what, glide=False)
        default_source = "strikes_monthly"
    else:
        byc = (
            by
            if by is not None
            else ("weapon_class" if "weapon_class" in frame.columns else "weapon_group")
        )
        counts = _d.wide(frame, tcol, byc, value, what=what)
        default_source = "strikes_monthly"
    counts = counts.fillna(0.0)
    counts = counts[_s.ordered(c for c in counts.columns if counts[c].sum() > 0)]
    totals = counts.sum(axis=1)
    if not (totals > 0).any():
        raise InsufficientDataError(f"{what}: no month has any launches; shares are undefined")
    shares = counts.div(totals.where(totals > 0), axis=0)
    source_line = _s.source_from(frame, default_source, source)
    with house_style():
        ax = _s.axes_or_new(ax)
        x = pd.DatetimeIndex(shares.index) + pd.Timedelta(days=15)
        ax.stackplot(
            x,
            *(shares[c].to_numpy() for c in shares.columns),
            labels=[_s.label_for(c) for c in shares.columns],
            colors=[_s.colour_for(c, i) for i, c in enumerate(shares.columns)],
            linewidth=0,
        )
        ax.set_ylim(0.0, 1.0)
        _s.thousands(ax, percent=True)
        ax.set_ylabel("Share of launches (%)")
        ax.set_xlim(x.min(), x.max())
        _s.month_axis(ax, x.min(), x.max())
        ax.grid(False)
        _title(ax, title, "Weapon mix: share of each type in the month's launches")
        _s.legend(ax, reverse=True, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        _finish(ax, source_line, ["Months with no reported launches are left blank."])
    return ax


def plot_salvos(
    data: pd.DataFrame,
    *,
    value: str = "launched",
    time: str | None = None,
    by: str | None = None,
    label_top: int = 3,
    source: str | None = None,
    title: str | None = _DEFAULT,
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
    frame = _d.require(data, [value], what=what)
    if by and by not in frame.columns:
        frame = frame.assign(**{by: _dominant(frame, by, value, what)})
    tcol = _d.pick(
        frame,
        time,
        ("time_end", "night", "date", "time_start", "period", "month"),
        what=what,
        role="time",
    )
    _d.require_values(frame, [value], what=what)
    tidy = pd.DataFrame(
        {"t": _d.as_datetime(frame[tcol], what=what), "v": _d.numeric(frame, value)}
    )
    if by:
        tidy["g"] = frame[by].astype("string").fillna("unknown").astype(str)
    tidy = tidy.dropna(subset=["t", "v"]).sort_values(["t", "v"], kind="mergesort")
    vmax = float(tidy["v"].max())
    if vmax <= 0:
        raise InsufficientDataError(f"{what}: no report has a positive {value!r}")
    source_line = _s.source_from(frame, "strikes_monthly", source)
    size = lambda v: 4.0 + 220.0 * np.asarray(v, dtype=float) / vmax  # noqa: E731
    with house_style():
        ax = _s.axes_or_new(ax)
        keys = [None] if not by else _s.ordered(tidy["g"].unique())
        for i, key in enumerate(keys):
            part = tidy if key is None else tidy[tidy["g"] == key]
            colour = _s.colour_for("drone") if key is None else _s.colour_for(key, i)
            ax.scatter(
                part["t"],
                part["v"],
                s=size(part["v"]),
                color=colour,
                alpha=0.55,
                edgecolors="white",
                linewidths=0.3,
                label=None if key is None else _s.label_for(key),
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
        _s.thousands(ax)
        start, end = tidy["t"].min(), tidy["t"].max()
        pad = max(pd.Timedelta(days=10), (end - start) * 0.02)
        ax.set_xlim(start - pad, end + pad)
        _s.month_axis(ax, start - pad, end + pad)
        _title(ax, title, "Salvo size: weapons launched per report")
        _size_legend(ax, vmax, size, by=bool(by))
        _finish(
            ax,
            source_line,
            ["One dot per report; dot area is proportional to the number launched."],
        )
    return ax


_GROUP_KEYS = ("missile", "drone", "glide_bomb", "other")


def _dominant(frame: pd.DataFrame, by: str, value: str, what: str) -> pd.Series:
    """The group (or class) with most launches in each report, from ``<value>_<key>`` columns."""
    prefix = f"{value}_"
    keys = [c[len(prefix) :] for c in frame.columns if c.startswith(prefix)]
    keys = [k for k in keys if (k in _GROUP_KEYS) == (by == "weapon_group")]
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


def _size_legend(ax: Axes, vmax: float, size: Any, *, by: bool) -> None:
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


def plot_trend(
    data: pd.DataFrame | pd.Series,
    trend: Any = None,
    *,
    change_points: Any = None,
    time: str | None = None,
    value: str | None = None,
    ylabel: str | None = None,
    source: str | None = None,
    title: str | None = _DEFAULT,
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
    frame = _series_frame(data) if isinstance(data, pd.Series) else _d.require(data, [], what=what)
    tcol = _d.pick(frame, time, _TREND_TIME, what=what, role="time")
    vcol = _d.pick(
        frame,
        value,
        ("launched", "value", "observed", "estimate", "count", "n"),
        what=what,
        role="value",
    )
    _d.require(frame, [], what=what)
    _d.require_values(frame, [vcol], what=what)
    x0 = _d.as_datetime(frame[tcol], what=what)
    shift = (
        pd.Timedelta(days=15)
        if _d.infer_freq(pd.DatetimeIndex(x0.sort_values())) == "month"
        else pd.Timedelta(0)
    )
    x = x0 + shift
    y = _d.numeric(frame, vcol)
    order = x.sort_values().index
    fitted = _fitted_frame(trend)
    breaks = _break_dates(change_points)
    source_line = _s.source_from(frame, "strikes_monthly", source)
    with house_style():
        ax = _s.axes_or_new(ax)
        ax.plot(
            x.loc[order],
            y.loc[order],
            color="#555555",
            lw=0.9,
            marker="o",
            ms=2.8,
            label="Observed",
        )
        if fitted is not None:
            fcol_t = _d.pick(fitted, None, (*_TREND_TIME, tcol), what=what, role="time")
            fx = _d.as_datetime(fitted[fcol_t], what=what) + shift
            fcol = _d.pick(
                fitted, None, ("fitted", "estimate", "trend", "mean"), what=what, role="fitted"
            )
            forder = fx.sort_values().index
            if "low" in fitted.columns and "high" in fitted.columns:
                ax.fill_between(
                    fx.loc[forder],
                    _d.numeric(fitted, "low").loc[forder],
                    _d.numeric(fitted, "high").loc[forder],
                    color=_s.CYCLE[0],
                    alpha=0.2,
                    linewidth=0,
                    label="Trend interval",
                )
            ax.plot(
                fx.loc[forder],
                _d.numeric(fitted, fcol).loc[forder],
                color=_s.CYCLE[0],
                lw=2.0,
                label="Fitted trend",
                zorder=3,
            )
            _reorder_legend_first(ax, ["Observed", "Fitted trend"])
        for j, when in enumerate(breaks):
            ax.axvline(
                when,
                color=_s.OKABE_ITO["vermillion"],
                ls="--",
                lw=1.0,
                label="Change point" if j == 0 else None,
            )
        ax.set_ylabel(ylabel or f"{vcol.replace('_', ' ').capitalize()} per month (number)")
        _s.thousands(ax)
        if float(np.nanmin(y.to_numpy())) >= 0:
            _s.bars_from_zero(ax)
        start, end = x0.min(), x0.max() + 2 * shift
        ax.set_xlim(start, end)
        _s.month_axis(ax, start, end)
        _title(ax, title, "Trend with change points")
        _s.legend(ax, loc="upper left")
        _reorder_legend_first(ax, ["Observed", "Fitted trend"])
        _finish(ax, source_line)
    return ax


_TREND_TIME = ("month", "period", "date", "time")


def _series_frame(series: pd.Series) -> pd.DataFrame:
    name = str(series.name) if series.name is not None else "value"
    frame = pd.DataFrame({"time": series.index, name: series.to_numpy()})
    frame.attrs = dict(series.attrs)
    return frame


def _reorder_legend_first(ax: Axes, first: Sequence[str]) -> None:
    if ax.get_legend() is None:
        return
    handles, labels = ax.get_legend_handles_labels()
    rank = {name: i for i, name in enumerate(first)}
    pairs = sorted(zip(handles, labels, strict=True), key=lambda hl: rank.get(hl[1], len(rank)))
    ax.legend([h for h, _ in pairs], [lab for _, lab in pairs], loc="upper left")


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
    return _d.require(fitted, [], what="plot_trend (fitted)")


def _break_dates(change_points: Any) -> list[pd.Timestamp]:
    if change_points is None:
        return []
    for attr in ("break_dates", "breaks", "dates", "change_points"):
        if hasattr(change_points, attr):
            change_points = getattr(change_points, attr)
            break
    if isinstance(change_points, pd.DataFrame):
        col = _d.pick(
            change_points,
            None,
            ("date", "break_date", "period", "month"),
            what="plot_trend",
            role="change-point date",
        )
        change_points = change_points[col]
    values = pd.Series(list(change_points))
    if values.empty:
        return []
    dates = _d.as_datetime(values, what="plot_trend (change points)")
    return [pd.Timestamp(v) for v in dates.dropna()]


# =========================================================================== aid


def _aid_long(frame: pd.DataFrame, value: str, what: str) -> tuple[pd.DataFrame, str]:
    """aid_monthly (long, category) or aid_totals_monthly (wide *_eur_bn) as long month/category/value."""
    if "category" in frame.columns:
        _d.require(frame, ["month", "category", value], what=what)
        _d.require_values(frame, [value], what=what)
        out = pd.DataFrame(
            {
                "month": frame["month"],
                "category": frame["category"].astype(str),
                "v": _d.numeric(frame, value),
            }
        )
        if "donor" in frame.columns:
            out["donor"] = frame["donor"].astype(str)
        return out, value
    cats = [c for c in ("military", "financial", "humanitarian") if f"{c}_eur_bn" in frame.columns]
    if not cats:
        raise DataValidationError(
            f"{what}: expected aid_monthly (month, category, {value}) or aid_totals_monthly "
            f"(month, military_eur_bn, financial_eur_bn, humanitarian_eur_bn); got {list(frame.columns)}",
            [{"row": None, "column": "category", "value": None, "rule": "column required"}],
        )
    _d.require(frame, ["month"], what=what)
    _d.require_values(frame, [f"{c}_eur_bn" for c in cats], what=what)
    parts = [
        pd.DataFrame(
            {"month": frame["month"], "category": c, "v": _d.numeric(frame, f"{c}_eur_bn")}
        )
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
    title: str | None = _DEFAULT,
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
    frame = _d.require(data, ["donor", value] + ([by] if by else []), what=what)
    _d.require_values(frame, [value], what=what)
    if top < 1:
        raise DataValidationError(f"{what}: top must be at least 1, got {top}")
    tidy = pd.DataFrame(
        {"donor": frame["donor"].astype(str), "v": _d.numeric(frame, value).fillna(0.0)}
    )
    tidy["k"] = frame[by].astype(str) if by else "total"
    table = tidy.pivot_table(index="donor", columns="k", values="v", aggfunc="sum")
    names = _d.top_n_with_others(table.sum(axis=1), top)
    rest = table.drop(index=names)
    shown = table.loc[names]
    if len(rest):
        shown.loc[f"Others ({len(rest)} donors)"] = rest.sum()
    shown = shown.iloc[::-1]  # largest at the top
    cols = _s.ordered(shown.columns)
    source_line = _s.source_from(frame, "aid_monthly", source)
    with house_style():
        ax = _s.axes_or_new(ax, (_s.FIGSIZE[0], 1.4 + 0.24 * len(shown)))
        left = np.zeros(len(shown))
        y = np.arange(len(shown))
        for i, c in enumerate(cols):
            vals = shown[c].to_numpy(dtype=float)
            ax.barh(
                y,
                vals,
                left=left,
                height=0.72,
                color=_s.colour_for(c, i) if by else _s.colour_for("military"),
                label=_s.label_for(c) if by else None,
            )
            left = left + vals
        for yi, total in zip(y, left, strict=True):
            ax.annotate(
                f"{total:,.1f}",
                (total, yi),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=7,
                color="#333333",
            )
        ax.set_yticks(y, list(shown.index))
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, float(left.max()) * 1.1)
        ax.grid(True, axis="x")
        ax.grid(False, axis="y")
        _s.thousands(ax, "x")
        ax.set_xlabel(f"{_AID_UNIT} (allocations, nominal)")
        _title(ax, title, f"Aid to Ukraine by donor: top {len(names)}")
        if by:
            _s.legend(ax, loc="lower right")
        _finish(ax, source_line, [_s.AID_NOTE])
    return ax


def plot_aid_over_time(
    data: pd.DataFrame,
    *,
    value: str = "eur_bn",
    freq: str = "quarter",
    source: str | None = None,
    title: str | None = _DEFAULT,
    ax: Axes | None = None,
) -> Axes:
    """Aid allocated per month, quarter or year, stacked by category.

    Parameters
    ----------
    data
        ``aid_monthly`` (month, category, ``eur_bn``; summed over donors) or
        ``aid_totals_monthly`` (month, military_eur_bn, financial_eur_bn,
        humanitarian_eur_bn).
    freq
        ``"month"``, ``"quarter"`` (default: monthly allocations are spiky) or ``"year"``.

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
    frame = _d.require(data, [], what=what)
    long, _v = _aid_long(frame, value, what)
    table = _d.wide(long, "month", "category", "v", what=what)
    table = _d.resample_sum(table, freq)
    source_line = _s.source_from(frame, "aid_monthly", source)
    with house_style():
        ax = _s.axes_or_new(ax)
        _stack_bars(ax, table, freq)
        ax.set_ylabel(f"{_AID_UNIT} per {_period_word(freq)} (allocations, nominal)")
        _s.thousands(ax)
        _s.bars_from_zero(ax)
        _date_limits(ax, pd.DatetimeIndex(table.index), freq)
        _title(ax, title, f"Aid to Ukraine allocated per {_period_word(freq)}, by category")
        _s.legend(ax, reverse=True, loc="upper right")
        _finish(ax, source_line, [_s.AID_NOTE])
    return ax


def plot_cumulative_aid(
    data: pd.DataFrame,
    *,
    by: str = "donor",
    groups: pd.DataFrame | None = None,
    include: Sequence[str] | None = None,
    top: int = 8,
    category: str | None = None,
    value: str = "eur_bn",
    source: str | None = None,
    title: str | None = _DEFAULT,
    ax: Axes | None = None,
) -> Axes:
    """Cumulative aid over time, one line per donor (the ``top`` largest) or per donor group.

    Parameters
    ----------
    data
        ``aid_monthly`` (donor, iso3, month, category, ``eur_bn``) or
        ``aid_donor_monthly`` with ``value="total_eur_bn"``.
    by
        ``"donor"`` or ``"group"`` (membership from ``groups``, the bundled
        ``donor_groups`` table by default; groups overlap, so their lines do
        not add up).
    include
        Donors or groups to draw (default: the ``top`` largest donors, or
        every group).
    category
        Keep one category only (e.g. ``"military"``); all by default.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from aidstats import datasets
    >>> from aidstats.plots import plot_cumulative_aid
    >>> ax = plot_cumulative_aid(datasets.load("aid_monthly"), by="group", include=["EU27", "G7"])
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['G7', 'EU27']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_cumulative_aid"
    frame = _d.require(
        data, ["donor", "month", value] + (["category"] if category else []), what=what
    )
    if category is not None:
        frame = frame.loc[frame["category"].astype(str) == category]
        _d.require(frame, [], what=f"{what} (category={category!r})")
    _d.require_values(frame, [value], what=what)
    tidy = pd.DataFrame(
        {
            "donor": frame["donor"].astype(str),
            "month": frame["month"],
            "v": _d.numeric(frame, value).fillna(0.0),
        }
    )
    notes = [_s.AID_NOTE]
    if by == "group":
        tidy = _by_group(tidy, frame, groups, what)
        notes.insert(0, "Groups overlap (a donor can be in several), so the lines do not add up.")
    elif by != "donor":
        raise DataValidationError(f"{what}: by must be 'donor' or 'group', not {by!r}")
    table = _d.wide(tidy, "month", "donor", "v", what=what).fillna(0.0).cumsum()
    final = table.iloc[-1]
    if include is not None:
        unknown = [k for k in include if k not in table.columns]
        if unknown:
            raise DataValidationError(
                f"{what}: unknown {by}(s) {unknown}",
                [{"row": None, "column": by, "value": k, "rule": "present"} for k in unknown],
            )
        names = sorted(include, key=lambda k: (-float(final[k]), k))
    else:
        names = _d.top_n_with_others(final, top if by == "donor" else len(final))
    source_line = _s.source_from(frame, "aid_monthly", source)
    with house_style():
        ax = _s.axes_or_new(ax)
        for i, name in enumerate(names):
            twin = _same_as(table, names[:i], name)
            label = _s.label_for(name) + (f" (same as {_s.label_for(twin)})" if twin else "")
            ax.plot(
                table.index,
                table[name].to_numpy(),
                color=_s.CYCLE[i % len(_s.CYCLE)],
                ls=(0, (4, 3)) if twin or i >= len(_s.CYCLE) else "-",
                lw=2.4 if twin else None,
                zorder=3 if twin else 2,
                label=label,
            )
        ax.set_ylabel(f"Cumulative {_AID_UNIT} (allocations, nominal)")
        _s.thousands(ax)
        _s.bars_from_zero(ax)
        _date_limits(ax, pd.DatetimeIndex(table.index), "month")
        scope = f" ({category})" if category else ""
        _title(ax, title, f"Cumulative aid{scope} by {'donor group' if by == 'group' else 'donor'}")
        _s.legend(ax, loc="upper left", ncol=1 if len(names) <= 6 else 2)
        _finish(ax, source_line, notes)
    return ax


def _same_as(table: pd.DataFrame, earlier: Sequence[str], name: str) -> str | None:
    """An earlier line this one would hide exactly, so that it can be drawn dashed and say so."""
    for other in earlier:
        if np.allclose(table[other].to_numpy(), table[name].to_numpy(), rtol=1e-9, atol=1e-9):
            return other
    return None


def _by_group(
    tidy: pd.DataFrame, frame: pd.DataFrame, groups: pd.DataFrame | None, what: str
) -> pd.DataFrame:
    if "iso3" not in frame.columns:
        raise DataValidationError(
            f"{what}: by='group' needs an iso3 column",
            [{"row": None, "column": "iso3", "value": None, "rule": "column required"}],
        )
    if groups is None:
        from aidstats import datasets

        groups = datasets.load("donor_groups")
    _d.require(groups, ["group", "iso3"], what=f"{what} (groups)")
    members = pd.DataFrame(
        {"group": groups["group"].astype(str), "iso3": groups["iso3"].astype(str)}
    )
    tidy = tidy.assign(iso3=frame["iso3"].astype(str).to_numpy())
    merged = tidy.merge(members, on="iso3", how="inner")
    return pd.DataFrame({"donor": merged["group"], "month": merged["month"], "v": merged["v"]})


def plot_aid_channels(
    data: pd.DataFrame,
    *,
    freq: str = "quarter",
    military_total: float | pd.DataFrame | None = None,
    source: str | None = None,
    title: str | None = _DEFAULT,
    ax: Axes | None = None,
) -> Axes:
    """Military aid by channel (stockpile, procurement, unspecified, NATO PURL), stacked per period.

    Parameters
    ----------
    data
        ``aid_channels`` (month, channel, eur_bn).
    military_total
        Total military allocations (a number in EUR bn, or ``aid_totals_monthly``):
        if given, the footer states the gap between the channel split and the
        total instead of hiding it.

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
    frame = _d.require(data, ["month", "channel", "eur_bn"], what=what)
    table = _d.resample_sum(_d.wide(frame, "month", "channel", "eur_bn", what=what), freq)
    notes = []
    if military_total is not None:
        total = (
            float(_d.numeric(military_total, "military_eur_bn").sum())
            if isinstance(military_total, pd.DataFrame)
            else float(military_total)
        )
        split = float(table.sum().sum())
        notes.append(
            f"The channels add up to EUR {split:,.1f}bn of EUR {total:,.1f}bn military "
            f"allocations (gap EUR {total - split:,.1f}bn, as in the source)."
        )
    notes.append(_s.AID_NOTE)
    source_line = _s.source_from(frame, "aid_channels", source)
    with house_style():
        ax = _s.axes_or_new(ax)
        _stack_bars(ax, table, freq)
        ax.set_ylabel(f"{_AID_UNIT} per {_period_word(freq)} (allocations, nominal)")
        _s.thousands(ax)
        _s.bars_from_zero(ax)
        _date_limits(ax, pd.DatetimeIndex(table.index), freq)
        _title(ax, title, "Military aid by channel: from stocks or newly procured")
        _s.legend(ax, reverse=True, loc="upper right")
        _finish(ax, source_line, notes)
    return ax


def plot_weapons_delivered(
    data: pd.DataFrame,
    *,
    value: str = "units",
    source: str | None = None,
    title: str | None = _DEFAULT,
    ax: Axes | None = None,
) -> Axes:
    """Heavy weapons by donor and category: a heat map with the unit counts written in.

    Parameters
    ----------
    data
        ``aid_weapons`` (donor, category, system, ``units``); units are summed
        per donor and category. Donors are sorted by their total, largest on top.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from aidstats import datasets
    >>> from aidstats.plots import plot_weapons_delivered
    >>> ax = plot_weapons_delivered(datasets.load("aid_weapons"))
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['IFV', 'Howitzers', 'Tanks', 'Air Defense', 'MLRS']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_weapons_delivered"
    frame = _d.require(data, ["donor", "category", value], what=what)
    _d.require_values(frame, [value], what=what)
    tidy = pd.DataFrame(
        {
            "donor": frame["donor"].astype(str),
            "category": frame["category"].astype(str),
            "v": _d.numeric(frame, value),
        }
    )
    table = tidy.pivot_table(index="donor", columns="category", values="v", aggfunc="sum")
    table = table[sorted(table.columns, key=lambda c: (-float(table[c].sum()), c))]
    table = table.loc[sorted(table.index, key=lambda d: (-float(table.loc[d].sum()), d))]
    source_line = _s.source_from(frame, "aid_weapons", source)
    with house_style():
        from matplotlib.colors import PowerNorm

        ax = _s.axes_or_new(ax, (_s.FIGSIZE[0], 1.5 + 0.22 * len(table)))
        counts = table.to_numpy(dtype=float)
        vmax = float(np.nanmax(counts))
        image = ax.imshow(
            np.ma.masked_invalid(counts),
            aspect="auto",
            cmap="Blues",
            norm=PowerNorm(0.4, vmin=0, vmax=vmax),
            interpolation="nearest",
        )
        for (r, c), v in np.ndenumerate(counts):
            if np.isfinite(v):
                dark = v > 0.35 * vmax
                ax.text(
                    c,
                    r,
                    f"{v:,.0f}",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if dark else "#222222",
                )
        ax.set_xticks(range(table.shape[1]), list(table.columns))
        ax.set_yticks(range(table.shape[0]), list(table.index))
        ax.xaxis.tick_top()
        ax.tick_params(length=0)
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(False)
        bar = _s.figure_of(ax).colorbar(image, ax=ax, shrink=0.6, pad=0.02)
        bar.set_label("Units (number)")
        bar.outline.set_visible(False)
        _title(ax, title, "Heavy weapons for Ukraine by donor and category (units)")
        _finish(
            ax,
            source_line,
            ["Units listed in the tracker's heavy-weapons table; blank: none listed."],
        )
    return ax


# =========================================================================== together


def plot_strikes_and_aid(
    strikes: pd.DataFrame,
    aid: pd.DataFrame,
    *,
    strikes_value: str = "launched",
    strikes_by: str | None = "weapon_group",
    aid_category: str | None = "military",
    freq: str = "month",
    source: str | None = None,
    title: str | None = _DEFAULT,
    axes: Sequence[Axes] | None = None,
) -> Axes:
    """Strikes (top) and aid (bottom) on one shared time axis: two panels, never a twin y-axis.

    Parameters
    ----------
    strikes
        ``strike_volume_monthly`` (wide; summed into missiles and drones, glide
        bombs from statements left out) or a long table with ``month``/``period``,
        ``strikes_by`` and ``strikes_value`` (e.g. ``strikes_monthly``).
    aid
        ``aid_monthly`` or ``aid_totals_monthly``; ``aid_category`` (``None``:
        all categories) is shown.
    freq
        ``"month"``, ``"quarter"`` or ``"year"`` for both panels.
    axes
        ``(top, bottom)`` to draw on; a new two-panel figure by default.

    Returns
    -------
    matplotlib.axes.Axes
        The top (strikes) Axes; the aid Axes is ``ax.figure.axes[1]``.

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
    sframe = _d.require(strikes, [], what=f"{what} (strikes)")
    tcol = _d.pick(sframe, None, ("month", "period"), what=what, role="time")
    if _d.is_volume_wide(sframe):
        stack = _d.group_volume(_d.volume_wide(sframe, tcol, what=what, glide=False))
    else:
        stack = _d.wide(sframe, tcol, strikes_by, strikes_value, what=f"{what} (strikes)")
    stack = _d.resample_sum(stack, freq)
    aframe = _d.require(aid, [], what=f"{what} (aid)")
    long, _v = _aid_long(aframe, "eur_bn", f"{what} (aid)")
    if aid_category is not None:
        long = long.loc[long["category"] == aid_category]
        _d.require(long, [], what=f"{what} (aid, category={aid_category!r})")
    money = _d.resample_sum(_d.wide(long, "month", "category", "v", what=f"{what} (aid)"), freq)
    start = min(stack.index.min(), money.index.min())
    end = max(stack.index.max(), money.index.max())
    lines = [
        _s.source_from(
            sframe,
            "strike_volume_monthly" if _d.is_volume_wide(sframe) else "strikes_monthly",
            None,
        ),
        _s.source_from(aframe, "aid_monthly", None),
    ]
    source_line = source or _s.merge_source_lines(lines)
    with house_style():
        top, bottom = _two_panels(axes, None, height_ratios=(1.0, 1.0))
        _stack_bars(top, stack, freq)
        top.set_ylabel(f"Launched per {_period_word(freq)}\n(number)")
        _s.thousands(top)
        _s.bars_from_zero(top)
        _s.legend(top, reverse=True, loc="upper left")
        _stack_bars(bottom, money, freq)
        what_aid = f"{aid_category.capitalize()} aid" if aid_category else "Aid"
        bottom.set_ylabel(f"{what_aid}, {_AID_UNIT} per\n{_period_word(freq)} (allocations)")
        _s.thousands(bottom)
        _s.bars_from_zero(bottom)
        _s.legend(bottom, reverse=True, loc="upper left")
        step = {
            "month": pd.DateOffset(months=1),
            "quarter": pd.DateOffset(months=3),
            "year": pd.DateOffset(years=1),
        }
        for a in (top, bottom):
            a.set_xlim(start, end + step[freq])
            _s.month_axis(a, start, end + step[freq])
        if top.get_shared_x_axes().joined(top, bottom):
            top.tick_params(axis="x", labelbottom=False)
        _title(
            top, title, f"Strikes on Ukraine and {what_aid.lower()} to it, per {_period_word(freq)}"
        )
        _finish(top, source_line, [_s.AID_NOTE])
    return top


def plot_reconciliation(
    data: pd.DataFrame,
    *,
    label: str | None = None,
    label_top: int = 8,
    hue: str | None = None,
    source: str | None = None,
    title: str | None = _DEFAULT,
    ax: Axes | None = None,
) -> Axes:
    """Claimed against computed figures: how far each count is from the claim, qualifier shown.

    One marker per claim: x is the claimed figure, y is computed / claimed on
    a log scale (the line at 1 is perfect agreement), so that a 10% gap looks
    the same for 50 missiles and for 50,000 drones. The marker's shape is the
    claim's qualifier (▲ over, ▼ nearly, ● about, ■ exact); filled markers are
    consistent with the claim, hollow ones are not.

    Parameters
    ----------
    data
        A reconciliation table (``aidstats.stats.reconcile``): ``claimed``,
        ``computed``, ``qualifier`` (over / nearly / about / exact; missing is
        read as exact) and ``consistent`` (bool).
    label, label_top
        Optional column used to annotate the ``label_top`` inconsistent claims
        furthest from their claim (e.g. ``statement_id``).
    hue
        Optional column to colour by (e.g. ``metric``: missiles, drones, glide_bombs).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from aidstats.plots import plot_reconciliation
    >>> table = pd.DataFrame({"claimed": [500.0, 3000, 1300], "computed": [520.0, 2890, 800],
    ...                       "qualifier": ["over", "nearly", "about"],
    ...                       "consistent": [True, True, False]})
    >>> ax = plot_reconciliation(table)
    >>> ax.get_xscale(), ax.get_yscale()
    ('log', 'log')
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_reconciliation"
    extra = ([label] if label else []) + ([hue] if hue else [])
    frame = _d.require(data, ["claimed", "computed", "qualifier", "consistent", *extra], what=what)
    claimed, computed = _d.numeric(frame, "claimed"), _d.numeric(frame, "computed")
    usable = (claimed > 0) & (computed > 0)
    if not usable.any():
        raise InsufficientDataError(f"{what}: no row has a positive claimed and computed figure")
    tidy = pd.DataFrame(
        {
            "claimed": claimed,
            "ratio": computed / claimed,
            "qualifier": frame["qualifier"].astype("string").fillna("exact").astype(str),
            "consistent": frame["consistent"].astype("boolean").fillna(False).astype(bool),
            "hue": frame[hue].astype(str) if hue else "all",
            "label": frame[label].astype(str) if label else "",
        }
    ).loc[usable]
    dropped = int((~usable).sum())
    source_line = _s.source_from(frame, "official_statements", source)
    with house_style():
        ax = _s.axes_or_new(ax)
        hues = sorted(tidy["hue"].unique())
        for hi, h in enumerate(hues):
            colour = _s.colour_for(h, hi) if hue else _s.CYCLE[0]
            for q, marker in _QUALIFIER_MARKERS.items():
                for ok in (True, False):
                    mask = (
                        (tidy["hue"] == h) & (tidy["qualifier"] == q) & (tidy["consistent"] == ok)
                    )
                    part = tidy[mask]
                    if len(part):
                        ax.scatter(
                            part["claimed"],
                            part["ratio"],
                            marker=marker,
                            s=36,
                            linewidths=1.1,
                            facecolors=colour if ok else "none",
                            edgecolors=colour,
                            zorder=3,
                        )
        _ratio_axes(ax, tidy)
        if label:
            off = tidy[~tidy["consistent"]]
            worst = np.abs(np.log(off["ratio"])).sort_values(ascending=False, kind="mergesort")
            for _i, row in off.loc[worst.index[: max(0, label_top)]].iterrows():
                ax.annotate(
                    row["label"],
                    (row["claimed"], row["ratio"]),
                    xytext=(4, 3),
                    textcoords="offset points",
                    fontsize=6.5,
                    color="#333333",
                )
        _reconciliation_legend(ax, tidy, hues, bool(hue))
        _title(ax, title, "Official claims against counts from the reports")
        notes = ["Hollow markers: the computed count contradicts the claim and its qualifier."]
        if dropped:
            notes.append(
                f"{dropped} claim(s) without a positive claimed and computed figure not shown."
            )
        _finish(ax, source_line, notes)
    return ax


def _ratio_axes(ax: Axes, tidy: pd.DataFrame) -> None:
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.axhline(1.0, color="#555555", ls="--", lw=0.9, zorder=1)
    ratios = tidy["ratio"].to_numpy(dtype=float)
    low = min(float(np.nanmin(ratios)), 1 / 1.3) / 1.25
    high = max(float(np.nanmax(ratios)), 1.3) * 1.25
    ax.set_ylim(low, high)
    ticks = [t for t in _ratio_ticks(high / low) if low <= t <= high]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:g}×"))
    lo, hi = float(tidy["claimed"].min()), float(tidy["claimed"].max())
    ax.set_xlim(lo / 1.5, hi * 1.5)
    _s.thousands(ax, "x")
    ax.grid(True, axis="both", which="major")
    ax.set_xlabel("Claimed in the statement (number, log scale)")
    ax.set_ylabel("Computed from the reports ÷ claimed")


def _ratio_ticks(extent: float) -> tuple[float, ...]:
    """Ratio ticks that never crowd: fine near 1 for a narrow range, decades for a wide one."""
    if extent > 40:
        return (0.001, 0.01, 0.1, 0.5, 1.0, 2.0, 10.0, 100.0, 1000.0)
    if extent > 4:
        return (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)
    return (0.5, 0.8, 0.9, 1.0, 1.1, 1.25, 2.0)


def _reconciliation_legend(ax: Axes, tidy: pd.DataFrame, hues: Sequence[str], by_hue: bool) -> None:
    from matplotlib.lines import Line2D

    grey = "#444444"
    handles = [
        Line2D([], [], ls="", marker=m, color=grey, markerfacecolor=grey, label=q)
        for q, m in _QUALIFIER_MARKERS.items()
        if (tidy["qualifier"] == q).any()
    ]
    handles += [
        Line2D(
            [], [], ls="", marker="o", color=grey, markerfacecolor="none", label="not consistent"
        ),
        Line2D([], [], ls="--", color="#555555", label="computed = claimed"),
    ]
    if by_hue:
        handles += [
            Line2D([], [], ls="", marker="s", color=_s.colour_for(h, i), label=_s.label_for(h))
            for i, h in enumerate(hues)
        ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0))


_QUALIFIER_MARKERS = {"over": "^", "nearly": "v", "about": "o", "exact": "s"}


# =========================================================================== saving

_FORMATS = ("png", "pdf", "svg")


def save_figure(
    fig: Figure,
    path_stem: str | os.PathLike[str],
    formats: Sequence[str] = ("png", "pdf"),
    dpi: int = 200,
) -> list[Path]:
    """Write ``fig`` as PNG and PDF (or SVG) next to ``path_stem``; the one place figures are saved.

    PNG at ``dpi`` (at least 200); PDF with embedded TrueType fonts (text stays
    editable) and fixed metadata; every file written atomically. The same
    figure gives the same bytes on every run, whatever ``SOURCE_DATE_EPOCH`` says.

    Parameters
    ----------
    fig
        The figure (``ax.figure`` of any plot function).
    path_stem
        Path without extension (``figures/strike_volume``); a ``.png``/``.pdf``/``.svg``
        suffix is dropped. Missing folders are created.
    formats
        Any of ``"png"``, ``"pdf"``, ``"svg"``.
    dpi
        PNG resolution, at least 200.

    Returns
    -------
    list of pathlib.Path
        The written files, in the order of ``formats``.

    Raises
    ------
    DataValidationError
        An unknown format or a dpi below 200.
    OutputPathError
        The location cannot be written.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import tempfile, pathlib
    >>> from aidstats import datasets
    >>> from aidstats.plots import plot_aid_channels, save_figure
    >>> ax = plot_aid_channels(datasets.load("aid_channels"))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "channels"
    >>> [p.name for p in save_figure(ax.figure, out)]
    ['channels.png', 'channels.pdf']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    from aidstats._files import atomic_path

    formats = tuple(f.lower().lstrip(".") for f in formats)
    bad = [f for f in formats if f not in _FORMATS]
    if bad or not formats:
        raise DataValidationError(
            f"save_figure: formats must be among {_FORMATS}, got {list(formats)}"
        )
    if dpi < 200:
        raise DataValidationError(f"save_figure: dpi must be at least 200 for print, got {dpi}")
    stem = Path(path_stem)
    if stem.suffix.lower().lstrip(".") in _FORMATS:
        stem = stem.with_suffix("")
    if stem.name in ("", ".", ".."):
        raise OutputPathError(f"save_figure: {str(path_stem)!r} does not name a file")
    written: list[Path] = []
    # The metadata are fixed (no dates), so SOURCE_DATE_EPOCH and the clock play no part.
    with house_style(), _s.ready_to_save(fig):
        for fmt in formats:
            target = stem.parent / f"{stem.name}.{fmt}"
            try:
                with atomic_path(target) as tmp:
                    fig.savefig(tmp, format=fmt, dpi=dpi, metadata=_metadata(fmt))
            except OSError as exc:
                raise OutputPathError(f"save_figure: cannot write {target}: {exc}") from exc
            written.append(target)
    return written


def _pdf_bytes(fig: Figure, *, lay_out: bool = True) -> bytes:
    """The PDF :func:`save_figure` would write, in memory (for pages of a larger document).

    ``lay_out=False`` keeps the layout of an earlier save: constrained layout
    moves some figures slightly each time it runs again.
    """
    import io

    buffer = io.BytesIO()
    with house_style(), _s.ready_to_save(fig, lay_out=lay_out):
        fig.savefig(buffer, format="pdf", metadata=_metadata("pdf"))
    return buffer.getvalue()


def _metadata(fmt: str) -> dict[str, Any]:
    if fmt == "png":
        return dict(_s.PNG_METADATA)
    if fmt == "pdf":
        return dict(_s.PDF_METADATA)
    return {"Date": None, "Creator": "aidstats"}
