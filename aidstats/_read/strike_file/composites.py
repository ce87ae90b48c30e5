"""Splitting composite rows (``X-101/X-555 and Kalibr``) into one row per model, where nothing is guessed.

A composite row is split only when ``launched_details`` gives a count for
exactly the row's parts summing to ``launched``, and every other count is
missing, zero, or (for ``destroyed``) split by model keys in
``destroyed_details`` (mode ``"exact"``). Mode ``"launched"`` splits
``launched`` alone and leaves the counts that cannot be split missing on the
parts; mode ``"never"`` keeps every composite whole.

Examples
--------
>>> from aidstats._read.strike_file.composites import split_counts
>>> split_counts({"X-101/X-555": 50, "Kalibr": 12}, ("Kh-101/Kh-555", "Kalibr"), 62.0)
[50.0, 12.0]
>>> split_counts({"south": 40, "east": 22}, ("Kh-101/Kh-555", "Kalibr"), 62.0) is None
True
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from aidstats._core.weapons import alias_table, normalise_model_key
from aidstats._read.strike_file.columns import COLUMNS

__all__ = ["split_composite_rows", "split_counts"]

_SPLIT_COUNTS = ("destroyed", "not_reach_goal", "still_attacking", "is_shahed")
_NEEDED = ("launched", *_SPLIT_COUNTS, "launched_details", "destroyed_details")


def split_counts(details: Any, parts: tuple[str, ...], total: float) -> list[float] | None:
    """Per-part counts from a model-keyed dict that sums to ``total``; None if it does not."""
    if not isinstance(details, dict) or not details:
        return None
    catalog = alias_table()
    by_part: dict[str, float] = {}
    for key, value in details.items():
        entry = catalog.get(normalise_model_key(str(key)))
        model = entry[0] if entry is not None else None
        if model not in parts or model in by_part:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if not math.isfinite(value) or value < 0 or value % 1:
            return None
        by_part[model] = float(value)
    if set(by_part) != set(parts) or sum(by_part.values()) != total:
        return None
    return [by_part[p] for p in parts]


def _split_row(
    row: dict[str, Any], parts: tuple[str, ...], partial: bool
) -> list[dict[str, float]] | None:
    """The counts of each part of a composite row, or None if any count cannot be split exactly.

    With ``partial``, only ``launched`` must split; a count that cannot be
    split is missing (unknown per model) on every part.
    """
    launched = split_counts(row["launched_details"], parts, row["launched"])
    if launched is None:
        return None
    split: list[dict[str, float]] = [{"launched": v} for v in launched]
    for name in _SPLIT_COUNTS:
        total = row[name]
        if math.isnan(total) or total == 0:
            values: list[float] | None = [total] * len(parts)
        elif name == "destroyed":
            values = split_counts(row["destroyed_details"], parts, total)
        else:
            values = None
        if values is None and partial:
            values = [math.nan] * len(parts)
        if values is None:
            return None
        for piece, value in zip(split, values, strict=True):
            piece[name] = value
    return split


def _part_rows(
    row: dict[str, Any], parts: tuple[str, ...], split: list[dict[str, float]]
) -> list[dict[str, Any]]:
    """The rows of the parts: the composite's cells with each part's model, class and counts."""
    catalog = alias_table()
    places = row["launch_place_details"] if isinstance(row["launch_place_details"], dict) else {}
    place_of = {
        catalog[normalise_model_key(str(k))][0]: str(v)
        for k, v in places.items()
        if normalise_model_key(str(k)) in catalog and isinstance(v, str)
    }
    new_rows = []
    for part, counts in zip(parts, split, strict=True):
        entry = catalog[normalise_model_key(part)]
        new_rows.append(
            {
                **row,
                **counts,
                "model": entry[0],
                "weapon_class": entry[1],
                "weapon_group": entry[2],
                "is_composite": False,
                "split_from_composite": True,
                "launch_place": place_of.get(part, row["launch_place"]),
            }
        )
    return new_rows


def split_composite_rows(
    frame: pd.DataFrame, parts_of: Callable[[int], tuple[str, ...]], mode: str
) -> tuple[pd.DataFrame, int]:
    """Split the valid composite rows whose details allow it; (frame, rows kept whole despite details)."""
    if mode == "never":
        return frame, int((frame["is_composite"] & frame["launched_details"].notna()).sum())
    candidates = np.flatnonzero(
        frame["is_composite"].to_numpy(dtype=bool)
        & (frame["invalid_reason"] == "").to_numpy(dtype=bool)
        & frame["launched_details"].notna().to_numpy(dtype=bool)
    )
    if not len(candidates):
        return frame, 0
    pieces: list[pd.DataFrame] = []
    drop: list[int] = []
    arrays = {name: frame[name].to_numpy() for name in _NEEDED}
    for i in candidates:
        parts = parts_of(int(i))
        cells = {name: arrays[name][i] for name in _NEEDED}
        split = _split_row(cells, parts, partial=mode == "launched")
        if split is None:
            continue
        new_rows = _part_rows(frame.iloc[int(i)].to_dict(), parts, split)
        pieces.append(pd.DataFrame(new_rows, index=[int(i)] * len(new_rows), columns=frame.columns))
        drop.append(int(i))
    if not drop:
        return frame, len(candidates)
    kept = frame.drop(index=frame.index[drop])
    merged = pd.concat([kept, *pieces]).sort_index(kind="stable").reset_index(drop=True)
    typed = {
        name: merged[name].astype(dtype if dtype not in ("str", "object") else frame[name].dtype)
        for name, dtype in COLUMNS.items()
    }
    return pd.DataFrame(typed), len(candidates) - len(drop)
