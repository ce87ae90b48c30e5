"""Pages of the PDF report: title page, captions, summary tables; deterministic PDF output."""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

PAGE = (11.69, 8.27)  # A4 landscape, inches
PDF_METADATA = {"Creator": "aidstats", "Producer": "aidstats", "CreationDate": None, "ModDate": None}
_CAPTION_SIZE = 9.0
_PAGE_MARGIN = 0.4  # inches of white around a figure page


@contextlib.contextmanager
def open_report_pdf(path: Path) -> Iterator[PdfPages]:
    """A multi-page PDF with fixed metadata and TrueType fonts, so reruns give the same bytes."""
    import matplotlib as mpl
    from matplotlib.backends.backend_pdf import PdfPages

    with mpl.rc_context({"pdf.fonttype": 42}), PdfPages(path, metadata=PDF_METADATA) as pdf:
        yield pdf


def _plain(fig: Figure) -> None:
    from aidstats._style import plain_glyphs

    plain_glyphs(fig)


def add_caption(fig: Figure, text: str) -> float:
    """Put a wrapped caption under ``fig``'s own area; return the height it needs, in inches."""
    from aidstats._style import stacked_lines

    chars_per_line = max(40, int(fig.get_figwidth() * 72 / (_CAPTION_SIZE * 0.55)))
    lines = textwrap.wrap(text, width=chars_per_line)
    gap_in = 0.08
    stacked_lines(fig, lines, x=0.012, y=-gap_in / fig.get_figheight(), size=_CAPTION_SIZE,
                  color="#333333", gid="aidstats-caption", upwards=False)
    return gap_in + len(lines) * _CAPTION_SIZE * 1.3 / 72 + 0.15


def save_page(pdf: PdfPages, fig: Figure, caption_height: float = 0.0) -> None:
    """Add ``fig`` as one page, extended downwards by ``caption_height`` inches.

    The figure keeps the layout of its last save (no second layout or tight
    bounding-box pass), so the page costs one PDF render.
    """
    from matplotlib.transforms import Bbox

    _plain(fig)
    width, height = fig.get_figwidth(), fig.get_figheight()
    engine = fig.get_layout_engine()
    fig.set_layout_engine("none")
    try:
        pad = _PAGE_MARGIN
        page = Bbox.from_bounds(-pad, -caption_height - pad, width + 2 * pad, height + caption_height + 2 * pad)
        pdf.savefig(fig, bbox_inches=page)
    finally:
        fig.set_layout_engine(engine)


def title_page(pdf: PdfPages, lines: Sequence[str], *, title: str = "aidstats report") -> None:
    """The first page: title, subtitle, parameters and data versions."""
    import matplotlib.pyplot as plt

    from aidstats._style import stacked_lines

    fig = plt.figure(figsize=PAGE)
    try:
        fig.text(0.06, 0.88, title, fontsize=26, weight="bold", va="top")
        fig.text(
            0.06, 0.80, "The air war against Ukraine and the military aid that answers it", fontsize=14, va="top"
        )
        stacked_lines(fig, lines, x=0.06, y=0.72, size=10, color="black", gid="aidstats-title", upwards=False,
                      spacing=1.5)
        note = (
            "Strike counts are as reported by the Ukrainian Air Force; aid values are Kiel Institute "
            "allocations in nominal euros (neither commitments nor deliveries). Official statements "
            "are claims, shown with their qualifiers."
        )
        stacked_lines(fig, textwrap.wrap(note, 150), x=0.06, y=0.06, size=9, color="#333333",
                      gid="aidstats-title", upwards=True)
        _plain(fig)
        pdf.savefig(fig)
    finally:
        plt.close(fig)


_PLAIN_COLUMNS = {"year", "segment", "statement_id"}


def _format_cell(value: Any, column: str = "") -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m") if value.day == 1 else value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        if value != value:
            return "–"
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"
    if value is None or value is pd.NA:
        return "–"
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return str(int(value)) if column in _PLAIN_COLUMNS else f"{int(value):,}"
    return str(value)


def summary_pages(pdf: PdfPages, tables: Sequence[tuple[str, pd.DataFrame]], *, rows_per_page: int = 22) -> None:
    """One page per summary table (long tables continue on further pages)."""
    import matplotlib.pyplot as plt

    for title, table in tables:
        if table.empty:
            continue
        for start in range(0, len(table), rows_per_page):
            chunk = table.iloc[start : start + rows_per_page]
            fig = plt.figure(figsize=PAGE)
            try:
                suffix = "" if len(table) <= rows_per_page else f" (rows {start + 1}–{start + len(chunk)} of {len(table)})"
                fig.text(0.04, 0.95, f"Summary: {title}{suffix}", fontsize=13, weight="bold", va="top")
                ax = fig.add_axes((0.04, 0.04, 0.92, 0.85))
                ax.axis("off")
                names = [str(c) for c in chunk.columns]
                cells = [[_format_cell(v, c) for v, c in zip(row, names, strict=True)] for row in chunk.itertuples(index=False)]
                grid = ax.table(cellText=cells, colLabels=[str(c) for c in chunk.columns], loc="upper left", cellLoc="right")
                grid.auto_set_font_size(False)
                grid.set_fontsize(8)
                grid.scale(1, 1.25)
                _plain(fig)
                pdf.savefig(fig)
            finally:
                plt.close(fig)
