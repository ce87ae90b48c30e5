"""Builders of ``strike_volume_monthly`` and ``glide_bombs_monthly``.

Missiles and drones come from the Air Force reports of the chosen release
(:func:`aidstats.strikes.volume_monthly`); glide bombs, which the reports do
not count, from every official statement of the chosen compilation
(:func:`aidstats._compute.strikes.glide_bombs.glide_bombs_monthly`).
"""

from __future__ import annotations

import pandas as pd

from aidstats import strikes
from aidstats._build.dataset import BuiltDataset, Column
from aidstats._build.inputs import BuildInputs
from aidstats._build.statements import official_statements
from aidstats._build.strike_totals import excluded_note
from aidstats._compute.strikes.decoys import DECOY_NOTE
from aidstats._compute.strikes.glide_bombs import MIN_COVERED_SHARE, glide_bombs_monthly
from aidstats._compute.strikes.volume import DEPRECATED_COLUMNS, VOLUME_DETAILS
from aidstats._core.vocab import AIR_FORCE_VOLUME, VOLUME_CLASSES

__all__ = ["build", "glide_bombs_table", "strike_volume_monthly"]

_AF_SOURCE = "air_force_reports"
_COUNT = "count"


def _typed_statements(inputs: BuildInputs) -> pd.DataFrame:
    frame = official_statements(inputs).frame.copy()
    for col in ("period_start", "period_end", "published"):
        frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d")
    return frame


def _glide(inputs: BuildInputs, months: pd.DatetimeIndex) -> pd.DataFrame:
    return glide_bombs_monthly(_typed_statements(inputs), months)


def _glide_source(table: pd.DataFrame) -> pd.Series:
    month = "official_statement:" + table["month_statements"].str.split("=").str[0]
    weekly = "weekly_estimate:" + table["weekly_statements"].str.replace("; ", "+", regex=False)
    return pd.Series(
        [
            m if b == "month_statement" else w if b == "weekly_estimate" else ""
            for b, m, w in zip(table["basis"], month, weekly, strict=True)
        ],
        index=table.index,
    )


def _agreement_note(table: pd.DataFrame) -> str:
    both = table.loc[table["agreement"].notna()]
    if both.empty:
        return (
            "No month has both a full-month statement and enough weekly coverage to compare them."
        )
    inside = (
        (both["glide_bombs"] >= both["weekly_low"]) & (both["glide_bombs"] <= both["weekly_high"])
    ).sum()
    ratios = ", ".join(
        f"{m:%Y-%m} {r:.2f}" for m, r in zip(both["month"], both["agreement"], strict=True)
    )
    return (
        f"Agreement where a full-month figure and a weekly estimate both exist ({len(both)} month(s)): "
        f"full-month / weekly = {ratios}; {inside} of {len(both)} full-month figures lie inside the weekly range."
    )


def _class_note() -> str:
    return "; ".join(
        f"{volume}: {', '.join(classes)}" for volume, classes in VOLUME_CLASSES.items()
    )


