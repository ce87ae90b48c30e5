"""Donor groups: membership as data, with accession dates, and the one membership rule.

A donor counts for a group from the first month that starts on or after its
accession date (Sweden joined NATO on 7 March 2024: its aid counts for NATO
from April 2024); where a group has no meaningful accession date (G7,
Nordic-Baltic Eight) a member always counts. Groups overlap (a donor is in the
EU27, NATO and the G7): never add groups up. :func:`with_groups` applies the
rule; every aggregation and figure by group goes through it.

Examples
--------
>>> from aidstats._core.donor_groups import members_as_of, membership_frame
>>> table = membership_frame()
>>> len(members_as_of(table, "EU27", "2025-01")), "SWE" in members_as_of(table, "NATO", "2024-03")
(27, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

__all__ = ["GROUPS", "members_as_of", "membership_frame", "with_groups"]

Member = tuple[str, str, str | None]

# (iso3, country, joined) per group. Dates: EU accession (Treaty of Rome for founders),
# NATO accession (deposit of the instrument of accession). G7 and Nordic-Baltic
# Eight have no accession dates that matter here.
_FOUNDED_EU = "1958-01-01"
EU27: list[Member] = [
    ("AUT", "Austria", "1995-01-01"),
    ("BEL", "Belgium", _FOUNDED_EU),
    ("BGR", "Bulgaria", "2007-01-01"),
    ("HRV", "Croatia", "2013-07-01"),
    ("CYP", "Cyprus", "2004-05-01"),
    ("CZE", "Czechia", "2004-05-01"),
    ("DNK", "Denmark", "1973-01-01"),
    ("EST", "Estonia", "2004-05-01"),
    ("FIN", "Finland", "1995-01-01"),
    ("FRA", "France", _FOUNDED_EU),
    ("DEU", "Germany", _FOUNDED_EU),
    ("GRC", "Greece", "1981-01-01"),
    ("HUN", "Hungary", "2004-05-01"),
    ("IRL", "Ireland", "1973-01-01"),
    ("ITA", "Italy", _FOUNDED_EU),
    ("LVA", "Latvia", "2004-05-01"),
    ("LTU", "Lithuania", "2004-05-01"),
    ("LUX", "Luxembourg", _FOUNDED_EU),
    ("MLT", "Malta", "2004-05-01"),
    ("NLD", "Netherlands", _FOUNDED_EU),
    ("POL", "Poland", "2004-05-01"),
    ("PRT", "Portugal", "1986-01-01"),
    ("ROU", "Romania", "2007-01-01"),
    ("SVK", "Slovakia", "2004-05-01"),
    ("SVN", "Slovenia", "2004-05-01"),
    ("ESP", "Spain", "1986-01-01"),
    ("SWE", "Sweden", "1995-01-01"),
]
_FOUNDED_NATO = "1949-08-24"
NATO: list[Member] = [
    ("ALB", "Albania", "2009-04-01"),
    ("BEL", "Belgium", _FOUNDED_NATO),
    ("BGR", "Bulgaria", "2004-03-29"),
    ("CAN", "Canada", _FOUNDED_NATO),
    ("HRV", "Croatia", "2009-04-01"),
    ("CZE", "Czechia", "1999-03-12"),
    ("DNK", "Denmark", _FOUNDED_NATO),
    ("EST", "Estonia", "2004-03-29"),
    ("FIN", "Finland", "2023-04-04"),
    ("FRA", "France", _FOUNDED_NATO),
    ("DEU", "Germany", "1955-05-06"),
    ("GRC", "Greece", "1952-02-18"),
    ("HUN", "Hungary", "1999-03-12"),
    ("ISL", "Iceland", _FOUNDED_NATO),
    ("ITA", "Italy", _FOUNDED_NATO),
    ("LVA", "Latvia", "2004-03-29"),
    ("LTU", "Lithuania", "2004-03-29"),
    ("LUX", "Luxembourg", _FOUNDED_NATO),
    ("MNE", "Montenegro", "2017-06-05"),
    ("NLD", "Netherlands", _FOUNDED_NATO),
    ("MKD", "North Macedonia", "2020-03-27"),
    ("NOR", "Norway", _FOUNDED_NATO),
    ("POL", "Poland", "1999-03-12"),
    ("PRT", "Portugal", _FOUNDED_NATO),
    ("ROU", "Romania", "2004-03-29"),
    ("SVK", "Slovakia", "2004-03-29"),
    ("SVN", "Slovenia", "2004-03-29"),
    ("ESP", "Spain", "1982-05-30"),
    ("SWE", "Sweden", "2024-03-07"),
    ("TUR", "Turkiye", "1952-02-18"),
    ("GBR", "United Kingdom", _FOUNDED_NATO),
    ("USA", "United States", _FOUNDED_NATO),
]
G7: list[Member] = [
    ("CAN", "Canada", None),
    ("FRA", "France", None),
    ("DEU", "Germany", None),
    ("ITA", "Italy", None),
    ("JPN", "Japan", None),
    ("GBR", "United Kingdom", None),
    ("USA", "United States", None),
]
NORDIC_BALTIC: list[Member] = [
    ("DNK", "Denmark", None),
    ("EST", "Estonia", None),
    ("FIN", "Finland", None),
    ("ISL", "Iceland", None),
    ("LVA", "Latvia", None),
    ("LTU", "Lithuania", None),
    ("NOR", "Norway", None),
    ("SWE", "Sweden", None),
]
EUROPE: list[Member] = [
    *((iso, name, None) for iso, name, _ in EU27),
    ("EU", "EU (Commission and Council)", None),
    ("GBR", "United Kingdom", None),
    ("NOR", "Norway", None),
    ("CHE", "Switzerland", None),
    ("ISL", "Iceland", None),
]
GROUPS: dict[str, tuple[Sequence[Member], str]] = {
    "EU27": (EU27, "European Union member states (27 since 1 February 2020)"),
    "EU_institutions_and_members": (
        [
            *((iso, name, None) for iso, name, _ in EU27),
            ("EU", "EU (Commission and Council)", None),
        ],
        "EU member states plus aid given through EU institutions",
    ),
    "G7": (G7, "Group of Seven (the EU takes part but is not a member)"),
    "NATO": (NATO, "NATO members (32 since Sweden's accession on 7 March 2024)"),
    "Nordic_Baltic_8": (NORDIC_BALTIC, "Nordic-Baltic Eight"),
    "Europe": (
        EUROPE,
        "European donors: EU members, EU institutions, United Kingdom, Norway, Switzerland, Iceland",
    ),
}


def membership_frame() -> pd.DataFrame:
    """The membership table: group, iso3, country, joined (date or missing), group_description."""
    rows = [
        {"group": group, "iso3": iso, "country": name, "joined": joined, "group_description": desc}
        for group, (members, desc) in GROUPS.items()
        for iso, name, joined in members
    ]
    frame = pd.DataFrame(rows)
    frame["joined"] = pd.to_datetime(frame["joined"], format="%Y-%m-%d").astype("datetime64[ns]")
    return frame


def _check_groups(membership: pd.DataFrame, names: Sequence[str]) -> None:
    unknown = sorted(set(names) - set(membership["group"]))
    if unknown:
        raise ValueError(
            f"unknown donor group(s) {unknown}; known: {sorted(membership['group'].unique())}"
        )


def with_groups(
    frame: pd.DataFrame, membership: pd.DataFrame, groups: Sequence[str]
) -> pd.DataFrame:
    """Rows of ``frame`` (with ``iso3`` and ``month``) repeated for each group the donor belongs to that month.

    Adds the column ``group``; a donor-month outside every requested group is
    dropped. This is the one place the membership rule is applied.
    """
    _check_groups(membership, groups)
    members = membership.loc[membership["group"].isin(list(groups)), ["group", "iso3", "joined"]]
    joined = frame.merge(members, on="iso3", how="inner")
    keep = joined["joined"].isna() | (joined["month"] >= joined["joined"])
    return joined.loc[keep].drop(columns="joined")


def members_as_of(membership: pd.DataFrame, group: str, when: Any) -> list[str]:
    """ISO3 codes of the members of ``group`` whose aid counts for it in the month of ``when``."""
    _check_groups(membership, [group])
    month = pd.Timestamp(when).to_period("M").to_timestamp()
    rows = membership.loc[membership["group"] == group]
    counted = rows["joined"].isna() | (month >= pd.to_datetime(rows["joined"]))
    return sorted(rows.loc[counted, "iso3"])
