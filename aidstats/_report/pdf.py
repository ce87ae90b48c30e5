"""The report PDF as a file: opened with fixed settings, figures placed, outline and metadata added.

Pages are drawn by matplotlib (:mod:`aidstats._report.pages`); each figure
page holds its caption and leaves room for the figure, whose own PDF
(already rendered for ``figures/``) :func:`finish_pdf` places there as a
form XObject, scaled to the text width, so that no figure is drawn twice.
The same step adds the outline (bookmarks), the document metadata and the
document language. Every step is deterministic: a rebuild gives the same bytes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pandas as pd

from aidstats._draw.save import REPORT_PDF_METADATA
from aidstats.errors import AidstatsError

if TYPE_CHECKING:
    from matplotlib.backends.backend_pdf import PdfPages

__all__ = ["FigureSlot", "OutlineEntry", "creation_date", "finish_pdf", "open_report_pdf"]


@dataclasses.dataclass(frozen=True)
class FigureSlot:
    """Where a figure's own PDF goes on its report page: page index, offset and scale (inches)."""

    page: int
    pdf: bytes
    x: float
    y: float
    scale: float = 1.0


@dataclasses.dataclass(frozen=True)
class OutlineEntry:
    """A bookmark: its title, the page index it opens, and its parent's title (None: top level)."""

    title: str
    page: int
    parent: str | None = None


@contextlib.contextmanager
def open_report_pdf(path: Path) -> Iterator[PdfPages]:
    """A multi-page PDF with fixed metadata and TrueType fonts, so reruns give the same bytes."""
    import matplotlib as mpl
    from matplotlib.backends.backend_pdf import PdfPages

    with mpl.rc_context({"pdf.fonttype": 42}), PdfPages(path, metadata=REPORT_PDF_METADATA) as pdf:
        yield pdf


def creation_date(data_dates: Sequence[str]) -> str:
    """The PDF date of the report: ``SOURCE_DATE_EPOCH`` if set, else the newest date its data carry.

    Never the clock, so that a rebuild from the same data gives the same bytes.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    >>> creation_date(["2026-06-06", "2026-11-30"])
    'D:20261130000000Z'
    >>> if saved is not None:
    ...     os.environ["SOURCE_DATE_EPOCH"] = saved
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        stamp = pd.Timestamp(int(epoch), unit="s")
    else:
        dates = [pd.Timestamp(d) for d in data_dates if d]
        stamp = max(dates) if dates else pd.Timestamp("1970-01-01")
    return stamp.strftime("D:%Y%m%d%H%M%SZ")


def finish_pdf(
    path: Path,
    slots: Sequence[FigureSlot],
    *,
    outline: Sequence[OutlineEntry] = (),
    info: Mapping[str, str] | None = None,
    lang: str = "en",
) -> None:
    """Place each figure on its page, add the outline, metadata and language; rewrite ``path`` in place.

    The figure page becomes a form XObject drawn at its slot: its content
    stream is copied as it is (still compressed, never parsed), and its
    resources (fonts, images, hatch patterns) come along inside the form.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(path))
    for number, slot in enumerate(slots, start=1):
        _stamp(writer, slot, number)
    parents: dict[str, object] = {}
    for entry in outline:
        parent = parents.get(entry.parent) if entry.parent else None
        item = writer.add_outline_item(title=entry.title, page_number=entry.page, parent=parent)  # type: ignore[arg-type]
        if entry.parent is None:
            parents[entry.title] = item
    if outline:
        writer.page_mode = "/UseOutlines"
    metadata = {f"/{k}": v for k, v in REPORT_PDF_METADATA.items() if v is not None}
    metadata.update({f"/{k}": v for k, v in (info or {}).items()})
    writer.add_metadata(metadata)
    writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    with open(path, "wb") as fh:
        writer.write(fh)


def _stamp(writer: object, slot: FigureSlot, number: int) -> None:
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

    assert isinstance(writer, PdfWriter)
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
    s = slot.scale
    draw.set_data(
        f"q {s:.5f} 0 0 {s:.5f} {slot.x * 72:.4f} {slot.y * 72:.4f} cm {name} Do Q".encode("ascii")
    )
    contents = page.raw_get(
        "/Contents"
    )  # the reference: a stream written inline in an array is invalid
    page[NameObject("/Contents")] = ArrayObject([contents, writer._add_object(draw)])
