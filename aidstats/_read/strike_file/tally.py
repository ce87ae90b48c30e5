"""A read-only dict of names to numbers, shared rather than copied.

The event frame's ``attrs["aidstats"]`` lists every model name the weapon
catalogue does not know, with its rows and its launches. A hostile file can
name hundreds of thousands of them, and pandas deep-copies ``attrs`` into the
result of every operation on the frame (``events.loc[...]``, a ``groupby``):
with two plain dicts of 400,000 names each such operation took a second or
more. :class:`NameTally` is a dict (JSON, Parquet metadata, ``==`` and
``pd.Series`` treat it as one) that cannot be changed, so a copy of it is the
object itself.

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

from collections.abc import Sequence
from typing import Any, NoReturn

import numpy as np

__all__ = ["NameTally"]


class NameTally(dict[str, Any]):
    """Names to numbers (Python ints or floats), read-only; ``dict(tally)`` gives a copy to edit.

    Parameters
    ----------
    names
        The names, distinct.
    values
        One number per name.
    """

    __slots__ = ()

    def __init__(self, names: Sequence[str], values: np.ndarray) -> None:
        if len(names) != len(values):
            raise ValueError(f"{len(names)} names but {len(values)} values")
        super().__init__(zip(names, np.asarray(values).tolist(), strict=True))

    def _read_only(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("a NameTally is read-only: dict(tally) gives a copy to edit")

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only

    def __repr__(self) -> str:
        return f"NameTally({dict.__repr__(self)})"

    # Read-only: copies are the object itself (pandas deep-copies attrs on every operation).
    def __copy__(self) -> NameTally:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> NameTally:
        return self

    def __reduce__(self) -> tuple[type[NameTally], tuple[tuple[str, ...], np.ndarray]]:
        return NameTally, (tuple(self), np.array(list(self.values())))

    def to_dict(self) -> dict[str, Any]:
        """A plain dict (to edit)."""
        return dict(self)
