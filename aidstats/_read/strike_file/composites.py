"""Splitting composite rows (``X-101/X-555 and Kalibr``) into one row per model, where nothing is guessed.

A composite row can be split only when ``launched_details`` gives a count for
exactly the row's parts summing to ``launched``. Mode ``"exact"`` splits it
when every other count is missing, zero, or (for ``destroyed``) split by
model keys in ``destroyed_details``. Mode ``"launched"`` splits ``launched``
wherever it can and leaves the counts that cannot be split missing on the
parts. Mode ``"auto"`` (the reader's default) splits exactly where it can,
and else splits ``launched`` alone where the parts count in different
``strike_volume_monthly`` columns (a true mix, such as cruise with
ballistic), so that no volume is misfiled while same-class composites keep
their destroyed counts whole. Mode ``"never"`` keeps every composite whole.

Examples
--------
>>> from aidstats._read.strike_file.composites import split_counts
>>> split_counts({"X-101/X-555": 50, "Kalibr": 12}, ("Kh-101/Kh-555", "Kalibr"), 62.0)
[50.0, 12.0]
>>> split_counts({"south": 40, "east": 22}, ("Kh-101/Kh-555", "Kalibr"), 62.0) is None
True
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from aidstats._core.vocab import CLASS_VOLUME
from aidstats._core.weapons import AliasEntry, alias_table, normalise_model_key

__all__ = ["SplitPlan", "plan_splits", "split_counts"]

_SPLIT_COUNTS = ("destroyed", "not_reach_goal", "still_attacking", "is_shahed")
_NEEDED = ("launched", *_SPLIT_COUNTS, "launched_details", "destroyed_details")


def split_counts(
    details: Any,
    parts: tuple[str, ...],
    total: float,
    table: Mapping[str, AliasEntry] | None = None,
) -> list[float] | None:
    """Per-part counts from a model-keyed dict that sums to ``total``; None if it does not."""
    if not isinstance(details, dict) or not details:
        return None
    catalog = alias_table() if table is None else table
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
    row: dict[str, Any], parts: tuple[str, ...], partial: bool, table: Mapping[str, AliasEntry]
) -> list[dict[str, float]] | None:
    """The counts of each part of a composite row, or None if any count cannot be split exactly.

    With ``partial``, only ``launched`` must split; a count that cannot be
    split is missing (unknown per model) on every part.
    """
    launched = split_counts(row["launched_details"], parts, row["launched"], table)
    if launched is None:
        return None
    split: list[dict[str, float]] = [{"launched": v} for v in launched]
    for name in _SPLIT_COUNTS:
        total = row[name]
        if math.isnan(total) or total == 0:
            values: list[float] | None = [total] * len(parts)
        elif name == "destroyed":
            values = split_counts(row["destroyed_details"], parts, total, table)
        else:
            values = None
        if values is None and partial:
            values = [math.nan] * len(parts)
        if values is None:
            return None
        for piece, value in zip(split, values, strict=True):
            piece[name] = value
    return split


def _part_values(
    parts: tuple[str, ...],
    split: list[dict[str, float]],
    places: Any,
    catalog: Mapping[str, AliasEntry],
) -> list[dict[str, Any]]:
    """The new cells of each part: model, class, group, counts, and launch place where the details give it."""
    place_of = {}
    if isinstance(places, dict):
        for key, value in places.items():
            entry = catalog.get(normalise_model_key(str(key)))
            if entry is not None and isinstance(value, str):
                place_of[entry[0]] = value
    out = []
    for part, counts in zip(parts, split, strict=True):
        model, weapon_class, weapon_group, _ = catalog[normalise_model_key(part)]
        out.append(
            {
                **counts,
                "model": model,
                "weapon_class": weapon_class,
                "weapon_group": weapon_group,
                "launch_place": place_of.get(part),
            }
        )
    return out


def _mixes_volumes(parts: tuple[str, ...], table: Mapping[str, AliasEntry]) -> bool:
    """Whether the parts count in different strike_volume_monthly columns (a true mix)."""
    volumes = {CLASS_VOLUME.get(table[normalise_model_key(p)][1]) for p in parts}
    return len(volumes) > 1


def _split_of(
    cells: dict[str, Any], parts: tuple[str, ...], mode: str, table: Mapping[str, AliasEntry]
) -> list[dict[str, float]] | None:
    if mode == "launched":
        return _split_row(cells, parts, True, table)
    split = _split_row(cells, parts, False, table)
    if split is None and mode == "auto" and _mixes_volumes(parts, table):
        split = _split_row(cells, parts, True, table)
    return split


def _split_values(
    cells: dict[str, Any],
    parts: tuple[str, ...],
    places: Any,
    mode: str,
    catalog: Mapping[str, AliasEntry],
) -> list[dict[str, Any]] | None:
    """The new cells of each part of one composite row, or None where it stays whole."""
    if not all(normalise_model_key(p) in catalog for p in parts):
        return None  # a part the catalogue does not know cannot be matched to the details
    split = _split_of(cells, parts, mode, catalog)
    return None if split is None else _part_values(parts, split, places, catalog)


@dataclasses.dataclass(frozen=True)
class SplitPlan:
    """How the rows of a file become the rows of the event frame.

    ``take`` maps each output row to its input row (a split composite's row
    repeated once per part); ``parts`` holds, per part, its output ``row`` and
    the cells that differ from the composite's (model, class, group, counts,
    launch place where the details give it, else missing); ``kept_whole``
    counts the composites with ``launched_details`` left whole.
    """

    take: np.ndarray | None
    parts: pd.DataFrame
    kept_whole: int


def plan_splits(
    cols: Mapping[str, Any],
    is_composite: np.ndarray,
    valid: np.ndarray,
    parts_of: Callable[[int], tuple[str, ...]],
    mode: str,
    table: Mapping[str, AliasEntry] | None = None,
) -> SplitPlan:
    """Which valid composite rows to split by ``mode``, and into what (see the module docstring)."""
    catalog = alias_table() if table is None else table
    has_details = pd.notna(cols["launched_details"])
    empty = pd.DataFrame(columns=["row"])
    if mode == "never":
        return SplitPlan(None, empty, int((is_composite & has_details).sum()))
    candidates = np.flatnonzero(is_composite & valid & has_details)
    splits: list[tuple[int, list[dict[str, Any]]]] = []
    # Rows with the same model and cells split the same way (cells of the same text share one
    # parsed dict): each distinct composite is worked out once.
    seen: dict[tuple[Any, ...], list[dict[str, Any]] | None] = {}
    for i in candidates.tolist():
        parts = parts_of(i)
        cells = {name: cols[name][i] for name in _NEEDED}
        places = cols["launch_place_details"][i]
        counts = tuple(None if math.isnan(cells[n]) else float(cells[n]) for n in _NEEDED[:-2])
        key = (parts, counts, *(id(cells[n]) for n in _NEEDED[-2:]), id(places))
        if key not in seen:
            seen[key] = _split_values(cells, parts, places, mode, catalog)
        if seen[key] is not None:
            splits.append((i, seen[key]))  # type: ignore[arg-type]
    if not splits:
        return SplitPlan(None, empty, len(candidates))
    repeat = np.ones(len(is_composite), dtype=np.int64)
    for i, rows in splits:
        repeat[i] = len(rows)
    first = np.cumsum(repeat) - repeat  # the output row of each input row's first part
    records = [
        {"row": int(first[i]) + k, **cells} for i, rows in splits for k, cells in enumerate(rows)
    ]
    take = np.repeat(np.arange(len(is_composite)), repeat)
    return SplitPlan(take, pd.DataFrame(records), len(candidates) - len(splits))
