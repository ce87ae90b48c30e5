"""Pages of the PDF report: the title page with the key findings, figure pages, and the data page.

Every page is A4 portrait with the same margins; figures are scaled to the
text width; captions and findings are wrapped by measured width; every page
but the first carries its number. Pages only hold text and rules: the
figures themselves are placed afterwards (:func:`aidstats._report.pdf.finish_pdf`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from aidstats._core.messages import number, text
from aidstats._draw.footer import stacked_lines
from aidstats._draw.save import ready_to_save
from aidstats._draw.style import wrap_to
from aidstats._report.pdf import FigureSlot

if TYPE_CHECKING:
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

__all__ = [
    "MARGIN",
    "PAGE",
    "TEXT_WIDTH",
    "as_drawn",
    "figure_page",
    "heading",
    "new_page",
    "page_number",
    "paragraphs",
    "save_page",
    "title_page",
]

PAGE = (8.27, 11.69)  # A4 portrait, inches
MARGIN = 0.75  # inches, every side
TEXT_WIDTH = PAGE[0] - 2 * MARGIN
_CAPTION_SIZE = 9.0
_BODY_SIZE = 9.5
_GREY = "#333333"


def new_page() -> Figure:
    """An empty A4 page."""
    import matplotlib.pyplot as plt

    return plt.figure(figsize=PAGE)


def page_number(fig: Figure, index: int, lang: str) -> None:
    """The page's number at the foot (``index`` counts from 0)."""
    fig.text(
        0.5,
        0.4 / PAGE[1],
        number(index + 1, lang),
        ha="center",
        va="bottom",
        fontsize=8,
        color="#666666",
    )


def save_page(pdf: PdfPages, fig: Figure) -> int:
    """Add ``fig`` as the next page and close it; return the page's index."""
    import matplotlib.pyplot as plt

    try:
        with ready_to_save(fig):
            pdf.savefig(fig)
    finally:
        plt.close(fig)
    return pdf.get_pagecount() - 1


def as_drawn(words: str) -> str:
    """``words`` as matplotlib must get them to draw them as they are: a ``$`` (a file name) is not math."""
    return re.sub(r"(?<!\\)\$", r"\\$", words)


def _lines(fig: Figure, lines: Sequence[str], top: float, size: float, *, color: str = "black",
           spacing: float = 1.3) -> float:  # fmt: skip
    """Write ``lines`` from ``top`` (inches from the page's foot) down; return where they end."""
    lines = [as_drawn(line) for line in lines]
    stacked_lines(fig, lines, x=MARGIN / PAGE[0], y=top / PAGE[1], size=size, color=color,
                  gid="aidstats-page", upwards=False, spacing=spacing)  # fmt: skip
    return top - len(lines) * size * spacing / 72


def _wrapped(words: str, size: float, width: float = TEXT_WIDTH) -> list[str]:
    return wrap_to(words, width * 72, size).splitlines()


def figure_page(
    pdf: PdfPages, figure_pdf: bytes, size: tuple[float, float], caption: str, lang: str
) -> FigureSlot:
    """A page with the figure scaled to the text width at the top and its caption under it."""
    scale = TEXT_WIDTH / size[0]
    height = size[1] * scale
    fig = new_page()
    top = PAGE[1] - MARGIN
    bottom_of_figure = top - height
    _lines(
        fig, _wrapped(caption, _CAPTION_SIZE), bottom_of_figure - 0.15, _CAPTION_SIZE, color=_GREY
    )
    index = pdf.get_pagecount()
    page_number(fig, index, lang)
    save_page(pdf, fig)
    return FigureSlot(index, figure_pdf, MARGIN, bottom_of_figure, scale)


def title_page(
    pdf: PdfPages,
    *,
    period: str,
    findings: Sequence[str],
    data_lines: Sequence[str],
    lang: str,
) -> int:
    """The first page: title, period, the key findings (numbered) and the data they come from.

    Findings that do not fit continue on the next page. Returns the first page's index.
    """
    fig = new_page()
    first = pdf.get_pagecount()
    top = PAGE[1] - MARGIN
    top = _lines(fig, [text("report.title_page.kicker", lang)], top, 9, color="#666666")
    top = _lines(fig, _wrapped(text("report.title", lang), 20), top - 0.1, 20, spacing=1.2)
    top = _lines(fig, [period], top - 0.1, 12, color=_GREY)
    top = _lines(fig, [text("report.key_findings", lang)], top - 0.35, 14)
    note = [as_drawn(line) for item in data_lines for line in _wrapped(item, 8)]
    stacked_lines(fig, note, x=MARGIN / PAGE[0], y=MARGIN / PAGE[1], size=8, color="#555555",
                  gid="aidstats-page", upwards=True)  # fmt: skip
    floor = MARGIN + len(note) * 8 * 1.3 / 72 + 0.3
    for k, sentence in enumerate(findings, start=1):
        lines = [as_drawn(line) for line in _wrapped(sentence, _BODY_SIZE, TEXT_WIDTH - 0.3)]
        height = 0.12 + len(lines) * _BODY_SIZE * 1.35 / 72
        if top - height < floor:
            save_page(pdf, fig)
            fig = new_page()
            page_number(fig, pdf.get_pagecount(), lang)
            heading_words = text(
                "report.table_continued", lang, title=text("report.key_findings", lang)
            )
            top = _lines(fig, [heading_words], PAGE[1] - MARGIN, 14)
            floor = MARGIN + 0.3
        stacked_lines(fig, [f"{k}."], x=MARGIN / PAGE[0], y=(top - 0.12) / PAGE[1], size=_BODY_SIZE,
                      color=_GREY, gid="aidstats-page", upwards=False)  # fmt: skip
        stacked_lines(fig, lines, x=(MARGIN + 0.3) / PAGE[0], y=(top - 0.12) / PAGE[1], size=_BODY_SIZE,
                      color="black", gid="aidstats-page", upwards=False, spacing=1.35)  # fmt: skip
        top -= height
    save_page(pdf, fig)
    return first


def paragraphs(fig: Figure, blocks: Sequence[str], top: float, size: float = 9.0) -> float:
    """Wrapped paragraphs from ``top`` down, a little space between them; return where they end."""
    for block in blocks:
        top = _lines(fig, _wrapped(block, size), top, size, color=_GREY) - 0.08
    return top


def heading(fig: Figure, words: str, top: float, size: float = 14.0) -> float:
    """A heading at ``top`` (inches from the foot); return where the text under it starts."""
    return _lines(fig, [words], top, size) - 0.12
