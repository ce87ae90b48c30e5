"""Builders of the strike totals: reporting_regimes, strikes_monthly, strikes_daily.

All come from the Air Force reports of the chosen release, read once by
:class:`~aidstats._build.inputs.BuildInputs` (flagged rows left out). Dating
is by the calendar date of ``time_end`` (see :mod:`aidstats.strikes`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aidstats import strikes
from aidstats._build.dataset import BuiltDataset, Column
from aidstats._build.inputs import BuildInputs
from aidstats._core import periods, regimes

__all__ = ["build", "excluded_note", "reporting_regimes", "strikes_daily", "strikes_monthly"]


def excluded_note(events: pd.DataFrame) -> str:
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
    """Check the regime dates encoded in aidstats._core.regimes against the data; raise if they moved."""
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


def reporting_regimes(inputs: BuildInputs) -> BuiltDataset:
    notes = _check_regimes(inputs.events)
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
            Column(
                "measure", "string", "The measure the regime is about: not_reach_goal or is_shahed"
            ),
            Column(
                "regime", "string", "Regime name: not_recorded, recorded, zero, not_split, split"
            ),
            Column(
                "start",
                "date",
                "First day of the regime (by the date of time_end); missing = from the first report",
            ),
            Column("end", "date", "Last day of the regime; missing = still in force"),
            Column(
                "missing_means_zero",
                "boolean",
                "Whether a missing value of the measure in this regime counts as 0 (not recorded) "
                "rather than unknown",
            ),
            Column(
                "description",
                "string",
                "What the reports did in this regime, with the exact dates found in the data",
            ),
        ),
        primary_key=("measure", "regime"),
        frame=frame,
        sources=(inputs.strike_source(),),
        version=inputs.strike_version,
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
    valid = events.loc[events["invalid_reason"] == ""]
    code = periods.freq_code(freq)
    when = periods.index_start_ns(
        periods.period_index(periods.to_ns(valid["time_end"]), code), code
    )
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
    out["decoys"] = check["decoys"].to_numpy()
    out["withheld_rows"] = check["withheld_rows"].to_numpy()
    for col in (
        "launched",
        "destroyed",
        "not_reach_goal",
        "n_reports",
        "destroyed_missing",
        "decoys",
        "withheld_rows",
    ):
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
    Column(
        "n_reports",
        "integer",
        "Number of report rows (one weapon model in one report) summed",
        "count",
    ),
    Column(
        "destroyed_missing",
        "integer",
        "Launches in rows that give no destroyed figure (rates leave them out of the trials)",
        "count",
    ),
    Column(
        "decoys",
        "integer",
        "Of launched, the decoys is_shahed separates in attack-drone rows (from mid-July 2025; before, decoys "
        "sit inside launched): attack drones proper are launched - decoys (aidstats._compute.strikes.decoys)",
        "count",
    ),
    Column(
        "withheld_rows",
        "integer",
        "Rows whose figures were withheld (status_data 'hidden'); above 0: the group's counts are lower bounds",
        "rows",
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
)


def _partial(inputs: BuildInputs) -> tuple[str, ...]:
    note = inputs.partial_month_note()
    return (note,) if note else ()


_GROUP_COLUMN = Column("weapon_group", "string", "missile, drone, glide_bomb or other")


def _totals_dataset(
    inputs: BuildInputs,
    *,
    freq: str,
    period: Column,
    name: str,
    title: str,
    description: str,
) -> BuiltDataset:
    """Totals per period x weapon group x class x scope, dated by the end of the window."""
    events = inputs.events
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
        sources=(inputs.strike_source(),),
        version=inputs.strike_version,
        period_column=period.name,
        notes=(*_COMMON_NOTES, *_partial(inputs), excluded_note(events), *inputs.loader_notes),
    )


def strikes_monthly(inputs: BuildInputs) -> BuiltDataset:
    return _totals_dataset(
        inputs,
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


def strikes_daily(inputs: BuildInputs) -> BuiltDataset:
    return _totals_dataset(
        inputs,
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


def build(inputs: BuildInputs) -> list[BuiltDataset]:
    return [reporting_regimes(inputs), strikes_monthly(inputs), strikes_daily(inputs)]
