"""Marks shared by several figures: stacked period bars, and dated events as labelled vertical lines."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import pandas as pd

from aidstats._core.messages import CATALOGUE, mark_date, text
from aidstats._core.vocab import ordered
from aidstats._draw.checks import as_datetime, pick
from aidstats._draw.prep import bar_geometry
from aidstats._draw.style import colour_for, current_lang, label_for
from aidstats.errors import DataValidationError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["date_marks", "mark_dates", "regime_label", "stack_bars"]

MARK_COLOUR = "#444444"
_LABEL_CHARS = 50
_START_COLUMNS = ("start", "date", "valid_from", "period_start", "from", "start_month")
_LABEL_COLUMNS = ("label", "regime", "name", "description", "note")
_POSITIONS = {"bottom": (0.02, "bottom"), "top": (0.98, "top")}

#: What :func:`mark_dates` accepts: {date: label}, dates, or a table of dated changes.
DateMarks: TypeAlias = "Mapping[Any, str] | Iterable[Any] | pd.DataFrame"


def stack_bars(
    ax: Axes,
    wide: pd.DataFrame,
    freq: str,
    *,
    hatch: Mapping[str, str] | None = None,
    lang: str = "en",
) -> int:
    """Stacked bars, one colour per column in the house order; returns the number of bars drawn."""
    centres, width = bar_geometry(pd.DatetimeIndex(wide.index), freq)
    bottom = np.zeros(len(wide))
    drawn = 0
    for i, col in enumerate(ordered(wide.columns)):
        values = wide[col].fillna(0.0).to_numpy(dtype=float)
        if not values.any():
            continue
        ax.bar(
            centres,
            values,
            width=width,
            bottom=bottom,
            color=colour_for(col, i),
            label=label_for(col, lang),
            hatch=(hatch or {}).get(col),
            edgecolor="white",
            linewidth=0.0,
        )
        bottom = bottom + values
        drawn += int((values != 0).sum())
    return drawn


def date_marks(marks: DateMarks, lang: str = "en") -> list[tuple[pd.Timestamp, str]]:
    """(date, label) of each mark, sorted by date.

    ``marks`` is a mapping ``{date: label}``; a sequence of dates (no labels);
    the ``reporting_regimes`` table (every regime that follows another of the
    same measure, with a label that says what changed: "EW losses reported
    from Jul 2024"); the output of :func:`aidstats.strikes.regime_changes`
    (labelled the same way); or any frame with a date column
    (``start``/``date``/...) and a label column (``label``/``regime``/``name``/...).

    Examples
    --------
    >>> date_marks({"2025-08-01": "not_reach_goal: zero", "2025-01-01": "US administration"})
    [(Timestamp('2025-01-01 00:00:00'), 'US administration'), (Timestamp('2025-08-01 00:00:00'), 'not_reach_goal: zero')]
    >>> import pandas as pd
    >>> regimes = pd.DataFrame({"measure": ["not_reach_goal", "not_reach_goal"],
    ...                         "regime": ["not_recorded", "recorded"], "start": [None, "2024-07-01"]})
    >>> date_marks(regimes)[0][1]
    'EW losses reported from Jul 2024'
    """
    if isinstance(marks, pd.DataFrame):
        return _table_marks(marks, lang)
    if isinstance(marks, Mapping):
        return sorted((pd.Timestamp(k), str(v)) for k, v in marks.items())
    if isinstance(marks, str):
        raise DataValidationError(
            f"date marks: expected dates, a mapping or a table, got the text {marks!r}"
        )
    dates = as_datetime(pd.Series(list(marks)), what="date marks")
    return sorted((pd.Timestamp(d), "") for d in dates.dropna())


def regime_label(measure: str, regime: str, start: Any, lang: str = "en") -> str:
    """What a reporting change means for a reader ("EW losses no longer reported from Aug 2025").

    Changes the catalogue does not know read "measure: regime".
    """
    key = f"regime.{measure}.{regime}"
    if key not in CATALOGUE[lang]:
        return f"{measure}: {regime}"
    return text(key, lang, date=mark_date(start, lang))


def _table_marks(table: pd.DataFrame, lang: str) -> list[tuple[pd.Timestamp, str]]:
    what = "date marks"
    if {"measure", "regime", "start"} <= set(table.columns):  # the reporting_regimes table
        regimes = pd.DataFrame(
            {
                "measure": table["measure"].astype(str),
                "regime": table["regime"].astype(str),
                "start": as_datetime(table["start"], what=what),
            }
        ).sort_values(["measure", "start"], na_position="first", kind="mergesort")
        marks = []
        for measure, part in regimes.groupby("measure", sort=True):
            for row in part.iloc[1:].itertuples(index=False):  # the first regime is no change
                if pd.notna(row.start):
                    when = pd.Timestamp(row.start)
                    marks.append((when, regime_label(str(measure), row.regime, when, lang)))
        return sorted(marks)
    if {"date", "measure", "after"} <= set(table.columns):  # strikes.regime_changes()
        dates = as_datetime(table["date"], what=what)
        labels = [
            regime_label(str(m), str(a), d, lang)
            for m, a, d in zip(table["measure"], table["after"], dates, strict=True)
        ]
    else:
        start = pick(table, None, _START_COLUMNS, what=what, role="start")
        name = pick(table, None, _LABEL_COLUMNS, what=what, role="label")
        dates, labels = as_datetime(table[start], what=what), list(table[name])
    return sorted(
        (pd.Timestamp(d), str(n)) for d, n in zip(dates, labels, strict=True) if pd.notna(d)
    )


def mark_dates(
    ax: Axes,
    marks: DateMarks,
    *,
    labels: bool = True,
    position: str = "bottom",
    color: str = MARK_COLOUR,
    lang: str | None = None,
) -> Axes:
    """Mark dated events on a time axis: a dashed vertical line each, labelled beside it.

    Labels run vertically beside their lines, on a white ground, so that they
    never collide with each other; a mark close to the previous one puts its
    label on the other side of its line. Marks outside the current x-limits
    are left out, so call this after the axis limits are set (every plot
    function sets them).

    Parameters
    ----------
    ax
        The Axes with a date x-axis.
    marks
        ``{date: label}``, a sequence of dates, or a table of dated changes
        (the ``reporting_regimes`` table, :func:`aidstats.strikes.regime_changes`
        output, or any frame with a date and a label column); see :func:`date_marks`.
    labels
        Write the labels (``False``: lines only, e.g. on the lower panel of a pair).
    position
        ``"bottom"`` (labels rise from the foot of the axes) or ``"top"`` (they hang from the top).
    color
        Colour of the lines.
    lang
        Language of the labels aidstats writes (reporting changes); the house style's by default.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> from aidstats.plots import mark_dates
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot(pd.date_range("2025-01-01", periods=12, freq="MS"), range(12))
    >>> _ = mark_dates(ax, {"2025-07-01": "US shipments paused"}, position="top")
    >>> [t.get_text() for t in ax.texts]
    ['US shipments paused']
    >>> plt.close("all")
    """
    import matplotlib.dates as mdates

    if position not in _POSITIONS:
        raise DataValidationError(
            f"mark_dates: position must be 'bottom' or 'top', not {position!r}"
        )
    y, va = _POSITIONS[position]
    lo, hi = ax.get_xlim()
    previous: float | None = None
    flip = False
    for when, words in date_marks(marks, current_lang(lang)):
        x = mdates.date2num(when)
        if not lo < x < hi:
            continue
        flip = previous is not None and (x - previous) < 0.05 * (hi - lo) and not flip
        previous = x
        ax.axvline(when, color=color, ls="--", lw=0.9, zorder=1)
        if labels and words:
            _label_mark(ax, when, words, y=y, va=va, flip=flip)
    return ax


def _label_mark(ax: Axes, when: pd.Timestamp, words: str, *, y: float, va: str, flip: bool) -> None:
    short = words if len(words) <= _LABEL_CHARS else words[: _LABEL_CHARS - 2] + "…"
    ax.annotate(
        short,
        (when, y),
        xytext=(3 if flip else -3, 0),
        textcoords="offset points",
        rotation=90,
        ha="left" if flip else "right",
        va=va,
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
