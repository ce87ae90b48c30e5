"""The header line: column names, and the schema version they match.

Anything that makes the file unreadable as a strike file (binary content, a
header that is not CSV, duplicated or missing required columns) is a
:class:`~aidstats.errors.DataValidationError` naming the known schema
versions (:func:`structural_error`); a compressed or UTF-16 file, and a byte
that is not UTF-8, are named as :mod:`aidstats._read.text_file` names them
for the command line.

Examples
--------
>>> from aidstats._read.strike_file.header import match_version
>>> names = "time_start,time_end,model,launch_place,target,carrier,launched,destroyed,source"
>>> match_version(names.split(","), "<example>")
'v2023-9col'
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import Any

from aidstats._read.strike_file.columns import BASE9, HEADER_ALIASES, KNOWN_SCHEMAS
from aidstats._read.strike_file.scan import Input
from aidstats._read.text_file import bad_byte_message, kind_message
from aidstats.errors import DataValidationError

__all__ = ["header_names", "match_version", "structural_error"]


def structural_error(
    message: str, label: str, failures: Iterable[Mapping[str, Any]] | None = None
) -> DataValidationError:
    """The error for input that is not a readable strike file; it lists the known schema versions."""
    known = "; ".join(
        f"{name} ({len(cols)} columns: {', '.join(cols)})" for name, cols in KNOWN_SCHEMAS.items()
    )
    return DataValidationError(f"{message}. Known schema versions: {known}", failures, source=label)


def _not_text(source: Input) -> str | None:
    """What a compressed, UTF-16 or UTF-32 file is, as the command line names it; None for text."""
    name = PurePath(source.label).name if source.path is not None else None
    return kind_message(source.first_line, name)


def header_names(source: Input) -> list[str]:
    """The column names of the header line, stripped, with alias spellings unified."""
    label, first = source.label, source.first_line
    if source.has_nul:
        raise structural_error(
            _not_text(source) or "not a CSV file (binary content: NUL bytes)", label
        )
    try:
        text = first.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = _not_text(source) or bad_byte_message(1, exc.start + 1, first[exc.start])
        raise structural_error(message, label) from None
    try:
        names = next(csv.reader([text.rstrip("\r")]), [])
    except csv.Error as exc:
        raise structural_error(f"not a CSV file: {exc}", label) from None
    if not any(n.strip() for n in names):
        raise structural_error("empty file or empty header line", label)
    return [HEADER_ALIASES.get(n.strip(), n.strip()) for n in names]


def match_version(header: list[str], label: str) -> str:
    """The known schema version with the most required columns that ``header`` has."""
    duplicated = sorted({n for n in header if header.count(n) > 1 and n})
    if duplicated:
        raise structural_error(f"duplicated column names {duplicated}", label)
    present = set(header)
    matching = [
        (len(cols), name) for name, cols in KNOWN_SCHEMAS.items() if present.issuperset(cols)
    ]
    if matching:
        return max(matching)[1]
    missing = [c for c in BASE9 if c not in present]
    failures = [{"line": 1, "column": c, "value": None, "rule": "missing_column"} for c in missing]
    raise structural_error(
        f"required columns missing: {missing}; expected at least {list(BASE9)}, found {header}",
        label,
        failures,
    )
