"""Builders of the aid datasets from a release of the Kiel Ukraine Support Tracker.

Each Kiel file is read by :func:`aidstats._build.kiel.read_kiel`, with the
columns aidstats needs named.
"""

from __future__ import annotations

import re

import pandas as pd

from aidstats._build.dataset import BuiltDataset, Column
from aidstats._build.inputs import BuildInputs
from aidstats._build.kiel import (
    ALLOCATION_NOTE,
    DONOR,
    EUR_BN,
    ISO3,
    KIEL_COLUMNS,
    MONTH,
    kiel_month,
    read_kiel,
)
from aidstats._core.vocab import AID_CATEGORIES as CATEGORIES
from aidstats._core.vocab import AID_CHANNELS as CHANNELS

def aid_monthly(inputs: BuildInputs) -> BuiltDataset:
    explorer = read_kiel(inputs, "data_explorer.csv")
    wide = explorer.assign(month=kiel_month(explorer))
    long = wide.melt(
        id_vars=["country", "iso", "month"],
        value_vars=list(CATEGORIES),
        var_name="category",
        value_name="eur_bn",
    ).rename(columns={"country": "donor", "iso": "iso3"})
    return BuiltDataset(
        name="aid_monthly",
        title="Aid allocations to Ukraine by donor, month and category",
        description=(
            "Bilateral and EU-level aid allocations by donor, month and category "
            "(military, financial, humanitarian) from the Kiel Ukraine Support Tracker. "
            + ALLOCATION_NOTE
        ),
        columns=(
            DONOR,
            ISO3,
            MONTH,
            Column("category", "string", "Aid category: military, financial or humanitarian"),
            Column("eur_bn", "number", "Allocated value", EUR_BN),
        ),
        primary_key=("iso3", "month", "category"),
        frame=long[["donor", "iso3", "month", "category", "eur_bn"]],
        sources=(inputs.kiel_source("data_explorer.csv"),),
        version=inputs.kiel_version,
        period_column="month",
    )


def aid_donor_monthly(inputs: BuildInputs) -> BuiltDataset:
    explorer = read_kiel(inputs, "data_explorer.csv")
    gdp = explorer["gdp"].where(explorer["gdp"] > 0)
    pct = (explorer["total"] / gdp * 100).where(gdp.notna())
    frame = pd.DataFrame(
        {
            "donor": explorer["country"],
            "iso3": explorer["iso"],
            "month": kiel_month(explorer),
            "total_eur_bn": explorer["total"],
            "commitments_eur_bn": explorer["commitments"],
            "to_be_allocated_eur_bn": explorer["to_be_allocated"],
            "gdp_eur_bn": gdp,
            "pct_gdp": pct,
        }
    )
    zero_gdp = sorted(explorer.loc[~(explorer["gdp"] > 0), "country"].unique())
    return BuiltDataset(
        name="aid_donor_monthly",
        title="Aid totals, commitments and donor GDP by donor and month",
        description=(
            "The rest of the tracker's donor-month table: total allocations, commitments, "
            "amounts committed but still to be allocated, and the donor's GDP, with total "
            "allocations as a share of GDP. " + ALLOCATION_NOTE
        ),
        columns=(
            DONOR,
            ISO3,
            MONTH,
            Column(
                "total_eur_bn",
                "number",
                "Total allocations (military + financial + humanitarian)",
                EUR_BN,
            ),
            Column("commitments_eur_bn", "number", "Commitments made in the month", EUR_BN),
            Column(
                "to_be_allocated_eur_bn", "number", "Committed but still to be allocated", EUR_BN
            ),
            Column("gdp_eur_bn", "number", "Donor GDP (missing where the tracker gives 0)", EUR_BN),
            Column(
                "pct_gdp",
                "number",
                "Total allocations as per cent of donor GDP; missing where GDP is unknown",
                "% of GDP",
            ),
        ),
        primary_key=("iso3", "month"),
        frame=frame,
        sources=(inputs.kiel_source("data_explorer.csv"),),
        version=inputs.kiel_version,
        period_column="month",
        notes=(
            f"GDP is 0 in the source for {', '.join(zero_gdp)}; gdp_eur_bn and pct_gdp are "
            "missing there, never infinite.",
        ),
    )


