"""The bundled, typed datasets: list them, read their metadata, load them validated.

Every dataset is a tidy CSV in the top-level ``datasets/`` folder (shipped in the
wheel) with a JSON sidecar holding its title, column types and units, sources,
licence and version. :func:`load` parses the CSV by the sidecar's types,
validates it against the dataset's pandera schema (every failure reported, not
just the first) and puts the provenance in ``df.attrs["aidstats"]``.

Examples
--------
>>> from aidstats import datasets
>>> df = datasets.load("aid_monthly")
>>> sorted(df["category"].unique())
['financial', 'humanitarian', 'military']
>>> df.attrs["aidstats"]["units"]["eur_bn"]
'billion EUR (nominal)'
>>> datasets.info("aid_monthly").rows == len(df)
True
"""

from __future__ import annotations

import dataclasses
import functools
import html
import json
from pathlib import Path
from typing import Any

import pandas as pd

from aidstats._files import bundled_dir
from aidstats.errors import DataValidationError, UnknownDatasetError

__all__ = ["ColumnInfo", "DatasetInfo", "SourceInfo", "info", "load", "names"]


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
        lines.append(f"{self.rows:,} rows{period}; version {self.version}; key {', '.join(self.primary_key)}")
        lines.append(f"Licence: {self.licence}")
        lines += ["", "Columns:"]
        width = max(len(c.name) for c in self.columns)
        for c in self.columns:
            unit = f" [{c.unit}]" if c.unit else ""
            lines.append(f"  {c.name:<{width}}  {c.type:<9} {c.description}{unit}")
        lines += ["", "Sources:"] + [f"  - {s.citation} {s.url}".rstrip() for s in self.sources]
        if self.notes:
            lines += ["", "Notes:"] + [f"  - {n}" for n in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        period = f", {esc(self.period[0])} to {esc(self.period[1])}" if self.period else ""
        rows = "".join(
            f"<tr><td><code>{esc(c.name)}</code></td><td>{esc(c.type)}</td>"
            f"<td>{esc(c.unit or '')}</td><td>{esc(c.description)}</td></tr>"
            for c in self.columns
        )
        sources = "".join(
            f"<li>{esc(s.citation)} <a href='{esc(s.url)}'>{esc(s.url)}</a></li>" for s in self.sources
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
            + (f"<p>Notes:</p><ul>{notes}</ul>" if notes else "")
            + "</div>"
        )


# Short names of sources for figure source lines (full citations stay in the sidecars).
_SHORT: dict[str, str] = {}


def _data_dir(data_dir: str | Path | None) -> Path:
    return Path(data_dir) if data_dir is not None else bundled_dir()


@functools.lru_cache(maxsize=8)
def _package(data_dir: Path) -> dict[str, Any]:
    with open(data_dir / "datapackage.json", encoding="utf-8") as fh:
        return dict(json.load(fh))


def names(*, data_dir: str | Path | None = None) -> list[str]:
    """The names of the bundled datasets, sorted.

    Examples
    --------
    >>> from aidstats import datasets
    >>> "official_statements" in datasets.names()
    True
    """
    return sorted(r["name"] for r in _package(_data_dir(data_dir))["resources"])


def _sidecar(name: str, data_dir: Path) -> dict[str, Any]:
    valid = names(data_dir=data_dir)
    if name not in valid:
        raise UnknownDatasetError(name, valid)
    with open(data_dir / f"{name}.json", encoding="utf-8") as fh:
        return dict(json.load(fh))


def info(name: str, *, data_dir: str | Path | None = None) -> DatasetInfo:
    """Metadata of dataset ``name``: columns with types and units, sources, licence, version.

    Raises
    ------
    UnknownDatasetError
        If ``name`` is not a bundled dataset; the message lists the valid names.

    Examples
    --------
    >>> from aidstats import datasets
    >>> meta = datasets.info("aid_monthly")
    >>> meta.units["eur_bn"]
    'billion EUR (nominal)'
    """
    meta = _sidecar(name, _data_dir(data_dir))
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
            ColumnInfo(c["name"], c["type"], c["description"], c.get("unit")) for c in meta["columns"]
        ),
        sources=tuple(
            SourceInfo(
                title=s["title"],
                citation=s["citation"],
                url=s["url"],
                licence=s["licence"],
                release=s["release"],
                retrieved=s["retrieved"],
                files=tuple(sorted(s.get("files", {}).items())),
            )
            for s in meta["sources"]
        ),
        primary_key=tuple(meta["primary_key"]),
        period=(meta["period"]["start"], meta["period"]["end"]) if "period" in meta else None,
        notes=tuple(meta.get("notes", ())),
    )


