"""Totals per period: :func:`to_periods` and its bincount and split machinery.

Rows are dated by the rules of :mod:`aidstats._compute.strikes.attribution`.
Under ``"split"`` each row is spread over the periods its window touches, in
proportion to the time spent in each; a zero-length window falls wholly in
the period of its instant. Sums use ``numpy.bincount`` over integer period
codes from the one calendar (:mod:`aidstats._core.periods`): one pass, no
per-group Python.

Under its reporting regime (:mod:`aidstats._core.regimes`) a missing
``not_reach_goal`` counts as 0 where the regime did not record it and is
unknown (counted in ``not_reach_goal_missing``) where it did.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from aidstats._compute.strikes.attribution import attribution_ns, effective_end_ns
from aidstats._compute.strikes.checks import check_events, excluded_info, scope_mask, valid_mask
from aidstats._compute.strikes.decoys import decoys_of
from aidstats._compute.strikes.overlaps import overlap_mask
from aidstats._core.periods import (
    FREQ_ALIASES,
    freq_code,
    index_start_ns,
    period_end,
    period_index,
    to_ns,
)
from aidstats._core.regimes import recorded_span_ns, regime_changes, warn_regime_changes
from aidstats._core.vocab import ATTRIBUTIONS

__all__ = ["FREQS", "MEASURES", "STRIKE_FREQ_CODES", "to_periods"]

#: The frequencies to_periods supports (canonical codes).
STRIKE_FREQ_CODES = ("D", "W", "M")
#: Every accepted spelling of those frequencies -> its canonical code.
FREQS = {alias: code for alias, code in FREQ_ALIASES.items() if code in STRIKE_FREQ_CODES}
#: The summed measures of to_periods.
MEASURES = ("launched", "destroyed", "not_reach_goal", "neutralised")
#: Columns to_periods reads (besides the ``by`` columns); the last three where present.
_COLUMNS_USED = (
    "time_start",
    "time_end",
    "start_has_time",
    "end_has_time",
    "launched",
    "destroyed",
    "not_reach_goal",
    "weapon_class",
    "is_shahed",
    "withheld",
)
#: Sums after the measures: spread like them under "split" (decoys) or counted per row.
_SPREAD = ("destroyed_missing", "decoys")
_COUNTED = ("not_reach_goal_missing", "withheld_rows")


def to_periods(
    events: pd.DataFrame,
    freq: str = "M",
    by: str | Sequence[str] | None = None,
    attribution: str = "end",
    scope: str = "all",
    *,
    dedupe: bool = False,
    count_overlaps: bool = False,
    strict_neutralised: bool = False,
) -> pd.DataFrame:
    """Totals of launched, destroyed, not_reach_goal and neutralised per period and group.

    Parameters
    ----------
    events
        The frame of :func:`aidstats.read_strike_events`. Flagged rows
        (``invalid_reason != ""``) are left out and counted.
    freq
        ``"D"`` (days), ``"W"`` (weeks Monday to Sunday, labelled by the
        Monday) or ``"M"`` (months; ``"ME"``/``"MS"`` accepted). Periods are
        labelled by their first day (column ``period``).
    by
        Column name(s) to group by as well, e.g. ``"weapon_group"``,
        ``["weapon_class", "scope"]``, ``"model"``, ``"reporting_command"``.
    attribution
        ``"end"``, ``"start"``, ``"night"`` or ``"split"`` (see the module
        docstring for the exact rules). Totals are conserved exactly, except
        under ``"split"`` where they are conserved to float precision.
    scope
        ``"all"``, ``"national"`` (kpszsu), ``"regional"`` (regional air
        commands) or ``"other"``.
    dedupe
        Drop regional rows that overlap a national report of the same model
        (:func:`overlap_mask`) before aggregating. Overlap is judged against
        all valid national rows, whatever ``scope`` is.
    count_overlaps
        Count the overlapping regional rows into ``attrs`` without dropping
        them (always done when ``dedupe``). Off by default: the check sorts
        every national and regional row, which costs more than the
        aggregation itself; :func:`overlaps` lists the overlaps.
    strict_neutralised
        Make ``neutralised`` missing in groups where ``not_reach_goal_missing``
        is above 0, instead of a lower bound.

    Returns
    -------
    pandas.DataFrame
        ``period``, the ``by`` columns, ``launched``, ``destroyed``,
        ``not_reach_goal``, ``neutralised`` (= destroyed + not_reach_goal),
        ``n_reports`` (number of event rows: one weapon model in one report;
        under ``"split"`` the rows touching the period),
        ``not_reach_goal_missing`` (rows), ``withheld_rows`` (rows whose
        figures were withheld, ``status_data`` 'hidden': where above 0 the
        group's sums are lower bounds), ``destroyed_missing`` (launches
        whose destroyed count is unknown, e.g. the parts of a composite split
        by launched only: they add 0 to ``destroyed``; rate functions leave
        them out of the trials) and ``decoys`` (of ``launched``, the drones
        ``is_shahed`` marks as decoys in attack-drone rows, by the one decoy
        rule of :mod:`aidstats._compute.strikes.decoys`; 0 before mid-July
        2025, when decoys sit inside the attack-drone count). A missing ``not_reach_goal`` counts as 0
        where the regime did not record it (before July 2024, and from August
        2025 when it is 0 by practice); inside the recorded regime (July 2024
        to July 2025) a missing value is unknown: it adds 0 to the sums, is
        counted in ``not_reach_goal_missing``, and ``neutralised`` is then a
        lower bound. ``attrs["aidstats"]`` holds ``excluded_rows``,
        ``excluded_lines``, ``excluded_reasons``, ``summary``,
        ``overlapping_regional_rows`` (None if not counted), ``deduplicated``
        (rows dropped by ``dedupe``), ``regime_changes`` and the arguments.

    Warns
    -----
    RegimeChangeWarning
        When a period straddles a change of the ``not_reach_goal`` regime.

    Examples
    --------
    >>> from aidstats import strikes
    >>> ev = strikes._example_events()
    >>> out = strikes.to_periods(ev, freq="D", attribution="split", scope="national")
    >>> out["period"].dt.strftime("%Y-%m-%d").tolist(), out["launched"].round(3).tolist()
    (['2025-06-30', '2025-07-01'], [33.333, 66.667])
    >>> out["neutralised"].tolist()
    [30.0, 60.0]
    >>> out.attrs["aidstats"]["excluded_rows"]
    1
    """
    check_events(events)
    code = freq_code(freq, allowed=STRIKE_FREQ_CODES)
    if attribution not in ATTRIBUTIONS:
        raise ValueError(f"attribution must be one of {ATTRIBUTIONS}, got {attribution!r}")
    cols = _by_list(by, events)
    flagged = ~valid_mask(events)
    info = excluded_info(events, flagged)
    keep, n_overlap = _without_overlaps(
        events, ~flagged & scope_mask(events, scope), scope, dedupe=dedupe, count=count_overlaps
    )
    used = [c for c in _COLUMNS_USED if c in events.columns] + [
        c for c in cols if c not in _COLUMNS_USED
    ]
    selected = events[used] if keep.all() else events.loc[keep, used]
    result = _periodise(selected, code, cols, attribution)
    if strict_neutralised:
        result["neutralised"] = result["neutralised"].mask(result["not_reach_goal_missing"] > 0)
    straddling = pd.DataFrame()
    if len(result):
        straddling = warn_regime_changes(
            result["period"].drop_duplicates(), code, "not_reach_goal", stacklevel=3
        )
    info.update(
        freq=code,
        by=cols,
        attribution=attribution,
        scope=scope,
        overlapping_regional_rows=n_overlap,
        deduplicated=n_overlap if dedupe else 0,
        rows_used=len(selected),
        straddling_periods=[str(p.date()) for p in straddling.get("period", [])],
        regime_changes=_changes_in_range(result, code),
    )
    if n_overlap:
        info["summary"] += _overlap_note(n_overlap, dedupe)
    result.attrs["aidstats"] = info
    return result


def _without_overlaps(
    events: pd.DataFrame, keep: np.ndarray, scope: str, *, dedupe: bool, count: bool
) -> tuple[np.ndarray, int | None]:
    """Rows kept once overlapping regional rows are dropped (``dedupe``), and how many overlap.

    The count is None where it was neither asked for nor needed: the overlap check sorts
    every national and regional row, which costs more than the aggregation itself.
    """
    if not (dedupe or (count and scope in ("all", "regional"))):
        return keep, None
    over = overlap_mask(events)
    n_overlap = int((over & keep).sum())
    return (keep & ~over if dedupe else keep), n_overlap


def _by_list(by: str | Sequence[str] | None, events: pd.DataFrame) -> list[str]:
    cols = [] if by is None else [by] if isinstance(by, str) else list(by)
    missing = [c for c in cols if c not in events.columns]
    if missing:
        raise ValueError(f"by: no column(s) {missing} in the event frame")
    if "period" in cols:
        raise ValueError("by: 'period' is the name of the result's period column")
    return cols


def _periodise(events: pd.DataFrame, code: str, by: list[str], attribution: str) -> pd.DataFrame:
    values = _measures(events)
    labels = [events[c] for c in by]
    if attribution != "split":
        period = period_index(attribution_ns(events, attribution), code)
        return _bincount_table(period, labels, by, values, np.ones(len(events)), code)
    pos, period, share = _split_pieces(events, code)
    pieces = {m: values[m][pos] * share for m in (*MEASURES, *_SPREAD)}
    pieces.update({c: values[c][pos] for c in _COUNTED})
    return _bincount_table(
        period, [lab.iloc[pos] for lab in labels], by, pieces, np.ones(len(pos)), code
    )


def _measures(sub: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per-row measures (float) and counts, with not_reach_goal read under its regime."""
    nrg, unknown = _nrg_parts(sub)
    # A missing count adds nothing to a sum (as in groupby().sum()); the launches whose
    # destroyed count is unknown are summed apart so that rates can leave them out.
    raw_destroyed = sub["destroyed"].to_numpy(dtype="float64")
    launched = np.nan_to_num(sub["launched"].to_numpy(dtype="float64"))
    destroyed = np.nan_to_num(raw_destroyed)
    withheld = (
        sub["withheld"].to_numpy(dtype=bool)
        if "withheld" in sub.columns
        else np.zeros(len(sub), bool)
    )
    return {
        "launched": launched,
        "destroyed": destroyed,
        "not_reach_goal": nrg,
        "neutralised": destroyed + nrg,
        "not_reach_goal_missing": unknown.astype("float64"),
        "withheld_rows": withheld.astype("float64"),
        "destroyed_missing": np.where(np.isnan(raw_destroyed), launched, 0.0),
        "decoys": decoys_of(sub) if "weapon_class" in sub.columns else np.zeros(len(sub)),
    }


