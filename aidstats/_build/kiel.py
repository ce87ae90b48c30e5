"""Reading a Kiel Ukraine Support Tracker release: the columns aidstats needs, and the columns it describes.

A release whose columns moved still reads; one whose columns were renamed or
dropped fails with a one-line message naming the column; extra columns are
reported in one warning. Used by the aid builders (:mod:`aidstats._build.aid`).
"""

from __future__ import annotations

import warnings

import pandas as pd

from aidstats._build.dataset import Column
from aidstats._build.inputs import BuildInputs
from aidstats._core.vocab import AID_CHANNELS as CHANNELS
from aidstats.errors import AidstatsError

__all__ = ["ALLOCATION_NOTE", "DONOR", "EUR_BN", "ISO3", "KIEL_COLUMNS", "MONTH", "kiel_month", "read_kiel"]

EUR_BN = "billion EUR (nominal)"
ALLOCATION_NOTE = (
    "Values are allocations (aid delivered or earmarked for delivery) by month of "
    "allocation, in nominal euros: neither commitments nor deliveries."
)


# pandas 2 parses floats approximately by default (the last digit can differ from
# pandas 3, whose default is exact and which deprecates the option).
_EXACT_FLOATS = {"float_precision": "round_trip"} if int(pd.__version__.split(".")[0]) < 3 else {}


#: The columns aidstats reads from each Kiel file (others are reported, not used).
KIEL_COLUMNS: dict[str, tuple[str, ...]] = {
    "data_explorer.csv": (
        "country", "iso", "year", "month", "total", "financial", "humanitarian", "military", "commitments",
        "to_be_allocated", "gdp",
    ),
    "total_allocations.csv": ("year", "month", "total_allocations", "military", "financial", "humanitarian"),
    "procurement_trends.csv": ("year", "month", *CHANNELS),
    "weapons.csv": ("donor", "category", "number_of_weapons", "monetary_value_eur", "weapons_list"),
    "eu_aid_shares.csv": ("country", "iso", "bilateral_pct_gdp", "eu_share_pct_gdp", "total_pct_gdp", "eu_share_bn"),
}  # fmt: skip
#: Columns the tracker publishes that aidstats knowingly does not use.
_UNUSED = {"data_explorer.csv": ("pct_gdp",)}


def read_kiel(inputs: BuildInputs, name: str) -> pd.DataFrame:
    """One Kiel file with the columns aidstats needs, in the order it expects them."""
    path = inputs.kiel_file(name)
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""], **_EXACT_FLOATS)
    frame.columns = [str(c).strip() for c in frame.columns]
    wanted = KIEL_COLUMNS[name]
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        raise AidstatsError(
            f"{path}: column {', '.join(repr(c) for c in missing)} missing (found: {', '.join(frame.columns)}); "
            "the release renamed or dropped it"
        )
    extra = [c for c in frame.columns if c not in wanted and c not in _UNUSED.get(name, ())]
    if extra:
        warnings.warn(
            f"{path.name}: columns aidstats does not use: {', '.join(extra)}", stacklevel=2
        )
    return frame[list(wanted)]


def kiel_month(frame: pd.DataFrame) -> pd.Series:
    return (
        frame["year"].astype(int).astype(str)
        + "-"
        + frame["month"].astype(int).map("{:02d}".format)
    )


DONOR = Column(
    "donor",
    "string",
    "Donor as named by the tracker (EU institutions: 'EU (Commission and Council)')",
)
ISO3 = Column("iso3", "string", "ISO 3166-1 alpha-3 code of the donor; 'EU' for EU institutions")
MONTH = Column("month", "yearmonth", "Month of allocation")
