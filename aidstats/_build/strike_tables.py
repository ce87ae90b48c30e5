"""Builders of the derived strike tables: reporting_regimes, strikes_monthly, strikes_daily,
strike_volume_monthly.

All come from the Air Force reports read by :func:`aidstats.read_strike_events`
(flagged rows left out) and, for glide bombs, the official statements. Dating
is by the calendar date of ``time_end`` (see :mod:`aidstats.strikes`).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from aidstats._build._common import IVANIUK, STATEMENTS, BuiltDataset, Column, source_with_files
from aidstats._core import periods, regimes
from aidstats._core.vocab import VOLUME_MEASURES

__all__ = [
    "VOLUME_MEASURES",
    "build",
    "reporting_regimes",
    "strike_volume_monthly",
    "strikes_daily",
    "strikes_monthly",
]

_DAILY_FILE = ("strikes", "missile_attacks_daily.csv")
_STATEMENTS_FILE = ("statements", "official_statements.csv")
_VERSION = "Air Force reports via P. Ivaniuk, 2026-04 snapshot"

_AF_SOURCE = "air_force_reports"


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------


def _read_events(raw_dir: Path) -> tuple[pd.DataFrame, list[str]]:
    """Events of the real file, and the loader's warnings (kept as sidecar notes)."""
    from aidstats.strike_events import read_strike_events

    path = raw_dir.joinpath(*_DAILY_FILE)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        events = read_strike_events(path)
    # The message names the file as given; keep the sidecar independent of the build's cwd.
    notes = [str(w.message).splitlines()[0].replace(str(path), path.name) for w in caught]
    return events, notes


def _ivaniuk(raw_dir: Path) -> dict[str, Any]:
    return source_with_files(IVANIUK, [raw_dir.joinpath(*_DAILY_FILE)])


def _excluded_note(events: pd.DataFrame) -> str:
    bad = events.loc[events["invalid_reason"] != ""]
    lines = ", ".join(str(int(x)) for x in sorted(set(bad["line"])))
    total = bad["launched"].sum()
    return (
        f"{len(bad)} flagged input row(s) left out (lines {lines or 'none'}; "
        f"{total:,.0f} launched where given); see aidstats.read_strike_events."
    )


# ---------------------------------------------------------------------------
# reporting_regimes
# ---------------------------------------------------------------------------


def _check_regimes(events: pd.DataFrame) -> list[str]:
    """Check the regime dates encoded in aidstats.strikes against the data; raise if they moved."""
    from aidstats import strikes

    valid = events.loc[events["invalid_reason"] == ""]
    end = valid["time_end"]
    nrg = valid["not_reach_goal"]
    national = valid["scope"] == "national"
    first_nrg = end[nrg.notna()].min()
    # The recorded regime ends with the last month in which most national Shahed-type rows still
    # give a positive value (a few later rows carry one; see the second note).
    shahed = national & valid["model"].str.contains("Shahed", regex=False)
    share = (nrg[shahed] > 0).groupby(end[shahed].dt.to_period("M")).mean()
    last_month = share[share > 0.5].index.max()
    last_pos = end[national & (nrg > 0) & (end.dt.to_period("M") <= last_month)].max()
    first_shahed = end[valid["is_shahed"].notna()].min()
    found = {
        "not_reach_goal first month": (f"{first_nrg:%Y-%m}", regimes.NRG_FIRST_MONTH),
        "not_reach_goal last month (most national Shahed rows positive)": (
            f"{last_month}",
            regimes.NRG_LAST_MONTH,
        ),
        "is_shahed first day": (f"{first_shahed:%Y-%m-%d}", regimes.IS_SHAHED_FIRST_DAY),
    }
    wrong = {k: v for k, v in found.items() if v[0] != v[1]}
    if wrong:
        raise ValueError(f"reporting regimes no longer match the data (found, encoded): {wrong}")
    later = valid.loc[national & (nrg > 0) & (end >= "2025-08-01")]
    return [
        f"Checked against the data: first not_reach_goal value in the window ending {first_nrg:%Y-%m-%d}; "
        f"last month in which most national Shahed-type rows give a positive value {last_month}, last positive national value up to then in the window ending {last_pos:%Y-%m-%d}; first is_shahed "
        f"value in the window ending {first_shahed:%Y-%m-%d}.",
        f"From August 2025, {len(later)} national row(s) still carry a positive not_reach_goal "
        f"({later['not_reach_goal'].sum():,.0f} in all); regional rows are not used to date the regimes.",
    ]


