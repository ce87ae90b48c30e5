"""The weapon catalogue rules: model names to canonical model, class and group.

The curated rows live in :mod:`aidstats._core.weapon_table`: every model
string the Air Force data use (Latin ``X-`` for Cyrillic Х = Kh-, Latin ``C-``
for Cyrillic С = S-, Cyrillic names, composite rows) maps to one canonical
model with a weapon class and group. The reader resolves names with
:func:`resolve_model`; the builder writes the bundled ``weapon_catalog``
dataset from :func:`catalog_frame`. A name the catalogue does not know is
never dropped: :func:`guess_class` puts it in ``unclassified_missile``,
``unclassified_drone`` or ``unknown``, each counted in a visible total. Users
extend the catalogue with :func:`extend_table` (rows of their own win).

Examples
--------
>>> from aidstats._core.weapons import resolve_model
>>> resolve_model("X-101/X-555")[:3]
('Kh-101/Kh-555', 'cruise_missile', 'missile')
>>> resolve_model("C-400 and Iskander-M")[:3]
('S-400 and Iskander-M', 'ballistic_missile', 'missile')
>>> resolve_model("Geran-3")[1:3]
('unclassified_drone', 'drone')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from aidstats._core.vocab import CLASS_VOLUME, headline_class, label
from aidstats._core.weapon_table import ATOMIC, COMPOSITES, Weapon

__all__ = [
    "AliasEntry",
    "Resolved",
    "alias_table",
    "catalog_frame",
    "combine_classes",
    "extend_table",
    "guess_class",
    "normalise_model_key",
    "resolve_model",
    "resolve_models",
    "spelling_variants",
    "split_model_name",
]

AliasEntry = tuple[str, str, str, tuple[str, ...]]
"""(canonical model, weapon_class, weapon_group, canonical models of the parts)."""


class Resolved(NamedTuple):
    """What :func:`resolve_model` gives for each of many names, one list per field (:func:`resolve_models`).

    The parts are kept only where they are not the model alone (composites,
    the empty name): :meth:`parts` gives them for any name.
    """

    model: list[str]
    weapon_class: list[str]
    weapon_group: list[str]
    other_parts: dict[int, tuple[str, ...]]
    known: list[bool]

    def parts(self, i: int) -> tuple[str, ...]:
        """The canonical models of the parts of name ``i`` (``(model,)`` for all but composites)."""
        return self.other_parts.get(i, (self.model[i],))


_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})
# Words that place an unknown name in a weapon group (matched on the normalised key).
_DRONE_WORDS = (
    "uav", "drone", "shahed", "geran", "gerbera", "lancet", "orlan", "zala",
    "бпла", "дрон", "шахед", "герань", "гербера", "ланцет",
)  # fmt: skip
_MISSILE_WORDS = ("missile", "ракет", "iskander", "kalibr", "kinzhal")
_DRONE_NAME = re.compile("|".join(_DRONE_WORDS))
_MISSILE_NAME = re.compile("|".join(_MISSILE_WORDS) + r"|(?<![a-zа-я])(kh|x|х|s|c|с)-\d")
# The same tests as patterns with a literal start, which re finds by a fast scan over one long
# text, where the alternations above try every branch at every character (~1 µs a name).
_DRONE_SCAN = tuple(re.compile(re.escape(w)) for w in _DRONE_WORDS)
_MISSILE_SCAN = (
    *(re.compile(re.escape(w)) for w in _MISSILE_WORDS),
    re.compile(r"-(?:(?<=(?<![a-zа-я])kh-)|(?<=(?<![a-zа-я])[xхscс]-))\d"),
)
_AND = re.compile(r"\s+and\s+")
_LATIN_X = re.compile(r"(?<![A-Za-z])X-")
_LATIN_C = re.compile(r"(?<![A-Za-z])C-")


def normalise_model_key(name: str) -> str:
    """The key a model string is looked up by: whitespace collapsed, dashes unified, case folded.

    Examples
    --------
    >>> normalise_model_key("  x-101/X-555 ")
    'x-101/x-555'
    """
    dashed = name if name.isascii() else name.translate(_DASHES)  # every dash mapped is non-ASCII
    return " ".join(dashed.split()).casefold()


def split_model_name(name: str) -> list[str]:
    """The parts of a composite model string (``"A and B"`` -> ``["A", "B"]``).

    Examples
    --------
    >>> split_model_name("X-101/X-555 and Kalibr")
    ['X-101/X-555', 'Kalibr']
    """
    return [p.strip() for p in _AND.split(name.strip()) if p.strip()]


def combine_classes(parts: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """The (weapon_class, weapon_group) of a composite from its parts' (class, group).

    The rule: the parts' class where all agree; else, where every part is
    counted in the same ``strike_volume_monthly`` column, that column's
    headline class (``S-400 and Iskander-M`` is ``ballistic_missile``: both
    fly ballistic paths; ``Kh-59 and Kh-35`` is ``cruise_missile``); else
    ``mixed_missiles`` for missiles (a true mix, such as cruise with
    ballistic), ``unclassified_drone`` for drones, and ``unknown`` (in the
    parts' common group, or ``other``) for anything else.

    Examples
    --------
    >>> combine_classes([("cruise_missile", "missile"), ("ballistic_missile", "missile")])
    ('mixed_missiles', 'missile')
    >>> combine_classes([("sam_ground_attack", "missile"), ("ballistic_missile", "missile")])
    ('ballistic_missile', 'missile')
    >>> combine_classes([("attack_drone", "drone"), ("attack_drone", "drone")])
    ('attack_drone', 'drone')
    """
    classes = list(dict.fromkeys(c for c, _ in parts))
    groups = {g for _, g in parts}
    if len(groups) != 1:
        return "unknown", "other"
    group = groups.pop()
    if len(classes) == 1:
        return classes[0], group
    volumes = {CLASS_VOLUME.get(c) for c in classes}
    if len(volumes) == 1 and None not in volumes:
        return headline_class(str(volumes.pop())), group
    if group == "missile":
        return "mixed_missiles", group
    return ("unclassified_drone", group) if group == "drone" else ("unknown", group)


def composite_reason(parts: Sequence[tuple[str, str]]) -> str:
    """Why a composite has the class :func:`combine_classes` gives it (the catalogue's ``class_reason``)."""
    weapon_class, _ = combine_classes(parts)
    classes = list(dict.fromkeys(c for c, _ in parts))
    if len(classes) == 1:
        return f"Every part is {weapon_class}."
    listed = ", ".join(classes)
    if weapon_class == "mixed_missiles":
        return (
            f"Missiles of different kinds in one row ({listed}): mixed_missiles, shown as its own total; "
            "split by model where launched_details gives the split."
        )
    volume = CLASS_VOLUME.get(weapon_class, "")
    return f"The parts ({listed}) all count as {label(volume).lower()}: {weapon_class}."


def guess_class(name: str) -> tuple[str, str]:
    """(weapon_class, weapon_group) of a name the catalogue does not know, from words in it.

    A name that says drone (``UAV``, ``Shahed``, ``Geran``, ``БпЛА`` ...) is an
    ``unclassified_drone``, one that says missile (``missile``, ``ракета``,
    ``Kh-``/``X-``/``S-`` numbers ...) an ``unclassified_missile``, anything
    else ``unknown`` (group ``other``). Each is counted in a visible total.

    Examples
    --------
    >>> guess_class("Geran-3"), guess_class("X-50"), guess_class("Thing")
    (('unclassified_drone', 'drone'), ('unclassified_missile', 'missile'), ('unknown', 'other'))
    """
    return _guess_from_key(normalise_model_key(name))


def _guess_from_key(key: str) -> tuple[str, str]:
    if _DRONE_NAME.search(key):
        return "unclassified_drone", "drone"
    if _MISSILE_NAME.search(key):
        return "unclassified_missile", "missile"
    return "unknown", "other"


def _found_in(keys: Sequence[str], patterns: Sequence[re.Pattern[str]]) -> np.ndarray:
    """Which keys any of ``patterns`` matches in: one scan of each over the keys joined by newlines.

    A key has no newline (whitespace is collapsed to spaces) and no pattern matches one, so no
    match spans two keys, and a newline before a key looks behind like the start of the text.
    """
    found = np.zeros(len(keys), dtype=bool)
    if not keys:
        return found
    text = "\n".join(keys)
    ends = np.cumsum(np.fromiter(map(len, keys), dtype=np.int64, count=len(keys)) + 1) - 1
    hits = [m.start() for p in patterns for m in p.finditer(text)]
    found[np.searchsorted(ends, np.array(hits, dtype=np.int64))] = True
    return found


def _guess_from_keys(keys: Sequence[str]) -> list[tuple[str, str]]:
    """:func:`_guess_from_key` of each key, in a few scans over all of them (equal results)."""
    drone = _found_in(keys, _DRONE_SCAN)
    rest = np.flatnonzero(~drone)
    missile = np.zeros(len(keys), dtype=bool)
    missile[rest] = _found_in([keys[i] for i in rest.tolist()], _MISSILE_SCAN)
    named = (
        ("unknown", "other"),
        ("unclassified_missile", "missile"),
        ("unclassified_drone", "drone"),
    )
    return [named[k] for k in (2 * drone + missile).tolist()]


def spelling_variants(name: str) -> set[str]:
    """``name`` plus its Kh-/S- and Cyrillic Х-/С- spellings (``X-22`` -> ``Kh-22``, ``Х-22``)."""
    out = {name}
    for latin, kh, cyr in ((_LATIN_X, "Kh-", "Х-"), (_LATIN_C, "S-", "С-")):
        out |= {latin.sub(kh, n) for n in out} | {latin.sub(cyr, n) for n in out}
    return out


def _atomic_row(w: Weapon, aliases: set[str]) -> dict[str, object]:
    return {
        "model": w.model, "weapon_class": w.weapon_class, "weapon_group": w.weapon_group,
        "national_origin": w.national_origin, "is_composite": False, "component_models": w.model,
        "aliases": "; ".join(sorted(aliases)), "role": w.role, "class_reason": w.reason, "note": w.note,
    }  # fmt: skip


def _composite_row(raw: str, parts: list[Weapon]) -> dict[str, object]:
    classes = [(p.weapon_class, p.weapon_group) for p in parts]
    weapon_class, weapon_group = combine_classes(classes)
    origins = list(
        dict.fromkeys(o for p in parts for o in (p.national_origin or "").split("; ") if o)
    )
    model = " and ".join(p.model for p in parts)
    return {
        "model": model, "weapon_class": weapon_class, "weapon_group": weapon_group,
        "national_origin": "; ".join(origins) or None, "is_composite": True,
        "component_models": "; ".join(p.model for p in parts),
        "aliases": "; ".join(sorted(spelling_variants(raw) | {model})),
        "role": "several models reported in one row", "class_reason": composite_reason(classes), "note": "",
    }  # fmt: skip


def _catalog_rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    by_spelling: dict[str, Weapon] = {}
    for w in ATOMIC:
        aliases = set().union(*(spelling_variants(s) for s in (*w.spellings, w.model)))
        by_spelling.update({a: w for a in aliases})
        rows.append(_atomic_row(w, aliases))
    for raw in COMPOSITES:
        rows.append(_composite_row(raw, [by_spelling[p] for p in split_model_name(raw)]))
    return rows


def catalog_frame() -> pd.DataFrame:
    """The curated catalogue as a frame (code only, no raw files): what the loader resolves names with."""
    return pd.DataFrame(_catalog_rows())


@functools.lru_cache(maxsize=1)
def alias_table() -> dict[str, AliasEntry]:
    """Alias key -> (model, weapon_class, weapon_group, component models) of the bundled catalogue.

    Built from the curated table, the code the bundled ``weapon_catalog``
    dataset is written from (a test keeps the two equal), so that reading does
    not depend on a built ``datasets/`` folder.
    """
    out: dict[str, AliasEntry] = {}
    for row in _catalog_rows():
        model = str(row["model"])
        entry = (
            model,
            str(row["weapon_class"]),
            str(row["weapon_group"]),
            tuple(str(row["component_models"]).split("; ")),
        )
        for alias in (*str(row["aliases"]).split("; "), model):
            out[normalise_model_key(alias)] = entry
    return out


def extend_table(rows: Iterable[tuple[str, str, str, str]]) -> dict[str, AliasEntry]:
    """The bundled alias table with ``(alias, model, weapon_class, weapon_group)`` rows merged over it.

    A row's alias and its model both resolve to the row's model, class and
    group; where they name a bundled entry, the row wins.

    Examples
    --------
    >>> table = extend_table([("Geran-3", "Geran-3", "attack_drone", "drone")])
    >>> resolve_model("Geran-3", table)[:3]
    ('Geran-3', 'attack_drone', 'drone')
    """
    out = dict(alias_table())
    for alias, model, weapon_class, weapon_group in rows:
        entry = (model, weapon_class, weapon_group, (model,))
        out[normalise_model_key(alias)] = entry
        out[normalise_model_key(model)] = entry
    return out


def resolve_model(
    raw: str, table: Mapping[str, AliasEntry] | None = None
) -> tuple[str, str, str, tuple[str, ...], bool]:
    """(model, class, group, parts, known) of one stripped model string.

    ``table`` is the alias table to resolve with (:func:`alias_table` by
    default). A name it does not know keeps its spelling and gets the class
    of :func:`guess_class`; a composite is classed from its parts
    (:func:`combine_classes`). ``known`` is False when any part is unknown.
    """
    if not raw:
        return "", "unknown", "other", (), True
    catalog = alias_table() if table is None else table
    key = normalise_model_key(raw)
    entry = catalog.get(key)
    if entry is not None:
        return (*entry, True)
    # Only a key with " and " can split (most unknown names do not): skip the split otherwise.
    parts = split_model_name(raw) if " and " in key else []
    if len(parts) < 2:
        return (raw, *_guess_from_key(key), (raw,), False)
    found = [catalog.get(normalise_model_key(p)) for p in parts]
    resolved = [
        (e[0], e[1], e[2]) if e is not None else (p, *guess_class(p))
        for p, e in zip(parts, found, strict=True)
    ]
    weapon_class, weapon_group = combine_classes([(c, g) for _, c, g in resolved])
    models = tuple(m for m, _, _ in resolved)
    return (
        " and ".join(models),
        weapon_class,
        weapon_group,
        models,
        all(e is not None for e in found),
    )


def resolve_models(raws: Sequence[str], table: Mapping[str, AliasEntry] | None = None) -> Resolved:
    """:func:`resolve_model` of each stripped model string, as columns; unknown names guessed at once.

    ``resolve_model(raws[i], table)`` is the model, weapon_class,
    weapon_group, ``parts(i)`` and known of ``resolve_models(raws, table)``
    at ``i``. A file naming tens of thousands of models the catalogue
    does not know is read in milliseconds rather than seconds: the words that
    place them are searched for in one pass over all of them
    (:func:`guess_class` searches one name at a time), and no tuple is built
    per name.

    Examples
    --------
    >>> resolved = resolve_models(["X-59", "Geran-3", "Thing", ""])
    >>> resolved.model, resolved.weapon_class
    (['Kh-59', 'Geran-3', 'Thing', ''], ['cruise_missile', 'unclassified_drone', 'unknown', 'unknown'])
    >>> resolved.known
    [True, False, False, True]
    """
    catalog = alias_table() if table is None else table
    keys = [normalise_model_key(r) for r in raws]
    entries = list(map(catalog.get, keys))
    rows = zip(raws, keys, entries, strict=True)
    guess = np.array([e is None and r != "" and " and " not in k for r, k, e in rows], dtype=bool)
    guessed = np.flatnonzero(guess).tolist()
    classes = _guess_from_keys([keys[i] for i in guessed])
    n = len(raws)
    out = Resolved(list(raws), ["unknown"] * n, ["other"] * n, {}, [False] * n)
    for i, (weapon_class, weapon_group) in zip(guessed, classes, strict=True):
        out.weapon_class[i] = weapon_class
        out.weapon_group[i] = weapon_group
    # The rest one by one: the names the catalogue knows (few distinct), the empty name, composites.
    for i in np.flatnonzero(~guess).tolist():
        model, weapon_class, weapon_group, parts, known = resolve_model(raws[i], catalog)
        out.model[i], out.weapon_class[i], out.weapon_group[i] = model, weapon_class, weapon_group
        out.known[i] = known
        if parts != (model,):
            out.other_parts[i] = parts
    return out
