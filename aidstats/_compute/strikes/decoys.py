"""The one decoy rule: how ``is_shahed`` splits a Shahed-type row into attack drones and decoys.

From 2025-07-15 the reports say, for a Shahed-type row, how many of its
drones were Shahed/Geran attack drones (``is_shahed``); the rest were decoys
(Gerbera and similar). Where a row gives ``is_shahed``, its attack drones are
``min(is_shahed, launched)`` and its decoys the rest; where it does not (every
row before mid-July 2025, and gaps until September 2025) the whole row counts
as attack drones, decoys included: its launches are *unsplit*. Every table and
figure that splits drones uses these functions, so that they all agree.

Examples
--------
>>> import numpy as np
>>> from aidstats._compute.strikes.decoys import decoy_split
>>> attack, decoys, unsplit = decoy_split(
...     np.array(["attack_drone", "attack_drone", "cruise_missile"]),
...     np.array([True, True, False]),
...     np.array([100.0, 50.0, 8.0]),
...     np.array([80.0, np.nan, np.nan]),
... )
>>> attack.tolist(), decoys.tolist(), unsplit.tolist()
([80.0, 50.0, 0.0], [20.0, 0.0, 0.0], [0.0, 50.0, 0.0])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["DECOY_NOTE", "decoy_split", "decoys_of", "move_decoys", "shahed_type"]

#: What every table and figure that splits drones says about the rule.
DECOY_NOTE = (
    "Attack drones follow is_shahed where a Shahed-type row gives it (from mid-July 2025), the rest of "
    "the row counting as decoys; before mid-July 2025 the reports do not separate decoys, which sit "
    "inside the attack-drone count."
)
_ATTACK = "attack_drone"
_DECOY = "decoy_or_unknown_drone"


def shahed_type(models: pd.Series) -> np.ndarray:
    """Rows whose model is a Shahed type (the rows ``is_shahed`` can split)."""
    return models.astype(str).str.contains("Shahed", case=False, regex=False).to_numpy(dtype=bool)


def decoy_split(
    weapon_class: np.ndarray,
    is_shahed_type: np.ndarray,
    launched: np.ndarray,
    is_shahed: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: (attack drones, decoys, unsplit launches) of attack-drone rows; 0 for other rows.

    ``unsplit`` is the part of ``attack`` from Shahed-type rows without an
    ``is_shahed`` figure (attack drones and decoys together).
    """
    launched = np.nan_to_num(np.asarray(launched, dtype="float64"))
    is_shahed = np.asarray(is_shahed, dtype="float64")
    attack_rows = np.asarray(weapon_class) == _ATTACK
    split = attack_rows & ~np.isnan(is_shahed)
    attack = np.where(
        split, np.minimum(np.nan_to_num(is_shahed), launched), np.where(attack_rows, launched, 0.0)
    )
    decoys = np.where(split, launched - attack, 0.0)
    unsplit = np.where(attack_rows & ~split & is_shahed_type, launched, 0.0)
    return attack, decoys, unsplit


def decoys_of(events: pd.DataFrame) -> np.ndarray:
    """The decoys of each event row by :func:`decoy_split` (0 where the frame has no ``is_shahed``)."""
    if "is_shahed" not in events.columns:
        return np.zeros(len(events))
    _, decoys, _ = decoy_split(
        events["weapon_class"].to_numpy(dtype=object),
        np.zeros(len(events), dtype=bool),  # the unsplit part is not needed here
        events["launched"].to_numpy(dtype="float64"),
        events["is_shahed"].to_numpy(dtype="float64"),
    )
    return decoys


def move_decoys(
    table: pd.DataFrame,
    keys: list[str],
    value: str = "launched",
    carry: tuple[str, ...] = ("withheld_rows",),
) -> pd.DataFrame:
    """Launches per weapon class with the decoys moved from attack drones to decoy or unknown drones.

    ``table`` has ``weapon_class``, ``value`` and ``decoys`` (as
    :func:`aidstats.strikes.to_periods` and ``strikes_monthly`` give them) and
    the ``keys`` it is summed by; the result has ``keys``, ``weapon_class``,
    ``value`` and the ``carry`` columns the table has, summed.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"month": ["2025-10"] * 2, "weapon_class": ["attack_drone", "decoy_or_unknown_drone"],
    ...                   "launched": [5313.0, 159.0], "decoys": [1200.0, 0.0]})
    >>> move_decoys(t, ["month"]).to_dict("records")
    [{'month': '2025-10', 'weapon_class': 'attack_drone', 'launched': 4113.0}, {'month': '2025-10', 'weapon_class': 'decoy_or_unknown_drone', 'launched': 1359.0}]
    """
    decoys = (
        table["decoys"].fillna(0.0)
        if "decoys" in table.columns
        else pd.Series(0.0, index=table.index)
    )
    extra = [c for c in carry if c in table.columns]
    attack = table["weapon_class"] == _ATTACK
    kept = table.assign(**{value: table[value] - decoys.where(attack, 0.0)})[
        [*keys, "weapon_class", value, *extra]
    ]
    moved = table.loc[attack, keys].assign(
        weapon_class=_DECOY, **{value: decoys[attack]}, **{c: 0 for c in extra}
    )
    both = pd.concat([kept, moved], ignore_index=True)
    out = both.groupby([*keys, "weapon_class"], as_index=False, sort=True)[[value, *extra]].sum()
    return out.loc[(out[value] != 0) | out["weapon_class"].isin(table["weapon_class"])].reset_index(
        drop=True
    )
