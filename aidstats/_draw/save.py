"""Saving figures: the one place a figure becomes bytes (PNG, PDF, SVG), deterministic and atomic."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aidstats._draw.axes import frozen_date_ticks
from aidstats._draw.style import figure_of, house_style
from aidstats._files import atomic_path
from aidstats.errors import DataValidationError, OutputPathError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "DPI",
    "FORMATS",
    "MAX_DPI",
    "MIN_DPI",
    "PDF_METADATA",
    "PNG_METADATA",
    "REPORT_PDF_METADATA",
    "pdf_bytes",
    "plain_glyphs",
    "ready_to_save",
    "save_figure",
    "settle_positions",
    "texts_of",
]

FORMATS = ("png", "pdf", "svg")
DPI = 200  # print
MIN_DPI = 72  # a small web PNG (96-150 dpi) is allowed; below 72 text becomes unreadable
MAX_DPI = 1200  # twice what print needs; a 6.5-inch figure is then 7,800 pixels wide
POSITION_PLACES = 5  # decimals of the axes' positions after the layout (see settle_positions)
PDF_METADATA: dict[str, str | None] = {
    "Creator": "aidstats",
    "Producer": "aidstats (matplotlib)",
    "CreationDate": None,
    "ModDate": None,
}
#: The report's multi-page PDF (aidstats report) says less: it is not one matplotlib figure.
REPORT_PDF_METADATA: dict[str, str | None] = {
    "Creator": "aidstats",
    "Producer": "aidstats",
    "CreationDate": None,
    "ModDate": None,
}
PNG_METADATA: dict[str, str | None] = {"Software": None}
SVG_METADATA: dict[str, str | None] = {"Date": None, "Creator": "aidstats"}


def save_figure(
    fig: Figure | Axes,
    path_stem: str | os.PathLike[str],
    formats: Sequence[str] = ("png", "pdf"),
    dpi: int = DPI,
    *,
    alt: str | None = None,
    close: bool = False,
) -> list[Path]:
    """Write ``fig`` as PNG and PDF (or SVG) next to ``path_stem``; the one place figures are saved.

    PNG at ``dpi``; PDF with embedded TrueType fonts (text stays editable)
    and fixed metadata; SVG with text kept as text; every file written
    atomically. The same figure gives the same bytes on every run, whatever
    ``SOURCE_DATE_EPOCH`` says.

    Parameters
    ----------
    fig
        The figure, or an Axes on it (what every plot function returns).
    path_stem
        Path without extension (``figures/strike_volume``); a ``.png``/``.pdf``/``.svg``
        suffix is dropped. Missing folders are created. A folder (``"figures/"``,
        or an existing folder) is refused: the files would land beside it.
    formats
        Any of ``"png"``, ``"pdf"``, ``"svg"``.
    dpi
        PNG resolution: 200 (print) by default; 96-150 gives a small web PNG;
        at least 72.
    alt
        Alternative text for readers who cannot see the figure, embedded where
        the format allows: PNG ``Description`` text chunk, PDF document
        ``Subject``, SVG ``<desc>``.
    close
        Close the figure after saving (``plt.close``), as a notebook that
        writes many figures wants: open figures hold memory, and Jupyter
        would show each one again at the end of the cell.

    Returns
    -------
    list of pathlib.Path
        The written files, in the order of ``formats``.

    Raises
    ------
    DataValidationError
        An unknown format or a dpi below 72.
    OutputPathError
        The location cannot be written, or names a folder.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import tempfile, pathlib
    >>> from aidstats import datasets
    >>> from aidstats.plots import plot_aid_channels, save_figure
    >>> ax = plot_aid_channels(datasets.load("aid_channels"))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "channels"
    >>> [p.name for p in save_figure(ax, out, close=True)]
    ['channels.png', 'channels.pdf']
    >>> import matplotlib.pyplot as plt; plt.get_fignums()
    []
    >>> ax = plot_aid_channels(datasets.load("aid_channels"))
    >>> [p.name for p in save_figure(ax, out, formats=("png", "svg"), dpi=96, alt="Bars", close=True)]
    ['channels.png', 'channels.svg']
    >>> "<desc>Bars</desc>" in (out.parent / "channels.svg").read_text()
    True
    """
    figure = _as_figure(fig)
    chosen = _check_formats(formats, dpi)
    stem = _stem(path_stem)
    written: list[Path] = []
    # The metadata are fixed (no dates), so SOURCE_DATE_EPOCH and the clock play no part.
    with house_style(), ready_to_save(figure):
        for fmt in chosen:
            target = stem.parent / f"{stem.name}.{fmt}"
            try:
                with atomic_path(target) as tmp:
                    if fmt == "svg" and alt:
                        Path(tmp).write_bytes(_svg_with_desc(figure, dpi, alt))
                    else:
                        figure.savefig(tmp, format=fmt, dpi=dpi, metadata=_metadata(fmt, alt))
            except OSError as exc:  # atomic_path says which file and why
                raise OutputPathError(f"save_figure: {exc.strerror or exc}") from exc
            written.append(target)
    if close:
        import matplotlib.pyplot as plt

        plt.close(figure)
    return written


def _svg_with_desc(figure: Figure, dpi: int, alt: str) -> bytes:
    """The SVG with the alternative text as the document's ``<desc>`` (what screen readers read)."""
    from xml.sax.saxutils import escape

    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", dpi=dpi, metadata=_metadata("svg", None))
    svg = buffer.getvalue().decode("utf-8")
    head, sep, rest = svg.partition("<svg ")
    opening, close, body = rest.partition(">")
    return f"{head}{sep}{opening}{close}\n <desc>{escape(alt)}</desc>{body}".encode()


