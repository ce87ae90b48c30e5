"""The curated rows of the weapon catalogue: every model the Air Force reports name, with its class and why.

Each :class:`Weapon` is one canonical model with its weapon class and group
(:mod:`aidstats._core.vocab`), the spellings the reports use and a short
``reason`` for the class (bundled as ``class_reason`` in ``weapon_catalog``).
:data:`COMPOSITES` lists the composite model strings as reported; their class
is derived from the parts by :func:`aidstats._core.weapons.combine_classes`.

The class rules, in short: a class says what the weapon *is*; the
``strike_volume_monthly`` column it is counted in says how it *flies*
(:data:`aidstats._core.vocab.CLASS_VOLUME`). So S-300/S-400 fired at ground
targets keep their class ``sam_ground_attack`` and count as ballistic missiles
(they fly ballistic paths, and the reports list them with Iskander-M); every
anti-ship type keeps the one class ``anti_ship_missile`` and counts with
cruise missiles (all five are cruise missiles by flight profile, used here
against land targets); Kh-31 types are ``anti_radiation_missile`` (short-range
anti-radiation or tactical missiles, counted under other missiles).

Examples
--------
>>> from aidstats._core.weapon_table import ATOMIC
>>> {w.model: w.weapon_class for w in ATOMIC if w.model in ("Kh-22", "3M22 Zircon", "Kh-31P")}
{'Kh-22': 'anti_ship_missile', '3M22 Zircon': 'anti_ship_missile', 'Kh-31P': 'anti_radiation_missile'}
"""

from __future__ import annotations

import dataclasses

__all__ = ["ATOMIC", "COMPOSITES", "Weapon"]


@dataclasses.dataclass(frozen=True)
class Weapon:
    """One canonical model: class, group, origin, role, spellings, why this class, and any other note."""

    model: str
    weapon_class: str
    weapon_group: str
    national_origin: str | None
    role: str
    spellings: tuple[str, ...]
    reason: str
    note: str = ""


_RU = "Russia"
_KH_NOTE = "Latin X in the source stands for Cyrillic Х (Kh-)."
_SAM_NOTE = "Latin C in the source stands for Cyrillic С (S-)."
_RECON = "reconnaissance UAV"

_CRUISE = "Air-breathing missile flying a low cruise profile: cruise_missile."
_AIR_GUIDED = (
    "Air-launched guided missile of cruise type (turbojet, long range) used against land targets: "
    "cruise_missile."
)
_ANTI_SHIP = (
    "Anti-ship cruise missile by design, used here against land targets. Every anti-ship type "
    "(Kh-22, Kh-32, Kh-35, P-800 Oniks, 3M22 Zircon) gets the one class anti_ship_missile, and all "
    "count with cruise missiles (missiles_cruise) as they fly cruise profiles and the reports list "
    "them with cruise missiles."
)
_ANTI_RADIATION = (
    "Short-range supersonic anti-radiation or tactical air-to-surface missile, not a cruise "
    "missile: anti_radiation_missile (counted under other missiles)."
)
_BALLISTIC = "Surface-to-surface missile on a ballistic trajectory: ballistic_missile."
_SAM = (
    "Surface-to-air missile fired at ground targets on a ballistic trajectory: class "
    "sam_ground_attack so it can be separated, counted with ballistic missiles "
    "(missiles_ballistic), as the reports list it with Iskander-M."
)
_ATTACK = "One-way attack drone or loitering munition: attack_drone."
_RECON_REASON = "Reusable reconnaissance UAV, not a one-way attack drone: reconnaissance_drone."
_BOMB = "Aerial bomb (guided glide bomb with a UMPK kit in these reports): guided_bomb."

