"""Missiles counted as what they are: ballistic composites, mixed rows, anti-ship and anti-radiation types (issue 11)."""

from __future__ import annotations

import pandas as pd
import pytest
from factories import make_events

from aidstats import strikes
from aidstats._core.vocab import AIR_FORCE_VOLUME, CLAIM_CLASSES, CLASS_VOLUME, WEAPON_CLASSES
from aidstats.stats import MEASURES


def test_every_class_but_guided_bombs_counts_in_one_volume_column() -> None:
    assert set(WEAPON_CLASSES) - set(CLASS_VOLUME) == {"guided_bomb"}
    assert set(CLASS_VOLUME.values()) == set(AIR_FORCE_VOLUME)
    assert CLASS_VOLUME["sam_ground_attack"] == "missiles_ballistic"
    assert CLASS_VOLUME["anti_ship_missile"] == "missiles_cruise"
    assert CLASS_VOLUME["mixed_missiles"] == "missiles_mixed"
    assert CLASS_VOLUME["anti_radiation_missile"] == "missiles_other"
    assert CLASS_VOLUME["unknown"] == "unclassified"


def test_the_ballistic_claim_measure_follows_the_same_rule() -> None:
    assert MEASURES["ballistic_missiles"] == ("weapon_class", CLAIM_CLASSES["ballistic_missiles"])
    assert set(CLAIM_CLASSES["ballistic_missiles"]) == {
        "ballistic_missile", "aeroballistic_missile", "sam_ground_attack",
    }  # fmt: skip


def test_composites_and_new_names_land_in_visible_columns() -> None:
    events = make_events(
        {"start": "2026-01-10", "model": "C-400 and Iskander-M", "launched": 13},
        {"start": "2026-01-10", "model": "X-47 Kinzhal and Iskander-M", "launched": 2},
        {"start": "2026-01-11", "model": "Iskander-M and Iskander-K", "launched": 11},
        {"start": "2026-01-12", "model": "X-31P", "launched": 3},
        {"start": "2026-01-12", "model": "3M22 Zircon", "launched": 2},
        {"start": "2026-01-13", "model": "Mystery weapon", "launched": 4},
    )
    row = strikes.volume_monthly(events).iloc[0]
    assert (row["missiles_ballistic"], row["missiles_mixed"], row["missiles_other"]) == (
        15.0,
        11.0,
        3.0,
    )
    assert (row["missiles_cruise"], row["unclassified"]) == (2.0, 4.0)


@pytest.mark.upstream
def test_april_file_ballistic_missiles_are_no_longer_hidden(real_events: pd.DataFrame) -> None:
    volume = strikes.volume_monthly(real_events)
    volume = volume.assign(month=volume["month"].dt.strftime("%Y-%m")).set_index("month")
    # January-March 2026 read 12 / 33 / 12 while S-300/S-400-with-Iskander rows (66 / 89 / 33) sat in
    # "other"; July and November 2025 gain the 12 and 25 Iskander-M/KN-23 of two split mixed rows.
    assert volume.loc[["2026-01", "2026-02", "2026-03"], "missiles_ballistic"].tolist() == [
        78,
        122,
        45,
    ]
    assert volume.loc[["2025-07", "2025-11"], "missiles_ballistic"].tolist() == [90, 105]
    assert volume.loc["2025-06":"2026-03", "missiles_mixed"].sum() == 0
    assert (
        volume.loc["2025-02", "missiles_mixed"] == 14
    )  # Kh-101/Kh-555, Kalibr and Iskander-M/KN-23, unsplit
    missiles = ["missiles_cruise", "missiles_ballistic", "missiles_mixed", "missiles_other"]
    assert volume[missiles].to_numpy().sum() == real_events.loc[
        (real_events["weapon_group"] == "missile") & (real_events["invalid_reason"] == ""),
        "launched",
    ].sum() - volume.attrs["aidstats"]["dropped_launched"] + _dropped_non_missiles(real_events)


def _dropped_non_missiles(events: pd.DataFrame) -> float:
    valid = events.loc[events["invalid_reason"] == ""].reset_index(drop=True)
    repeat = strikes.overlap_mask(valid, scopes=("regional", "other"))
    return float(valid.loc[repeat & (valid["weapon_group"] != "missile"), "launched"].sum())
