"""The report PDF: title page with the key findings, one page per figure, summary tables, data page.

:func:`write_document` lays out every page in reading order from what the
build already made (each figure's PDF, its table and caption; the key
findings), then places the figures, adds the outline (bookmarks for every
section, figure and table), the document metadata and the language.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from aidstats._core.messages import text
from aidstats._report.findings import Finding
from aidstats._report.pages import (
    MARGIN,
    PAGE,
    figure_page,
    heading,
    new_page,
    page_number,
    paragraphs,
    save_page,
    title_page,
)
from aidstats._report.pdf import OutlineEntry, creation_date, finish_pdf, open_report_pdf
from aidstats._report.spec import FigureSpec, ReportContext
from aidstats._report.table_pages import table_pages, typeset_table

__all__ = ["DrawnFigure", "write_document"]


@dataclasses.dataclass(frozen=True)
class DrawnFigure:
    """A figure the build drew: its spec, table, caption, alt text, PDF bytes and size (inches)."""

    spec: FigureSpec
    table: pd.DataFrame
    caption: str
    alt: str
    pdf: bytes
    size: tuple[float, float]


def write_document(
    path: Path,
    drawn: Sequence[DrawnFigure],
    findings: Sequence[Finding],
    context: ReportContext,
    *,
    period: str,
    releases: Mapping[str, str],
    versions: Sequence[Mapping[str, str]],
    parameters: Mapping[str, object],
) -> None:
    """Write the whole report PDF to ``path`` (which the caller replaces atomically)."""
    lang = context.lang
    outline: list[OutlineEntry] = []
    slots = []
    with open_report_pdf(path) as pdf:
        first = title_page(
            pdf, period=period, findings=[f.sentence for f in findings],
            data_lines=_data_lines(releases, lang), lang=lang,
        )  # fmt: skip
        outline.append(OutlineEntry(text("report.key_findings", lang), first))
        figures_title = text("report.section.figures", lang)
        for k, figure in enumerate(drawn, start=1):
            caption = text("report.figure_caption", lang, number=k, caption=figure.caption)
            slot = figure_page(pdf, figure.pdf, figure.size, caption, lang)
            slots.append(slot)
            if k == 1:
                outline.append(OutlineEntry(figures_title, slot.page))
            outline.append(OutlineEntry(f"{k}. {figure.spec.title}", slot.page, figures_title))
        summaries = [(f.spec.title, f.spec.summarise(f.table)) for f in drawn]
        if any(not table.empty for _title, table in summaries):
            tables_title = text("report.section.tables", lang)
            starts = table_pages(pdf, summaries, lang, section=tables_title)
            outline.append(
                OutlineEntry(tables_title, starts[0][1] if starts else pdf.get_pagecount() - 1)
            )
            outline += [OutlineEntry(title, page, tables_title) for title, page in starts]
        data_title = text("report.section.data", lang)
        outline.append(
            OutlineEntry(data_title, _data_page(pdf, data_title, versions, parameters, lang))
        )
    finish_pdf(path, slots, outline=outline, info=_info(period, releases, lang), lang=lang)


def _data_lines(releases: Mapping[str, str], lang: str) -> list[str]:
    return [
        text("report.title_page.releases", lang, strikes=releases["strikes"],
             statements=releases["statements"], aid=releases["aid"]),
        text("report.title_page.tables_note", lang),
    ]  # fmt: skip


def _data_page(
    pdf: object,
    title: str,
    versions: Sequence[Mapping[str, str]],
    parameters: Mapping[str, object],
    lang: str,
) -> int:
    """The last page: what the report read (datasets, versions, rows), with what parameters, and caveats."""
    fig = new_page()
    page_number(fig, pdf.get_pagecount(), lang)  # type: ignore[attr-defined]
    top = heading(fig, title, PAGE[1] - MARGIN, size=16) - 0.1
    top = paragraphs(fig, [text("report.data_page.intro", lang)], top)
    frame = pd.DataFrame(
        {
            "dataset": [v["dataset"] for v in versions],
            "version": [v["version"] for v in versions],
            "rows": [int(v["rows"]) for v in versions],
        }
    )
    top = typeset_table(fig, frame, top - 0.1, lang)
    shown = {k: v for k, v in parameters.items() if v not in (None, [], "")}
    listed = "; ".join(
        f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in shown.items()
    )
    paragraphs(fig, [text("report.data_page.parameters", lang, parameters=listed),
                     text("report.data_page.caveats", lang)], top)  # fmt: skip
    return save_page(pdf, fig)  # type: ignore[arg-type]


def _info(period: str, releases: Mapping[str, str], lang: str) -> dict[str, str]:
    dates = [r for r in releases.values() if len(r) >= 10 and r[4] == "-"]
    return {
        "Title": f"{text('report.title', lang)} ({period})",
        "Subject": text("report.subject", lang),
        "Keywords": text("report.keywords", lang),
        "CreationDate": creation_date([d[:10] for d in dates]),
        "ModDate": creation_date([d[:10] for d in dates]),
    }
