"""The raw Air Force strike file: any published schema version into the event frame.

Modules, in the order a read runs through them: :mod:`.columns` (the column
contract), :mod:`.scan` (input scanning), :mod:`.header` (column names and
schema version), :mod:`.table` (records to raw cells), :mod:`.coded` and
:mod:`.cells` (cell parsing), :mod:`.rules` (row checks, the failure table,
the warning), :mod:`.composites` (composite splitting) and :mod:`.reader`
(:func:`read_strike_events`, the assembly).
"""

from __future__ import annotations

from aidstats._read.strike_file.columns import COLUMNS, KNOWN_SCHEMAS
from aidstats._read.strike_file.reader import read_strike_events

__all__ = ["COLUMNS", "KNOWN_SCHEMAS", "read_strike_events"]
