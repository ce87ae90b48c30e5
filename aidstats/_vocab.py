"""The shared vocabulary of strike data: weapon classes, groups and volume measures."""

from __future__ import annotations

WEAPON_CLASSES = (
    "cruise_missile",
    "ballistic_missile",
    "aeroballistic_missile",
    "sam_ground_attack",
    "anti_ship_missile",
    "guided_bomb",
    "attack_drone",
    "decoy_or_unknown_drone",
    "reconnaissance_drone",
    "mixed_missiles",
    "unknown",
)
WEAPON_GROUPS = ("missile", "drone", "glide_bomb", "other")

#: Columns of ``strike_volume_monthly`` counted from the Air Force reports.
AIR_FORCE_VOLUME = (
    "missiles_cruise",
    "missiles_ballistic",
    "missiles_other",
    "drones_attack",
    "drones_decoy_or_unknown",
    "drones_reconnaissance",
)
#: All volume measures; glide bombs come from official statements.
VOLUME_MEASURES = (*AIR_FORCE_VOLUME, "glide_bombs")
