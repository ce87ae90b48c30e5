"""volume_monthly on synthetic events, and the reporting regimes (code and bundled table)."""

from __future__ import annotations

import pandas as pd
import pytest
from factories import make_events

from aidstats import strikes
from aidstats._core.regimes import regimes_frame
from aidstats.errors import DataValidationError


def test_volume_monthly_splits_attack_drones_and_fills_every_month() -> None:
    events = make_events(
        {"start": "2025-06-10", "launched": 100},  # Shahed, no is_shahed: all attack drones
        {"start": "2025-08-10", "launched": 50, "is_shahed": 30},  # 30 attack drones, 20 decoys
        {"start": "2025-08-10", "launched": 4, "model": "Iskander-M"},
        {"start": "2025-08-10", "launched": 9, "model": "X-101/X-555"},
        {
            "start": "2025-08-10",
            "launched": 9,
            "model": "X-101/X-555",
            "command": "PvKPivden",
        },  # repeats
    )
    out = strikes.volume_monthly(events).set_index("month")
    assert out.index.tolist() == [
        pd.Timestamp(m) for m in ("2025-06-01", "2025-07-01", "2025-08-01")
    ]
    assert out["drones_attack"].tolist() == [100.0, 0.0, 30.0]
    assert out["drones_decoy_or_unknown"].tolist() == [0.0, 0.0, 20.0]
    assert out["drones_attack_incl_decoys"].tolist() == [100.0, 0.0, 0.0]
    assert out.loc["2025-08-01", ["missiles_ballistic", "missiles_cruise"]].tolist() == [4.0, 9.0]
    meta = out.attrs["aidstats"]
    assert (meta["dropped_rows"], meta["dropped_launched"]) == (1, 9.0)
    assert meta["is_shahed_above_launched"] == 0


def test_volume_monthly_needs_the_weapon_columns() -> None:
    events = make_events({"start": "2025-06-10"}).drop(columns=["is_shahed"])
    with pytest.raises(DataValidationError, match="lacks columns"):
        strikes.volume_monthly(events)


def test_regime_table_and_changes() -> None:
    table = regimes_frame()
    assert table[["measure", "regime"]].apply(tuple, axis=1).tolist() == [
        ("not_reach_goal", "not_recorded"),
        ("not_reach_goal", "recorded"),
        ("not_reach_goal", "zero"),
        ("is_shahed", "not_split"),
        ("is_shahed", "split"),
    ]
    changes = strikes.regime_changes("2022-01-01", "2027-01-01")
    assert [f"{d:%Y-%m-%d}" for d in changes["date"]] == ["2024-07-01", "2025-07-15", "2025-08-01"]
    assert len(strikes.regime_changes("2025-07-01", "2025-07-31", "not_reach_goal")) == 0
    assert strikes.regime_changes("2025-07-01", "2025-07-31")["measure"].tolist() == ["is_shahed"]


def test_warn_regime_changes_returns_the_periods() -> None:
    with pytest.warns(strikes.RegimeChangeWarning):
        hits = strikes.warn_regime_changes(["2025-07-01", "2025-08-01"], "M")
    assert hits["measure"].tolist() == ["is_shahed"]
    assert hits["period"].tolist() == [pd.Timestamp("2025-07-01")]


def test_bundled_regimes_match_the_code() -> None:
    order = ["measure", "regime"]
    bundled = strikes.regimes().sort_values(order).reset_index(drop=True)
    code = regimes_frame().sort_values(order).reset_index(drop=True)
    pd.testing.assert_frame_equal(
        bundled.astype(
            {"missing_means_zero": bool, "measure": object, "regime": object, "description": object}
        ),
        code.astype({"measure": object, "regime": object, "description": object}),
        check_dtype=False,
    )
    recorded = bundled.set_index(order).loc[("not_reach_goal", "recorded")]
    assert (recorded["start"], recorded["end"]) == (
        pd.Timestamp("2024-07-01"),
        pd.Timestamp("2025-07-31"),
    )
    assert bundled.set_index(order).loc[("is_shahed", "split"), "start"] == pd.Timestamp(
        "2025-07-15"
    )
    assert (
        strikes.regimes().attrs["aidstats"]["dataset"] == "reporting_regimes"
    )  # provenance travels
