"""The lines the C parser cannot judge, read again with the csv module and merged back by line number.

The C parser skips a row with more fields than the header (naming its line in
a warning) and pads a row with fewer fields with empty cells, which looks the
same as a blank line or a row whose last cell is empty. Rather than reading
the whole file again record by record, :func:`merge_lines` reads only those
lines with the :mod:`csv` module, exactly as the slow path would, and puts
them back in place: long rows are inserted with their surplus fields kept for
the ``extra_fields`` rule, short rows are marked for ``missing_fields``, blank
lines are dropped. Every column is rebuilt once, from slices of the parsed
column (views, for Arrow strings) and the new cells. Where the two parsers
disagree about a line, :func:`merge_lines` returns None and the caller reads
the whole file the slow way.

Examples
--------
>>> from aidstats._read.strike_file.ragged import record_cells
>>> record_cells(["a", "b", "c", "d"], 3), record_cells(["a"], 3), record_cells([" "], 3)
(['a', 'b', 'c', 'd', ''], ['a', '', '', '', '2'], None)
"""

from __future__ import annotations

import csv
import io
from typing import Any

import numpy as np
import pandas as pd

from aidstats._read.strike_file.cells import foreign_digits, number_of
from aidstats._read.strike_file.columns import COUNTS, EXTRA, MISSING
from aidstats._read.strike_file.scan import Input

__all__ = ["empty_last_cell", "merge_lines", "record_cells"]

_MAX_PIECES = 1024  # slices of a column, above which it is rebuilt by one take instead


def record_cells(record: list[str], width: int) -> list[str] | None:
    """The ``width`` cells of a record, then its surplus fields (joined by commas; ``""`` where
    none is filled) and how many fields it lacks (``""`` where none); None for a blank line."""
    if not record or (len(record) == 1 and not record[0].strip()):
        return None
    extra = ",".join(record[width:]) if any(f.strip() for f in record[width:]) else ""
    missing = str(width - len(record)) if len(record) < width else ""
    return (record + [""] * width)[:width] + [extra, missing]


def empty_last_cell(column: pd.Series) -> np.ndarray:
    """Rows whose last cell is empty: a short row, padded by the C parser, looks just like them."""
    if column.dtype == "float64":
        return column.isna().to_numpy()
    return (column.isna() | (column == "")).to_numpy(dtype=bool)


def _records(source: Input, numbers: list[int]) -> list[list[str]] | None:
    """The csv records of the given lines, one per line; None where a line is not one record."""
    if not numbers:
        return []
    try:
        text = b"".join(source.lines_at(numbers)).decode("utf-8")
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        records: list[list[str]] = []
        for record in reader:
            if reader.line_num != len(records) + 1:
                return None  # a quoted field ran over the end of its line
            records.append(record)
    except (csv.Error, UnicodeDecodeError):
        return None  # the slow path reads the whole file and says what is wrong
    return records if len(records) == len(numbers) else None


