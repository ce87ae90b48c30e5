"""Summary tables typeset as tables: header rule, right-aligned numbers, thousands separators, localised.

Tables flow down the page one after another and continue on the next page
when they run out of room. Column widths are measured in the font used, so
columns align exactly; numbers are formatted per language by the message
catalogue (``5,801`` / ``5 801``), shares as percentages, months as
``Jun 2025``. Column headers come from the catalogue (``column.<name>``),
else from the vocabulary, else the column's own name.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from aidstats._core.messages import (
    CATALOGUE,
    day_label,
    donor_label,
    month_label,
    number,
    percent,
    text,
)
from aidstats._core.vocab import label
from aidstats._draw.style import text_width_pt, wrap_to
from aidstats._report.pages import (
    MARGIN,
    PAGE,
    TEXT_WIDTH,
    as_drawn,
    heading,
    new_page,
    page_number,
    save_page,
)

if TYPE_CHECKING:
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

__all__ = ["cell_texts", "column_label", "table_pages", "typeset_table"]

SIZE = 8.0  # points
_ROW = SIZE * 1.45 / 72  # inches per row
_PAD = 10.0  # points between columns
_HEADER_ROOM = 48.0  # points: a header may take this width (or its column's) before it breaks
_PLAIN = {"year", "segment", "statement_id", "n_models", "months"}
#: Columns that read together (a growth rate and its interval): one decimal each.
_ONE_DECIMAL = frozenset({"pct_per_month", "pct_per_month_low", "pct_per_month_high"})
_SHARES = {"estimate", "low", "high", "share"}
_BOTTOM = MARGIN + 0.3  # inches kept free at the foot (page number)


def column_label(name: str, lang: str) -> str:
    """A column's header: the catalogue's, else the vocabulary's label, else the name itself."""
    key = f"column.{name}"
    if key in CATALOGUE[lang]:
        return text(key, lang)
    labelled = label(name, lang)
    return labelled if labelled != name else name.replace("_", " ")


def _decimals(values: pd.Series) -> int:
    """The decimals of a float column, the same on every row.

    Values already rounded to one or two decimals (money in EUR bn) keep
    them; others get about three significant digits.
    """
    finite = values.dropna().astype(float)
    for places in (0, 1, 2):
        if ((finite * 10**places).round() - finite * 10**places).abs().max() <= 1e-6:
            return places if places else (0 if finite.abs().max() >= 100 else _significant(finite))
    return _significant(finite)


def _significant(values: pd.Series) -> int:
    largest = float(values.abs().max()) if len(values) else 0.0
    if largest >= 100 or largest == 0:
        return 0 if largest >= 100 else 1
    return min(3, max(0, 2 - math.floor(math.log10(largest))))


def _cell(value: Any, column: str, decimals: int | None, lang: str) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return "–"
    if isinstance(value, float) and math.isnan(value):
        return "–"
    if isinstance(value, pd.Timestamp):
        if value.hour or value.minute:
            return f"{day_label(value, lang)} {value:%H:%M}"
        return month_label(value, lang, short=True) if value.day == 1 else day_label(value, lang)
    if isinstance(value, bool | np.bool_):
        return text("value.yes" if value else "value.no", lang)
    if isinstance(value, float | np.floating):
        if column in _SHARES and decimals is not None:
            return percent(float(value), lang, decimals=1)
        return number(float(value), lang, decimals=decimals or 0)
    if isinstance(value, int | np.integer):
        return str(int(value)) if column in _PLAIN else number(int(value), lang)
    words = str(value)
    if f"value.{words}" in CATALOGUE[lang]:
        return text(f"value.{words}", lang)
    labelled = label(words, lang)
    return labelled if labelled != words else donor_label(words, lang)


def cell_texts(table: pd.DataFrame, lang: str) -> tuple[list[str], list[list[str]], list[bool]]:
    """Headers, cell texts row by row, and which columns are numbers (right-aligned)."""
    decimals = [
        _decimals(table[c]) if pd.api.types.is_float_dtype(table[c]) and c not in _SHARES else None
        for c in table.columns
    ]
    decimals = [
        1 if c in _SHARES or c in _ONE_DECIMAL else d
        for c, d in zip(table.columns, decimals, strict=True)
    ]
    cells = [
        [_cell(v, str(c), d, lang) for v, c, d in zip(row, table.columns, decimals, strict=True)]
        for row in table.itertuples(index=False)
    ]
    numeric = [
        pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])
        for c in table.columns
    ]
    return [column_label(str(c), lang) for c in table.columns], cells, numeric


