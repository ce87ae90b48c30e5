"""Pandera schemas of the strike datasets: reporting_regimes, strikes_monthly, strikes_daily,
strike_volume_monthly (built in aidstats/_build/strike_tables.py) and weapon_catalog."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from aidstats._core.vocab import STRIKE_SCOPES as _STRIKE_SCOPES
from aidstats._core.vocab import WEAPON_CLASSES, WEAPON_GROUPS

_AF_SOURCE = "air_force_reports"
_ID = r"st-[0-9a-f]{10}"
_GLIDE_SOURCE = rf"^(official_statement:{_ID}|weekly_estimate:{_ID}(\+{_ID})*)$"


class ReportingRegimes(pa.DataFrameModel):
    measure: Series[str] = pa.Field(isin=("not_reach_goal", "is_shahed"))
    regime: Series[str] = pa.Field(str_length={"min_value": 1})
    start: Series[pd.Timestamp] = pa.Field(nullable=True)
    end: Series[pd.Timestamp] = pa.Field(nullable=True)
    missing_means_zero: Series[pd.BooleanDtype]
    description: Series[str] = pa.Field(str_length={"min_value": 1})

    @pa.dataframe_check
    def start_before_end(cls, df: pd.DataFrame) -> pd.Series:  # type: ignore[misc]
        return df["start"].isna() | df["end"].isna() | (df["start"] <= df["end"])

    class Config:
        strict = True
        coerce = True
        unique = ["measure", "regime"]


class _StrikeTotals(pa.DataFrameModel):
    weapon_class: Series[str] = pa.Field(isin=WEAPON_CLASSES)
    scope: Series[str] = pa.Field(isin=_STRIKE_SCOPES)
    launched: Series[pd.Int64Dtype] = pa.Field(ge=0)
    destroyed: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    not_reach_goal: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    n_reports: Series[pd.Int64Dtype] = pa.Field(ge=1)
    destroyed_missing: Series[pd.Int64Dtype] = pa.Field(ge=0)
    decoys: Series[pd.Int64Dtype] = pa.Field(ge=0)
    withheld_rows: Series[pd.Int64Dtype] = pa.Field(ge=0)

    @pa.dataframe_check(error="destroyed_missing <= launched")
    def unknown_within_launched(cls, df: pd.DataFrame) -> pd.Series:
        return df["destroyed_missing"] <= df["launched"]

    @pa.dataframe_check(error="decoys only in attack-drone rows, at most launched")
    def decoys_within_attack_drones(cls, df: pd.DataFrame) -> pd.Series:
        return (df["decoys"] == 0) | (
            (df["weapon_class"] == "attack_drone") & (df["decoys"] <= df["launched"])
        )


class StrikesMonthly(_StrikeTotals):
    month: Series[pd.Timestamp]
    weapon_group: Series[str] = pa.Field(isin=WEAPON_GROUPS)

    class Config:
        strict = True
        coerce = True
        unique = ["month", "weapon_group", "weapon_class", "scope"]


class StrikesDaily(_StrikeTotals):
    day: Series[pd.Timestamp]
    weapon_group: Series[str] = pa.Field(isin=WEAPON_GROUPS)

    class Config:
        strict = True
        coerce = True
        unique = ["day", "weapon_group", "weapon_class", "scope"]


_af: dict[str, Any] = {"ge": 0}
_af_source: dict[str, Any] = {"isin": [_AF_SOURCE]}  # a one-element tuple trips pandera 0.35


class StrikeVolumeMonthly(pa.DataFrameModel):
    month: Series[pd.Timestamp] = pa.Field(unique=True)
    missiles_cruise: Series[pd.Int64Dtype] = pa.Field(**_af)
    missiles_cruise_source: Series[str] = pa.Field(**_af_source)
    missiles_ballistic: Series[pd.Int64Dtype] = pa.Field(**_af)
    missiles_ballistic_source: Series[str] = pa.Field(**_af_source)
    missiles_mixed: Series[pd.Int64Dtype] = pa.Field(**_af)
    missiles_mixed_source: Series[str] = pa.Field(**_af_source)
    missiles_other: Series[pd.Int64Dtype] = pa.Field(**_af)
    missiles_other_source: Series[str] = pa.Field(**_af_source)
    drones_attack: Series[pd.Int64Dtype] = pa.Field(**_af)
    drones_attack_source: Series[str] = pa.Field(**_af_source)
    drones_decoy_or_unknown: Series[pd.Int64Dtype] = pa.Field(**_af)
    drones_decoy_or_unknown_source: Series[str] = pa.Field(**_af_source)
    drones_reconnaissance: Series[pd.Int64Dtype] = pa.Field(**_af)
    drones_reconnaissance_source: Series[str] = pa.Field(**_af_source)
    unclassified: Series[pd.Int64Dtype] = pa.Field(**_af)
    unclassified_source: Series[str] = pa.Field(**_af_source)
    drones_attack_unsplit: Series[pd.Int64Dtype] = pa.Field(**_af)
    withheld_rows: Series[pd.Int64Dtype] = pa.Field(**_af)
    # Deprecated name of drones_attack_unsplit (same values), kept for one release.
    drones_attack_incl_decoys: Series[pd.Int64Dtype] = pa.Field(**_af)
    glide_bombs: Series[pd.Int64Dtype] = pa.Field(gt=0, nullable=True)
    glide_bombs_low: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    glide_bombs_high: Series[pd.Int64Dtype] = pa.Field(gt=0, nullable=True)
    glide_bombs_source: Series[str] = pa.Field(str_matches=_GLIDE_SOURCE, nullable=True)
    glide_bombs_days_covered: Series[pd.Int64Dtype] = pa.Field(ge=0, le=31)

    @pa.dataframe_check
    def glide_bombs_sourced(cls, df: pd.DataFrame) -> pd.Series:  # type: ignore[misc]
        """A glide-bomb figure has a source and a range, and a missing one has none (never 0)."""
        missing = df["glide_bombs"].isna()
        return (missing == df["glide_bombs_source"].isna()) & (
            missing == df["glide_bombs_low"].isna()
        )

    @pa.dataframe_check
    def glide_bombs_in_range(cls, df: pd.DataFrame) -> pd.Series:  # type: ignore[misc]
        inside = (df["glide_bombs_low"] <= df["glide_bombs"]) & (
            df["glide_bombs"] <= df["glide_bombs_high"]
        )
        return df["glide_bombs"].isna() | inside.fillna(False)

    @pa.dataframe_check
    def unsplit_within_attack(cls, df: pd.DataFrame) -> pd.Series:  # type: ignore[misc]
        return (df["drones_attack_unsplit"] <= df["drones_attack"]) & (
            df["drones_attack_incl_decoys"] == df["drones_attack_unsplit"]
        )

    class Config:
        strict = True
        coerce = True


class WeaponCatalog(pa.DataFrameModel):
    model: Series[str] = pa.Field(unique=True, str_length={"min_value": 1})
    weapon_class: Series[str] = pa.Field(isin=WEAPON_CLASSES)
    weapon_group: Series[str] = pa.Field(isin=WEAPON_GROUPS)
    national_origin: Series[str] = pa.Field(nullable=True)
    is_composite: Series[pd.BooleanDtype]
    component_models: Series[str] = pa.Field(str_length={"min_value": 1})
    aliases: Series[str] = pa.Field(str_length={"min_value": 1})
    role: Series[str] = pa.Field(str_length={"min_value": 1})
    class_reason: Series[str] = pa.Field(str_length={"min_value": 1})
    note: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check
    def composites_have_parts(cls, df: pd.DataFrame) -> pd.Series:  # type: ignore[misc]
        several = df["component_models"].str.contains("; ", regex=False)
        return several == df["is_composite"].astype(bool)

    @pa.dataframe_check
    def model_is_an_alias(cls, df: pd.DataFrame) -> pd.Series:  # type: ignore[misc]
        aliases = df["aliases"].str.split("; ")
        return pd.Series(
            [m in a for m, a in zip(df["model"], aliases, strict=True)], index=df.index
        )

    class Config:
        strict = True
        coerce = True


class GlideBombsMonthly(pa.DataFrameModel):
    month: Series[pd.Timestamp] = pa.Field(unique=True)
    glide_bombs: Series[pd.Int64Dtype] = pa.Field(gt=0, nullable=True)
    glide_bombs_low: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    glide_bombs_high: Series[pd.Int64Dtype] = pa.Field(gt=0, nullable=True)
    basis: Series[str] = pa.Field(isin=["month_statement", "weekly_estimate"], nullable=True)
    month_statements: Series[str] = pa.Field(nullable=True)
    days_in_month: Series[pd.Int64Dtype] = pa.Field(ge=28, le=31)
    days_covered: Series[pd.Int64Dtype] = pa.Field(ge=0, le=31)
    covered_share: Series[float] = pa.Field(ge=0, le=1)
    covered_sum: Series[float] = pa.Field(ge=0, nullable=True)
    covered_low: Series[float] = pa.Field(ge=0, nullable=True)
    covered_high: Series[float] = pa.Field(ge=0, nullable=True)
    weekly_estimate: Series[float] = pa.Field(ge=0, nullable=True)
    weekly_low: Series[float] = pa.Field(ge=0, nullable=True)
    weekly_high: Series[float] = pa.Field(ge=0, nullable=True)
    weekly_statements: Series[str] = pa.Field(nullable=True)
    straddling: Series[pd.Int64Dtype] = pa.Field(ge=0)
    agreement: Series[float] = pa.Field(gt=0, nullable=True)

    @pa.dataframe_check
    def figure_has_basis(cls, df: pd.DataFrame) -> pd.Series:  # type: ignore[misc]
        """A figure says where it comes from; a missing one is missing, never 0."""
        return df["glide_bombs"].isna() == df["basis"].isna()

    @pa.dataframe_check
    def covered_within_month(cls, df: pd.DataFrame) -> pd.Series:  # type: ignore[misc]
        return df["days_covered"] <= df["days_in_month"]

    class Config:
        strict = True
        coerce = True


STRIKE_SCHEMAS: dict[str, Any] = {
    "glide_bombs_monthly": GlideBombsMonthly,
    "reporting_regimes": ReportingRegimes,
    "strikes_monthly": StrikesMonthly,
    "strikes_daily": StrikesDaily,
    "strike_volume_monthly": StrikeVolumeMonthly,
    "weapon_catalog": WeaponCatalog,
}
