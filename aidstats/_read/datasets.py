"""The bundled-dataset loader: list the datasets, read their sidecars, load them typed and validated.

Every dataset is a tidy CSV with a JSON sidecar (title, column types and
units, sources, licence, version, row count and SHA-256 of the CSV).
:func:`load` parses the CSV by the sidecar's types, validates it against the
dataset's pandera schema in :mod:`aidstats._core.schemas` (every failure
reported, not just the first), checks its row count and SHA-256 against the
sidecar (once per process and file), and puts the provenance in
``df.attrs["aidstats"]``. The public path is :mod:`aidstats.datasets`.

Examples
--------
>>> from aidstats._read.datasets import load
>>> groups = load("donor_groups")
>>> sorted(groups.loc[groups["iso3"] == "FIN", "group"])[:3]
['EU27', 'EU_institutions_and_members', 'Europe']
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from aidstats._files import bundled_dir
from aidstats._read.dataset_info import DatasetInfo, info_from_sidecar
from aidstats.errors import DataValidationError, UnknownDatasetError

__all__ = ["info", "load", "names"]

_DATE_FORMATS = {"date": "%Y-%m-%d", "datetime": "%Y-%m-%dT%H:%M:%S", "yearmonth": "%Y-%m"}


def _data_dir(data_dir: str | Path | None) -> Path:
    return Path(data_dir) if data_dir is not None else bundled_dir()


def _read_json(path: Path) -> dict[str, Any]:
    """A metadata file as a dict; a missing or damaged one is a one-line error naming it."""
    try:
        with open(path, encoding="utf-8") as fh:
            meta = json.load(fh)
    except OSError as exc:
        raise DataValidationError(
            f"cannot read the metadata file: {exc.strerror or exc}", source=str(path)
        ) from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
        raise DataValidationError(f"damaged metadata file: {exc}", source=str(path)) from None
    if not isinstance(meta, dict):
        raise DataValidationError("damaged metadata file: not a JSON object", source=str(path))
    return meta


@functools.lru_cache(maxsize=8)
def _package(data_dir: Path) -> dict[str, Any]:
    path = data_dir / "datapackage.json"
    package = _read_json(path)
    resources = package.get("resources")
    if not isinstance(resources, list) or not all(
        isinstance(r, dict) and isinstance(r.get("name"), str) for r in resources
    ):
        raise DataValidationError(
            "damaged metadata file: no list of named resources", source=str(path)
        )
    return package


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
    path = data_dir / f"{name}.json"
    meta = _read_json(path)
    _info(meta, path)  # every field the loader uses is there
    return meta


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
    return info_from_sidecar(_sidecar(name, _data_dir(data_dir)))


def _info(meta: dict[str, Any], path: Path) -> DatasetInfo:
    try:
        return info_from_sidecar(meta)
    except (KeyError, TypeError, ValueError) as exc:
        raise DataValidationError(
            f"damaged metadata file: {type(exc).__name__} {exc}", source=str(path)
        ) from None


def _convert(raw: pd.Series, kind: str) -> pd.Series:
    """Convert one column of strings to its type; unparseable cells become missing."""
    text = raw.str.strip()
    if kind == "string":
        return raw
    if kind == "integer":
        numbers = pd.to_numeric(text, errors="coerce")
        return numbers.where(numbers.mod(1).eq(0)).astype("Int64")
    if kind == "number":  # inf and -inf are not numbers a dataset holds: they fail like text
        numbers = pd.to_numeric(text, errors="coerce").astype("float64")
        return numbers.where(numbers.abs() != math.inf)
    if kind == "boolean":
        mapped = text.str.lower().map({"true": True, "false": False})
        return mapped.astype("boolean")
    if kind in _DATE_FORMATS:
        parsed = pd.to_datetime(text, format=_DATE_FORMATS[kind], errors="coerce")
        return parsed.astype("datetime64[ns]")
    raise ValueError(f"unknown column type {kind!r}")


def _check_header(raw: pd.DataFrame, meta: dict[str, Any], path: Path) -> None:
    """Raise unless the CSV has exactly the sidecar's columns."""
    expected = [c["name"] for c in meta["columns"]]
    missing = [c for c in expected if c not in raw.columns]
    extra = [c for c in raw.columns if c not in expected]
    if not (missing or extra):
        return
    failures = [{"row": 1, "column": c, "value": None, "rule": "column missing"} for c in missing]
    failures += [{"row": 1, "column": c, "value": None, "rule": "unexpected column"} for c in extra]
    raise DataValidationError(
        f"columns do not match the schema; expected {expected}", failures, source=str(path)
    )