def _as_figure(fig: Figure | Axes) -> Figure:
    from matplotlib.axes import Axes

    return figure_of(fig) if isinstance(fig, Axes) else fig


def _check_formats(formats: Sequence[str], dpi: int) -> tuple[str, ...]:
    chosen = tuple(f.lower().lstrip(".") for f in formats)
    if not chosen or any(f not in FORMATS for f in chosen):
        raise DataValidationError(
            f"save_figure: formats must be among {FORMATS}, got {list(chosen)}"
        )
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise DataValidationError(
            f"save_figure: dpi must be from {MIN_DPI} to {MAX_DPI}, got {dpi}"
        )
    return chosen


def _stem(path_stem: str | os.PathLike[str]) -> Path:
    text = os.fspath(path_stem)
    stem = Path(text)
    if stem.suffix.lower().lstrip(".") in FORMATS:
        stem = stem.with_suffix("")
    if stem.name in ("", ".", "..") or text.endswith(("/", os.sep)) or stem.is_dir():
        raise OutputPathError(
            f"save_figure: {text!r} names a folder, not a file: give the file's path without "
            f"extension, e.g. {os.path.join(text, 'figure')!r}"
        )
    return stem


def pdf_bytes(fig: Figure, *, lay_out: bool = True) -> bytes:
    """The PDF :func:`save_figure` would write, in memory (for pages of a larger document).

    ``lay_out=False`` keeps the layout of an earlier save: constrained layout
    moves some figures slightly each time it runs again.
    """
    buffer = io.BytesIO()
    with house_style(), ready_to_save(fig, lay_out=lay_out):
        fig.savefig(buffer, format="pdf", metadata=_metadata("pdf"))
    return buffer.getvalue()


def _metadata(fmt: str, alt: str | None = None) -> dict[str, Any]:
    metadata = dict({"png": PNG_METADATA, "pdf": PDF_METADATA}.get(fmt, SVG_METADATA))
    if alt and fmt == "png":
        metadata["Description"] = alt
    elif alt and fmt == "pdf":
        metadata["Subject"] = alt
    return metadata


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
                    settle_positions(fig)
                with matplotlib.rc_context(
                    {"figure.autolayout": False, "figure.constrained_layout.use": False}
                ):
                    fig.set_layout_engine(None)
            plain_glyphs(
                fig
            )  # after the layout: the axes' final sizes decide how many ticks there are
            yield
    finally:
        if fig.get_layout_engine() is not engine:
            fig.set_layout_engine(engine)


def settle_positions(fig: Figure, places: int = POSITION_PLACES) -> None:
    """Round every axes' position (figure fractions) to ``places`` decimals.

    The constrained layout's solver can differ in the last bits of a
    position from one process to the next (its internal order follows memory
    addresses); SVG writes coordinates with six decimals, enough to show it.
    Rounded positions give the same file in every run; 1e-5 of a figure's
    width is far below a pixel.
    """
    from matplotlib.transforms import Bbox

    for ax in fig.axes:
        x0, y0, width, height = ax.get_position().bounds
        rounded = [round(v, places) for v in (x0, y0, x0 + width, y0 + height)]
        # Private: set_position would also take the axes out of any later layout.
        ax._set_position(Bbox.from_extents(*rounded))  # type: ignore[attr-defined]


def plain_glyphs(fig: Figure) -> None:
    """Switch off ligatures (matplotlib >= 3.11 shapes 'fi' into one glyph).

    A ligature glyph has no character of its own: PDFs then embed a second
    font subset, and the text no longer copies or searches as typed.
    """
    for text in texts_of(fig):
        if hasattr(text, "set_fontfeatures") and not text.get_fontfeatures():
            text.set_fontfeatures(["-liga"])


def texts_of(fig: Figure) -> list[Any]:
    """Every text artist of the figure, without walking every tick's lines as ``findobj`` does (slow)."""
    import matplotlib.axes
    import matplotlib.axis
    import matplotlib.collections
    import matplotlib.image
    import matplotlib.lines
    import matplotlib.patches
    import matplotlib.table
    import matplotlib.text

    textless = (
        matplotlib.lines.Line2D,
        matplotlib.patches.Patch,
        matplotlib.collections.Collection,
        matplotlib.image.AxesImage,
    )
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
        elif isinstance(
            artist, matplotlib.table.Table
        ):  # its cells do not list their texts as children
            texts += [cell.get_text() for cell in artist.get_celld().values()]
        elif not isinstance(
            artist, textless
        ):  # legends, tables, offset boxes: small, walk them whole
            texts += artist.findobj(matplotlib.text.Text)
    return texts
