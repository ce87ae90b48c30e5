"""Pages of the PDF report: title page, captions, summary tables; deterministic PDF output."""

from __future__ import annotations

import contextlib
import dataclasses
import math
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from aidstats._draw.footer import stacked_lines
from aidstats._draw.save import REPORT_PDF_METADATA as PDF_METADATA
from aidstats._draw.save import ready_to_save
from aidstats.errors import AidstatsError

if TYPE_CHECKING:
    from matplotlib.backends.backend_pdf import PdfPages

PAGE = (11.69, 8.27)  # A4 landscape, inches
_CAPTION_SIZE = 9.0
_PAGE_MARGIN = 0.4  # inches of white around a figure page
_TABLE_SIZE = 10.0  # points, largest size of the summary tables
_MONO_ADVANCE = 0.602  # advance width of a DejaVu Sans Mono character, in ems


@contextlib.contextmanager
def open_report_pdf(path: Path) -> Iterator[PdfPages]:
    """A multi-page PDF with fixed metadata and TrueType fonts, so reruns give the same bytes."""
    import matplotlib as mpl
    from matplotlib.backends.backend_pdf import PdfPages

    with mpl.rc_context({"pdf.fonttype": 42}), PdfPages(path, metadata=PDF_METADATA) as pdf:
        yield pdf


@dataclasses.dataclass(frozen=True)
class FigureSlot:
    """Where a figure's own PDF goes on its report page: page index and offset in inches."""

    page: int
    pdf: bytes
    x: float
    y: float


def caption_page(
    pdf: PdfPages, figure_pdf: bytes, size: tuple[float, float], caption: str
) -> FigureSlot:
    """Add a page with room for a ``size`` (inches) figure and ``caption`` under it.

    The page holds the caption only: :func:`stamp_figures` later places the
    figure's own PDF (already rendered for ``figures/``) in the room left for
    it, so no figure is drawn twice.
    """
    import matplotlib.pyplot as plt

    width, height = size
    chars_per_line = max(40, int(width * 72 / (_CAPTION_SIZE * 0.55)))
    lines = textwrap.wrap(caption, width=chars_per_line)
    gap = 0.08
    caption_height = gap + len(lines) * _CAPTION_SIZE * 1.3 / 72 + 0.15
    pad = _PAGE_MARGIN
    page_size = (width + 2 * pad, height + caption_height + 2 * pad)
    page = plt.figure(figsize=page_size)
    try:
        x = (pad + 0.012 * width) / page_size[0]
        y = (pad + caption_height - gap) / page_size[1]
        stacked_lines(
            page,
            lines,
            x=x,
            y=y,
            size=_CAPTION_SIZE,
            color="#333333",
            gid="aidstats-caption",
            upwards=False,
        )
        with ready_to_save(page):
            pdf.savefig(page)
    finally:
        plt.close(page)
    return FigureSlot(pdf.get_pagecount() - 1, figure_pdf, pad, pad + caption_height)


def stamp_figures(path: Path, slots: Sequence[FigureSlot]) -> None:
    """Place each figure's PDF page on its report page, rewriting ``path`` in place (deterministic).

    The figure page becomes a form XObject drawn at its slot: its content
    stream is copied as it is (still compressed, never parsed), and its
    resources (fonts, images, hatch patterns) come along inside the form.
    """
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

    writer = PdfWriter(clone_from=PdfReader(path))
    for number, slot in enumerate(slots, start=1):
        figure = PdfReader(io.BytesIO(slot.pdf)).pages[0]
        content = figure["/Contents"].get_object()
        if not isinstance(content, StreamObject):  # matplotlib writes one content stream per page
            raise AidstatsError(f"figure PDF for page {slot.page + 1} has no single content stream")
        form = cast(StreamObject, content.clone(writer))
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(figure.mediabox),
                NameObject("/Resources"): figure["/Resources"].clone(writer),
            }
        )
        name = NameObject(f"/AidstatsFigure{number}")
        page = writer.pages[slot.page]
        # matplotlib gives every page one shared resource dictionary: give this page its own,
        # so that it lists its own figure only (and a page extracted alone carries only that).
        shared = cast(DictionaryObject, page["/Resources"].get_object())
        resources = DictionaryObject(shared)
        existing = shared.get("/XObject")
        xobjects = DictionaryObject(
            cast(DictionaryObject, existing.get_object()) if existing is not None else {}
        )
        xobjects[name] = writer._add_object(form)
        resources[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = resources
        draw = StreamObject()
        draw.set_data(
            f"q 1 0 0 1 {slot.x * 72:.4f} {slot.y * 72:.4f} cm {name} Do Q".encode("ascii")
        )
        contents = page.raw_get(
            "/Contents"
        )  # the reference: a stream written inline in an array is invalid
        page[NameObject("/Contents")] = ArrayObject([contents, writer._add_object(draw)])
    writer.add_metadata(
        {f"/{key}": value for key, value in PDF_METADATA.items() if value is not None}
    )
    with open(path, "wb") as fh:
        writer.write(fh)


def title_page(pdf: PdfPages, lines: Sequence[str], *, title: str = "aidstats report") -> None:
    """The first page: title, subtitle, parameters and data versions."""
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=PAGE)
    try:
        fig.text(
            0.06, 0.88, title, fontsize=28, va="top"
        )  # regular weight: one font subset for the report
        fig.text(
            0.06,
            0.80,
            "The air war against Ukraine and the military aid that answers it",
            fontsize=14,
            va="top",
        )
        stacked_lines(
            fig,
            lines,
            x=0.06,
            y=0.72,
            size=10,
            color="black",
            gid="aidstats-title",
            upwards=False,
            spacing=1.5,
        )
        note = (
            "Strike counts are as reported by the Ukrainian Air Force; aid values are Kiel Institute "
            "allocations in nominal euros (neither commitments nor deliveries). Official statements "
            "are claims, shown with their qualifiers."
        )
        stacked_lines(
            fig,
            textwrap.wrap(note, 150),
            x=0.06,
            y=0.06,
            size=9,
            color="#333333",
            gid="aidstats-title",
            upwards=True,
        )
        with ready_to_save(fig):
            pdf.savefig(fig)
    finally:
        plt.close(fig)