def strike_volume_monthly(inputs: BuildInputs) -> BuiltDataset:
    events = inputs.events
    volume = strikes.volume_monthly(events)
    info = volume.attrs["aidstats"]
    dropped = info
    months = pd.DatetimeIndex(volume["month"])
    glide = _glide(inputs, months)
    frame = pd.DataFrame({"month": months.strftime("%Y-%m")})
    for measure in AIR_FORCE_VOLUME:
        frame[measure] = volume[measure].round().astype("Int64").to_numpy()
        frame[f"{measure}_source"] = _AF_SOURCE
    for column in (*VOLUME_DETAILS, *DEPRECATED_COLUMNS):
        frame[column] = volume[column].round().astype("Int64").to_numpy()
    for column in ("glide_bombs", "glide_bombs_low", "glide_bombs_high"):
        frame[column] = glide[column].round().astype("Int64").to_numpy()
    frame["glide_bombs_source"] = _glide_source(glide).to_numpy()
    frame["glide_bombs_days_covered"] = glide["days_covered"].to_numpy()
    n_glide = int(frame["glide_bombs"].notna().sum())
    left = ", ".join(f"{k} {v:,.0f}" for k, v in sorted(info["left_out"].items()))
    notes = [
        "Missiles and drones: Air Force reports, national (kpszsu) rows plus regional and other rows "
        "that do not repeat a national report (same model, windows intersecting, same date of "
        f"time_end; aidstats.strikes.overlap_mask): {dropped['dropped_rows']} repeating rows with "
        f"{dropped['dropped_launched']:,.0f} launched left out. Dated by the date of time_end.",
        "Each weapon class counts in one column (aidstats._core.vocab.CLASS_VOLUME; weapon_catalog gives "
        "every model's class and the reason): "
        + _class_note()
        + ". Composite rows whose parts all count "
        "in one column count there (S-300/S-400 with Iskander-M as ballistic); a true mix (cruise with "
        "ballistic) is split by launched_details where the report gives the split, else counted in "
        "missiles_mixed, never folded into another column.",
        DECOY_NOTE
        + " drones_attack_unsplit gives, per month, the part of drones_attack from Shahed-type "
        "rows without an is_shahed figure (it replaces drones_attack_incl_decoys, kept for one release "
        "with the same values).",
        "withheld_rows counts the rows whose figures the Air Force withheld (status_data 'hidden', from "
        "2026-08-13 in the upstream file): their counts are missing, never 0, so a month with "
        "withheld_rows above 0 holds lower bounds.",
        f"Not counted: guided bombs in the Air Force rows ({left or 'none'}); glide bombs come from "
        "official statements instead.",
        "Glide bombs: official statements only (the Air Force reports do not count them), as in "
        "glide_bombs_monthly: a full-calendar-month statement where one exists (several: the Ministry of "
        "Defence first, else the earliest published); else a whole-month estimate from weekly and "
        f"part-month statements where they cover at least {MIN_COVERED_SHARE:.0%} of the month's days; else "
        "missing, never 0. glide_bombs_low/high give the range from the qualifiers and, for estimates, "
        f"the uncovered days. {n_glide} of {len(frame)} months have a figure.",
        *_partial(inputs),
        excluded_note(events),
    ]
    if info["is_shahed_above_launched"]:
        notes.append(
            f"{info['is_shahed_above_launched']} row(s) give is_shahed above launched; capped at launched."
        )
    columns: list[Column] = [
        Column("month", "yearmonth", "Calendar month (of the end of the attack window)")
    ]
    labels = {
        "missiles_cruise": "Cruise missiles launched (Kh-101/Kh-555, Kalibr, Iskander-K, Kh-59/Kh-69; anti-ship "
        "Kh-22/Kh-32, Kh-35, Oniks, Zircon)",
        "missiles_ballistic": "Ballistic missiles launched (Iskander-M/KN-23, aeroballistic Kh-47 Kinzhal, "
        "S-300/S-400 in ground attack)",
        "missiles_mixed": "Missiles in composite rows mixing kinds (cruise with ballistic) that the report does "
        "not split by model",
        "missiles_other": "Other missiles launched: anti-radiation and tactical (Kh-31 types), unclassified missiles",
        "drones_attack": "Attack drones launched (Shahed/Geran types, Lancet and others); includes decoys where "
        "the report does not split them (drones_attack_unsplit)",
        "drones_decoy_or_unknown": "Decoy drones (Gerbera and similar, from the is_shahed split), drones of "
        "unknown type and unclassified drones launched",
        "drones_reconnaissance": "Reconnaissance drones launched (Orlan, ZALA, Supercam and others)",
        "unclassified": "Weapons of models the catalogue does not know and whose name gives no group",
    }
    for measure in AIR_FORCE_VOLUME:
        columns += [
            Column(measure, "integer", labels[measure], "count"),
            Column(f"{measure}_source", "string", f"Where {measure} comes from: '{_AF_SOURCE}'"),
        ]
    columns += [
        Column(
            "drones_attack_unsplit",
            "integer",
            "Part of drones_attack from Shahed-type rows without an is_shahed split (attack drones and decoys together)",
            "count",
        ),
        Column(
            "withheld_rows",
            "integer",
            "Rows whose figures were withheld (status_data 'hidden'); above 0: the month's counts are lower bounds",
            "rows",
        ),
        Column(
            "drones_attack_incl_decoys",
            "integer",
            "Deprecated: the old name of drones_attack_unsplit (same values); removed in the next release",
            "count",
        ),
        Column(
            "glide_bombs",
            "integer",
            "Glide (guided aerial) bombs dropped, from official statements (see glide_bombs_monthly); missing "
            "where statements do not cover enough of the month",
            _COUNT,
        ),
        Column(
            "glide_bombs_low",
            "integer",
            "Lower end of the glide-bomb range (qualifiers, uncovered days)",
            _COUNT,
        ),
        Column("glide_bombs_high", "integer", "Upper end of the glide-bomb range", _COUNT),
        Column(
            "glide_bombs_source",
            "string",
            "Where glide_bombs comes from: 'official_statement:<statement_id>' (a full-month statement), "
            "'weekly_estimate:<id>+<id>...' (estimated from weekly statements) or '' when missing",
        ),
        Column(
            "glide_bombs_days_covered",
            "integer",
            "Days of the month covered by weekly or part-month statements",
            "days",
        ),
    ]
    return BuiltDataset(
        name="strike_volume_monthly",
        title="Missiles, drones and glide bombs launched at Ukraine, by month",
        description=(
            "One row per month: missiles (cruise, ballistic, mixed, other), drones (attack, decoy or "
            "unknown, reconnaissance) and unclassified weapons from the Ukrainian Air Force reports, "
            "national plus regional reports that do not repeat a national one; glide bombs from official "
            "statements (a "
            "full-month statement, else an estimate from weekly statements covering at least half the "
            "month, else missing), with their range. Every value has a source column."
        ),
        columns=tuple(columns),
        primary_key=("month",),
        frame=frame[[c.name for c in columns]],
        sources=(inputs.strike_source(), inputs.statements_source()),
        version=f"{inputs.strike_version}; official statements {inputs.releases['statements'].release} compilation",
        period_column="month",
        notes=tuple(notes),
    )


