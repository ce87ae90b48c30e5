"""Builder of ``official_statements``: official monthly/weekly claims, typed as claims.

The compilation is the base file plus every file of ``additions/`` in date
order. Each statement gets a stable identifier derived from what it says, so
that ids do not move when statements are added (see :func:`statement_id`).
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd

from aidstats._build.dataset import BuiltDataset, Column
from aidstats._build.inputs import BuildInputs
from aidstats._core.vocab import CLAIM_MEASURES as MEASURES
from aidstats._core.vocab import QUALIFIERS
from aidstats.errors import AidstatsError

ID_PREFIX = "st-"
ID_FIELDS = ("period_start", "period_end", "speaker", *MEASURES, "source_url")

# Wording in the source -> the four qualifiers a reconciliation can reason about.
_WORDING = {
    "over": "over",
    "more than": "over",
    "at least": "over",
    "nearly": "nearly",
    "almost": "nearly",
    "up to": "up_to",
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
        lead = next(
            (w for w in sorted(_WORDING, key=len, reverse=True) if wording.lower().startswith(w)),
            None,
        )
        qual[match["measure"]] = _WORDING[lead] if lead else "about"
        rest = wording[len(lead) :].strip() if lead else wording
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
        return match[1], text[match.end() :].strip(" ()") or ""
    return None, text


def statement_id(row: dict[str, str]) -> str:
    """The stable identifier of a statement: ``st-`` and 10 hex digits of a SHA-256.

    The hash covers the period (start, end), the speaker, the four figures
    (digits only, so ``1,300`` and ``1300`` agree) and the source URL, joined
    by a unit separator. Adding, removing or reordering other statements never
    changes it; correcting one of these fields does (it is then another claim).
    """
    parts = []
    for field in ID_FIELDS:
        value = str(row[field]).strip()
        parts.append(re.sub(r"[^0-9]", "", value) if field in MEASURES else value)
    return ID_PREFIX + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def official_statements(inputs: BuildInputs) -> BuiltDataset:
    raw = inputs.statement_rows
    records = []
    for rec in raw.to_dict("records"):
        qual, remarks, notes = _qualifiers(rec["qualifier"])
        published, published_note = _published(rec["published"])
        row: dict[str, object] = {
            "statement_id": statement_id(rec),
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
            compiled_in=f"{rec['file']}:{rec['row']}",
        )
        records.append(row)
    frame = pd.DataFrame(records)
    repeated = frame.loc[frame["statement_id"].duplicated(keep=False), "compiled_in"].tolist()
    if repeated:
        raise AidstatsError(
            f"official statements: the same statement appears twice: {', '.join(repeated)}"
        )
    for measure in MEASURES:
        frame[measure] = frame[measure].astype("Int64")
    measure_columns: list[Column] = []
    for measure in MEASURES:
        label = measure.replace("_", " ")
        measure_columns += [
            Column(
                measure,
                "integer",
                f"Claimed number of {label} (missing where the statement gives none)",
                "count",
            ),
            Column(
                f"{measure}_qualifier",
                "string",
                f"How the {label} figure was qualified: {', '.join(QUALIFIERS)}",
            ),
            Column(
                f"{measure}_remark",
                "string",
                f"What the {label} figure counts, as the source words it (e.g. 'Shaheds')",
            ),
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
            Column(
                "statement_id",
                "string",
                "Stable identifier: 'st-' and 10 hex digits of the SHA-256 of period, speaker, figures and source URL",
            ),
            Column("period_start", "date", "First day the figures cover"),
            Column("period_end", "date", "Last day the figures cover"),
            Column(
                "period_kind",
                "string",
                "month, week or other (part-month, multi-month, year-to-date, cumulative)",
            ),
            Column("period_note", "string", "What the period is, where not a plain month or week"),
            *measure_columns,
            Column("speaker", "string", "Who made the statement"),
            Column("source_title", "string", "Title of the published source"),
            Column("source_url", "string", "URL of the published source"),
            Column("published", "date", "Publication date (missing where the source shows no day)"),
            Column(
                "published_note",
                "string",
                "The publication date as the compiler gave it, where not a plain day",
            ),
            Column("qualifier_raw", "string", "The compiler's qualifier cell, verbatim"),
            Column("quote", "string", "The quoted sentence, in the source's language"),
            Column(
                "compiled_in",
                "string",
                "File of the compilation and data row the statement comes from",
            ),
        ),
        primary_key=("statement_id",),
        order=("period_start", "period_end", "statement_id"),
        frame=frame,
        sources=(inputs.statements_source(),),
        version=f"{inputs.releases['statements'].release} compilation ({len(frame)} statements)",
        period_column="period_start",
        notes=(
            "Qualifiers are bounds: 'over'/'more than'/'at least' a lower bound, 'nearly'/'almost' and "
            "'up to' upper bounds ('up_to' has no floor), 'about' two-sided (aidstats._core.vocab.QUALIFIER_BOUNDS).",
            "statement_id is derived from the statement itself (period, speaker, figures, source URL), so it "
            "stays the same when statements are added to the compilation.",
            "Week boundaries are mostly inferred (Monday to the day of the statement).",
            "'drones' means different things by speaker and period (Shaheds, attack drones, all drones); see the remark columns.",
            "July 2025 glide bombs: the President (>5,100) and the Ministry of Defence (3,786) disagree; both rows are kept.",
        ),
    )


def build(inputs: BuildInputs) -> list[BuiltDataset]:
    return [official_statements(inputs)]
