"""Builder of ``weapon_catalog``: the curated catalogue of :mod:`aidstats._core.weapons`.

The build checks that every model string in the raw files is covered.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from aidstats._build._common import AIDSTATS, IVANIUK, BuiltDataset, Column, source_with_files
from aidstats._core.vocab import WEAPON_CLASSES, WEAPON_GROUPS
from aidstats._core.weapons import catalog_frame, normalise_model_key

__all__ = ["build", "weapon_catalog"]


STRIKES_DIR = "strikes"
DAILY_FILE = "missile_attacks_daily.csv"
REFERENCE_FILE = "missiles_and_uavs.csv"


def _raw_models(raw_dir: Path) -> set[str]:
    strikes = raw_dir / STRIKES_DIR
    seen: set[str] = set()
    for name in (DAILY_FILE, REFERENCE_FILE):
        frame = pd.read_csv(strikes / name, dtype=str, keep_default_na=False, usecols=["model"])
        seen |= {m.strip() for m in frame["model"] if m.strip()}
    return seen


def _check_coverage(frame: pd.DataFrame, raw_dir: Path) -> None:
    keys: dict[str, str] = {}
    for model, aliases in zip(frame["model"], frame["aliases"], strict=True):
        for alias in aliases.split("; "):
            key = normalise_model_key(alias)
            if keys.setdefault(key, model) != model:
                raise ValueError(f"weapon_catalog: alias {alias!r} maps to both {keys[key]!r} and {model!r}")
    missing = sorted(m for m in _raw_models(raw_dir) if normalise_model_key(m) not in keys)
    if missing:
        raise ValueError(f"weapon_catalog: model strings in the raw files not in the catalogue: {missing}")


def weapon_catalog(raw_dir: Path) -> BuiltDataset:
    """The curated weapon catalogue, checked against every model string in the raw files."""
    frame = catalog_frame()
    _check_coverage(frame, raw_dir)
    strikes = raw_dir / STRIKES_DIR
    return BuiltDataset(
        name="weapon_catalog",
        title="Weapon catalogue: model names in the Air Force reports, canonical model, class and group",
        description=(
            "One row per canonical weapon model (atomic or composite) seen in the Ukrainian Air Force "
            "reports. 'aliases' lists every spelling that maps to it: the report's own string, Kh-/S- "
            "spellings for the Latin X-/C- used in the source, and Cyrillic names. Composite rows "
            "(several models in one report row) list their parts in component_models and take their "
            "class from the parts (mixed_missiles where missile classes differ). Classes: cruise_missile "
            "includes air-launched guided missiles (Kh-59, Kh-31P) and Kh-22/Kh-32; aeroballistic_missile "
            "is Kh-47 Kinzhal; sam_ground_attack is S-300/S-400 fired at ground targets; loitering "
            "munitions (Lancet, Kub) are attack drones."
        ),
        columns=(
            Column("model", "string", "Canonical model name (Kh-/S- spelling, Latin transliteration)"),
            Column("weapon_class", "string", "Weapon class: " + ", ".join(WEAPON_CLASSES)),
            Column("weapon_group", "string", "Weapon group: " + ", ".join(WEAPON_GROUPS)),
            Column("national_origin", "string", "Country of design ('; '-joined for several); missing if unknown"),
            Column("is_composite", "boolean", "The model string names several models reported in one row"),
            Column("component_models", "string", "Canonical models of the parts, '; '-joined (the model itself if atomic)"),
            Column("aliases", "string", "Every spelling mapped to this model, '; '-joined (matched case-insensitively)"),
            Column("role", "string", "What the weapon is, in a few words"),
            Column("note", "string", "Why the class was chosen, where not obvious; missing otherwise"),
        ),
        primary_key=("model",),
        frame=frame,
        sources=(dict(AIDSTATS), source_with_files(IVANIUK, [strikes / DAILY_FILE, strikes / REFERENCE_FILE])),
        version="1",
        notes=(
            "Curated in aidstats/_core/weapons.py; the build fails if a model string of the raw files is not covered.",
            "Shahed-136/131 counts include decoy drones before mid-July 2025 (see is_shahed in the reports).",
            "Kh-22/Kh-32 are anti-ship by origin but classed cruise_missile (land attack only in this war).",
        ),
    )


def build(raw_dir: Path) -> list[BuiltDataset]:
    """Every strike dataset built from ``raw_dir``."""
    return [weapon_catalog(Path(raw_dir))]
