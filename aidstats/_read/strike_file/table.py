"""Reading the CSV records into a frame of raw cells: the fast C path, or the exact slow one.

:func:`read_table` tries the C parser first (each line one record, as in
every published file). The lines it cannot judge alone (rows longer than the
header, which it skips, and rows whose last cell is empty, which may be short
rows it padded or blank lines) are read again with the :mod:`csv` module and
merged back by line number (:mod:`~aidstats._read.strike_file.ragged`). A
file with records spanning lines, or a carriage return outside a CR LF pair,
goes through the :mod:`csv` module whole instead. Either way, line numbers
are true, blank lines are skipped, and ragged rows are kept with a mark
(flagged later). Records end at LF only: a bare CR inside a cell is read as
a space, so it can never split a record.

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
from aidstats._read.strike_file.heap import trim
from aidstats._read.strike_file.ragged import merge_lines, record_cells
from aidstats._read.strike_file.scan import Input, Source, scan
from aidstats._read.text_file import bad_byte_message, first_bad_byte

__all__ = ["read_table"]

_BARE_CR = re.compile(r"\r(?!\n)")
_SKIPPED = re.compile(r"Skipping line (\d+): expected \d+ fields")


def _long_first_row(source: Input, width: int) -> bool:
    """Whether the first data line has more fields than the header.

    The C parser would take that row's width for the file's and silently cut
    every longer row to it, so the line is left to the csv module instead.
    """
    try:
        record = next(csv.reader([source.second_line.decode("utf-8").rstrip("\r")]), [])
    except (csv.Error, UnicodeDecodeError):
        return False  # the parsers find out
    return len(record) > width


def _skipped_lines(caught: list[warnings.WarningMessage]) -> list[int] | None:
    """The lines the C parser skipped for holding too many fields; None for any other warning.

    Other warnings are shown as they came.
    """
    skipped: list[int] = []
    for w in caught:
        if not issubclass(w.category, pd.errors.ParserWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            continue
        found = _SKIPPED.findall(str(w.message))
        if not found:
            return None  # e.g. the first row longer than the header: the slow path decides
        skipped += [int(x) for x in found]
    return skipped


def _parse(
    source: Input, options: dict[str, Any], bad_lines: str
) -> tuple[pd.DataFrame, list[int] | None]:
    """The C parser's frame, and the lines it skipped (see :func:`_skipped_lines`)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = pd.read_csv(source.buffer(), on_bad_lines=bad_lines, **options)
    return frame, _skipped_lines(caught)


def _fast_read(source: Input, header: list[str]) -> tuple[pd.DataFrame, np.ndarray] | None:
    """Read with the C parser when each line is one record; None if the file needs the slow path.

    Strings stay Python objects (converted to the string dtype once per distinct
    value later); counts parse as float64 in C, falling back to text when a
    cell is not a plain number. Rows with more fields than the header are
    skipped by the parser and, with the rows it may have padded, read again
    by the csv module and merged back (:mod:`~aidstats._read.strike_file.ragged`).
    """
    if source.has_bare_cr:
        return None
    names = [f"c{i}" for i in range(len(header))]
    counts = {f"c{i}" for i, name in enumerate(header) if name in COUNTS}
    first = 3 if _long_first_row(source, len(header)) else 2  # the first line the parser reads
    common: dict[str, Any] = {
        "header": None,
        "skiprows": first - 1,
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
        options = {**common, "dtype": dtypes, "na_values": na_values}
        try:
            # "skip" parses as fast as "error"; "warn" (which names the lines) is a third slower.
            frame, skipped = _parse(source, options, "skip")
            if skipped is not None and len(frame) < source.n_lines - first + 1:
                del frame  # not held while the file is parsed again
                trim()
                frame, skipped = _parse(source, options, "warn")
        except (ValueError, TypeError, OverflowError) as exc:
            if isinstance(exc, UnicodeDecodeError | pd.errors.ParserError):
                raise
            continue
        if skipped is None:
            return None  # a warning not understood: the slow path decides
        if first == 3:
            skipped.insert(0, 2)
        if len(frame) + len(skipped) != source.n_lines - 1:
            return None  # a record over several lines
        text = [c for c in names if c not in counts]
        if not all(pd.api.types.is_string_dtype(frame[c]) for c in text):
            continue  # an inferred number or boolean in a text column: read it again as text
        frame.columns = header
        lines = np.arange(first, source.n_lines + 1, dtype=np.int64)
        if skipped:  # a mask, not np.setdiff1d: that sorts a million lines to remove one
            kept = np.ones(len(lines), dtype=bool)
            kept[[k - first for k in skipped if k >= first]] = False
            lines = lines[kept]
        return merge_lines(frame, header, lines, skipped, source)
    return None


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
            cells = record_cells(record, width)
            if cells is not None:
                rows.append(cells)
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
            fast = _fast_read(scanned, header)
        except pd.errors.ParserError:
            fast = None
        if fast is not None:
            return fast[0], fast[1], version, label
        slow, lines = _slow_read(scanned, header)
    except UnicodeDecodeError as exc:
        bad = first_bad_byte(scanned.data if scanned.data is not None else scanned.path or b"")
        if bad is None:  # the parser and the decoder disagree: say what the parser said
            raise structural_error(f"not UTF-8 text ({exc})", label) from None
        raise structural_error(bad_byte_message(*bad), label) from None
    return slow, lines, version, label
