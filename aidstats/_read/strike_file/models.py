"""The model column resolved through the weapon catalogue, once per distinct model string.

A name longer than :data:`MAX_MODEL_NAME` characters (the longest real one
has 46) is not looked up: no catalogue spelling is that long, and matching
rules over a name of megabytes would take seconds. It counts as ``unknown``
and its ``model`` is shortened (:func:`~aidstats._read.strike_file.shown.shorten`);
``model_raw`` keeps it whole.

Examples
--------
>>> import numpy as np
>>> import pandas as pd
>>> from aidstats._core.weapons import alias_table
>>> from aidstats._read.strike_file.coded import Coded
>>> from aidstats._read.strike_file.models import ModelColumn
>>> models = ModelColumn(Coded(pd.DataFrame({"model": ["X-59", "Geran-3"]}), "model"), alias_table())
>>> models.values(1)
['unknown', 'cruise_missile', 'unclassified_drone']
>>> models.unknown_table(np.array([2, 3]), np.array([6.0, 4.0]))[["name", "rows", "launched"]]
      name  rows  launched
0  Geran-3     1       4.0
>>> ModelColumn(Coded(pd.DataFrame({"model": ["X" * 300]}), "model"), alias_table()).values(0)[1]
'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX… (300 characters)'
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from aidstats._core.weapons import AliasEntry, resolve_models
from aidstats._read.strike_file.coded import Coded
from aidstats._read.strike_file.shown import most, shorten

__all__ = ["MAX_MODEL_NAME", "ModelColumn"]

MAX_MODEL_NAME = 200
"""Longest model name looked up in the weapon catalogue; a longer one counts as ``unknown``."""


def _factorized(values: list[str]) -> tuple[list[str], np.ndarray]:
    """(distinct values in order of appearance, int16 code of each): a few classes, not a list each."""
    codes, distinct = pd.factorize(np.array(values, dtype=object))
    return distinct.tolist(), codes.astype(np.int16)


class ModelColumn:
    """Catalogue resolution of the model column: model, class, group and parts of each distinct string.

    What it keeps is a few bytes per distinct string (codes into the few
    classes and groups, the canonical names only where they differ from the
    string): a file of tens of thousands of unknown names holds each of them
    once, in :attr:`coded`.
    """

    def __init__(self, coded: Coded, table: Mapping[str, AliasEntry]) -> None:
        self.coded = coded
        uniques = coded.uniques
        overlong = [i for i, u in enumerate(uniques) if len(u) > MAX_MODEL_NAME]
        looked_up = uniques
        if overlong:
            looked_up = list(uniques)
            for i in overlong:
                looked_up[i] = ""  # not looked up: set below
        resolved = resolve_models(looked_up, table)
        for i in overlong:  # the empty name's: resolved as ("", unknown, other, (), True)
            resolved.model[i] = shorten(uniques[i])
            resolved.known[i] = False
            del resolved.other_parts[i]
        self.counts = np.bincount(coded.codes, minlength=len(uniques))
        # Equal stripped names share the first code (Coded), so each unknown name has one code here.
        unknown = ~np.array(resolved.known, dtype=bool) & (self.counts > 0)
        self._unknown_codes = np.flatnonzero(unknown)
        renamed = [
            i for i, (m, u) in enumerate(zip(resolved.model, uniques, strict=True)) if m != u
        ]
        self._canonical = {i: resolved.model[i] for i in renamed}
        self._fields = (_factorized(resolved.weapon_class), _factorized(resolved.weapon_group))
        self._parts = resolved.other_parts
        self._composite = np.zeros(len(uniques), dtype=bool)
        for i, parts in self._parts.items():
            self._composite[i] = len(parts) > 1

    def model_of(self, code: int) -> str:
        """The canonical model of distinct string ``code``."""
        return self._canonical.get(code, self.coded.uniques[code])

    def renamed(self) -> tuple[np.ndarray, np.ndarray]:
        """(whether each distinct string has another canonical name, that name or '' for each)."""
        n = len(self.coded.uniques)
        mask = np.zeros(n, dtype=bool)
        names = np.full(n, "", dtype=object)
        for code, name in self._canonical.items():
            mask[code], names[code] = True, name
        return mask, names

    def values(self, k: int) -> list[str]:
        """Field ``k`` (0 model, 1 class, 2 group) of each distinct model string, in code order."""
        if k == 0:
            return [self.model_of(i) for i in range(len(self.coded.uniques))]
        distinct, codes = self._fields[k - 1]
        return [distinct[c] for c in codes.tolist()]

    def field_codes(self, k: int) -> tuple[list[str], np.ndarray]:
        """Field ``k`` (1 class, 2 group) as (distinct values, code of each row): a column of a
        few classes is built from those few, not from one value per distinct model string."""
        distinct, codes = self._fields[k - 1]
        return distinct, codes[self.coded.codes]

    def is_composite(self) -> np.ndarray:
        return self._composite[self.coded.codes]

    def parts_of(self, row: int) -> tuple[str, ...]:
        code = int(self.coded.codes[row])
        return self._parts.get(code, (self.model_of(code),))

    def _lines_by_code(self, lines: np.ndarray, codes: list[int]) -> np.ndarray:
        """The file lines of the rows of each of ``codes`` (unknown names), in file order.

        One stable sort of those rows only; each name's lines are a view of the sorted
        lines (an object array of arrays): tens of thousands of lists would wake the
        garbage collector, which then walks every object of the read.
        """
        row_codes = self.coded.codes
        wanted = np.zeros(len(self.coded.uniques), dtype=bool)
        wanted[codes] = True
        rows = np.flatnonzero(wanted[row_codes])
        order = rows[np.argsort(row_codes[rows], kind="stable")]
        sorted_codes = row_codes[order]
        starts = np.searchsorted(sorted_codes, codes, side="left").tolist()
        stops = np.searchsorted(sorted_codes, codes, side="right").tolist()
        taken = lines[order]
        out = np.empty(len(codes), dtype=object)
        for i, (start, stop) in enumerate(zip(starts, stops, strict=True)):
            out[i] = taken[start:stop]  # one by one: equal-length arrays would make a 2-D array
        return out

    def unknown_table(self, lines: np.ndarray, launched: np.ndarray) -> pd.DataFrame:
        """One row per model name not in the catalogue, by name: name, weapon_class, rows, launched, lines.

        ``lines`` holds an integer array per name that a warning shows
        (:func:`~aidstats._read.strike_file.shown.most` launches), None for the
        others: tens of thousands of names need no array each.
        """
        codes, uniques = self.coded.codes, self.coded.uniques
        sums = np.bincount(codes, weights=np.nan_to_num(launched), minlength=len(uniques))
        order = sorted(self._unknown_codes.tolist(), key=uniques.__getitem__)
        launched_by_name = sums[order]
        shown = most(launched_by_name)
        by_name = np.full(len(order), None, dtype=object)
        by_name[shown] = self._lines_by_code(lines, [order[i] for i in shown.tolist()])
        distinct, classes = self._fields[0]
        return pd.DataFrame(
            {
                # Objects, not the string dtype: a name of megabytes is not copied into Arrow.
                "name": pd.Series([uniques[code] for code in order], dtype=object),
                "weapon_class": pd.Series(
                    [distinct[c] for c in classes[order].tolist()], dtype=object
                ),
                "rows": self.counts[order],
                "launched": launched_by_name,
                "lines": by_name,
            },
            columns=["name", "weapon_class", "rows", "launched", "lines"],
        )