class _Plan:
    """What changes: rows dropped (blank lines), rows inserted (long rows), marks of short rows."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.drop: list[int] = []
        self.inserts: list[tuple[int, list[str]]] = []  # (position among the parsed rows, cells)
        self.missing: dict[int, str] = {}

    def pieces(self) -> list[tuple[int, int] | list[int]]:
        """The new column in order: (start, stop) slices of the parsed rows and lists of insert indexes."""
        events = sorted(
            [(at, 0, k) for k, (at, _) in enumerate(self.inserts)]
            + [(at, 1, -1) for at in self.drop]
        )
        out: list[tuple[int, int] | list[int]] = []
        done = 0
        for at, kind, k in events:
            if at > done:
                out.append((done, at))
            if kind == 0:
                if out and isinstance(out[-1], list):
                    out[-1].append(k)
                else:
                    out.append([k])
                done = at
            else:
                done = at + 1
        if done < self.n:
            out.append((done, self.n))
        return out


def _plan(
    frame: pd.DataFrame, width: int, lines: np.ndarray, skipped: list[int], source: Input
) -> _Plan | None:
    """Read the skipped lines and those of rows with an empty last cell; None where the parsers differ."""
    suspect = np.flatnonzero(empty_last_cell(frame.iloc[:, width - 1]))
    numbers = sorted([*skipped, *lines[suspect].tolist()])
    records = _records(source, numbers)
    if records is None:
        return None
    long_lines = set(skipped)
    plan = _Plan(len(frame))
    positions = np.searchsorted(lines, numbers).tolist()
    for number, record, at in zip(numbers, records, positions, strict=True):
        cells = record_cells(record, width)
        if number in long_lines:
            if cells is None or len(record) <= width:
                return None  # the C parser saw more fields than the csv module
            plan.inserts.append((at, cells))
        elif cells is None:
            plan.drop.append(at)
        elif len(record) > width:
            return None
        elif cells[-1]:
            plan.missing[at] = cells[-1]
    return plan


def _count_cells(values: list[str]) -> list[float] | None:
    """Inserted count cells as the C parser gives them (float, NaN where empty); None where one is
    not a clean number, so that the column must hold text for the rules to flag it."""
    out = []
    for value in values:
        number, bad = number_of(value.strip())
        if bad or foreign_digits(value):
            return None
        out.append(number)
    return out


def _rebuilt(column: pd.Series, new: list[Any], pieces: list[tuple[int, int] | list[int]]) -> Any:
    """``column`` with the planned rows dropped and ``new`` cells inserted, in line order."""
    if isinstance(column.array, pd.arrays.ArrowStringArray) and len(pieces) <= _MAX_PIECES:
        import pyarrow as pa

        data = column.array._pa_array
        added = pa.array(new, type=data.type)
        chunks: list[Any] = []
        for piece in pieces:
            part = data.slice(piece[0], piece[1] - piece[0]) if isinstance(piece, tuple) else None
            chunks += part.chunks if part is not None else [added.take(pa.array(piece))]
        return pd.array(pa.chunked_array(chunks, type=data.type), dtype=column.dtype)
    values = column.to_numpy()
    if values.dtype == object or not all(isinstance(v, float) for v in new):
        values = values.astype(object)
    added = np.array(new, dtype=values.dtype)
    parts = [values[p[0] : p[1]] if isinstance(p, tuple) else added[p] for p in pieces]
    out = np.concatenate(parts) if parts else values[:0]
    if isinstance(column.array, pd.arrays.ArrowStringArray):
        return pd.array(out, dtype=column.dtype)
    return out


def _lines(lines: np.ndarray, plan: _Plan, skipped: list[int]) -> np.ndarray:
    """The line of each row of the merged frame: blank lines out, skipped lines in."""
    kept = np.delete(lines, plan.drop) if plan.drop else lines
    added = np.asarray(sorted(skipped), dtype=np.int64)
    return np.insert(kept, np.searchsorted(kept, added), added)


def merge_lines(
    frame: pd.DataFrame, header: list[str], lines: np.ndarray, skipped: list[int], source: Input
) -> tuple[pd.DataFrame, np.ndarray] | None:
    """The C parser's frame with the lines it could not judge read again and merged back.

    ``lines`` gives the file line of each parsed row; ``skipped`` the lines
    the parser skipped. Returns (frame, lines), with the working columns
    ``EXTRA`` and ``MISSING`` where a row needs them, or None where the
    csv module reads a line differently (the caller then reads the whole
    file the slow way).
    """
    width = len(header)
    plan = _plan(frame, width, lines, skipped, source)
    if plan is None:
        return None
    if not plan.drop and not plan.inserts and not plan.missing:
        return frame, lines
    pieces = plan.pieces()
    columns: list[Any] = []
    for i, name in enumerate(header):
        column = frame.iloc[:, i]
        new: list[Any] = [cells[i] for _, cells in plan.inserts]
        if column.dtype == "float64" and name in COUNTS:
            new = _count_cells(new) or new
        columns.append(_rebuilt(column, new, pieces) if plan.inserts or plan.drop else column)
    names = list(header)
    for name, k, marks in (
        (EXTRA, width, {}),
        (MISSING, width + 1, plan.missing),
    ):
        if any(cells[k] for _, cells in plan.inserts) or marks:
            base = np.full(len(frame), "", dtype=object)
            for at, mark in marks.items():
                base[at] = mark
            columns.append(_rebuilt(pd.Series(base), [c[k] for _, c in plan.inserts], pieces))
            names.append(name)
    out = pd.DataFrame(dict(enumerate(columns)), copy=False)
    out.columns = names
    return out, _lines(lines, plan, skipped)
