"""Axis helpers: number formatters, date axes, titles, legends, and date ticks frozen while saving."""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from aidstats._core.periods import next_period_start

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "DEFAULT_TITLE",
    "bars_from_zero",
    "date_limits",
    "frozen_date_ticks",
    "legend",
    "month_axis",
    "reorder_legend_first",
    "thousands",
    "set_title",
]

#: Sentinel of the ``title=`` option: "use the function's own title" (``None`` means no title).
DEFAULT_TITLE = "__default__"


def _decimals(step: float) -> int:
    if step <= 0 or not math.isfinite(step):
        return 0
    return max(0, -math.floor(math.log10(step) + 1e-9))


def thousands(ax: Axes, axis: str = "y", *, percent: bool = False) -> None:
    """Tick labels with thousands separators (``12,500``) or as percentages (``0-100%``)."""
    from matplotlib.ticker import PercentFormatter

    target = ax.yaxis if axis == "y" else ax.xaxis
    if percent:
        target.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
        return
    target.set_major_formatter(_thousands_formatter_type()())


@functools.cache
def _thousands_formatter_type() -> type:
    from matplotlib.ticker import Formatter

    class Thousands(Formatter):
        """``12,500``, with as many decimals as the tick step needs (ticks from ``set_locs``, once per draw)."""

        _step = 1.0

        def set_locs(self, locs: Sequence[float]) -> None:
            self._step = float(abs(locs[1] - locs[0])) if len(locs) > 1 else 1.0

        def __call__(self, x: float, pos: int | None = None) -> str:
            return f"{x:,.{_decimals(self._step)}f}"

    return Thousands


def month_axis(ax: Axes, start: pd.Timestamp, end: pd.Timestamp) -> None:
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
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    ax.tick_params(axis="x", which="minor", length=2.5)


def date_limits(ax: Axes, index: pd.DatetimeIndex, freq: str) -> None:
    """The x-axis from the first period start to the end of the last period (``freq``), with date ticks."""
    start = index.min()
    end = pd.Timestamp(next_period_start([index.max()], freq).iloc[0])
    ax.set_xlim(start, end)
    month_axis(ax, start, end)


def bars_from_zero(ax: Axes, axis: str = "y") -> None:
    """Bars and areas start at zero: pin the lower limit, keep the upper one."""
    if axis == "y":
        ax.set_ylim(bottom=0)
    else:
        ax.set_xlim(left=0)


def set_title(ax: Axes, given: str | None, default: str) -> None:
    """Set the title: ``default`` for :data:`DEFAULT_TITLE`, none for ``None`` or empty."""
    text = default if given == DEFAULT_TITLE else given
    if text:
        ax.set_title(text)


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


def reorder_legend_first(ax: Axes, first: Sequence[str]) -> None:
    """Redraw an existing legend with the entries named in ``first`` in front, in that order."""
    if ax.get_legend() is None:
        return
    handles, labels = ax.get_legend_handles_labels()
    rank = {name: i for i, name in enumerate(first)}
    pairs = sorted(zip(handles, labels, strict=True), key=lambda hl: rank.get(hl[1], len(rank)))
    ax.legend([h for h, _ in pairs], [lab for _, lab in pairs], loc="upper left")


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
