"""A figure that says why there is nothing to draw, in the house style.

A report over a period the data do not cover (no official statements before
they were compiled, say) keeps its page: the figure states what is missing
instead of failing the whole report or showing empty axes.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from aidstats._draw.notice import plot_notice
>>> ax = plot_notice("No official statements fall in September 2022 - August 2023.",
...                  title="Official claims against counts", source="Source: official statements")
>>> [t.get_text() for t in ax.texts][:1]
['No official statements fall in September 2022 - August 2023.']
>>> import matplotlib.pyplot as plt; plt.close("all")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidstats._draw.axes import set_title
from aidstats._draw.footer import finish
from aidstats._draw.style import FIGSIZE, axes_or_new, current_lang, figure_of, house_style, wrap_to

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_notice"]

_HEIGHT_IN = 2.4
_SIZE = 10.0


def plot_notice(
    message: str,
    *,
    title: str,
    source: str,
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """An empty panel with ``message`` in its middle, ``title`` above and ``source`` below.

    Parameters
    ----------
    message
        What is missing and why (one or two sentences; wrapped to the figure).
    title
        The title the figure would have had.
    source
        The source line of the data that were looked at.
    lang
        Language of the footer (default: that of :func:`house_style`).
    ax
        Axes to draw on; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on, its frame and ticks hidden.
    """
    with house_style():
        lang = current_lang(lang)
        ax = axes_or_new(ax, (FIGSIZE[0], _HEIGHT_IN))
        ax.set_axis_off()
        room = figure_of(ax).get_figwidth() * 72 * 0.85  # points across the panel, with margins
        ax.text(
            0.5,
            0.5,
            wrap_to(message, room, _SIZE),
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=_SIZE,
            color="#333333",
        )
        set_title(ax, title, title)
        finish(ax, source, (), lang)
    return ax
