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
>>> events.loc[0, ["model", "weapon_class", "launched", "schema_version"]].tolist()
['Kh-101/Kh-555', 'cruise_missile', 8.0, 'v2023-9col']
"""

from __future__ import annotations

import csv
import functools
import io
import math
import os
import re
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, Literal
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from aidstats._literal import LiteralParseError, parse_literal
from aidstats.errors import DataValidationError

__all__ = [
    "COLUMNS",
    "KNOWN_SCHEMAS",
    "DataQualityWarning",
    "combine_classes",
    "normalise_model_key",
    "read_strike_events",
    "split_model_name",
]


class DataQualityWarning(UserWarning):
    """Rows of an input file were flagged (kept, with ``invalid_reason``) or not recognised."""


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
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})
_WARN_LINES = 20
_NS_MIN, _NS_MAX = pd.Timestamp("1678-01-01"), pd.Timestamp("2261-12-31")

Source = str | os.PathLike[str] | IO[str] | IO[bytes]


# ----------------------------------------------------------------------------- model names


def normalise_model_key(name: str) -> str:
    """The key a model string is looked up by: whitespace collapsed, dashes unified, case folded.

    Examples
    --------
    >>> normalise_model_key("  x-101/X-555 ")
    'x-101/x-555'
    """
    return " ".join(name.translate(_DASHES).split()).casefold()


def split_model_name(name: str) -> list[str]:
    """The parts of a composite model string (``"A and B"`` -> ``["A", "B"]``).

    Examples
    --------
    >>> split_model_name("X-101/X-555 and Kalibr")
    ['X-101/X-555', 'Kalibr']
    """
    return [p.strip() for p in re.split(r"\s+and\s+", name.strip()) if p.strip()]


def combine_classes(parts: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """The (weapon_class, weapon_group) of a composite from its parts' (class, group).

    The parts' class where all agree; ``mixed_missiles`` where all parts are
    missiles of different classes; ``unknown`` (in the parts' common group, or
    ``other``) otherwise.

    Examples
    --------
    >>> combine_classes([("cruise_missile", "missile"), ("ballistic_missile", "missile")])
    ('mixed_missiles', 'missile')
    >>> combine_classes([("attack_drone", "drone"), ("attack_drone", "drone")])
    ('attack_drone', 'drone')
    """
    classes = {c for c, _ in parts}
    groups = {g for _, g in parts}
    if len(groups) != 1:
        return "unknown", "other"
    group = groups.pop()
    if len(classes) == 1:
        return classes.pop(), group
    return ("mixed_missiles", group) if group == "missile" else ("unknown", group)


@functools.lru_cache(maxsize=1)
def _catalog() -> dict[str, tuple[str, str, str, tuple[str, ...]]]:
    """Alias key -> (model, weapon_class, weapon_group, component models).

    Built from the curated table in :mod:`aidstats._build.strikes`, the code the
    bundled ``weapon_catalog`` dataset is written from (a test keeps the two
    equal), so that reading does not depend on a built ``datasets/`` folder.
    """
    from aidstats._build.strikes import catalog_frame

    frame = catalog_frame()
    out: dict[str, tuple[str, str, str, tuple[str, ...]]] = {}
    for row in frame.itertuples(index=False):
        entry = (str(row.model), str(row.weapon_class), str(row.weapon_group), tuple(str(row.component_models).split("; ")))
        for alias in (*str(row.aliases).split("; "), str(row.model)):
            out[normalise_model_key(alias)] = entry
    return out


def _resolve_model(raw: str) -> tuple[str, str, str, tuple[str, ...], bool]:
    """(model, class, group, parts, known) of one stripped model string."""
    if not raw:
        return "", "unknown", "other", (), True
    catalog = _catalog()
    entry = catalog.get(normalise_model_key(raw))
    if entry is not None:
        return (*entry, True)
    parts = split_model_name(raw)
    if len(parts) < 2:
        return raw, "unknown", "other", (raw,), False
    found = [catalog.get(normalise_model_key(p)) for p in parts]
    resolved = [(e[0], e[1], e[2]) if e is not None else (p, "unknown", "other") for p, e in zip(parts, found, strict=True)]
    weapon_class, weapon_group = combine_classes([(c, g) for _, c, g in resolved])
    models = tuple(m for m, _, _ in resolved)
    return " and ".join(models), weapon_class, weapon_group, models, all(e is not None for e in found)


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


def _structural(message: str, label: str, failures: list[dict[str, Any]] | None = None) -> DataValidationError:
    known = "; ".join(f"{name} ({len(cols)} columns: {', '.join(cols)})" for name, cols in KNOWN_SCHEMAS.items())
    return DataValidationError(f"{message}. Known schema versions: {known}", failures, source=label)


def _header(data: bytes, label: str) -> list[str]:
    if b"\x00" in data:
        raise _structural("not a CSV file (binary content: NUL bytes)", label)
    first = data.split(b"\n", 1)[0]
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


def _fast_read(data: bytes, header: list[str], used: list[int]) -> pd.DataFrame | None:
    """Read with the C parser when each line is one record; None if the file needs the slow path."""
    n_lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    names = [*(f"c{i}" for i in range(len(header))), _EXTRA]
    columns = [*used, len(header)]
    count_cols = {f"c{i}" for i in used if header[i] in _COUNTS}
    common: dict[str, Any] = {
        "header": None, "skiprows": 1, "names": names, "usecols": columns, "keep_default_na": False,
        "na_values": [""], "engine": "c", "skip_blank_lines": False, "encoding": "utf-8",
    }
    frame = None
    for dtypes in ({c: ("float64" if c in count_cols else str) for c in names}, str):
        try:
            frame = pd.read_csv(io.BytesIO(data), dtype=dtypes, **common)
            break
        except (ValueError, TypeError, OverflowError) as exc:
            if isinstance(exc, UnicodeDecodeError | pd.errors.ParserError):
                raise
    if frame is None or len(frame) != n_lines - 1:
        return None
    frame.columns = [header[i] for i in used] + [_EXTRA]
    return frame


def _slow_read(data: bytes, header: list[str], used: list[int], label: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Read record by record with the csv module: exact line numbers, ragged rows kept."""
    text = data.decode("utf-8")
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
            record = (record + [""] * width)[:width]
            rows.append([record[i] for i in used] + [extra])
            lines.append(start)
    except csv.Error as exc:
        raise _structural(f"not a valid CSV after line {end}: {exc}", label) from None
    frame = pd.DataFrame(rows, columns=[*(header[i] for i in used), _EXTRA], dtype=object)
    return frame.astype(str) if len(frame) else frame, np.asarray(lines, dtype="int64")


