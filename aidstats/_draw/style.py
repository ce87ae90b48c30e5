"""The aidstats house style: rc settings, the style context, colours and labels, new figures.

Nothing here touches the global matplotlib state on import; the style is
applied only inside :func:`house_style`. matplotlib is imported inside the
functions that need it, so importing this module stays cheap. Colours, labels
and stacking order are those of :mod:`aidstats._core.vocab`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from aidstats._core.vocab import CYCLE, colour, label
from aidstats.errors import DataValidationError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "FIGSIZE",
    "FONT",
    "axes_or_new",
    "colour_for",
    "figure_of",
    "house_style",
    "label_for",
    "new_figure",
    "rc_params",
    "two_panels",
]

FONT = "DejaVu Sans"  # ships with matplotlib: output never depends on the machine's fonts
FIGSIZE = (6.5, 4.0)  # inches: the text width of an A4/Letter report page


def rc_params() -> dict[str, Any]:
    """The house rc settings (a plain dict; nothing is applied)."""
    from cycler import cycler

    return {
        "font.family": "sans-serif",
        "font.sans-serif": [FONT],
        "font.size": 9.0,
        # Regular weight: a bold title would embed a second font file in every PDF.
        "axes.titlesize": 11.0,
        "axes.titleweight": "normal",
        "axes.titlecolor": "#111111",
        "axes.titlelocation": "left",
        "axes.titlepad": 8.0,
        "axes.labelsize": 9.0,
        "axes.labelcolor": "#222222",
        "axes.edgecolor": "#555555",
        "axes.linewidth": 0.8,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "axes.axisbelow": True,
        "axes.prop_cycle": cycler(color=list(CYCLE)),
        "axes.formatter.use_locale": False,
        "axes.formatter.useoffset": False,
        "grid.color": "#E2E2E2",
        "grid.linewidth": 0.6,
        "xtick.labelsize": 8.0,
        "ytick.labelsize": 8.0,
        "xtick.color": "#333333",
        "ytick.color": "#333333",
        "legend.fontsize": 8.0,
        "legend.title_fontsize": 8.0,
        "legend.frameon": False,
        "legend.borderaxespad": 0.3,
        "lines.linewidth": 1.6,
        "patch.linewidth": 0.0,
        "figure.figsize": FIGSIZE,
        "figure.dpi": 100,
        "figure.facecolor": "white",
        "savefig.dpi": 200,
        "savefig.facecolor": "white",
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "pdf.compression": 6,
        "svg.fonttype": "none",
        "svg.hashsalt": "aidstats",
        "image.cmap": "Blues",
        "date.converter": "auto",
    }


@contextlib.contextmanager
def house_style() -> Iterator[None]:
    """Apply the house style inside a ``with`` block; rcParams are restored on exit.

    The style starts from matplotlib's defaults, not from the session's
    rcParams, so a style set elsewhere (``plt.style.use`` in a notebook) can
    neither change the look nor the bytes of a saved figure.

    Examples
    --------
    >>> import matplotlib
    >>> with house_style():
    ...     matplotlib.rcParams["pdf.fonttype"]
    42
    """
    import matplotlib.style

    with matplotlib.style.context(["default", cast(Any, rc_params())]):
        yield


def colour_for(key: str, fallback_index: int = 0) -> str:
    """The fixed colour of ``key`` (:func:`aidstats._core.vocab.colour`), else a cycle colour.

    Examples
    --------
    >>> colour_for("drone"), colour_for("Poland", 1)
    ('#0072B2', '#D55E00')
    """
    return colour(key) or CYCLE[fallback_index % len(CYCLE)]


def label_for(key: str) -> str:
    """The reader-facing (English) label of a coded value; the key itself if it has none."""
    return label(str(key))


def new_figure(
    figsize: tuple[float, float] | None = None, nrows: int = 1, **kw: Any
) -> tuple[Figure, Any]:
    """A figure through pyplot (so notebooks show it) with constrained layout."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(nrows, 1, figsize=figsize or FIGSIZE, layout="constrained", **kw)
    return fig, axes


def axes_or_new(ax: Axes | None, figsize: tuple[float, float] | None = None) -> Axes:
    """``ax`` itself, or the Axes of a new house-style figure."""
    if ax is not None:
        return ax
    _fig, new = new_figure(figsize)
    return cast("Axes", new)


def figure_of(ax: Axes) -> Figure:
    """The (root) figure an Axes is drawn on."""
    fig = ax.get_figure(root=True) if _has_root_kw() else ax.get_figure()
    return fig  # type: ignore[return-value]


def two_panels(
    axes: Sequence[Axes] | None, ax: Axes | None, *, height_ratios: tuple[float, float]
) -> tuple[Axes, Axes]:
    """The (top, bottom) Axes of a two-panel figure: ``axes`` if given, else a new figure with a shared x-axis."""
    if axes is not None:
        if len(axes) != 2:
            raise DataValidationError(f"axes must hold two Axes (top, bottom), got {len(axes)}")
        return axes[0], axes[1]
    if ax is not None:
        raise DataValidationError("this figure needs two panels: pass axes=(top, bottom), not ax=")
    _fig, pair = new_figure(
        (FIGSIZE[0], 5.2), nrows=2, sharex=True, gridspec_kw={"height_ratios": height_ratios}
    )
    return pair[0], pair[1]


def _has_root_kw() -> bool:
    import matplotlib

    major, minor = (int(p) for p in matplotlib.__version__.split(".")[:2])
    return (major, minor) >= (3, 10)
