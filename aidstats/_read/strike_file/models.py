"""The model column resolved through the weapon catalogue, once per distinct model string.

A name longer than :data:`MAX_MODEL_NAME` characters (the longest real one
has 46) is not looked up: no catalogue spelling is that long, and matching
rules over a name of megabytes would take seconds. It counts as ``unknown``
and its ``model`` is shortened (:func:`~aidstats._read.strike_file.shown.shorten`);
``model_raw`` keeps it whole.

Examples
--------
>>> import pandas as pd
>>> from aidstats._core.weapons import alias_table
>>> from aidstats._read.strike_file.coded import Coded
>>> from aidstats._read.strike_file.models import ModelColumn
>>> models = ModelColumn(Coded(pd.DataFrame({"model": ["X-59", "Geran-3"]}), "model"), alias_table())
>>> models.unknown, models.values(1)
({'Geran-3': 1}, ['unknown', 'cruise_missile', 'unclassified_drone'])
>>> ModelColumn(Coded(pd.DataFrame({"model": ["X" * 300]}), "model"), alias_table()).values(0)[1]
'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX… (300 characters)'
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from aidstats._core.weapons import AliasEntry, resolve_model
from aidstats._read.strike_file.coded import Coded
from aidstats._read.strike_file.shown import shorten

__all__ = ["MAX_MODEL_NAME", "ModelColumn"]

MAX_MODEL_NAME = 200
"""Longest model name looked up in the weapon catalogue; a longer one counts as ``unknown``."""

_Resolved = tuple[str, str, str, tuple[str, ...], bool]


def _overlong(name: str) -> _Resolved:
    short = shorten(name)
    return short, "unknown", "other", (short,), False


class ModelColumn:
    """Catalogue resolution of the model column: model, class, group and parts of each distinct string."""

    def __init__(self, coded: Coded, table: Mapping[str, AliasEntry]) -> None:
        self.coded = coded
        self.resolved = [
            resolve_model(u, table) if len(u) <= MAX_MODEL_NAME else _overlong(u)
            for u in coded.uniques
        ]
        self.counts: list[int] = np.bincount(coded.codes, minlength=len(coded.uniques)).tolist()
        # Equal stripped names share the first code (Coded), so each unknown name has one code here.
        self._unknown_codes = [
            i for i, r in enumerate(self.resolved) if not r[4] and self.counts[i]
        ]
        self.unknown = {coded.uniques[i]: self.counts[i] for i in self._unknown_codes}

    def values(self, k: int) -> list[str]:
        """Field ``k`` (0 model, 1 class, 2 group) of each distinct model string, in code order."""
        return [str(r[k]) for r in self.resolved]

    def is_composite(self) -> np.ndarray:
        return np.array([len(r[3]) > 1 for r in self.resolved], dtype=bool)[self.coded.codes]

    def parts_of(self, row: int) -> tuple[str, ...]:
        return self.resolved[self.coded.codes[row]][3]

    def _lines_by_code(self, lines: np.ndarray) -> dict[int, list[int]]:
        """The file lines of each unknown name's rows, in file order: one sort of those rows only."""
        codes = self.coded.codes
        wanted = np.zeros(len(self.resolved), dtype=bool)
        wanted[self._unknown_codes] = True
        rows = np.flatnonzero(wanted[codes])
        order = rows[np.argsort(codes[rows], kind="stable")]
        sorted_codes = codes[order]
        starts = np.searchsorted(sorted_codes, self._unknown_codes, side="left")
        stops = np.searchsorted(sorted_codes, self._unknown_codes, side="right")
        taken = lines[order].tolist()
        return {
            code: taken[start:stop]
            for code, start, stop in zip(
                self._unknown_codes, starts.tolist(), stops.tolist(), strict=True
            )
        }

    def unknown_table(self, lines: np.ndarray, launched: np.ndarray) -> pd.DataFrame:
        """One row per model name not in the catalogue, by name: name, weapon_class, rows, launched, lines."""
        codes, uniques = self.coded.codes, self.coded.uniques
        sums = np.bincount(codes, weights=np.nan_to_num(launched), minlength=len(uniques))
        lines_of = self._lines_by_code(lines)
        order = sorted(self._unknown_codes, key=uniques.__getitem__)
        return pd.DataFrame(
            {
                # Objects, not the string dtype: a name of megabytes is not copied into Arrow.
                "name": pd.Series([uniques[code] for code in order], dtype=object),
                "weapon_class": [self.resolved[code][1] for code in order],
                "rows": [self.counts[code] for code in order],
                "launched": [float(sums[code]) for code in order],
                "lines": [lines_of[code] for code in order],
            },
            columns=["name", "weapon_class", "rows", "launched", "lines"],
        )