def reporting_regimes(raw_dir: Path, events: pd.DataFrame) -> BuiltDataset:
    from aidstats import strikes

    notes = _check_regimes(events)
    frame = regimes.regimes_frame()
    for col in ("start", "end"):
        frame[col] = frame[col].dt.strftime("%Y-%m-%d")
    return BuiltDataset(
        name="reporting_regimes",
        title="Reporting regimes of the Ukrainian Air Force strike reports",
        description=(
            "When the Air Force reports recorded which measure, and how: not_reach_goal "
            "('locationally lost') is not recorded before July 2024, recorded July 2024 to "
            "July 2025 and 0 from August 2025; is_shahed splits Shahed-type attack drones from "
            "decoys only from 2025-07-15. Rate functions and plots use this table to warn about "
            "and mark periods that mix regimes. Regime dates are inclusive; a missing start "
            "means 'from the first report', a missing end 'still in force'."
        ),
        columns=(
            Column("measure", "string", "The measure the regime is about: not_reach_goal or is_shahed"),
            Column("regime", "string", "Regime name: not_recorded, recorded, zero, not_split, split"),
            Column("start", "date", "First day of the regime (by the date of time_end); missing = from the first report"),
            Column("end", "date", "Last day of the regime; missing = still in force"),
            Column(
                "missing_means_zero",
                "boolean",
                "Whether a missing value of the measure in this regime counts as 0 (not recorded) "
                "rather than unknown",
            ),
            Column("description", "string", "What the reports did in this regime, with the exact dates found in the data"),
        ),
        primary_key=("measure", "regime"),
        frame=frame,
        sources=(_ivaniuk(raw_dir),),
        version=_VERSION,
        notes=tuple(notes),
    )


# ---------------------------------------------------------------------------
# strikes_monthly / strikes_daily
# ---------------------------------------------------------------------------


def _period_totals(events: pd.DataFrame, freq: str, by: list[str]) -> pd.DataFrame:
    """Valid rows by period of time_end: launched, destroyed, not_reach_goal, n_reports.

    ``destroyed``/``not_reach_goal`` are missing where no row of the group gave
    a value (not_reach_goal before July 2024), unlike to_periods which counts
    unrecorded values as 0.
    """
    from aidstats import strikes

    valid = events.loc[events["invalid_reason"] == ""]
    code = periods.freq_code(freq)
    when = periods.index_start_ns(periods.period_index(periods.to_ns(valid["time_end"]), code), code)
    frame = valid[by + ["launched", "destroyed", "not_reach_goal"]].copy()
    frame.insert(0, "period", when.view("datetime64[ns]"))
    frame["destroyed_missing"] = frame["launched"].where(frame["destroyed"].isna(), 0.0)
    grouped = frame.groupby(["period", *by], sort=True, observed=True)
    out = pd.DataFrame(
        {
            "launched": grouped["launched"].sum(),
            "destroyed": grouped["destroyed"].sum(min_count=1),
            "not_reach_goal": grouped["not_reach_goal"].sum(min_count=1),
            "n_reports": grouped.size(),
            "destroyed_missing": grouped["destroyed_missing"].sum(),
        }
    ).reset_index()
    check = strikes.to_periods(events, freq, by=by, count_overlaps=False)
    if not np.array_equal(out["launched"].to_numpy(), check["launched"].to_numpy()):
        raise ValueError("period totals disagree with aidstats.strikes.to_periods")
    for col in ("launched", "destroyed", "not_reach_goal", "n_reports", "destroyed_missing"):
        out[col] = out[col].round().astype("Int64")
    return out


