"""The strike-event frame as statistics see it: valid rows, salvo ids, dating, rate numerators.

Works on the frame of :func:`aidstats.read_strike_events` (one row per weapon
model per reported attack window) without importing the strike layer:
statistics need only a few of its columns.

- The *cluster* of a row is its salvo: the ``salvo`` column where the frame
  has one (one id per report post and continuous attack window), else the
  report ``post``; rows without a post fall back to their reporting command
  and window.
- A row is dated by the end of its window (``"end"``), its start
  (``"start"``) or the night it belongs to (``"night"``: the Air Force names a
  night by the morning it ends, counted from 18:00 the evening before; a
  window wholly in the evening of one day belongs to the next day's night).
  This mirrors :mod:`aidstats.strikes`; the rule belongs in
  :mod:`aidstats._core.periods` once the strike layer moves.

Examples
--------
>>> import pandas as pd
>>> from aidstats._compute.stats.events import cluster_ids, is_event_frame
>>> ev = pd.DataFrame({"post": ["a", "a", ""], "reporting_command": ["k", "k", "k"],
...                    "time_start": pd.to_datetime(["2025-06-01 20:00"] * 3),
...                    "time_end": pd.to_datetime(["2025-06-02 06:00"] * 3),
...                    "launched": [10.0, 5.0, 2.0], "destroyed": [9.0, 5.0, 2.0]})
>>> cluster_ids(ev).tolist()
['a', 'a', 'k 2025-06-01 20:00 2025-06-02 06:00']
>>> is_event_frame(ev, "period")
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aidstats._compute.stats.definitions import check_definition, check_still_attacking
from aidstats._core.periods import NS_PER_DAY
from aidstats._core.regimes import recorded_span_ns
from aidstats._core.vocab import WEAPON_CLASSES, group_of

__all__ = [
    "DATINGS",
    "cluster_ids",
    "event_days",
    "in_scope",
    "is_event_frame",
    "rate_parts",
    "valid_rows",
]

#: How an attack window is dated.
DATINGS = ("end", "start", "night")
_EVENING_NS = 18 * 3_600 * 10**9


def is_event_frame(frame: pd.DataFrame, time: str) -> bool:
    """A strike-event frame (windows, no period column) rather than per-period totals."""
    return "time_end" in frame.columns and time not in frame.columns


def daily_as_events(daily: pd.DataFrame) -> pd.DataFrame:
    """The ``strikes_daily`` table as events whose clusters are days.

    A day holds the night's salvo and any daytime attack of the same
    morning's reports, so clustering by day is coarser than by salvo: the
    design effect it estimates is at least as large (conservative), never
    the independent-trials interval that per-period totals would give.
    """
    day = pd.to_datetime(daily["day"])
    out = daily.drop(columns="day").assign(
        time_start=day, time_end=day, salvo="day " + day.dt.strftime("%Y-%m-%d")
    )
    out.attrs = daily.attrs
    return out


def salvos_as_events(salvos: pd.DataFrame) -> pd.DataFrame:
    """The ``strike_salvos`` table in long form: one row per salvo and weapon class with its launches.

    Columns ``salvo``, ``scope``, ``time_start``, ``time_end``,
    ``weapon_class``, ``weapon_group``, ``launched``: enough to count a
    claim's measure under every dating and scope (:func:`aidstats.stats.check_claim`).
    """
    columns = {f"launched_{c}": c for c in WEAPON_CLASSES if f"launched_{c}" in salvos.columns}
    ids = ["salvo", "scope", "time_start", "time_end"]
    long = salvos[[*ids, *columns]].melt(
        id_vars=ids, var_name="weapon_class", value_name="launched"
    )
    long = long.loc[long["launched"].fillna(0) > 0].copy()
    long["weapon_class"] = long["weapon_class"].map(columns)
    long["weapon_group"] = long["weapon_class"].map(lambda c: group_of(c) or "other")
    long["launched"] = long["launched"].astype(float)
    return long.reset_index(drop=True)


def is_daily_table(frame: pd.DataFrame, time: str) -> bool:
    """The bundled ``strikes_daily`` table (a ``day`` column, no windows, no period column)."""
    return "day" in frame.columns and "time_end" not in frame.columns and time not in frame.columns


def valid_rows(events: pd.DataFrame) -> pd.DataFrame:
    """The rows the reader did not flag (all rows when there is no ``invalid_reason``)."""
    if "invalid_reason" not in events.columns:
        return events
    return events.loc[events["invalid_reason"].fillna("") == ""]


def in_scope(events: pd.DataFrame, scope: str | None) -> pd.DataFrame:
    """Rows of one reporter scope (``None`` or ``"all"``: every row)."""
    if scope in (None, "all") or "scope" not in events.columns:
        return events
    return events.loc[events["scope"] == scope]


def cluster_ids(events: pd.DataFrame) -> pd.Series:
    """The salvo of each row: ``salvo`` where given, else the post, else command and window."""
    fallback = (
        events.get("reporting_command", pd.Series("", index=events.index)).astype(str)
        + " "
        + events["time_start"].dt.strftime("%Y-%m-%d %H:%M")
        + " "
        + events["time_end"].dt.strftime("%Y-%m-%d %H:%M")
    )
    ids = pd.Series(pd.NA, index=events.index, dtype=object)
    for column in ("salvo", "post"):
        if column in events.columns:
            given = events[column].astype(object)
            usable = given.notna() & (given.astype(str) != "")
            ids = ids.where(ids.notna() | ~usable, given.astype(str))
    return ids.where(ids.notna(), fallback).astype(str)


def event_days(events: pd.DataFrame, dating: str) -> pd.Series:
    """The day (midnight) each row is dated to: by its window's end, start or night."""
    if dating not in DATINGS:
        raise ValueError(f"dating must be one of {DATINGS}, not {dating!r}")
    if dating == "start":
        return events["time_start"].dt.normalize()
    end = events["time_end"]
    if dating == "end":
        return end.dt.normalize()
    end_ns = end.to_numpy(dtype="datetime64[ns]").view("int64")
    start_ns = events["time_start"].to_numpy(dtype="datetime64[ns]").view("int64")
    day_ns = np.floor_divide(end_ns, NS_PER_DAY) * NS_PER_DAY
    timed = np.ones(len(events), dtype=bool)
    for column in ("end_has_time", "start_has_time"):
        if column in events.columns:
            timed &= events[column].to_numpy(dtype=bool)
    evening = timed & (start_ns >= day_ns + _EVENING_NS)
    days = np.where(evening, day_ns + NS_PER_DAY, day_ns)
    return pd.Series(days.view("datetime64[ns]"), index=events.index)


