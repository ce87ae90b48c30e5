"""The metadata of a bundled dataset, as stored in its JSON sidecar.

:func:`info_from_sidecar` turns a parsed sidecar into a frozen
:class:`DatasetInfo` (columns with types and units, sources with citations,
licence, version, period, notes) with a text and an HTML representation.

Examples
--------
>>> from aidstats._read.dataset_info import ColumnInfo
>>> ColumnInfo("eur_bn", "number", "Aid allocated", "billion EUR").unit
'billion EUR'
"""

from __future__ import annotations

import dataclasses
import html
from typing import Any

import pandas as pd

__all__ = ["ColumnInfo", "DatasetInfo", "SourceInfo", "info_from_sidecar"]

# Short names of sources for figure source lines (full citations stay in the sidecars),
# by source title; filled from every sidecar read.
_SHORT: dict[str, str] = {}


@dataclasses.dataclass(frozen=True)
class ColumnInfo:
    """One column: name, type (Frictionless), unit and description."""

    name: str
    type: str
    description: str
    unit: str | None = None


@dataclasses.dataclass(frozen=True)
class SourceInfo:
    """Where a dataset comes from and how to cite it."""

    title: str
    citation: str
    url: str
    licence: str
    release: str
    retrieved: str
    files: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The source as a plain dict, ``files`` as a ``{name: sha256}`` mapping."""
        out = dataclasses.asdict(self)
        out["files"] = dict(self.files)
        return out


@dataclasses.dataclass(frozen=True)
class DatasetInfo:
    """Metadata of one bundled dataset, as stored in its sidecar."""

    name: str
    title: str
    description: str
    version: str
    licence: str
    rows: int
    columns: tuple[ColumnInfo, ...]
    sources: tuple[SourceInfo, ...]
    primary_key: tuple[str, ...]
    period: tuple[str, str] | None = None
    notes: tuple[str, ...] = ()

    @property
    def units(self) -> dict[str, str]:
        """Unit of each column that has one."""
        return {c.name: c.unit for c in self.columns if c.unit}

    @property
    def source_line(self) -> str:
        """A short 'Source: ...' line for figures."""
        return "Source: " + "; ".join(_SHORT.get(s.title, s.title) for s in self.sources)

    def to_frame(self) -> pd.DataFrame:
        """The column table: name, type, unit, description."""
        return pd.DataFrame([dataclasses.asdict(c) for c in self.columns])[
            ["name", "type", "unit", "description"]
        ]

    def __str__(self) -> str:
        lines = [f"{self.name}: {self.title}", "", self.description, ""]
        period = f", {self.period[0]} to {self.period[1]}" if self.period else ""
        lines.append(
            f"{self.rows:,} rows{period}; version {self.version}; key {', '.join(self.primary_key)}"
        )
        lines.append(f"Licence: {self.licence}")
        lines += ["", "Columns:"]
        width = max(len(c.name) for c in self.columns)
        for c in self.columns:
            unit = f" [{c.unit}]" if c.unit else ""
            lines.append(f"  {c.name:<{width}}  {c.type:<9} {c.description}{unit}")
        lines += ["", "Sources:"] + [f"  - {s.citation} {s.url}".rstrip() for s in self.sources]
        lines += ["", "Releases:"] + [f"  - {line}" for line in self.release_lines()]
        if self.notes:
            lines += ["", "Notes:"] + [f"  - {n}" for n in self.notes]
        return "\n".join(lines)

    @property
    def releases(self) -> dict[str, str]:
        """The upstream release each source was built from: ``{source title: release}``."""
        return {s.title: s.release for s in self.sources}

    def release_lines(self) -> list[str]:
        """One line per source: its release and the SHA-256 of each file read."""
        out = []
        for s in self.sources:
            files = ", ".join(f"{name} sha256 {digest[:12]}" for name, digest in s.files)
            out.append(f"{s.title}: release {s.release}" + (f" ({files})" if files else ""))
        return out

    def _repr_html_(self) -> str:
        esc = html.escape
        period = f", {esc(self.period[0])} to {esc(self.period[1])}" if self.period else ""
        rows = "".join(
            f"<tr><td><code>{esc(c.name)}</code></td><td>{esc(c.type)}</td>"
            f"<td>{esc(c.unit or '')}</td><td>{esc(c.description)}</td></tr>"
            for c in self.columns
        )
        sources = "".join(
            f"<li>{esc(s.citation)} <a href='{esc(s.url)}'>{esc(s.url)}</a></li>"
            for s in self.sources
        )
        notes = "".join(f"<li>{esc(n)}</li>" for n in self.notes)
        return (
            f"<div><h4><code>{esc(self.name)}</code>: {esc(self.title)}</h4>"
            f"<p>{esc(self.description)}</p>"
            f"<p>{self.rows:,} rows{period}; version {esc(self.version)}; "
            f"licence: {esc(self.licence)}</p>"
            "<table><thead><tr><th>column</th><th>type</th><th>unit</th><th>description</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
            f"<p>Sources:</p><ul>{sources}</ul>"
            + "<p>Releases:</p><ul>"
            + "".join(f"<li>{esc(line)}</li>" for line in self.release_lines())
            + "</ul>"
            + (f"<p>Notes:</p><ul>{notes}</ul>" if notes else "")
            + "</div>"
        )


def _source(meta: dict[str, Any]) -> SourceInfo:
    return SourceInfo(
        title=meta["title"],
        citation=meta["citation"],
        url=meta["url"],
        licence=meta["licence"],
        release=meta["release"],
        retrieved=meta["retrieved"],
        files=tuple(sorted(meta.get("files", {}).items())),
    )


def info_from_sidecar(meta: dict[str, Any]) -> DatasetInfo:
    """The :class:`DatasetInfo` of a parsed sidecar; registers its sources' short names.

    Examples
    --------
    >>> meta = {
    ...     "name": "demo", "title": "Demo", "description": "A demo.", "version": "1",
    ...     "licence": "MIT", "rows": 2, "primary_key": ["month"],
    ...     "columns": [{"name": "month", "type": "yearmonth", "description": "Month"}],
    ...     "sources": [{"title": "Demo source", "short": "demo", "citation": "Demo (2026).",
    ...                  "url": "", "licence": "MIT", "release": "1", "retrieved": "2026-01"}],
    ... }
    >>> info_from_sidecar(meta).source_line
    'Source: demo'
    """
    for s in meta["sources"]:
        _SHORT[s["title"]] = s.get("short", s["title"])
    return DatasetInfo(
        name=meta["name"],
        title=meta["title"],
        description=meta["description"],
        version=meta["version"],
        licence=meta["licence"],
        rows=int(meta["rows"]),
        columns=tuple(
            ColumnInfo(c["name"], c["type"], c["description"], c.get("unit"))
            for c in meta["columns"]
        ),
        sources=tuple(_source(s) for s in meta["sources"]),
        primary_key=tuple(meta["primary_key"]),
        period=(meta["period"]["start"], meta["period"]["end"]) if "period" in meta else None,
        notes=tuple(meta.get("notes", ())),
    )