def aid_totals_monthly(inputs: BuildInputs) -> BuiltDataset:
    totals = read_kiel(inputs, "total_allocations.csv")
    frame = pd.DataFrame(
        {
            "month": kiel_month(totals),
            "total_eur_bn": totals["total_allocations"],
            **{f"{c}_eur_bn": totals[c] for c in CATEGORIES},
        }
    )
    return BuiltDataset(
        name="aid_totals_monthly",
        title="Aid allocations to Ukraine, all donors, by month",
        description="The tracker's published all-donor monthly totals by category. "
        + ALLOCATION_NOTE,
        columns=(
            MONTH,
            Column("total_eur_bn", "number", "Total allocations, all donors", EUR_BN),
            *(
                Column(f"{c}_eur_bn", "number", f"{c.capitalize()} allocations, all donors", EUR_BN)
                for c in CATEGORIES
            ),
        ),
        primary_key=("month",),
        frame=frame,
        sources=(inputs.kiel_source("total_allocations.csv"),),
        version=inputs.kiel_version,
        period_column="month",
    )


def aid_channels(inputs: BuildInputs) -> BuiltDataset:
    trends = read_kiel(inputs, "procurement_trends.csv")
    long = trends.assign(month=kiel_month(trends)).melt(
        id_vars=["month"], value_vars=list(CHANNELS), var_name="channel", value_name="eur_bn"
    )
    military = read_kiel(inputs, "total_allocations.csv")["military"].sum()
    channels = long["eur_bn"].sum()
    return BuiltDataset(
        name="aid_channels",
        title="Military aid to Ukraine by channel and month",
        description=(
            "Military allocations of all donors split by how they were sourced: from donor "
            "stockpiles, newly procured from industry, unspecified, or through NATO's "
            "Prioritised Ukraine Requirements List (PURL). " + ALLOCATION_NOTE
        ),
        columns=(
            MONTH,
            Column("channel", "string", "stockpile, procurement, unspecified or nato_purl"),
            Column("eur_bn", "number", "Military allocations through the channel", EUR_BN),
        ),
        primary_key=("month", "channel"),
        frame=long[["month", "channel", "eur_bn"]],
        sources=(inputs.kiel_source("procurement_trends.csv"),),
        version=inputs.kiel_version,
        period_column="month",
        notes=(
            f"The channels add up to EUR {channels:.3f}bn, while military allocations in "
            f"aid_totals_monthly add up to EUR {military:.3f}bn (gap EUR {military - channels:.3f}bn). "
            "The gap is in the source and is kept, not forced to zero.",
        ),
    )


_ITEM = re.compile(r"^(?P<name>.+?)\s*\((?P<count>\d+)\)\s*$")


def _parse_weapons_list(text: str) -> list[tuple[str, int]]:
    items = []
    for part in str(text).split(";"):
        part = part.strip()
        if not part:
            continue
        match = _ITEM.match(part)
        if match is None:
            raise ValueError(f"cannot parse weapons list item {part!r}")
        items.append((match["name"].strip(), int(match["count"])))
    return items


def _spelling_key(name: str) -> str:
    return " ".join(name.casefold().split())


