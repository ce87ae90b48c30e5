"""Builder of ``official_statements``: official monthly/weekly claims, typed as claims."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from aidstats._build._common import STATEMENTS, BuiltDataset, Column, source_with_files
from aidstats._core.vocab import CLAIM_MEASURES as MEASURES
from aidstats._core.vocab import QUALIFIERS

# Wording in the source -> the four qualifiers a reconciliation can reason about.
_WORDING = {
    "over": "over",
    "more than": "over",
    "at least": "over",
    "nearly": "nearly",
    "almost": "nearly",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "exact": "exact",
}
_TOKEN = re.compile(r"^\s*(?P<measure>[a-z_]+)\s*=\s*(?P<wording>.*)$")


def _qualifiers(text: str) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Split a qualifier cell into per-measure qualifiers, per-measure remarks and period notes."""
    qual: dict[str, str] = {}
    remarks: dict[str, str] = {}
    notes: list[str] = []
    default = None
    for token in (t for t in text.split(";") if t.strip()):
        match = _TOKEN.match(token)
        if match is None or match["measure"] not in MEASURES:
            stripped = token.strip()
            if stripped.lower() in _WORDING:
                default = _WORDING[stripped.lower()]
            else:
                notes.append(stripped)
            continue
        wording = match["wording"].strip()
        lead = next((w for w in sorted(_WORDING, key=len, reverse=True) if wording.lower().startswith(w)), None)
        qual[match["measure"]] = _WORDING[lead] if lead else "about"
        rest = wording[len(lead):].strip() if lead else wording
        if rest:
            remarks[match["measure"]] = rest.strip("() ")
    if default is not None:
        for measure in MEASURES:
            qual.setdefault(measure, default)
    return qual, remarks, notes


def _number(value: object) -> float:
    text = str(value).replace(",", "").strip()
    return float(text) if text not in ("", "nan") else float("nan")


def _published(text: str) -> tuple[str | None, str]:
    match = re.match(r"^(\d{4}-\d{2}-\d{2})", text)
    if match:
        return match[1], text[match.end():].strip(" ()") or ""
    return None, text


def official_statements(raw_dir: Path) -> BuiltDataset:
    path = raw_dir / "statements" / "official_statements.csv"
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    records = []
    for i, rec in enumerate(raw.to_dict("records")):
        qual, remarks, notes = _qualifiers(rec["qualifier"])
        published, published_note = _published(rec["published"])
        row: dict[str, object] = {
            "statement_id": i + 1,
            "period_start": rec["period_start"],
            "period_end": rec["period_end"],
            "period_kind": rec["period_kind"],
            "period_note": "; ".join(notes),
        }
        for measure in MEASURES:
            value = _number(rec[measure])
            row[measure] = value
            row[f"{measure}_qualifier"] = qual.get(measure, "exact") if value == value else None
            row[f"{measure}_remark"] = remarks.get(measure, "") if value == value else ""
        row.update(
            speaker=rec["speaker"],
            source_title=rec["source_title"],
            source_url=rec["source_url"],
            published=published,
            published_note=published_note,
            qualifier_raw=rec["qualifier"],
            quote=rec["quote"],
        )
        records.append(row)
    frame = pd.DataFrame(records)
    for measure in MEASURES:
        frame[measure] = frame[measure].astype("Int64")
    measure_columns: list[Column] = []
    for measure in MEASURES:
        label = measure.replace("_", " ")
        measure_columns += [
            Column(measure, "integer", f"Claimed number of {label} (missing where the statement gives none)", "count"),
            Column(f"{measure}_qualifier", "string", f"How the {label} figure was qualified: over, nearly, about or exact"),
            Column(f"{measure}_remark", "string", f"What the {label} figure counts, as the source words it (e.g. 'Shaheds')"),
        ]
    return BuiltDataset(
        name="official_statements",
        title="Official Ukrainian statements of missile, drone and glide-bomb launches",
        description=(
            "Monthly, weekly and other-period totals of Russian missiles, ballistic missiles, "
            "drones and glide bombs as stated by Ukrainian officials, one row per statement. "
            "These are claims, not counts: each figure carries its qualifier ('over', 'nearly', "
            "'about', 'exact'), and conflicting statements for one period are all kept. The only "
            "source here for glide bombs."
        ),
        columns=(
            Column("statement_id", "integer", "Row number of the statement in the compiled source file"),
            Column("period_start", "date", "First day the figures cover"),
            Column("period_end", "date", "Last day the figures cover"),
            Column("period_kind", "string", "month, week or other (part-month, multi-month, year-to-date, cumulative)"),
            Column("period_note", "string", "What the period is, where not a plain month or week"),
            *measure_columns,
            Column("speaker", "string", "Who made the statement"),
            Column("source_title", "string", "Title of the published source"),
            Column("source_url", "string", "URL of the published source"),
            Column("published", "date", "Publication date (missing where the source shows no day)"),
            Column("published_note", "string", "The publication date as the compiler gave it, where not a plain day"),
            Column("qualifier_raw", "string", "The compiler's qualifier cell, verbatim"),
            Column("quote", "string", "The quoted sentence, in the source's language"),
        ),
        primary_key=("statement_id",),
        frame=frame,
        sources=(source_with_files(STATEMENTS, [path]),),
        version=f"2026-11 compilation ({len(frame)} statements)",
        period_column="period_start",
        notes=(
            "Week boundaries are mostly inferred (Monday to the day of the statement).",
            "'drones' means different things by speaker and period (Shaheds, attack drones, all drones); see the remark columns.",
            "July 2025 glide bombs: the President (>5,100) and the Ministry of Defence (3,786) disagree; both rows are kept.",
        ),
    )


def build(raw_dir: Path) -> list[BuiltDataset]:
    return [official_statements(raw_dir)]
