"""Strike aggregation: periods, salvos, overlaps between reporters, reporting regimes.

Works on the event frame of :func:`aidstats.read_strike_events` (one row per
reported weapon model per attack window). Every function leaves flagged rows
(``invalid_reason != ""``) out and says how many it left out in
``df.attrs["aidstats"]``.

Dating rules (all times are naive Kyiv local time, as reported):

* ``"end"``: the calendar date of ``time_end``.
* ``"start"``: the calendar date of ``time_start``.
* ``"night"``: the Air Force names a night by the morning it ends and counts it
  from 18:00 the evening before ("in the night of 5 April, from 18:00 on
  4 April"). A window is dated by the date of ``time_end``, except a window that
  lies wholly in the evening of one day (both ends carry a time of day and it
  starts at or after 18:00 on the day it ends) which belongs to the next day's
  night. So 2025-07-08 20:00 to 2025-07-09 08:30 is 9 July; 2023-11-05 20:00 to
  23:59 is 6 November; a daytime window 2025-01-03 12:00 to 20:00 stays on
  3 January; a date-only window stays on its date.
* ``"split"``: each row is spread over the periods its window touches, in
  proportion to the time spent in each. A window whose end has no time of day
  runs to the end of that day (a date-only window counts as whole days); a
  zero-length window falls wholly in the period of its instant.

Reporting regimes (:func:`regimes`): ``not_reach_goal`` ("locationally lost")
was not recorded before July 2024, recorded from July 2024 to July 2025 and is
0 from August 2025; ``is_shahed`` splits attack drones from decoys only from
2025-07-15. A row's regime is that of the date of its ``time_end``.

Examples
--------
>>> import pandas as pd
>>> from aidstats import strikes
>>> ev = strikes._example_events()
>>> strikes.to_periods(ev, attribution="start")[["period", "launched", "destroyed", "n_reports"]]
      period  launched  destroyed  n_reports
0 2025-06-01     100.0       60.0          1
1 2025-07-01      20.0       20.0          2
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from aidstats._core.periods import FREQ_ALIASES, NS_PER_DAY, freq_code, index_start_ns, period_index
from aidstats._core.regimes import (
    Regime,
    recorded_span_ns,
    regime_changes,
    regimes_frame,
    warn_regime_changes,
)
from aidstats._core.vocab import ATTRIBUTIONS, SCOPES, WEAPON_CLASSES, WEAPON_GROUPS
from aidstats.errors import DataValidationError, RegimeChangeWarning, UnknownDatasetError

__all__ = [
    "ATTRIBUTIONS",
    "FREQS",
    "MEASURES",
    "SCOPES",
    "WEAPON_CLASSES",
    "WEAPON_GROUPS",
    "Regime",
    "RegimeChangeWarning",
    "overlap_mask",
    "overlaps",
    "regime_changes",
    "regimes",
    "salvos",
    "to_periods",
    "volume_monthly",
    "warn_regime_changes",
]

FREQS = {alias: code for alias, code in FREQ_ALIASES.items() if code in ("D", "W", "M")}
MEASURES = ("launched", "destroyed", "not_reach_goal", "neutralised")
_REQUIRED = (
    "line",
    "post",
    "reporting_command",
    "scope",
    "time_start",
    "time_end",
    "end_has_time",
    "model",
    "launched",
    "destroyed",
    "not_reach_goal",
    "invalid_reason",
)
_NIGHT_STARTS_HOURS = 18


def _strike_freq(freq: str) -> str:
    return freq_code(freq, allowed=("D", "W", "M"))

_NS_PER_DAY = NS_PER_DAY


def _example_events() -> pd.DataFrame:
    """A tiny event frame following the read_strike_events contract (for examples and tests)."""
    rows = [
        ("kpszsu/posts/a", "2025-06-30 20:00", "2025-07-01 08:00", True, True, 100.0, 60.0, 30.0, ""),
        ("PvKPivden/posts/b", "2025-07-01 00:00", "2025-07-01 00:00", False, False, 20.0, 20.0, np.nan, ""),
        ("kpszsu/posts/c", "2025-07-02 20:00", "2025-07-03 08:00", True, True, 5.0, 9.0, 0.0, "neutralised_exceeds_launched"),
        ("PvKPivden/posts/d", "2025-07-05 09:00", "2025-07-05 11:00", True, True, 0.0, 0.0, np.nan, ""),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "post",
            "time_start",
            "time_end",
            "start_has_time",
            "end_has_time",
            "launched",
            "destroyed",
            "not_reach_goal",
            "invalid_reason",
        ],
    )
    frame.insert(0, "line", np.arange(2, 2 + len(frame), dtype="int64"))
    frame["reporting_command"] = frame["post"].str.split("/").str[0]
    frame["scope"] = np.where(frame["reporting_command"] == "kpszsu", "national", "regional")
    frame["time_start"] = pd.to_datetime(frame["time_start"]).astype("datetime64[ns]")
    frame["time_end"] = pd.to_datetime(frame["time_end"]).astype("datetime64[ns]")
    frame["model"] = "Shahed-136/131"
    frame["weapon_class"] = "attack_drone"
    frame["weapon_group"] = "drone"
    frame["is_shahed"] = np.nan
    return frame


# ---------------------------------------------------------------------------
# Regimes API
# ---------------------------------------------------------------------------


def regimes() -> pd.DataFrame:
    """The reporting regimes: measure, regime, start, end, missing_means_zero, description.

    ``start``/``end`` are inclusive days; missing means open (from the first
    report / still in force). Returns the bundled dataset ``reporting_regimes``
    (with its provenance in ``attrs``) or, where it is not built, the same rows
    from the code.

    Examples
    --------
    >>> from aidstats import strikes
    >>> r = strikes.regimes()
    >>> r.loc[r["regime"] == "recorded", ["measure", "start", "end"]].to_string(index=False)
    '       measure      start        end\\nnot_reach_goal 2024-07-01 2025-07-31'
    """
    try:
        from aidstats import datasets

        return datasets.load("reporting_regimes")
    except (UnknownDatasetError, FileNotFoundError):
        return regimes_frame()


# ---------------------------------------------------------------------------
# Validation, scope, periods
# ---------------------------------------------------------------------------


def _check_events(events: pd.DataFrame, required: Sequence[str] = _REQUIRED) -> None:
    if not isinstance(events, pd.DataFrame):
        raise DataValidationError(
            f"expected the DataFrame of aidstats.read_strike_events, got {type(events).__name__}"
        )
    missing = [c for c in required if c not in events.columns]
    if missing:
        raise DataValidationError(
            "the event frame lacks columns of the read_strike_events contract",
            [{"line": None, "column": c, "value": None, "rule": "column missing"} for c in missing],
        )


def _excluded_info(events: pd.DataFrame, flagged: np.ndarray) -> dict[str, Any]:
    """What was left out: count, input lines, reasons and a one-line summary."""
    n = int(flagged.sum())
    info: dict[str, Any] = {"excluded_rows": n, "excluded_lines": [], "excluded_reasons": {}}
    if not n:
        info["summary"] = "No flagged rows."
        return info
    bad = events.loc[flagged, ["line", "invalid_reason"]]
    lines = sorted({int(x) for x in bad["line"]})
    reasons = bad["invalid_reason"].str.split("; ").explode().value_counts()
    info["excluded_lines"] = lines
    info["excluded_reasons"] = {str(k): int(v) for k, v in reasons.items()}
    shown = ", ".join(map(str, lines[:10])) + (" ..." if len(lines) > 10 else "")
    why = ", ".join(f"{k} ({v})" for k, v in info["excluded_reasons"].items())
    info["summary"] = f"{n} flagged row(s) left out: {why}; input lines {shown}."
    return info


def _valid(events: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Valid rows, and what was left out (count, lines, reasons, summary)."""
    flagged = (events["invalid_reason"] != "").to_numpy()
    info = _excluded_info(events, flagged)
    return (events.loc[~flagged] if info["excluded_rows"] else events), info


