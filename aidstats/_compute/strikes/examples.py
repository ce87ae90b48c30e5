"""The tiny event frame that the docstring examples of the strike functions run on.

Four rows following the :func:`aidstats.read_strike_events` contract: a
national overnight window, a regional date-only report that repeats it, a
flagged row and an empty daytime report. (Tests build their frames with
``tests/factories.py``.)

Examples
--------
>>> from aidstats._compute.strikes.examples import example_events
>>> example_events()[["line", "scope", "launched", "invalid_reason"]]
   line     scope  launched                invalid_reason
0     2  national     100.0
1     3  regional      20.0
2     4  national       5.0  neutralised_exceeds_launched
3     5  regional       0.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["example_events"]

_COLUMNS = [
    "post",
    "time_start",
    "time_end",
    "start_has_time",
    "end_has_time",
    "launched",
    "destroyed",
    "not_reach_goal",
    "invalid_reason",
]
_ROWS = [
    ("kpszsu/posts/a", "2025-06-30 20:00", "2025-07-01 08:00", True, True, 100.0, 60.0, 30.0, ""),
    (
        "PvKPivden/posts/b",
        "2025-07-01 00:00",
        "2025-07-01 00:00",
        False,
        False,
        20.0,
        20.0,
        np.nan,
        "",
    ),
    (
        "kpszsu/posts/c",
        "2025-07-02 20:00",
        "2025-07-03 08:00",
        True,
        True,
        5.0,
        9.0,
        0.0,
        "neutralised_exceeds_launched",
    ),
    ("PvKPivden/posts/d", "2025-07-05 09:00", "2025-07-05 11:00", True, True, 0.0, 0.0, np.nan, ""),
]


def example_events() -> pd.DataFrame:
    """A tiny event frame following the read_strike_events contract (for docstring examples)."""
    frame = pd.DataFrame(_ROWS, columns=_COLUMNS)
    frame.insert(0, "line", np.arange(2, 2 + len(frame), dtype="int64"))
    frame["reporting_command"] = frame["post"].str.split("/").str[0]
    frame["scope"] = np.where(frame["reporting_command"] == "kpszsu", "national", "regional")
    frame["time_start"] = pd.to_datetime(frame["time_start"]).astype("datetime64[ns]")
    frame["time_end"] = pd.to_datetime(frame["time_end"]).astype("datetime64[ns]")
    frame["model"] = "Shahed-136/131"
    frame["weapon_class"] = "attack_drone"
    frame["weapon_group"] = "drone"
    frame["is_shahed"] = np.nan
    return frame
