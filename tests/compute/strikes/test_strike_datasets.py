"""Tests of the derived strike datasets: reporting_regimes, strikes_monthly, strikes_daily,
strike_volume_monthly (bundled files, and a rebuild from the raw data where present)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from aidstats import datasets
from aidstats._build import strike_tables

NAMES = ("reporting_regimes", "strikes_monthly", "strikes_daily", "strike_volume_monthly")


@pytest.mark.parametrize("name", NAMES)
def test_loads_validated_with_units_and_sources(name: str) -> None:
    df = datasets.load(name)
    meta = datasets.info(name)
    assert len(df) == meta.rows > 0
    titles = {s.title for s in meta.sources}
    assert any("Massive Missile Attacks" in t for t in titles)
    for column in meta.columns:
        if column.type == "integer":
            assert column.unit == "count"
    assert "missile_attacks_daily.csv" in dict(meta.sources[0].files)


def _month(df: pd.DataFrame, month: str) -> pd.DataFrame:
    return df.loc[df["month"] == pd.Timestamp(month)]


def test_strikes_monthly_reference_totals() -> None:
    df = datasets.load("strikes_monthly")
    june = _month(df, "2025-06-01")
    assert june["launched"].sum() == 5801
    assert june["destroyed"].sum() == 2978
    assert june["not_reach_goal"].sum() == 1993
    assert _month(df, "2026-03-01")["launched"].sum() == 7819
    by_month = df.groupby("month")["launched"].sum()
    assert by_month.idxmax() == pd.Timestamp("2026-03-01")
    # not_reach_goal does not exist before July 2024: missing, never 0.
    assert df.loc[df["month"] < pd.Timestamp("2024-07-01"), "not_reach_goal"].isna().all()


def test_strikes_daily_adds_up_to_monthly() -> None:
    daily = datasets.load("strikes_daily")
    monthly = datasets.load("strikes_monthly")
    by_day = daily.groupby(daily["day"].dt.to_period("M").dt.start_time)["launched"].sum()
    by_month = monthly.groupby("month")["launched"].sum()
    pd.testing.assert_series_equal(by_day, by_month, check_names=False, check_index_type=False)
    assert daily.loc[daily["day"].dt.strftime("%Y-%m") == "2025-06", "launched"].sum() == 5801


def test_volume_glide_bombs_missing_not_zero() -> None:
    df = datasets.load("strike_volume_monthly").set_index("month")
    glide = df["glide_bombs"]
    assert not (glide == 0).any()
    assert glide.isna().sum() == 35 and glide.notna().sum() == 9
    # No statement at all before 2024, and only part-month ones for May/June 2024: missing.
    assert glide.loc[:"2023-12-01"].isna().all()
    assert pd.isna(glide.loc["2024-05-01"]) and pd.isna(glide.loc["2024-06-01"])
    assert df["glide_bombs_source"].isna().equals(glide.isna())
    # July 2025: the Ministry of Defence (3,786) is preferred over the President (>5,100).
    assert glide.loc["2025-07-01"] == 3786
    assert df.loc["2025-07-01", "glide_bombs_source"] == "official_statement:60"
    assert glide.loc["2024-03-01"] == 3000


def test_volume_missiles_and_drones() -> None:
    df = datasets.load("strike_volume_monthly").set_index("month")
    june = df.loc["2025-06-01"]
    assert (june["missiles_cruise"], june["missiles_ballistic"], june["missiles_other"]) == (
        180,
        63,
        6,
    )
    assert (
        june["drones_attack"],
        june["drones_decoy_or_unknown"],
        june["drones_reconnaissance"],
    ) == (5465, 48, 31)
    # Before the is_shahed split, every Shahed-type launch counts as an attack drone (decoys included).
    assert (
        df.loc[:"2025-06-01", "drones_attack_incl_decoys"] <= df.loc[:"2025-06-01", "drones_attack"]
    ).all()
    assert df.loc["2025-12-01", "drones_attack_incl_decoys"] == 0
    for column in df.columns:
        if column.endswith("_source") and column != "glide_bombs_source":
            assert set(df[column]) == {"air_force_reports"}


@pytest.mark.upstream
@pytest.mark.slow
def test_rebuild_matches_bundled_and_regimes_hold(raw_dir: Path, raw_strike_file: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        built = {b.name: b for b in strike_tables.build(raw_dir)}
    assert set(built) == set(NAMES)
    volume = built["strike_volume_monthly"].frame
    assert len(volume) == 44
    assert volume["glide_bombs"].notna().sum() == 9
    monthly = built["strikes_monthly"].frame
    assert monthly.loc[monthly["month"] == "2025-06", "launched"].sum() == 5801
