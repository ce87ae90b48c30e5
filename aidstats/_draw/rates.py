"""The interception-rate figure: share intercepted per month with its interval band, regime changes marked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from aidstats._core.vocab import CYCLE
from aidstats._draw.axes import DEFAULT_TITLE, date_limits, set_title, thousands
from aidstats._draw.checks import as_datetime, pick, require, require_values
from aidstats._draw.footer import AIR_FORCE, finish, source_from
from aidstats._draw.marks import mark_dates
from aidstats._draw.style import axes_or_new, house_style, label_for
from aidstats.errors import DataValidationError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_interception_rate"]


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
    title: str | None = DEFAULT_TITLE,
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
    frame = require(data, [estimate, low, high] + ([by] if by else []), what=what)
    tcol = pick(frame, time, ("period", "month", "date"), what=what, role="time")
    require_values(frame, [estimate], what=what)
    values = _shares(frame, [estimate, low, high], what)
    times = as_datetime(frame[tcol], what=what)
    groups = (
        [(label, frame.index)]
        if by is None
        else [
            (str(k), idx) for k, idx in frame.groupby(by, sort=True, observed=True).groups.items()
        ]
    )
    source_line = source_from(frame, AIR_FORCE, source)
    with house_style():
        ax = axes_or_new(ax)
        for i, (name, idx) in enumerate(groups):
            _rate_line(
                ax, times.loc[idx], values, (estimate, low, high), i, len(groups), label_for(name)
            )
        ax.set_ylim(0.0, 1.0)
        thousands(ax, percent=True)
        ax.set_ylabel("Share of launched (%)")
        date_limits(ax, pd.DatetimeIndex(times.sort_values()), "month")
        if regimes is not None:
            mark_dates(ax, regimes)
        set_title(ax, title, "Share of launched weapons intercepted, per month")
        _legend_below(ax, f"Shaded: {_interval_label(frame)}")
        note = "Each share is a ratio of monthly sums."
        if regimes is not None:
            note += " Dashed lines mark the reporting changes and events named beside them."
        finish(ax, source_line, [note])
    return ax


def _shares(frame: pd.DataFrame, columns: list[str], what: str) -> pd.DataFrame:
    """``columns`` as numbers, refused unless every one is a share in [0, 1] (not a percentage)."""
    values = frame[columns].apply(pd.to_numeric, errors="coerce")
    out_of_range = ((values < 0) | (values > 1)).any(axis=1)
    if out_of_range.any():
        estimate = columns[0]
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
    return values


def _rate_line(
    ax: Axes,
    times: pd.Series,
    values: pd.DataFrame,
    columns: tuple[str, str, str],
    i: int,
    n: int,
    label: str,
) -> None:
    """One definition's (or group's) line with its band; the ``i``-th of ``n``."""
    estimate, low, high = columns
    order = times.sort_values().index
    x = times.loc[order] + pd.Timedelta(days=15)
    colour = CYCLE[i % len(CYCLE)]
    ax.fill_between(
        x, values.loc[order, low], values.loc[order, high], color=colour, alpha=0.18, linewidth=0
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
        label=label,
    )


def _legend_below(ax: Axes, band_label: str) -> None:
    """The legend under the axes (inside it would cover the lines or the regime labels), band explained."""
    from matplotlib.patches import Patch

    band = Patch(color="#999999", alpha=0.35, label=band_label)
    handles, labels = ax.get_legend_handles_labels()
    options: dict[str, Any] = {"loc": "upper left", "bbox_to_anchor": (0.0, -0.09), "ncol": 2}
    ax.legend([*handles, band], [*labels, str(band.get_label())], **options)


def _interval_label(frame: pd.DataFrame) -> str:
    if "alpha" in frame.columns:
        alpha = pd.to_numeric(frame["alpha"], errors="coerce").dropna()
        if len(alpha):
            return f"{100 * (1 - float(alpha.iloc[0])):.0f}% interval"
    return "interval"