def aid_weapons(inputs: BuildInputs) -> BuiltDataset:
    weapons = read_kiel(inputs, "weapons.csv")
    iso = read_kiel(inputs, "data_explorer.csv").drop_duplicates("country").set_index("country")["iso"]
    rows = []
    for rec in weapons.itertuples(index=False):
        for name, count in _parse_weapons_list(rec.weapons_list):
            rows.append(
                (
                    rec.donor,
                    rec.category,
                    name,
                    count,
                    rec.number_of_weapons,
                    rec.monetary_value_eur,
                )
            )
    items = pd.DataFrame(
        rows,
        columns=["donor", "category", "spelling", "units", "category_units", "category_value_eur"],
    )
    items["key"] = items["spelling"].map(_spelling_key)
    # The display name of a system is its most frequent spelling (ties: alphabetical).
    counts = items.groupby(["key", "spelling"]).size().reset_index(name="n")
    counts = counts.sort_values(["key", "n", "spelling"], ascending=[True, False, True])
    canonical = counts.drop_duplicates("key").set_index("key")["spelling"]
    items["system"] = items["key"].map(canonical)
    notes = []
    merged = (
        items.groupby(["donor", "category", "system"], sort=True)
        .agg(
            units=("units", "sum"),
            category_units=("category_units", "first"),
            category_value_eur=("category_value_eur", "first"),
            spellings=("spelling", lambda s: " | ".join(sorted(set(s)))),
        )
        .reset_index()
    )
    for (donor, category, system), group in items.groupby(["donor", "category", "system"]):
        if group["spelling"].nunique() > 1:
            notes.append(
                f"{donor}, {category}: spellings {sorted(group['spelling'].unique())} of {system} merged "
                f"({int(group['units'].sum())} units)."
            )
    per_category = merged.groupby(["donor", "category"]).agg(
        units=("units", "sum"), source=("category_units", "first")
    )
    for (donor, category), rec in per_category.iterrows():
        if rec["units"] != rec["source"]:
            notes.append(
                f"{donor}, {category}: listed systems add up to {rec['units']} units, the source count is {rec['source']}."
            )
    per_unit = merged.groupby(["donor", "category"]).agg(
        value=("category_value_eur", "first"), units=("units", "sum")
    )
    for (donor, category), rec in per_unit.iterrows():
        if rec["value"] / rec["units"] < 100_000:
            notes.append(
                f"{donor}, {category}: {rec['units']} systems valued at EUR {rec['value']:,.0f} in total "
                f"(EUR {rec['value'] / rec['units']:,.0f} each) looks implausibly low; kept as published."
            )
    merged.insert(1, "iso3", merged["donor"].map(iso))
    return BuiltDataset(
        name="aid_weapons",
        title="Heavy weapons pledged or delivered to Ukraine by donor, category and system",
        description=(
            "One row per donor, weapon category (Howitzers, Tanks, Air Defense, IFV, MLRS) and "
            "system, with the number of units parsed from the tracker's packed 'NAME (COUNT); ...' "
            "lists, the tracker's unit count for the whole category and the category's value in "
            "euros. Spellings of one system that differ only in case or spacing are merged."
        ),
        columns=(
            DONOR,
            ISO3,
            Column("category", "string", "Weapon category as in the tracker"),
            Column("system", "string", "Weapon system (most frequent spelling in the source)"),
            Column("units", "integer", "Units of this system", "units"),
            Column(
                "category_units",
                "integer",
                "The source's unit count for the donor and category",
                "units",
            ),
            Column(
                "category_value_eur",
                "number",
                "The source's value of the donor's whole category (not of this system)",
                "EUR (nominal)",
            ),
            Column("spellings", "string", "Spellings of the system in the source, joined by ' | '"),
        ),
        primary_key=("donor", "category", "system"),
        frame=merged[
            [
                "donor",
                "iso3",
                "category",
                "system",
                "units",
                "category_units",
                "category_value_eur",
                "spellings",
            ]
        ],
        sources=(inputs.kiel_source("weapons.csv", "data_explorer.csv"),),
        version=inputs.kiel_version,
        notes=tuple(notes),
    )


def eu_aid_shares(inputs: BuildInputs) -> BuiltDataset:
    shares = read_kiel(inputs, "eu_aid_shares.csv").rename(
        columns={"country": "donor", "iso": "iso3", "eu_share_bn": "eu_share_eur_bn"}
    )
    pct = "% of GDP"
    return BuiltDataset(
        name="eu_aid_shares",
        title="EU members' bilateral aid and their share of EU-level aid, as % of GDP",
        description=(
            "Each EU member's bilateral aid plus its share of aid given through EU institutions, "
            "as published by the tracker."
        ),
        columns=(
            DONOR,
            ISO3,
            Column("bilateral_pct_gdp", "number", "Bilateral aid", pct),
            Column(
                "eu_share_pct_gdp", "number", "Share of EU-level aid attributed to the member", pct
            ),
            Column("total_pct_gdp", "number", "Bilateral plus EU share", pct),
            Column(
                "eu_share_eur_bn",
                "number",
                "Share of EU-level aid attributed to the member",
                EUR_BN,
            ),
        ),
        primary_key=("iso3",),
        frame=shares[
            [
                "donor",
                "iso3",
                "bilateral_pct_gdp",
                "eu_share_pct_gdp",
                "total_pct_gdp",
                "eu_share_eur_bn",
            ]
        ],
        sources=(inputs.kiel_source("eu_aid_shares.csv"),),
        version=inputs.kiel_version,
    )


def build(inputs: BuildInputs) -> list[BuiltDataset]:
    return [
        builder(inputs)
        for builder in (
            aid_monthly,
            aid_donor_monthly,
            aid_totals_monthly,
            aid_channels,
            aid_weapons,
            eu_aid_shares,
        )
    ]


__all__ = ["build"]
