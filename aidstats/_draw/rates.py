"""The interception-rate figure: share intercepted per month with its interval band, regime changes marked."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from aidstats._core.messages import CATALOGUE, percent, text
from aidstats._draw.axes import DEFAULT_TITLE, date_limits, set_title, thousands
from aidstats._draw.checks import as_datetime, pick, require, require_values
from aidstats._draw.footer import AIR_FORCE, finish, source_from
from aidstats._draw.marks import mark_dates
from aidstats._draw.prep import infer_freq
from aidstats._draw.style import axes_or_new, current_lang, cycle_colour, house_style, label_for
from aidstats.errors import DataValidationError, InsufficientDataError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["MIN_TRIALS", "interval_name", "method_name", "plot_interception_rate"]

#: Months with fewer weapons launched are not drawn by default.
MIN_TRIALS = 10
_MARKERS = ("o", "s", "^", "D")
_LINESTYLES = ("-", (0, (5, 2)), (0, (1, 1.5)), "-.")


def plot_interception_rate(
    data: pd.DataFrame,
    *,
    regimes: pd.DataFrame | Mapping[Any, str] | None = None,
    time: str | None = None,
    by: str | None = None,
    estimate: str = "estimate",
    low: str = "low",
    high: str = "high",
    label: str | None = None,
    min_trials: int = MIN_TRIALS,
    source: str | None = None,
    title: str | None = DEFAULT_TITLE,
    lang: str | None = None,
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
        and band per value. A ``method`` (and ``alpha``) column names the
        interval in the legend.
    regimes
        Reporting-regime changes to mark with a dashed line and a label that
        says what changed: the bundled ``reporting_regimes`` table
        (:func:`aidstats.strikes.regimes`; every regime that follows another of
        the same measure is marked, e.g. "EW losses no longer reported from Aug
        2025"), the output of :func:`aidstats.strikes.regime_changes`, any
        frame with a date column (``start``/``date``) and a label column, or a
        mapping ``{date: label}``. Filter the table to the measures that matter
        for the rate shown.
    label
        Legend label of the line when ``by`` is not given: name the definition
        (default: "Destroyed ÷ launched").
    min_trials
        Months with fewer launched (the ``trials`` column) are not drawn: a
        share of 2 or 3 weapons jumps between 0% and 100% and says nothing. A
        line left with no month is left out; the footer says what was.
    source, title, ax
        As everywhere in :mod:`aidstats.plots`.
    lang
        Language of the texts (``"en"``, ``"uk"``); the house style's by default.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from aidstats.plots import plot_interception_rate
    >>> rates = pd.DataFrame({"period": pd.date_range("2025-05-01", periods=4, freq="MS"),
    ...                       "estimate": [0.55, 0.58, 0.6, 0.84], "low": [0.53, 0.56, 0.58, 0.82],
    ...                       "high": [0.57, 0.6, 0.62, 0.86]})
    >>> ax = plot_interception_rate(rates, regimes={"2025-08-01": "EW losses no longer reported"})
    >>> [t.get_text() for t in ax.texts]
    ['EW losses no longer reported']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_interception_rate"
    frame = require(data, [estimate, low, high] + ([by] if by else []), what=what)
    tcol = pick(frame, time, ("period", "month", "date"), what=what, role="time")
    require_values(frame, [estimate], what=what)
    values = _shares(frame, [estimate, low, high], what)
    times = as_datetime(frame[tcol], what=what)
    with house_style():
        from matplotlib.ticker import FixedLocator

        lang = current_lang(lang)
        kept, dropped = _enough_trials(frame, by, min_trials)
        groups = (
            [(label or text("legend.rate_default", lang), kept)]
            if by is None
            else [
                (label_for(str(k), lang), idx)
                for k, idx in frame.loc[kept].groupby(by, sort=True, observed=True).groups.items()
            ]
        )
        if not any(len(idx) for _name, idx in groups):
            raise InsufficientDataError(f"{what}: no month has at least {min_trials} launched")
        source_line = source_from(frame, AIR_FORCE, source, lang)
        ax = axes_or_new(ax)
        for i, (name, idx) in enumerate(groups):
            _rate_line(ax, times.loc[idx], values, (estimate, low, high), i, name)
        ax.set_ylim(0.0, 1.04)  # a share of 100% stays inside the frame
        ax.yaxis.set_major_locator(FixedLocator([0.0, 0.2, 0.4, 0.6, 0.8, 1.0]))
        thousands(ax, percent=True, lang=lang)
        ax.set_ylabel(text("axis.share_of_launched", lang))
        date_limits(ax, pd.DatetimeIndex(times.loc[kept].sort_values()), "month", lang)
        if regimes is not None:
            mark_dates(ax, regimes, lang=lang)
        set_title(ax, title, text("title.interception_rate", lang))
        _legend_below(ax, text("legend.interval_band", lang, interval=interval_name(frame, lang)))
        notes = [text("note.rate_ratio_of_sums", lang)]
        if regimes is not None:
            notes.append(text("note.rate_regime_marks", lang))
        if len(dropped):
            notes.append(_dropped_note(frame, by, dropped, min_trials, lang))
        finish(ax, source_line, [" ".join(notes)], lang)
    return ax


def _enough_trials(
    frame: pd.DataFrame, by: str | None, min_trials: int
) -> tuple[pd.Index, pd.Index]:
    """Rows with at least ``min_trials`` launched (all rows without a ``trials`` column), and the rest."""
    if "trials" not in frame.columns or min_trials <= 0:
        return frame.index, frame.index[:0]
    trials = pd.to_numeric(frame["trials"], errors="coerce")
    enough = trials >= min_trials
    return frame.index[enough.to_numpy()], frame.index[~enough.to_numpy()]


def _dropped_note(
    frame: pd.DataFrame, by: str | None, dropped: pd.Index, min_trials: int, lang: str
) -> str:
    """Which months are not drawn: whole lines by name, else a count of months."""
    if by is not None:
        left_out = sorted(
            set(frame.loc[dropped, by].astype(str)) - set(frame.drop(index=dropped)[by].astype(str))
        )
        if left_out:
            names = ", ".join(label_for(k, lang) for k in left_out)
            return text("note.rate_lines_left_out", lang, names=names, min_trials=min_trials)
    return text("note.rate_months_left_out", lang, months=len(dropped), min_trials=min_trials)


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
    label: str,
) -> None:
    """One definition's (or group's) line with its band; the ``i``-th line.

    Monthly lines break where a month is missing (left out or not in the
    table) instead of joining the months either side.
    """
    estimate, low, high = columns
    order = times.sort_values().index
    shown = values.loc[order, [estimate, low, high]].set_axis(pd.DatetimeIndex(times.loc[order]))
    shown = shown[~shown.index.duplicated()]
    if len(shown) > 1 and infer_freq(pd.DatetimeIndex(shown.index)) == "M":
        shown = shown.reindex(pd.date_range(shown.index.min(), shown.index.max(), freq="MS"))
    x = shown.index + pd.Timedelta(days=15)
    colour = cycle_colour(i)
    ax.fill_between(x, shown[low], shown[high], color=colour, alpha=0.18, linewidth=0)
    # Definitions often coincide (e.g. before not_reach_goal was recorded): later lines are
    # dashed with their own marker, so that a line drawn over another leaves it visible.
    ax.plot(
        x,
        shown[estimate],
        color=colour,
        marker=_MARKERS[i % len(_MARKERS)],
        ms=3.0,
        lw=1.6,
        ls=_LINESTYLES[i % len(_LINESTYLES)],
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


def interval_name(frame: pd.DataFrame, lang: str = "en") -> str:
    """The interval a rate table gives, from its ``alpha`` and ``method`` columns ("95% interval (Wilson)").

    Examples
    --------
    >>> import pandas as pd
    >>> interval_name(pd.DataFrame({"alpha": [0.05], "method": ["wilson"]}))
    '95% interval (Wilson)'
    """
    level = ""
    if "alpha" in frame.columns:
        alpha = pd.to_numeric(frame["alpha"], errors="coerce").dropna()
        if len(alpha):
            level = percent(1 - float(alpha.iloc[0]), lang)
    words = text("interval.level", lang, level=level) if level else text("interval.plain", lang)
    methods = frame["method"].dropna().astype(str).unique() if "method" in frame.columns else []
    if len(methods):
        words += f" ({', '.join(method_name(m, lang) for m in methods)})"
    return words


def method_name(method: str, lang: str = "en") -> str:
    """A statistics method's short name for readers; unknown names as given.

    The catalogue key is the method's words before any ``:`` or ``(``
    (``"clustered by day: Wilson on ..."`` -> ``method.clustered_by_day``).

    Examples
    --------
    >>> method_name("wilson"), method_name("clustered by day: Wilson on launches / design effect")
    ('Wilson', 'clustered by day')
    """
    head = re.split(r"[:(]", method, maxsplit=1)[0].strip()
    key = "method." + re.sub(r"\W+", "_", head).strip("_").lower()
    return text(key, lang) if key in CATALOGUE[lang] else method
