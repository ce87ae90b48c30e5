"""Text columns as codes into their distinct values, so that per-value work is done once.

A strike file of a million rows has a few hundred distinct models, dates and
posts: :class:`Coded` strips, parses and resolves each distinct value once,
and :func:`strings` builds a string column back from the codes.

Examples
--------
>>> import pandas as pd
>>> from aidstats._read.strike_file.coded import Coded
>>> coded = Coded(pd.DataFrame({"model": [" Kalibr", "Kalibr", "X-59", "Kalibr "]}), "model")
>>> coded.uniques, coded.codes.tolist()
(['', 'Kalibr', 'Kalibr', 'X-59', 'Kalibr'], [1, 1, 3, 1])
>>> coded.series().tolist()
['Kalibr', 'Kalibr', 'X-59', 'Kalibr']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from aidstats._read.strike_file.heap import release_arrow

__all__ = ["STR_DTYPE", "Coded", "Lazy", "stripped_text", "strings"]

STR_DTYPE = pd.Series([""], dtype=object).astype(str).dtype
"""The string dtype of this pandas: ``str`` (Arrow-backed) on pandas 3, ``object`` on pandas 2."""


class Lazy:
    """Index -> message, computed only for the failing rows."""

    def __init__(self, func: Callable[[int], str]) -> None:
        self.func = func

    def __getitem__(self, i: int) -> str:
        return self.func(i)


_ARROW_STR = isinstance(pd.Series([""], dtype=object).astype(str).array, pd.arrays.ArrowStringArray)


def strings(uniques: Sequence[str], codes: np.ndarray) -> pd.Series:
    """A string-dtype Series (pandas 3 'str', object on pandas 2) built by taking from its distinct values."""
    if _ARROW_STR:
        import pyarrow as pa

        # Arrow's own take is about twice as fast as going through the pandas array.
        taken = pa.array(list(uniques), type=pa.large_string()).take(pa.array(codes))
        return pd.Series(pd.array(taken, dtype=STR_DTYPE), copy=False)
    base = pd.Series(list(uniques), dtype=object).astype(str)
    return pd.Series(base.array.take(codes), copy=False)


class Coded:
    """A text column, stripped, as codes into its distinct values: per-value work done once.

    ``uniques[0]`` is always the empty string (missing and empty cells). With
    ``sparse``, only the non-empty cells are hashed, which pays off for the
    mostly empty detail columns. With ``keep_text``, :meth:`series` reuses the
    parsed column instead of rebuilding it from the codes.
    """

    def __init__(
        self, frame: pd.DataFrame, name: str, *, sparse: bool = False, keep_text: bool = False
    ) -> None:
        self._stripped: pd.Series | None = None
        # int32: half the memory of intp, as fast to index with.
        self.codes = np.zeros(len(frame), dtype=np.int32)
        self.uniques: list[str] = [""]
        if name not in frame.columns:
            return
        column = frame[name]
        if column.hasnans:
            column = column.fillna("")
        rows = np.flatnonzero((column != "").to_numpy(dtype=bool)) if sparse else None
        codes, uniques = pd.factorize(column if rows is None else column.iloc[rows])
        # Factorising copies the distinct text more than once, and Arrow's allocator would keep
        # those blocks under the Python strings made next (a 100 MB name: 4x its size, not 3x).
        release_arrow()
        # tolist(), not iteration: iterating an Arrow array costs a microsecond per value.
        raw = [u if type(u) is str else str(u) for u in uniques.tolist()]
        stripped = [u.strip() for u in raw]
        self.uniques += stripped
        # Missing cells (-1) become "" (0).
        codes = np.add(codes, 1, dtype=np.int32, casting="unsafe")
        if rows is None:
            self.codes = codes
        else:
            self.codes[rows] = codes
        # Strip the distinct values, not the rows; the column itself only where a value changed.
        changed = stripped != raw
        if changed:
            first = {u: i for i, u in reversed(list(enumerate(self.uniques)))}
            self.codes = np.array([first[u] for u in self.uniques], dtype=np.int32)[self.codes]
        if keep_text and rows is None and column.dtype == STR_DTYPE:
            self._stripped = column.str.strip() if changed else column  # reused by series()

    def map(self, func: Callable[[str], Any], dtype: Any = object) -> np.ndarray:
        """``func`` of each row's value, as an array (computed once per distinct value)."""
        mapped = np.fromiter(map(func, self.uniques), dtype=dtype, count=len(self.uniques))
        return mapped[self.codes]

    def text(self) -> Lazy:
        """Row -> stripped cell text, computed only for the rows asked for (failure messages)."""
        return Lazy(lambda i: self.uniques[self.codes[i]])

    def series(self) -> pd.Series:
        """The stripped column as the string dtype."""
        if self._stripped is not None:
            return self._stripped.reset_index(drop=True)
        return strings(self.uniques, self.codes)


def stripped_text(frame: pd.DataFrame, name: str) -> pd.Series:
    """A text column with its cells stripped, as the string dtype; empty strings where absent.

    A column with nothing to strip is returned as it is (no copy of a large column).
    """
    if name not in frame.columns:
        return strings([""], np.zeros(len(frame), dtype=np.intp))
    column = frame[name]
    if column.hasnans:
        column = column.fillna("")
    if column.dtype != STR_DTYPE:
        column = column.astype(STR_DTYPE)
    stripped = column.str.strip()
    # Nothing stripped: keep the one column and let the copy go.
    if isinstance(column.array, pd.arrays.ArrowStringArray) and _same_size(column, stripped):
        return column.reset_index(drop=True)
    return stripped.reset_index(drop=True)


def _same_size(column: pd.Series, stripped: pd.Series) -> bool:
    """Whether stripping removed nothing (it only ever shortens cells, so equal byte totals say so)."""
    import pyarrow.compute as pc

    def size(values: pd.Series) -> int:
        return int(pc.sum(pc.binary_length(values.array._pa_array)).as_py() or 0)

    return size(column) == size(stripped)
