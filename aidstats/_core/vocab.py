"""The one vocabulary of aidstats: every coded value, its label and its colour.

A *term* is a value that appears in data (a weapon class, a volume column, an
aid category, a claim measure, ...). :data:`TERMS` lists each term once, in
stacking order (largest and most important at the bottom of a stacked chart),
with its English and Ukrainian label and its fixed colour: the same thing has
the same colour in every aidstats figure (missiles warm, drones cool, glide
bombs purple, unknown grey; Okabe & Ito's colour-blind-safe palette, extended
with three of Paul Tol's muted colours). The terms themselves live in
:mod:`aidstats._core.terms`: adding a weapon class touches that file only.

Examples
--------
>>> from aidstats._core import vocab
>>> vocab.label("cruise_missile"), vocab.label("cruise_missile", "uk")
('Cruise missiles', 'Крилаті ракети')
>>> vocab.group_of("missiles_ballistic")
'missile'
"""

from __future__ import annotations

from collections.abc import Iterable

from aidstats._core.terms import CYCLE, LANGUAGES, OKABE_ITO, TERMS, WEAPON_CLASSES, Term, by_key
from aidstats._core.terms import keys as _keys

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
    "missiles": tuple(
        v for v in AIR_FORCE_VOLUME if getattr(by_key(v), "group", None) == "missile"
    ),
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
    term = by_key(key)
    if term is None:
        return key
    return term.uk if lang == "uk" else term.en


def colour(key: str) -> str | None:
    """The fixed colour of ``key``, or None where it has none."""
    term = by_key(key)
    return term.colour if term is not None else None


def group_of(key: str) -> str | None:
    """The weapon group of a weapon class or volume measure (None for anything else)."""
    term = by_key(key)
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
