"""The aidstats house style: palette, rc settings, axis formatters and the figure footer.

Private helpers for :mod:`aidstats.plots`. Nothing here touches the global
matplotlib state on import; the style is applied only inside
:func:`house_style`. matplotlib is imported inside the functions that need it,
so importing this module stays cheap.
"""

from __future__ import annotations

import contextlib
import functools
import math
import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from aidstats._core.vocab import VOLUME_MEASURES, WEAPON_GROUPS

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Okabe & Ito (2008), colour-blind safe; extended with three of Paul Tol's muted colours.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
_WINE, _PURPLE, _SAND = "#882255", "#AA4499", "#DDCC77"

# Fixed colours: the same thing has the same colour in every aidstats figure.
# Missiles warm, drones cool, glide bombs purple, unknown grey.
COLOURS: dict[str, str] = {
    # weapon groups
    "missile": OKABE_ITO["vermillion"],
    "drone": OKABE_ITO["blue"],
    "glide_bomb": OKABE_ITO["reddish_purple"],
    "other": OKABE_ITO["grey"],
    # weapon classes
    "cruise_missile": OKABE_ITO["vermillion"],
    "ballistic_missile": OKABE_ITO["orange"],
    "aeroballistic_missile": OKABE_ITO["yellow"],
    "sam_ground_attack": _WINE,
    "anti_ship_missile": _PURPLE,
    "mixed_missiles": _SAND,
    "guided_bomb": OKABE_ITO["reddish_purple"],
    "attack_drone": OKABE_ITO["blue"],
    "decoy_or_unknown_drone": OKABE_ITO["sky_blue"],
    "reconnaissance_drone": OKABE_ITO["bluish_green"],
    "unknown": OKABE_ITO["grey"],
    # columns of strike_volume_monthly
    "missiles_cruise": OKABE_ITO["vermillion"],
    "missiles_ballistic": OKABE_ITO["orange"],
    "missiles_other": _WINE,
    "drones_attack": OKABE_ITO["blue"],
    "drones_decoy_or_unknown": OKABE_ITO["sky_blue"],
    "drones_reconnaissance": OKABE_ITO["bluish_green"],
    "glide_bombs": OKABE_ITO["reddish_purple"],
    # aid categories
    "military": OKABE_ITO["bluish_green"],
    "financial": OKABE_ITO["blue"],
    "humanitarian": OKABE_ITO["orange"],
    # military aid channels
    "stockpile": OKABE_ITO["blue"],
    "procurement": OKABE_ITO["orange"],
    "unspecified": OKABE_ITO["grey"],
    "nato_purl": OKABE_ITO["reddish_purple"],
    # metrics of official statements
    "missiles": OKABE_ITO["vermillion"],
    "ballistic_missiles": OKABE_ITO["orange"],
    "drones": OKABE_ITO["blue"],
    # everything folded together
    "Others": "#C8C8C8",
}

LABELS: dict[str, str] = {
    "missile": "Missiles",
    "drone": "Drones",
    "glide_bomb": "Glide bombs",
    "other": "Other",
    "cruise_missile": "Cruise missiles",
    "ballistic_missile": "Ballistic missiles",
    "aeroballistic_missile": "Aeroballistic missiles",
    "sam_ground_attack": "SAMs in ground attack",
    "anti_ship_missile": "Anti-ship missiles",
    "mixed_missiles": "Mixed missiles (composite reports)",
    "guided_bomb": "Guided bombs",
    "attack_drone": "Attack drones",
    "decoy_or_unknown_drone": "Decoy or unknown drones",
    "reconnaissance_drone": "Reconnaissance drones",
    "unknown": "Unknown",
    "missiles_cruise": "Cruise missiles",
    "missiles_ballistic": "Ballistic missiles",
    "missiles_other": "Other missiles",
    "drones_attack": "Attack drones",
    "drones_decoy_or_unknown": "Decoy or unknown drones",
    "drones_reconnaissance": "Reconnaissance drones",
    "glide_bombs": "Glide bombs",
    "military": "Military",
    "financial": "Financial",
    "humanitarian": "Humanitarian",
    "stockpile": "From stockpiles",
    "procurement": "New procurement",
    "unspecified": "Unspecified",
    "nato_purl": "NATO PURL",
    "missiles": "Missiles",
    "ballistic_missiles": "Ballistic missiles",
    "drones": "Drones",
    "destroyed_share": "Destroyed \u00f7 launched",
    "neutralised_share": "(Destroyed + lost to EW) \u00f7 launched",
    "EU_institutions_and_members": "EU27 and EU institutions",
    "Nordic_Baltic_8": "Nordic-Baltic 8",
}