def _scope_mask(events: pd.DataFrame, scope: str) -> np.ndarray:
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}, got {scope!r}")
    if scope == "all":
        return np.ones(len(events), dtype=bool)
    return (events["scope"] == scope).to_numpy()


def _ns(values: pd.Series) -> np.ndarray:
    return values.to_numpy(dtype="datetime64[ns]").view("int64")


def _effective_end_ns(events: pd.DataFrame) -> np.ndarray:
    """End of the window in ns; a date-only end runs to the end of its day."""
    end = _ns(events["time_end"])
    has_time = events["end_has_time"].to_numpy(dtype=bool)
    return np.where(has_time, end, (end // _NS_PER_DAY + 1) * _NS_PER_DAY)


def _night_ns(events: pd.DataFrame) -> np.ndarray:
    """Instant whose date names the night of each window (see the module docstring)."""
    end = _ns(events["time_end"])
    start = _ns(events["time_start"])
    end_day = np.floor_divide(end, _NS_PER_DAY) * _NS_PER_DAY
    timed = events["end_has_time"].to_numpy(dtype=bool)
    if "start_has_time" in events.columns:
        timed = timed & events["start_has_time"].to_numpy(dtype=bool)
    evening = timed & (start >= end_day + _NIGHT_STARTS_HOURS * 3_600 * 10**9)
    return np.where(evening, end_day + _NS_PER_DAY, end)


def _attribution_ns(events: pd.DataFrame, attribution: str) -> np.ndarray:
    if attribution == "end":
        return _ns(events["time_end"])
    if attribution == "start":
        return _ns(events["time_start"])
    if attribution == "night":
        return _night_ns(events)
    raise ValueError(f"attribution must be one of {ATTRIBUTIONS}, got {attribution!r}")


# ---------------------------------------------------------------------------
# not_reach_goal under the regimes
# ---------------------------------------------------------------------------


def _nrg_parts(events: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """not_reach_goal with missing as 0, and a flag: missing where the regime recorded it."""
    nrg = events["not_reach_goal"].to_numpy(dtype="float64")
    missing = np.isnan(nrg)
    lo, hi = recorded_span_ns()
    end = _ns(events["time_end"])
    unknown = missing & (end >= lo) & (end < hi)
    return np.where(missing, 0.0, nrg), unknown


# ---------------------------------------------------------------------------
# Overlaps between regional and national reports
# ---------------------------------------------------------------------------


def overlap_mask(events: pd.DataFrame, scopes: Sequence[str] = ("regional",)) -> np.ndarray:
    """Boolean per row: a row of ``scopes`` whose model and window overlap a national report.

    Overlap means: same ``model``, same calendar date of ``time_end``, and the
    windows intersect (closed intervals; a date-only end runs to the end of
    its day). Only valid rows count on either side; national rows are always
    False.

    Examples
    --------
    >>> from aidstats import strikes
    >>> strikes.overlap_mask(strikes._example_events()).tolist()
    [False, True, False, False]
    """
    _check_events(events)
    out = np.zeros(len(events), dtype=bool)
    valid = (events["invalid_reason"] == "").to_numpy()
    is_nat = valid & (events["scope"] == "national").to_numpy()
    is_reg = valid & events["scope"].isin(list(scopes)).to_numpy() & ~is_nat
    if not is_nat.any() or not is_reg.any():
        return out
    either = is_nat | is_reg
    sub = events.loc[either, ["time_start", "time_end", "end_has_time", "model"]]
    nat = is_nat[either]
    found = _overlap_core(sub, nat)
    out[np.flatnonzero(either)[found]] = True
    return out


def _overlap_core(sub: pd.DataFrame, nat: np.ndarray) -> np.ndarray:
    """Non-national rows of ``sub`` whose window meets a national window of the same key.

    Key = (model, date of time_end). Exact test "some national [a, b] with a <= e and
    b >= s": sort national starts and regional ends together by (key, time), national
    first on ties; a running maximum of (key, b) over the national entries then gives,
    at each regional entry, the largest b of its key among windows with a <= e. One
    sort, no per-row Python. Times are compared to the second.
    """
    codes, _ = pd.factorize(sub["model"], use_na_sentinel=False)
    day = np.floor_divide(_ns(sub["time_end"]), _NS_PER_DAY)
    day0 = int(day.min())
    key = codes.astype("int64") * (int(day.max()) - day0 + 1) + (day - day0)
    start_s = np.floor_divide(_ns(sub["time_start"]), 10**9)
    end_s = np.floor_divide(_effective_end_ns(sub), 10**9)
    t0 = int(start_s.min())
    start_s, end_s = start_s - t0, end_s - t0
    shift = 1 << (int(end_s.max()) + 1).bit_length()
    if (int(key.max()) + 1) * shift * 2 >= 2**62:  # pragma: no cover - centuries of data
        raise ValueError("time span too long for overlap detection")
    reg = ~nat
    when = np.where(nat, start_s, end_s)
    order = np.argsort(((key * shift + when) << 1) | reg)
    reach = np.where(nat, key * shift + end_s, -1)[order]
    best = np.maximum.accumulate(reach)
    is_reg = reg[order]
    hit = is_reg & (best >= (key * shift + start_s)[order])
    found = np.zeros(len(sub), dtype=bool)
    found[order[hit]] = True
    return found


def overlaps(events: pd.DataFrame, scopes: Sequence[str] = ("regional",)) -> pd.DataFrame:
    """Regional rows whose model and window overlap a national report of the same model.

    Same rule as :func:`overlap_mask`; one row per (regional row, national row)
    pair.

    Returns
    -------
    pandas.DataFrame
        ``regional_line``, ``national_line``, ``model``, ``regional_command``,
        ``regional_start``, ``regional_end``, ``national_start``,
        ``national_end``, ``regional_launched``, ``national_launched``,
        ``regional_destroyed``, ``national_destroyed``.

    Examples
    --------
    >>> from aidstats import strikes
    >>> t = strikes.overlaps(strikes._example_events())
    >>> t[["regional_line", "national_line", "regional_launched", "national_launched"]]
       regional_line  national_line  regional_launched  national_launched
    0              3              2               20.0              100.0
    """
    mask = overlap_mask(events, scopes)
    valid = (events["invalid_reason"] == "").to_numpy()
    nat_rows = events.loc[valid & (events["scope"] == "national").to_numpy()]
    reg_rows = events.loc[mask]
    keep = ["line", "model", "reporting_command", "time_start", "time_end", "launched", "destroyed"]

    def side(frame: pd.DataFrame, prefix: str) -> pd.DataFrame:
        out = frame[keep].rename(columns={c: f"{prefix}_{c}" for c in keep if c != "model"})
        out["day"] = frame["time_end"].dt.normalize()
        out[f"{prefix}_eff_end"] = _effective_end_ns(frame).view("datetime64[ns]")
        return out

    pairs = side(reg_rows, "regional").merge(side(nat_rows, "national"), on=["model", "day"])
    hit = (pairs["national_time_start"] <= pairs["regional_eff_end"]) & (
        pairs["regional_time_start"] <= pairs["national_eff_end"]
    )
    pairs = pairs.loc[hit].rename(
        columns={
            "regional_reporting_command": "regional_command",
            "regional_time_start": "regional_start",
            "regional_time_end": "regional_end",
            "national_time_start": "national_start",
            "national_time_end": "national_end",
        }
    )
    columns = [
        "regional_line",
        "national_line",
        "model",
        "regional_command",
        "regional_start",
        "regional_end",
        "national_start",
        "national_end",
        "regional_launched",
        "national_launched",
        "regional_destroyed",
        "national_destroyed",
    ]
    return pairs[columns].sort_values(["regional_line", "national_line"]).reset_index(drop=True)


# ---------------------------------------------------------------------------
# to_periods
# ---------------------------------------------------------------------------


def _by_list(by: str | Sequence[str] | None, events: pd.DataFrame) -> list[str]:
    cols = [] if by is None else [by] if isinstance(by, str) else list(by)
    missing = [c for c in cols if c not in events.columns]
    if missing:
        raise ValueError(f"by: no column(s) {missing} in the event frame")
    if "period" in cols:
        raise ValueError("by: 'period' is the name of the result's period column")
    return cols


_COLUMNS_USED = ("time_start", "time_end", "start_has_time", "end_has_time", "launched", "destroyed", "not_reach_goal")


def _measures(sub: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per-row measures (float) and counts, with not_reach_goal read under its regime."""
    nrg, unknown = _nrg_parts(sub)
    # A missing count adds nothing to a sum (as in groupby().sum()); the launches whose
    # destroyed count is unknown are summed apart so that rates can leave them out.
    raw_destroyed = sub["destroyed"].to_numpy(dtype="float64")
    launched = np.nan_to_num(sub["launched"].to_numpy(dtype="float64"))
    destroyed = np.nan_to_num(raw_destroyed)
    return {
        "launched": launched,
        "destroyed": destroyed,
        "not_reach_goal": nrg,
        "neutralised": destroyed + nrg,
        "not_reach_goal_missing": unknown.astype("float64"),
        "destroyed_missing": np.where(np.isnan(raw_destroyed), launched, 0.0),
    }


def _bincount_table(
    period: np.ndarray,
    labels: list[pd.Series],
    by: list[str],
    values: dict[str, np.ndarray],
    counts: np.ndarray,
    code: str,
) -> pd.DataFrame:
    """Sums of ``values`` and of ``counts`` per (period, by...) group, sorted like groupby."""
    columns = ["period", *by, *MEASURES, "n_reports", "not_reach_goal_missing", "destroyed_missing"]
    if len(period) == 0:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns}).astype(
            {"period": "datetime64[ns]", "n_reports": "int64", "not_reach_goal_missing": "int64"}
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
    missing = np.bincount(inverse, weights=values["not_reach_goal_missing"], minlength=n_groups)
    out["not_reach_goal_missing"] = missing[present].round().astype("int64")
    out["destroyed_missing"] = np.bincount(inverse, weights=values["destroyed_missing"], minlength=n_groups)[present]
    frame = pd.DataFrame(out, columns=columns)
    for name, u in zip(by, uniques, strict=True):
        frame[name] = frame[name].astype(u.dtype) if hasattr(u, "dtype") else frame[name]
    return frame


def _split_pieces(events: pd.DataFrame, code: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row position, period index and time share of every (row, period) piece."""
    start = _ns(events["time_start"])
    end = np.maximum(_effective_end_ns(events), start)
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


def _periodise(events: pd.DataFrame, code: str, by: list[str], attribution: str) -> pd.DataFrame:
    values = _measures(events)
    labels = [events[c] for c in by]
    if attribution != "split":
        period = period_index(_attribution_ns(events, attribution), code)
        return _bincount_table(period, labels, by, values, np.ones(len(events)), code)
    pos, period, share = _split_pieces(events, code)
    pieces = {m: values[m][pos] * share for m in MEASURES}
    pieces["not_reach_goal_missing"] = values["not_reach_goal_missing"][pos]
    pieces["destroyed_missing"] = values["destroyed_missing"][pos] * share
    return _bincount_table(period, [lab.iloc[pos] for lab in labels], by, pieces, np.ones(len(pos)), code)


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
        ``not_reach_goal_missing`` (rows) and ``destroyed_missing`` (launches
        whose destroyed count is unknown, e.g. the parts of a composite split
        by launched only: they add 0 to ``destroyed``; rate functions leave
        them out of the trials). A missing ``not_reach_goal`` counts as 0
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
    _check_events(events)
    code = _strike_freq(freq)
    if attribution not in ATTRIBUTIONS:
        raise ValueError(f"attribution must be one of {ATTRIBUTIONS}, got {attribution!r}")
    cols = _by_list(by, events)
    flagged = (events["invalid_reason"] != "").to_numpy()
    info = _excluded_info(events, flagged)
    keep = ~flagged & _scope_mask(events, scope)
    n_overlap: int | None = None
    dropped = 0
    if dedupe or (count_overlaps and scope in ("all", "regional")):
        over = overlap_mask(events)
        n_overlap = int((over & keep).sum())
        if dedupe:
            dropped = n_overlap
            keep = keep & ~over
    used = [c for c in _COLUMNS_USED if c in events.columns] + [c for c in cols if c not in _COLUMNS_USED]
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
        deduplicated=dropped,
        rows_used=len(selected),
        straddling_periods=[str(p.date()) for p in straddling.get("period", [])],
        regime_changes=_changes_in_range(result),
    )
    if n_overlap:
        action = "dropped (dedupe=True)" if dedupe else "kept; pass dedupe=True to drop them"
        info["summary"] += f" {n_overlap} regional row(s) overlap a national report: {action}."
    result.attrs["aidstats"] = info
    return result


def _changes_in_range(result: pd.DataFrame) -> list[dict[str, str]]:
    if not len(result):
        return []
    lo, hi = result["period"].min(), result["period"].max()
    table = regime_changes(lo - pd.Timedelta(days=1), hi + pd.Timedelta(days=31))
    return [
        {"date": f"{r.date:%Y-%m-%d}", "measure": r.measure, "before": r.before, "after": r.after}
        for r in table.itertuples(index=False)
    ]


# ---------------------------------------------------------------------------
# salvos
# ---------------------------------------------------------------------------


def _salvo_key(events: pd.DataFrame) -> pd.Series:
    post = events["post"].astype(str)
    fallback = (
        "(no post) "
        + events["reporting_command"].astype(str)
        + " "
        + events["time_start"].dt.strftime("%Y-%m-%d %H:%M")
        + " to "
        + events["time_end"].dt.strftime("%Y-%m-%d %H:%M")
    )
    return post.where(post != "", fallback)


def salvos(events: pd.DataFrame) -> pd.DataFrame:
    """One row per report post: window, totals per weapon group and class, number of models.

    Rows without a post are grouped by (reporting_command, time_start,
    time_end). One report can give different windows per model; its salvo
    runs from the earliest start to the latest end. Flagged rows are left
    out (counted in ``attrs``).

    Returns
    -------
    pandas.DataFrame
        ``salvo`` (the post, or a made-up key for rows without one), ``post``,
        ``reporting_command``, ``scope``, ``time_start``, ``time_end``,
        ``n_rows``, ``n_models``, ``launched``, ``destroyed``,
        ``not_reach_goal`` (missing as 0), ``launched_<group>`` for each weapon
        group and ``launched_<class>`` for each weapon class; sorted by window.

    Examples
    --------
    >>> from aidstats import strikes
    >>> s = strikes.salvos(strikes._example_events())
    >>> s[["reporting_command", "launched", "launched_drone", "n_models"]]
      reporting_command  launched  launched_drone  n_models
    0         PvKPivden      20.0            20.0         1
    1            kpszsu     100.0           100.0         1
    2         PvKPivden       0.0             0.0         1
    """
    _check_events(events, (*_REQUIRED, "weapon_group", "weapon_class"))
    valid, info = _valid(events)
    frame = pd.DataFrame(
        {
            "salvo": _salvo_key(valid).to_numpy(),
            "launched": valid["launched"].to_numpy(dtype="float64"),
            "destroyed": valid["destroyed"].to_numpy(dtype="float64"),
            "not_reach_goal": np.nan_to_num(valid["not_reach_goal"].to_numpy(dtype="float64")),
        }
    )
    wide = []
    for column, values in (("weapon_group", WEAPON_GROUPS), ("weapon_class", WEAPON_CLASSES)):
        labels = valid[column].to_numpy(dtype=object)
        for value in values:
            frame[f"launched_{value}"] = np.where(labels == value, frame["launched"], 0.0)
            wide.append(f"launched_{value}")
    grouped = frame.groupby("salvo", sort=False)
    totals = grouped[["launched", "destroyed", "not_reach_goal", *wide]].sum()
    meta = pd.DataFrame(
        {
            "salvo": frame["salvo"],
            "post": valid["post"].to_numpy(),
            "reporting_command": valid["reporting_command"].to_numpy(),
            "scope": valid["scope"].to_numpy(),
            "time_start": valid["time_start"].to_numpy(),
            "time_end": valid["time_end"].to_numpy(),
            "model": valid["model"].to_numpy(),
        }
    ).groupby("salvo", sort=False)
    head = pd.DataFrame(
        {
            "post": meta["post"].first(),
            "reporting_command": meta["reporting_command"].first(),
            "scope": meta["scope"].first(),
            "time_start": meta["time_start"].min(),
            "time_end": meta["time_end"].max(),
            "n_rows": meta.size(),
            "n_models": meta["model"].nunique(),
        }
    )
    out = head.join(totals).reset_index()
    out = out.sort_values(["time_end", "time_start", "salvo"], kind="mergesort").reset_index(drop=True)
    info["salvos"] = len(out)
    out.attrs["aidstats"] = info
    return out


# ----------------------------------------------------------------------------- volumes

#: weapon_class -> strike_volume_monthly measure (see _volume_measure for the rest).
_CLASS_MEASURE = {
    "cruise_missile": "missiles_cruise",
    "ballistic_missile": "missiles_ballistic",
    "aeroballistic_missile": "missiles_ballistic",
    "sam_ground_attack": "missiles_other",
    "anti_ship_missile": "missiles_other",
    "mixed_missiles": "missiles_other",
    "attack_drone": "drones_attack",
    "decoy_or_unknown_drone": "drones_decoy_or_unknown",
    "reconnaissance_drone": "drones_reconnaissance",
}

def _volume_rows(events: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Valid national rows plus regional/other rows that do not repeat a national report."""
    valid = events.loc[events["invalid_reason"] == ""].reset_index(drop=True)
    repeat = overlap_mask(valid, scopes=("regional", "other"))
    stats = {"dropped_rows": int(repeat.sum()), "dropped_launched": float(valid.loc[repeat, "launched"].sum())}
    return valid.loc[~repeat].reset_index(drop=True), stats


def _volume_measure(frame: pd.DataFrame) -> pd.Series:
    mapped = frame["weapon_class"].map(_CLASS_MEASURE)
    group = frame["weapon_group"]
    mapped = mapped.where(mapped.notna() | (group != "missile"), "missiles_other")
    mapped = mapped.where(mapped.notna() | (group != "drone"), "drones_decoy_or_unknown")
    return mapped  # NaN: glide bombs and 'other' in the Air Force rows, not counted here


def _air_force_volumes(rows: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Any]]:
    measure = _volume_measure(rows)
    launched = rows["launched"].to_numpy(dtype="float64")
    shahed = rows["is_shahed"].to_numpy(dtype="float64")
    is_attack = (measure == "drones_attack").to_numpy()
    split = is_attack & ~np.isnan(shahed)
    attack_part = np.where(split, np.minimum(shahed, launched), launched)
    over = int((split & (shahed > launched)).sum())
    shahed_type = rows["model"].str.contains("Shahed", case=False, regex=False).to_numpy()
    month = rows["time_end"].dt.to_period("M").dt.start_time
    parts = pd.DataFrame({"month": month, "measure": measure.to_numpy(), "value": np.where(is_attack, attack_part, launched)})
    decoys = pd.DataFrame({"month": month[split], "measure": "drones_decoy_or_unknown", "value": (launched - attack_part)[split]})
    unsplit = pd.DataFrame(
        {"month": month[is_attack & ~split & shahed_type], "measure": "drones_attack_incl_decoys", "value": launched[is_attack & ~split & shahed_type]}
    )
    long = pd.concat([parts.dropna(subset=["measure"]), decoys, unsplit], ignore_index=True)
    wide = long.pivot_table(index="month", columns="measure", values="value", aggfunc="sum", fill_value=0.0)
    left_out = rows.loc[measure.isna().to_numpy()]
    info = {
        "is_shahed_above_launched": over,
        "left_out": left_out.groupby("weapon_group")["launched"].sum().to_dict(),
    }
    return wide, info


def volume_monthly(events: pd.DataFrame) -> pd.DataFrame:
    """Missiles and drones launched per month, the Air Force part of ``strike_volume_monthly``.

    Counts valid national rows plus regional and other rows that do not repeat
    a national report (:func:`overlap_mask`), dated by the end of the attack
    window. Attack drones follow ``is_shahed`` where a row gives it (the rest
    are decoys); elsewhere Shahed-type rows count whole as attack drones and
    are also summed in ``drones_attack_incl_decoys``. Glide bombs are not in
    the reports: take them from ``official_statements`` (the bundled
    ``strike_volume_monthly`` does).

    Parameters
    ----------
    events
        The frame of :func:`aidstats.read_strike_events`.

    Returns
    -------
    pandas.DataFrame
        ``month`` (every month from the first to the last), the
        missiles_* and drones_* counts and ``drones_attack_incl_decoys``;
        ``attrs["aidstats"]`` holds ``dropped_rows`` and ``dropped_launched``
        (repeating regional rows), ``left_out`` (launches of other groups by
        group) and ``is_shahed_above_launched``.

    Examples
    --------
    >>> from aidstats import strikes
    >>> volume = strikes.volume_monthly(strikes._example_events())
    >>> int(volume[["missiles_cruise", "missiles_ballistic", "drones_attack"]].to_numpy().sum()) > 0
    True
    """
    from aidstats._core.vocab import AIR_FORCE_VOLUME

    rows, dropped = _volume_rows(events)
    wide, info = _air_force_volumes(rows)
    months = pd.date_range(wide.index.min(), wide.index.max(), freq="MS")
    wide = wide.reindex(months, fill_value=0.0)
    out = pd.DataFrame({"month": months})
    for measure in (*AIR_FORCE_VOLUME, "drones_attack_incl_decoys"):
        out[measure] = wide[measure].to_numpy() if measure in wide.columns else 0.0
    out.attrs["aidstats"] = {**dropped, **info}
    return out
