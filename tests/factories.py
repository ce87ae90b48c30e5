"""The one place tests build synthetic inputs: event frames, claims, monthly series.

Every builder returns data in the shape the library produces, so that a test
exercises the same contract as real data.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from aidstats._core.weapons import resolve_model

#: Columns of the read_strike_events contract (the order of aidstats.strike_events.COLUMNS).
EVENT_COLUMNS = [
    "line",
    "post",
    "reporting_command",
    "scope",
    "time_start",
    "time_end",
    "start_has_time",
    "end_has_time",
    "model_raw",
    "model",
    "weapon_class",
    "weapon_group",
    "is_composite",
    "split_from_composite",
    "launched",
    "destroyed",
    "not_reach_goal",
    "still_attacking",
    "is_shahed",
    "carrier",
    "launch_place",
    "target",
    "affected_regions",
    "launched_details",
    "destroyed_details",
    "launch_place_details",
    "schema_version",
    "invalid_reason",
]


def _scope(command: str) -> str:
    if command == "kpszsu":
        return "national"
    return "regional" if command.lower().startswith("pvk") else "other"


def make_events(*rows: dict[str, Any]) -> pd.DataFrame:
    """An event frame following the read_strike_events contract, one dict per row.

    Keys (all optional but ``start``): ``start``, ``end`` (default: start),
    ``model`` (default ``Shahed-136/131``, resolved through the catalogue),
    ``launched`` (10), ``destroyed`` (= launched), ``nrg`` (not_reach_goal,
    NaN), ``still`` (still_attacking, NaN), ``is_shahed`` (NaN), ``command``
    (``kpszsu``), ``post`` (``<command>/posts/<i>``), ``invalid`` (``""``),
    and any extra column given by its own name (e.g. ``salvo``).
    A time of day in ``start``/``end`` sets ``*_has_time``.
    """
    known = {
        "start",
        "end",
        "model",
        "launched",
        "destroyed",
        "nrg",
        "still",
        "is_shahed",
        "command",
        "post",
        "invalid",
    }
    records = []
    extra: dict[str, list[Any]] = {}
    for i, row in enumerate(rows):
        start, end = str(row["start"]), str(row.get("end", row["start"]))
        command = row.get("command", "kpszsu")
        model, weapon_class, weapon_group, parts, _ = resolve_model(
            row.get("model", "Shahed-136/131")
        )
        launched = float(row.get("launched", 10))
        records.append(
            {
                "line": i + 2,
                "post": row.get("post", f"{command}/posts/{i}"),
                "reporting_command": command,
                "scope": _scope(command),
                "time_start": pd.Timestamp(start),
                "time_end": pd.Timestamp(end),
                "start_has_time": ":" in start,
                "end_has_time": ":" in end,
                "model_raw": row.get("model", "Shahed-136/131"),
                "model": model,
                "weapon_class": weapon_class,
                "weapon_group": weapon_group,
                "is_composite": len(parts) > 1,
                "split_from_composite": False,
                "launched": launched,
                "destroyed": float(row.get("destroyed", launched)),
                "not_reach_goal": float(row.get("nrg", np.nan)),
                "still_attacking": float(row.get("still", np.nan)),
                "is_shahed": float(row.get("is_shahed", np.nan)),
                "carrier": "",
                "launch_place": "",
                "target": "",
                "affected_regions": None,
                "launched_details": None,
                "destroyed_details": None,
                "launch_place_details": None,
                "schema_version": "v2026-22col",
                "invalid_reason": row.get("invalid", ""),
            }
        )
        for key in set(row) - known:
            extra.setdefault(key, [None] * len(rows))[i] = row[key]
    frame = pd.DataFrame.from_records(records, columns=EVENT_COLUMNS)
    for col in ("time_start", "time_end"):
        frame[col] = frame[col].astype("datetime64[ns]")
    for key, values in sorted(extra.items()):
        frame[key] = values
    return frame


_BASE = pd.Timestamp("2024-01-01").value
_MINUTE = 60 * 10**9
FACTORY_MODELS = ("Shahed-136/131", "Iskander-M", "X-101/X-555", "Orlan-10")


@st.composite
def event_frames(draw: st.DrawFn, max_rows: int = 25) -> pd.DataFrame:
    """A hypothesis strategy of event frames: windows of every length, scopes, flags, NaN counts."""
    n = draw(st.integers(1, max_rows))
    rows = []
    for i in range(n):
        start_min = draw(st.integers(0, 60 * 24 * 400))
        length = draw(st.sampled_from([0, 1, 30, 600, 900, 1440, 2 * 1440 + 7, 40 * 1440]))
        timed = draw(st.booleans())
        start = pd.Timestamp(_BASE + start_min * _MINUTE)
        end = start + pd.Timedelta(minutes=length)
        if not timed:
            start, end = start.normalize(), end.normalize()
        fmt = "%Y-%m-%d %H:%M" if timed else "%Y-%m-%d"
        launched = draw(st.integers(0, 900))
        rows.append(
            {
                "start": start.strftime(fmt),
                "end": end.strftime(fmt),
                "launched": launched,
                "destroyed": draw(st.integers(0, launched)),
                "nrg": draw(st.sampled_from([np.nan, 0.0, 1.0])),
                "command": draw(st.sampled_from(["kpszsu", "PvKPivden", "CinCAFU"])),
                "model": draw(st.sampled_from(FACTORY_MODELS)),
                "invalid": draw(st.sampled_from(["", "", "", "negative_count"])),
                "post": f"p{i % 4}",
            }
        )
    return make_events(*rows)


def claims(*rows: dict[str, Any]) -> pd.DataFrame:
    """Claims in the shape of ``aidstats.stats.claims_from_statements``, one dict per claim.

    Keys: ``period`` (a month, ``"2025-06"``), ``measure``, ``claimed``,
    ``qualifier`` (``"exact"``), ``speaker`` (``"test"``), ``statement_id``.
    """
    records = []
    for i, row in enumerate(rows):
        start = pd.Timestamp(
            str(row.get("period", "2025-06"))
            + ("-01" if len(str(row.get("period", ""))) == 7 else "")
        )
        records.append(
            {
                "statement_id": row.get("statement_id", i + 1),
                "period_start": start,
                "period_end": start + pd.offsets.MonthEnd(0),
                "period_kind": "month",
                "measure": row.get("measure", "drones"),
                "claimed": float(row.get("claimed", 100)),
                "qualifier": row.get("qualifier", "exact"),
                "speaker": row.get("speaker", "test"),
            }
        )
    return pd.DataFrame.from_records(records)


def monthly_series(values: Any, start: str = "2023-01") -> pd.Series:
    """A monthly count series indexed by month starts."""
    values = np.asarray(values, dtype=float)
    index = pd.date_range(f"{start}-01", periods=len(values), freq="MS")
    return pd.Series(values, index=index, name="launched")


def growth_series(
    n: int = 44, *, level: float = 800.0, growth: float = 0.06, seed: int = 0
) -> pd.Series:
    """Poisson counts around exponential growth (``growth`` per month), reproducible by ``seed``."""
    rng = np.random.default_rng(seed)
    mean = level * np.exp(growth * np.arange(n))
    return monthly_series(rng.poisson(mean))
