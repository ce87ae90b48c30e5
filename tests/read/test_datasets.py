"""The dataset API: names, load, info, provenance, errors."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from aidstats import AidstatsError, UnknownDatasetError, datasets

EXPECTED = {
    "aid_channels",
    "aid_donor_monthly",
    "aid_monthly",
    "aid_totals_monthly",
    "aid_weapons",
    "donor_groups",
    "eu_aid_shares",
    "official_statements",
}


def test_names_lists_the_bundled_datasets() -> None:
    assert set(datasets.names()) >= EXPECTED
    assert datasets.names() == sorted(datasets.names())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_dataset_loads_validated_with_provenance(name: str) -> None:
    frame = datasets.load(name)
    meta = datasets.info(name)
    assert len(frame) == meta.rows > 0
    assert list(frame.columns) == [c.name for c in meta.columns]
    prov = frame.attrs["aidstats"]
    assert prov["dataset"] == name
    assert prov["title"] == meta.title
    assert prov["licence"]
    assert prov["version"]
    assert prov["retrieved"]
    assert all(s["citation"] for s in prov["sources"])
    assert prov["source_line"].startswith("Source: ")
    for column in meta.columns:
        if column.unit:
            assert prov["units"][column.name] == column.unit


def test_load_returns_an_independent_copy() -> None:
    first = datasets.load("aid_monthly")
    first.loc[0, "eur_bn"] = -999.0
    assert datasets.load("aid_monthly").loc[0, "eur_bn"] != -999.0


def test_unknown_name_lists_valid_names() -> None:
    with pytest.raises(UnknownDatasetError) as err:
        datasets.load("aid_montly")
    message = str(err.value)
    assert "aid_montly" in message and "aid_monthly" in message and "official_statements" in message
    assert isinstance(err.value, AidstatsError) and isinstance(err.value, KeyError)
    with pytest.raises(UnknownDatasetError):
        datasets.info("nope")


def test_typed_columns() -> None:
    aid = datasets.load("aid_monthly")
    assert pd.api.types.is_datetime64_any_dtype(aid["month"])
    assert pd.api.types.is_float_dtype(aid["eur_bn"])
    statements = datasets.load("official_statements")
    assert str(statements["glide_bombs"].dtype) == "Int64"
    weapons = datasets.load("aid_weapons")
    assert str(weapons["units"].dtype) == "Int64"


def test_info_text_and_html() -> None:
    meta = datasets.info("aid_monthly")
    text = str(meta)
    assert (
        "aid_monthly" in text and "eur_bn" in text and "billion EUR" in text and "Trebesch" in text
    )
    html = meta._repr_html_()
    assert "<table>" in html and "eur_bn" in html and "Kiel" in html
    assert meta.to_frame().columns.tolist() == ["name", "type", "unit", "description"]
    with pytest.raises(AttributeError):
        meta.rows = 0  # type: ignore[misc]


def test_pct_gdp_is_missing_never_infinite() -> None:
    frame = datasets.load("aid_donor_monthly")
    assert not frame["pct_gdp"].isin([math.inf, -math.inf]).any()
    eu = frame[frame["iso3"] == "EU"]
    assert len(eu) > 0 and eu["gdp_eur_bn"].isna().all() and eu["pct_gdp"].isna().all()
    others = frame[frame["iso3"] != "EU"]
    assert others["pct_gdp"].notna().all()


def test_eu27_has_27_members_including_ireland_cyprus_malta() -> None:
    groups = datasets.load("donor_groups")
    eu27 = set(groups.loc[groups["group"] == "EU27", "iso3"])
    assert len(eu27) == 27 and {"IRL", "CYP", "MLT"} <= eu27
    nato = groups[groups["group"] == "NATO"].set_index("iso3")["joined"]
    assert len(nato) == 32
    assert nato["SWE"] == pd.Timestamp("2024-03-07") and nato["FIN"] == pd.Timestamp("2023-04-04")
    assert len(groups[groups["group"] == "G7"]) == 7


def test_statements_are_claims_with_qualifiers() -> None:
    statements = datasets.load("official_statements")
    june = statements[
        (statements["period_kind"] == "month")
        & (statements["period_start"] == pd.Timestamp("2025-06-01"))
        & statements["missiles"].notna()
    ]
    assert len(june) >= 1
    row = june.iloc[0]
    assert (row["missiles"], row["missiles_qualifier"]) == (330, "over")
    assert (row["ballistic_missiles"], row["ballistic_missiles_qualifier"]) == (80, "nearly")
    assert row["drones"] == 5000 and row["glide_bombs"] == 5000
    # Conflicting July 2025 glide-bomb claims are both kept.
    july = statements[
        (statements["period_start"] == pd.Timestamp("2025-07-01"))
        & (statements["period_end"] == pd.Timestamp("2025-07-31"))
        & statements["glide_bombs"].notna()
    ]
    assert set(july["glide_bombs"]) >= {5100, 3786}


def test_weapons_units_add_up_and_spellings_merge() -> None:
    weapons = datasets.load("aid_weapons")
    per_category = weapons.groupby(["donor", "category"]).agg(
        units=("units", "sum"), source=("category_units", "first")
    )
    assert (per_category["units"] == per_category["source"]).all()
    estonia = weapons[
        (weapons["donor"] == "Estonia") & weapons["system"].str.casefold().str.startswith("d-30")
    ]
    assert len(estonia) == 1 and int(estonia["units"].iloc[0]) == 33
    notes = " ".join(datasets.info("aid_weapons").notes)
    assert "D-30" in notes and "United Kingdom" in notes


def test_channel_gap_is_reported_not_forced() -> None:
    channels = datasets.load("aid_channels")
    totals = datasets.load("aid_totals_monthly")
    gap = totals["military_eur_bn"].sum() - channels["eur_bn"].sum()
    assert gap == pytest.approx(4.946, abs=0.001)
    assert "gap" in " ".join(datasets.info("aid_channels").notes)