_PLAIN_COLUMNS = {"year", "segment", "statement_id"}


def _decimals_for(values: pd.Series) -> int:
    """Decimals that give a float column about three significant digits, the same on every row."""
    largest = float(values.abs().max()) if values.notna().any() else 0.0
    if largest >= 100 or largest == 0:
        return 0 if largest >= 100 else 1
    return min(3, max(0, 2 - math.floor(math.log10(largest))))


def _format_cell(value: Any, column: str = "", decimals: int | None = None) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m") if value.day == 1 else value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        if value != value:
            return "–"
        if decimals is not None:
            return f"{value:,.{decimals}f}"
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"
    if value is None or value is pd.NA:
        return "–"
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return str(int(value)) if column in _PLAIN_COLUMNS else f"{int(value):,}"
    return str(value)


def _text_rows(table: pd.DataFrame) -> list[str]:
    """The header, a rule and one line per row, padded to fixed-width columns (text left, numbers right)."""
    names = [str(c) for c in table.columns]
    decimals = [
        _decimals_for(table[c]) if pd.api.types.is_float_dtype(table[c]) else None
        for c in table.columns
    ]
    cells = [
        [_format_cell(v, c, d) for v, c, d in zip(row, names, decimals, strict=True)]
        for row in table.itertuples(index=False)
    ]
    numeric = [
        pd.api.types.is_numeric_dtype(table[c]) or pd.api.types.is_datetime64_any_dtype(table[c])
        for c in table.columns
    ]
    widths = [max([len(name), *(len(row[j]) for row in cells)]) for j, name in enumerate(names)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if right else v.ljust(w)
            for v, w, right in zip(values, widths, numeric, strict=True)
        ).rstrip()

    return [line(names), "  ".join("-" * w for w in widths), *(line(row) for row in cells)]


def summary_pages(
    pdf: PdfPages, tables: Sequence[tuple[str, pd.DataFrame]], *, rows_per_page: int = 22
) -> None:
    """One page per summary table (long tables continue on further pages).

    Each table row is one line of a monospaced font: columns align exactly,
    digits line up, and a page costs a few dozen texts rather than one per cell.
    """
    import matplotlib.pyplot as plt

    for title, table in tables:
        if table.empty:
            continue
        for start in range(0, len(table), rows_per_page):
            chunk = table.iloc[start : start + rows_per_page]
            fig = plt.figure(figsize=PAGE)
            try:
                suffix = (
                    ""
                    if len(table) <= rows_per_page
                    else f" (rows {start + 1}–{start + len(chunk)} of {len(table)})"
                )
                fig.text(0.04, 0.95, f"Summary: {title}{suffix}", fontsize=13, va="top")
                rows = _text_rows(chunk)
                size = min(
                    _TABLE_SIZE,
                    (PAGE[0] - 2 * 0.04 * PAGE[0])
                    * 72
                    / (_MONO_ADVANCE * max(len(r) for r in rows)),
                )
                for k, row in enumerate(rows):
                    fig.text(
                        0.04,
                        0.88 - k * size * 1.6 / 72 / PAGE[1],
                        row,
                        fontsize=size,
                        family="DejaVu Sans Mono",
                        va="top",
                        color="#555555" if k == 1 else "black",
                    )
                with ready_to_save(fig):
                    pdf.savefig(fig)
            finally:
                plt.close(fig)
