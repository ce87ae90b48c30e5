"""Decoys the same everywhere: one is_shahed rule for every table and figure (issue 11 item 5)."""

from __future__ import annotations

import pandas as pd
import pytest
from factories import make_events

from aidstats import datasets, strikes
from aidstats._compute.strikes.decoys import move_decoys
from aidstats._draw.prep import weapon_mix_table


def _events() -> pd.DataFrame:
    return make_events(
        {"start": "2025-06-10", "launched": 100},  # before mid-July 2025: decoys inside, unsplit
        {"start": "2025-10-10", "launched": 500, "is_shahed": 380},  # 120 decoys
        {"start": "2025-10-11", "launched": 30, "model": "Unknown UAV"},
        {"start": "2025-10-12", "launched": 5, "model": "Lancet"},
    )


def test_volume_periods_and_weapon_mix_split_decoys_alike() -> None:
    events = _events()
    volume = strikes.volume_monthly(events).set_index("month")
    assert volume.loc["2025-10-01", ["drones_attack", "drones_decoy_or_unknown"]].tolist() == [
        385.0,
        150.0,
    ]
    assert volume.loc["2025-06-01", ["drones_attack", "drones_attack_unsplit"]].tolist() == [
        100.0,
        100.0,
    ]
    assert (
        volume["drones_attack_incl_decoys"] == volume["drones_attack_unsplit"]
    ).all()  # deprecated alias
    periods = strikes.to_periods(events, by="weapon_class")
    assert periods.loc[periods["weapon_class"] == "attack_drone", "decoys"].tolist() == [0.0, 120.0]
    mix = weapon_mix_table(periods.rename(columns={"period": "month"})).set_index(
        ["month", "weapon_class"]
    )
    assert mix.loc[(pd.Timestamp("2025-10-01"), "attack_drone"), "launched"] == 385.0
    assert mix.loc[(pd.Timestamp("2025-10-01"), "decoy_or_unknown_drone"), "launched"] == 150.0
    assert mix.loc[(pd.Timestamp("2025-06-01"), "attack_drone"), "launched"] == 100.0


def test_move_decoys_without_a_decoys_column_changes_nothing() -> None:
    table = pd.DataFrame(
        {
            "month": [1, 1],
            "weapon_class": ["attack_drone", "cruise_missile"],
            "launched": [5.0, 2.0],
        }
    )
    assert move_decoys(table, ["month"])["launched"].tolist() == [5.0, 2.0]


def test_bundled_tables_split_october_2025_the_same_way() -> None:
    monthly = datasets.load("strikes_monthly")
    october = monthly.loc[monthly["month"] == "2025-10-01"]
    mix = weapon_mix_table(october).set_index("weapon_class")["launched"]
    attack = october.loc[october["weapon_class"] == "attack_drone"]
    assert mix["attack_drone"] == attack["launched"].sum() - attack["decoys"].sum()
    before = october.loc[october["weapon_class"] == "decoy_or_unknown_drone", "launched"].sum()
    assert mix["decoy_or_unknown_drone"] == before + attack["decoys"].sum()
    assert attack["decoys"].sum() > 1000  # the figure no longer shows decoys as attack drones
    assert mix.sum() == pytest.approx(october["launched"].sum())
