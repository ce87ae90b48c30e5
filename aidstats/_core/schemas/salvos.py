"""Pandera schema of ``strike_salvos``."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series


class StrikeSalvos(pa.DataFrameModel):
    salvo: Series[str] = pa.Field(str_length={"min_value": 1}, unique=True)
    post: Series[str]
    reporting_command: Series[str]
    scope: Series[str] = pa.Field(isin=("national", "regional", "other"))
    time_start: Series[pd.Timestamp]
    time_end: Series[pd.Timestamp]
    n_rows: Series[pd.Int64Dtype] = pa.Field(ge=1)
    n_models: Series[pd.Int64Dtype] = pa.Field(ge=1)
    launched: Series[pd.Int64Dtype] = pa.Field(ge=0)
    destroyed: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    destroyed_missing: Series[pd.Int64Dtype] = pa.Field(ge=0)
    not_reach_goal: Series[pd.Int64Dtype] = pa.Field(ge=0)
    salvo_split: Series[pd.BooleanDtype]
    launched_: Series[pd.Int64Dtype] = pa.Field(ge=0, regex=True, alias=r"^launched_.+$")

    @pa.dataframe_check(error="time_end >= time_start")
    @classmethod
    def window_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return Series(df["time_end"] >= df["time_start"])

    @pa.dataframe_check(error="destroyed is missing where some launch has an unknown fate")
    @classmethod
    def destroyed_unknown(cls, df: pd.DataFrame) -> Series[bool]:
        return Series(df["destroyed"].isna() | (df["destroyed_missing"] == 0))

    @pa.dataframe_check(error="launched per weapon group adds up to launched")
    @classmethod
    def groups_add_up(cls, df: pd.DataFrame) -> Series[bool]:
        groups = ["launched_missile", "launched_drone", "launched_glide_bomb", "launched_other"]
        return Series(df[groups].sum(axis=1) == df["launched"])

    class Config:
        strict = True
        coerce = True


SALVO_SCHEMAS: dict[str, type[pa.DataFrameModel]] = {"strike_salvos": StrikeSalvos}