def _read_table(source: Source) -> tuple[pd.DataFrame, np.ndarray, str, str]:
    data, label = _bytes_of(source)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    header = _header(data, label)
    version = _match_version(header, label)
    used = [i for i, name in enumerate(header) if name in _USED]
    frame: pd.DataFrame | None
    try:
        frame = _fast_read(data, header, used)
        lines = np.arange(2, len(frame) + 2, dtype="int64") if frame is not None else None
        if frame is None or lines is None:
            frame, lines = _slow_read(data, header, used, label)
    except UnicodeDecodeError as exc:
        raise _structural(f"not UTF-8 text ({exc})", label) from None
    except pd.errors.ParserError:
        try:
            frame, lines = _slow_read(data, header, used, label)
        except UnicodeDecodeError as exc:
            raise _structural(f"not UTF-8 text ({exc})", label) from None
    return frame, lines, version, label


# ----------------------------------------------------------------------------- columns


def _text(frame: pd.DataFrame, name: str) -> pd.Series:
    """Column ``name`` as stripped strings, "" where empty or absent."""
    if name not in frame.columns:
        return pd.Series([""] * len(frame), dtype=str)
    return frame[name].fillna("").astype(str).str.strip().reset_index(drop=True)


def _map_unique(values: pd.Series, func: Callable[[Any], Any]) -> list[Any]:
    """``[func(v) for v in values]`` computed once per distinct value."""
    codes, uniques = pd.factorize(values)
    mapped = [func(u) for u in uniques]
    return [mapped[c] for c in codes]


