"""The event-frame contract check, valid rows (and what was left out), scope masks.

Every strike function leaves flagged rows (``invalid_reason != ""``) out and
says how many it left out; the record of what was left out is built here,
once.

Examples
--------
>>> from aidstats._compute.strikes.checks import valid_rows
>>> from aidstats._compute.strikes.examples import example_events
>>> rows, info = valid_rows(example_events())
>>> len(rows), info["summary"]
(3, '1 flagged row(s) left out: neutralised_exceeds_launched (1); input lines 4.')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from aidstats._core.vocab import SCOPES
from aidstats.errors import DataValidationError

__all__ = [
    "REQUIRED_COLUMNS",
    "check_events",
    "excluded_info",
    "scope_mask",
    "valid_mask",
    "valid_rows",
]

#: Columns of the read_strike_events contract that every strike function needs.
REQUIRED_COLUMNS = (
    "line",
    "post",
    "reporting_command",
    "scope",
    "time_start",
    "time_end",
    "end_has_time",
    "model",
    "launched",
    "destroyed",
    "not_reach_goal",
    "invalid_reason",
)
_LINES_SHOWN = 10


def check_events(events: pd.DataFrame, required: Sequence[str] = REQUIRED_COLUMNS) -> None:
    """Raise :class:`~aidstats.errors.DataValidationError` unless ``events`` has ``required``."""
    if not isinstance(events, pd.DataFrame):
        raise DataValidationError(
            f"expected the DataFrame of aidstats.read_strike_events, got {type(events).__name__}"
        )
    missing = [c for c in required if c not in events.columns]
    if missing:
        raise DataValidationError(
            "the event frame lacks columns of the read_strike_events contract",
            [{"line": None, "column": c, "value": None, "rule": "column missing"} for c in missing],
        )


def valid_mask(events: pd.DataFrame) -> np.ndarray:
    """True for the rows no rule flagged (``invalid_reason == ""``)."""
    return (events["invalid_reason"] == "").to_numpy()


def excluded_info(events: pd.DataFrame, flagged: np.ndarray) -> dict[str, Any]:
    """What was left out: count, input lines, reasons and a one-line summary."""
    n = int(flagged.sum())
    info: dict[str, Any] = {"excluded_rows": n, "excluded_lines": [], "excluded_reasons": {}}
    if not n:
        info["summary"] = "No flagged rows."
        return info
    bad = events.loc[flagged, ["line", "invalid_reason"]]
    lines = sorted({int(x) for x in bad["line"]})
    reasons = bad["invalid_reason"].str.split("; ").explode().value_counts()
    info["excluded_lines"] = lines
    info["excluded_reasons"] = {str(k): int(v) for k, v in reasons.items()}
    shown = ", ".join(map(str, lines[:_LINES_SHOWN])) + (
        " ..." if len(lines) > _LINES_SHOWN else ""
    )
    why = ", ".join(f"{k} ({v})" for k, v in info["excluded_reasons"].items())
    info["summary"] = f"{n} flagged row(s) left out: {why}; input lines {shown}."
    return info


def valid_rows(events: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Valid rows, and what was left out (count, lines, reasons, summary)."""
    flagged = ~valid_mask(events)
    info = excluded_info(events, flagged)
    return (events.loc[~flagged] if info["excluded_rows"] else events), info


def scope_mask(events: pd.DataFrame, scope: str) -> np.ndarray:
    """True for the rows of ``scope`` (``"all"``, ``"national"``, ``"regional"``, ``"other"``)."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}, got {scope!r}")
    if scope == "all":
        return np.ones(len(events), dtype=bool)
    return (events["scope"] == scope).to_numpy()
