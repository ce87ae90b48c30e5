"""The salvo rule: one salvo is one report post *and* one continuous attack window.

The upstream file sometimes reuses one post link for separate attacks (a
post covering two consecutive nights, or a link pasted again months later).
So the rows of a post are grouped into salvos by their windows:

* A window is ``[time_start, time_end]``; a cell without a time of day stands
  for its whole day (a date-only start from 00:00, a date-only end to 24:00),
  because the attack happened at some unknown time of that day.
* The rows of a post, ordered by start, belong to one salvo while each starts
  less than :data:`SALVO_GAP` (8 hours) after the latest end of the rows
  before it: windows that overlap, touch or nearly touch are one continuous
  attack. A row starting 8 hours or more after every earlier window of the
  post ended opens a new salvo.
* Why 8 hours: the Air Force counts a night from 18:00 and reports it the
  next morning (08:00-10:00), so consecutive nights are 8-10 hours apart; in
  both releases of 2026 the windows of one attack start at most 6 hours after
  the earlier windows of their post end, and a post that covers a second
  night starts it 9 hours or more after the first ended.
* The salvo id is the post where the post is one salvo, else
  ``<post>#1``, ``<post>#2``, ... in time order (a post split is flagged).
  Rows without a post are grouped by reporting command and window.

A salvo can still last more than a day where a single row's window does
(the longest such row in the 2026 releases runs 27 hours).

Examples
--------
>>> import numpy as np, pandas as pd
>>> from aidstats._core.salvos import salvo_numbers
>>> start = pd.to_datetime(["2025-11-23 19:00", "2025-11-24 18:00", "2025-11-25 06:50"]).as_unit("ns").asi8
>>> end = pd.to_datetime(["2025-11-24 09:00", "2025-11-25 10:00", "2025-11-25 07:20"]).as_unit("ns").asi8
>>> timed = np.ones(3, dtype=bool)
>>> salvo_numbers(np.zeros(3, dtype=np.int64), start, end, timed, timed, timed).tolist()
[1, 2, 2]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["SALVO_GAP", "salvo_names", "salvo_numbers"]

#: A window of a post starting this long or longer after every earlier window of the post ended
#: opens a new salvo (see the module docstring for why 8 hours).
SALVO_GAP = pd.Timedelta(hours=8)
_DAY = 86_400 * 10**9


def salvo_numbers(
    group: np.ndarray,
    start_ns: np.ndarray,
    end_ns: np.ndarray,
    start_has_time: np.ndarray,
    end_has_time: np.ndarray,
    usable: np.ndarray,
) -> np.ndarray:
    """Per row, the number of its salvo within its group (1, 2, ... in time order); 0 where not usable.

    ``group`` holds integer codes of the post (or fallback key) of each row;
    rows not ``usable`` (no parseable or plausible window) get 0.
    """
    numbers = np.zeros(len(group), dtype=np.int64)
    rows = np.flatnonzero(usable)
    if not len(rows):
        return numbers
    start = np.where(start_has_time, start_ns, start_ns // _DAY * _DAY)[rows]
    end = np.where(end_has_time, end_ns, end_ns // _DAY * _DAY + _DAY)[rows]
    codes = np.asarray(group)[rows]
    order = np.lexsort((start, codes))
    codes, start, end = codes[order], start[order], end[order]
    latest = pd.Series(end).groupby(codes).cummax().to_numpy()
    first = np.r_[True, codes[1:] != codes[:-1]]
    previous = np.r_[0, latest[:-1]]
    opens = first | (start - previous >= SALVO_GAP.value)
    count = np.cumsum(opens)
    group_start = np.maximum.accumulate(np.where(first, count, 0))
    numbers[rows[order]] = count - group_start + 1
    return numbers


def salvo_names(
    keys: Sequence[str], group: np.ndarray, numbers: np.ndarray
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(distinct salvo ids, code of each row into them, whether the row's post was split).

    ``keys`` are the distinct post keys that ``group`` codes into. The id is
    the key where its group forms one salvo, else ``<key>#<number>``; rows
    with number 0 (not usable) get the bare key.
    """
    group = np.asarray(group, dtype=np.int64)
    most = np.zeros(len(keys), dtype=np.int64)
    np.maximum.at(most, group, numbers)
    split_group = most > 1
    width = int(numbers.max(initial=0)) + 1
    pair = group * width + np.where(split_group[group], numbers, 0)
    codes, uniques = pd.factorize(pair)
    names = [
        f"{keys[p // width]}#{p % width}" if p % width else str(keys[p // width])
        for p in uniques.tolist()
    ]
    return names, codes.astype(np.int32), split_group[group]
