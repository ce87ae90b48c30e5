"""Overlaps between regional and national reports, and salvos (one row per report post)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from factories import make_events

from aidstats import strikes

OVERLAP_EVENTS = make_events(
    {
        "start": "2025-07-05 20:30",
        "end": "2025-07-06 08:30",
        "launched": 157,
        "destroyed": 98,
    },  # line 2
    {
        "start": "2025-07-06",
        "launched": 6,
        "command": "PvKPivden",
    },  # 3: same date, whole day -> overlaps
    {"start": "2025-07-07", "launched": 4, "command": "PvKPivden"},  # 4: other date
    {
        "start": "2025-07-06",
        "launched": 2,
        "command": "PvKPivden",
        "model": "Orlan-10",
    },  # 5: other model
    {
        "start": "2025-07-06 09:00",
        "end": "2025-07-06 11:00",
        "launched": 5,
        "command": "PvKPivden",
    },  # 6: after it
    {
        "start": "2025-07-06 08:30",
        "end": "2025-07-06 08:40",
        "launched": 1,
        "command": "pvkshid",
    },  # 7: touches its end
    {
        "start": "2025-07-06",
        "launched": 3,
        "command": "PvKPivden",
        "invalid": "negative_count",
    },  # 8: flagged
)


def test_overlaps_table() -> None:
    table = strikes.overlaps(OVERLAP_EVENTS)
    assert table["regional_line"].tolist() == [3, 7]
    assert table["national_line"].tolist() == [2, 2]
    assert table["regional_launched"].tolist() == [6.0, 1.0]
    assert table["national_launched"].tolist() == [157.0, 157.0]
    assert strikes.overlap_mask(OVERLAP_EVENTS).tolist() == [
        False,
        True,
        False,
        False,
        False,
        True,
        False,
    ]


def test_overlap_mask_without_a_national_side_is_all_false() -> None:
    regional_only = OVERLAP_EVENTS.loc[OVERLAP_EVENTS["scope"] == "regional"]
    assert not strikes.overlap_mask(regional_only).any()
    assert strikes.overlaps(regional_only).empty


def test_overlaps_counted_and_deduplicated() -> None:
    assert strikes.to_periods(OVERLAP_EVENTS).attrs["aidstats"]["overlapping_regional_rows"] is None
    plain = strikes.to_periods(OVERLAP_EVENTS, count_overlaps=True)
    assert plain.attrs["aidstats"]["overlapping_regional_rows"] == 2
    assert "overlap a national report: kept" in plain.attrs["aidstats"]["summary"]
    assert plain["launched"].sum() == 157 + 6 + 4 + 2 + 5 + 1
    deduped = strikes.to_periods(OVERLAP_EVENTS, dedupe=True)
    assert deduped["launched"].sum() == 157 + 4 + 2 + 5
    assert deduped.attrs["aidstats"]["deduplicated"] == 2
    regional = strikes.to_periods(OVERLAP_EVENTS, scope="regional", dedupe=True)
    assert regional["launched"].sum() == 4 + 2 + 5
    national = strikes.to_periods(OVERLAP_EVENTS, scope="national")
    assert national.attrs["aidstats"]["overlapping_regional_rows"] is None


def test_overlap_mask_matches_pairwise_rule_on_random_frames() -> None:
    rng = np.random.default_rng(7)
    rows = []
    for _ in range(300):
        start = pd.Timestamp("2025-03-01") + pd.Timedelta(minutes=int(rng.integers(0, 60 * 24 * 6)))
        end = start + pd.Timedelta(minutes=int(rng.choice([0, 45, 300, 900])))
        rows.append(
            {
                "start": start.strftime("%Y-%m-%d %H:%M"),
                "end": end.strftime("%Y-%m-%d %H:%M"),
                "command": str(rng.choice(["kpszsu", "PvKPivden"])),
                "model": str(rng.choice(["Shahed-136/131", "Iskander-M"])),
            }
        )
    events = make_events(*rows)
    expected = np.zeros(len(events), dtype=bool)
    expected[strikes.overlaps(events)["regional_line"].to_numpy() - 2] = True
    assert (strikes.overlap_mask(events) == expected).all()
    assert expected.sum() > 10


def test_one_post_is_one_salvo_even_with_different_windows() -> None:
    post = "kpszsu/posts/big"
    events = make_events(
        {"start": "2025-09-06 17:00", "end": "2025-09-07 09:30", "launched": 810, "post": post},
        {
            "start": "2025-09-07 02:00",
            "end": "2025-09-07 06:00",
            "launched": 9,
            "model": "X-101/X-555",
            "post": post,
        },
        {
            "start": "2025-09-07 03:00",
            "end": "2025-09-07 05:00",
            "launched": 4,
            "model": "Iskander-M",
            "post": post,
        },
        {
            "start": "2025-09-07 10:00",
            "end": "2025-09-07 12:00",
            "launched": 5,
            "command": "PvKPivden",
            "post": "",
        },
        {
            "start": "2025-09-07 10:00",
            "end": "2025-09-07 12:00",
            "launched": 2,
            "command": "PvKPivden",
            "post": "",
            "model": "Orlan-10",
        },
        {
            "start": "2025-09-08 10:00",
            "end": "2025-09-08 12:00",
            "launched": 1,
            "command": "PvKPivden",
            "post": "",
        },
    )
    out = strikes.salvos(events)
    assert len(out) == 3 == out.attrs["aidstats"]["salvos"]
    big = out.loc[out["post"] == post].iloc[0]
    assert (big["launched"], big["launched_drone"], big["launched_missile"]) == (823.0, 810.0, 13.0)
    assert (big["launched_cruise_missile"], big["launched_ballistic_missile"]) == (9.0, 4.0)
    assert (big["n_rows"], big["n_models"]) == (3, 3)
    assert (big["time_start"], big["time_end"]) == (
        pd.Timestamp("2025-09-06 17:00"),
        pd.Timestamp("2025-09-07 09:30"),
    )
    postless = out.loc[out["post"] == ""]
    assert postless["launched"].tolist() == [7.0, 1.0]  # grouped by (command, start, end)
    assert postless["salvo"].iloc[0] == "(no post) PvKPivden 2025-09-07 10:00 to 2025-09-07 12:00"
    assert out["launched"].sum() == events["launched"].sum()


def test_salvos_leave_flagged_rows_out() -> None:
    events = make_events(
        {"start": "2025-09-07 10:00", "launched": 5, "post": "a"},
        {"start": "2025-09-07 10:00", "launched": 7, "post": "a", "invalid": "negative_count"},
    )
    out = strikes.salvos(events)
    assert out["launched"].tolist() == [5.0]
    assert out.attrs["aidstats"]["excluded_rows"] == 1
