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

from aidstats._core.weapons import alias_table
from aidstats._read.strike_file.assemble import add_extras, event_frame
from aidstats._read.strike_file.cells import (
    count_column,
    details,
    literal_column,
    parse_dates,
    regions,
)
from aidstats._read.strike_file.coded import Coded, stripped_text
from aidstats._read.strike_file.columns import COUNTS, DATES, DETAILS, EXTRA, MISSING, USED
from aidstats._read.strike_file.composites import plan_splits
from aidstats._read.strike_file.drift import (
    drift_message,
    extra_columns,
    unknown_columns,
    withheld_rows,
)
from aidstats._read.strike_file.heap import trim
from aidstats._read.strike_file.models import ModelColumn
from aidstats._read.strike_file.rules import check_rows, line_list, summary
from aidstats._read.strike_file.scan import Source
from aidstats._read.strike_file.table import read_table
from aidstats._read.strike_file.tally import NameTally
from aidstats._read.user_catalog import CatalogSource, UserCatalog, read_user_catalog
from aidstats.errors import DataQualityWarning, DataValidationError

__all__ = ["read_strike_events"]

_ON_INVALID = ("flag", "raise")
_SPLIT_MODES = ("auto", "exact", "launched", "never")
_WORKING = (EXTRA, MISSING)


def _release(raw: pd.DataFrame, name: str) -> None:
    """Drop a consumed raw column so that its memory can go before the output is built."""
    if name in raw.columns:
        del raw[name]


def _columns(raw: pd.DataFrame, withheld: np.ndarray) -> dict[str, Any]:
    """The checked arrays of the dates, counts, details and model; each raw column is released once read.

    A withheld row's zero counts are placeholders: they become missing.
    """
    for name in dict.fromkeys(c for c in raw.columns if c not in USED and c not in _WORKING):
        del raw[name]  # every column of that name (several empty header cells share the name '')
    cols: dict[str, Any] = {"withheld": withheld}
    for name, flag in zip(DATES, ("start_has_time", "end_has_time"), strict=True):
        coded = Coded(raw, name)
        stamps, has_time, bad, impossible, distinct = parse_dates(coded)
        cols[name], cols[flag], cols[f"{name}_bad"], cols[f"{name}_impossible"] = (
            stamps,
            has_time,
            bad,
            impossible,
        )
        cols[f"{name}_distinct"] = (distinct, coded.codes)
        cols[f"{name}_text"] = coded.text()
        _release(raw, name)
    for name in COUNTS:
        values, bad, foreign, text = count_column(raw, name)
        if withheld.any():
            values = np.where(withheld & (values == 0), np.nan, values)
        cols[name], cols[f"{name}_bad"], cols[f"{name}_foreign"], cols[f"{name}_text"] = (
            values,
            bad,
            foreign,
            text,
        )
    for name, shape in zip(DETAILS, (regions, details, details, details), strict=True):
        empty = () if shape is regions else None
        cols[name], cols[f"{name}_bad"], cols[f"{name}_text"] = literal_column(
            raw, name, shape, empty
        )
        _release(raw, name)
    cols["model"] = Coded(raw, "model", keep_text=True)
    cols["extra"] = Coded(raw, EXTRA, sparse=True)
    cols["missing_fields"] = Coded(raw, MISSING, sparse=True)
    for name in ("model", *_WORKING):
        _release(raw, name)
    return cols


def _check_arguments(on_invalid: str, split_composites: str) -> None:
    if on_invalid not in _ON_INVALID:
        raise ValueError(f"on_invalid must be 'flag' or 'raise', not {on_invalid!r}")
    if split_composites not in _SPLIT_MODES:
        raise ValueError(
            "split_composites must be 'auto', 'exact', 'launched' or 'never', "
            f"not {split_composites!r}"
        )


def _catalog(catalog: CatalogSource | UserCatalog | None) -> UserCatalog | None:
    if catalog is None or isinstance(catalog, UserCatalog):
        return catalog
    return read_user_catalog(catalog)


def _provenance(
    label: str,
    version: str,
    cols: dict[str, Any],
    lines: np.ndarray,
    failures: pd.DataFrame,
    kept_whole: int,
) -> dict[str, Any]:
    """The provenance; the unknown names' tallies are put in once the frame is built."""
    flagged = failures.drop_duplicates(["_row", "rule"])["rule"].value_counts()
    return {
        "source": label,
        "schema_version": version,
        "rows_in": len(lines),
        "launched_in": float(np.nansum(cols["launched"])),
        "flagged": {str(k): int(v) for k, v in flagged.items()},
        "unknown_models": None,
        "unknown_launched": None,
        "composites_kept_whole": kept_whole,
        "withheld_rows": int(cols["withheld"].sum()),
    }


