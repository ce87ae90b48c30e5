"""The reader: a strike file in, the event frame out (one typed row per model per attack window).

The steps, each in its own module: scan the input and match its header to a
schema version (:mod:`~aidstats._read.strike_file.scan`,
:mod:`~aidstats._read.strike_file.header`), read the records
(:mod:`~aidstats._read.strike_file.table`), parse the cells
(:mod:`~aidstats._read.strike_file.cells`), check the rows
(:mod:`~aidstats._read.strike_file.rules`), resolve the model names through
the weapon catalogue (:mod:`aidstats._core.weapons`), assemble the frame and
split the composites that allow it
(:mod:`~aidstats._read.strike_file.composites`). The public path is
:func:`aidstats.read_strike_events`.
"""

from __future__ import annotations

import warnings
from typing import Any, Literal

import numpy as np
import pandas as pd

from aidstats._core.weapons import resolve_model
from aidstats._read.strike_file.cells import (
    command_of,
    count_column,
    details,
    literal_column,
    parse_dates,
    regions,
    scope_of,
)
from aidstats._read.strike_file.coded import Coded, strings, stripped_text
from aidstats._read.strike_file.columns import (
    COLUMNS,
    COUNTS,
    DATES,
    DETAILS,
    EXTRA,
    STR_COLUMNS,
    USED,
)
from aidstats._read.strike_file.composites import split_composite_rows
from aidstats._read.strike_file.rules import check_rows, row_reasons, summary
from aidstats._read.strike_file.scan import Source
from aidstats._read.strike_file.table import read_table
from aidstats.errors import DataQualityWarning, DataValidationError

__all__ = ["read_strike_events"]

_ON_INVALID = ("flag", "raise")
_SPLIT_MODES = ("exact", "launched", "never")


class _Models:
    """Catalogue resolution of the model column, once per distinct model string."""

    def __init__(self, coded: Coded) -> None:
        self.coded = coded
        self.resolved = [resolve_model(u) for u in coded.uniques]
        counts = np.bincount(coded.codes, minlength=len(coded.uniques))
        self.unknown = {
            u: int(counts[i])
            for i, (u, r) in enumerate(zip(coded.uniques, self.resolved, strict=True))
            if not r[4] and counts[i]
        }

    def column(self, k: int) -> pd.Series:
        return strings([str(r[k]) for r in self.resolved], self.coded.codes)

    def is_composite(self) -> np.ndarray:
        return np.array([len(r[3]) > 1 for r in self.resolved], dtype=bool)[self.coded.codes]

    def parts_of(self, row: int) -> tuple[str, ...]:
        return self.resolved[self.coded.codes[row]][3]

    def unknown_lines(self, lines: np.ndarray) -> dict[str, list[int]]:
        """The lines of each model not in the catalogue."""
        codes = self.coded.codes
        return {
            name: [int(x) for x in lines[codes == self.coded.uniques.index(name)]]
            for name in self.unknown
        }


def _release(raw: pd.DataFrame, name: str) -> None:
    """Drop a consumed raw column so that its memory can go before the output is built."""
    if name in raw.columns:
        del raw[name]


def _columns(raw: pd.DataFrame) -> dict[str, Any]:
    """The checked arrays of the dates, counts, details and model; each raw column is released once read."""
    for name in dict.fromkeys(c for c in raw.columns if c not in USED and c != EXTRA):
        del raw[name]  # every column of that name (several empty header cells share the name '')
    cols: dict[str, Any] = {}
    for name, flag in zip(DATES, ("start_has_time", "end_has_time"), strict=True):
        coded = Coded(raw, name)
        cols[name], cols[flag], cols[f"{name}_bad"] = parse_dates(coded)
        cols[f"{name}_text"] = coded.text()
        _release(raw, name)
    for name in COUNTS:
        cols[name], cols[f"{name}_bad"], cols[f"{name}_text"] = count_column(raw, name)
    for name, shape in zip(DETAILS, (regions, details, details, details), strict=True):
        empty = () if shape is regions else None
        cols[name], cols[f"{name}_bad"], coded = literal_column(raw, name, shape, empty)
        cols[f"{name}_text"] = coded.text()
        _release(raw, name)
    cols["model"] = Coded(raw, "model", keep_text=True)
    cols["extra"] = Coded(raw, EXTRA, sparse=True)
    _release(raw, "model")
    _release(raw, EXTRA)
    return cols


