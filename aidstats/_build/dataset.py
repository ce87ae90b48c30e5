"""Pieces shared by every dataset builder: column specs, the built dataset, deterministic writing."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import Any

import pandas as pd

from aidstats._files import atomic_write_text, dump_json

__all__ = ["BuiltDataset", "Column", "write_dataset"]

# Frictionless Table Schema types used in the sidecars (and what load() turns them into).
FRICTIONLESS_TYPES = {"string", "integer", "number", "boolean", "date", "datetime", "yearmonth"}


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of a bundled dataset: name, Frictionless type, unit and meaning."""

    name: str
    type: str
    description: str
    unit: str | None = None

    def __post_init__(self) -> None:
        if self.type not in FRICTIONLESS_TYPES:
            raise ValueError(f"column {self.name}: unknown type {self.type!r}")

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "description": self.description,
        }
        if self.unit is not None:
            out["unit"] = self.unit
        return out


@dataclasses.dataclass(frozen=True)
class BuiltDataset:
    """A dataset as a builder produces it, before it is written."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    frame: pd.DataFrame
    sources: tuple[dict[str, Any], ...]
    version: str
    period_column: str | None = None
    notes: tuple[str, ...] = ()
    order: tuple[str, ...] | None = None  # row order of the CSV; the primary key by default

    def sidecar(self) -> dict[str, Any]:
        licences = sorted({s["licence"] for s in self.sources})
        meta: dict[str, Any] = {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "version": self.version,
            "licence": "; ".join(licences),
            "sources": list(self.sources),
            "columns": [c.as_json() for c in self.columns],
            "primary_key": list(self.primary_key),
            "rows": len(self.frame),
            "notes": list(self.notes),
        }
        if self.period_column is not None and len(self.frame):
            values = self.frame[self.period_column].dropna().astype(str)
            meta["period"] = {"start": values.min(), "end": values.max()}
        return meta


def _check_columns(built: BuiltDataset) -> None:
    expected = [c.name for c in built.columns]
    if list(built.frame.columns) != expected:
        raise ValueError(
            f"{built.name}: frame columns {list(built.frame.columns)} != spec {expected}"
        )


def _as_integers(values: pd.Series, where: str) -> pd.Series:
    numbers = pd.to_numeric(values)
    if (numbers.dropna() % 1 != 0).any():
        raise ValueError(f"{where}: integer column holds fractions")
    return numbers.astype("Int64")


def write_dataset(built: BuiltDataset, out_dir: Path) -> dict[str, Any]:
    """Write ``<name>.csv`` and ``<name>.json`` deterministically; return the sidecar.

    The sidecar records the CSV's row count (``rows``) and SHA-256 (``sha256``).
    """
    _check_columns(built)
    frame = built.frame.sort_values(
        list(built.order or built.primary_key), kind="mergesort"
    ).reset_index(drop=True)
    for column in built.columns:  # whole numbers are written without a decimal point
        if column.type == "integer":
            frame[column.name] = _as_integers(frame[column.name], f"{built.name}.{column.name}")
    csv_text = frame.to_csv(index=False, lineterminator="\n")
    atomic_write_text(out_dir / f"{built.name}.csv", csv_text)
    # The loader checks the CSV against these: a cut, edited or damaged copy does not load silently.
    meta = {**built.sidecar(), "sha256": hashlib.sha256(csv_text.encode("utf-8")).hexdigest()}
    atomic_write_text(out_dir / f"{built.name}.json", dump_json(meta))
    return meta
