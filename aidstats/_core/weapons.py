"""The weapon catalogue: every model name in the Air Force reports, its canonical model and class.

A curated table kept as code: every model string the Air Force data use (Latin
``X-`` for Cyrillic Х = Kh-, Latin ``C-`` for Cyrillic С = S-, Cyrillic names,
composite rows) maps to one canonical model with a weapon class and group.
The reader resolves names with :func:`resolve_model`; the builder writes the
bundled ``weapon_catalog`` dataset from :func:`catalog_frame` and checks that
every model string of the raw files is covered.

Examples
--------
>>> from aidstats._core.weapons import resolve_model
>>> resolve_model("X-101/X-555")[:3]
('Kh-101/Kh-555', 'cruise_missile', 'missile')
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence

import pandas as pd

__all__ = [
    "alias_table",
    "catalog_frame",
    "combine_classes",
    "normalise_model_key",
    "resolve_model",
    "spelling_variants",
    "split_model_name",
]

_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})


def normalise_model_key(name: str) -> str:
    """The key a model string is looked up by: whitespace collapsed, dashes unified, case folded.

    Examples
    --------
    >>> normalise_model_key("  x-101/X-555 ")
    'x-101/x-555'
    """
    return " ".join(name.translate(_DASHES).split()).casefold()


def split_model_name(name: str) -> list[str]:
    """The parts of a composite model string (``"A and B"`` -> ``["A", "B"]``).

    Examples
    --------
    >>> split_model_name("X-101/X-555 and Kalibr")
    ['X-101/X-555', 'Kalibr']
    """
    return [p.strip() for p in re.split(r"\s+and\s+", name.strip()) if p.strip()]


def combine_classes(parts: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """The (weapon_class, weapon_group) of a composite from its parts' (class, group).

    The parts' class where all agree; ``mixed_missiles`` where all parts are
    missiles of different classes; ``unknown`` (in the parts' common group, or
    ``other``) otherwise.

    Examples
    --------
    >>> combine_classes([("cruise_missile", "missile"), ("ballistic_missile", "missile")])
    ('mixed_missiles', 'missile')
    >>> combine_classes([("attack_drone", "drone"), ("attack_drone", "drone")])
    ('attack_drone', 'drone')
    """
    classes = {c for c, _ in parts}
    groups = {g for _, g in parts}
    if len(groups) != 1:
        return "unknown", "other"
    group = groups.pop()
    if len(classes) == 1:
        return classes.pop(), group
    return ("mixed_missiles", group) if group == "missile" else ("unknown", group)


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


def catalog_frame() -> pd.DataFrame:
    """The curated catalogue as a frame (code only, no raw files): what the loader resolves names with."""
    return pd.DataFrame(_catalog_rows())


@functools.lru_cache(maxsize=1)
def alias_table() -> dict[str, tuple[str, str, str, tuple[str, ...]]]:
    """Alias key -> (model, weapon_class, weapon_group, component models).

    Built from the curated table in this module, the code the bundled
    ``weapon_catalog`` dataset is written from (a test keeps the two equal),
    so that reading does not depend on a built ``datasets/`` folder.
    """
    frame = catalog_frame()
    out: dict[str, tuple[str, str, str, tuple[str, ...]]] = {}
    for row in frame.itertuples(index=False):
        entry = (str(row.model), str(row.weapon_class), str(row.weapon_group), tuple(str(row.component_models).split("; ")))
        for alias in (*str(row.aliases).split("; "), str(row.model)):
            out[normalise_model_key(alias)] = entry
    return out


def resolve_model(raw: str) -> tuple[str, str, str, tuple[str, ...], bool]:
    """(model, class, group, parts, known) of one stripped model string."""
    if not raw:
        return "", "unknown", "other", (), True
    catalog = alias_table()
    entry = catalog.get(normalise_model_key(raw))
    if entry is not None:
        return (*entry, True)
    parts = split_model_name(raw)
    if len(parts) < 2:
        return raw, "unknown", "other", (raw,), False
    found = [catalog.get(normalise_model_key(p)) for p in parts]
    resolved = [(e[0], e[1], e[2]) if e is not None else (p, "unknown", "other") for p, e in zip(parts, found, strict=True)]
    weapon_class, weapon_group = combine_classes([(c, g) for _, c, g in resolved])
    models = tuple(m for m, _, _ in resolved)
    return " and ".join(models), weapon_class, weapon_group, models, all(e is not None for e in found)
