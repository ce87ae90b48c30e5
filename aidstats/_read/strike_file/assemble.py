"""Assembling the event frame from the checked columns, the resolved models and the split plan.

Every output column is built once: string columns from their distinct values
and row codes, other columns as arrays. A split plan
(:class:`~aidstats._read.strike_file.composites.SplitPlan`) repeats the rows
of split composites by indexing the codes and arrays (never a copy of the
whole frame) and then writes each part's own cells.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from aidstats._read.strike_file.cells import command_of, scope_of
from aidstats._read.strike_file.coded import Coded, strings, stripped_text
from aidstats._read.strike_file.columns import COLUMNS, COUNTS, STR_COLUMNS
from aidstats._read.strike_file.composites import SplitPlan
from aidstats._read.strike_file.heap import trim
from aidstats._read.strike_file.models import ModelColumn
from aidstats._read.strike_file.rules import row_reasons
from aidstats._read.strike_file.salvo_column import salvo_columns

__all__ = ["add_extras", "event_frame"]

_MAX_PATCHES = 1024  # runs of cells that differ from the base column, above which it is rebuilt


class _Rows:
    """Output rows as input rows (``take``), and the parts' own cells written over them."""

    def __init__(self, plan: SplitPlan) -> None:
        self.take = plan.take
        self.parts = plan.parts
        self.at = plan.parts["row"].to_numpy(dtype=np.int64) if plan.take is not None else None

    @functools.cached_property
    def _runs(self) -> list[tuple[int, int]]:
        """(start, length) of the runs of consecutive input rows that ``take`` reads."""
        assert self.take is not None
        breaks = np.flatnonzero(np.diff(self.take) != 1) + 1
        starts = np.r_[0, breaks]
        lengths = np.diff(np.r_[starts, len(self.take)])
        return list(zip(self.take[starts].tolist(), lengths.tolist(), strict=True))

    def array(self, values: Any) -> Any:
        if self.take is None:
            return values
        if isinstance(values, pd.Series) and isinstance(values.array, pd.arrays.ArrowStringArray):
            # Slices of an Arrow array are views: repeat the rows without copying the column.
            import pyarrow as pa

            data = values.array._pa_array
            pieces = [c for start, length in self._runs for c in data.slice(start, length).chunks]
            chunked = pa.chunked_array(pieces, type=data.type)
            return pd.Series(pd.array(chunked, dtype=values.dtype), copy=False)
        if isinstance(values, pd.Series):
            return values.take(self.take).reset_index(drop=True)
        return np.asarray(values)[self.take]

    def text(self, uniques: list[str], codes: np.ndarray, part: str | None = None) -> pd.Series:
        """A string column from distinct values and codes, with the parts' ``part`` cells written in."""
        codes = self.array(codes)
        if part is not None and self.at is not None:
            given = self.parts[part].notna().to_numpy()
            new = self.parts.loc[given, part].astype(str).tolist()
            codes = codes.astype(np.int64, copy=True)
            codes[self.at[given]] = len(uniques) + np.arange(len(new))
            uniques = [*uniques, *new]
        return strings(uniques, codes)

    def values(self, values: np.ndarray, part: str | None = None, fill: Any = None) -> np.ndarray:
        """An array column repeated like the rows, the parts' ``part`` cells (or ``fill``) written in."""
        if self.at is None:
            return values
        out = self.array(values)  # a new array: indexing copies
        trim()  # the input array is freed by the caller: keep the heap from growing column by column
        if part is not None or fill is not None:
            out[self.at] = self.parts[part].to_numpy(dtype=out.dtype) if part is not None else fill
        return out


def _text_column(raw: pd.DataFrame, name: str, rows: _Rows) -> pd.Series:
    """A stripped text column, repeated like the rows (split parts' launch places written in).

    The raw column is released once read: the frame is built while the raw
    cells of a large file are still in memory.
    """
    out = rows.array(stripped_text(raw, name))
    if rows.at is not None and name in rows.parts.columns:
        given = rows.parts[name].notna().to_numpy()
        if given.any():
            mask = np.zeros(len(out), dtype=bool)
            mask[rows.at[given]] = True
            values = rows.parts.loc[given, name].astype(str).to_numpy(dtype=object)
            out = (
                _patched(out, mask, values)
                if _is_arrow(out)
                else out.mask(mask, pd.Series(values, index=np.flatnonzero(mask)))
            )
    if name in raw.columns:
        del raw[name]
    return out


def _is_arrow(values: pd.Series) -> bool:
    return isinstance(values.array, pd.arrays.ArrowStringArray)


def _salvo_column(
    post: Coded, post_column: pd.Series, names: list[str], codes: np.ndarray, rows: _Rows
) -> pd.Series:
    """The salvo ids: the post column's own cells (views, no copy) where a row's salvo is its post."""
    post_code = {u: i for i, u in reversed(list(enumerate(post.uniques)))}
    bare = np.array([post_code.get(name, -1) for name in names], dtype=np.int64)
    differs = rows.array(bare[codes] != post.codes)
    return _over(post_column, differs, np.asarray(names, dtype=object), codes, rows, lambda: names)