_MEASURE_COLUMNS = (
    Column("launched", "integer", "Number launched, summed over the reports", "count"),
    Column(
        "destroyed",
        "integer",
        "Number shot down; missing where no report of the group gave a figure",
        "count",
    ),
    Column(
        "not_reach_goal",
        "integer",
        "Number 'locationally lost' (did not reach a target, mostly to electronic warfare); "
        "missing where no report of the group gave a figure (the column starts in July 2024 and "
        "is 0 by practice from August 2025; see reporting_regimes)",
        "count",
    ),
    Column("n_reports", "integer", "Number of report rows (one weapon model in one report) summed", "count"),
    Column(
        "destroyed_missing",
        "integer",
        "Launches in rows that give no destroyed figure (rates leave them out of the trials)",
        "count",
    ),
)
_SCOPE_COLUMN = Column(
    "scope",
    "string",
    "Who reported: national (Air Force Command, kpszsu), regional (regional air commands), "
    "other (General Staff, Commander-in-Chief, web pages)",
)
_CLASS_COLUMN = Column("weapon_class", "string", "Weapon class from the weapon catalogue")
_COMMON_NOTES = (
    "Dated by the calendar date of time_end (Kyiv local time as reported); use "
    "aidstats.strikes.to_periods on the events for the start, night-of or split datings.",
    "Regional rows mostly report kills only (launched equals destroyed) and some repeat a "
    "national report of the same model and window; filter on scope rather than summing scopes "
    "for rates (aidstats.strikes.overlaps lists the overlaps).",
    "The last month (2026-04) holds only the reports to 2026-04-05.",
)


_GROUP_COLUMN = Column("weapon_group", "string", "missile, drone, glide_bomb or other")


def _totals_dataset(
    raw_dir: Path,
    events: pd.DataFrame,
    loader_notes: list[str],
    *,
    freq: str,
    period: Column,
    name: str,
    title: str,
    description: str,
) -> BuiltDataset:
    """Totals per period x weapon group x class x scope, dated by the end of the window."""
    frame = _period_totals(events, freq, ["weapon_group", "weapon_class", "scope"])
    frame = frame.rename(columns={"period": period.name})
    fmt = "%Y-%m" if period.type == "yearmonth" else "%Y-%m-%d"
    frame[period.name] = frame[period.name].dt.strftime(fmt)
    columns = (period, _GROUP_COLUMN, _CLASS_COLUMN, _SCOPE_COLUMN, *_MEASURE_COLUMNS)
    return BuiltDataset(
        name=name,
        title=title,
        description=description,
        columns=columns,
        primary_key=(period.name, "weapon_group", "weapon_class", "scope"),
        frame=frame[[c.name for c in columns]],
        sources=(_ivaniuk(raw_dir),),
        version=_VERSION,
        period_column=period.name,
        notes=(*_COMMON_NOTES, _excluded_note(events), *loader_notes),
    )


def strikes_monthly(raw_dir: Path, events: pd.DataFrame, loader_notes: list[str]) -> BuiltDataset:
    return _totals_dataset(
        raw_dir,
        events,
        loader_notes,
        freq="M",
        period=Column("month", "yearmonth", "Month of the end of the attack window"),
        name="strikes_monthly",
        title="Missiles and drones launched at Ukraine, by month, weapon class and reporter",
        description=(
            "Monthly totals of the Ukrainian Air Force strike reports (digitised by P. Ivaniuk): "
            "launched, destroyed and 'locationally lost' (not_reach_goal) by weapon group, weapon "
            "class and reporting scope, dated by the end of each attack window. Flagged rows are "
            "left out. Sum the scopes only knowing that regional reports can repeat national ones."
        ),
    )


def strikes_daily(raw_dir: Path, events: pd.DataFrame, loader_notes: list[str]) -> BuiltDataset:
    return _totals_dataset(
        raw_dir,
        events,
        loader_notes,
        freq="D",
        period=Column("day", "date", "Calendar date of the end of the attack window"),
        name="strikes_daily",
        title="Missiles and drones launched at Ukraine, by day, weapon group and class, and reporter",
        description=(
            "Daily totals of the Ukrainian Air Force strike reports (digitised by P. Ivaniuk): "
            "launched, destroyed and 'locationally lost' (not_reach_goal) by weapon class and "
            "reporting scope, dated by the calendar date of the end of each attack window (an "
            "overnight raid counts on the morning it ended). Days without reports have no rows. "
            "Flagged rows are left out."
        ),
    )


# ---------------------------------------------------------------------------
# strike_volume_monthly
# ---------------------------------------------------------------------------


def _statements(raw_dir: Path) -> pd.DataFrame:
    from aidstats._build.statements import official_statements

    frame = official_statements(raw_dir).frame
    frame = frame.loc[frame["glide_bombs"].notna()].copy()
    for col in ("period_start", "period_end"):
        frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d")
    return frame


