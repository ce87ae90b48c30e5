"""Axis helpers: number formatters, date axes, titles, legends, and date ticks frozen while saving."""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from aidstats._core import messages
from aidstats._core.periods import next_period_start
from aidstats._draw.style import figure_of, text_width_pt, wrap_to

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "DEFAULT_TITLE",
    "bars_from_zero",
    "date_limits",
    "frozen_date_ticks",
    "headroom",
    "legend_columns",
    "legend",
    "month_axis",
    "reorder_legend_first",
    "thousands",
    "set_title",
]

#: Sentinel of the ``title=`` option: "use the function's own title" (``None`` means no title).
DEFAULT_TITLE = "__default__"
_TITLE_INSET = 1.1  # inches of the figure's width left of a title (value axis, margins)


def _places(values: Sequence[float]) -> int:
    """The fewest decimals (up to 4) that print every tick exactly: 0, 2.5, 5 need one."""
    finite = [v for v in values if math.isfinite(v)]
    for places in range(5):
        if all(abs(round(v, places) - v) <= 1e-9 * max(1.0, abs(v)) for v in finite):
            return places
    return 4


def thousands(ax: Axes, axis: str = "y", *, percent: bool = False, lang: str = "en") -> None:
    """Tick labels with thousands separators (``12,500``; ``12 500`` in Ukrainian) or as percentages."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(_number_formatter_type()(lang, percent))


@functools.cache
def _number_formatter_type() -> type:
    from matplotlib.ticker import Formatter

    class Numbers(Formatter):
        """``12,500`` or ``80%`` per language, with as many decimals as the tick step needs.

        The ticks come from ``set_locs``, once per draw.
        """

        _places = 0

        def __init__(self, lang: str, percent: bool) -> None:
            self.lang, self.percent = lang, percent

        def set_locs(self, locs: Sequence[float]) -> None:
            scale = 100.0 if self.percent else 1.0
            self._places = _places([scale * float(v) for v in locs])

        def __call__(self, x: float, pos: int | None = None) -> str:
            if self.percent:
                return messages.percent(x, self.lang, decimals=self._places)
            return messages.number(x, self.lang, decimals=self._places)

    return Numbers


def month_axis(ax: Axes, start: pd.Timestamp, end: pd.Timestamp, lang: str = "en") -> None:
    """Date ticks that never crowd: years labelled, quarters as minor ticks; concise for short spans."""
    import matplotlib.dates as mdates

    years = (end - start).days / 365.25
    if years >= 2.0:
        step = max(1, math.ceil(years / 8))
        ax.xaxis.set_major_locator(mdates.YearLocator(step))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    else:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        if lang == "en":
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
        else:
            ax.xaxis.set_major_formatter(_concise_formatter_type()(lang))
    ax.tick_params(axis="x", which="minor", length=2.5)


@functools.cache
def _concise_formatter_type() -> type:
    from matplotlib.ticker import Formatter

    class Concise(Formatter):
        """Month ticks in the catalogue's language: the year at January, else the short month name."""

        def __init__(self, lang: str) -> None:
            self.lang = lang

        def __call__(self, x: float, pos: int | None = None) -> str:
            import matplotlib.dates as mdates

            when = pd.Timestamp(mdates.num2date(x)).tz_localize(None)
            name = messages.month_name(when.month, self.lang, short=True)
            if when.day != 1:
                return f"{when.day} {name}"
            return str(when.year) if when.month == 1 else name

    return Concise


def date_limits(ax: Axes, index: pd.DatetimeIndex, freq: str, lang: str = "en") -> None:
    """The x-axis from the first period start to the end of the last period (``freq``), with date ticks."""
    start = index.min()
    end = pd.Timestamp(next_period_start([index.max()], freq).iloc[0])
    ax.set_xlim(start, end)
    month_axis(ax, start, end, lang)


