"""One salvo is one post and one continuous attack window (issue 11 item 4)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from factories import make_events

from aidstats import strikes
from aidstats._core.salvos import SALVO_GAP
from aidstats.strike_events import read_strike_events


def test_two_nights_in_one_post_are_two_salvos_and_the_split_is_flagged() -> None:
    post = "kpszsu/posts/x"
    events = make_events(
        {"start": "2025-11-23 19:00", "end": "2025-11-24 09:00", "post": post, "launched": 162},
        {"start": "2025-11-24 18:00", "end": "2025-11-25 10:00", "post": post, "launched": 464},
        {"start": "2025-11-25 06:50", "end": "2025-11-25 07:20", "post": post, "launched": 2,
         "model": "X-47 Kinzhal"},
        {"start": "2025-11-24 20:00", "end": "2025-11-25 07:00", "post": "kpszsu/posts/y"},
    )  # fmt: skip
    out = strikes.salvos(events).set_index("salvo").sort_index()
    assert out.index.tolist() == ["kpszsu/posts/x#1", "kpszsu/posts/x#2", "kpszsu/posts/y"]
    assert out["launched"].tolist() == [162.0, 466.0, 10.0]
    assert out["salvo_split"].tolist() == [True, True, False]
    assert out.loc["kpszsu/posts/x#2", "n_models"] == 2
    assert out.attrs["aidstats"]["posts_split"] == 1


def test_windows_that_overlap_or_nearly_touch_are_one_attack() -> None:
    post = "kpszsu/posts/z"
    gap = SALVO_GAP - pd.Timedelta(minutes=1)
    late = pd.Timestamp("2025-06-02 08:00") + gap
    events = make_events(
        {"start": "2025-06-01 18:00", "end": "2025-06-02 08:00", "post": post},
        {"start": "2025-06-02 03:00", "end": "2025-06-02 04:00", "post": post},  # inside
        {
            "start": f"{late:%Y-%m-%d %H:%M}",
            "end": f"{late:%Y-%m-%d %H:%M}",
            "post": post,
        },  # 7h59 later
    )
    assert len(strikes.salvos(events)) == 1
    later = late + pd.Timedelta(minutes=1)
    events = make_events(
        {"start": "2025-06-01 18:00", "end": "2025-06-02 08:00", "post": post},
        {
            "start": f"{later:%Y-%m-%d %H:%M}",
            "end": f"{later:%Y-%m-%d %H:%M}",
            "post": post,
        },  # 8h later
    )
    assert strikes.salvos(events)["salvo"].tolist() == [f"{post}#1", f"{post}#2"]


def test_a_date_only_cell_stands_for_its_whole_day() -> None:
    post = "kpszsu/posts/d"
    events = make_events(
        {"start": "2026-05-04", "end": "2026-05-04", "post": post, "model": "Iskander-M"},
        {"start": "2026-05-04 08:30", "end": "2026-05-04 18:30", "post": post},
    )
    assert strikes.salvos(events)["salvo"].tolist() == [post]


@pytest.mark.upstream
def test_real_file_salvos(real_events: pd.DataFrame) -> None:
    out = strikes.salvos(real_events)
    recomputed = strikes.salvos(real_events.drop(columns=["salvo", "salvo_split"]))
    assert sorted(out["salvo"]) == sorted(recomputed["salvo"])
    # No salvo lasts days: the longest, 40 h 50 min, is one night's report with a long window.
    assert (out["time_end"] - out["time_start"]).max() < pd.Timedelta(days=2)
    assert out.attrs["aidstats"]["posts_split"] == 47
    # The 6-7 September 2025 report (models ending 08:30 and 09:30) stays one salvo of 823.
    sep = out.loc[(out["time_end"] >= "2025-09-07") & (out["time_end"] < "2025-09-08")]
    biggest = sep.loc[sep["launched"].idxmax()]
    assert biggest["launched"] == 823 and not biggest["salvo_split"] and "#" not in biggest["salvo"]
    # The post reused over 121 days (August-December 2024) is split into its attacks.
    reused = out.loc[out["post"].str.startswith("kpszsu/posts/pfbid02YK2sa7Z1E1Q")]
    assert len(reused) > 1 and (reused["time_end"] - reused["time_start"]).max() < pd.Timedelta(
        days=1
    )
    # Salvos whose destroyed count is unknown carry it as missing, never 0.
    feb = out.loc[out["destroyed"].isna() & (out["time_end"].dt.strftime("%Y-%m") == "2025-02")]
    assert len(feb) == 3 and feb["destroyed_missing"].sum() == 61


@pytest.mark.upstream
def test_reader_salvo_column(raw_strike_file: object) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        events = read_strike_events(raw_strike_file)  # type: ignore[arg-type]
    split = events.loc[events["salvo_split"] & (events["invalid_reason"] == "")]
    assert split["post"].nunique() == 47 and split["salvo"].str.contains("#").all()
    assert (
        events.loc[~events["salvo_split"], "salvo"] == events.loc[~events["salvo_split"], "post"]
    ).all()