def _pick_monthly(candidates: pd.DataFrame) -> tuple[pd.Series, str | None]:
    """Ministry of Defence first (it counts glide bombs systematically), then the earliest statement."""
    ranked = candidates.assign(
        _mod=~candidates["speaker"].str.contains("Ministry of Defence", regex=False)
    ).sort_values(["_mod", "statement_id"], kind="mergesort")
    chosen = ranked.iloc[0]
    conflict = None
    if candidates["glide_bombs"].nunique() > 1:
        others = "; ".join(
            f"{r.speaker} {r.glide_bombs:,} ({r.glide_bombs_qualifier}, statement {r.statement_id})"
            for r in ranked.iloc[1:].itertuples()
        )
        conflict = (
            f"{chosen['period_start']:%Y-%m} glide bombs: chose {chosen['speaker']} "
            f"{chosen['glide_bombs']:,} (statement {chosen['statement_id']}) over {others}."
        )
    return chosen, conflict


def _weekly_cover(weeks: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame | None:
    """The weekly statements inside the month if they tile it exactly (no gap, no overlap)."""
    inside = weeks.loc[(weeks["period_start"] >= start) & (weeks["period_end"] <= end)]
    if inside.empty:
        return None
    days = np.zeros((end - start).days + 1, dtype="int64")
    for s, e in zip(inside["period_start"], inside["period_end"], strict=True):
        days[(s - start).days : (e - start).days + 1] += 1
    return inside if (days == 1).all() else None


def _glide_bombs(raw_dir: Path, months: pd.DatetimeIndex) -> tuple[pd.DataFrame, list[str]]:
    statements = _statements(raw_dir)
    month_rows = statements.loc[statements["period_kind"] == "month"]
    week_rows = statements.loc[statements["period_kind"] == "week"]
    values: list[int | None] = []
    sources: list[str] = []
    notes: list[str] = []
    for month in months:
        end = month + pd.offsets.MonthEnd(0)
        exact = month_rows.loc[(month_rows["period_start"] == month) & (month_rows["period_end"] == end)]
        if len(exact):
            chosen, conflict = _pick_monthly(exact)
            values.append(int(chosen["glide_bombs"]))
            sources.append(f"official_statement:{chosen['statement_id']}")
            if conflict:
                notes.append(conflict)
            continue
        cover = _weekly_cover(week_rows, month, end)
        if cover is not None:
            values.append(int(cover["glide_bombs"].sum()))
            sources.append("official_weekly_sum:" + "+".join(str(i) for i in cover["statement_id"]))
            continue
        values.append(None)
        sources.append("")
    frame = pd.DataFrame({"glide_bombs": pd.array(values, dtype="Int64"), "glide_bombs_source": sources}, index=months)
    return frame, notes


def strike_volume_monthly(raw_dir: Path, events: pd.DataFrame) -> BuiltDataset:
    from aidstats import strikes

    volume = strikes.volume_monthly(events)
    info = volume.attrs["aidstats"]
    dropped = info
    months = pd.DatetimeIndex(volume["month"])
    glide, conflicts = _glide_bombs(raw_dir, months)
    frame = pd.DataFrame({"month": months.strftime("%Y-%m")})
    for measure in VOLUME_MEASURES[:-1]:
        frame[measure] = volume[measure].round().astype("Int64").to_numpy()
        frame[f"{measure}_source"] = _AF_SOURCE
    frame["drones_attack_incl_decoys"] = volume["drones_attack_incl_decoys"].round().astype("Int64").to_numpy()
    frame["glide_bombs"] = glide["glide_bombs"].to_numpy()
    frame["glide_bombs_source"] = glide["glide_bombs_source"].to_numpy()
    n_glide = int(frame["glide_bombs"].notna().sum())
    left = ", ".join(f"{k} {v:,.0f}" for k, v in sorted(info["left_out"].items()))
    notes = [
        "Missiles and drones: Air Force reports, national (kpszsu) rows plus regional and other rows "
        "that do not repeat a national report (same model, windows intersecting, same date of "
        f"time_end; aidstats.strikes.overlap_mask): {dropped['dropped_rows']} repeating rows with "
        f"{dropped['dropped_launched']:,.0f} launched left out. Dated by the date of time_end.",
        "missiles_ballistic includes the aeroballistic Kh-47 Kinzhal with ballistic missiles "
        "(Iskander-M, KN-23 and others); missiles_other holds S-300/S-400 in ground-attack role, "
        "anti-ship missiles (Oniks, Zircon), composite rows mixing classes and unidentified missiles.",
        "drones_attack follows the data: where a Shahed-136/131 row gives is_shahed (from 2025-07-15, "
        "gaps until September 2025) only is_shahed counts as attack drones and the rest goes to "
        "drones_decoy_or_unknown; where it does not (all rows before 2025-07-15), the whole row counts "
        "as attack drones, decoys included. drones_attack_incl_decoys gives that unsplit part.",
        f"Not counted: Air Force rows of other groups ({left or 'none'}).",
        "Glide bombs: official statements only (the Air Force reports do not count them). A full-"
        "calendar-month statement where one exists (several: the Ministry of Defence first, else the "
        "earliest statement); else the sum of weekly statements when they tile the month exactly "
        "(no gap, no overlap); else missing, never 0. Figures are claims, often rounded ('over', "
        f"'about'): see official_statements for qualifiers. {n_glide} of {len(frame)} months have a figure.",
        *conflicts,
        "The last month (2026-04) holds only the reports to 2026-04-05.",
        _excluded_note(events),
    ]
    if info["is_shahed_above_launched"]:
        notes.append(f"{info['is_shahed_above_launched']} row(s) give is_shahed above launched; capped at launched.")
    columns: list[Column] = [Column("month", "yearmonth", "Calendar month (of the end of the attack window)")]
    labels = {
        "missiles_cruise": "Cruise missiles launched (Kh-101/Kh-555, Kalibr, Iskander-K, Kh-59/Kh-69, Kh-22 and others)",
        "missiles_ballistic": "Ballistic and aeroballistic missiles launched (Iskander-M/KN-23, Kh-47 Kinzhal and others)",
        "missiles_other": "Other missiles launched: S-300/S-400 in ground-attack role, anti-ship missiles, mixed composite rows, unidentified",
        "drones_attack": "Attack drones launched (Shahed/Geran types, Lancet and others); includes decoys where the report does not split them",
        "drones_decoy_or_unknown": "Decoy drones (Gerbera and similar, from the is_shahed split) and drones of unknown type launched",
        "drones_reconnaissance": "Reconnaissance drones launched (Orlan, ZALA, Supercam and others)",
    }
    for measure in VOLUME_MEASURES[:-1]:
        columns += [
            Column(measure, "integer", labels[measure], "count"),
            Column(f"{measure}_source", "string", f"Where {measure} comes from: '{_AF_SOURCE}'"),
        ]
    columns += [
        Column(
            "drones_attack_incl_decoys",
            "integer",
            "Part of drones_attack from Shahed-type rows without an is_shahed split (attack drones and decoys together)",
            "count",
        ),
        Column("glide_bombs", "integer", "Glide (guided aerial) bombs dropped, as officially stated; missing where no statement covers the month", "count"),
        Column(
            "glide_bombs_source",
            "string",
            "Where glide_bombs comes from: 'official_statement:<statement_id>', "
            "'official_weekly_sum:<id>+<id>...' (official_statements ids) or '' when missing",
        ),
    ]
    return BuiltDataset(
        name="strike_volume_monthly",
        title="Missiles, drones and glide bombs launched at Ukraine, by month",
        description=(
            "One row per month: missiles (cruise, ballistic, other) and drones (attack, decoy or "
            "unknown, reconnaissance) from the Ukrainian Air Force reports, national plus regional "
            "reports that do not repeat a national one; glide bombs from official statements (a "
            "monthly statement, else whole-month weekly statements, else missing). Every value has "
            "a source column."
        ),
        columns=tuple(columns),
        primary_key=("month",),
        frame=frame[[c.name for c in columns]],
        sources=(_ivaniuk(raw_dir), source_with_files(STATEMENTS, [raw_dir.joinpath(*_STATEMENTS_FILE)])),
        version=f"{_VERSION}; official statements 2026-11 compilation",
        period_column="month",
        notes=tuple(notes),
    )


def build(raw_dir: Path) -> list[BuiltDataset]:
    events, loader_notes = _read_events(raw_dir)
    return [
        reporting_regimes(raw_dir, events),
        strikes_monthly(raw_dir, events, loader_notes),
        strikes_daily(raw_dir, events, loader_notes),
        strike_volume_monthly(raw_dir, events),
    ]