def _withheld_message(label: str, column: str, withheld: np.ndarray, lines: np.ndarray) -> str:
    rows = lines[withheld].tolist()
    return (
        f"{label}: {len(rows):,} row{'s' if len(rows) > 1 else ''} marked as withheld in {column!r} "
        f"({line_list(rows)}): their figures were not disclosed, so their zero counts are read as "
        "missing (never 0), the rows are kept with withheld=True, and totals over them are lower bounds."
    )


def _warn(messages: list[str | None]) -> None:
    for message in messages:
        if message:
            warnings.warn(message, DataQualityWarning, stacklevel=3)


def read_strike_events(
    source: Source,
    *,
    on_invalid: Literal["flag", "raise"] = "flag",
    split_composites: Literal["auto", "exact", "launched", "never"] = "auto",
    catalog: CatalogSource | UserCatalog | None = None,
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
        ``"exact"``: split only when every count on the row splits exactly
        (``destroyed`` by a model-keyed ``destroyed_details``), so that all
        totals are conserved; otherwise keep the row whole, classed from its
        parts. ``"launched"``: split ``launched`` by model wherever the details
        give it (launched conserved, volumes by class exact); counts that
        cannot be split (usually ``destroyed``, whose details are keyed by
        region) are missing on the parts, so rates over such rows are unknown
        rather than guessed. ``"auto"`` (default): ``"exact"`` where it can,
        else ``"launched"`` where the parts count in different volume columns
        (a true mix such as cruise with ballistic, which would otherwise hide
        its ballistic missiles), else whole. ``"never"``: keep every
        composite whole.
    catalog
        A user weapon catalogue merged over the bundled one, its rows
        winning: a CSV path, file-like object or frame with columns ``alias``
        (the name as in the strike file), ``model`` (canonical name, optional),
        ``weapon_class`` (one of ``WEAPON_CLASSES``), ``weapon_group`` and
        ``class_reason`` (optional); see :mod:`aidstats._read.user_catalog`.
        Recorded in ``attrs["aidstats"]["catalog"]`` (file, SHA-256, rows,
        bundled spellings overridden).

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
          class and group from the weapon catalogue; a name not in it keeps
          its spelling and is counted as ``unclassified_drone``,
          ``unclassified_missile`` (where the name says drone or missile) or
          ``unknown`` (group ``other``), never dropped (a name longer than
          200 characters is not looked up: it is ``unknown``, and its
          ``model`` is cut to its first 80 characters and its length, while
          ``model_raw`` keeps it whole); ``is_composite``: the
          row names several models and is kept whole (classed from its parts:
          ``S-400 and Iskander-M`` is ``ballistic_missile``, cruise with
          ballistic ``mixed_missiles``); ``split_from_composite``: the row is
          one part of a split composite;
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
          rules it breaks, joined by ``"; "``;
        - ``salvo``: the salvo of the row, one post and one continuous attack
          window (:mod:`aidstats._core.salvos`: a window starting 8 hours or
          more after every earlier window of its post ended opens a new
          salvo): the post, or ``<post>#<n>`` where the post holds several
          attacks; ``salvo_split``: the row's post was split so;
        - ``withheld``: the file marks the row's figures as withheld
          (``status_data`` ``hidden``): its zero counts are read as missing;
        - then any column of the file that no known schema version has,
          as read (float64 where every cell is a number, else text), where
          it holds simple scalars.

        Rules: ``missing_model``, ``unparseable_date``, ``impossible_time``
        (``24:00``, ``23:59:60``), ``date_before_invasion`` (before
        2022-02-24), ``date_in_future`` (after tomorrow),
        ``date_far_beyond`` (far beyond the bulk of the file's dates; see
        :mod:`~aidstats._read.strike_file.plausible`), ``unparseable_count``
        (a count cell that is not a finite number), ``non_ascii_digits``
        (``١٢``, ``８``), ``negative_count``, ``not_whole_count``,
        ``implausible_count`` (above 2,000 in one row), ``missing_launched``
        (not for withheld rows), ``neutralised_exceeds_launched`` (destroyed
        + not_reach_goal > launched), ``end_before_start`` (calendar days
        compared where a cell has no time), ``unparseable_details``,
        ``extra_fields`` (a row with more non-empty fields than the header),
        ``missing_fields`` (a row with fewer fields than the header). A blank
        line is no row; a carriage return outside a CR LF pair is read as a
        space, never as the end of a record. Launched is conserved: valid and
        flagged rows together hold every launch the file gives. The parsed
        detail columns hold dicts and tuples; cells with the same text share
        one object (copy a dict before editing it in place), and so do
        equal names within them.
        ``df.attrs["aidstats"]`` holds the source, schema version, input row
        count, launched total, counts of flagged rows, unknown models
        (``unknown_models``: rows, ``unknown_launched``: launches, by name;
        read-only dicts, :class:`~aidstats._read.strike_file.tally.NameTally`,
        that pandas shares instead of copying; ``dict(...)`` gives one to edit),
        withheld rows, columns not known and the user catalogue used.

    Raises
    ------
    DataValidationError
        Structural problems (not a CSV, required columns missing, not UTF-8):
        always, naming the expected columns and the known schema versions.
        Rule failures: only with ``on_invalid="raise"``.

    Warns
    -----
    DataQualityWarning
        Once when rows were flagged or model names are not in the weapon
        catalogue (named with their class and launches, never dropped; of
        more than twenty, the twenty with the most launches, all of them
        being in ``attrs``; each name cut to 80 characters); once
        when the file has columns no known schema version has, or lacks
        optional columns of the schema it otherwise follows (naming what that
        disables); once when rows are marked as withheld.

    Examples
    --------
    >>> import io
    >>> text = (
    ...     "time_start,time_end,model,launch_place,target,carrier,launched,destroyed,source\\n"
    ...     "2024-02-28,2024-02-28 08:00,C-300 and Iskander-M,Belgorod oblast,Kharkiv,,4,0,kpszsu/p/2\\n"
    ... )
    >>> row = read_strike_events(io.StringIO(text)).iloc[0]
    >>> row["model"], row["weapon_class"], bool(row["is_composite"]), bool(row["start_has_time"])
    ('S-300 and Iskander-M', 'ballistic_missile', True, False)
    >>> row["salvo"]
    'kpszsu/p/2'
    """
    _check_arguments(on_invalid, split_composites)
    user = _catalog(catalog)
    table = alias_table() if user is None else user.table
    raw, lines, version, label = read_table(source)
    header = [str(c) for c in raw.columns if c not in _WORKING]
    unknown = unknown_columns(header)
    extras, dropped = extra_columns(raw, unknown)
    withheld, status = withheld_rows(raw)
    if status is not None:
        extras[status] = stripped_text(raw, status)
    trim()  # the parser's buffers
    cols = _columns(raw, withheld)
    trim()  # the raw columns parsed
    failures = check_rows(cols, lines)
    if on_invalid == "raise" and not failures.empty:
        rows = failures["line"].nunique()
        raise DataValidationError(
            f"{rows:,} of {len(lines):,} rows break the strike-report rules",
            failures.drop(columns="_row"),
            source=label,
        )
    models = ModelColumn(cols["model"], table)
    valid = np.ones(len(lines), dtype=bool)
    valid[failures["_row"].to_numpy(dtype=np.int64)] = False
    plan = plan_splits(cols, models.is_composite(), valid, models.parts_of, split_composites, table)
    unknown_models = models.unknown_table(lines, cols["launched"])
    info = _provenance(label, version, cols, lines, failures, plan.kept_whole)
    info["columns_not_known"] = unknown
    if user is not None:
        info["catalog"] = user.provenance()
    flagged = (
        summary(label, len(lines), failures, unknown_models)
        if not failures.empty or len(unknown_models)
        else None
    )
    # The tallies (two dicts of every unknown name) are made once the frame is built: arrays
    # until then, not a dict entry and a number object per name under the frame's assembly.
    names, rows, launched = (unknown_models[c].to_numpy() for c in ("name", "rows", "launched"))
    del unknown_models
    trim()  # what resolving the names freed (tens of thousands of keys where names are unknown)
    frame = event_frame(cols, raw, lines, version, models, failures, plan)  # consumes cols and raw
    del raw, cols
    trim()
    shared_names = names.tolist()
    info["unknown_models"] = NameTally(shared_names, rows)
    info["unknown_launched"] = NameTally(shared_names, launched)
    add_extras(frame, extras, plan)
    _warn(
        [
            flagged,
            drift_message(
                label, version, header, [c for c in unknown if c not in dropped], dropped
            ),
            _withheld_message(label, status, withheld, lines)
            if status and withheld.any()
            else None,
        ]
    )
    frame.attrs["aidstats"] = info
    return frame
