"""The one vocabulary of aidstats: every coded value, its label and its colour.

A *term* is a value that appears in data (a weapon class, a volume column, an
aid category, a claim measure, ...). :data:`TERMS` lists each term once, in
stacking order (largest and most important at the bottom of a stacked chart),
with its English and Ukrainian label and its fixed colour: the same thing has
the same colour in every aidstats figure (missiles warm, drones cool, glide
bombs purple, unknown grey; Okabe & Ito's colour-blind-safe palette, extended
with three of Paul Tol's muted colours). Adding a weapon class means adding
one :class:`Term` here and its name to :data:`WEAPON_CLASSES`.

Examples
--------
>>> from aidstats._core import vocab
>>> vocab.label("cruise_missile"), vocab.label("cruise_missile", "uk")
('Cruise missiles', 'Крилаті ракети')
>>> vocab.group_of("missiles_ballistic")
'missile'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

__all__ = [
    "AID_CATEGORIES",
    "AID_CHANNELS",
    "AIR_FORCE_VOLUME",
    "ATTRIBUTIONS",
    "CLAIM_MEASURES",
    "CLAIM_CLASSES",
    "CLAIM_VOLUMES",
    "CLASS_VOLUME",
    "CYCLE",
    "LANGUAGES",
    "OKABE_ITO",
    "ORDER",
    "QUALIFIERS",
    "QUALIFIER_BOUNDS",
    "SCOPES",
    "STRIKE_SCOPES",
    "TERMS",
    "VOLUME_CLASSES",
    "VOLUME_MEASURES",
    "WEAPON_CLASSES",
    "WEAPON_GROUPS",
    "Term",
    "colour",
    "group_of",
    "headline_class",
    "label",
    "ordered",
]

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


def _keys(kind: str) -> tuple[str, ...]:
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
WEAPON_GROUPS: tuple[str, ...] = _keys("weapon_group")
#: Columns of ``strike_volume_monthly`` counted from the Air Force reports.
AIR_FORCE_VOLUME: tuple[str, ...] = tuple(k for k in _keys("volume") if k != "glide_bombs")
#: All volume measures; glide bombs come from official statements.
VOLUME_MEASURES: tuple[str, ...] = _keys("volume")
#: weapon_class -> the strike_volume_monthly column it is counted in (every class but guided_bomb).
CLASS_VOLUME: dict[str, str] = {
    t.key: t.volume for t in TERMS if t.kind == "weapon_class" and t.volume
}
#: strike_volume_monthly column -> the weapon classes counted in it, in WEAPON_CLASSES order.
VOLUME_CLASSES: dict[str, tuple[str, ...]] = {
    v: tuple(c for c in WEAPON_CLASSES if CLASS_VOLUME.get(c) == v) for v in AIR_FORCE_VOLUME
}
AID_CATEGORIES: tuple[str, ...] = ("military", "financial", "humanitarian")
AID_CHANNELS: tuple[str, ...] = _keys("aid_channel")
#: Measures that official statements give figures for.
CLAIM_MEASURES: tuple[str, ...] = ("missiles", "ballistic_missiles", "drones", "glide_bombs")
#: The strike_volume_monthly columns each claim measure is counted from: the one rule by which
#: official figures are checked (S-300/S-400 in ground attack and Kinzhal count as ballistic;
#: drones are every long-range drone, without reconnaissance drones).
CLAIM_VOLUMES: dict[str, tuple[str, ...]] = {
    "missiles": tuple(v for v in AIR_FORCE_VOLUME if _BY_KEY[v].group == "missile"),
    "ballistic_missiles": ("missiles_ballistic",),
    "drones": ("drones_attack", "drones_decoy_or_unknown"),
    "glide_bombs": ("glide_bombs",),
}
#: The weapon classes each claim measure counts (glide bombs: none, the reports do not count them).
CLAIM_CLASSES: dict[str, tuple[str, ...]] = {
    m: tuple(c for v in vols for c in VOLUME_CLASSES.get(v, ()))
    for m, vols in CLAIM_VOLUMES.items()
}
#: How a statement qualifies its figure.
QUALIFIERS: tuple[str, ...] = ("over", "nearly", "about", "exact", "up_to")
#: What each qualifier says about the true value, as a range of multiples of the stated figure:
#: "over 330" (also "more than", "at least") is a lower bound, up to a quarter above (a larger
#: value would have been stated as the next round figure); "nearly 80" ("almost") is an upper
#: bound, at most a tenth below; "up to 50" is an upper bound with no floor; "about 1,300"
#: ("around", "approximately") is two-sided, a tenth either way; "exact" is the figure itself.
QUALIFIER_BOUNDS: dict[str, tuple[float, float]] = {
    "over": (1.0, 1.25),
    "nearly": (0.9, 1.0),
    "about": (0.9, 1.1),
    "exact": (1.0, 1.0),
    "up_to": (0.0, 1.0),
}
#: Who reported a strike row: the national Air Force command, a regional command, anyone else.
STRIKE_SCOPES: tuple[str, ...] = ("national", "regional", "other")
#: Scopes a strike aggregation can select.
SCOPES: tuple[str, ...] = ("all", *STRIKE_SCOPES)
#: Rules that date an attack window (see :mod:`aidstats.strikes`).
ATTRIBUTIONS: tuple[str, ...] = ("end", "start", "night", "split")
#: Stacking order of every stacked term.
ORDER: tuple[str, ...] = tuple(t.key for t in TERMS if t.stacked)

assert set(WEAPON_CLASSES) == set(_keys("weapon_class")), "WEAPON_CLASSES and TERMS disagree"
assert set(AID_CATEGORIES) == set(_keys("aid_category")), "AID_CATEGORIES and TERMS disagree"
assert set(CLASS_VOLUME.values()) == set(AIR_FORCE_VOLUME), "a volume column counts no class"


def headline_class(volume: str) -> str:
    """The first weapon class counted in a strike_volume_monthly column.

    A composite whose parts differ in class but all count in that column gets it.

    Examples
    --------
    >>> headline_class("missiles_ballistic"), headline_class("missiles_cruise")
    ('ballistic_missile', 'cruise_missile')
    """
    return VOLUME_CLASSES[volume][0]


def label(key: str, lang: str = "en") -> str:
    """The label of ``key`` in ``lang`` (``"en"`` or ``"uk"``); the key itself if it has none.

    Examples
    --------
    >>> label("drones_attack"), label("some donor")
    ('Attack drones', 'some donor')
    """
    term = _BY_KEY.get(key)
    if term is None:
        return key
    return term.uk if lang == "uk" else term.en


def colour(key: str) -> str | None:
    """The fixed colour of ``key``, or None where it has none."""
    term = _BY_KEY.get(key)
    return term.colour if term is not None else None


def group_of(key: str) -> str | None:
    """The weapon group of a weapon class or volume measure (None for anything else)."""
    term = _BY_KEY.get(key)
    return term.group if term is not None else None


def ordered(keys: Iterable[str]) -> list[str]:
    """``keys`` (without repeats) in stacking order; keys without a place after, alphabetically.

    Examples
    --------
    >>> ordered(["drones_attack", "zzz", "missiles_cruise", "aaa"])
    ['missiles_cruise', 'drones_attack', 'aaa', 'zzz']
    """
    unique = list(dict.fromkeys(keys))
    rank = {k: i for i, k in enumerate(ORDER)}
    known = sorted((k for k in unique if k in rank), key=rank.__getitem__)
    return known + sorted(k for k in unique if k not in rank)