def _convert(raw: pd.Series, kind: str) -> pd.Series:
    """Convert one column of strings to its type; unparseable cells become missing."""
    text = raw.str.strip()
    if kind == "string":
        return raw
    if kind == "integer":
        numbers = pd.to_numeric(text, errors="coerce")
        return numbers.where(numbers.mod(1).eq(0)).astype("Int64")
    if kind == "number":
        return pd.to_numeric(text, errors="coerce").astype("float64")
    if kind == "boolean":
        mapped = text.str.lower().map({"true": True, "false": False})
        return mapped.astype("boolean")
    if kind in ("date", "datetime", "yearmonth"):
        fmt = {"date": "%Y-%m-%d", "datetime": "%Y-%m-%dT%H:%M:%S", "yearmonth": "%Y-%m"}[kind]
        return pd.to_datetime(text, format=fmt, errors="coerce").astype("datetime64[ns]")
    raise ValueError(f"unknown column type {kind!r}")


def _parse(raw: pd.DataFrame, meta: dict[str, Any], path: Path) -> pd.DataFrame:
    expected = [c["name"] for c in meta["columns"]]
    missing = [c for c in expected if c not in raw.columns]
    extra = [c for c in raw.columns if c not in expected]
    if missing or extra:
        failures = [{"row": 1, "column": c, "value": None, "rule": "column missing"} for c in missing]
        failures += [{"row": 1, "column": c, "value": None, "rule": "unexpected column"} for c in extra]
        raise DataValidationError(
            f"columns do not match the schema; expected {expected}", failures, source=str(path)
        )
    out = {}
    failures = []
    for col in meta["columns"]:
        name, kind = col["name"], col["type"]
        converted = _convert(raw[name], kind)
        bad = raw[name].notna() & converted.isna()
        for idx in raw.index[bad]:
            failures.append(
                {"row": int(idx) + 2, "column": name, "value": raw.at[idx, name], "rule": f"type {kind}"}
            )
        out[name] = converted
    if failures:
        raise DataValidationError("cells do not parse as their column type", failures, source=str(path))
    return pd.DataFrame(out)


def _validate(frame: pd.DataFrame, name: str, path: Path) -> pd.DataFrame:
    from aidstats.schemas import SCHEMAS, validate_frame

    schema = SCHEMAS.get(name)
    if schema is None:
        return frame
    return validate_frame(frame, schema, source=str(path))


@functools.lru_cache(maxsize=32)
def _load_cached(name: str, data_dir: Path, validate: bool) -> pd.DataFrame:
    meta = _sidecar(name, data_dir)
    path = data_dir / f"{name}.csv"
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataValidationError(f"cannot read as UTF-8 CSV: {exc}", source=str(path)) from exc
    frame = _parse(raw, meta, path)
    return _validate(frame, name, path) if validate else frame


def _provenance(meta: DatasetInfo) -> dict[str, Any]:
    return {
        "dataset": meta.name,
        "title": meta.title,
        "version": meta.version,
        "licence": meta.licence,
        "sources": [s.as_dict() for s in meta.sources],
        "retrieved": sorted({s.retrieved for s in meta.sources}),
        "units": meta.units,
        "source_line": meta.source_line,
    }


def load(name: str, *, data_dir: str | Path | None = None, validate: bool = True) -> pd.DataFrame:
    """Load dataset ``name`` as a typed, validated DataFrame.

    Parameters
    ----------
    name
        One of :func:`names`.
    data_dir
        Folder holding the CSVs and sidecars; the bundled data by default.
    validate
        Check the frame against its pandera schema (on by default).

    Returns
    -------
    pandas.DataFrame
        A fresh copy, with provenance (title, sources with citation, URL and
        upstream file hashes, licence, version, retrieval date, units) in
        ``df.attrs["aidstats"]``.

    Raises
    ------
    UnknownDatasetError
        ``name`` is not a dataset; the message lists the valid names.
    DataValidationError
        The file breaks its schema; ``.failures`` holds every failing cell
        (row, column, value, rule).

    Examples
    --------
    >>> from aidstats import datasets
    >>> aid = datasets.load("aid_monthly")
    >>> print(f'{aid.loc[aid["category"] == "military", "eur_bn"].sum():.1f} bn EUR')
    173.0 bn EUR
    """
    directory = _data_dir(data_dir).resolve()
    frame = _load_cached(name, directory, validate).copy()
    frame.attrs = {"aidstats": _provenance(info(name, data_dir=directory))}
    return frame
