"""Tests of the derived strike datasets: reporting_regimes, strikes_monthly, strikes_daily,
strike_volume_monthly (bundled files, and a rebuild from the raw data where present)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from aidstats import datasets, strikes
from aidstats._core.regimes import regimes_frame
from aidstats._files import default_raw_dir

NAMES = ("reporting_regimes", "strikes_monthly", "strikes_daily", "strike_volume_monthly")


@pytest.fixture(scope="module", params=NAMES)
def name(request: pytest.FixtureRequest) -> str:
    if request.param not in datasets.names():
        pytest.skip(f"{request.param} is not built")
    return str(request.param)


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


def test_regimes_dataset_matches_the_code() -> None:
    if "reporting_regimes" not in datasets.names():
        pytest.skip("reporting_regimes is not built")
    order = ["measure", "regime"]
    bundled = strikes.regimes().sort_values(order).reset_index(drop=True)
    code = regimes_frame().sort_values(order).reset_index(drop=True)
    pd.testing.assert_frame_equal(
        bundled.astype({"missing_means_zero": bool, "measure": object, "regime": object, "description": object}),
        code.astype({"measure": object, "regime": object, "description": object}),
        check_dtype=False,
    )
    recorded = bundled.set_index(["measure", "regime"]).loc[("not_reach_goal", "recorded")]
    assert (recorded["start"], recorded["end"]) == (pd.Timestamp("2024-07-01"), pd.Timestamp("2025-07-31"))
    split = bundled.set_index(["measure", "regime"]).loc[("is_shahed", "split")]
    assert split["start"] == pd.Timestamp("2025-07-15")


def _month(df: pd.DataFrame, month: str) -> pd.DataFrame:
    return df.loc[df["month"] == pd.Timestamp(month)]


def test_strikes_monthly_reference_totals() -> None:
    if "strikes_monthly" not in datasets.names():
        pytest.skip("strikes_monthly is not built")
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
    if not {"strikes_daily", "strikes_monthly"} <= set(datasets.names()):
        pytest.skip("strike tables are not built")
    daily = datasets.load("strikes_daily")
    monthly = datasets.load("strikes_monthly")
    by_day = daily.groupby(daily["day"].dt.to_period("M").dt.start_time)["launched"].sum()
    by_month = monthly.groupby("month")["launched"].sum()
    pd.testing.assert_series_equal(by_day, by_month, check_names=False, check_index_type=False)
    assert daily.loc[daily["day"].dt.strftime("%Y-%m") == "2025-06", "launched"].sum() == 5801


def test_volume_glide_bombs_missing_not_zero() -> None:
    if "strike_volume_monthly" not in datasets.names():
        pytest.skip("strike_volume_monthly is not built")
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
    if "strike_volume_monthly" not in datasets.names():
        pytest.skip("strike_volume_monthly is not built")
    df = datasets.load("strike_volume_monthly").set_index("month")
    june = df.loc["2025-06-01"]
    assert (june["missiles_cruise"], june["missiles_ballistic"], june["missiles_other"]) == (180, 63, 6)
    assert (june["drones_attack"], june["drones_decoy_or_unknown"], june["drones_reconnaissance"]) == (5465, 48, 31)
    # Before the is_shahed split, every Shahed-type launch counts as an attack drone (decoys included).
    assert (df.loc[:"2025-06-01", "drones_attack_incl_decoys"] <= df.loc[:"2025-06-01", "drones_attack"]).all()
    assert df.loc["2025-12-01", "drones_attack_incl_decoys"] == 0
    for column in df.columns:
        if column.endswith("_source") and column != "glide_bombs_source":
            assert set(df[column]) == {"air_force_reports"}


@pytest.mark.upstream
def test_rebuild_matches_bundled_and_regimes_hold() -> None:
    raw = default_raw_dir()
    if not (raw / "strikes" / "missile_attacks_daily.csv").exists():
        pytest.skip(f"raw data not found under {raw}")
    from aidstats._build import strike_tables

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        built = {b.name: b for b in strike_tables.build(raw)}
    assert set(built) == set(NAMES)
    volume = built["strike_volume_monthly"].frame
    assert len(volume) == 44
    assert volume["glide_bombs"].notna().sum() == 9
    monthly = built["strikes_monthly"].frame
    assert monthly.loc[monthly["month"] == "2025-06", "launched"].sum() == 5801
