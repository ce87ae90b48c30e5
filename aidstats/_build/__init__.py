"""Rebuild the bundled ``datasets/`` from the upstream raw files.

Run ``aidstats datasets build`` (or ``python -m aidstats datasets build``). The build
finds the releases the raw folder holds (:mod:`aidstats._read.releases`),
builds from the newest of each source (or the ones asked for), reads each
once (:class:`~aidstats._build.inputs.BuildInputs`), and writes every dataset,
its JSON sidecar and one Frictionless ``datapackage.json``. The output is
byte-identical for identical inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from aidstats._build import aid, groups, salvos, statements, strike_totals, volume, weapons
from aidstats._build.dataset import BuiltDataset, write_dataset
from aidstats._build.inputs import BuildInputs
from aidstats._files import atomic_write_text, dump_json
from aidstats.errors import OutputPathError

__all__ = ["BUILDERS", "BuildInputs", "build_all", "check_out_dir"]

BUILDERS = (aid, statements, groups, weapons, strike_totals, volume, salvos)


def _collect(inputs: BuildInputs) -> list[BuiltDataset]:
    built: list[BuiltDataset] = []
    for module in BUILDERS:
        built.extend(module.build(inputs))
    return sorted(built, key=lambda b: b.name)


def _datapackage(metas: list[dict[str, Any]], inputs: BuildInputs) -> dict[str, Any]:
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
        "releases": {source: release.release for source, release in inputs.releases.items()},
        "resources": resources,
    }


def check_out_dir(out_dir: str | Path) -> Path:
    """``out_dir`` as a path; a file there (not a folder) is refused before any work is done."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputPathError(f"--out {out} is a file, not a folder")
    return out


def build_all(
    raw_dir: str | Path,
    out_dir: str | Path,
    *,
    releases: Mapping[str, str] | None = None,
    catalog: str | Path | None = None,
) -> list[dict[str, Any]]:
    """Build every bundled dataset from ``raw_dir`` into ``out_dir``; return the sidecars.

    Parameters
    ----------
    raw_dir
        The upstream folder (layout of ``../shared/data``).
    out_dir
        Where the CSVs, sidecars and ``datapackage.json`` go.
    releases
        ``{source: release}`` for sources to build from another release than
        the newest (sources: ``strikes``, ``aid``, ``statements``).
    catalog
        A user weapon catalogue (CSV: alias, model, weapon_class, weapon_group)
        merged over the bundled one, its rows winning; the sidecars say so.
    """
    out = check_out_dir(out_dir)
    inputs = BuildInputs(raw_dir, releases, catalog)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputPathError(f"cannot create the folder {out}: {exc.strerror or exc}") from None
    metas = [write_dataset(b, out) for b in _collect(inputs)]
    atomic_write_text(out / "datapackage.json", dump_json(_datapackage(metas, inputs)))
    return metas
