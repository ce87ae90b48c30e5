"""The row rules of a strike file: every failing cell, the reason of each row, the warning text.

A row that breaks a rule is kept; :func:`check_rows` lists every failure
(line, column, value, rule) in rule order, :func:`row_reasons` joins the rule
names of each row into its ``invalid_reason`` and :func:`summary` writes the
one :class:`~aidstats.errors.DataQualityWarning` of a read.

Examples
--------
>>> from aidstats._read.strike_file.rules import line_list
>>> line_list([3]), line_list(list(range(2, 30)))
('line 3', 'lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, ... (8 more)')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from aidstats._read.strike_file.coded import Lazy
from aidstats._read.strike_file.columns import COUNTS, DATES, DETAILS
from aidstats._read.strike_file.plausible import MAX_PLAUSIBLE_COUNT, date_rules
from aidstats._read.strike_file.shown import bounded, most, shorten
from aidstats.errors import failure_table

__all__ = ["check_rows", "line_list", "row_reasons", "summary"]

_FAILURE_COLUMNS = ("line", "column", "value", "rule", "_row")
_WARN_LINES = 20  # line numbers shown per rule in the warning


def _failures_of(
    rule: str, column: str, mask: np.ndarray, lines: np.ndarray, values: Any
) -> pd.DataFrame | None:
    index = np.flatnonzero(mask)
    if not len(index):
        return None
    return pd.DataFrame(
        {
            "line": lines[index],
            "column": column,
            "value": pd.Series([values[int(i)] for i in index], dtype=object),
            "rule": rule,
            "_row": index,
        }
    )


def _end_before_start(cols: dict[str, Any]) -> np.ndarray:
    start, end = cols["time_start"], cols["time_end"]
    both_timed = cols["start_has_time"] & cols["end_has_time"]
    by_day = end.astype("datetime64[D]") < start.astype("datetime64[D]")
    with np.errstate(invalid="ignore"):
        exact = end < start
    valid = ~np.isnat(start) & ~np.isnat(end)
    # With a date-only cell compare calendar days: '2024-02-28' ends the day that started at 18:00.
    return valid & np.where(both_timed, exact, by_day)


def _count_failures(cols: dict[str, Any], lines: np.ndarray) -> list[pd.DataFrame | None]:
    found: list[pd.DataFrame | None] = []
    for name in COUNTS:
        values, bad, text = cols[name], cols[f"{name}_bad"], cols[f"{name}_text"]
        found.append(_failures_of("unparseable_count", name, bad, lines, text))
        found.append(_failures_of("non_ascii_digits", name, cols[f"{name}_foreign"], lines, text))
        with np.errstate(invalid="ignore"):
            found.append(_failures_of("negative_count", name, values < 0, lines, text))
            fraction = np.isfinite(values) & (np.floor(values) != values)
            found.append(_failures_of("not_whole_count", name, fraction, lines, text))
            huge = values > MAX_PLAUSIBLE_COUNT
            found.append(_failures_of("implausible_count", name, huge, lines, text))
    launched = cols["launched"]
    # A withheld row (status_data 'hidden') has no launched figure on purpose: missing, not wrong.
    missing = (
        np.isnan(launched) & ~cols["launched_bad"] & ~cols["launched_foreign"] & ~cols["withheld"]
    )
    found.append(
        _failures_of("missing_launched", "launched", missing, lines, cols["launched_text"])
    )
    neutralised = np.nan_to_num(cols["destroyed"]) + np.nan_to_num(cols["not_reach_goal"])
    with np.errstate(invalid="ignore"):
        over = (neutralised > launched) & (launched >= 0)  # a negative launched is flagged as such
    shown = Lazy(
        lambda i: f"destroyed+not_reach_goal={neutralised[i]:g} > launched={launched[i]:g}"
    )
    found.append(_failures_of("neutralised_exceeds_launched", "destroyed", over, lines, shown))
    return found


def check_rows(cols: dict[str, Any], lines: np.ndarray) -> pd.DataFrame:
    """Every (line, column, value, rule) failure, in rule order, with the row position in ``_row``."""
    found: list[pd.DataFrame | None] = []
    model = cols["model"]
    missing_model = model.map(lambda u: u == "", bool)
    found.append(_failures_of("missing_model", "model", missing_model, lines, model.text()))
    for name in DATES:
        bad, text = cols[f"{name}_bad"], cols[f"{name}_text"]
        found.append(_failures_of("unparseable_date", name, bad, lines, text))
        found.append(_failures_of("impossible_time", name, cols[f"{name}_impossible"], lines, text))
    for rule, masks in date_rules(cols["time_start_distinct"], cols["time_end_distinct"]).items():
        for name, mask in zip(DATES, masks, strict=True):
            found.append(_failures_of(rule, name, mask, lines, cols[f"{name}_text"]))
    found += _count_failures(cols, lines)
    backwards = _end_before_start(cols)
    found.append(
        _failures_of("end_before_start", "time_end", backwards, lines, cols["time_end_text"])
    )
    for name in DETAILS:
        bad, text = cols[f"{name}_bad"], cols[f"{name}_text"]
        found.append(_failures_of("unparseable_details", name, bad, lines, text))
    extra = cols["extra"]
    found.append(
        _failures_of("extra_fields", "(extra)", extra.map(bool, bool), lines, extra.text())
    )
    short = cols["missing_fields"]
    shown_short = Lazy(lambda i: f"{short.uniques[short.codes[i]]} field(s) missing at the end")
    found.append(
        _failures_of("missing_fields", "(missing)", short.map(bool, bool), lines, shown_short)
    )
    frames = [f for f in found if f is not None]
    if not frames:
        empty = {
            name: pd.Series([], dtype="int64" if name in ("line", "_row") else object)
            for name in _FAILURE_COLUMNS
        }
        return failure_table(pd.DataFrame(empty))
    return failure_table(pd.concat(frames))


def row_reasons(failures: pd.DataFrame, n: int) -> tuple[list[str], np.ndarray]:
    """(distinct reasons, code of each of ``n`` rows): its rules joined by '; ', '' where none."""
    per_row: dict[int, list[str]] = {}
    for row, rule in zip(failures["_row"].tolist(), failures["rule"].tolist(), strict=True):
        names = per_row.setdefault(row, [])
        if rule not in names:
            names.append(rule)
    code_of = {"": 0}
    codes = np.zeros(n, dtype=np.intp)
    for row, names in per_row.items():
        codes[row] = code_of.setdefault("; ".join(names), len(code_of))
    return list(code_of), codes


def line_list(lines: Sequence[int]) -> str:
    """'line 3' or 'lines 2, 5, ...', at most twenty numbers shown."""
    shown = ", ".join(str(x) for x in lines[:_WARN_LINES])
    more = f", ... ({len(lines) - _WARN_LINES} more)" if len(lines) > _WARN_LINES else ""
    return f"line{'s' if len(lines) > 1 else ''} {shown}{more}"


def _unknown_names(unknown: pd.DataFrame) -> str:
    """The unknown models of the warning: all of them (by name) up to twenty, else the twenty with
    the most launches (then by name); each name cut to its first characters and its length."""
    shown = unknown.iloc[most(unknown["launched"].to_numpy(dtype=float))]
    items = [
        f"{shorten(r.name)!r} as {r.weapon_class}: {r.rows} row{'s' if r.rows > 1 else ''}, "
        f"{r.launched:,.0f} launched ({line_list(r.lines)})"
        for r in shown.itertuples(index=False)
    ]
    return bounded(items, total=len(unknown), where=" (all in attrs['aidstats']['unknown_models'])")


def summary(label: str, n_rows: int, failures: pd.DataFrame, unknown: pd.DataFrame) -> str:
    """The text of the read's one warning: flagged rows by rule, and models not in the catalogue.

    ``unknown`` has one row per model name not in the catalogue, in name
    order: ``name``, ``weapon_class`` (the class it was counted in), ``rows``,
    ``launched`` and ``lines`` (given for the names shown, :func:`~aidstats._read.strike_file.shown.most`).
    """
    parts: list[str] = []
    if not failures.empty:
        flagged = failures["line"].nunique()
        rules = []
        for rule, group in failures.groupby("rule", sort=False):
            lines = sorted(set(int(x) for x in group["line"]))
            rules.append(
                f"{rule}: {len(lines)} row{'s' if len(lines) > 1 else ''} ({line_list(lines)})"
            )
        parts.append(
            f"{flagged:,} of {n_rows:,} rows flagged and kept (see invalid_reason): "
            + "; ".join(rules)
        )
    if len(unknown):
        parts.append(
            "models not in the weapon catalogue, counted as unclassified (never dropped; "
            f"add them with catalog=): {_unknown_names(unknown)}"
        )
    return f"{label}: " + ". ".join(parts) + "."