ATOMIC: tuple[Weapon, ...] = (
    # Cruise missiles.
    Weapon("Kh-101/Kh-555", "cruise_missile", "missile", _RU, "air-launched strategic cruise missiles (Tu-95MS, Tu-160)",
           ("X-101/X-555",), _CRUISE, "Reported together by the Air Force. " + _KH_NOTE),
    Weapon("Kalibr", "cruise_missile", "missile", _RU, "sea-launched cruise missile (3M14)", ("Kalibr", "Калібр", "Калибр"),
           _CRUISE),
    Weapon("Iskander-K", "cruise_missile", "missile", _RU, "ground-launched cruise missile (9M728/9M729)",
           ("Iskander-K", "Іскандер-К", "Искандер-К"), _CRUISE),
    Weapon("Kh-59", "cruise_missile", "missile", _RU, "air-launched guided missile (Ovod)", ("X-59",), _AIR_GUIDED, _KH_NOTE),
    Weapon("Kh-69", "cruise_missile", "missile", _RU, "air-launched cruise missile", ("X-69",), _CRUISE, _KH_NOTE),
    Weapon("Kh-59/Kh-69", "cruise_missile", "missile", _RU, "air-launched guided missiles reported together",
           ("X-59/X-69",), _AIR_GUIDED, _KH_NOTE),
    Weapon("Kh-59MK2", "cruise_missile", "missile", _RU, "air-launched cruise missile (Su-57)", ("X-59MK2",), _CRUISE,
           _KH_NOTE),
    Weapon("Banderol", "cruise_missile", "missile", _RU, "small air-launched cruise missile (carried by Orion UAV)",
           ("Banderol", "Бандероль"), _CRUISE),
    # Anti-ship missiles (counted with cruise missiles).
    Weapon("Kh-22", "anti_ship_missile", "missile", _RU, "heavy supersonic air-launched anti-ship missile (Tu-22M3)",
           ("X-22",), _ANTI_SHIP, _KH_NOTE),
    Weapon("Kh-32", "anti_ship_missile", "missile", _RU, "heavy supersonic air-launched missile (Kh-22 successor)",
           ("X-32",), _ANTI_SHIP, _KH_NOTE),
    Weapon("Kh-35", "anti_ship_missile", "missile", _RU, "subsonic anti-ship missile", ("X-35",), _ANTI_SHIP, _KH_NOTE),
    Weapon("P-800 Oniks", "anti_ship_missile", "missile", _RU, "supersonic anti-ship missile (Bastion-P)",
           ("P-800 Oniks", "P-800 Onyx", "Oniks", "Онікс", "Оникс"), _ANTI_SHIP),
    Weapon("3M22 Zircon", "anti_ship_missile", "missile", _RU, "hypersonic anti-ship cruise missile",
           ("3M22 Zircon", "Zircon", "Циркон"), _ANTI_SHIP),
    # Anti-radiation and tactical missiles.
    Weapon("Kh-31", "anti_radiation_missile", "missile", _RU, "supersonic air-to-surface missile", ("X-31",),
           _ANTI_RADIATION, _KH_NOTE),
    Weapon("Kh-31P", "anti_radiation_missile", "missile", _RU, "supersonic anti-radiation missile", ("X-31P",),
           _ANTI_RADIATION, _KH_NOTE),
    Weapon("Kh-31PD", "anti_radiation_missile", "missile", _RU, "supersonic anti-radiation missile (extended range)",
           ("X-31PD",), _ANTI_RADIATION, _KH_NOTE),
    Weapon("Unknown Missile", "unclassified_missile", "missile", None, "missile of unreported type", ("Unknown Missile",),
           "The reports do not give the type (the upstream reference calls it a cruise missile without a source): "
           "unclassified_missile, counted under other missiles."),
    # Ballistic and aeroballistic missiles.
    Weapon("Kh-47 Kinzhal", "aeroballistic_missile", "missile", _RU, "air-launched aeroballistic missile (MiG-31K)",
           ("X-47 Kinzhal", "Kinzhal", "Кинджал"),
           "Air-launched missile on a ballistic trajectory: aeroballistic_missile, counted with ballistic missiles.",
           _KH_NOTE),
    Weapon("Iskander-M", "ballistic_missile", "missile", _RU, "short-range ballistic missile (9M723)",
           ("Iskander-M", "Іскандер-М", "Искандер-М"), _BALLISTIC),
    Weapon("KN-23", "ballistic_missile", "missile", "North Korea", "short-range ballistic missile (Hwasong-11)",
           ("KN-23",), _BALLISTIC),
    Weapon("Iskander-M/KN-23", "ballistic_missile", "missile", "Russia; North Korea",
           "short-range ballistic missiles reported together", ("Iskander-M/KN-23",), _BALLISTIC),
    Weapon("Ballistic Missile", "ballistic_missile", "missile", _RU, "ballistic missile of unreported type",
           ("Ballistic Missile",), "The report says ballistic: ballistic_missile."),
    Weapon("Intercontinental Ballistic Missile", "ballistic_missile", "missile", _RU,
           "intercontinental or intermediate-range ballistic missile", ("Intercontinental Ballistic Missile", "ICBM"),
           _BALLISTIC),
    # Surface-to-air missiles in the ground-attack role (counted with ballistic missiles).
    Weapon("S-300", "sam_ground_attack", "missile", _RU, "S-300 missile fired at ground targets", ("C-300",), _SAM,
           _SAM_NOTE),
    Weapon("S-400", "sam_ground_attack", "missile", _RU, "S-400 missile fired at ground targets", ("C-400",), _SAM,
           _SAM_NOTE),
    Weapon("S-300/S-400", "sam_ground_attack", "missile", _RU, "S-300 and S-400 missiles reported together",
           ("C-300/C-400",), _SAM, _SAM_NOTE),
    # Bombs.
    Weapon("GBU", "guided_bomb", "glide_bomb", _RU, "guided (glide) aerial bomb, KAB with UMPK kit", ("GBU", "KAB", "КАБ"),
           _BOMB),
    Weapon("Aerial Bomb", "guided_bomb", "glide_bomb", _RU, "aerial bomb (guided glide bombs in these reports)",
           ("Aerial Bomb",), _BOMB,
           "Type not given; the reports count aerial bombs only where they are guided glide bombs."),
    # Drones.
    Weapon("Shahed-136/131", "attack_drone", "drone", "Iran", "one-way attack drone (Shahed/Geran)",
           ("Shahed-136/131", "Шахед-136/131"), _ATTACK,
           "Built in Russia as Geran-1/2. Before mid-July 2025 the counts include decoy drones (Gerbera and "
           "similar) that the reports did not separate; from then on is_shahed gives the real Shahed-type share."),
    Weapon("Lancet", "attack_drone", "drone", _RU, "loitering munition (ZALA)", ("Lancet", "Ланцет"), _ATTACK),
    Weapon("Kub", "attack_drone", "drone", _RU, "loitering munition (KUB-BLA, ZALA)", ("Kub", "KUB-BLA", "Куб"), _ATTACK),
    Weapon("Molniya", "attack_drone", "drone", _RU, "small fixed-wing strike drone", ("Молнія", "Молния", "Molniya"),
           _ATTACK),
    Weapon("Privet-82", "attack_drone", "drone", _RU, "small one-way attack drone", ("Привет-82", "Привіт-82"), _ATTACK),
    Weapon("Unknown UAV", "decoy_or_unknown_drone", "drone", None, "drone of unreported type", ("Unknown UAV",),
           "The reports do not give the type; mostly decoys and unidentified attack drones, not "
           "reconnaissance: decoy_or_unknown_drone."),
    Weapon("Reconnaissance UAV", "reconnaissance_drone", "drone", None, "reconnaissance drone of unreported type",
           ("Reconnaissance UAV",), "The report says reconnaissance: reconnaissance_drone."),
    Weapon("Orlan-10", "reconnaissance_drone", "drone", _RU, _RECON, ("Orlan-10", "Орлан-10"), _RECON_REASON),
    Weapon("Orlan-30", "reconnaissance_drone", "drone", _RU, _RECON, ("Orlan-30", "Орлан-30"), _RECON_REASON),
    Weapon("ZALA", "reconnaissance_drone", "drone", _RU, _RECON, ("ZALA", "Zala"), _RECON_REASON),
    Weapon("Supercam", "reconnaissance_drone", "drone", _RU, _RECON, ("Supercam", "SuperCam"), _RECON_REASON),
    Weapon("Merlin-VR", "reconnaissance_drone", "drone", _RU, _RECON, ("Merlin-VR", "Merlin"), _RECON_REASON),
    Weapon("Eleron", "reconnaissance_drone", "drone", _RU, _RECON, ("Eleron", "Eleron-3", "Элерон"), _RECON_REASON),
    Weapon("Forpost", "reconnaissance_drone", "drone", _RU, "medium-altitude reconnaissance UAV", ("Forpost", "Форпост"),
           _RECON_REASON),
    Weapon("Granat-4", "reconnaissance_drone", "drone", _RU, _RECON, ("Granat-4",), _RECON_REASON),
    Weapon("Orion", "reconnaissance_drone", "drone", _RU, "medium-altitude reconnaissance and strike UAV",
           ("Orion", "Оріон", "Орион"), "A reusable armed UAV, not a one-way attack drone: reconnaissance_drone."),
    Weapon("Mohajer-6", "reconnaissance_drone", "drone", "Iran", "multirole reconnaissance UAV", ("Mohajer-6",),
           _RECON_REASON),
    Weapon("Kartograf", "reconnaissance_drone", "drone", _RU, _RECON, ("Картограф", "Kartograf"), _RECON_REASON),
    Weapon("Feniks", "reconnaissance_drone", "drone", _RU, _RECON, ("Фенікс", "Феникс", "Feniks"), _RECON_REASON,
           "One report (PvKPivden, November 2024); identified as a small Russian reconnaissance UAV, low confidence."),
)  # fmt: skip

#: Composite model strings as reported (several models in one row).
COMPOSITES: tuple[str, ...] = (
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
