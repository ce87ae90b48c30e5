"""Pandera schemas of the aid, statement and donor-group datasets."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from aidstats._core.vocab import AID_CATEGORIES as CATEGORIES
from aidstats._core.vocab import AID_CHANNELS as CHANNELS
from aidstats._core.vocab import CLAIM_MEASURES as MEASURES
from aidstats._core.vocab import QUALIFIERS

_EU_ISO = r"^([A-Z]{3}|EU)$"
_CATEGORY_KEYS = ("Air Defense", "Howitzers", "IFV", "MLRS", "Tanks")


class AidMonthly(pa.DataFrameModel):
    donor: Series[str] = pa.Field(str_length={"min_value": 1})
    iso3: Series[str] = pa.Field(str_matches=_EU_ISO)
    month: Series[pd.Timestamp]
    category: Series[str] = pa.Field(isin=CATEGORIES)
    eur_bn: Series[float] = pa.Field(nullable=False)

    class Config:
        strict = True
        coerce = True
        unique = ["iso3", "month", "category"]


class AidDonorMonthly(pa.DataFrameModel):
    donor: Series[str] = pa.Field(str_length={"min_value": 1})
    iso3: Series[str] = pa.Field(str_matches=_EU_ISO)
    month: Series[pd.Timestamp]
    total_eur_bn: Series[float]
    commitments_eur_bn: Series[float]
    to_be_allocated_eur_bn: Series[float]
    gdp_eur_bn: Series[float] = pa.Field(gt=0, nullable=True)
    pct_gdp: Series[float] = pa.Field(nullable=True, in_range={"min_value": -100, "max_value": 100})

    class Config:
        strict = True
        coerce = True
        unique = ["iso3", "month"]


class AidTotalsMonthly(pa.DataFrameModel):
    month: Series[pd.Timestamp] = pa.Field(unique=True)
    total_eur_bn: Series[float]
    military_eur_bn: Series[float]
    financial_eur_bn: Series[float]
    humanitarian_eur_bn: Series[float]

    class Config:
        strict = True
        coerce = True


class AidChannels(pa.DataFrameModel):
    month: Series[pd.Timestamp]
    channel: Series[str] = pa.Field(isin=CHANNELS)
    eur_bn: Series[float]

    class Config:
        strict = True
        coerce = True
        unique = ["month", "channel"]


class AidWeapons(pa.DataFrameModel):
    donor: Series[str] = pa.Field(str_length={"min_value": 1})
    iso3: Series[str] = pa.Field(str_matches=_EU_ISO)
    category: Series[str] = pa.Field(isin=_CATEGORY_KEYS)
    system: Series[str] = pa.Field(str_length={"min_value": 1})
    units: Series[pd.Int64Dtype] = pa.Field(ge=1)
    category_units: Series[pd.Int64Dtype] = pa.Field(ge=1)
    category_value_eur: Series[float] = pa.Field(ge=0)
    spellings: Series[str]

    class Config:
        strict = True
        coerce = True
        unique = ["donor", "category", "system"]


class EuAidShares(pa.DataFrameModel):
    donor: Series[str] = pa.Field(str_length={"min_value": 1}, unique=True)
    iso3: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$", unique=True)
    bilateral_pct_gdp: Series[float] = pa.Field(ge=0, le=100)
    eu_share_pct_gdp: Series[float] = pa.Field(ge=0, le=100)
    total_pct_gdp: Series[float] = pa.Field(ge=0, le=100)
    eu_share_eur_bn: Series[float] = pa.Field(ge=0)

    class Config:
        strict = True
        coerce = True


def _count() -> Any:
    return pa.Field(ge=0, nullable=True)


def _qual() -> Any:
    return pa.Field(isin=QUALIFIERS, nullable=True)


def _text() -> Any:
    return pa.Field(nullable=True)


class OfficialStatements(pa.DataFrameModel):
    statement_id: Series[str] = pa.Field(str_matches=r"^st-[0-9a-f]{10}$", unique=True)
    period_start: Series[pd.Timestamp]
    period_end: Series[pd.Timestamp]
    period_kind: Series[str] = pa.Field(isin=("month", "week", "other"))
    period_note: Series[str] = _text()
    missiles: Series[pd.Int64Dtype] = _count()
    missiles_qualifier: Series[str] = _qual()
    missiles_remark: Series[str] = _text()
    ballistic_missiles: Series[pd.Int64Dtype] = _count()
    ballistic_missiles_qualifier: Series[str] = _qual()
    ballistic_missiles_remark: Series[str] = _text()
    drones: Series[pd.Int64Dtype] = _count()
    drones_qualifier: Series[str] = _qual()
    drones_remark: Series[str] = _text()
    glide_bombs: Series[pd.Int64Dtype] = _count()
    glide_bombs_qualifier: Series[str] = _qual()
    glide_bombs_remark: Series[str] = _text()
    speaker: Series[str]
    source_title: Series[str]
    source_url: Series[str] = pa.Field(str_startswith="http")
    published: Series[pd.Timestamp] = pa.Field(nullable=True)
    published_note: Series[str] = _text()
    qualifier_raw: Series[str] = _text()
    quote: Series[str]
    compiled_in: Series[str] = pa.Field(str_matches=r"^\S+\.csv:\d+$", unique=True)

    @pa.dataframe_check(error="period_end >= period_start")
    @classmethod
    def period_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return Series(df["period_end"] >= df["period_start"])

    @pa.dataframe_check(error="a figure has a qualifier, and only a figure")
    @classmethod
    def qualifier_with_figure(cls, df: pd.DataFrame) -> Series[bool]:
        ok = pd.Series(True, index=df.index)
        for m in MEASURES:
            ok &= df[m].isna() == df[f"{m}_qualifier"].isna()
        return Series(ok)

    class Config:
        strict = True
        coerce = True


class DonorGroups(pa.DataFrameModel):
    group: Series[str] = pa.Field(
        isin=("EU27", "EU_institutions_and_members", "G7", "NATO", "Nordic_Baltic_8", "Europe")
    )
    iso3: Series[str] = pa.Field(str_matches=_EU_ISO)
    country: Series[str]
    joined: Series[pd.Timestamp] = pa.Field(nullable=True)
    group_description: Series[str]

    @pa.dataframe_check(error="EU27 has 27 members, G7 7, NATO 32, Nordic-Baltic 8")
    @classmethod
    def group_sizes(cls, df: pd.DataFrame) -> bool:
        sizes = df.groupby("group")["iso3"].nunique()
        expected = {"EU27": 27, "G7": 7, "NATO": 32, "Nordic_Baltic_8": 8}
        return all(sizes.get(g, 0) == n for g, n in expected.items())

    class Config:
        strict = True
        coerce = True
        unique = ["group", "iso3"]


AID_SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "aid_monthly": AidMonthly,
    "aid_donor_monthly": AidDonorMonthly,
    "aid_totals_monthly": AidTotalsMonthly,
    "aid_channels": AidChannels,
    "aid_weapons": AidWeapons,
    "eu_aid_shares": EuAidShares,
    "official_statements": OfficialStatements,
    "donor_groups": DonorGroups,
}
