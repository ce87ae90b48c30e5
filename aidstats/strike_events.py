"""Read the Ukrainian Air Force strike reports (raw CSV) into typed, checked events.

:func:`read_strike_events` reads any published version of the "Massive Missile
Attacks on Ukraine" file, from the early 9-column layout to the 22-column 2026
one, and returns one row per reported weapon model per attack window (columns
and dtypes as in ``notes/EVENTS_CONTRACT.md``). Nothing is dropped: a row that
breaks a rule is kept, its ``invalid_reason`` names the rule, and one
:class:`DataQualityWarning` summarises what was flagged. Structural problems
(not a CSV, required columns missing, undecodable bytes) raise
:class:`~aidstats.errors.DataValidationError`.

Model names resolve through the weapon catalogue (the bundled ``weapon_catalog``); the
dict- and list-looking columns are parsed by :mod:`aidstats._literal`, which
never evaluates its input.

Composite rows
--------------
A row naming several models (``X-101/X-555 and Kalibr``) is split into one
row per model only when the split loses nothing and guesses nothing:
``launched_details`` gives a count for exactly the row's parts summing to
``launched``, and every other count present (``destroyed``, ``not_reach_goal``,
``still_attacking``, ``is_shahed``) is either missing, zero, or (for
``destroyed``) split by model keys in ``destroyed_details``. Otherwise the row
is kept whole (``is_composite=True``) with a class derived from its parts
(``mixed_missiles`` where missile classes differ). In the 2026 file the six
rows with ``launched_details`` all report a non-zero ``destroyed`` whose details
are keyed by region, not model, so they stay whole; their ``launched_details``
dict is in the frame for volume-only analyses.

Examples
--------
>>> import io, warnings
>>> from aidstats.strike_events import read_strike_events
>>> text = (
...     "time_start,time_end,model,launch_place,target,carrier,launched,destroyed,source\\n"
...     "2023-05-15 20:00,2023-05-16 3:30,X-101/X-555,Caspian Sea,Kyiv,Tu-95MS,8,8,kpszsu/posts/1\\n"
... )
>>> events = read_strike_events(io.StringIO(text))
>>> row = events.iloc[0]
>>> row["model"], row["weapon_class"], float(row["launched"]), row["schema_version"]
('Kh-101/Kh-555', 'cruise_missile', 8.0, 'v2023-9col')
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import math
import mmap
import os
import re
import stat
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, Literal
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from aidstats._core.weapons import (
    alias_table,
    combine_classes,
    normalise_model_key,
    resolve_model,
    split_model_name,
)
from aidstats._literal import LiteralParseError, parse_literal
from aidstats.errors import DataQualityWarning, DataValidationError

__all__ = [
    "COLUMNS",
    "KNOWN_SCHEMAS",
    "DataQualityWarning",
    "combine_classes",
    "normalise_model_key",
    "read_strike_events",
    "split_model_name",
]


_BASE9 = ("time_start", "time_end", "model", "launch_place", "target", "carrier", "launched", "destroyed", "source")
_DETAILS = ("affected region", "destroyed_details", "launched_details", "launch_place_details")
KNOWN_SCHEMAS: dict[str, tuple[str, ...]] = {
    # Early 2023: integer counts, reference file missiles_and_uav.csv.
    "v2023-9col": _BASE9,
    # 2024: locationally-lost and in-the-air counts, Belarus/Russia crossings in two columns.
    "v2024-cross-border": (*_BASE9, "not_reach_goal", "still_attacking", "cross_border_belarus", "back_russia"),
    # 2025: the crossings merged into one dict column, is_shahed added.
    "v2025-border-crossing": (*_BASE9, "not_reach_goal", "still_attacking", "border_crossing", "is_shahed"),
    # 2026: 22 columns.
    "v2026-22col": (
        "time_start", "time_end", "model", "launch_place", "target", "target_main", "launched", "destroyed",
        "not_reach_goal", "still_attacking", "border_crossing", "is_shahed", "num_hit_location",
        "num_fall_fragment_location", "carrier", "turbojet", "turbojet_destroyed", *_DETAILS, "source",
    ),
}
"""Required columns of each known schema version. A file matches the version with the
most required columns that it has; other columns are read when present."""

_COUNTS = ("launched", "destroyed", "not_reach_goal", "still_attacking", "is_shahed")
_TEXT = ("model", "launch_place", "target", "carrier", "source")
_DATES = ("time_start", "time_end")
_USED = (*_DATES, *_TEXT, *_COUNTS, *_DETAILS)
_HEADER_ALIASES = {"affected_region": "affected region", "affected_regions": "affected region"}
_EXTRA = "__extra_fields__"

COLUMNS: dict[str, str] = {
    "line": "int64", "post": "str", "reporting_command": "str", "scope": "str",
    "time_start": "datetime64[ns]", "time_end": "datetime64[ns]", "start_has_time": "bool", "end_has_time": "bool",
    "model_raw": "str", "model": "str", "weapon_class": "str", "weapon_group": "str",
    "is_composite": "bool", "split_from_composite": "bool",
    "launched": "float64", "destroyed": "float64", "not_reach_goal": "float64", "still_attacking": "float64",
    "is_shahed": "float64", "carrier": "str", "launch_place": "str", "target": "str",
    "affected_regions": "object", "launched_details": "object", "destroyed_details": "object",
    "launch_place_details": "object", "schema_version": "str", "invalid_reason": "str",
}
"""The output columns in order, with their dtypes (pandas 3 names)."""

_NATIONAL = {"kpszsu"}
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(:\d{2})?$")
_WARN_LINES = 20
_NS_MIN, _NS_MAX = pd.Timestamp("1678-01-01"), pd.Timestamp("2261-12-31")

Source = str | os.PathLike[str] | IO[str] | IO[bytes]


# ----------------------------------------------------------------------------- reading


def _bytes_of(source: Source) -> tuple[bytes, str]:
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            return path.read_bytes(), str(path)
        except OSError as exc:
            raise DataValidationError(f"cannot read the file: {exc}", source=str(path)) from exc
    label = str(getattr(source, "name", "<file-like>"))
    data = source.read()
    if isinstance(data, str):
        try:
            return data.encode("utf-8"), label
        except UnicodeEncodeError as exc:
            raise DataValidationError(f"text is not encodable as UTF-8: {exc}", source=label) from exc
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data), label
    raise DataValidationError(f"read() returned {type(data).__name__}, not text or bytes", source=label)


@dataclasses.dataclass(frozen=True)
class _Input:
    """What the readers need to know about the input before parsing it.

    A file on disk is scanned through a memory map (first line, NUL bytes,
    line count) and parsed from its path, so that its bytes are never copied
    into Python: the C parser reads a path several times faster than an
    in-memory buffer. Anything else is read into ``data``.
    """

    label: str
    first_line: bytes
    has_nul: bool
    n_lines: int
    path: Path | None = None
    data: bytes | None = None

    def buffer(self) -> str | io.BytesIO:
        return str(self.path) if self.data is None else io.BytesIO(self.data)

    def all_bytes(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        data, _ = _bytes_of(self.path)
        return _without_bom(data)


_BOM = b"\xef\xbb\xbf"


def _without_bom(data: bytes) -> bytes:
    return data[len(_BOM):] if data.startswith(_BOM) else data


def _lines_in(data: Any, size: int) -> int:
    """Number of lines (a last line without a newline counts) in a bytes-like object."""
    if size == 0:
        return 0
    view = np.frombuffer(data, dtype=np.uint8)
    newlines = sum(int(np.count_nonzero(view[i: i + _SCAN_STEP] == 10)) for i in range(0, size, _SCAN_STEP))
    last = int(view[-1])
    del view  # a memory map cannot close while an array still points into it
    return newlines + (0 if last == 10 else 1)


_SCAN_STEP = 1 << 24


def _scan_bytes(data: bytes, label: str) -> _Input:
    data = _without_bom(data)
    end = data.find(b"\n")
    first = data[: end if end >= 0 else len(data)]  # not split(): that would copy the whole file
    return _Input(label, first, b"\x00" in data, _lines_in(data, len(data)), data=data)


def _scan(source: Source) -> _Input:
    if not isinstance(source, str | os.PathLike):
        return _scan_bytes(*_bytes_of(source))
    path = Path(source)
    try:
        with open(path, "rb") as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > 0:
                with contextlib.suppress(OSError, ValueError):  # a file system that cannot map: read it
                    return _scan_mapped(fh, info.st_size, path)
            # Pipes and devices are read once, from the handle already open (a second open could lose data).
            return _scan_bytes(fh.read(), str(path))
    except OSError as exc:
        raise DataValidationError(f"cannot read the file: {exc}", source=str(path)) from exc


def _scan_mapped(fh: IO[bytes], size: int, path: Path) -> _Input:
    with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        bom = len(_BOM) if mm[: len(_BOM)] == _BOM else 0
        end = mm.find(b"\n")
        first = mm[bom: end if end >= 0 else size]
        return _Input(str(path), first, mm.find(b"\x00") >= 0, _lines_in(mm, size), path=path)


def _structural(message: str, label: str, failures: list[dict[str, Any]] | None = None) -> DataValidationError:
    known = "; ".join(f"{name} ({len(cols)} columns: {', '.join(cols)})" for name, cols in KNOWN_SCHEMAS.items())
    return DataValidationError(f"{message}. Known schema versions: {known}", failures, source=label)


def _header(source: _Input) -> list[str]:
    label, first = source.label, source.first_line
    if source.has_nul:
        raise _structural("not a CSV file (binary content: NUL bytes)", label)
    try:
        text = first.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _structural(f"header is not UTF-8 ({exc})", label) from None
    try:
        names = next(csv.reader([text.rstrip("\r")]), [])
    except csv.Error as exc:
        raise _structural(f"not a CSV file: {exc}", label) from None
    if not any(n.strip() for n in names):
        raise _structural("empty file or empty header line", label)
    return [_HEADER_ALIASES.get(n.strip(), n.strip()) for n in names]


def _match_version(header: list[str], label: str) -> str:
    duplicated = sorted({n for n in header if header.count(n) > 1 and n})
    if duplicated:
        raise _structural(f"duplicated column names {duplicated}", label)
    present = set(header)
    matching = [(len(cols), name) for name, cols in KNOWN_SCHEMAS.items() if present.issuperset(cols)]
    if matching:
        return max(matching)[1]
    missing = [c for c in _BASE9 if c not in present]
    failures = [{"line": 1, "column": c, "value": None, "rule": "missing_column"} for c in missing]
    raise _structural(
        f"required columns missing: {missing}; expected at least {list(_BASE9)}, found {header}", label, failures
    )


def _fast_read(source: _Input, header: list[str]) -> pd.DataFrame | None:
    """Read with the C parser when each line is one record; None if the file needs the slow path.

    Strings stay Python objects (converted to the string dtype once per distinct
    value later); counts parse as float64 in C, falling back to text when a
    cell is not a plain number. A row with more fields than the header makes
    the parser fail (or warn, for the first row), which sends the file to the
    slow path where such rows are flagged.
    """
    names = [f"c{i}" for i in range(len(header))]
    counts = {f"c{i}" for i, name in enumerate(header) if name in _COUNTS}
    common: dict[str, Any] = {
        "header": None, "skiprows": 1, "names": names, "index_col": False, "keep_default_na": False,
        "engine": "c", "skip_blank_lines": False, "encoding": "utf-8",
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
        frame.columns = header
        return frame
    return None


def _slow_read(source: _Input, header: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """Read record by record with the csv module: exact line numbers, ragged rows kept and flagged."""
    label = source.label
    text = source.all_bytes().decode("utf-8")
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
            rows.append((record + [""] * width)[:width] + [extra])
            lines.append(start)
    except csv.Error as exc:
        raise _structural(f"not a valid CSV after line {end}: {exc}", label) from None
    frame = pd.DataFrame(np.array(rows, dtype=object).reshape(len(rows), width + 1), columns=[*header, _EXTRA])
    return frame, np.asarray(lines, dtype="int64")


def _read_table(source: Source) -> tuple[pd.DataFrame, np.ndarray, str, str]:
    scanned = _scan(source)
    label = scanned.label
    header = _header(scanned)
    version = _match_version(header, label)
    try:
        try:
            frame = _fast_read(scanned, header)
        except pd.errors.ParserError:
            frame = None
        if frame is not None:
            return frame, np.arange(2, len(frame) + 2, dtype="int64"), version, label
        slow, lines = _slow_read(scanned, header)
    except UnicodeDecodeError as exc:
        raise _structural(f"not UTF-8 text ({exc})", label) from None
    return slow, lines, version, label


# ----------------------------------------------------------------------------- columns


class _Coded:
    """A text column, stripped, as codes into its distinct values: per-value work done once.

    ``uniques[0]`` is always the empty string (missing and empty cells). With
    ``sparse``, only the non-empty cells are hashed, which pays off for the
    mostly empty detail columns. With ``keep_text``, :meth:`series` reuses the
    parsed column instead of rebuilding it from the codes.
    """

    def __init__(self, frame: pd.DataFrame, name: str, *, sparse: bool = False, keep_text: bool = False) -> None:
        self._stripped: pd.Series | None = None
        self.codes = np.zeros(len(frame), dtype=np.int32)  # half the memory of intp, as fast to index with
        self.uniques: list[str] = [""]
        if name not in frame.columns:
            return
        column = frame[name]
        if column.hasnans:
            column = column.fillna("")
        rows = np.flatnonzero((column != "").to_numpy(dtype=bool)) if sparse else None
        codes, uniques = pd.factorize(column if rows is None else column.iloc[rows])
        raw = [str(u) for u in uniques]
        stripped = [u.strip() for u in raw]
        self.uniques += stripped
        codes = np.add(codes, 1, dtype=np.int32, casting="unsafe")  # missing cells (-1) become "" (0)
        if rows is None:
            self.codes = codes
        else:
            self.codes[rows] = codes
        # Strip the distinct values, not the rows; the column itself only where a value changed.
        changed = stripped != raw
        if changed:
            first = {u: i for i, u in reversed(list(enumerate(self.uniques)))}
            self.codes = np.array([first[u] for u in self.uniques], dtype=np.int32)[self.codes]
        if keep_text and rows is None and column.dtype == _STR_DTYPE:  # reuse the parsed column for series()
            self._stripped = column.str.strip() if changed else column

    def map(self, func: Callable[[str], Any], dtype: Any = object) -> np.ndarray:
        """``func`` of each row's value, as an array (computed once per distinct value)."""
        mapped = np.empty(len(self.uniques), dtype=dtype)
        for i, value in enumerate(self.uniques):
            mapped[i] = func(value)
        return mapped[self.codes]

    def text(self) -> _Lazy:
        """Row -> stripped cell text, computed only for the rows asked for (failure messages)."""
        return _Lazy(lambda i: self.uniques[self.codes[i]])

    def series(self) -> pd.Series:
        if self._stripped is not None:
            return self._stripped.reset_index(drop=True)
        return _strings(self.uniques, self.codes)


