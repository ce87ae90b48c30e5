"""The aidstats house style: rc settings, the style context, colours and labels, new figures.

Nothing here touches the global matplotlib state on import; the style is
applied only inside :func:`house_style`. matplotlib is imported inside the
functions that need it, so importing this module stays cheap. Colours, labels
and stacking order are those of :mod:`aidstats._core.vocab`.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from aidstats._core.messages import check_lang
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
    "current_lang",
    "cycle_colour",
    "figure_of",
    "house_style",
    "label_for",
    "new_figure",
    "text_width_pt",
    "wrap_to",
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


@dataclasses.dataclass(frozen=True)
class _Style:
    """An active house style: the rc layers applied, the language and the palette."""

    layers: tuple[Any, ...]
    lang: str
    cycle: tuple[str, ...]
    colours: Mapping[str, str]


_ACTIVE: contextvars.ContextVar[_Style | None] = contextvars.ContextVar(
    "aidstats_style", default=None
)


def _make_style(
    rc: Mapping[str, Any] | None,
    font: str | None,
    palette: Sequence[str] | Mapping[str, str] | None,
    lang: str | None,
    inherit: bool,
) -> _Style:
    house = rc_params()
    colours: dict[str, str] = {}
    cycle = tuple(CYCLE)
    if font is not None:
        house["font.sans-serif"] = [font, FONT]  # DejaVu Sans fills glyphs the font lacks
    if isinstance(palette, Mapping):
        colours = {str(k): str(v) for k, v in palette.items()}
    elif palette is not None:
        cycle = tuple(str(c) for c in palette)
        if not cycle:
            raise DataValidationError("house_style: palette must name at least one colour")
        from cycler import cycler

        house["axes.prop_cycle"] = cycler(color=list(cycle))
    base: tuple[Any, ...] = () if inherit else ("default",)
    layers = (*base, house, dict(rc or {}))
    return _Style(layers, check_lang(lang or "en"), cycle, colours)


@contextlib.contextmanager
def house_style(
    rc: Mapping[str, Any] | None = None,
    *,
    font: str | None = None,
    palette: Sequence[str] | Mapping[str, str] | None = None,
    lang: str | None = None,
    inherit: bool = False,
) -> Iterator[None]:
    """Apply the house style inside a ``with`` block; rcParams are restored on exit.

    By default the style starts from matplotlib's defaults, not from the
    session's rcParams, so a style set elsewhere (``plt.style.use`` in a
    notebook) can neither change the look nor the bytes of a saved figure.
    Every ``plot_*`` function draws inside ``house_style()``: called without
    arguments inside an active house style, it keeps that style, so a desk's
    settings reach every figure drawn in its ``with`` block.

    Parameters
    ----------
    rc
        rcParams that override any house setting (e.g. ``{"font.size": 10}``).
    font
        Font family name to use before the house font (DejaVu Sans, which
        still supplies any glyph the font lacks, e.g. Cyrillic).
    palette
        A sequence of colours for things without a fixed colour (donors,
        groups, definitions), or a mapping ``{term: colour}`` that overrides
        fixed colours (``{"drone": "#1f77b4"}``).
    lang
        Language of the texts of figures drawn inside: ``"en"`` (default) or
        ``"uk"``; a plot function's own ``lang=`` wins.
    inherit
        Start from the session's current rcParams instead of matplotlib's
        defaults: what the house style does not set (and ``rc`` does not
        override) stays as the session has it. The report never inherits.

    Examples
    --------
    >>> import matplotlib
    >>> with house_style():
    ...     matplotlib.rcParams["pdf.fonttype"]
    42
    >>> with house_style(rc={"font.size": 11}, palette=["#222222", "#777777"]):
    ...     matplotlib.rcParams["font.size"], matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]
    (11.0, ['#222222', '#777777'])
    """
    import matplotlib.style

    outer = _ACTIVE.get()
    plain = rc is None and font is None and palette is None and lang is None and not inherit
    style = outer if outer is not None and plain else _make_style(rc, font, palette, lang, inherit)
    token = _ACTIVE.set(style)
    try:
        with matplotlib.style.context(list(style.layers)):
            yield
    finally:
        _ACTIVE.reset(token)


def current_lang(lang: str | None = None) -> str:
    """``lang`` if given, else the language of the active house style, else English."""
    if lang is not None:
        return check_lang(lang)
    style = _ACTIVE.get()
    return style.lang if style is not None else "en"


def cycle_colour(index: int) -> str:
    """The ``index``-th colour of the active palette (the house cycle by default)."""
    style = _ACTIVE.get()
    cycle = style.cycle if style is not None else CYCLE
    return cycle[index % len(cycle)]


def colour_for(key: str, fallback_index: int = 0) -> str:
    """The colour of ``key``: the palette's, else its fixed colour (:mod:`aidstats._core.vocab`), else a cycle colour.

    Examples
    --------
    >>> colour_for("drone"), colour_for("Poland", 1)
    ('#0072B2', '#D55E00')
    """
    style = _ACTIVE.get()
    if style is not None and key in style.colours:
        return style.colours[key]
    return colour(key) or cycle_colour(fallback_index)


def label_for(key: str, lang: str | None = None) -> str:
    """The reader-facing label of a coded value in ``lang``; the key itself if it has none."""
    return label(str(key), current_lang(lang))


@functools.cache
def _advances(family: tuple[str, ...]) -> tuple[Any, dict[str, float]]:
    """The first font of ``family`` found, and a cache of its advance widths (points at size 1)."""
    from matplotlib.font_manager import FontProperties, findfont
    from matplotlib.ft2font import FT2Font

    font = FT2Font(findfont(FontProperties(family=list(family))))
    font.set_size(1000, 72)
    return font, {}


def text_width_pt(words: str, size: float) -> float:
    """Width in points of ``words`` (its widest line) in the current sans-serif font at ``size``.

    Sums the glyphs' advance widths (kerning left out, a few hundredths of a
    point per pair): fast enough to measure every word of a footer, and the
    same on every machine, as the font ships with matplotlib.
    """
    import matplotlib
    from matplotlib import ft2font

    # matplotlib >= 3.10 names the flag LoadFlags.NO_HINTING; older releases LOAD_NO_HINTING.
    flags = getattr(ft2font, "LoadFlags", None)
    no_hinting = flags.NO_HINTING if flags is not None else ft2font.LOAD_NO_HINTING  # type: ignore[attr-defined]
    font, cache = _advances(tuple(matplotlib.rcParams["font.sans-serif"]))
    widest = 0.0
    for line in words.split("\n"):
        width = 0.0
        for char in line:
            if char not in cache:
                glyph = font.load_char(ord(char), flags=no_hinting)
                cache[char] = glyph.linearHoriAdvance / 65536 / 1000
            width += cache[char]
        widest = max(widest, width)
    return widest * size


def wrap_to(words: str, room_pt: float, size: float) -> str:
    """``words`` broken into lines no wider than ``room_pt`` points at ``size`` (measured, not guessed)."""
    lines: list[str] = []
    # Break at plain spaces only: a no-break space (thousands in Ukrainian, before %) holds.
    for word in (w for w in words.split(" ") if w):
        if lines and text_width_pt(f"{lines[-1]} {word}", size) <= room_pt:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


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
