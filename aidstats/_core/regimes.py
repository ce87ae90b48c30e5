"""Reporting regimes of the Air Force reports, and the one check for a period that straddles a change.

``not_reach_goal`` ("locationally lost") was not recorded before July 2024,
recorded from July 2024 to July 2025 and is 0 from August 2025;
``is_shahed`` splits attack drones from decoys only from 2025-07-15. A row's
regime is that of the date of its ``time_end``. :data:`REGIMES` is the single
source of truth: the builder checks it against the upstream file and writes
it out as the bundled dataset ``reporting_regimes``.

Examples
--------
>>> from aidstats._core.regimes import regime_changes
>>> changes = regime_changes("2025-07-01", "2025-08-31")
>>> [(f"{d:%Y-%m-%d}", m, a) for d, m, a in changes[["date", "measure", "after"]].to_numpy()]
[('2025-07-15', 'is_shahed', 'split'), ('2025-08-01', 'not_reach_goal', 'zero')]
"""

from __future__ import annotations

import dataclasses
import functools
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from aidstats._core.periods import next_period_start, period_start
from aidstats.errors import RegimeChangeWarning

__all__ = [
    "IS_SHAHED_FIRST_DAY",
    "NRG_FIRST_MONTH",
    "NRG_LAST_MONTH",
    "REGIMES",
    "Regime",
    "recorded_span_ns",
    "regime_changes",
    "regimes_frame",
    "straddling",
    "warn_regime_changes",
]


@dataclasses.dataclass(frozen=True)
class Regime:
    """One reporting regime of one measure: ``[start, end]`` (inclusive days; None = open)."""

    measure: str
    regime: str
    start: str | None
    end: str | None
    missing_means_zero: bool
    description: str


NRG_FIRST_MONTH = "2024-07"  # first month with any not_reach_goal value (window ending 2024-07-10)
NRG_LAST_MONTH = "2025-07"  # last month with a positive national value (2025-07-28)
IS_SHAHED_FIRST_DAY = "2025-07-15"  # first time_end with is_shahed filled

REGIMES: tuple[Regime, ...] = (
    Regime(
        "not_reach_goal",
        "not_recorded",
        None,
        "2024-06-30",
        True,
        "Reports give no 'locationally lost' figure; the column is empty and counts as 0. "
        "Destroyed is the only neutralised count.",
    ),
    Regime(
        "not_reach_goal",
        "recorded",
        "2024-07-01",
        "2025-07-31",
        False,
        "Reports give 'locationally lost' (mostly to electronic warfare) separately from "
        "destroyed; neutralised = destroyed + not_reach_goal. First value in the window ending "
        "2024-07-10; the last positive national value is in the window ending 2025-07-28, and "
        "Shahed rows already show 0 from the window ending 2025-07-24. A missing value here is "
        "unknown, not 0.",
    ),
    Regime(
        "not_reach_goal",
        "zero",
        "2025-08-01",
        None,
        True,
        "Reports no longer separate 'locationally lost'; the column is 0 and destroyed absorbs "
        "what was counted there, so the destroyed share jumps (compare neutralised shares only).",
    ),
    Regime(
        "is_shahed",
        "not_split",
        None,
        "2025-07-14",
        True,
        "Shahed-136/131 rows count attack drones and decoys (Gerbera and similar) together.",
    ),
    Regime(
        "is_shahed",
        "split",
        "2025-07-15",
        None,
        False,
        "is_shahed gives how many of a Shahed-136/131 row's drones were Shahed/Geran attack "
        "drones, the rest decoys. First filled in the window ending 2025-07-15; filled in "
        "5 national rows of July 2025, none of August 2025 and consistently from the window "
        "ending 2025-09-08.",
    ),
)


def regimes_frame() -> pd.DataFrame:
    """The regimes as a frame: measure, regime, start, end, missing_means_zero, description."""
    frame = pd.DataFrame([dataclasses.asdict(r) for r in REGIMES])
    for col in ("start", "end"):
        frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d").astype("datetime64[ns]")
    return frame[["measure", "regime", "start", "end", "missing_means_zero", "description"]]


@functools.lru_cache(maxsize=1)
def _change_table() -> pd.DataFrame:
    """First day of every regime that follows another of the same measure."""
    frame = regimes_frame()
    rows = []
    for measure, part in frame.groupby("measure", sort=True):
        part = part.sort_values("start", na_position="first").reset_index(drop=True)
        for i in range(1, len(part)):
            rows.append(
                {
                    "date": part.loc[i, "start"],
                    "measure": measure,
                    "before": part.loc[i - 1, "regime"],
                    "after": part.loc[i, "regime"],
                    "description": part.loc[i, "description"],
                }
            )
    return pd.DataFrame(rows).sort_values(["date", "measure"]).reset_index(drop=True)