def _stripped_text(frame: pd.DataFrame, name: str) -> pd.Series:
    """A text column with its cells stripped, as the string dtype; empty strings where absent."""
    if name not in frame.columns:
        return _strings([""], np.zeros(len(frame), dtype=np.intp))
    column = frame[name]
    if column.hasnans:
        column = column.fillna("")
    if column.dtype != _STR_DTYPE:
        column = column.astype(_STR_DTYPE)
    return column.str.strip().reset_index(drop=True)


_STR_DTYPE = pd.Series([""], dtype=object).astype(str).dtype


def _strings(uniques: Sequence[str], codes: np.ndarray) -> pd.Series:
    """A string-dtype Series (pandas 3 'str', object on pandas 2) built by taking from its distinct values."""
    base = pd.Series(list(uniques), dtype=object).astype(str)
    if isinstance(base.array, pd.arrays.ArrowStringArray):
        import pyarrow as pa

        # Arrow's own take is about twice as fast as going through the pandas array.
        taken = pa.array(list(uniques), type=pa.large_string()).take(pa.array(codes))
        return pd.Series(pd.array(taken, dtype=base.dtype), copy=False)
    return pd.Series(base.array.take(codes), copy=False)


def _date_of(value: str) -> tuple[str | None, bool]:
    """(normalised 'YYYY-MM-DD HH:MM:SS' text or None, whether a time was given)."""
    if _DATE_ONLY.match(value):
        return value + " 00:00:00", False
    m = _DATE_TIME.match(value)
    if m is None:
        return None, False
    return f"{m[1]} {int(m[2]):02d}:{m[3]}{m[4] or ':00'}", True


