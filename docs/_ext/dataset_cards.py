"""Dataset cards: one page per bundled dataset, generated from its JSON sidecar in ``datasets/``.

The sidecar is the single description of a dataset (the loader reads it too),
so the cards cannot drift from the data: every build regenerates them. A card
shows the title and description, the facts (rows, period, primary key,
version, licence), every column with its type, unit and the dtype
:func:`aidstats.datasets.load` gives it, every source with its citation, URL,
release and the SHA-256 of each upstream file, and the notes. Keys a sidecar
gains later are listed under "More metadata" rather than dropped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from _generated import GENERATED_NOTICE, md_escape, remove_stale, write_if_changed
from sphinx.application import Sphinx

SHOWN_KEYS = {
    "name",
    "title",
    "description",
    "columns",
    "sources",
    "notes",
    "rows",
    "period",
    "primary_key",
    "version",
    "licence",
}
COLUMN_KEYS = ("name", "type", "unit", "description")
SOURCE_KEYS = (
    "title",
    "citation",
    "url",
    "release",
    "retrieved",
    "licence",
    "files",
    "name",
    "short",
)


def sidecars(datasets_dir: Path) -> list[Path]:
    """The dataset sidecars, sorted by name (the Frictionless ``datapackage.json`` is not one)."""
    return sorted(p for p in datasets_dir.glob("*.json") if p.name != "datapackage.json")


def _loaded_dtypes(name: str) -> dict[str, str]:
    """Column -> dtype of the dataset as loaded (validated) by aidstats; empty if it cannot load."""
    from aidstats import datasets

    frame = datasets.load(name)
    return {str(col): str(dtype) for col, dtype in frame.dtypes.items()}


def _period(meta: dict[str, Any]) -> str:
    period = meta.get("period")
    if not period:
        return "-"
    return f"{period.get('start', '?')} to {period.get('end', '?')}"


def _facts(meta: dict[str, Any]) -> list[str]:
    key = ", ".join(f"`{k}`" for k in meta.get("primary_key", [])) or "-"
    rows = [
        ("Rows", f"{meta.get('rows', 0):,}"),
        ("Period", md_escape(_period(meta))),
        ("Primary key", key),
        ("Version (release)", md_escape(str(meta.get("version", "-")))),
        ("Licence", md_escape(str(meta.get("licence", "-")))),
    ]
    return [f"- **{label}:** {value}" for label, value in rows]


def _columns(meta: dict[str, Any], dtypes: dict[str, str]) -> list[str]:
    lines = ["| column | type (unit) | dtype after load | description |", "|---|---|---|---|"]
    for column in meta.get("columns", []):
        extra = {k: v for k, v in column.items() if k not in COLUMN_KEYS}
        description = md_escape(str(column.get("description", "")))
        if extra:
            description += " " + md_escape(json.dumps(extra, ensure_ascii=False, sort_keys=True))
        kind = md_escape(str(column.get("type", "")))
        if column.get("unit"):
            kind += f" ({md_escape(str(column['unit']))})"
        lines.append(
            f"| `{column['name']}` | {kind} | `{dtypes.get(column['name'], '-')}` | {description} |"
        )
    return lines


def _source(source: dict[str, Any]) -> list[str]:
    lines = [f"### {md_escape(str(source.get('title', source.get('name', 'source'))))}", ""]
    if source.get("citation"):
        lines += [f"**Cite as:** {md_escape(source['citation'])}", ""]
    facts = [
        ("URL", f"<{source['url']}>" if source.get("url") else ""),
        ("Release", md_escape(str(source.get("release", "")))),
        ("Retrieved", md_escape(str(source.get("retrieved", "")))),
        ("Licence", md_escape(str(source.get("licence", "")))),
        ("Registry key", f"`{source['name']}`" if source.get("name") else ""),
        ("Source line on figures", md_escape(str(source.get("short", "")))),
    ]
    facts += [
        (md_escape(k), md_escape(json.dumps(v, ensure_ascii=False)))
        for k, v in source.items()
        if k not in SOURCE_KEYS
    ]
    lines += [f"- **{label}:** {value}" for label, value in facts if value]
    files = source.get("files") or {}
    if files:
        lines += ["", "| upstream file | SHA-256 |", "|---|---|"]
        lines += [f"| `{name}` | `{digest}` |" for name, digest in sorted(files.items())]
    return [*lines, ""]


def card(meta: dict[str, Any], dtypes: dict[str, str]) -> str:
    """The Markdown text of one dataset's card."""
    name = meta["name"]
    lines = [
        "---",
        "html_theme.sidebar_secondary.remove: true  # the column table needs the width",
        "---",
        f"<!-- {GENERATED_NOTICE} -->",
        "",
        f"(dataset-{name})=",
        f"# `{name}`",
        "",
        f"**{md_escape(str(meta.get('title', name)))}**",
        "",
        md_escape(str(meta.get("description", ""))),
        "",
        *_facts(meta),
        "",
        "```python",
        "from aidstats import datasets",
        "",
        f'df = datasets.load("{name}")  # typed, validated; provenance in df.attrs',
        f'datasets.info("{name}")  # the facts of this card, as an object',
        "```",
        "",
        "## Columns",
        "",
        *_columns(meta, dtypes),
        "",
        "## Sources",
        "",
    ]
    for source in meta.get("sources", []):
        lines += _source(source)
    notes = meta.get("notes") or []
    if notes:
        lines += ["## Notes", ""]
        lines += [f"- {md_escape(str(note))}" for note in notes]
        lines.append("")
    more = {k: v for k, v in meta.items() if k not in SHOWN_KEYS}
    if more:
        lines += [
            "## More metadata",
            "",
            "```json",
            json.dumps(more, indent=2, ensure_ascii=False),
            "```",
            "",
        ]
    return "\n".join(lines)


def index_table(metas: list[dict[str, Any]]) -> str:
    """The Markdown table listing every dataset with a link to its card (included by datasets/index.md)."""
    lines = [
        f"<!-- {GENERATED_NOTICE} -->",
        "",
        "| dataset | what it holds | rows | period |",
        "|---|---|---:|---|",
    ]
    for meta in metas:
        name = meta["name"]
        lines.append(
            f"| {{ref}}`{name} <dataset-{name}>` | {md_escape(str(meta.get('title', '')))} "
            f"| {meta.get('rows', 0):,} | {md_escape(_period(meta))} |"
        )
    return "\n".join(lines) + "\n"


def generate(app: Sphinx) -> None:
    """Write ``datasets/generated/<name>.md`` for every sidecar, and the index table."""
    srcdir = Path(app.srcdir)
    out = srcdir / "datasets" / "generated"
    metas = [
        json.loads(p.read_text(encoding="utf-8")) for p in sidecars(srcdir.parent / "datasets")
    ]
    for meta in metas:
        write_if_changed(out / f"{meta['name']}.md", card(meta, _loaded_dtypes(meta["name"])))
    write_if_changed(out / "table.md.txt", index_table(metas))
    remove_stale(out, {f"{m['name']}.md" for m in metas}, "*.md")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
