"""Pages of the PDF report: title page, captions, summary tables; deterministic PDF output."""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

PAGE = (11.69, 8.27)  # A4 landscape, inches
PDF_METADATA = {"Creator": "aidstats", "Producer": "aidstats", "CreationDate": None, "ModDate": None}
_CAPTION_SIZE = 9.0


@contextlib.contextmanager
def open_report_pdf(path: Path) -> Iterator[PdfPages]:
    """A multi-page PDF with fixed metadata and TrueType fonts, so reruns give the same bytes."""
    import matplotlib as mpl
    from matplotlib.backends.backend_pdf import PdfPages

    with mpl.rc_context({"pdf.fonttype": 42}), PdfPages(path, metadata=PDF_METADATA) as pdf:
        yield pdf


def add_caption(fig: Figure, text: str) -> None:
    """Put a wrapped caption under everything else in ``fig``.

    The caption sits below the figure's own area; pages are saved with a tight
    bounding box, which grows the page to hold it.
    """
    chars_per_line = max(40, int(fig.get_figwidth() * 72 / (_CAPTION_SIZE * 0.55)))
    wrapped = "\n".join(textwrap.wrap(text, width=chars_per_line))
    fig.text(0.01, -0.02, wrapped, ha="left", va="top", fontsize=_CAPTION_SIZE, color="#333333")


def save_page(pdf: PdfPages, fig: Figure) -> None:
    """Add ``fig`` as one page, grown to hold any caption."""
    pdf.savefig(fig, bbox_inches="tight", pad_inches=0.3)


def title_page(pdf: PdfPages, lines: Sequence[str], *, title: str = "aidstats report") -> None:
    """The first page: title, subtitle, parameters and data versions."""
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=PAGE)
    try:
        fig.text(0.06, 0.88, title, fontsize=26, weight="bold", va="top")
        fig.text(
            0.06, 0.80, "The air war against Ukraine and the military aid that answers it", fontsize=14, va="top"
        )
        fig.text(0.06, 0.72, "\n".join(lines), fontsize=10, va="top", linespacing=1.5)
        fig.text(
            0.06,
            0.06,
            "Strike counts are as reported by the Ukrainian Air Force; aid values are Kiel Institute "
            "allocations in nominal euros (neither commitments nor deliveries). Official statements "
            "are claims, shown with their qualifiers.",
            fontsize=9,
            color="#333333",
            wrap=True,
        )
        pdf.savefig(fig)
    finally:
        plt.close(fig)


def _format_cell(value: Any) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m") if value.day == 1 else value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        if value != value:
            return "–"
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"
    if value is None or value is pd.NA:
        return "–"
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
                cells = [[_format_cell(v) for v in row] for row in chunk.itertuples(index=False)]
                grid = ax.table(cellText=cells, colLabels=[str(c) for c in chunk.columns], loc="upper left", cellLoc="right")
                grid.auto_set_font_size(False)
                grid.set_fontsize(8)
                grid.scale(1, 1.25)
                pdf.savefig(fig)
            finally:
                plt.close(fig)