def _map_unique_array(values: pd.Series, func: Callable[[Any], Any], dtype: Any = object) -> np.ndarray:
    codes, uniques = pd.factorize(values)
    mapped = np.empty(len(uniques), dtype=dtype)
    for i, u in enumerate(uniques):
        mapped[i] = func(u)
    return mapped[codes] if len(codes) else np.empty(0, dtype=dtype)


def _parse_dates(text: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(datetime64[ns] values, has_time, unparseable) of date cells."""
    codes, uniques = pd.factorize(text)
    n = len(uniques)
    normal = np.empty(n, dtype=object)
    has_time = np.zeros(n, dtype=bool)
    for i, value in enumerate(uniques):
        if _DATE_ONLY.match(value):
            normal[i] = value + " 00:00:00"
            continue
        m = _DATE_TIME.match(value)
        if m is not None:
            normal[i] = f"{m[1]} {int(m[2]):02d}:{m[3]}{m[4] or ':00'}"
            has_time[i] = True
        else:
            normal[i] = None
    parsed = pd.to_datetime(pd.Series(normal, dtype=object), format="%Y-%m-%d %H:%M:%S", errors="coerce")
    # Outside the datetime64[ns] range (pandas 3 parses wider): NaT, flagged like any unparseable cell.
    parsed = parsed.where((parsed >= _NS_MIN) & (parsed <= _NS_MAX))
    # Unparseable cells stay NaT and their rows are flagged: nothing is coerced silently.
    stamps = parsed.to_numpy(dtype="datetime64[ns]")
    if not len(codes):
        empty = np.zeros(0, dtype=bool)
        return np.empty(0, dtype="datetime64[ns]"), empty, empty
    values = stamps[codes]
    return values, has_time[codes], np.isnat(values)


def _count(frame: pd.DataFrame, name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(float values, unparseable, raw text) of a count column; NaN where empty or absent."""
    n = len(frame)
    if name not in frame.columns:
        return np.full(n, np.nan), np.zeros(n, dtype=bool), np.full(n, "", dtype=object)
    column = frame[name]
    if column.dtype == "float64":
        values = column.to_numpy(dtype="float64", copy=True)
        return values, np.zeros(n, dtype=bool), column.to_numpy(dtype=object)
    text = column.fillna("").astype(str).str.strip()
    numbers = pd.to_numeric(text.where(text != "", None), errors="coerce")
    values = numbers.to_numpy(dtype="float64", na_value=np.nan, copy=True)
    # A non-empty cell that is not a finite number is flagged, never silently dropped.
    bad = ((text != "") & ~text.str.lower().isin(["nan", "na", "none", "null"])).to_numpy(dtype=bool) & ~np.isfinite(values)
    values[bad] = np.nan
    return values, bad, text.to_numpy(dtype=object)


def _regions(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _details(value: Any) -> dict[Any, Any] | None:
    return value if isinstance(value, dict) else None


def _literal_column(frame: pd.DataFrame, name: str, shape: Callable[[Any], Any]) -> tuple[list[Any], np.ndarray]:
    """(parsed values, unparseable) of a literal column; None where empty or absent."""
    n = len(frame)
    if name not in frame.columns:
        return [None] * n, np.zeros(n, dtype=bool)
    text = frame[name].fillna("").astype(str).str.strip()
    present = (text != "").to_numpy(dtype=bool)
    out: list[Any] = [None] * n
    bad = np.zeros(n, dtype=bool)
    if not present.any():
        return out, bad
    index = np.flatnonzero(present)
    sentinel = object()

    def parse(cell: str) -> Any:
        try:
            shaped = shape(parse_literal(cell))
        except LiteralParseError:
            return sentinel
        return sentinel if shaped is None else shaped

    for i, value in zip(index, _map_unique(text.iloc[index], parse), strict=True):
        if value is sentinel:
            bad[i] = True
        else:
            out[i] = dict(value) if isinstance(value, dict) else value
    return out, bad


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


def _failures_of(rule: str, column: str, mask: np.ndarray, lines: np.ndarray, values: Sequence[Any]) -> pd.DataFrame:
    index = np.flatnonzero(mask)
    return pd.DataFrame({
        "line": lines[index], "column": column, "value": [values[int(i)] for i in index], "rule": rule,
    })


def _check_rows(cols: dict[str, Any], lines: np.ndarray) -> pd.DataFrame:
    """Every (line, column, value, rule) failure, in rule order."""
    found: list[pd.DataFrame] = []
    model = cols["model_raw"]
    found.append(_failures_of("missing_model", "model", model == "", lines, model))
    for name in _DATES:
        found.append(_failures_of("unparseable_date", name, cols[f"{name}_bad"], lines, cols[f"{name}_text"]))
    for name in _COUNTS:
        values, bad, text = cols[name], cols[f"{name}_bad"], cols[f"{name}_text"]
        found.append(_failures_of("unparseable_count", name, bad, lines, text))
        with np.errstate(invalid="ignore"):
            found.append(_failures_of("negative_count", name, values < 0, lines, text))
            found.append(_failures_of("not_whole_count", name, np.isfinite(values) & (values % 1 != 0), lines, text))
    launched = cols["launched"]
    found.append(_failures_of("missing_launched", "launched", np.isnan(launched) & ~cols["launched_bad"], lines,
                              cols["launched_text"]))
    neutralised = np.nan_to_num(cols["destroyed"]) + np.nan_to_num(cols["not_reach_goal"])
    with np.errstate(invalid="ignore"):
        over = (neutralised > launched) & (launched >= 0)  # a negative launched is flagged as such
    shown = [f"destroyed+not_reach_goal={a:g} > launched={b:g}" for a, b in zip(neutralised, launched, strict=True)] \
        if over.any() else [""] * len(over)
    found.append(_failures_of("neutralised_exceeds_launched", "destroyed", over, lines, shown))
    found.append(_failures_of("end_before_start", "time_end", _end_before_start(cols), lines, cols["time_end_text"]))
    for name in _DETAILS:
        found.append(_failures_of("unparseable_details", name, cols[f"{name}_bad"], lines, cols[f"{name}_text"]))
    found.append(_failures_of("extra_fields", "(extra)", cols["extra"] != "", lines, cols["extra"]))
    table = pd.concat(found, ignore_index=True)
    table["value"] = table["value"].astype(object)
    return table


def _end_before_start(cols: dict[str, Any]) -> np.ndarray:
    start, end = cols["time_start"], cols["time_end"]
    both_timed = cols["start_has_time"] & cols["end_has_time"]
    by_day = end.astype("datetime64[D]") < start.astype("datetime64[D]")
    with np.errstate(invalid="ignore"):
        exact = end < start
    valid = ~np.isnat(start) & ~np.isnat(end)
    # With a date-only cell compare calendar days: '2024-02-28' ends the day that started at 18:00.
    return valid & np.where(both_timed, exact, by_day)


def _reasons(failures: pd.DataFrame, lines: np.ndarray) -> np.ndarray:
    reasons = np.full(len(lines), "", dtype=object)
    if failures.empty:
        return reasons
    position = {line: i for i, line in enumerate(lines)}
    per_row: dict[int, list[str]] = {}
    for line, rule in zip(failures["line"], failures["rule"], strict=True):
        names = per_row.setdefault(position[int(line)], [])
        if rule not in names:
            names.append(rule)
    for i, names in per_row.items():
        reasons[i] = "; ".join(names)
    return reasons


# ----------------------------------------------------------------------------- composites


def _split_counts(details: Any, parts: tuple[str, ...], total: float) -> list[float] | None:
    """Per-part counts from a model-keyed dict that sums to ``total``; None if it does not."""
    if not isinstance(details, dict) or not details:
        return None
    catalog = _catalog()
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


def _split_row(row: dict[str, Any], parts: tuple[str, ...]) -> list[dict[str, float]] | None:
    """The counts of each part of a composite row, or None if any count cannot be split exactly."""
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
        if values is None:
            return None
        for piece, value in zip(split, values, strict=True):
            piece[name] = value
    return split


def _split_composites(frame: pd.DataFrame, parts_of: list[tuple[str, ...]]) -> tuple[pd.DataFrame, int]:
    """Split the valid composite rows whose details allow it; (frame, rows kept whole despite details)."""
    candidates = np.flatnonzero(
        frame["is_composite"].to_numpy(dtype=bool)
        & (frame["invalid_reason"] == "").to_numpy(dtype=bool)
        & frame["launched_details"].notna().to_numpy(dtype=bool)
    )
    if not len(candidates):
        return frame, 0
    catalog = _catalog()
    pieces: list[pd.DataFrame] = []
    drop: list[int] = []
    for i in candidates:
        row = frame.iloc[i].to_dict()
        parts = parts_of[i]
        split = _split_row(row, parts)
        if split is None:
            continue
        places = row["launch_place_details"] if isinstance(row["launch_place_details"], dict) else {}
        place_of = {catalog[normalise_model_key(str(k))][0]: str(v) for k, v in places.items()
                    if normalise_model_key(str(k)) in catalog and isinstance(v, str)}
        new_rows = []
        for part, counts in zip(parts, split, strict=True):
            entry = catalog[normalise_model_key(part)]
            new_rows.append({**row, **counts, "model": entry[0], "weapon_class": entry[1], "weapon_group": entry[2],
                             "is_composite": False, "split_from_composite": True,
                             "launch_place": place_of.get(part, row["launch_place"])})
        pieces.append(pd.DataFrame(new_rows, index=[i] * len(new_rows)))
        drop.append(int(i))
    if not drop:
        return frame, len(candidates)
    kept = frame.drop(index=frame.index[drop])
    merged = pd.concat([kept, *pieces]).sort_index(kind="stable").reset_index(drop=True)
    return merged, len(candidates) - len(drop)


# ----------------------------------------------------------------------------- assembly


def _models(model_raw: pd.Series) -> tuple[dict[str, np.ndarray], list[tuple[str, ...]], dict[str, int]]:
    codes, uniques = pd.factorize(model_raw)
    resolved = [_resolve_model(u) for u in uniques]
    pick = (lambda k: np.array([r[k] for r in resolved], dtype=object)[codes]) if len(codes) else (
        lambda k: np.empty(0, dtype=object))
    is_comp = np.array([len(r[3]) > 1 for r in resolved], dtype=bool)
    counts = np.bincount(codes, minlength=len(uniques)) if len(codes) else np.zeros(0, dtype=int)
    unknown = {u: int(counts[i]) for i, (u, r) in enumerate(zip(uniques, resolved, strict=True)) if not r[4]}
    out = {"model": pick(0), "weapon_class": pick(1), "weapon_group": pick(2),
           "is_composite": is_comp[codes] if len(codes) else np.zeros(0, dtype=bool)}
    parts = [resolved[c][3] for c in codes]
    return out, parts, unknown


def _columns(raw: pd.DataFrame, lines: np.ndarray) -> dict[str, Any]:
    cols: dict[str, Any] = {}
    for name in _DATES:
        text = _text(raw, name)
        cols[name], cols[f"{'start' if name == 'time_start' else 'end'}_has_time"], cols[f"{name}_bad"] = \
            _parse_dates(text)
        cols[f"{name}_text"] = text.to_numpy(dtype=object)
    for name in _COUNTS:
        cols[name], cols[f"{name}_bad"], cols[f"{name}_text"] = _count(raw, name)
    for name, shape in zip(_DETAILS, (_regions, _details, _details, _details), strict=True):
        cols[name], cols[f"{name}_bad"] = _literal_column(raw, name, shape)
        cols[f"{name}_text"] = _text(raw, name).to_numpy(dtype=object)
    model_raw = _text(raw, "model")
    cols["model_raw"] = model_raw.to_numpy(dtype=object)
    cols["model_raw_series"] = model_raw
    cols["extra"] = _text(raw, _EXTRA).to_numpy(dtype=object)
    return cols


def _frame(cols: dict[str, Any], raw: pd.DataFrame, lines: np.ndarray, version: str,
           models: dict[str, np.ndarray], reasons: np.ndarray) -> pd.DataFrame:
    post = _text(raw, "source")
    command = pd.Series(_map_unique_array(post, _command), dtype=object)
    scope = _map_unique_array(command, _scope)
    regions = [v if v is not None else () for v in cols["affected region"]]
    data: dict[str, Any] = {
        "line": lines, "post": post, "reporting_command": command, "scope": scope,
        "time_start": cols["time_start"], "time_end": cols["time_end"],
        "start_has_time": cols["start_has_time"], "end_has_time": cols["end_has_time"],
        "model_raw": cols["model_raw_series"], **models, "split_from_composite": np.zeros(len(lines), dtype=bool),
        **{name: cols[name] for name in _COUNTS},
        "carrier": _text(raw, "carrier"), "launch_place": _text(raw, "launch_place"), "target": _text(raw, "target"),
        "affected_regions": pd.Series(regions, dtype=object),
        "launched_details": pd.Series(cols["launched_details"], dtype=object),
        "destroyed_details": pd.Series(cols["destroyed_details"], dtype=object),
        "launch_place_details": pd.Series(cols["launch_place_details"], dtype=object),
        "schema_version": version, "invalid_reason": reasons,
    }
    frame = pd.DataFrame({k: (v.to_numpy() if isinstance(v, pd.Series) else v) for k, v in data.items()},
                         index=pd.RangeIndex(len(lines)))
    return frame[list(COLUMNS)]


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    out = {}
    for name, dtype in COLUMNS.items():
        column = frame[name]
        if dtype == "str":
            out[name] = column.astype(str)
        elif dtype == "object":
            out[name] = column.astype(object)
        else:
            out[name] = column.astype(dtype)
    return pd.DataFrame(out, index=pd.RangeIndex(len(frame)))


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


def read_strike_events(source: Source, *, on_invalid: Literal["flag", "raise"] = "flag") -> pd.DataFrame:
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
        more non-empty fields than the header). ``df.attrs["aidstats"]`` holds
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
    raw, lines, version, label = _read_table(source)
    raw = raw.reset_index(drop=True)
    cols = _columns(raw, lines)
    failures = _check_rows(cols, lines)
    if on_invalid == "raise" and not failures.empty:
        rows = failures["line"].nunique()
        raise DataValidationError(f"{rows:,} of {len(lines):,} rows break the strike-report rules", failures,
                                  source=label)
    models, parts_of, unknown = _models(cols["model_raw_series"])
    frame = _frame(cols, raw, lines, version, models, _reasons(failures, lines))
    frame, kept_whole = _split_composites(frame, parts_of)
    frame = _typed(frame)
    unknown_lines = {name: [int(x) for x in lines[cols["model_raw"] == name]] for name in unknown}
    if not failures.empty or unknown:
        warnings.warn(_summary(label, len(lines), failures, unknown, unknown_lines), DataQualityWarning, stacklevel=2)
    frame.attrs["aidstats"] = {
        "source": label, "schema_version": version, "rows_in": len(lines),
        "launched_in": float(np.nansum(cols["launched"])),
        "flagged": {str(k): int(v) for k, v in failures.drop_duplicates(["line", "rule"])["rule"].value_counts().items()},
        "unknown_models": dict(unknown), "composites_kept_whole": kept_whole,
    }
    return frame

