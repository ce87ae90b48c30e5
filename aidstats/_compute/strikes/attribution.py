"""Dating rules: the instant that places each attack window in a period.

All times are naive Kyiv local time, as reported.

* ``"end"``: the calendar date of ``time_end``.
* ``"start"``: the calendar date of ``time_start``.
* ``"night"``: the Air Force names a night by the morning it ends and counts it
  from 18:00 the evening before ("in the night of 5 April, from 18:00 on
  4 April"). A window is dated by the date of ``time_end``, except a window that
  lies wholly in the evening of one day (both ends carry a time of day and it
  starts at or after 18:00 on the day it ends) which belongs to the next day's
  night.
* ``"split"``: each row is spread over the periods its window touches (see
  :mod:`aidstats._compute.strikes.periods`); a window whose end has no time of
  day runs to the end of that day (:func:`effective_end_ns`).

Examples
--------
>>> import pandas as pd
>>> from aidstats._compute.strikes.attribution import attribution_ns
>>> from aidstats._compute.strikes.examples import example_events
>>> ns = attribution_ns(example_events(), "night")
>>> pd.to_datetime(ns).strftime("%Y-%m-%d %H:%M").tolist()
['2025-07-01 08:00', '2025-07-01 00:00', '2025-07-03 08:00', '2025-07-05 11:00']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aidstats._core.periods import NS_PER_DAY, to_ns
from aidstats._core.vocab import ATTRIBUTIONS

__all__ = ["NIGHT_STARTS_HOUR", "attribution_ns", "effective_end_ns", "night_ns"]

#: The hour (local time) from which the Air Force counts the coming night.
NIGHT_STARTS_HOUR = 18
_NS_PER_HOUR = 3_600 * 10**9


def effective_end_ns(events: pd.DataFrame) -> np.ndarray:
    """End of the window in ns; a date-only end runs to the end of its day."""
    end = to_ns(events["time_end"])
    has_time = events["end_has_time"].to_numpy(dtype=bool)
    return np.where(has_time, end, (end // NS_PER_DAY + 1) * NS_PER_DAY)


def night_ns(events: pd.DataFrame) -> np.ndarray:
    """Instant whose date names the night of each window (see the module docstring)."""
    end = to_ns(events["time_end"])
    start = to_ns(events["time_start"])
    end_day = np.floor_divide(end, NS_PER_DAY) * NS_PER_DAY
    timed = events["end_has_time"].to_numpy(dtype=bool)
    if "start_has_time" in events.columns:
        timed = timed & events["start_has_time"].to_numpy(dtype=bool)
    evening = timed & (start >= end_day + NIGHT_STARTS_HOUR * _NS_PER_HOUR)
    return np.where(evening, end_day + NS_PER_DAY, end)


def attribution_ns(events: pd.DataFrame, attribution: str) -> np.ndarray:
    """The instant (ns) that dates each row under ``"end"``, ``"start"`` or ``"night"``."""
    if attribution == "end":
        return to_ns(events["time_end"])
    if attribution == "start":
        return to_ns(events["time_start"])
    if attribution == "night":
        return night_ns(events)
    raise ValueError(f"attribution must be one of {ATTRIBUTIONS}, got {attribution!r}")