def _frame(
    cols: dict[str, Any],
    raw: pd.DataFrame,
    lines: np.ndarray,
    version: str,
    models: _Models,
    reasons: pd.Series,
) -> pd.DataFrame:
    n = len(lines)
    post = Coded(raw, "source", keep_text=True)
    commands = [command_of(p) for p in post.uniques]
    data: dict[str, Any] = {
        "line": lines,
        "post": post.series(),
        "reporting_command": strings(commands, post.codes),
        "scope": strings([scope_of(c) for c in commands], post.codes),
        "time_start": cols["time_start"],
        "time_end": cols["time_end"],
        "start_has_time": cols["start_has_time"],
        "end_has_time": cols["end_has_time"],
        "model_raw": cols["model"].series(),
        "model": models.column(0),
        "weapon_class": models.column(1),
        "weapon_group": models.column(2),
        "is_composite": models.is_composite(),
        "split_from_composite": np.zeros(n, dtype=bool),
        **{name: cols[name] for name in COUNTS},
        "carrier": stripped_text(raw, "carrier"),
        "launch_place": stripped_text(raw, "launch_place"),
        "target": stripped_text(raw, "target"),
        "affected_regions": cols["affected region"],
        "launched_details": cols["launched_details"],
        "destroyed_details": cols["destroyed_details"],
        "launch_place_details": cols["launch_place_details"],
        "schema_version": strings([version], np.zeros(n, dtype=np.intp)),
        "invalid_reason": reasons,
    }
    arrays = {
        k: (v.to_numpy() if isinstance(v, pd.Series) and k not in STR_COLUMNS else v)
        for k, v in data.items()
    }
    frame = pd.DataFrame(arrays, index=pd.RangeIndex(n), copy=False)
    return frame[list(COLUMNS)]


def _check_arguments(on_invalid: str, split_composites: str) -> None:
    if on_invalid not in _ON_INVALID:
        raise ValueError(f"on_invalid must be 'flag' or 'raise', not {on_invalid!r}")
    if split_composites not in _SPLIT_MODES:
        raise ValueError(
            f"split_composites must be 'exact', 'launched' or 'never', not {split_composites!r}"
        )


def _provenance(
    label: str,
    version: str,
    cols: dict[str, Any],
    lines: np.ndarray,
    failures: pd.DataFrame,
    models: _Models,
    kept_whole: int,
) -> dict[str, Any]:
    flagged = failures.drop_duplicates(["_row", "rule"])["rule"].value_counts()
    return {
        "source": label,
        "schema_version": version,
        "rows_in": len(lines),
        "launched_in": float(np.nansum(cols["launched"])),
        "flagged": {str(k): int(v) for k, v in flagged.items()},
        "unknown_models": dict(models.unknown),
        "composites_kept_whole": kept_whole,
    }


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
        The event frame: the columns of :data:`COLUMNS`, in that order, with
        those dtypes. Row order follows the file; the rows of a split
        composite share its ``line``. The columns:

        - ``line``: the file line where the row's record starts (the header
          is line 1);
        - ``post``, ``reporting_command``, ``scope``: the ``source`` cell (the
          post), the command that posted it (a URL's host, else the first
          part of the path) and its scope (``national`` for the Air Force
          command ``kpszsu``, ``regional`` for an air command ``PvK...``,
          ``other``);
        - ``time_start``, ``time_end``: the attack window (midnight where a
          cell has no time; NaT where it does not parse);
          ``start_has_time``, ``end_has_time``: whether the cell gave a time;
        - ``model_raw``: the model cell, stripped; ``model``,
          ``weapon_class``, ``weapon_group``: the canonical model and its
          class and group from the weapon catalogue (``unknown``/``other``
          for a name not in it); ``is_composite``: the row names several
          models and is kept whole (classed from its parts, e.g.
          ``mixed_missiles``); ``split_from_composite``: the row is one part
          of a split composite;
        - ``launched``, ``destroyed``, ``not_reach_goal``,
          ``still_attacking``, ``is_shahed``: the counts as float64, NaN
          where empty, absent from the file's version, or unparseable;
        - ``carrier``, ``launch_place``, ``target``: text, ``""`` where empty
          or absent;
        - ``affected_regions``: a tuple of region names (``()`` where none);
          ``launched_details``, ``destroyed_details``,
          ``launch_place_details``: the parsed dicts, None where empty;
        - ``schema_version``: the :data:`KNOWN_SCHEMAS` version the header
          matched;
        - ``invalid_reason``: ``""`` for a valid row, else the names of the
          rules it breaks, joined by ``"; "``.

        Rules: ``missing_model``, ``unparseable_date``, ``unparseable_count``
        (a count cell that is not a finite number), ``negative_count``,
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
    _check_arguments(on_invalid, split_composites)
    raw, lines, version, label = read_table(source)
    cols = _columns(raw)
    failures = check_rows(cols, lines)
    if on_invalid == "raise" and not failures.empty:
        rows = failures["line"].nunique()
        raise DataValidationError(
            f"{rows:,} of {len(lines):,} rows break the strike-report rules",
            failures.drop(columns="_row"),
            source=label,
        )
    models = _Models(cols["model"])
    frame = _frame(cols, raw, lines, version, models, row_reasons(failures, len(lines)))
    del raw
    frame, kept_whole = split_composite_rows(frame, models.parts_of, split_composites)
    if not failures.empty or models.unknown:
        message = summary(label, len(lines), failures, models.unknown, models.unknown_lines(lines))
        warnings.warn(message, DataQualityWarning, stacklevel=2)
    frame.attrs["aidstats"] = _provenance(label, version, cols, lines, failures, models, kept_whole)
    return frame
