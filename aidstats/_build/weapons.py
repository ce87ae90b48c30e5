"""Builder of ``weapon_catalog``: the curated catalogue of :mod:`aidstats._core.weapons`.

The build checks the aliases (each maps to one model) and lists the model
strings of the strike release that the catalogue does not know: the loader
counts those in the class ``unknown`` (never drops them), and the sidecar
names them so that the catalogue can be extended.
"""

from __future__ import annotations

import pandas as pd

from aidstats._build.dataset import BuiltDataset, Column
from aidstats._build.inputs import BuildInputs
from aidstats._core.sources import AIDSTATS
from aidstats._core.vocab import WEAPON_CLASSES, WEAPON_GROUPS
from aidstats._core.weapons import catalog_frame, normalise_model_key
from aidstats._read.releases import STRIKE_REFERENCE

__all__ = ["build", "weapon_catalog"]


def _release_models(inputs: BuildInputs) -> set[str]:
    """Model strings of the strike release: the report file and its reference file."""
    seen = {m.strip() for m in inputs.events["model_raw"] if m.strip()}
    reference = inputs.releases["strikes"].folder / STRIKE_REFERENCE
    if reference.is_file():
        frame = pd.read_csv(reference, dtype=str, keep_default_na=False, usecols=["model"])
        seen |= {m.strip() for m in frame["model"] if m.strip()}
    return seen


def _uncovered(frame: pd.DataFrame, inputs: BuildInputs) -> list[str]:
    keys: dict[str, str] = {}
    for model, aliases in zip(frame["model"], frame["aliases"], strict=True):
        for alias in aliases.split("; "):
            key = normalise_model_key(alias)
            if keys.setdefault(key, model) != model:
                raise ValueError(
                    f"weapon_catalog: alias {alias!r} maps to both {keys[key]!r} and {model!r}"
                )
    user = inputs.user_catalog.table if inputs.user_catalog is not None else {}
    return sorted(
        m
        for m in _release_models(inputs)
        if normalise_model_key(m) not in keys and normalise_model_key(m) not in user
    )


def weapon_catalog(inputs: BuildInputs) -> BuiltDataset:
    """The curated weapon catalogue, checked against every model string of the strike release."""
    frame = catalog_frame()
    uncovered = _uncovered(frame, inputs)
    return BuiltDataset(
        name="weapon_catalog",
        title="Weapon catalogue: model names in the Air Force reports, canonical model, class and group",
        description=(
            "One row per canonical weapon model (atomic or composite) seen in the Ukrainian Air Force "
            "reports. 'aliases' lists every spelling that maps to it: the report's own string, Kh-/S- "
            "spellings for the Latin X-/C- used in the source, and Cyrillic names. Composite rows "
            "(several models in one report row) list their parts in component_models and take their "
            "class from the parts (aidstats.strike_events.combine_classes). Every row says why it has its "
            "class (class_reason). A class says what a weapon is; strike_volume_monthly counts it in the "
            "column of how it flies: anti_ship_missile (Kh-22, Kh-32, Kh-35, P-800 Oniks, 3M22 Zircon) "
            "with cruise missiles; aeroballistic_missile (Kh-47 Kinzhal) and sam_ground_attack "
            "(S-300/S-400 fired at ground targets) with ballistic missiles; anti_radiation_missile "
            "(Kh-31 types) under other missiles; loitering munitions (Lancet, Kub) are attack drones."
        ),
        columns=(
            Column(
                "model", "string", "Canonical model name (Kh-/S- spelling, Latin transliteration)"
            ),
            Column("weapon_class", "string", "Weapon class: " + ", ".join(WEAPON_CLASSES)),
            Column("weapon_group", "string", "Weapon group: " + ", ".join(WEAPON_GROUPS)),
            Column(
                "national_origin",
                "string",
                "Country of design ('; '-joined for several); missing if unknown",
            ),
            Column(
                "is_composite",
                "boolean",
                "The model string names several models reported in one row",
            ),
            Column(
                "component_models",
                "string",
                "Canonical models of the parts, '; '-joined (the model itself if atomic)",
            ),
            Column(
                "aliases",
                "string",
                "Every spelling mapped to this model, '; '-joined (matched case-insensitively)",
            ),
            Column("role", "string", "What the weapon is, in a few words"),
            Column(
                "class_reason",
                "string",
                "Why the model has its class (and which volume column counts it)",
            ),
            Column(
                "note",
                "string",
                "Anything else worth knowing (spellings, decoys, confidence); missing otherwise",
            ),
        ),
        primary_key=("model",),
        frame=frame,
        sources=(dict(AIDSTATS), inputs.strike_source()),
        version="1",
        notes=(
            "Curated in aidstats/_core/weapon_table.py; model strings of the strike release it does not cover: "
            + (", ".join(repr(m) for m in uncovered) if uncovered else "none")
            + " (the loader counts them as unclassified_missile, unclassified_drone or unknown, by the words "
            "in the name, and names them in a warning; add them with a user catalogue, catalog= or --catalog).",
            "Shahed-136/131 counts include decoy drones before mid-July 2025 (see is_shahed in the reports).",
            "All five anti-ship types (Kh-22, Kh-32, Kh-35, P-800 Oniks, 3M22 Zircon) are anti_ship_missile "
            "and count as cruise missiles in strike_volume_monthly; S-300/S-400 in ground attack are "
            "sam_ground_attack and count as ballistic missiles, as do composite rows such as 'S-400 and "
            "Iskander-M'.",
            *inputs.catalog_notes,
        ),
    )


def build(inputs: BuildInputs) -> list[BuiltDataset]:
    return [weapon_catalog(inputs)]