def _parse(raw: pd.DataFrame, meta: dict[str, Any], path: Path) -> pd.DataFrame:
    """The typed frame; every cell that does not parse as its column's type is a failure."""
    _check_header(raw, meta, path)
    out = {}
    failures = []
    for col in meta["columns"]:
        name, kind = col["name"], col["type"]
        converted = _convert(raw[name], kind)
        bad = raw[name].notna() & converted.isna()
        failures += [
            {
                "row": int(idx) + 2,
                "column": name,
                "value": raw.at[idx, name],
                "rule": f"type {kind}",
            }
            for idx in raw.index[bad]
        ]
        out[name] = converted
    if failures:
        raise DataValidationError(
            "cells do not parse as their column type", failures, source=str(path)
        )
    return pd.DataFrame(out)


def _validate(frame: pd.DataFrame, name: str, path: Path) -> pd.DataFrame:
    # The schemas import pandera, which is heavy: they load with the first validated dataset.
    from aidstats._core.schemas import SCHEMAS, validate_frame

    schema = SCHEMAS.get(name)
    if schema is None:
        return frame
    return validate_frame(frame, schema, source=str(path))


def _read_raw(path: Path) -> tuple[pd.DataFrame, str]:
    """(cells as text, SHA-256) of a dataset CSV, read once."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataValidationError(f"cannot read: {exc.strerror or exc}", source=str(path)) from None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataValidationError(
            f"not UTF-8 text: line {line} holds the byte 0x{data[exc.start]:02x}", source=str(path)
        ) from None
    try:
        raw = pd.read_csv(
            io.BytesIO(data), dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8"
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        reason = str(exc).strip().splitlines()[0]
        raise DataValidationError(f"cannot read as CSV: {reason}", source=str(path)) from None
    return raw, hashlib.sha256(data).hexdigest()


def _check_integrity(raw: pd.DataFrame, digest: str, meta: dict[str, Any], path: Path) -> None:
    """Raise unless the CSV has the row count and SHA-256 its sidecar records."""
    rows = meta.get("rows")
    if rows is not None and not isinstance(rows, int):
        raise DataValidationError(
            f"damaged metadata file: rows is {rows!r}, not a count",
            source=str(path.with_suffix(".json")),
        )
    if rows is not None and len(raw) != rows:
        raise DataValidationError(
            f"has {len(raw):,} rows, its sidecar {path.stem}.json says {rows:,}: "
            "the file was cut, extended or replaced",
            source=str(path),
        )
    expected = meta.get("sha256")
    if expected is not None and digest != expected:
        raise DataValidationError(
            f"does not match the SHA-256 in its sidecar {path.stem}.json: the file was changed "
            "after it was built (rebuild it with 'aidstats datasets build', or restore it)",
            source=str(path),
        )


@functools.lru_cache(maxsize=32)
def _load_cached(name: str, data_dir: Path, validate: bool) -> pd.DataFrame:
    meta = _sidecar(name, data_dir)
    path = data_dir / f"{name}.csv"
    raw, digest = _read_raw(path)
    frame = _parse(raw, meta, path)
    if validate:
        frame = _validate(frame, name, path)
    _check_integrity(raw, digest, meta, path)
    return frame


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
        # the days the data cover: a subset (one weapon class) keeps them, so a month
        # without launches of that class at its end is still a complete month
        "period": list(meta.period) if meta.period else None,
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
        The file breaks its schema (``.failures`` holds every failing cell:
        row, column, value, rule); its row count or SHA-256 differ from its
        sidecar's (a cut, edited or damaged copy); or its sidecar or
        ``datapackage.json`` is damaged. The message names the file.

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
