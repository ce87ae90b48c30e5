"""Plausibility rules of a strike file: dates the war cannot have, counts no report ever gave.

Each rule marks a parsed cell that is well-formed yet cannot be right:

* ``date_before_invasion``: before the full-scale invasion (2022-02-24).
* ``date_in_future``: after the day the file is read (one day of slack for
  time zones): a report cannot be dated later than today.
* ``date_far_beyond``: far beyond the bulk of the file's dates. The distinct
  days of both date columns (those not already flagged) are sorted; from
  the median day on, the first jump of more than :data:`FAR_GAP_DAYS` days
  to the next day ends the bulk, and the days after it are flagged when they
  are few: at most two (a typo's start and end), or one for every 50 days of
  the bulk, which must hold at least 10 days. Reports come about daily (the longest gap in the 2026
  releases is 14 days), so a mistyped year (``2099``, ``2062``) lies beyond
  such a jump even when it is the file's latest date; a sparse early period
  below the median cannot cut off the file, and a small file whose dates
  simply lie far apart is left alone.
* ``implausible_count``: a count above :data:`MAX_PLAUSIBLE_COUNT`: one row is
  one model in one report, and the largest salvo ever reported (6-7 September
  2025) was 823 weapons in all; ``1e300`` is a typo, not a raid.

Examples
--------
>>> import numpy as np
>>> from aidstats._read.strike_file.plausible import far_beyond
>>> days = np.arange("2026-03-01", "2026-03-13", dtype="datetime64[D]").astype("datetime64[ns]")
>>> days = np.append(days, np.datetime64("2099-03-05", "ns"))
>>> far_beyond(days, days)[-3:].tolist()
[False, False, True]
"""

from __future__ import annotations

import datetime

import numpy as np

__all__ = [
    "FAR_GAP_DAYS",
    "INVASION_DAY",
    "MAX_PLAUSIBLE_COUNT",
    "bulk_end",
    "date_rules",
    "far_beyond",
]

INVASION_DAY = np.datetime64("2022-02-24", "ns")
#: A jump of more than this many days between consecutive distinct days, from the median day on,
#: ends the bulk of a file's dates.
FAR_GAP_DAYS = 90
#: The largest count one row may hold: about 2.4 times the largest salvo ever reported (823).
MAX_PLAUSIBLE_COUNT = 2_000
_SLACK = np.timedelta64(1, "D")
_MIN_BULK_DAYS = 10
_BULK_PER_TYPO = 50


def bulk_end(start: np.ndarray, end: np.ndarray) -> np.datetime64 | None:
    """The last day of the bulk of the file's dates; None where no jump ends it (module docstring)."""
    both = np.concatenate([start, end]).astype("datetime64[D]")
    days = np.unique(both[~np.isnat(both)])
    if len(days) < 2:
        return None
    median = days[(len(days) - 1) // 2]
    gaps = np.diff(days).astype("int64")
    jumps = np.flatnonzero((gaps > FAR_GAP_DAYS) & (days[:-1] >= median))
    if not len(jumps):
        return None
    bulk = int(jumps[0]) + 1
    few = len(days) - bulk <= max(2, bulk // _BULK_PER_TYPO)
    return days[jumps[0]] if bulk >= _MIN_BULK_DAYS and few else None


def far_beyond(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Rows with a date beyond the bulk of the file's dates (see the module docstring)."""
    last = bulk_end(start, end)
    if last is None:
        return np.zeros(len(start), dtype=bool)
    return _after(start, last) | _after(end, last)


def _after(values: np.ndarray, day: np.datetime64) -> np.ndarray:
    days = values.astype("datetime64[D]")
    return ~np.isnat(days) & (days > day)


def date_rules(
    start: tuple[np.ndarray, np.ndarray],
    end: tuple[np.ndarray, np.ndarray],
    today: datetime.date | None = None,
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Rule -> (mask on time_start, mask on time_end) of the implausible-date rules (NaT never flagged).

    Each column is given as (its distinct values, the code of each row into
    them): the rules are judged once per distinct date.
    """
    limit = np.datetime64(today or datetime.date.today(), "ns") + 2 * _SLACK  # the end of tomorrow
    (start_values, start_codes), (end_values, end_codes) = start, end
    before = (start_values < INVASION_DAY, end_values < INVASION_DAY)  # NaT compares False
    future = (start_values >= limit, end_values >= limit)
    plausible = (~(before[0] | future[0]), ~(before[1] | future[1]))
    nat = np.datetime64("NaT", "ns")
    last = bulk_end(
        np.where(plausible[0], start_values, nat), np.where(plausible[1], end_values, nat)
    )
    if last is None:
        beyond = (np.zeros(len(start_values), dtype=bool), np.zeros(len(end_values), dtype=bool))
    else:
        beyond = (
            plausible[0] & _after(start_values, last),
            plausible[1] & _after(end_values, last),
        )
    rules = {"date_before_invasion": before, "date_in_future": future, "date_far_beyond": beyond}
    return {rule: (a[start_codes], b[end_codes]) for rule, (a, b) in rules.items()}