def _layout(headers: list[str], cells: list[list[str]]) -> tuple[list[list[str]], list[float]]:
    """Each header broken into lines no wider than its column needs, and each column's width (points).

    A long header ("Decoy or unknown drones") over short numbers takes two
    lines rather than shrinking the whole table to fit the page.
    """
    lines, widths = [], []
    for j, header in enumerate(headers):
        widest = max((text_width_pt(row[j], SIZE) for row in cells), default=0.0)
        wrapped = wrap_to(header, max(widest, _HEADER_ROOM), SIZE).splitlines() or [header]
        lines.append(wrapped)
        widths.append(max(widest, *(text_width_pt(line, SIZE) for line in wrapped)))
    return lines, widths


def _typeset(fig: Figure, headers: list[list[str]], rows: list[list[str]], numeric: list[bool],
             widths: list[float], top: float) -> float:  # fmt: skip
    """Header, rules and rows from ``top`` (inches from the foot); return where the table ends."""
    scale = min(1.0, (TEXT_WIDTH * 72) / (sum(widths) + _PAD * (len(widths) - 1)))
    size, step = SIZE * scale, _ROW * scale
    lefts, x = [], MARGIN * 72
    for w in widths:
        lefts.append(x)
        x += (w + _PAD) * scale
    anchors = [
        (lefts[j] + (widths[j] * scale if numeric[j] else 0)) / 72 / PAGE[0]
        for j in range(len(widths))
    ]
    align = ["right" if n else "left" for n in numeric]
    right_edge = (lefts[-1] + widths[-1] * scale) / 72 / PAGE[0]
    fig.add_artist(_rule(fig, top + 0.05, right_edge, {"color": "#333333", "linewidth": 0.6}))
    depth = max(len(lines) for lines in headers)
    for j, lines in enumerate(headers):  # bottom-aligned: one-line headers sit on the last line
        for i, words in enumerate(lines, start=depth - len(lines) + 1):
            fig.text(anchors[j], (top - i * step) / PAGE[1], words, ha=align[j], va="baseline",
                     fontsize=size, color="#000000")  # fmt: skip
    y = top - depth * step - 0.06
    fig.add_artist(_rule(fig, y + 0.02, right_edge, {"color": "#777777", "linewidth": 0.4}))
    for row in rows:
        for j, words in enumerate(row):
            fig.text(anchors[j], (y - step) / PAGE[1], as_drawn(words), ha=align[j], va="baseline",
                     fontsize=size, color="#111111")  # fmt: skip
        y -= step
    fig.add_artist(_rule(fig, y - 0.06, right_edge, {"color": "#333333", "linewidth": 0.6}))
    return y - 0.2


def typeset_table(fig: Figure, table: pd.DataFrame, top: float, lang: str) -> float:
    """Typeset all of ``table`` from ``top`` (inches from the foot); return where it ends."""
    headers, cells, numeric = cell_texts(table, lang)
    lines, widths = _layout(headers, cells)
    return _typeset(fig, lines, cells, numeric, widths, top)


def _rule(fig: Figure, y: float, right: float, style: dict[str, Any]) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([MARGIN / PAGE[0], right], [y / PAGE[1]] * 2, transform=fig.transFigure, **style)


def table_pages(
    pdf: PdfPages, tables: Sequence[tuple[str, pd.DataFrame]], lang: str, *, section: str
) -> list[tuple[str, int]]:
    """Typeset ``tables`` (title, frame) one after another under ``section``; return (title, page) of each."""
    starts: list[tuple[str, int]] = []
    fig, top = _fresh(pdf, section, lang)
    for title, table in tables:
        if table.empty:
            continue
        headers, cells, numeric = cell_texts(table, lang)
        lines, widths = _layout(headers, cells)
        remaining = cells
        first = True
        while remaining:
            fits = int((top - 0.55 - _BOTTOM) / _ROW) - 1 - max(len(h) for h in lines)
            if fits < min(4, len(remaining)):
                save_page(pdf, fig)
                fig, top = _fresh(pdf, None, lang)
                continue
            chunk, remaining = remaining[:fits], remaining[fits:]
            words = title if first else text("report.table_continued", lang, title=title)
            if first:
                starts.append((title, pdf.get_pagecount()))
            top = heading(fig, words, top, size=11)
            top = _typeset(fig, lines, chunk, numeric, widths, top)
            first = False
    save_page(pdf, fig)
    return starts


def _fresh(pdf: PdfPages, section: str | None, lang: str) -> tuple[Figure, float]:
    fig = new_page()
    page_number(fig, pdf.get_pagecount(), lang)
    top = PAGE[1] - MARGIN
    if section:
        top = heading(fig, section, top, size=16) - 0.1
    return fig, top
