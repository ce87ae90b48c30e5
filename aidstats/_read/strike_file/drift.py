"""Schema drift said out loud: columns the reader does not know, optional columns a file lacks, withheld rows.

Upstream adds and drops columns between releases. :func:`drift_message`
writes the one warning about them: unknown columns are named (and kept in the
event frame when they hold simple scalars: numbers, or text that is not a
list or dict), and optional columns missing from a file that otherwise
follows a newer schema are named with what their absence disables.

Rows whose figures were not disclosed are marked by a status column
(:data:`WITHHELD_MARKERS`; today ``status_data`` = ``hidden``, from
2026-08-13): their placeholder zeros mean *not disclosed*, so the reader makes
them missing (:func:`withheld_rows`).

Examples
--------
>>> from aidstats._read.strike_file.drift import closest_missing
>>> names = [c for c in ("time_start,time_end,model,launch_place,target,target_main,launched,destroyed,"
...          "not_reach_goal,still_attacking,border_crossing,num_hit_location,num_fall_fragment_location,"
...          "carrier,turbojet,turbojet_destroyed,affected region,destroyed_details,launched_details,"
...          "launch_place_details,source").split(",")]
>>> closest_missing(names, "v2023-9col")
('v2026-22col', ['is_shahed'])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aidstats._read.strike_file.cells import number_of
from aidstats._read.strike_file.coded import Coded, strings
from aidstats._read.strike_file.columns import COLUMNS, HEADER_ALIASES, KNOWN_SCHEMAS, USED
from aidstats._read.strike_file.shown import MAX_ITEMS, bounded, shorten

__all__ = [
    "DISABLES",
    "KNOWN_OPTIONAL",
    "WITHHELD_MARKERS",
    "closest_missing",
    "drift_message",
    "extra_columns",
    "unknown_columns",
    "withheld_rows",
]

#: Status column -> the values that mark a row's figures as withheld (matched case-insensitively).
WITHHELD_MARKERS: dict[str, tuple[str, ...]] = {
    "status_data": ("hidden", "withheld", "undisclosed", "not_disclosed", "classified"),
}
#: Columns known besides those of the schema versions.
KNOWN_OPTIONAL: tuple[str, ...] = tuple(WITHHELD_MARKERS)
#: What a file without each optional column cannot give.
DISABLES: dict[str, str] = {
    "not_reach_goal": "the locationally-lost count, so neutralised shares are destroyed only",
    "still_attacking": "the count of weapons still in the air at report time",
    "is_shahed": "the split of attack drones from decoys (Shahed-type rows count whole as attack drones)",
    "launched_details": "splitting composite rows by model (they stay whole, as mixed or combined classes)",
    "destroyed_details": "splitting destroyed counts of composite rows by model",
    "launch_place_details": "launch places of the parts of a split composite",
    "affected region": "the affected regions",
}
_KNOWN = frozenset(c for cols in KNOWN_SCHEMAS.values() for c in cols) | set(KNOWN_OPTIONAL)


def unknown_columns(header: list[str]) -> list[str]:
    """Columns of ``header`` that no known schema version has (empty names left out)."""
    return [c for c in dict.fromkeys(header) if c and c not in _KNOWN and c not in HEADER_ALIASES]


def closest_missing(header: list[str], version: str) -> tuple[str, list[str]]:
    """(the schema version ``header`` follows, the columns the reader uses that ``header`` lacks).

    A header follows the version it shares most columns with, where it has at
    least half of that version's columns beyond those of the version it
    matched (a newer release that dropped or renamed a column; not an older
    file, nor a hand-made one with a column or two added). Nothing is missing
    where that is the version the header matched.
    """
    present = set(header)
    closest = max(
        KNOWN_SCHEMAS, key=lambda v: (len(present & set(KNOWN_SCHEMAS[v])), -len(KNOWN_SCHEMAS[v]))
    )
    beyond = [c for c in KNOWN_SCHEMAS[closest] if c not in KNOWN_SCHEMAS[version]]
    if closest == version or 2 * len(present.intersection(beyond)) < len(beyond):
        return version, []
    return closest, [c for c in KNOWN_SCHEMAS[closest] if c not in present and c in USED]


def _scalar(frame: pd.DataFrame, name: str) -> pd.Series | np.ndarray | None:
    """The column as float64 (all numbers) or text (no list or dict); None where it holds literals."""
    coded = Coded(frame, name)
    values = [u for u in coded.uniques if u]
    if any(v[:1] in ("[", "{", "(") for v in values):
        return None
    numbers = [number_of(v) for v in coded.uniques]
    if not any(bad for _, bad in numbers):
        return np.array([v for v, _ in numbers], dtype="float64")[coded.codes]
    return strings(coded.uniques, coded.codes)


def extra_columns(raw: pd.DataFrame, names: list[str]) -> tuple[dict[str, object], list[str]]:
    """({output name: values} of the unknown columns kept, names of those not kept).

    An output name that clashes with an event-frame column is prefixed ``file_``.
    """
    kept: dict[str, object] = {}
    dropped: list[str] = []
    for name in names:
        values = _scalar(raw, name)
        if values is None:
            dropped.append(name)
            continue
        out = f"file_{name}" if name in COLUMNS else name
        kept[out] = values
    return kept, dropped


def withheld_rows(raw: pd.DataFrame) -> tuple[np.ndarray, str | None]:
    """(rows whose figures were withheld, the status column that says so, or None)."""
    for column, markers in WITHHELD_MARKERS.items():
        if column in raw.columns:
            coded = Coded(raw, column)
            marked = np.array([u.casefold() in markers for u in coded.uniques], dtype=bool)
            return marked[coded.codes], column
    return np.zeros(len(raw), dtype=bool), None


def _names(columns: list[str]) -> str:
    """Column names as the warning shows them: quoted, cut where long, the first twenty."""
    return bounded([repr(shorten(c)) for c in columns[:MAX_ITEMS]], sep=", ", total=len(columns))


def drift_message(
    label: str, version: str, header: list[str], kept: list[str], dropped: list[str]
) -> str | None:
    """The one warning about columns: unknown ones (kept or not), missing optional ones; None if neither."""
    parts = []
    if kept or dropped:
        text = f"columns not in any known schema version: {_names([*kept, *dropped])}"
        if kept:
            text += f"; kept in the event frame as read: {_names(kept)}"
        if dropped:
            text += f"; not kept (they hold lists or dicts): {_names(dropped)}"
        parts.append(text)
    closest, missing = closest_missing(header, version)
    if missing:
        lost = "; ".join(f"{c!r} (disables {DISABLES.get(c, 'nothing else')})" for c in missing)
        parts.append(f"read as schema {version}, but the file follows {closest} without: {lost}")
    if not parts:
        return None
    return f"{label}: " + ". ".join(parts) + "."
