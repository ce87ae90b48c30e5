"""Reshaping for the plot functions (pandas only, no matplotlib), and the tables figures are drawn from.

The first half turns the frames plot functions accept into what they draw
(wide tables per period, weapon groups, top N). The second half builds, once,
the table of each report figure that is not a statistics or aid result in
itself; the report draws the figure from that table and writes the same
table to ``tables/``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from aidstats._compute.strikes.decoys import move_decoys
from aidstats._core.periods import freq_code
from aidstats._core.vocab import AIR_FORCE_VOLUME, CLAIM_VOLUMES, WEAPON_GROUPS, group_of
from aidstats._draw.checks import as_datetime, numeric, pick, require, require_values
from aidstats._draw.footer import merge_source_lines
from aidstats.errors import DataValidationError

__all__ = [
    "bar_geometry",
    "category_month_table",
    "donor_category_table",
    "group_volume",
    "groups_wide",
    "infer_freq",
    "is_groups_wide",
    "is_volume_wide",
    "plot_freq",
    "resample_sum",
    "strikes_and_aid_table",
    "trend_breaks",
    "trend_table",
    "volume_groups",
    "volume_wide",
    "weapon_mix_table",
    "wide",
]

_PLOT_FREQS = ("M", "Q", "Y")

#: The measures of official statements as sums of strike_volume_monthly columns: the one rule of
#: :data:`aidstats._core.vocab.CLAIM_VOLUMES`, which :data:`aidstats.stats.MEASURES` follows too.
MEASURE_VOLUME: dict[str, tuple[str, ...]] = dict(CLAIM_VOLUMES)
_GROUPINGS = ("weapon_group", "measure")
_RESAMPLE_RULE = {"M": "MS", "Q": "QS", "Y": "YS"}
_BAR_DAYS = {"M": 30.4, "Q": 91.3, "Y": 365.25}


def plot_freq(freq: str) -> str:
    """The canonical code (``"M"``, ``"Q"``, ``"Y"``) of a plot frequency (``"month"``, ``"M"``, ...)."""
    try:
        return freq_code(freq, _PLOT_FREQS)
    except ValueError as exc:
        raise DataValidationError(
            f"freq must be 'month', 'quarter' or 'year' (or 'M', 'Q', 'Y'), not {freq!r}",
            [{"row": None, "column": "freq", "value": freq, "rule": "one of month/quarter/year"}],
        ) from exc


def wide(frame: pd.DataFrame, time: str, by: str | None, value: str, *, what: str) -> pd.DataFrame:
    """Sum ``value`` per time and ``by`` into a time-indexed wide frame (one column per key)."""
    require(frame, [time, value] + ([by] if by else []), what=what)
    require_values(frame, [value], what=what)
    keys = [time] + ([by] if by else [])
    tidy = pd.DataFrame({k: frame[k] for k in keys})
    tidy[time] = as_datetime(frame[time], what=what)
    if by:
        tidy[by] = frame[by].astype("string").fillna("unknown").astype(str)
    tidy["_v"] = numeric(frame, value)
    if by is None:
        out = tidy.groupby(time, sort=True)["_v"].sum(min_count=1).to_frame(value)
    else:
        out = tidy.pivot_table(index=time, columns=by, values="_v", aggfunc="sum", observed=True)
        out.columns = [str(c) for c in out.columns]
    out.index.name = "time"
    return out.sort_index()


def is_volume_wide(frame: pd.DataFrame) -> bool:
    """True for the wide strike_volume_monthly layout."""
    return any(c in frame.columns for c in AIR_FORCE_VOLUME)


def volume_wide(frame: pd.DataFrame, time: str, *, what: str, glide: bool) -> pd.DataFrame:
    """The strike_volume_monthly columns present, time-indexed (glide bombs only if ``glide``)."""
    cols = [c for c in AIR_FORCE_VOLUME if c in frame.columns]
    if glide and "glide_bombs" in frame.columns:
        cols.append("glide_bombs")
    require_values(frame, cols, what=what)
    out = pd.DataFrame({c: numeric(frame, c) for c in cols})
    out.index = pd.DatetimeIndex(as_datetime(frame[time], what=what), name="time")
    return out.groupby(level=0).sum(min_count=1).sort_index()


def is_groups_wide(frame: pd.DataFrame) -> bool:
    """True for a wide table with one column per weapon group (``missile``, ``drone``, ...)."""
    return any(c in frame.columns for c in WEAPON_GROUPS)


def groups_wide(frame: pd.DataFrame, time: str, *, what: str) -> pd.DataFrame:
    """The weapon-group columns present, time-indexed; periods with none of them are left out."""
    cols = [c for c in WEAPON_GROUPS if c in frame.columns]
    require_values(frame, cols, what=what)
    out = pd.DataFrame({c: numeric(frame, c) for c in cols})
    out.index = pd.DatetimeIndex(as_datetime(frame[time], what=what), name="time")
    return out.dropna(how="all").groupby(level=0).sum(min_count=1).sort_index()


def group_volume(frame: pd.DataFrame) -> pd.DataFrame:
    """Sum strike_volume_monthly columns into weapon groups (missile, drone, glide_bomb; else other)."""
    groups: dict[str, pd.Series] = {}
    for col in frame.columns:
        key = group_of(col) or "other"
        part = frame[col]
        groups[key] = part if key not in groups else groups[key].add(part, fill_value=0.0)
    return pd.DataFrame(groups, index=frame.index)


def volume_groups(
    volume: pd.DataFrame, *, by: str = "weapon_group", time: str | None = None
) -> pd.DataFrame:
    """Monthly strike volumes summed into weapon groups, or into the measures official statements use.

    Parameters
    ----------
    volume
        The wide ``strike_volume_monthly`` layout (``month`` and any of its
        count columns); other columns are ignored.
    by
        ``"weapon_group"``: ``missile`` (cruise, ballistic, mixed, other),
        ``drone`` (attack, decoy or unknown, reconnaissance), ``other``
        (unclassified weapons) and ``glide_bomb`` (claims from official
        statements; missing in months without one).
        ``"measure"``: ``missiles`` (all), ``ballistic_missiles`` (ballistic,
        aeroballistic and S-300/S-400 in ground attack), ``drones`` (attack and
        decoy or unknown: the long-range drones statements count, without
        reconnaissance drones) and ``glide_bombs``, as
        :func:`aidstats.stats.computed_for_claims` counts them.
    time
        Time column; ``month``, then ``period``, by default.

    Returns
    -------
    DataFrame
        Indexed by month (named after the time column), one float column per
        group or measure present; a sum is missing only where all its parts are.

    Examples
    --------
    >>> import pandas as pd
    >>> from aidstats.plots import volume_groups
    >>> volume = pd.DataFrame({"month": pd.to_datetime(["2025-06-01"]), "missiles_cruise": [150],
    ...                        "missiles_ballistic": [80], "missiles_other": [2], "drones_attack": [3000],
    ...                        "drones_decoy_or_unknown": [2400], "drones_reconnaissance": [40]})
    >>> volume_groups(volume).to_dict("records")
    [{'missile': 232.0, 'drone': 5440.0}]
    >>> volume_groups(volume, by="measure").to_dict("records")
    [{'missiles': 232.0, 'ballistic_missiles': 80.0, 'drones': 5400.0}]
    """
    what = "volume_groups"
    if by not in _GROUPINGS:
        raise DataValidationError(f"{what}: by must be 'weapon_group' or 'measure', not {by!r}")
    frame = require(volume, [], what=what)
    tcol = pick(frame, time, ("month", "period"), what=what, role="time")
    counts = volume_wide(frame, tcol, what=what, glide=True)
    if by == "weapon_group":
        out = group_volume(counts)
    else:
        parts = {m: [c for c in cols if c in counts.columns] for m, cols in MEASURE_VOLUME.items()}
        out = pd.DataFrame(
            {m: counts[cols].sum(axis=1, min_count=1) for m, cols in parts.items() if cols}
        )
    return out.astype("float64").rename_axis(tcol)


def resample_sum(frame: pd.DataFrame, freq: str) -> pd.DataFrame:
    """Sum a time-indexed frame to months, quarters or years (period starts)."""
    return frame.resample(_RESAMPLE_RULE[plot_freq(freq)]).sum(min_count=1)


def bar_geometry(index: pd.DatetimeIndex, freq: str) -> tuple[pd.DatetimeIndex, float]:
    """Centres and width (days) for bars covering each month, quarter or year."""
    days = _BAR_DAYS[plot_freq(freq)]
    centres = index + pd.to_timedelta(days / 2, unit="D")
    return pd.DatetimeIndex(centres), days * 0.82


def infer_freq(index: pd.DatetimeIndex) -> str:
    """``"M"``, ``"Q"`` or ``"Y"`` from the median spacing of a time index."""
    if len(index) < 2:
        return "M"
    gap = float(np.median(np.diff(index.asi8))) / 86_400e9
    return "M" if gap < 45 else "Q" if gap < 180 else "Y"


# --------------------------------------------------------------------------- figure tables


def _with_attrs(table: pd.DataFrame, source: pd.DataFrame) -> pd.DataFrame:
    table.attrs = dict(source.attrs)
    return table


def weapon_mix_table(monthly: pd.DataFrame) -> pd.DataFrame:
    """Launches per month and weapon class (the table of the weapon-mix figure).

    ``monthly`` is ``strikes_monthly``-shaped (month, weapon_class, launched,
    ``decoys``, any other keys); other keys are summed over. Decoys move from
    attack drones to decoy or unknown drones by the one decoy rule
    (:mod:`aidstats._compute.strikes.decoys`), as in the strike-volume figure.
    """
    return _with_attrs(move_decoys(monthly, ["month"]), monthly)


def trend_table(observed: pd.Series, fit: Any, breaks: Any) -> pd.DataFrame:
    """One row per month: observed, fitted trend with its band, and the segment the month is in.

    Parameters
    ----------
    observed
        The monthly series (indexed by month start), named after its measure.
    fit
        A segmented trend (:func:`aidstats.stats.segmented_trend`): its
        ``fitted`` frame (time, fitted, low, high) and ``segments`` (segment,
        start, pct_per_month, low, high).
    breaks
        The change points the segments come from (:func:`aidstats.stats.change_points`):
        the 95% range of each break's date (``break_low``, ``break_high``, on
        the rows of the segment it starts), its ``penalty`` and ``penalty_rule``.

    Returns
    -------
    DataFrame
        month, <measure>, fitted, low, high (the trend's band), segment,
        segment_start, pct_per_month, pct_per_month_low, pct_per_month_high,
        break_low, break_high, method (the trend model), candidate_break and
        candidate_p_value (the best single break tested, kept or not), penalty,
        penalty_rule.
    """
    name = str(observed.name) if observed.name is not None else "value"
    table = pd.DataFrame({"month": pd.DatetimeIndex(observed.index), name: observed.to_numpy()})
    fitted = fit.fitted.rename(columns={"time": "month"})[["month", "fitted", "low", "high"]]
    table = table.merge(fitted, on="month", how="left")
    segments = fit.segments.rename(
        columns={"start": "segment_start", "low": "pct_per_month_low", "high": "pct_per_month_high"}
    )
    segments["segment_start"] = segments["segment_start"].astype("datetime64[ns]")
    table["month"] = table["month"].astype("datetime64[ns]")
    table = pd.merge_asof(table, segments, left_on="month", right_on="segment_start")
    table = table.merge(_break_ranges(breaks), on="segment_start", how="left")
    table = table.assign(
        method=str(getattr(fit, "model", "") or fit.method),
        candidate_break=pd.Timestamp(breaks.candidate)
        if getattr(breaks, "candidate", None)
        else pd.NaT,
        candidate_p_value=float(getattr(breaks, "candidate_p_value", float("nan"))),
        penalty=breaks.penalty,
        penalty_rule=breaks.penalty_rule,
    )
    return _with_attrs(table, observed.to_frame())


def _break_ranges(breaks: Any) -> pd.DataFrame:
    """segment_start, break_low, break_high: the date range of each break (empty without one)."""
    found = getattr(breaks, "break_table", None)
    columns = ["segment_start", "break_low", "break_high"]
    if found is None or found.empty or not {"break", "low", "high"} <= set(found.columns):
        return pd.DataFrame({c: pd.Series(dtype="datetime64[ns]") for c in columns})
    ranges = found.rename(
        columns={"break": "segment_start", "low": "break_low", "high": "break_high"}
    )
    return ranges[columns].astype("datetime64[ns]")


def trend_breaks(table: pd.DataFrame) -> list[pd.Timestamp]:
    """The change points of a :func:`trend_table`: the start of every segment after the first."""
    starts = table.drop_duplicates("segment")["segment_start"]
    return [pd.Timestamp(s) for s in starts.iloc[1:]]


def donor_category_table(aid: pd.DataFrame) -> pd.DataFrame:
    """Allocations per donor and category, summed over months (the table of the aid-by-donor figure)."""
    table = aid.groupby(["donor", "category"], as_index=False)["eur_bn"].sum()
    return _with_attrs(table, aid)


def category_month_table(aid: pd.DataFrame) -> pd.DataFrame:
    """Allocations per month and category, summed over donors (the table of the aid-over-time figure)."""
    table = aid.groupby(["month", "category"], as_index=False)["eur_bn"].sum()
    return _with_attrs(table, aid)


def strikes_and_aid_table(
    volume: pd.DataFrame, aid: pd.DataFrame, category: str = "military"
) -> pd.DataFrame:
    """Per month: missiles and drones launched (Air Force reports) and the aid of one category allocated.

    Parameters
    ----------
    volume
        ``strike_volume_monthly`` (wide; glide bombs from statements are left out).
    aid
        ``aid_monthly`` (donor, month, category, eur_bn).
    category
        The aid category shown.

    Returns
    -------
    DataFrame
        month, one column per weapon group (``missile``, ``drone``), ``<category>_eur_bn``;
        a month missing from one source is missing in its columns.
    """
    what = "strikes_and_aid_table"
    groups = group_volume(volume_wide(volume, "month", what=what, glide=False))
    strikes = groups.rename_axis("month").reset_index()
    money = aid.loc[aid["category"] == category].groupby("month", as_index=False)["eur_bn"].sum()
    money = money.rename(columns={"eur_bn": f"{category}_eur_bn"})
    table = strikes.merge(money, on="month", how="outer").sort_values("month", kind="mergesort")
    table = table.reset_index(drop=True)
    table.attrs = {"aidstats": {"source_line": merge_source_lines(_source_lines(volume, aid))}}
    return table


def _source_lines(*frames: pd.DataFrame) -> list[str]:
    return [str(f.attrs.get("aidstats", {}).get("source_line", "")) for f in frames]
