"""The terms of the vocabulary: every coded value with its labels and colour, and the palette.

:mod:`aidstats._core.vocab` derives everything else (groups, measures,
orders, lookups) from :data:`TERMS`, so adding a weapon class touches this
file only: one :class:`Term` and its name in :data:`WEAPON_CLASSES`.
"""

from __future__ import annotations

import dataclasses

__all__ = ["CYCLE", "LANGUAGES", "OKABE_ITO", "TERMS", "WEAPON_CLASSES", "Term", "by_key", "keys"]

LANGUAGES = ("en", "uk")

# Okabe & Ito (2008), colour-blind safe.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
# Paul Tol's muted scheme.
_WINE, _PURPLE, _SAND = "#882255", "#AA4499", "#DDCC77"
_ROSE, _OLIVE, _TEAL = "#CC6677", "#999933", "#44AA99"
_OTHERS_GREY = "#C8C8C8"

# Colours for things with no fixed colour (donors, groups, definitions), in order.
CYCLE: tuple[str, ...] = (
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["orange"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    _WINE,
    OKABE_ITO["black"],
    _SAND,
    _PURPLE,
)


@dataclasses.dataclass(frozen=True)
class Term:
    """One coded value: its kind, labels, colour and, for strike terms, its group.

    ``group`` is the weapon group of a weapon class or volume measure;
    ``volume`` the ``strike_volume_monthly`` column a weapon class is counted
    in; ``stacked`` says whether the term takes part in stacking order.
    """

    key: str
    kind: str
    en: str
    uk: str
    colour: str | None = None
    group: str | None = None
    volume: str | None = None
    stacked: bool = True


_V, _O = OKABE_ITO["vermillion"], OKABE_ITO["orange"]

#: Every term, in stacking order.
TERMS: tuple[Term, ...] = (
    # Columns of strike_volume_monthly.
    Term("missiles_cruise", "volume", "Cruise missiles", "Крилаті ракети", _V, "missile"),
    Term("missiles_ballistic", "volume", "Ballistic missiles", "Балістичні ракети", _O, "missile"),
    Term("missiles_mixed", "volume", "Mixed missiles", "Змішані ракети", _SAND, "missile"),
    Term("missiles_other", "volume", "Other missiles", "Інші ракети", _WINE, "missile"),
    Term("drones_attack", "volume", "Attack drones", "Ударні БпЛА", OKABE_ITO["blue"], "drone"),
    Term(
        "drones_decoy_or_unknown",
        "volume",
        "Decoy or unknown drones",
        "Дрони-імітатори або невстановлені",
        OKABE_ITO["sky_blue"],
        "drone",
    ),
    Term(
        "drones_reconnaissance",
        "volume",
        "Reconnaissance drones",
        "Розвідувальні БпЛА",
        OKABE_ITO["bluish_green"],
        "drone",
    ),
    Term(
        "unclassified",
        "volume",
        "Unclassified weapons",
        "Некласифіковані",
        OKABE_ITO["grey"],
        "other",
    ),
    Term(
        "glide_bombs",
        "volume",
        "Glide bombs",
        "Керовані авіабомби (КАБ)",
        OKABE_ITO["reddish_purple"],
        "glide_bomb",
    ),
    # Weapon groups.
    Term("missile", "weapon_group", "Missiles", "Ракети", _V),
    Term("drone", "weapon_group", "Drones", "Безпілотники", OKABE_ITO["blue"]),
    Term(
        "glide_bomb",
        "weapon_group",
        "Glide bombs",
        "Керовані авіабомби (КАБ)",
        OKABE_ITO["reddish_purple"],
    ),
    Term("other", "weapon_group", "Other", "Інше", OKABE_ITO["grey"]),
    # Weapon classes, each counted in one strike_volume_monthly column (none: guided bombs, which
    # the volume table takes from official statements). A class says what a weapon is, its column
    # how it flies: anti-ship types count as cruise missiles, S-300/S-400 in ground attack as ballistic.
    Term(
        "cruise_missile",
        "weapon_class",
        "Cruise missiles",
        "Крилаті ракети",
        _V,
        "missile",
        "missiles_cruise",
    ),
    Term(
        "anti_ship_missile",
        "weapon_class",
        "Anti-ship missiles",
        "Протикорабельні ракети",
        _PURPLE,
        "missile",
        "missiles_cruise",
    ),
    Term(
        "ballistic_missile",
        "weapon_class",
        "Ballistic missiles",
        "Балістичні ракети",
        _O,
        "missile",
        "missiles_ballistic",
    ),
    Term(
        "aeroballistic_missile",
        "weapon_class",
        "Aeroballistic missiles",
        "Аеробалістичні ракети",
        OKABE_ITO["yellow"],
        "missile",
        "missiles_ballistic",
    ),
    Term(
        "sam_ground_attack",
        "weapon_class",
        "SAMs in ground attack",
        "Зенітні керовані ракети С-300/С-400 (по наземних цілях)",
        _ROSE,
        "missile",
        "missiles_ballistic",
    ),
    Term(
        "mixed_missiles",
        "weapon_class",
        "Mixed missiles (composite reports)",
        "Змішані ракети (складені звіти)",
        _SAND,
        "missile",
        "missiles_mixed",
    ),
    Term(
        "anti_radiation_missile",
        "weapon_class",
        "Anti-radiation and tactical missiles",
        "Протирадіолокаційні та тактичні ракети",
        _WINE,
        "missile",
        "missiles_other",
    ),
    Term(
        "unclassified_missile",
        "weapon_class",
        "Unclassified missiles",
        "Некласифіковані ракети",
        _OLIVE,
        "missile",
        "missiles_other",
    ),
    Term(
        "guided_bomb",
        "weapon_class",
        "Guided bombs",
        "Керовані авіабомби",
        OKABE_ITO["reddish_purple"],
        "glide_bomb",
    ),
    Term(
        "attack_drone",
        "weapon_class",
        "Attack drones",
        "Ударні БпЛА",
        OKABE_ITO["blue"],
        "drone",
        "drones_attack",
    ),
    Term(
        "decoy_or_unknown_drone",
        "weapon_class",
        "Decoy or unknown drones",
        "Дрони-імітатори або невстановлені",
        OKABE_ITO["sky_blue"],
        "drone",
        "drones_decoy_or_unknown",
    ),
    Term(
        "reconnaissance_drone",
        "weapon_class",
        "Reconnaissance drones",
        "Розвідувальні БпЛА",
        OKABE_ITO["bluish_green"],
        "drone",
        "drones_reconnaissance",
    ),
    Term(
        "unclassified_drone",
        "weapon_class",
        "Unclassified drones",
        "Некласифіковані БпЛА",
        _TEAL,
        "drone",
        "drones_decoy_or_unknown",
    ),
    Term(
        "unknown",
        "weapon_class",
        "Unknown",
        "Некласифіковані",
        OKABE_ITO["grey"],
        "other",
        "unclassified",
    ),
    # Aid categories.
    Term("military", "aid_category", "Military", "Військова", OKABE_ITO["bluish_green"]),
    Term("financial", "aid_category", "Financial", "Фінансова", OKABE_ITO["blue"]),
    Term("humanitarian", "aid_category", "Humanitarian", "Гуманітарна", OKABE_ITO["orange"]),
    # Military aid channels.
    Term("stockpile", "aid_channel", "From stockpiles", "Із запасів", OKABE_ITO["blue"]),
    Term("procurement", "aid_channel", "New procurement", "Нові закупівлі", OKABE_ITO["orange"]),
    Term("unspecified", "aid_channel", "Unspecified", "Не вказано", OKABE_ITO["grey"]),
    Term("nato_purl", "aid_channel", "NATO PURL", "NATO PURL", OKABE_ITO["reddish_purple"]),
    # Measures of official statements.
    Term("missiles", "claim_measure", "Missiles", "Ракети", _V, stacked=False),
    Term(
        "ballistic_missiles",
        "claim_measure",
        "Ballistic missiles",
        "Балістичні ракети",
        _O,
        stacked=False,
    ),
    Term("drones", "claim_measure", "Drones", "Безпілотники", OKABE_ITO["blue"], stacked=False),
    # Rate definitions.
    Term(
        "destroyed_share",
        "rate",
        "Destroyed \u00f7 launched",
        "Збито \u00f7 випущено",
        stacked=False,
    ),
    Term(
        "neutralised_share",
        "rate",
        "(Destroyed + lost to EW) \u00f7 launched",
        "(Збито + локаційно втрачено) \u00f7 випущено",
        stacked=False,
    ),
    # Donor groups with a label other than their name.
    Term(
        "EU_institutions_and_members",
        "donor_group",
        "EU27 and EU institutions",
        "ЄС-27 та інституції ЄС",
        stacked=False,
    ),
    Term(
        "Nordic_Baltic_8",
        "donor_group",
        "Nordic-Baltic 8",
        "Північно-Балтійська вісімка",
        stacked=False,
    ),
    # Everything folded together.
    Term("Others", "other", "Others", "Інші", _OTHERS_GREY, stacked=False),
)

_BY_KEY: dict[str, Term] = {}
for _term in TERMS:
    # A key may name two kinds (glide_bombs the volume and the claim measure):
    # the first listed carries label and colour.
    _BY_KEY.setdefault(_term.key, _term)


def keys(kind: str) -> tuple[str, ...]:
    """The keys of every term of one kind, in stacking order."""
    return tuple(t.key for t in TERMS if t.kind == kind)


#: Weapon classes, in the column order of the bundled tables.
WEAPON_CLASSES: tuple[str, ...] = (
    "cruise_missile",
    "anti_ship_missile",
    "ballistic_missile",
    "aeroballistic_missile",
    "sam_ground_attack",
    "mixed_missiles",
    "anti_radiation_missile",
    "unclassified_missile",
    "guided_bomb",
    "attack_drone",
    "decoy_or_unknown_drone",
    "reconnaissance_drone",
    "unclassified_drone",
    "unknown",
)


def by_key(key: str) -> Term | None:
    """The term of ``key`` (the first listed where a key names two kinds)."""
    return _BY_KEY.get(key)
