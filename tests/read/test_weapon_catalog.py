"""The weapon catalogue: curated classes, full coverage of the raw model strings, bundled == code."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidstats import datasets
from aidstats._core.vocab import WEAPON_CLASSES, WEAPON_GROUPS
from aidstats._core.weapons import (
    alias_table,
    catalog_frame,
    extend_table,
    resolve_model,
    resolve_models,
    spelling_variants,
)
from aidstats.strike_events import normalise_model_key


@pytest.fixture(scope="module")
def catalog() -> pd.DataFrame:
    return datasets.load("weapon_catalog")


@pytest.fixture(scope="module")
def strikes_dir(raw_strike_file: Path) -> Path:
    """The upstream strike folder: the daily file and the early reference file beside it."""
    return raw_strike_file.parent


def _lookup(catalog: pd.DataFrame) -> dict[str, pd.Series]:
    out = {}
    for _, row in catalog.iterrows():
        for alias in row["aliases"].split("; "):
            out[normalise_model_key(alias)] = row
    return out


def test_bundled_equals_code(catalog: pd.DataFrame) -> None:
    code = catalog_frame()
    assert list(catalog.columns) == list(code.columns)
    bundled = catalog.sort_values("model").reset_index(drop=True)
    code = code.sort_values("model").reset_index(drop=True)
    for column in (
        "model",
        "weapon_class",
        "weapon_group",
        "component_models",
        "aliases",
        "role",
        "class_reason",
    ):
        assert bundled[column].tolist() == code[column].tolist(), column
    assert bundled["is_composite"].astype(bool).tolist() == code["is_composite"].tolist()


def test_shape_and_provenance(catalog: pd.DataFrame) -> None:
    assert len(catalog) == 72
    assert int(catalog["is_composite"].sum()) == 25
    assert catalog["model"].is_unique
    assert set(catalog["weapon_class"]) <= set(WEAPON_CLASSES)
    assert set(catalog["weapon_group"]) <= set(WEAPON_GROUPS)
    meta = catalog.attrs["aidstats"]
    assert meta["dataset"] == "weapon_catalog"
    files = {name for s in meta["sources"] for name in s["files"]}
    assert files == {"missile_attacks_daily.csv", "missiles_and_uavs.csv"}


def test_aliases_unique_across_models(catalog: pd.DataFrame) -> None:
    seen: dict[str, str] = {}
    for model, aliases in zip(catalog["model"], catalog["aliases"], strict=True):
        for alias in aliases.split("; "):
            assert seen.setdefault(normalise_model_key(alias), model) == model, alias


@pytest.mark.parametrize(
    ("raw", "model", "weapon_class", "weapon_group"),
    [
        ("X-47 Kinzhal", "Kh-47 Kinzhal", "aeroballistic_missile", "missile"),
        ("Iskander-M/KN-23", "Iskander-M/KN-23", "ballistic_missile", "missile"),
        ("Iskander-M", "Iskander-M", "ballistic_missile", "missile"),
        ("KN-23", "KN-23", "ballistic_missile", "missile"),
        ("X-22", "Kh-22", "anti_ship_missile", "missile"),
        ("X-32", "Kh-32", "anti_ship_missile", "missile"),
        ("3M22 Zircon", "3M22 Zircon", "anti_ship_missile", "missile"),
        ("X-31P", "Kh-31P", "anti_radiation_missile", "missile"),
        ("X-31PD", "Kh-31PD", "anti_radiation_missile", "missile"),
        ("X-59", "Kh-59", "cruise_missile", "missile"),
        ("X-101/X-555", "Kh-101/Kh-555", "cruise_missile", "missile"),
        ("Kalibr", "Kalibr", "cruise_missile", "missile"),
        ("P-800 Oniks", "P-800 Oniks", "anti_ship_missile", "missile"),
        ("X-35", "Kh-35", "anti_ship_missile", "missile"),
        ("C-300", "S-300", "sam_ground_attack", "missile"),
        ("C-400", "S-400", "sam_ground_attack", "missile"),
        ("C-300/C-400", "S-300/S-400", "sam_ground_attack", "missile"),
        ("Shahed-136/131", "Shahed-136/131", "attack_drone", "drone"),
        ("Lancet", "Lancet", "attack_drone", "drone"),
        ("Kub", "Kub", "attack_drone", "drone"),
        ("Молнія", "Molniya", "attack_drone", "drone"),
        ("Привет-82", "Privet-82", "attack_drone", "drone"),
        ("Unknown UAV", "Unknown UAV", "decoy_or_unknown_drone", "drone"),
        ("Reconnaissance UAV", "Reconnaissance UAV", "reconnaissance_drone", "drone"),
        ("Orlan-10", "Orlan-10", "reconnaissance_drone", "drone"),
        ("ZALA", "ZALA", "reconnaissance_drone", "drone"),
        ("Supercam", "Supercam", "reconnaissance_drone", "drone"),
        ("Merlin-VR", "Merlin-VR", "reconnaissance_drone", "drone"),
        ("Картограф", "Kartograf", "reconnaissance_drone", "drone"),
        ("Фенікс", "Feniks", "reconnaissance_drone", "drone"),
        ("GBU", "GBU", "guided_bomb", "glide_bomb"),
        ("Aerial Bomb", "Aerial Bomb", "guided_bomb", "glide_bomb"),
        ("Unknown Missile", "Unknown Missile", "unclassified_missile", "missile"),
        ("Kh-101/Kh-555", "Kh-101/Kh-555", "cruise_missile", "missile"),
        ("Х-101/Х-555", "Kh-101/Kh-555", "cruise_missile", "missile"),
        ("С-300", "S-300", "sam_ground_attack", "missile"),
    ],
)
def test_curated_classes(
    catalog: pd.DataFrame, raw: str, model: str, weapon_class: str, weapon_group: str
) -> None:
    row = _lookup(catalog)[normalise_model_key(raw)]
    assert (row["model"], row["weapon_class"], row["weapon_group"]) == (
        model,
        weapon_class,
        weapon_group,
    )


@pytest.mark.parametrize(
    ("raw", "weapon_class", "parts"),
    [
        ("X-101/X-555 and Kalibr", "cruise_missile", "Kh-101/Kh-555; Kalibr"),
        (
            "X-47 Kinzhal and Iskander-M/KN-23",
            "ballistic_missile",
            "Kh-47 Kinzhal; Iskander-M/KN-23",
        ),
        ("C-300 and Iskander-M", "ballistic_missile", "S-300; Iskander-M"),
        ("C-400 and Iskander-M", "ballistic_missile", "S-400; Iskander-M"),
        ("C-300/C-400 and Iskander-M", "ballistic_missile", "S-300/S-400; Iskander-M"),
        ("X-22 and X-32", "anti_ship_missile", "Kh-22; Kh-32"),
        (
            "Iskander-M/KN-23 and Iskander-K and Kalibr",
            "mixed_missiles",
            "Iskander-M/KN-23; Iskander-K; Kalibr",
        ),
        ("X-59 and X-35", "cruise_missile", "Kh-59; Kh-35"),
        ("Iskander-M and Iskander-K", "mixed_missiles", "Iskander-M; Iskander-K"),
        ("Shahed-136/131 and Lancet", "attack_drone", "Shahed-136/131; Lancet"),
        ("Молнія and Lancet", "attack_drone", "Molniya; Lancet"),
        (
            "Orlan-10 and Orlan-30 and ZALA and Supercam",
            "reconnaissance_drone",
            "Orlan-10; Orlan-30; ZALA; Supercam",
        ),
    ],
)
def test_composites(catalog: pd.DataFrame, raw: str, weapon_class: str, parts: str) -> None:
    row = _lookup(catalog)[normalise_model_key(raw)]
    assert row["weapon_class"] == weapon_class
    assert row["component_models"] == parts
    assert bool(row["is_composite"])
    assert row["model"] == parts.replace("; ", " and ")


def test_every_row_says_why_and_the_notes_match_the_data(catalog: pd.DataFrame) -> None:
    assert catalog["class_reason"].str.len().gt(10).all()
    anti_ship = catalog.loc[
        ~catalog["is_composite"].astype(bool) & (catalog["weapon_class"] == "anti_ship_missile")
    ]
    assert set(anti_ship["model"]) == {"Kh-22", "Kh-32", "Kh-35", "P-800 Oniks", "3M22 Zircon"}
    assert anti_ship["class_reason"].nunique() == 1  # one treatment, one reason
    notes = " ".join(datasets.info("weapon_catalog").notes)
    assert "3M22 Zircon" in notes and "count as cruise missiles" in notes
    assert "other" not in notes.split("Zircon")[1][:40]


def test_shahed_note_mentions_decoys(catalog: pd.DataFrame) -> None:
    note = catalog.set_index("model").loc["Shahed-136/131", "note"]
    assert "decoy" in note and "July 2025" in note


def test_spelling_variants() -> None:
    assert spelling_variants("X-22 and C-300") >= {
        "X-22 and C-300",
        "Kh-22 and S-300",
        "Х-22 and С-300",
    }
    assert spelling_variants("Kalibr") == {"Kalibr"}
    assert "Kh-59MK2" in spelling_variants("X-59MK2")


@pytest.mark.upstream
def test_every_raw_model_string_is_covered(catalog: pd.DataFrame, strikes_dir: Path) -> None:
    lookup = _lookup(catalog)
    for name in ("missile_attacks_daily.csv", "missiles_and_uavs.csv"):
        models = pd.read_csv(strikes_dir / name, dtype=str, keep_default_na=False)[
            "model"
        ].str.strip()
        missing = sorted({m for m in models if m and normalise_model_key(m) not in lookup})
        assert missing == [], name
    daily = pd.read_csv(strikes_dir / "missile_attacks_daily.csv", dtype=str, keep_default_na=False)
    assert daily["model"].nunique() == 71


# Pieces that put names at the edges of the guessing words and the Kh-/S- numbers.
_PIECES = st.sampled_from(
    ["x-", "X-5", "kh-1", "Kh", "h-2", "С-300", "с-", "ax-1", "я-1", "s-", "c-٣", "-7", "missile",
     "UAV", "drone", "Shahed", "БпЛА", "ракета", " and ", "and", " ", "\t", "\u2013", "/", "Kalibr",
     "X-101/X-555", "Geran-3", "Iskander-M", "", "a", "9"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=6).map("".join), max_size=30))
def test_resolving_many_names_at_once_equals_one_by_one(names: list[str]) -> None:
    names = [n.strip() for n in names]
    table = extend_table([("Geran-3", "Geran-3", "attack_drone", "drone")])
    for catalog in (alias_table(), table):
        resolved = resolve_models(names, catalog)
        for i, name in enumerate(names):
            fields = (resolved.model[i], resolved.weapon_class[i], resolved.weapon_group[i])
            assert (*fields, resolved.parts(i), resolved.known[i]) == resolve_model(name, catalog)