# Stacking order: largest and most important at the bottom.
ORDER: tuple[str, ...] = (
    *VOLUME_MEASURES,
    *WEAPON_GROUPS,
    "cruise_missile",
    "ballistic_missile",
    "aeroballistic_missile",
    "sam_ground_attack",
    "anti_ship_missile",
    "mixed_missiles",
    "guided_bomb",
    "attack_drone",
    "decoy_or_unknown_drone",
    "reconnaissance_drone",
    "unknown",
    "military",
    "financial",
    "humanitarian",
    "stockpile",
    "procurement",
    "unspecified",
    "nato_purl",
)

# Colours for things with no fixed colour (donors, groups, definitions), in order.
CYCLE: tuple[str, ...] = (
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["orange"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    _WINE,
    OKABE_ITO["black"],
    _SAND,
    _PURPLE,
)

FONT = "DejaVu Sans"  # ships with matplotlib: output never depends on the machine's fonts
FIGSIZE = (6.5, 4.0)  # inches: the text width of an A4/Letter report page
FOOTER_SIZE = 7.0
SOURCE_GID = "aidstats-source"
SOURCE_LINE_GID = "aidstats-source-line"
AID_NOTE = (
    "Values are allocations (aid delivered or earmarked) by month of allocation, in nominal EUR; "
    "not commitments or deliveries."
)
PDF_METADATA: dict[str, str | None] = {
    "Creator": "aidstats",
    "Producer": "aidstats (matplotlib)",
    "CreationDate": None,
    "ModDate": None,
}
PNG_METADATA: dict[str, str | None] = {"Software": None}


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
    """
    import matplotlib.style

    with matplotlib.style.context(["default", cast(Any, rc_params())]):
        yield


def colour_for(key: str, fallback_index: int = 0) -> str:
    """The fixed colour of ``key``, or a cycle colour for keys with none."""
    return COLOURS.get(key, CYCLE[fallback_index % len(CYCLE)])


def label_for(key: str) -> str:
    """Reader-facing label of a category key."""
    return LABELS.get(key, str(key))


def ordered(keys: Iterable[str]) -> list[str]:
    """Keys in the house stacking order; unknown keys after, alphabetically."""
    keys = list(dict.fromkeys(keys))
    rank = {k: i for i, k in enumerate(ORDER)}
    known = sorted((k for k in keys if k in rank), key=rank.__getitem__)
    return known + sorted(k for k in keys if k not in rank)


# --------------------------------------------------------------------------- formatters


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


@contextlib.contextmanager
def ready_to_save(fig: Figure, *, lay_out: bool = True) -> Iterator[None]:
    """Prepare ``fig`` for one or more ``savefig`` calls; give it back as it was afterwards.

    Ligatures off (see :func:`plain_glyphs`); the layout engine run once
    (``lay_out``) and detached, because with an engine attached every
    ``savefig`` draws the figure twice, while the layout, in figure fractions,
    serves every format and dpi; date ticks computed once.
    """
    import matplotlib
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    engine = fig.get_layout_engine()
    try:
        with frozen_date_ticks(fig):
            if engine is not None:
                if lay_out and not isinstance(engine, PlaceHolderLayoutEngine):
                    engine.execute(fig)
                with matplotlib.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
                    fig.set_layout_engine(None)
            plain_glyphs(fig)  # after the layout: the axes' final sizes decide how many ticks there are
            yield
    finally:
        if fig.get_layout_engine() is not engine:
            fig.set_layout_engine(engine)


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
            for ticker, ticks in ((axis.major, axis.get_majorticklocs), (axis.minor, axis.get_minorticklocs)):
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


def bars_from_zero(ax: Axes, axis: str = "y") -> None:
    """Bars and areas start at zero: pin the lower limit, keep the upper one."""
    if axis == "y":
        ax.set_ylim(bottom=0)
    else:
        ax.set_xlim(left=0)


def title(ax: Axes, text: str | None) -> None:
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


# --------------------------------------------------------------------------- footer


def merge_source_lines(lines: Iterable[str]) -> str:
    """Join several 'Source: a; b' lines into one, each source once, in order of appearance."""
    parts: list[str] = []
    for line in lines:
        body = line.strip()
        if body.lower().startswith("source:"):
            body = body[len("source:") :]
        for part in body.split(";"):
            part = part.strip().rstrip(".")
            if part and part not in parts:
                parts.append(part)
    return "Source: " + "; ".join(parts) if parts else ""


def plain_glyphs(fig: Figure) -> None:
    """Switch off ligatures (matplotlib >= 3.11 shapes 'fi' into one glyph).

    A ligature glyph has no character of its own: PDFs then embed a second
    font subset, and the text no longer copies or searches as typed.
    """
    for text in _texts_of(fig):
        if hasattr(text, "set_fontfeatures") and not text.get_fontfeatures():
            text.set_fontfeatures(["-liga"])


def _texts_of(fig: Figure) -> list[Any]:
    """Every text artist of the figure, without walking every tick's lines as ``findobj`` does (slow)."""
    import matplotlib.axes
    import matplotlib.axis
    import matplotlib.collections
    import matplotlib.image
    import matplotlib.lines
    import matplotlib.patches
    import matplotlib.table
    import matplotlib.text

    textless = (matplotlib.lines.Line2D, matplotlib.patches.Patch, matplotlib.collections.Collection,
                matplotlib.image.AxesImage)
    texts: list[Any] = []
    pending: list[Any] = list(fig.get_children())
    while pending:
        artist = pending.pop()
        if isinstance(artist, matplotlib.text.Text):
            texts.append(artist)
        elif isinstance(artist, matplotlib.axis.Axis):
            texts += [artist.label, artist.get_offset_text()]
            # get_*_ticks makes the ticks the draw will use; the lazy majorTicks list may hold only one.
            ticks = (*artist.get_major_ticks(), *artist.get_minor_ticks())
            texts += [label for tick in ticks for label in (tick.label1, tick.label2)]
        elif isinstance(artist, matplotlib.axes.Axes):
            pending += artist.get_children()
        elif isinstance(artist, matplotlib.table.Table):  # its cells do not list their texts as children
            texts += [cell.get_text() for cell in artist.get_celld().values()]
        elif not isinstance(artist, textless):  # legends, tables, offset boxes: small, walk them whole
            texts += artist.findobj(matplotlib.text.Text)
    return texts


def _footer_artist(fig: Figure) -> Any:
    for text in fig.texts:
        if text.get_gid() == SOURCE_GID:
            return text
    return None


def add_footer(fig: Figure, source_line: str, notes: Sequence[str] = ()) -> None:
    """Put the source line (and notes) under the figure, once per figure.

    A second call on the same figure merges its sources and notes into the
    existing footer, so panels drawn by several plot functions share one line.
    """
    existing = _footer_artist(fig)
    old_sources: list[str] = []
    old_notes: list[str] = []
    if existing is not None:
        old_sources = list(getattr(existing, "_aidstats_sources", []))
        old_notes = list(getattr(existing, "_aidstats_notes", []))
        existing.remove()
        for line in [t for t in fig.texts if t.get_gid() == SOURCE_LINE_GID]:
            line.remove()
    sources = [*old_sources, source_line]
    all_notes = list(dict.fromkeys([*old_notes, *notes]))
    width_chars = max(40, int(fig.get_figwidth() * 72 / (FOOTER_SIZE * 0.5)))
    body = [merge_source_lines(sources) + "."] + all_notes
    wrapped = "\n".join(textwrap.fill(line, width_chars) for line in body if line)
    # The whole footer is kept as one (hidden) text for provenance; it is drawn
    # line by line because matplotlib drops font features (no ligatures) on
    # multi-line texts.
    text = fig.text(0.012, 0.012, wrapped, fontsize=FOOTER_SIZE, gid=SOURCE_GID, visible=False)
    text._aidstats_sources = sources  # type: ignore[attr-defined]
    text._aidstats_notes = all_notes  # type: ignore[attr-defined]
    stacked_lines(fig, wrapped.splitlines(), x=0.012, y=0.012, size=FOOTER_SIZE, color="#555555",
                  gid=SOURCE_LINE_GID, upwards=True)
    _reserve_footer(fig, wrapped.count("\n") + 1)


def stacked_lines(
    fig: Figure,
    lines: Sequence[str],
    *,
    x: float,
    y: float,
    size: float,
    color: str,
    gid: str,
    upwards: bool,
    spacing: float = 1.3,
) -> None:
    """One single-line text per line, stacked at a fixed spacing in points.

    ``(x, y)`` is in figure fractions: the bottom of the last line when
    ``upwards``, the top of the first line otherwise.
    """
    from matplotlib.transforms import ScaledTranslation

    step = size * spacing / 72  # inches
    order = list(reversed(lines)) if upwards else list(lines)
    for k, line in enumerate(order):
        shift = ScaledTranslation(0, (k if upwards else -k) * step, fig.dpi_scale_trans)
        fig.text(x, y, line, transform=fig.transFigure + shift, ha="left",
                 va="bottom" if upwards else "top", fontsize=size, color=color, gid=gid)


def _reserve_footer(fig: Figure, n_lines: int) -> None:
    """Keep the constrained layout clear of the footer (other layouts are the caller's)."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    engine = fig.get_layout_engine()
    if not isinstance(engine, ConstrainedLayoutEngine):
        return
    height_in = (n_lines * FOOTER_SIZE * 1.3 + 6.0) / 72.0
    frac = min(0.4, height_in / fig.get_figheight())
    engine.set(rect=(0.0, frac, 1.0, 1.0 - frac))


def new_figure(
    figsize: tuple[float, float] | None = None, nrows: int = 1, **kw: Any
) -> tuple[Figure, Any]:
    """A figure through pyplot (so notebooks show it) with constrained layout."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(nrows, 1, figsize=figsize or FIGSIZE, layout="constrained", **kw)
    return fig, axes


def axes_or_new(ax: Axes | None, figsize: tuple[float, float] | None = None) -> Axes:
    if ax is not None:
        return ax
    _fig, new = new_figure(figsize)
    return cast("Axes", new)


def figure_of(ax: Axes) -> Figure:
    fig = ax.get_figure(root=True) if _has_root_kw() else ax.get_figure()
    return fig  # type: ignore[return-value]


def _has_root_kw() -> bool:
    import matplotlib

    major, minor = (int(p) for p in matplotlib.__version__.split(".")[:2])
    return (major, minor) >= (3, 10)


def source_from(frame: pd.DataFrame, default_dataset: str | None, override: str | None) -> str:
    """The source line: explicit text, else the frame's provenance, else the dataset's metadata."""
    if override:
        return override
    meta = frame.attrs.get("aidstats", {}) if hasattr(frame, "attrs") else {}
    line = meta.get("source_line") if isinstance(meta, Mapping) else None
    if line:
        return str(line)
    if default_dataset is not None:
        from aidstats import datasets
        from aidstats.errors import UnknownDatasetError

        try:
            return datasets.info(default_dataset).source_line
        except (UnknownDatasetError, FileNotFoundError):
            pass
    return _FALLBACK.get(default_dataset or "", "Source: not recorded (pass source=...)")


# Used only when a strike dataset is not bundled (yet) and the frame carries no provenance.
_FALLBACK = {
    "strikes_monthly": "Source: Ukrainian Air Force reports via P. Ivaniuk",
    "strike_volume_monthly": (
        "Source: Ukrainian Air Force reports via P. Ivaniuk; official Ukrainian statements (compiled)"
    ),
    "reporting_regimes": "Source: Ukrainian Air Force reports via P. Ivaniuk",
}