def _parse_dates(coded: _Coded) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(datetime64[ns] values, has_time, unparseable) of a date column."""
    normal = [_date_of(u) for u in coded.uniques]
    parsed = pd.to_datetime(pd.Series([t for t, _ in normal], dtype=object), format="%Y-%m-%d %H:%M:%S",
                            errors="coerce")
    # Outside the datetime64[ns] range (pandas 3 parses wider): NaT, flagged like any unparseable cell.
    parsed = parsed.where((parsed >= _NS_MIN) & (parsed <= _NS_MAX))
    # Unparseable cells stay NaT and their rows are flagged: nothing is coerced silently.
    stamps = parsed.to_numpy(dtype="datetime64[ns]")[coded.codes]
    has_time = np.array([h for _, h in normal], dtype=bool)[coded.codes]
    return stamps, has_time, np.isnat(stamps)


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_NO_NUMBER = {"", "nan", "na", "none", "null"}


def _number_of(text: str) -> tuple[float, bool]:
    """(value, unparseable) of one count cell; NaN without a flag where the cell says 'no number'."""
    if text.lower() in _NO_NUMBER:
        return math.nan, False
    if not _NUMBER.match(text):
        return math.nan, True
    value = float(text)
    return (value, False) if math.isfinite(value) else (math.nan, True)


def _count(frame: pd.DataFrame, name: str) -> tuple[np.ndarray, np.ndarray, Any]:
    """(float values, unparseable, raw values for messages) of a count column; NaN where empty or absent."""
    n = len(frame)
    if name not in frame.columns:
        return np.full(n, np.nan), np.zeros(n, dtype=bool), np.full(n, np.nan)
    column = frame[name]
    if column.dtype == "float64":
        values = column.to_numpy(dtype="float64", copy=True)
        bad = ~np.isfinite(values) & ~np.isnan(values)  # inf from overlong exponents
        values[bad] = np.nan
        return values, bad, column.to_numpy()
    coded = _Coded(frame, name)
    parsed = [_number_of(u) for u in coded.uniques]
    values = np.array([v for v, _ in parsed], dtype="float64")[coded.codes]
    bad = np.array([b for _, b in parsed], dtype=bool)[coded.codes]
    return values, bad, coded.text()


def _regions(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _details(value: Any) -> dict[Any, Any] | None:
    return value if isinstance(value, dict) else None


def _literal_column(frame: pd.DataFrame, name: str, shape: Callable[[Any], Any],
                    empty: Any = None) -> tuple[np.ndarray, np.ndarray, _Coded]:
    """(parsed values, unparseable, text) of a literal column; ``empty`` where empty, absent or unparseable."""
    coded = _Coded(frame, name, sparse=True)
    parsed = np.empty(len(coded.uniques), dtype=object)
    bad = np.zeros(len(coded.uniques), dtype=bool)
    for i, cell in enumerate(coded.uniques):
        value = None
        if cell:
            try:
                value = shape(parse_literal(cell))
            except LiteralParseError:
                value = None
            bad[i] = value is None
        parsed[i] = empty if value is None else value
    # Cells with the same text share one parsed object (documented in read_strike_events).
    values = parsed[coded.codes]
    return values, bad[coded.codes], coded


def _command(post: str) -> str:
    if "://" in post:
        return urlsplit(post).hostname or ""
    return post.split("/", 1)[0].strip()


def _scope(command: str) -> str:
    folded = command.casefold()
    if folded in _NATIONAL:
        return "national"
    return "regional" if folded.startswith("pvk") else "other"


# ----------------------------------------------------------------------------- rules


_FAILURE_COLUMNS = ("line", "column", "value", "rule", "_row")


def _failures_of(rule: str, column: str, mask: np.ndarray, lines: np.ndarray, values: Any) -> pd.DataFrame | None:
    index = np.flatnonzero(mask)
    if not len(index):
        return None
    return pd.DataFrame({
        "line": lines[index], "column": column, "value": pd.Series([values[int(i)] for i in index], dtype=object),
        "rule": rule, "_row": index,
    })


def _check_rows(cols: dict[str, Any], lines: np.ndarray) -> pd.DataFrame:
    """Every (line, column, value, rule) failure, in rule order, with the row position in ``_row``."""
    found: list[pd.DataFrame | None] = []
    model = cols["model"]
    found.append(_failures_of("missing_model", "model", model.map(lambda u: u == "", bool), lines, model.text()))
    for name in _DATES:
        found.append(_failures_of("unparseable_date", name, cols[f"{name}_bad"], lines, cols[f"{name}_text"]))
    for name in _COUNTS:
        values, bad, text = cols[name], cols[f"{name}_bad"], cols[f"{name}_text"]
        found.append(_failures_of("unparseable_count", name, bad, lines, text))
        with np.errstate(invalid="ignore"):
            found.append(_failures_of("negative_count", name, values < 0, lines, text))
            found.append(_failures_of("not_whole_count", name, np.isfinite(values) & (np.floor(values) != values), lines,
                                      text))
    launched = cols["launched"]
    found.append(_failures_of("missing_launched", "launched", np.isnan(launched) & ~cols["launched_bad"], lines,
                              cols["launched_text"]))
    neutralised = np.nan_to_num(cols["destroyed"]) + np.nan_to_num(cols["not_reach_goal"])
    with np.errstate(invalid="ignore"):
        over = (neutralised > launched) & (launched >= 0)  # a negative launched is flagged as such
    shown = _Lazy(lambda i: f"destroyed+not_reach_goal={neutralised[i]:g} > launched={launched[i]:g}")
    found.append(_failures_of("neutralised_exceeds_launched", "destroyed", over, lines, shown))
    found.append(_failures_of("end_before_start", "time_end", _end_before_start(cols), lines, cols["time_end_text"]))
    for name in _DETAILS:
        found.append(_failures_of("unparseable_details", name, cols[f"{name}_bad"], lines, cols[f"{name}_text"]))
    extra = cols["extra"]
    found.append(_failures_of("extra_fields", "(extra)", extra.map(bool, bool), lines, extra.text()))
    frames = [f for f in found if f is not None]
    if not frames:
        return pd.DataFrame({name: pd.Series([], dtype="int64" if name in ("line", "_row") else object)
                             for name in _FAILURE_COLUMNS})
    return pd.concat(frames, ignore_index=True)


class _Lazy:
    """Index -> message, computed only for the failing rows."""

    def __init__(self, func: Callable[[int], str]) -> None:
        self.func = func

    def __getitem__(self, i: int) -> str:
        return self.func(i)


def _end_before_start(cols: dict[str, Any]) -> np.ndarray:
    start, end = cols["time_start"], cols["time_end"]
    both_timed = cols["start_has_time"] & cols["end_has_time"]
    by_day = end.astype("datetime64[D]") < start.astype("datetime64[D]")
    with np.errstate(invalid="ignore"):
        exact = end < start
    valid = ~np.isnat(start) & ~np.isnat(end)
    # With a date-only cell compare calendar days: '2024-02-28' ends the day that started at 18:00.
    return valid & np.where(both_timed, exact, by_day)


def _reasons(failures: pd.DataFrame, n: int) -> pd.Series:
    per_row: dict[int, list[str]] = {}
    for row, rule in zip(failures["_row"].tolist(), failures["rule"].tolist(), strict=True):
        names = per_row.setdefault(row, [])
        if rule not in names:
            names.append(rule)
    code_of = {"": 0}
    codes = np.zeros(n, dtype=np.intp)
    for row, names in per_row.items():
        codes[row] = code_of.setdefault("; ".join(names), len(code_of))
    return _strings(list(code_of), codes)


# ----------------------------------------------------------------------------- composites


def _split_counts(details: Any, parts: tuple[str, ...], total: float) -> list[float] | None:
    """Per-part counts from a model-keyed dict that sums to ``total``; None if it does not."""
    if not isinstance(details, dict) or not details:
        return None
    catalog = alias_table()
    by_part: dict[str, float] = {}
    for key, value in details.items():
        entry = catalog.get(normalise_model_key(str(key)))
        model = entry[0] if entry is not None else None
        if model not in parts or model in by_part or isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if not math.isfinite(value) or value < 0 or value % 1:
            return None
        by_part[model] = float(value)
    if set(by_part) != set(parts) or sum(by_part.values()) != total:
        return None
    return [by_part[p] for p in parts]


def _split_row(row: dict[str, Any], parts: tuple[str, ...], partial: bool) -> list[dict[str, float]] | None:
    """The counts of each part of a composite row, or None if any count cannot be split exactly.

    With ``partial``, only ``launched`` must split; a count that cannot be
    split is missing (unknown per model) on every part.
    """
    launched = _split_counts(row["launched_details"], parts, row["launched"])
    if launched is None:
        return None
    split: list[dict[str, float]] = [{"launched": v} for v in launched]
    for name in ("destroyed", "not_reach_goal", "still_attacking", "is_shahed"):
        total = row[name]
        if math.isnan(total) or total == 0:
            values: list[float] | None = [total] * len(parts)
        elif name == "destroyed":
            values = _split_counts(row["destroyed_details"], parts, total)
        else:
            values = None
        if values is None and partial:
            values = [math.nan] * len(parts)
        if values is None:
            return None
        for piece, value in zip(split, values, strict=True):
            piece[name] = value
    return split


def _split_composites(
    frame: pd.DataFrame, parts_of: Callable[[int], tuple[str, ...]], mode: str
) -> tuple[pd.DataFrame, int]:
    """Split the valid composite rows whose details allow it; (frame, rows kept whole despite details)."""
    if mode == "never":
        return frame, int((frame["is_composite"] & frame["launched_details"].notna()).sum())
    candidates = np.flatnonzero(
        frame["is_composite"].to_numpy(dtype=bool)
        & (frame["invalid_reason"] == "").to_numpy(dtype=bool)
        & frame["launched_details"].notna().to_numpy(dtype=bool)
    )
    if not len(candidates):
        return frame, 0
    catalog = alias_table()
    pieces: list[pd.DataFrame] = []
    drop: list[int] = []
    needed = ("launched", "destroyed", "not_reach_goal", "still_attacking", "is_shahed", "launched_details",
              "destroyed_details")
    arrays = {name: frame[name].to_numpy() for name in needed}
    for i in candidates:
        parts = parts_of(int(i))
        split = _split_row({name: arrays[name][i] for name in needed}, parts, partial=mode == "launched")
        if split is None:
            continue
        row = frame.iloc[int(i)].to_dict()
        places = row["launch_place_details"] if isinstance(row["launch_place_details"], dict) else {}
        place_of = {catalog[normalise_model_key(str(k))][0]: str(v) for k, v in places.items()
                    if normalise_model_key(str(k)) in catalog and isinstance(v, str)}
        new_rows = []
        for part, counts in zip(parts, split, strict=True):
            entry = catalog[normalise_model_key(part)]
            new_rows.append({**row, **counts, "model": entry[0], "weapon_class": entry[1], "weapon_group": entry[2],
                             "is_composite": False, "split_from_composite": True,
                             "launch_place": place_of.get(part, row["launch_place"])})
        pieces.append(pd.DataFrame(new_rows, index=[int(i)] * len(new_rows), columns=frame.columns))
        drop.append(int(i))
    if not drop:
        return frame, len(candidates)
    kept = frame.drop(index=frame.index[drop])
    merged = pd.concat([kept, *pieces]).sort_index(kind="stable").reset_index(drop=True)
    typed = {name: merged[name].astype(dtype if dtype not in ("str", "object") else frame[name].dtype)
             for name, dtype in COLUMNS.items()}
    return pd.DataFrame(typed), len(candidates) - len(drop)


# ----------------------------------------------------------------------------- assembly


class _Models:
    """Catalogue resolution of the model column, once per distinct model string."""

    def __init__(self, coded: _Coded) -> None:
        self.coded = coded
        self.resolved = [resolve_model(u) for u in coded.uniques]
        counts = np.bincount(coded.codes, minlength=len(coded.uniques))
        self.unknown = {u: int(counts[i]) for i, (u, r) in enumerate(zip(coded.uniques, self.resolved, strict=True))
                        if not r[4] and counts[i]}

    def column(self, k: int) -> pd.Series:
        return _strings([str(r[k]) for r in self.resolved], self.coded.codes)

    def is_composite(self) -> np.ndarray:
        return np.array([len(r[3]) > 1 for r in self.resolved], dtype=bool)[self.coded.codes]

    def parts_of(self, row: int) -> tuple[str, ...]:
        return self.resolved[self.coded.codes[row]][3]


def _columns(raw: pd.DataFrame) -> dict[str, Any]:
    """The checked arrays of the dates, counts, details and model; each raw column is released once read."""
    for name in dict.fromkeys(c for c in raw.columns if c not in _USED and c != _EXTRA):
        del raw[name]  # every column of that name (several empty header cells share the name '')
    cols: dict[str, Any] = {}
    for name, flag in zip(_DATES, ("start_has_time", "end_has_time"), strict=True):
        coded = _Coded(raw, name)
        cols[name], cols[flag], cols[f"{name}_bad"] = _parse_dates(coded)
        cols[f"{name}_text"] = coded.text()
        _release(raw, name)
    for name in _COUNTS:
        cols[name], cols[f"{name}_bad"], cols[f"{name}_text"] = _count(raw, name)
    for name, shape in zip(_DETAILS, (_regions, _details, _details, _details), strict=True):
        cols[name], cols[f"{name}_bad"], coded = _literal_column(raw, name, shape, () if shape is _regions else None)
        cols[f"{name}_text"] = coded.text()
        _release(raw, name)
    cols["model"] = _Coded(raw, "model", keep_text=True)
    cols["extra"] = _Coded(raw, _EXTRA, sparse=True)
    _release(raw, "model")
    _release(raw, _EXTRA)
    return cols


def _release(raw: pd.DataFrame, name: str) -> None:
    """Drop a consumed raw column so that its memory can go before the output is built."""
    if name in raw.columns:
        del raw[name]


def _frame(cols: dict[str, Any], raw: pd.DataFrame, lines: np.ndarray, version: str, models: _Models,
           reasons: pd.Series) -> pd.DataFrame:
    n = len(lines)
    post = _Coded(raw, "source", keep_text=True)
    commands = [_command(p) for p in post.uniques]
    data: dict[str, Any] = {
        "line": lines, "post": post.series(), "reporting_command": _strings(commands, post.codes),
        "scope": _strings([_scope(c) for c in commands], post.codes),
        "time_start": cols["time_start"], "time_end": cols["time_end"],
        "start_has_time": cols["start_has_time"], "end_has_time": cols["end_has_time"],
        "model_raw": cols["model"].series(), "model": models.column(0), "weapon_class": models.column(1),
        "weapon_group": models.column(2), "is_composite": models.is_composite(),
        "split_from_composite": np.zeros(n, dtype=bool),
        **{name: cols[name] for name in _COUNTS},
        "carrier": _stripped_text(raw, "carrier"), "launch_place": _stripped_text(raw, "launch_place"),
        "target": _stripped_text(raw, "target"),
        "affected_regions": cols["affected region"],
        "launched_details": cols["launched_details"], "destroyed_details": cols["destroyed_details"],
        "launch_place_details": cols["launch_place_details"],
        "schema_version": _strings([version], np.zeros(n, dtype=np.intp)), "invalid_reason": reasons,
    }
    frame = pd.DataFrame({k: (v.to_numpy() if isinstance(v, pd.Series) and k not in _STR_COLUMNS else v)
                          for k, v in data.items()}, index=pd.RangeIndex(n), copy=False)
    return frame[list(COLUMNS)]


_STR_COLUMNS = {name for name, dtype in COLUMNS.items() if dtype == "str"}


def _line_list(lines: Sequence[int]) -> str:
    shown = ", ".join(str(x) for x in lines[:_WARN_LINES])
    more = f", ... ({len(lines) - _WARN_LINES} more)" if len(lines) > _WARN_LINES else ""
    return f"line{'s' if len(lines) > 1 else ''} {shown}{more}"


def _summary(label: str, n_rows: int, failures: pd.DataFrame, unknown: dict[str, int],
             unknown_lines: dict[str, list[int]]) -> str:
    parts: list[str] = []
    if not failures.empty:
        flagged = failures["line"].nunique()
        rules = []
        for rule, group in failures.groupby("rule", sort=False):
            lines = sorted(set(int(x) for x in group["line"]))
            rules.append(f"{rule}: {len(lines)} row{'s' if len(lines) > 1 else ''} ({_line_list(lines)})")
        parts.append(f"{flagged:,} of {n_rows:,} rows flagged and kept (see invalid_reason): " + "; ".join(rules))
    if unknown:
        names = "; ".join(f"{name!r}: {n} row{'s' if n > 1 else ''} ({_line_list(unknown_lines[name])})"
                          for name, n in sorted(unknown.items()))
        parts.append(f"models not in weapon_catalog, given weapon_class 'unknown': {names}")
    return f"{label}: " + ". ".join(parts) + "."


def read_strike_events(
    source: Source,
    *,
    on_invalid: Literal["flag", "raise"] = "flag",
    split_composites: Literal["exact", "launched", "never"] = "exact",
) -> pd.DataFrame:
    """Read an Air Force strike-report file into one typed row per model per attack window.

    Parameters
    ----------
    source
        Path, or file-like object opened in text or binary mode, of any known
        version of ``missile_attacks_daily.csv`` (UTF-8; see
        :data:`KNOWN_SCHEMAS`).
    on_invalid
        ``"flag"`` (default): rows that break a rule are kept with the rule
        names in ``invalid_reason`` and one :class:`DataQualityWarning`
        summarises them with line numbers. ``"raise"``: a
        :class:`~aidstats.errors.DataValidationError` whose ``failures`` table
        lists every failing cell (line, column, value, rule).
    split_composites
        What to do with a row naming several models (``X-101/X-555 and
        Kalibr``) whose ``launched_details`` gives the split by model.
        ``"exact"`` (default): split only when every count on the row splits
        exactly (``destroyed`` by a model-keyed ``destroyed_details``), so that
        all totals are conserved; otherwise keep the row whole, classed from
        its parts. ``"launched"``: split ``launched`` by model wherever the
        details give it (launched conserved, volumes by class exact); counts
        that cannot be split (usually ``destroyed``, whose details are keyed by
        region) are missing on the parts, so rates over such rows are unknown
        rather than guessed. ``"never"``: keep every composite whole.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`COLUMNS`, in that order. Row order follows the
        file; the rows of a split composite share its ``line``. Rules:
        ``missing_model``, ``unparseable_date``, ``unparseable_count`` (a count
        cell that is not a finite number), ``negative_count``,
        ``not_whole_count``, ``missing_launched``,
        ``neutralised_exceeds_launched`` (destroyed + not_reach_goal >
        launched), ``end_before_start`` (calendar days compared where a cell
        has no time), ``unparseable_details``, ``extra_fields`` (a row with
        more non-empty fields than the header). The parsed detail columns hold
        dicts and tuples; cells with the same text share one object (copy a
        dict before editing it in place). ``df.attrs["aidstats"]`` holds
        the source, schema version, input row count, launched total and
        counts of flagged rows and unknown models.

    Raises
    ------
    DataValidationError
        Structural problems (not a CSV, required columns missing, not UTF-8):
        always, naming the expected columns and the known schema versions.
        Rule failures: only with ``on_invalid="raise"``.

    Warns
    -----
    DataQualityWarning
        Once per call when rows were flagged or model names are not in the
        weapon catalogue (those get ``weapon_class="unknown"``, never dropped).

    Examples
    --------
    >>> import io
    >>> text = (
    ...     "time_start,time_end,model,launch_place,target,carrier,launched,destroyed,source\\n"
    ...     "2024-02-28,2024-02-28 08:00,C-300 and Iskander-M,Belgorod oblast,Kharkiv,,4,0,kpszsu/p/2\\n"
    ... )
    >>> row = read_strike_events(io.StringIO(text)).iloc[0]
    >>> row["model"], row["weapon_class"], bool(row["is_composite"]), bool(row["start_has_time"])
    ('S-300 and Iskander-M', 'mixed_missiles', True, False)
    """
    if on_invalid not in ("flag", "raise"):
        raise ValueError(f"on_invalid must be 'flag' or 'raise', not {on_invalid!r}")
    if split_composites not in ("exact", "launched", "never"):
        raise ValueError(f"split_composites must be 'exact', 'launched' or 'never', not {split_composites!r}")
    raw, lines, version, label = _read_table(source)
    cols = _columns(raw)
    failures = _check_rows(cols, lines)
    if on_invalid == "raise" and not failures.empty:
        rows = failures["line"].nunique()
        raise DataValidationError(f"{rows:,} of {len(lines):,} rows break the strike-report rules",
                                  failures.drop(columns="_row"), source=label)
    models = _Models(cols["model"])
    frame = _frame(cols, raw, lines, version, models, _reasons(failures, len(lines)))
    del raw
    frame, kept_whole = _split_composites(frame, models.parts_of, split_composites)
    model_codes = cols["model"].codes
    unknown_lines = {name: [int(x) for x in lines[model_codes == cols["model"].uniques.index(name)]]
                     for name in models.unknown}
    if not failures.empty or models.unknown:
        warnings.warn(_summary(label, len(lines), failures, models.unknown, unknown_lines), DataQualityWarning,
                      stacklevel=2)
    frame.attrs["aidstats"] = {
        "source": label, "schema_version": version, "rows_in": len(lines),
        "launched_in": float(np.nansum(cols["launched"])),
        "flagged": {str(k): int(v) for k, v in failures.drop_duplicates(["_row", "rule"])["rule"].value_counts().items()},
        "unknown_models": dict(models.unknown), "composites_kept_whole": kept_whole,
    }
    return frame
