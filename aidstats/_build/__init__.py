"""Rebuild the bundled ``datasets/`` from the upstream raw files.

Run ``aidstats datasets build`` (or ``python -m aidstats datasets build``). Each builder
module exposes ``build(raw_dir) -> list[BuiltDataset]``; this module writes
every dataset, its JSON sidecar and one Frictionless ``datapackage.json``.
The output is byte-identical for identical inputs.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from aidstats._build._common import BuiltDataset, write_dataset
from aidstats._files import atomic_write_text, dump_json

__all__ = ["BUILDERS", "build_all"]

BUILDERS = (
    "aidstats._build.aid",
    "aidstats._build.statements",
    "aidstats._build.groups",
    "aidstats._build.strikes",
    "aidstats._build.strike_tables",
    "aidstats._build.salvos",
)


def _collect(raw_dir: Path) -> list[BuiltDataset]:
    built: list[BuiltDataset] = []
    for module_name in BUILDERS:
        built.extend(importlib.import_module(module_name).build(raw_dir))
    return sorted(built, key=lambda b: b.name)


def _datapackage(metas: list[dict[str, Any]]) -> dict[str, Any]:
    resources = []
    for meta in metas:
        schema: dict[str, Any] = {"fields": meta["columns"], "primaryKey": meta["primary_key"]}
        resources.append(
            {
                "name": meta["name"],
                "path": f"{meta['name']}.csv",
                "title": meta["title"],
                "description": meta["description"],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": schema,
                "sources": [
                    {"title": s["title"], "path": s["url"]} if s["url"] else {"title": s["title"]}
                    for s in meta["sources"]
                ],
                "licenses": [{"name": "other", "title": meta["licence"]}],
            }
        )
    return {
        "name": "aidstats-datasets",
        "title": "aidstats bundled datasets",
        "profile": "tabular-data-package",
        "resources": resources,
    }


def build_all(raw_dir: Path, out_dir: Path) -> list[dict[str, Any]]:
    """Build every bundled dataset from ``raw_dir`` into ``out_dir``; return the sidecars."""
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    if not raw_dir.is_dir():
        from aidstats.errors import AidstatsError

        raise AidstatsError(f"upstream data folder {raw_dir} does not exist")
    out_dir.mkdir(parents=True, exist_ok=True)
    metas = [write_dataset(b, out_dir) for b in _collect(raw_dir)]
    atomic_write_text(out_dir / "datapackage.json", dump_json(_datapackage(metas)))
    return metas
