"""The column contract of the strike-file reader: the input schema versions and the output columns.

Input: every published version of the "Massive Missile Attacks on Ukraine"
file, from the early 9-column layout to the 22-column 2026 one
(:data:`KNOWN_SCHEMAS`). Output: the event frame whose columns and dtypes are
:data:`COLUMNS`; :func:`aidstats.read_strike_events` documents what each
column holds.

Examples
--------
>>> from aidstats._read.strike_file.columns import COLUMNS, KNOWN_SCHEMAS
>>> len(KNOWN_SCHEMAS["v2023-9col"]), len(KNOWN_SCHEMAS["v2026-22col"])
(9, 22)
>>> COLUMNS["launched"], COLUMNS["invalid_reason"]
('float64', 'str')
"""

from __future__ import annotations

__all__ = [
    "BASE9",
    "COLUMNS",
    "COUNTS",
    "DATES",
    "DETAILS",
    "EXTRA",
    "HEADER_ALIASES",
    "MISSING",
    "KNOWN_SCHEMAS",
    "STR_COLUMNS",
    "USED",
]

BASE9 = (
    "time_start",
    "time_end",
    "model",
    "launch_place",
    "target",
    "carrier",
    "launched",
    "destroyed",
    "source",
)
"""The columns every version has: the required columns of the earliest one."""

DETAILS = ("affected region", "destroyed_details", "launched_details", "launch_place_details")
"""The columns holding Python-literal text (a list of regions, dicts by model or region)."""

KNOWN_SCHEMAS: dict[str, tuple[str, ...]] = {
    # Early 2023: integer counts, reference file missiles_and_uav.csv.
    "v2023-9col": BASE9,
    # 2024: locationally-lost and in-the-air counts, Belarus/Russia crossings in two columns.
    "v2024-cross-border": (
        *BASE9,
        "not_reach_goal",
        "still_attacking",
        "cross_border_belarus",
        "back_russia",
    ),
    # 2025: the crossings merged into one dict column, is_shahed added.
    "v2025-border-crossing": (
        *BASE9,
        "not_reach_goal",
        "still_attacking",
        "border_crossing",
        "is_shahed",
    ),
    # 2026: 22 columns.
    "v2026-22col": (
        "time_start",
        "time_end",
        "model",
        "launch_place",
        "target",
        "target_main",
        "launched",
        "destroyed",
        "not_reach_goal",
        "still_attacking",
        "border_crossing",
        "is_shahed",
        "num_hit_location",
        "num_fall_fragment_location",
        "carrier",
        "turbojet",
        "turbojet_destroyed",
        *DETAILS,
        "source",
    ),
}
"""Required columns of each known schema version. A file matches the version with the
most required columns that it has; other columns are read when present."""

COUNTS = ("launched", "destroyed", "not_reach_goal", "still_attacking", "is_shahed")
"""The count columns: parsed as float64, checked as whole non-negative numbers."""

DATES = ("time_start", "time_end")
"""The date columns: ``YYYY-MM-DD`` with an optional ``H:MM`` or ``HH:MM[:SS]`` time."""

_TEXT = ("model", "launch_place", "target", "carrier", "source")
USED = (*DATES, *_TEXT, *COUNTS, *DETAILS)
"""Every input column the reader uses; the others are dropped as soon as the file is read."""

HEADER_ALIASES = {"affected_region": "affected region", "affected_regions": "affected region"}
"""Header spellings that name the same column."""

EXTRA = "__extra_fields__"
"""The working column that holds the surplus fields of a row longer than the header."""

MISSING = "__missing_fields__"
"""The working column that holds how many fields a row shorter than the header lacks ("" if none)."""

COLUMNS: dict[str, str] = {
    "line": "int64",
    "post": "str",
    "reporting_command": "str",
    "scope": "str",
    "time_start": "datetime64[ns]",
    "time_end": "datetime64[ns]",
    "start_has_time": "bool",
    "end_has_time": "bool",
    "model_raw": "str",
    "model": "str",
    "weapon_class": "str",
    "weapon_group": "str",
    "is_composite": "bool",
    "split_from_composite": "bool",
    "launched": "float64",
    "destroyed": "float64",
    "not_reach_goal": "float64",
    "still_attacking": "float64",
    "is_shahed": "float64",
    "carrier": "str",
    "launch_place": "str",
    "target": "str",
    "affected_regions": "object",
    "launched_details": "object",
    "destroyed_details": "object",
    "launch_place_details": "object",
    "schema_version": "str",
    "invalid_reason": "str",
    "salvo": "str",
    "salvo_split": "bool",
    "withheld": "bool",
}
"""The output columns in order, with their dtypes (pandas 3 names). Columns of the file that no
known schema version has follow them, as read (see :mod:`aidstats._read.strike_file.drift`)."""

STR_COLUMNS = frozenset(name for name, dtype in COLUMNS.items() if dtype == "str")
"""The output columns of the string dtype (``str`` on pandas 3, ``object`` on pandas 2)."""