def _nrg_parts(events: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """not_reach_goal with missing as 0, and a flag: missing where the regime recorded it."""
    nrg = events["not_reach_goal"].to_numpy(dtype="float64")
    missing = np.isnan(nrg)
    lo, hi = recorded_span_ns()
    end = to_ns(events["time_end"])
    unknown = missing & (end >= lo) & (end < hi)
    return np.where(missing, 0.0, nrg), unknown


def _split_pieces(events: pd.DataFrame, code: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row position, period index and time share of every (row, period) piece."""
    start = to_ns(events["time_start"])
    end = np.maximum(effective_end_ns(events), start)
    first = period_index(start, code)
    # The period of the last instant inside the window (its end itself is excluded).
    last = period_index(np.maximum(end - 1, start), code)
    count = (last - first + 1).astype("int64")
    if (count == 1).all():
        return np.arange(len(events)), first, np.ones(len(events))
    pos = np.repeat(np.arange(len(events)), count)
    offset = np.arange(len(pos)) - np.repeat(np.cumsum(count) - count, count)
    idx = first[pos] + offset
    p_start = index_start_ns(idx, code)
    p_end = index_start_ns(idx + 1, code)
    s, e = start[pos], end[pos]
    span = (e - s).astype("float64")
    inside = (np.minimum(e, p_end) - np.maximum(s, p_start)).astype("float64")
    share = np.where(span > 0, inside / np.where(span > 0, span, 1.0), 1.0)
    return pos, idx, share


def _bincount_table(
    period: np.ndarray,
    labels: list[pd.Series],
    by: list[str],
    values: dict[str, np.ndarray],
    counts: np.ndarray,
    code: str,
) -> pd.DataFrame:
    """Sums of ``values`` and of ``counts`` per (period, by...) group, sorted like groupby."""
    columns = ["period", *by, *MEASURES, "n_reports", *_COUNTED, *_SPREAD]
    if len(period) == 0:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns}).astype(
            {"period": "datetime64[ns]", "n_reports": "int64", **{c: "int64" for c in _COUNTED}}
        )
    p0 = int(period.min())
    codes = [period - p0]
    sizes = [int(period.max()) - p0 + 1]
    uniques = []
    for series in labels:
        c, u = pd.factorize(series, sort=True, use_na_sentinel=False)
        codes.append(c.astype("int64"))
        sizes.append(max(len(u), 1))
        uniques.append(u)
    combined = np.ravel_multi_index(codes, sizes) if len(codes) > 1 else codes[0]
    groups, inverse = (None, combined)
    if len(codes) > 1:
        groups, inverse = np.unique(combined, return_inverse=True)
    n_groups = len(groups) if groups is not None else sizes[0]
    n = np.bincount(inverse, weights=counts, minlength=n_groups)
    present = n > 0
    out: dict[str, Any] = {}
    index = groups[present] if groups is not None else np.flatnonzero(present)
    parts = np.unravel_index(index, sizes) if len(codes) > 1 else (index,)
    out["period"] = index_start_ns(parts[0] + p0, code).view("datetime64[ns]")
    for name, part, u in zip(by, parts[1:], uniques, strict=True):
        out[name] = np.asarray(u)[part]
    for name in MEASURES:
        out[name] = np.bincount(inverse, weights=values[name], minlength=n_groups)[present]
    out["n_reports"] = n[present].round().astype("int64")
    for name in _COUNTED:
        rows = np.bincount(inverse, weights=values[name], minlength=n_groups)
        out[name] = rows[present].round().astype("int64")
    for name in _SPREAD:
        out[name] = np.bincount(inverse, weights=values[name], minlength=n_groups)[present]
    frame = pd.DataFrame(out, columns=columns)
    for name, u in zip(by, uniques, strict=True):
        frame[name] = frame[name].astype(u.dtype) if hasattr(u, "dtype") else frame[name]
    return frame


def _overlap_note(n_overlap: int, dedupe: bool) -> str:
    action = "dropped (dedupe=True)" if dedupe else "kept; pass dedupe=True to drop them"
    return f" {n_overlap} regional row(s) overlap a national report: {action}."


def _changes_in_range(result: pd.DataFrame, code: str) -> list[dict[str, str]]:
    """Regime changes from the first day of the first period to the last day of the last."""
    if not len(result):
        return []
    first = result["period"].min()
    last_day = period_end([result["period"].max()], code).iloc[0]
    # regime_changes counts changes after its start: start the day before, so that a
    # change on the first day of the first period is listed.
    table = regime_changes(first - pd.Timedelta(days=1), last_day)
    return [
        {"date": f"{r.date:%Y-%m-%d}", "measure": r.measure, "before": r.before, "after": r.after}
        for r in table.itertuples(index=False)
    ]
