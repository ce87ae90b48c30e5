"""Reading the CSV records into a frame of raw cells: the fast C path, or the exact slow one.

:func:`read_table` tries the C parser first (each line one record, as in
every published file). A file with records spanning lines, blank lines, rows
longer or shorter than the header (the C parser pads a short row with empty
cells, so a file whose last column has an empty cell is read again), or a
carriage return outside a CR LF pair goes through the :mod:`csv` module
instead, which keeps true line numbers, skips blank lines, and keeps ragged
rows with a mark (flagged later). Records end at LF only: a bare CR inside a
cell is read as a space, so it can never split a record.

Examples
--------
>>> import io
>>> from aidstats._read.strike_file.table import read_table
>>> text = (
...     "time_start,time_end,model,launch_place,target,carrier,launched,destroyed,source\\n"
...     "2023-05-16,2023-05-16,Kalibr,Black Sea,Odesa,,3,2,kpszsu/p/1\\n"
... )
>>> raw, lines, version, label = read_table(io.StringIO(text))
>>> raw["launched"].tolist(), lines.tolist(), version
([3.0], [2], 'v2023-9col')
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from typing import Any

import numpy as np
import pandas as pd

from aidstats._read.strike_file.columns import COUNTS, EXTRA, MISSING
from aidstats._read.strike_file.header import header_names, match_version, structural_error
from aidstats._read.strike_file.scan import Input, Source, scan

__all__ = ["read_table"]

_BARE_CR = re.compile(r"\r(?!\n)")


def _fast_read(source: Input, header: list[str]) -> pd.DataFrame | None:
    """Read with the C parser when each line is one record; None if the file needs the slow path.

    Strings stay Python objects (converted to the string dtype once per distinct
    value later); counts parse as float64 in C, falling back to text when a
    cell is not a plain number. A row with more fields than the header makes
    the parser fail (or warn, for the first row), which sends the file to the
    slow path where such rows are flagged.
    """
    if source.has_bare_cr:
        return None
    names = [f"c{i}" for i in range(len(header))]
    counts = {f"c{i}" for i, name in enumerate(header) if name in COUNTS}
    common: dict[str, Any] = {
        "header": None,
        "skiprows": 1,
        "names": names,
        "index_col": False,
        "keep_default_na": False,
        "engine": "c",
        "skip_blank_lines": False,
        "encoding": "utf-8",
        "compression": None,  # a plain CSV named *.gz or *.zip is still a plain CSV
    }
    # Fastest first: text columns inferred (pandas 3 builds Arrow strings directly), counts as float64;
    # then text as objects; then everything as objects (counts then parsed value by value).
    attempts: list[tuple[dict[str, Any], dict[str, list[str]]]] = [
        ({c: "float64" for c in counts}, {c: [""] for c in counts}),
        ({c: ("float64" if c in counts else object) for c in names}, {c: [""] for c in counts}),
        ({c: object for c in names}, {}),
    ]
    for dtypes, na_values in attempts:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", pd.errors.ParserWarning)
                frame = pd.read_csv(source.buffer(), dtype=dtypes, na_values=na_values, **common)
        except pd.errors.ParserWarning:
            return None
        except (ValueError, TypeError, OverflowError) as exc:
            if isinstance(exc, UnicodeDecodeError | pd.errors.ParserError):
                raise
            continue
        if len(frame) != source.n_lines - 1:
            return None
        text = [c for c in names if c not in counts]
        if not all(pd.api.types.is_string_dtype(frame[c]) for c in text):
            continue  # an inferred number or boolean in a text column: read it again as text
        if _last_cell_empty(frame[names[-1]]):
            return None  # a short row (or a blank line) looks the same: only the slow path can tell
        frame.columns = header
        return frame
    return None


def _last_cell_empty(column: pd.Series) -> bool:
    if column.dtype == "float64":
        return bool(column.isna().any())
    return bool(column.isna().any() or (column == "").any())


def _slow_read(source: Input, header: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """Read record by record with the csv module: exact line numbers, ragged rows kept and flagged."""
    label = source.label
    text = source.all_bytes().decode("utf-8")
    if source.has_bare_cr:
        text = _BARE_CR.sub(" ", text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    width = len(header)
    rows: list[list[str]] = []
    lines: list[int] = []
    end = 0
    try:
        next(reader)
        end = reader.line_num
        for record in reader:
            start, end = end + 1, reader.line_num
            if not record or (len(record) == 1 and not record[0].strip()):
                continue
            extra = ",".join(record[width:]) if any(f.strip() for f in record[width:]) else ""
            missing = str(width - len(record)) if len(record) < width else ""
            rows.append((record + [""] * width)[:width] + [extra, missing])
            lines.append(start)
    except csv.Error as exc:
        raise structural_error(f"not a valid CSV after line {end}: {exc}", label) from None
    frame = pd.DataFrame(
        np.array(rows, dtype=object).reshape(len(rows), width + 2),
        columns=[*header, EXTRA, MISSING],
    )
    return frame, np.asarray(lines, dtype="int64")


def read_table(source: Source) -> tuple[pd.DataFrame, np.ndarray, str, str]:
    """(raw cells, line of each row, schema version, label) of a strike file.

    Counts may already be float64 (fast path); every other column holds text.
    Structural problems raise :class:`~aidstats.errors.DataValidationError`.
    """
    scanned = scan(source)
    label = scanned.label
    header = header_names(scanned)
    version = match_version(header, label)
    try:
        try:
            frame = _fast_read(scanned, header)
        except pd.errors.ParserError:
            frame = None
        if frame is not None:
            return frame, np.arange(2, len(frame) + 2, dtype="int64"), version, label
        slow, lines = _slow_read(scanned, header)
    except UnicodeDecodeError as exc:
        raise structural_error(f"not UTF-8 text ({exc})", label) from None
    return slow, lines, version, label
