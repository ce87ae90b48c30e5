"""The figure footer: one source line (and notes) under every figure, and where its text comes from.

The source line is the frame's provenance (``frame.attrs["aidstats"]["source_line"]``,
set by :func:`aidstats.datasets.load`), else an explicit ``source=``, else
the citation registry (:mod:`aidstats._core.sources`) for the sources the
plot function names. Drawing never loads data to find it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from aidstats._core import messages
from aidstats._core.sources import SOURCES
from aidstats._draw.style import figure_of, wrap_to

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "AIR_FORCE",
    "AIR_FORCE_AND_STATEMENTS",
    "FOOTER_SIZE",
    "KIEL",
    "SOURCE_GID",
    "SOURCE_LINE_GID",
    "STATEMENTS",
    "add_footer",
    "finish",
    "merge_source_lines",
    "source_from",
    "stacked_lines",
]

FOOTER_SIZE = 7.0
SOURCE_GID = "aidstats-source"
SOURCE_LINE_GID = "aidstats-source-line"

# Registry names (aidstats._core.sources) of the sources each kind of figure falls back to.
AIR_FORCE: tuple[str, ...] = ("ivaniuk_missile_attacks",)
AIR_FORCE_AND_STATEMENTS: tuple[str, ...] = ("ivaniuk_missile_attacks", "official_statements")
KIEL: tuple[str, ...] = ("kiel_ust",)
STATEMENTS: tuple[str, ...] = ("official_statements",)
_BY_TITLE = {record["title"]: name for name, record in SOURCES.items()}


def source_from(
    frame: pd.DataFrame, fallback: Sequence[str], override: str | None, lang: str = "en"
) -> str:
    """The source line: explicit text, else the frame's provenance, else the registry's line for ``fallback``.

    In a language other than English the line is built from the names of the
    sources in the provenance (``attrs["aidstats"]["sources"]``, each with a
    ``name``, or ``attrs["aidstats"]["source_names"]``) through the message
    catalogue, so that it reads in that language; a raw file given to the
    report adds ``source_file``. Provenance without names keeps its line.

    Examples
    --------
    >>> import pandas as pd
    >>> source_from(pd.DataFrame(), KIEL, None)
    'Source: Kiel Institute Ukraine Support Tracker'
    >>> source_from(pd.DataFrame(), AIR_FORCE_AND_STATEMENTS, None, "uk")
    'Джерела: звіти Повітряних сил ЗСУ (оцифрування П. Іванюка); офіційні заяви (зібрані)'
    """
    if override:
        return override
    meta = frame.attrs.get("aidstats", {}) if hasattr(frame, "attrs") else {}
    meta = meta if isinstance(meta, Mapping) else {}
    names = _source_names(meta)
    if lang != "en" and names:
        return _localised_line(names, meta.get("source_file"), lang)
    line = meta.get("source_line")
    if line:
        return str(line)
    return _localised_line([(name, "") for name in fallback], None, lang)


def _source_names(meta: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(registry name, release) of each source in a frame's provenance; empty if one is unknown."""
    given = meta.get("source_names")
    if given is not None:
        pairs = [(str(n), "") for n in given]
    else:
        pairs = [
            (
                str(s.get("name") or _BY_TITLE.get(str(s.get("title")), "")),
                str(s.get("release") or ""),
            )
            for s in meta.get("sources", [])
            if isinstance(s, Mapping)
        ]
    known = all(n and f"source.short.{n}" in messages.CATALOGUE["en"] for n, _release in pairs)
    return pairs if pairs and known else []


def _localised_line(names: Sequence[tuple[str, str]], source_file: Any, lang: str) -> str:
    parts: list[str] = []
    for name, release in dict.fromkeys(names):
        part = messages.text(f"source.short.{name}", lang)
        if release and f"source.release.{name}" in messages.CATALOGUE[lang]:
            part += " " + messages.text(f"source.release.{name}", lang, release=release)
        if part not in parts:
            parts.append(part)
    if source_file:
        parts[0] += " " + messages.text("source.file", lang, file=source_file)
    return messages.text("source" if len(parts) == 1 else "sources", lang, sources="; ".join(parts))


def _body(line: str) -> str:
    """A source line without its "Source:" prefix (in any language)."""
    stripped = line.strip()
    for lang in messages.LANGUAGES:
        for key in ("source", "sources"):
            prefix = messages.text(key, lang, sources="").strip()
            if stripped.lower().startswith(prefix.lower()):
                return stripped[len(prefix) :]
    return stripped


def merge_source_lines(lines: Iterable[str], lang: str = "en") -> str:
    """Join several 'Source: a; b' lines into one, each source once, in order of appearance.

    Examples
    --------
    >>> merge_source_lines(["Source: a; b", "Source: b; c."])
    'Source: a; b; c'
    >>> merge_source_lines(["Джерело: a", "Джерело: b"], "uk")
    'Джерела: a; b'
    """
    parts: list[str] = []
    for line in lines:
        for part in _body(line).split(";"):
            part = part.strip().rstrip(".")
            if part and part not in parts:
                parts.append(part)
    if not parts:
        return ""
    return messages.text("source" if len(parts) == 1 else "sources", lang, sources="; ".join(parts))


def finish(ax: Axes, source_line: str, notes: Sequence[str] = (), lang: str = "en") -> None:
    """Put the footer under the figure ``ax`` is drawn on."""
    add_footer(figure_of(ax), source_line, notes, lang)


def _footer_artist(fig: Figure) -> Any:
    for text in fig.texts:
        if text.get_gid() == SOURCE_GID:
            return text
    return None


def add_footer(fig: Figure, source_line: str, notes: Sequence[str] = (), lang: str = "en") -> None:
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
    body = [merge_source_lines(sources, lang) + "."] + all_notes
    room = fig.get_figwidth() * 72 * (1 - 2 * 0.012) - 2  # points between the margins
    wrapped = "\n".join(wrap_to(line, room, FOOTER_SIZE) for line in body if line)
    # The whole footer is kept as one (hidden) text for provenance; it is drawn
    # line by line because matplotlib drops font features (no ligatures) on
    # multi-line texts.
    text = fig.text(0.012, 0.012, wrapped, fontsize=FOOTER_SIZE, gid=SOURCE_GID, visible=False)
    text._aidstats_sources = sources  # type: ignore[attr-defined]
    text._aidstats_notes = all_notes  # type: ignore[attr-defined]
    stacked_lines(
        fig,
        wrapped.splitlines(),
        x=0.012,
        y=0.012,
        size=FOOTER_SIZE,
        color="#555555",
        gid=SOURCE_LINE_GID,
        upwards=True,
    )
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
        fig.text(
            x,
            y,
            line,
            transform=fig.transFigure + shift,
            ha="left",
            va="bottom" if upwards else "top",
            fontsize=size,
            color=color,
            gid=gid,
        )


def _reserve_footer(fig: Figure, n_lines: int) -> None:
    """Keep the constrained layout clear of the footer (other layouts are the caller's)."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    engine = fig.get_layout_engine()
    if not isinstance(engine, ConstrainedLayoutEngine):
        return
    height_in = (n_lines * FOOTER_SIZE * 1.3 + 6.0) / 72.0
    frac = min(0.4, height_in / fig.get_figheight())
    engine.set(rect=(0.0, frac, 1.0, 1.0 - frac))
