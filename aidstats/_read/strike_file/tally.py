"""A read-only mapping of names to numbers, compact and shared rather than copied.

The event frame's ``attrs["aidstats"]`` lists every model name the weapon
catalogue does not know, with its rows and its launches. A hostile file can
name hundreds of thousands of them, and pandas deep-copies ``attrs`` into the
result of every operation on the frame (``events.loc[...]``, a ``groupby``):
two dicts of 400,000 names cost 50 MB and made each such operation take a
second or more. :class:`NameTally` holds the names once, sorted, and the
numbers in one array; it cannot be changed, so a deep copy is the object
itself.

Examples
--------
>>> import copy
>>> import numpy as np
>>> from aidstats._read.strike_file.tally import NameTally
>>> tally = NameTally(["Geran-3", "Thing"], np.array([4, 1]))
>>> tally["Geran-3"], len(tally), "Thing" in tally, tally == {"Geran-3": 4, "Thing": 1}
(4, 2, True, True)
>>> copy.deepcopy(tally) is tally
True
>>> tally
NameTally({'Geran-3': 4, 'Thing': 1})
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np

__all__ = ["NameTally"]


class NameTally(Mapping[str, Any]):
    """Names (distinct, sorted) to numbers, read-only; ``dict(tally)`` gives a plain dict.

    Parameters
    ----------
    names
        The names, distinct and in sorted order (a tuple is kept as it is, so that
        tallies of the same names share it).
    values
        One number per name (ints or floats); read as Python numbers.
    """

    __slots__ = ("_names", "_values")

    def __init__(self, names: Sequence[str], values: np.ndarray) -> None:
        if len(names) != len(values):
            raise ValueError(f"{len(names)} names but {len(values)} values")
        self._names = names if type(names) is tuple else tuple(names)
        self._values = np.array(values, copy=True)
        self._values.flags.writeable = False

    def _index(self, name: object) -> int:
        if not isinstance(name, str):
            return -1
        i = bisect.bisect_left(self._names, name)
        return i if i < len(self._names) and self._names[i] == name else -1

    def __getitem__(self, name: str) -> Any:
        i = self._index(name)
        if i < 0:
            raise KeyError(name)
        return self._values[i].item()

    def __contains__(self, name: object) -> bool:
        return self._index(name) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return f"NameTally({self.to_dict()!r})"

    # Read-only: copies are the object itself (pandas deep-copies attrs on every operation).
    def __copy__(self) -> NameTally:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> NameTally:
        return self

    def __reduce__(self) -> tuple[type[NameTally], tuple[tuple[str, ...], np.ndarray]]:
        return NameTally, (self._names, np.array(self._values))

    def to_dict(self) -> dict[str, Any]:
        """A plain dict (for JSON, or to edit)."""
        return dict(zip(self._names, self._values.tolist(), strict=True))