def headroom(ax: Axes, largest: float, axis: str = "y", *, room: float = 0.06) -> None:
    """Room above the largest value: the axis ends at the first tick at least ``room`` above it.

    A bar or line that touches the frame reads as cut off; ending on a tick
    keeps the top gridline labelled.
    """
    from matplotlib.ticker import MaxNLocator

    if not math.isfinite(largest) or largest <= 0:
        return
    target = largest * (1 + room)
    ticks = MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]).tick_values(0.0, target)
    top = float(min((t for t in ticks if t >= target), default=target))
    if axis == "y":
        ax.set_ylim(0.0, top)
    else:
        ax.set_xlim(0.0, top)


def bars_from_zero(ax: Axes, axis: str = "y") -> None:
    """Bars and areas start at zero: pin the lower limit, keep the upper one."""
    if axis == "y":
        ax.set_ylim(bottom=0)
    else:
        ax.set_xlim(left=0)


def set_title(ax: Axes, given: str | None, default: str) -> None:
    """Set the title: ``default`` for :data:`DEFAULT_TITLE`, none for ``None`` or empty.

    A title wider than the figure (less room for the value axis) is broken into lines.
    """
    import matplotlib
    from matplotlib.font_manager import FontProperties

    words = default if given == DEFAULT_TITLE else given
    if not words:
        return
    room = (figure_of(ax).get_figwidth() - _TITLE_INSET) * 72
    size = FontProperties(size=matplotlib.rcParams["axes.titlesize"]).get_size_in_points()
    ax.set_title(wrap_to(words, room, size))


def legend(
    ax: Axes, *, ncol: int = 1, loc: str = "upper left", reverse: bool = False, **kw: Any
) -> None:
    """A frameless legend; ``reverse`` matches the order of a stack read top-down."""
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return
    if reverse:
        handles, labels = handles[::-1], labels[::-1]
    options: dict[str, Any] = {"ncol": ncol, "loc": loc, **kw}
    ax.legend(handles, labels, **options)


def legend_columns(
    ax: Axes, labels: Sequence[str], *, size: float | None = None, most: int | None = None
) -> int:
    """How many columns a legend of ``labels`` under the axes can have and still fit the figure's width."""
    import matplotlib

    points = size if size is not None else float(matplotlib.rcParams["legend.fontsize"])
    widest = max((text_width_pt(label, points) for label in labels), default=0.0)
    room = figure_of(ax).get_figwidth() * 72 * 0.96
    fits = int(room // (widest + 3.2 * points))  # handle, padding and column spacing
    return max(1, min(len(labels) or 1, fits, most or len(labels) or 1))


def reorder_legend_first(ax: Axes, first: Sequence[str], **kw: Any) -> None:
    """Redraw an existing legend with the entries named in ``first`` in front, in that order."""
    if ax.get_legend() is None:
        return
    handles, labels = ax.get_legend_handles_labels()
    rank = {name: i for i, name in enumerate(first)}
    pairs = sorted(zip(handles, labels, strict=True), key=lambda hl: rank.get(hl[1], len(rank)))
    ax.legend([h for h, _ in pairs], [lab for _, lab in pairs], **{"loc": "upper left", **kw})


@contextlib.contextmanager
def frozen_date_ticks(fig: Figure) -> Iterator[None]:
    """Compute date ticks once while a figure is saved, then give back the original locators.

    Date locators evaluate a calendar rule on every call, and laying out and
    drawing a figure calls them hundreds of times; their ticks depend only on
    the view limits, which saving does not change.
    """
    import matplotlib.dates as mdates
    from matplotlib.ticker import FixedLocator

    saved = []
    for ax in fig.axes:
        ax.get_xlim(), ax.get_ylim()  # settle autoscaling before asking for ticks
        for axis in (ax.xaxis, ax.yaxis):
            for ticker, ticks in (
                (axis.major, axis.get_majorticklocs),
                (axis.minor, axis.get_minorticklocs),
            ):
                locator = ticker.locator
                if isinstance(locator, mdates.DateLocator):
                    fixed = FixedLocator([float(t) for t in ticks()])
                    fixed.set_axis(axis)
                    # Assigned on the ticker, not through set_*_locator: that would also re-point an
                    # AutoDateFormatter at the fixed locator and mark the axis as no longer default.
                    saved.append((ticker, locator))
                    ticker.locator = fixed
    try:
        yield
    finally:
        for ticker, locator in reversed(saved):
            ticker.locator = locator