def rate_parts(
    frame: pd.DataFrame, definition: str, still_attacking: str = "exclude"
) -> pd.DataFrame:
    """Per row: ``successes``, ``trials`` and ``nrg_unknown`` (a not_reach_goal the regime recorded).

    Launches whose destroyed count is unknown (a missing ``destroyed``, or
    ``destroyed_missing`` in period totals) are neither successes nor
    trials. With ``still_attacking="exclude"`` the weapons still in the air
    leave the trials (never more than the launches not neutralised).
    """
    rate = check_definition(definition)
    check_still_attacking(still_attacking)
    launched = frame["launched"].astype(float).fillna(0.0)
    successes = frame[list(rate.numerator)].astype(float).fillna(0.0).sum(axis=1)
    unknown = (
        frame["destroyed_missing"].astype(float).fillna(0.0)
        if "destroyed_missing" in frame.columns
        else pd.Series(0.0, index=frame.index)
    )
    if "time_end" in frame.columns and "destroyed_missing" not in frame.columns:
        destroyed_unknown = frame["destroyed"].isna()
        unknown = launched.where(destroyed_unknown, 0.0)
        successes = successes.where(~destroyed_unknown, 0.0)
    trials = launched - unknown
    if still_attacking == "exclude" and "still_attacking" in frame.columns:
        still = frame["still_attacking"].astype(float).fillna(0.0)
        trials = trials - np.minimum(still, (trials - successes).clip(lower=0.0))
    nrg_unknown = pd.Series(0, index=frame.index)
    if "not_reach_goal" in rate.numerator:
        if "not_reach_goal_missing" in frame.columns:
            nrg_unknown = frame["not_reach_goal_missing"].fillna(0)
        elif "time_end" in frame.columns:
            lo, hi = recorded_span_ns()
            end = frame["time_end"].to_numpy(dtype="datetime64[ns]").view("int64")
            missing = frame["not_reach_goal"].isna().to_numpy()
            nrg_unknown = pd.Series(
                (missing & (end >= lo) & (end < hi)).astype(int), index=frame.index
            )
    return pd.DataFrame(
        {"successes": successes, "trials": trials, "nrg_unknown": nrg_unknown}, index=frame.index
    )