def _model_column(models: ModelColumn, model_raw: pd.Series, rows: _Rows) -> pd.Series:
    """The canonical model names: the ``model_raw`` column's own cells (views) where a name is
    its own canonical spelling (every name the catalogue does not know)."""
    codes = models.coded.codes
    if rows.at is not None and "model" in rows.parts.columns:
        return rows.text(models.values(0), codes, "model")  # split parts name their own models
    renamed, names = models.renamed()
    return _over(
        model_raw, rows.array(renamed[codes]), names, codes, rows, lambda: models.values(0)
    )


def _over(
    base: pd.Series,
    differs: np.ndarray,
    names: np.ndarray,
    codes: np.ndarray,
    rows: _Rows,
    every_name: Callable[[], list[str]],
) -> pd.Series:
    """The column of each row's name (``names[codes]``, repeated like the rows), given as ``base``
    where ``differs`` is False: views of ``base`` with the other cells written over them, or,
    where those cells lie in many scattered runs, a new column of ``every_name()[codes]``."""
    if not differs.any():
        return base
    runs = int(np.count_nonzero(np.diff(differs.astype(np.int8)) == 1)) + int(differs[0])
    if not _is_arrow(base) or runs > _MAX_PATCHES:
        return rows.text(every_name(), codes)  # one new column beats thousands of pieces
    return _patched(base, differs, names[rows.array(codes)[differs]])


def _patched(base: pd.Series, mask: np.ndarray, values: np.ndarray) -> pd.Series:
    """``base`` with the cells under ``mask`` replaced by ``values``, built from views of ``base``."""
    import pyarrow as pa

    data = base.array._pa_array
    new = pa.array(values.tolist(), type=data.type)
    edges = np.flatnonzero(np.diff(np.r_[False, mask, False].astype(np.int8)))
    pieces, done, taken = [], 0, 0
    for start, stop in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        pieces += data.slice(done, start - done).chunks
        pieces.append(new.slice(taken, stop - start))
        done, taken = stop, taken + stop - start
    pieces += data.slice(done).chunks
    return pd.Series(
        pd.array(pa.chunked_array(pieces, type=data.type), dtype=base.dtype), copy=False
    )


def event_frame(
    cols: dict[str, Any],
    raw: pd.DataFrame,
    lines: np.ndarray,
    version: str,
    models: ModelColumn,
    failures: pd.DataFrame,
    plan: SplitPlan,
) -> pd.DataFrame:
    """The event frame: the columns of :data:`COLUMNS`, in order, one row per output row of ``plan``.

    It consumes its inputs: the arrays of ``cols`` and the raw text columns
    are released as they are used, so that a large file is not held twice.
    """
    rows = _Rows(plan)
    n = len(lines) if plan.take is None else len(plan.take)
    post = Coded(raw, "source", keep_text=True)
    if "source" in raw.columns:
        del raw["source"]  # the codes and distinct values hold all it says
    commands = [command_of(p) for p in post.uniques]
    salvo_names, salvo_codes, salvo_split = salvo_columns(post, commands, cols, failures)
    post_column = rows.array(post.series())
    reasons, reason_codes = row_reasons(failures, len(lines))
    model_raw = rows.array(models.coded.series())  # Arrow: views of the parsed column
    split_rows = rows.values(np.zeros(len(lines), dtype=bool), fill=True)
    data: dict[str, Any] = {
        "line": rows.values(lines),
        "post": post_column,
        "reporting_command": rows.text(commands, post.codes),
        "scope": rows.text([scope_of(c) for c in commands], post.codes),
        "time_start": rows.values(cols.pop("time_start")),
        "time_end": rows.values(cols.pop("time_end")),
        "start_has_time": rows.values(cols["start_has_time"]),
        "end_has_time": rows.values(cols["end_has_time"]),
        "model_raw": model_raw,
        "model": _model_column(models, model_raw, rows),
        "weapon_class": rows.text(*models.field_codes(1), "weapon_class"),
        "weapon_group": rows.text(*models.field_codes(2), "weapon_group"),
        "is_composite": rows.values(models.is_composite(), fill=False),
        "split_from_composite": split_rows,
        **{name: rows.values(cols.pop(name), name) for name in COUNTS},
        "carrier": _text_column(raw, "carrier", rows),
        "launch_place": _text_column(raw, "launch_place", rows),
        "target": _text_column(raw, "target", rows),
    }
    trim()  # what the columns above freed: the last ones are built in it
    data |= {
        "affected_regions": rows.array(cols.pop("affected region")),
        "launched_details": rows.array(cols.pop("launched_details")),
        "destroyed_details": rows.array(cols.pop("destroyed_details")),
        "launch_place_details": rows.array(cols.pop("launch_place_details")),
        "schema_version": strings([version], np.zeros(n, dtype=np.intp)),
        "invalid_reason": rows.text(reasons, reason_codes),
        "salvo": _salvo_column(post, post_column, salvo_names, salvo_codes, rows),
        "salvo_split": rows.values(salvo_split),
        "withheld": rows.values(cols["withheld"]),
    }
    arrays = {
        k: (v.to_numpy() if isinstance(v, pd.Series) and k not in STR_COLUMNS else v)
        for k, v in data.items()
    }
    frame = pd.DataFrame(arrays, index=pd.RangeIndex(n), copy=False)
    return frame[list(COLUMNS)]


def add_extras(frame: pd.DataFrame, extras: dict[str, Any], plan: SplitPlan) -> None:
    """Append the kept columns of the file that no known schema version has (repeated like the rows)."""
    rows = _Rows(plan)
    for name, values in extras.items():
        frame[name] = rows.array(values)
