"""Benchmark: aggregate synthetic strike events to months, to_periods vs a hand-written groupby.

Goal (issue 3): ``aidstats.strikes.to_periods`` within 1.3x of a hand-written
pandas groupby that computes the same monthly totals, on 10,000,000 event rows.
Both run in the same process on the same frame; the best of ``--repeat`` runs
counts. Run ``python benchmarks/bench_aggregate_strikes.py [--rows N]``.
"""

from __future__ import annotations

import argparse
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from aidstats import strikes

_MODELS = (
    "Shahed-136/131",
    "Iskander-M",
    "X-101/X-555",
    "Kalibr",
    "Orlan-10",
    "C-300",
    "Unknown UAV",
)
_SCOPES = (
    ("kpszsu", "national"),
    ("PvKPivden", "regional"),
    ("pvkshid", "regional"),
    ("GeneralStaff.ua", "other"),
)
_START = pd.Timestamp("2022-09-28").value
_SPAN_NS = (pd.Timestamp("2026-04-05") - pd.Timestamp("2022-09-28")).value


def synthetic_events(n: int, seed: int = 1) -> pd.DataFrame:
    """``n`` event rows shaped like the read_strike_events contract (about 1% flagged)."""
    rng = np.random.default_rng(seed)
    minute = 60 * 10**9
    start = _START + (rng.integers(0, _SPAN_NS // minute, n) * minute)
    duration = rng.choice(np.array([0, 10, 120, 600, 780, 900]) * minute, n)
    timed = rng.random(n) < 0.6
    day = 86_400 * 10**9
    start = np.where(timed, start, start // day * day)
    end = np.where(timed, start + duration, start)
    source = rng.choice(len(_SCOPES), n, p=[0.6, 0.3, 0.08, 0.02])
    launched = rng.integers(1, 200, n).astype("float64")
    destroyed = np.floor(launched * rng.random(n))
    nrg = np.where(rng.random(n) < 0.5, np.nan, np.floor((launched - destroyed) * rng.random(n)))
    invalid = np.where(rng.random(n) < 0.01, "negative_count", "")
    commands = np.array([c for c, _ in _SCOPES], dtype=object)
    scopes = np.array([s for _, s in _SCOPES], dtype=object)
    return pd.DataFrame(
        {
            "line": np.arange(2, n + 2, dtype="int64"),
            "post": pd.Series(commands[source]).astype("str"),
            "reporting_command": pd.Series(commands[source]).astype("str"),
            "scope": pd.Series(scopes[source]).astype("str"),
            "time_start": start.view("datetime64[ns]"),
            "time_end": end.view("datetime64[ns]"),
            "start_has_time": timed,
            "end_has_time": timed,
            "model": pd.Series(
                np.array(_MODELS, dtype=object)[rng.integers(0, len(_MODELS), n)]
            ).astype("str"),
            "launched": launched,
            "destroyed": destroyed,
            "not_reach_goal": nrg,
            "invalid_reason": pd.Series(invalid).astype("str"),
        }
    )


def hand_written(events: pd.DataFrame) -> pd.DataFrame:
    """The baseline: what an analyst would write for monthly totals of valid rows by end date."""
    valid = events.loc[events["invalid_reason"] == ""]
    frame = pd.DataFrame(
        {
            "period": valid["time_end"].to_numpy().astype("datetime64[M]").astype("datetime64[ns]"),
            "launched": valid["launched"],
            "destroyed": valid["destroyed"],
            "not_reach_goal": valid["not_reach_goal"].fillna(0.0),
        }
    )
    frame["neutralised"] = frame["destroyed"] + frame["not_reach_goal"]
    out = frame.groupby("period", sort=True).agg(
        launched=("launched", "sum"),
        destroyed=("destroyed", "sum"),
        not_reach_goal=("not_reach_goal", "sum"),
        neutralised=("neutralised", "sum"),
        n_reports=("launched", "size"),
    )
    return out.reset_index()


def _best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    events = synthetic_events(args.rows)
    print(f"built {len(events):,} synthetic event rows in {time.perf_counter() - t0:.1f} s")
    warnings.simplefilter("ignore", strikes.RegimeChangeWarning)
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("hand-written groupby (baseline)", lambda: hand_written(events)),
        ("to_periods(freq='M') default", lambda: strikes.to_periods(events)),
        (
            "to_periods(..., count_overlaps=True)",
            lambda: strikes.to_periods(events, count_overlaps=True),
        ),
        (
            "to_periods(..., attribution='night')",
            lambda: strikes.to_periods(events, attribution="night"),
        ),
        (
            "to_periods(..., attribution='split')",
            lambda: strikes.to_periods(events, attribution="split"),
        ),
    ]
    timings = {}
    results = {}
    for name, fn in cases:
        timings[name], results[name] = _best(fn, args.repeat)
    base_name = cases[0][0]
    base = timings[base_name]
    ours = results[cases[1][0]]
    same = np.allclose(ours["launched"].to_numpy(), results[base_name]["launched"].to_numpy())
    print(f"\n{'case':<42} {'best s':>8} {'x baseline':>11} {'Mrows/s':>8}")
    for name, _ in cases:
        secs = timings[name]
        print(f"{name:<42} {secs:>8.3f} {secs / base:>11.2f} {args.rows / secs / 1e6:>8.1f}")
    ratio = timings[cases[1][0]] / base
    print(
        f"\nto_periods default / baseline = {ratio:.2f} (goal <= 1.30): {'met' if ratio <= 1.3 else 'NOT met'}"
    )
    print(f"monthly launched identical to the baseline: {same}")


if __name__ == "__main__":
    main()