def regime_changes(
    start: Any, end: Any, measures: str | Iterable[str] | None = None
) -> pd.DataFrame:
    """Regime changes whose first day falls after ``start`` and on or before ``end``.

    A non-empty result means the days ``start`` to ``end`` (inclusive) mix two
    regimes of a measure.

    Parameters
    ----------
    start, end
        Anything :func:`pandas.Timestamp` accepts.
    measures
        Restrict to these measures (``"not_reach_goal"``, ``"is_shahed"``).

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (first day of the new regime), ``measure``, ``before``,
        ``after``, ``description``.

    Examples
    --------
    >>> changes = regime_changes("2025-07-01", "2025-08-31")
    >>> [(f"{d:%Y-%m-%d}", m, a) for d, m, a in changes[["date", "measure", "after"]].to_numpy()]
    [('2025-07-15', 'is_shahed', 'split'), ('2025-08-01', 'not_reach_goal', 'zero')]
    >>> len(regime_changes("2025-08-01", "2025-08-31"))
    0
    """
    changes = _change_table()
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    keep = (changes["date"] > lo) & (changes["date"] <= hi)
    if measures is not None:
        wanted = [measures] if isinstance(measures, str) else list(measures)
        keep &= changes["measure"].isin(wanted)
    return changes.loc[keep].reset_index(drop=True)


def straddling(
    period_starts: Sequence[Any] | pd.Series,
    freq: str = "M",
    measures: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """The periods (given by any date inside them) that straddle a regime change.

    The one check of "does this period mix two reporting regimes": every
    function that compares or pools across periods asks it.

    Returns
    -------
    pandas.DataFrame
        ``period`` (its first day), ``date`` (first day of the new regime),
        ``measure``, ``before``, ``after``; empty if no period straddles.

    Examples
    --------
    >>> straddling(["2025-07-28", "2025-09-01"], freq="W", measures="not_reach_goal")[["period", "after"]]
          period after
    0 2025-07-28  zero
    """
    given = pd.to_datetime(pd.Series(list(period_starts), dtype=object)).astype("datetime64[ns]")
    starts = period_start(given, freq).drop_duplicates()
    ends = next_period_start(starts, freq) - pd.Timedelta(days=1)
    hits = []
    for s, e in zip(starts, ends, strict=True):
        found = regime_changes(s, e, measures)
        if len(found):
            hits.append(found.assign(period=s))
    columns = ["period", "date", "measure", "before", "after"]
    if not hits:
        return pd.DataFrame(columns=columns)
    return pd.concat(hits, ignore_index=True)[columns]


def warn_regime_changes(
    period_starts: Sequence[Any] | pd.Series,
    freq: str = "M",
    measures: str | Iterable[str] | None = None,
    *,
    stacklevel: int = 2,
) -> pd.DataFrame:
    """Warn (:class:`~aidstats.errors.RegimeChangeWarning`) about periods that straddle a regime change.

    Returns :func:`straddling`'s table; empty (and no warning) if none.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     hits = warn_regime_changes(["2025-07-28"], freq="W", measures="not_reach_goal")
    >>> hits["period"].dt.strftime("%Y-%m-%d").tolist(), caught[0].category.__name__
    (['2025-07-28'], 'RegimeChangeWarning')
    """
    table = straddling(period_starts, freq, measures)
    if table.empty:
        return table
    listed = ", ".join(
        f"{p:%Y-%m-%d} ({m}: {b} -> {a} on {d:%Y-%m-%d})"
        for p, d, m, b, a in table.itertuples(index=False)
    )
    warnings.warn(
        f"{len(table)} period(s) mix two reporting regimes: {listed}. Totals of the affected "
        "measure are not comparable across the change; see aidstats.strikes.regimes().",
        RegimeChangeWarning,
        stacklevel=stacklevel,
    )
    return table


def recorded_span_ns(measure: str = "not_reach_goal") -> tuple[int, int]:
    """[first ns, first ns after] of the regime of ``measure`` where a missing value is unknown."""
    rec = [r for r in REGIMES if r.measure == measure and not r.missing_means_zero]
    lo = pd.Timestamp(rec[0].start).value if rec[0].start else np.iinfo("int64").min
    hi = (
        (pd.Timestamp(rec[0].end) + pd.Timedelta(days=1)).value
        if rec[0].end
        else np.iinfo("int64").max
    )
    return int(lo), int(hi)
