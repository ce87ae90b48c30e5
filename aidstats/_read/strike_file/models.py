"""The model column resolved through the weapon catalogue, once per distinct model string.

Examples
--------
>>> import pandas as pd
>>> from aidstats._core.weapons import alias_table
>>> from aidstats._read.strike_file.coded import Coded
>>> from aidstats._read.strike_file.models import ModelColumn
>>> models = ModelColumn(Coded(pd.DataFrame({"model": ["X-59", "Geran-3"]}), "model"), alias_table())
>>> models.unknown, models.values(1)
({'Geran-3': 1}, ['unknown', 'cruise_missile', 'unclassified_drone'])
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from aidstats._core.weapons import AliasEntry, resolve_model
from aidstats._read.strike_file.coded import Coded

__all__ = ["ModelColumn"]


class ModelColumn:
    """Catalogue resolution of the model column: model, class, group and parts of each distinct string."""

    def __init__(self, coded: Coded, table: Mapping[str, AliasEntry]) -> None:
        self.coded = coded
        self.resolved = [resolve_model(u, table) for u in coded.uniques]
        counts = np.bincount(coded.codes, minlength=len(coded.uniques))
        self.unknown = {
            u: int(counts[i])
            for i, (u, r) in enumerate(zip(coded.uniques, self.resolved, strict=True))
            if not r[4] and counts[i]
        }

    def values(self, k: int) -> list[str]:
        """Field ``k`` (0 model, 1 class, 2 group) of each distinct model string, in code order."""
        return [str(r[k]) for r in self.resolved]

    def is_composite(self) -> np.ndarray:
        return np.array([len(r[3]) > 1 for r in self.resolved], dtype=bool)[self.coded.codes]

    def parts_of(self, row: int) -> tuple[str, ...]:
        return self.resolved[self.coded.codes[row]][3]

    def unknown_table(self, lines: np.ndarray, launched: np.ndarray) -> pd.DataFrame:
        """One row per model name not in the catalogue: name, weapon_class, rows, launched, lines."""
        codes, uniques = self.coded.codes, self.coded.uniques
        sums = np.bincount(codes, weights=np.nan_to_num(launched), minlength=len(uniques))
        rows = []
        for name, n in sorted(self.unknown.items()):
            code = uniques.index(name)
            rows.append(
                {
                    "name": name,
                    "weapon_class": self.resolved[code][1],
                    "rows": n,
                    "launched": float(sums[code]),
                    "lines": [int(x) for x in lines[codes == code]],
                }
            )
        return pd.DataFrame(rows, columns=["name", "weapon_class", "rows", "launched", "lines"])