def _partial(inputs: BuildInputs) -> tuple[str, ...]:
    note = inputs.partial_month_note()
    return (note,) if note else ()


def glide_bombs_table(inputs: BuildInputs) -> BuiltDataset:
    months = pd.DatetimeIndex(strikes.volume_monthly(inputs.events)["month"])
    statements = _typed_statements(inputs)
    first = min(
        months.min(), statements.loc[statements["glide_bombs"].notna(), "period_start"].min()
    )
    table = glide_bombs_monthly(
        statements, pd.date_range(first.to_period("M").start_time, months.max(), freq="MS")
    )
    frame = table.copy()
    frame["month"] = frame["month"].dt.strftime("%Y-%m")
    for column in ("glide_bombs", "glide_bombs_low", "glide_bombs_high"):
        frame[column] = frame[column].round().astype("Int64")
    for column in (
        "covered_share",
        "covered_sum",
        "covered_low",
        "covered_high",
        "weekly_estimate",
        "weekly_low",
        "weekly_high",
        "agreement",
    ):
        frame[column] = frame[column].astype(float).round(4)
    counts = frame["basis"].value_counts()
    return BuiltDataset(
        name="glide_bombs_monthly",
        title="Glide bombs dropped on Ukraine per month, from every official statement",
        description=(
            "One row per month: the full-month official figure where one exists, else a whole-month estimate "
            "from the weekly and part-month statements that cover the month (only where they cover at least "
            f"{MIN_COVERED_SHARE:.0%} of its days), else missing; with the range implied by the qualifiers "
            "('over' a lower bound, 'nearly'/'up to' upper bounds, 'about' two-sided) and, for estimates, by "
            "the uncovered days. Weeks straddling two months are allocated by days. The coverage columns are "
            "filled for every month, so that full-month figures can be checked against the weekly sums."
        ),
        columns=(
            Column("month", "yearmonth", "Calendar month"),
            Column(
                "glide_bombs",
                "integer",
                "The month's figure (basis says which); missing where none",
                _COUNT,
            ),
            Column("glide_bombs_low", "integer", "Lower end of its range", _COUNT),
            Column("glide_bombs_high", "integer", "Upper end of its range", _COUNT),
            Column("basis", "string", "month_statement, weekly_estimate or '' (missing)"),
            Column(
                "month_statements",
                "string",
                "Every full-month statement: '<statement_id>=<figure>', the one used first",
            ),
            Column("days_in_month", "integer", "Days of the month", "days"),
            Column(
                "days_covered",
                "integer",
                "Days covered by weekly and part-month statements (no day twice)",
                "days",
            ),
            Column("covered_share", "number", "days_covered / days_in_month", "share"),
            Column(
                "covered_sum",
                "number",
                "Glide bombs stated for the covered days (straddling weeks allocated by days)",
                _COUNT,
            ),
            Column("covered_low", "number", "Lower end of covered_sum from the qualifiers", _COUNT),
            Column(
                "covered_high", "number", "Upper end of covered_sum from the qualifiers", _COUNT
            ),
            Column(
                "weekly_estimate",
                "number",
                "Whole-month estimate from the coverage; missing below the coverage rule",
                _COUNT,
            ),
            Column("weekly_low", "number", "Lower end of the estimate's range", _COUNT),
            Column("weekly_high", "number", "Upper end of the estimate's range", _COUNT),
            Column(
                "weekly_statements", "string", "statement_ids used for the coverage, '; '-joined"
            ),
            Column(
                "straddling",
                "integer",
                "Statements used here that straddle two months",
                "statements",
            ),
            Column(
                "agreement",
                "number",
                "Full-month figure / weekly estimate, where both exist",
                "ratio",
            ),
        ),
        primary_key=("month",),
        frame=frame,
        sources=(inputs.statements_source(),),
        version=f"official statements {inputs.releases['statements'].release} compilation",
        period_column="month",
        notes=(
            f"{int(counts.get('month_statement', 0))} month(s) from a full-month statement, "
            f"{int(counts.get('weekly_estimate', 0))} estimated from weekly coverage, "
            f"{int(counts.get('', 0))} missing.",
            f"The range of an estimate puts the uncovered days at the lowest and highest daily rate among the "
            f"month's statements, widened by {table.attrs['rate_spread']:.0%} (the mean week-to-week deviation "
            "of daily rates within a month, pooled over the compilation); a range, not a confidence interval.",
            _agreement_note(table),
        ),
    )


def build(inputs: BuildInputs) -> list[BuiltDataset]:
    return [strike_volume_monthly(inputs), glide_bombs_table(inputs)]
