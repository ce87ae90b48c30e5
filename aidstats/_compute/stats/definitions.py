"""Named rate definitions: what is counted as neutralised, and what happens to weapons still in the air.

Public analyses of these data use at least four "interception rates"; aidstats
names each one and pools it as a ratio of sums (never an average of row
ratios). Every definition also states one more choice, ``still_attacking``:
weapons still airborne when the report was posted are neither neutralised nor
known to have hit.

- ``"exclude"`` (default): leave them out of ``launched``, so the share is
  that of the weapons whose outcome the report knows. Counting them as misses
  assumes every one of them hit, which lowers a month's drone share by up to
  2.3 points; leaving them out assumes nothing about them.
- ``"miss"``: keep them in ``launched`` as weapons not neutralised (a lower
  bound of the share).

:func:`definition_text` gives the sentence for a caption.

Examples
--------
>>> from aidstats._compute.stats.definitions import definition_text
>>> print(definition_text("destroyed_share"))
Destroyed share = destroyed / launched, pooled as a ratio of sums; weapons still in the air at report time (still_attacking) are left out of launched: their outcome is unknown.
"""

from __future__ import annotations

import dataclasses

__all__ = [
    "DEFINITIONS",
    "RATE_DEFINITIONS",
    "STILL_ATTACKING",
    "RateDefinition",
    "check_definition",
    "check_still_attacking",
    "definition_text",
]


@dataclasses.dataclass(frozen=True)
class RateDefinition:
    """A named share: numerator columns over ``launched``, and its words."""

    name: str
    numerator: tuple[str, ...]
    formula: str


RATE_DEFINITIONS: dict[str, RateDefinition] = {
    "destroyed_share": RateDefinition(
        "destroyed_share", ("destroyed",), "Destroyed share = destroyed / launched"
    ),
    "neutralised_share": RateDefinition(
        "neutralised_share",
        ("destroyed", "not_reach_goal"),
        "Neutralised share = (destroyed + not_reach_goal, 'locationally lost') / launched",
    ),
}

#: Named rate definitions: numerator columns over ``launched``, pooled as a ratio of sums.
DEFINITIONS: dict[str, tuple[str, ...]] = {k: d.numerator for k, d in RATE_DEFINITIONS.items()}

#: Treatments of weapons still in the air at report time, with the words used in captions.
STILL_ATTACKING: dict[str, str] = {
    "exclude": "weapons still in the air at report time (still_attacking) are left out of "
    "launched: their outcome is unknown",
    "miss": "weapons still in the air at report time (still_attacking) count as not "
    "neutralised (a lower bound)",
}


def check_definition(definition: str) -> RateDefinition:
    """The definition of that name; ValueError naming the known ones otherwise."""
    if definition not in RATE_DEFINITIONS:
        raise ValueError(
            f"unknown definition {definition!r}; use one of {sorted(RATE_DEFINITIONS)}"
        )
    return RATE_DEFINITIONS[definition]


def check_still_attacking(still_attacking: str) -> str:
    """``"exclude"`` or ``"miss"``; ValueError otherwise."""
    if still_attacking not in STILL_ATTACKING:
        raise ValueError(
            f"still_attacking must be one of {sorted(STILL_ATTACKING)}, not {still_attacking!r}"
        )
    return still_attacking


def definition_text(definition: str, still_attacking: str = "exclude") -> str:
    """The caption sentence of a rate definition with its ``still_attacking`` choice."""
    rate = check_definition(definition)
    return (
        f"{rate.formula}, pooled as a ratio of sums; "
        f"{STILL_ATTACKING[check_still_attacking(still_attacking)]}."
    )
