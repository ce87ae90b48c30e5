"""Builders of the strike datasets (weapon_catalog, and the aggregate strike tables).

One function per dataset; :func:`build` lists them. ``weapon_catalog`` is a
curated table kept here as code: every model string the Air Force data use
(Latin ``X-`` for Cyrillic Х = Kh-, Latin ``C-`` for Cyrillic С = S-, Cyrillic
names, composite rows) maps to one canonical model with a weapon class and
group. The builder checks that every model string in the raw files is covered.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd

from aidstats._build._common import AIDSTATS, IVANIUK, BuiltDataset, Column, source_with_files
from aidstats._vocab import WEAPON_CLASSES, WEAPON_GROUPS

__all__ = ["WEAPON_CLASSES", "WEAPON_GROUPS", "build", "catalog_frame", "spelling_variants", "weapon_catalog"]


STRIKES_DIR = "strikes"
DAILY_FILE = "missile_attacks_daily.csv"
REFERENCE_FILE = "missiles_and_uavs.csv"


@dataclasses.dataclass(frozen=True)
class _Weapon:
    model: str
    weapon_class: str
    weapon_group: str
    national_origin: str | None
    role: str
    spellings: tuple[str, ...]
    note: str = ""


_RU = "Russia"
_KH_NOTE = "Latin X in the source stands for Cyrillic Х (Kh-)."
_AIR_MISSILE_NOTE = (
    "The Air Force reports call it a guided aviation missile and it is used against land targets "
    "here; there is no separate class for tactical air-to-surface missiles, so it is counted with "
    "cruise missiles (weapon_group missile either way). " + _KH_NOTE
)
_ANTI_SHIP_NOTE = (
    "Designed as an anti-ship missile and named so in the Air Force reports; used here against land "
    "targets. Kh-22/Kh-32 are anti-ship by origin too but are counted as cruise missiles (see their note)."
)
_KH22_NOTE = (
    "Heavy supersonic air-launched missile of anti-ship origin (Tu-22M3), used in this war only against "
    "land targets and reported by the Air Force as a guided aviation missile alongside cruise missiles; "
    "classed cruise_missile, not anti_ship_missile, so that land-attack volumes are complete. " + _KH_NOTE
)
_SAM_NOTE = "S-300/S-400 surface-to-air missiles fired at ground targets. Latin C in the source stands for Cyrillic С (S-)."
_RECON = "reconnaissance UAV"

_ATOMIC: tuple[_Weapon, ...] = (
    # Cruise and other air-breathing missiles.
    _Weapon("Kh-101/Kh-555", "cruise_missile", "missile", _RU, "air-launched strategic cruise missiles (Tu-95MS, Tu-160)",
            ("X-101/X-555",), "Reported together by the Air Force. " + _KH_NOTE),
    _Weapon("Kalibr", "cruise_missile", "missile", _RU, "sea-launched cruise missile (3M14)", ("Kalibr", "Калібр", "Калибр")),
    _Weapon("Iskander-K", "cruise_missile", "missile", _RU, "ground-launched cruise missile (9M728/9M729)",
            ("Iskander-K", "Іскандер-К", "Искандер-К")),
    _Weapon("Kh-22", "cruise_missile", "missile", _RU, "heavy supersonic air-launched missile", ("X-22",), _KH22_NOTE),
    _Weapon("Kh-32", "cruise_missile", "missile", _RU, "heavy supersonic air-launched missile (Kh-22 successor)", ("X-32",),
            _KH22_NOTE),
    _Weapon("Kh-59", "cruise_missile", "missile", _RU, "air-launched guided missile (Ovod)", ("X-59",), _AIR_MISSILE_NOTE),
    _Weapon("Kh-69", "cruise_missile", "missile", _RU, "air-launched cruise missile", ("X-69",), _KH_NOTE),
    _Weapon("Kh-59/Kh-69", "cruise_missile", "missile", _RU, "air-launched guided missiles reported together",
            ("X-59/X-69",), _AIR_MISSILE_NOTE),
    _Weapon("Kh-59MK2", "cruise_missile", "missile", _RU, "air-launched cruise missile (Su-57)", ("X-59MK2",), _KH_NOTE),
    _Weapon("Kh-31", "cruise_missile", "missile", _RU, "supersonic air-to-surface missile", ("X-31",), _AIR_MISSILE_NOTE),
    _Weapon("Kh-31P", "cruise_missile", "missile", _RU, "supersonic anti-radiation missile", ("X-31P",), _AIR_MISSILE_NOTE),
    _Weapon("Kh-31PD", "cruise_missile", "missile", _RU, "supersonic anti-radiation missile (extended range)", ("X-31PD",),
            _AIR_MISSILE_NOTE),
    _Weapon("3M22 Zircon", "cruise_missile", "missile", _RU, "hypersonic cruise missile", ("3M22 Zircon", "Zircon", "Циркон"),
            "Anti-ship by origin; the Air Force reports it as a (hypersonic) cruise missile."),
    _Weapon("Banderol", "cruise_missile", "missile", _RU, "small air-launched cruise missile (carried by Orion UAV)",
            ("Banderol", "Бандероль")),
    _Weapon("Kh-35", "anti_ship_missile", "missile", _RU, "subsonic anti-ship missile", ("X-35",), _ANTI_SHIP_NOTE + " " + _KH_NOTE),
    _Weapon("P-800 Oniks", "anti_ship_missile", "missile", _RU, "supersonic anti-ship missile (Bastion-P)",
            ("P-800 Oniks", "P-800 Onyx", "Oniks", "Онікс", "Оникс"), _ANTI_SHIP_NOTE),
    _Weapon("Unknown Missile", "unknown", "missile", None, "missile of unreported type", ("Unknown Missile",),
            "The upstream reference lists it as a cruise missile; the reports do not say, so the class is left unknown."),
    # Ballistic and aeroballistic missiles.
    _Weapon("Kh-47 Kinzhal", "aeroballistic_missile", "missile", _RU, "air-launched aeroballistic missile (MiG-31K)",
            ("X-47 Kinzhal", "Kinzhal", "Кинджал"), _KH_NOTE),
    _Weapon("Iskander-M", "ballistic_missile", "missile", _RU, "short-range ballistic missile (9M723)",
            ("Iskander-M", "Іскандер-М", "Искандер-М")),
    _Weapon("KN-23", "ballistic_missile", "missile", "North Korea", "short-range ballistic missile (Hwasong-11)", ("KN-23",)),
    _Weapon("Iskander-M/KN-23", "ballistic_missile", "missile", "Russia; North Korea",
            "short-range ballistic missiles reported together", ("Iskander-M/KN-23",)),
    _Weapon("Ballistic Missile", "ballistic_missile", "missile", _RU, "ballistic missile of unreported type",
            ("Ballistic Missile",)),
    _Weapon("Intercontinental Ballistic Missile", "ballistic_missile", "missile", _RU,
            "intercontinental or intermediate-range ballistic missile", ("Intercontinental Ballistic Missile", "ICBM")),
    # Surface-to-air missiles in the ground-attack role.
    _Weapon("S-300", "sam_ground_attack", "missile", _RU, "S-300 missile fired at ground targets", ("C-300",), _SAM_NOTE),
    _Weapon("S-400", "sam_ground_attack", "missile", _RU, "S-400 missile fired at ground targets", ("C-400",), _SAM_NOTE),
    _Weapon("S-300/S-400", "sam_ground_attack", "missile", _RU, "S-300 and S-400 missiles reported together",
            ("C-300/C-400",), _SAM_NOTE),
    # Bombs.
    _Weapon("GBU", "guided_bomb", "glide_bomb", _RU, "guided (glide) aerial bomb, KAB with UMPK kit", ("GBU", "KAB", "КАБ")),
    _Weapon("Aerial Bomb", "guided_bomb", "glide_bomb", _RU, "aerial bomb (guided glide bombs in these reports)",
            ("Aerial Bomb",), "Type not given; the reports count aerial bombs only where they are guided glide bombs."),
    # Drones.
    _Weapon("Shahed-136/131", "attack_drone", "drone", "Iran", "one-way attack drone (Shahed/Geran)",
            ("Shahed-136/131", "Шахед-136/131"),
            "Built in Russia as Geran-1/2. Before mid-July 2025 the counts include decoy drones (Gerbera and "
            "similar) that the reports did not separate; from then on is_shahed gives the real Shahed-type share."),
    _Weapon("Lancet", "attack_drone", "drone", _RU, "loitering munition (ZALA)", ("Lancet", "Ланцет"),
            "Loitering munition: counted as an attack drone."),
    _Weapon("Kub", "attack_drone", "drone", _RU, "loitering munition (KUB-BLA, ZALA)", ("Kub", "KUB-BLA", "Куб"),
            "Loitering munition: counted as an attack drone."),
    _Weapon("Molniya", "attack_drone", "drone", _RU, "small fixed-wing strike drone", ("Молнія", "Молния", "Molniya")),
    _Weapon("Privet-82", "attack_drone", "drone", _RU, "small one-way attack drone", ("Привет-82", "Привіт-82")),
    _Weapon("Unknown UAV", "decoy_or_unknown_drone", "drone", None, "drone of unreported type",
            ("Unknown UAV",), "Mostly decoys and unidentified attack drones; not reconnaissance."),
    _Weapon("Reconnaissance UAV", "reconnaissance_drone", "drone", None, "reconnaissance drone of unreported type",
            ("Reconnaissance UAV",)),
    _Weapon("Orlan-10", "reconnaissance_drone", "drone", _RU, _RECON, ("Orlan-10", "Орлан-10")),
    _Weapon("Orlan-30", "reconnaissance_drone", "drone", _RU, _RECON, ("Orlan-30", "Орлан-30")),
    _Weapon("ZALA", "reconnaissance_drone", "drone", _RU, _RECON, ("ZALA", "Zala")),
    _Weapon("Supercam", "reconnaissance_drone", "drone", _RU, _RECON, ("Supercam", "SuperCam")),
    _Weapon("Merlin-VR", "reconnaissance_drone", "drone", _RU, _RECON, ("Merlin-VR", "Merlin")),
    _Weapon("Eleron", "reconnaissance_drone", "drone", _RU, _RECON, ("Eleron", "Eleron-3", "Элерон")),
    _Weapon("Forpost", "reconnaissance_drone", "drone", _RU, "medium-altitude reconnaissance UAV", ("Forpost", "Форпост")),
    _Weapon("Granat-4", "reconnaissance_drone", "drone", _RU, _RECON, ("Granat-4",)),
    _Weapon("Orion", "reconnaissance_drone", "drone", _RU, "medium-altitude reconnaissance and strike UAV",
            ("Orion", "Оріон", "Орион"), "A reusable armed UAV, not a one-way attack drone."),
    _Weapon("Mohajer-6", "reconnaissance_drone", "drone", "Iran", "multirole reconnaissance UAV", ("Mohajer-6",)),
    _Weapon("Kartograf", "reconnaissance_drone", "drone", _RU, _RECON, ("Картограф", "Kartograf")),
    _Weapon("Feniks", "reconnaissance_drone", "drone", _RU, _RECON, ("Фенікс", "Феникс", "Feniks"),
            "One report (PvKPivden, November 2024); identified as a small Russian reconnaissance UAV, low confidence."),
)

# Composite model strings as reported (several models in one row). Their class is derived
# from the parts by aidstats.strike_events.combine_classes, the rule the loader applies too.
_COMPOSITES: tuple[str, ...] = (
    "X-101/X-555 and Kalibr",
    "X-101/X-555 and Iskander-K",
    "X-101/X-555 and Kalibr and Iskander-K",
    "X-101/X-555 and Kalibr and Iskander-K and X-59",
    "X-101/X-555 and Kalibr and X-22",
    "X-101/X-555 and Kalibr and X-59/X-69",
    "X-101/X-555 and Kalibr and Iskander-M/KN-23",
    "Iskander-K and Kalibr",
    "Iskander-M and Iskander-K",
    "Iskander-M/KN-23 and Iskander-K and Kalibr",
    "Iskander-M/KN-23 and Iskander-K and X-59/X-69",
    "X-22 and X-31P",
    "X-22 and X-32",
    "X-59 and X-35",
    "X-47 Kinzhal and Iskander-M",
    "X-47 Kinzhal and Iskander-M/KN-23",
    "C-300 and Iskander-M",
    "C-400 and Iskander-M",
    "C-300/C-400 and Iskander-M",
    "Shahed-136/131 and Lancet",
    "Молнія and Lancet",
    "Orlan-10 and ZALA",
    "Orlan-10 and Supercam",
    "Orlan-10 and ZALA and Supercam",
    "Orlan-10 and Orlan-30 and ZALA and Supercam",
)

_LATIN_X = re.compile(r"(?<![A-Za-z])X-")
_LATIN_C = re.compile(r"(?<![A-Za-z])C-")


def spelling_variants(name: str) -> set[str]:
    """``name`` plus its Kh-/S- and Cyrillic Х-/С- spellings (``X-22`` -> ``Kh-22``, ``Х-22``)."""
    out = {name}
    for latin, kh, cyr in ((_LATIN_X, "Kh-", "Х-"), (_LATIN_C, "S-", "С-")):
        out |= {latin.sub(kh, n) for n in out} | {latin.sub(cyr, n) for n in out}
    return out


def _catalog_rows() -> list[dict[str, object]]:
    from aidstats.strike_events import combine_classes, split_model_name

    rows: list[dict[str, object]] = []
    by_spelling: dict[str, _Weapon] = {}
    for w in _ATOMIC:
        aliases = set().union(*(spelling_variants(s) for s in (*w.spellings, w.model)))
        by_spelling.update({a: w for a in aliases})
        rows.append({
            "model": w.model, "weapon_class": w.weapon_class, "weapon_group": w.weapon_group,
            "national_origin": w.national_origin, "is_composite": False, "component_models": w.model,
            "aliases": "; ".join(sorted(aliases)), "role": w.role, "note": w.note,
        })
    for raw in _COMPOSITES:
        parts = [by_spelling[p] for p in split_model_name(raw)]
        weapon_class, weapon_group = combine_classes([(p.weapon_class, p.weapon_group) for p in parts])
        origins = list(dict.fromkeys(o for p in parts for o in (p.national_origin or "").split("; ") if o))
        rows.append({
            "model": " and ".join(p.model for p in parts), "weapon_class": weapon_class, "weapon_group": weapon_group,
            "national_origin": "; ".join(origins) or None, "is_composite": True,
            "component_models": "; ".join(p.model for p in parts),
            "aliases": "; ".join(sorted(spelling_variants(raw) | {" and ".join(p.model for p in parts)})),
            "role": "several models reported in one row", "note": "Class derived from the parts: "
            "the parts' class where all agree, mixed_missiles where missile classes differ.",
        })
    return rows


def _raw_models(raw_dir: Path) -> set[str]:
    strikes = raw_dir / STRIKES_DIR
    seen: set[str] = set()
    for name in (DAILY_FILE, REFERENCE_FILE):
        frame = pd.read_csv(strikes / name, dtype=str, keep_default_na=False, usecols=["model"])
        seen |= {m.strip() for m in frame["model"] if m.strip()}
    return seen


def _check_coverage(frame: pd.DataFrame, raw_dir: Path) -> None:
    from aidstats.strike_events import normalise_model_key

    keys: dict[str, str] = {}
    for model, aliases in zip(frame["model"], frame["aliases"], strict=True):
        for alias in aliases.split("; "):
            key = normalise_model_key(alias)
            if keys.setdefault(key, model) != model:
                raise ValueError(f"weapon_catalog: alias {alias!r} maps to both {keys[key]!r} and {model!r}")
    missing = sorted(m for m in _raw_models(raw_dir) if normalise_model_key(m) not in keys)
    if missing:
        raise ValueError(f"weapon_catalog: model strings in the raw files not in the catalogue: {missing}")


def catalog_frame() -> pd.DataFrame:
    """The curated catalogue as a frame (code only, no raw files): what the loader resolves names with."""
    return pd.DataFrame(_catalog_rows())


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
            "Curated in aidstats/_build/strikes.py; the build fails if a model string of the raw files is not covered.",
            "Shahed-136/131 counts include decoy drones before mid-July 2025 (see is_shahed in the reports).",
            "Kh-22/Kh-32 are anti-ship by origin but classed cruise_missile (land attack only in this war).",
        ),
    )


def build(raw_dir: Path) -> list[BuiltDataset]:
    """Every strike dataset built from ``raw_dir``."""
    return [weapon_catalog(Path(raw_dir))]
