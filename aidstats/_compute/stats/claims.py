"""Official claims against bottom-up counts: the claims table, the counts with their sensitivity, one verdict.

A count from the Air Force reports is not one number: dating a night's raid
by the start or the end of its window moves monthly totals (38% of claims by
more than 2%, some by half), and national summaries against all reporters
moves them again. :func:`computed_for_claims` therefore gives, besides the
count under the default definition (national reports, dated by the end of the
window), its range over dating (end, start, night) and scope (national, all
reporters: regional reports summed in, an upper bound since some repeat a
national one). :func:`~aidstats._compute.stats.reconcile.reconcile` judges a
claim consistent when that range meets the range the claim's qualifier
allows (:data:`aidstats._core.vocab.QUALIFIER_BOUNDS`).

Every function takes its data; :mod:`aidstats.stats` loads the bundled
statements and strike tables when none are given.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from aidstats._compute.stats.claim_periods import claim_period
from aidstats._compute.stats.events import DATINGS, event_days, valid_rows
from aidstats._compute.stats.reconcile import reconcile
from aidstats._core.results import Result
from aidstats._core.vocab import CLAIM_CLASSES, QUALIFIER_BOUNDS, WEAPON_CLASSES, group_of

__all__ = [
    "CLASS_GROUPS",
    "MEASURES",
    "MEASURE_DEFINITIONS",
    "ClaimCheck",
    "check_claim",
    "claim_period",
    "claims_from_statements",
    "claims_table",
    "computed_for_claims",
]

#: How each claimed measure is counted bottom-up from strike events (columns of
#: :func:`aidstats.read_strike_events`): (column, allowed values). Missiles are
#: every missile class (composites included); ballistic includes the
#: aeroballistic Kinzhal and S-300/S-400 fired at ground targets (they fly
#: ballistic paths, and the reports list them with Iskander-M: the one rule of
#: aidstats._core.vocab.CLAIM_CLASSES); drones are
#: attack drones and decoys (officials count both), not reconnaissance drones.
#: Glide bombs map to nothing: the Air Force reports list only a handful of
#: guided bombs, so a glide-bomb claim is "not checkable", never compared with a
#: near-zero count.
MEASURES: dict[str, tuple[str, tuple[str, ...]]] = {
    "missiles": ("weapon_group", ("missile",)),
    "ballistic_missiles": ("weapon_class", CLAIM_CLASSES["ballistic_missiles"]),
    "drones": ("weapon_class", CLAIM_CLASSES["drones"]),
    "glide_bombs": ("weapon_group", ()),
}

#: The words of each measure's definition, for results and captions.
MEASURE_DEFINITIONS: dict[str, str] = {
    "missiles": "missiles of every class (composites included) launched",
    "ballistic_missiles": "ballistic missiles launched (Iskander-M/KN-23, Kinzhal, S-300/S-400 "
    "against ground targets)",
    "drones": "attack drones and decoys launched (reconnaissance drones left out)",
    "glide_bombs": "glide bombs: not counted in the Air Force reports",
}

#: Weapon group of each weapon class, for event tables without a ``weapon_group``
#: column. A class without a group (``unknown``) is "other", so that an
#: unidentified weapon is never counted as a missile or a drone.
CLASS_GROUPS: dict[str, str] = {c: group_of(c) or "other" for c in WEAPON_CLASSES}

_DEFAULT = ("end", "national")
_VARIANTS = tuple((d, s) for d in DATINGS for s in ("national", None))


def claims_from_statements(
    statements: pd.DataFrame,
    *,
    period_kind: str | Sequence[str] | None = "month",
) -> pd.DataFrame:
    """Official statements as a long table of claims, one row per statement and measure.

    Parameters
    ----------
    statements
        The ``official_statements`` dataset (one row per statement, a column
        per measure with its ``<measure>_qualifier`` and ``<measure>_remark``).
    period_kind
        Keep statements of this kind (``"month"``, ``"week"``, ``"other"``);
        ``None`` keeps all.

    Examples
    --------
    >>> import pandas as pd
    >>> from aidstats import datasets
    >>> from aidstats._compute.stats.claims import claims_from_statements
    >>> claims = claims_from_statements(datasets.load("official_statements"))
    >>> june = claims.loc[claims["period_start"] == pd.Timestamp("2025-06-01")]
    >>> june[["measure", "claimed", "qualifier"]].to_numpy().tolist()[:2]
    [['missiles', 330, 'over'], ['ballistic_missiles', 80, 'nearly']]
    """
    frame = statements
    if period_kind is not None:
        kinds = [period_kind] if isinstance(period_kind, str) else list(period_kind)
        frame = frame.loc[frame["period_kind"].isin(kinds)]
    parts = []
    for measure in MEASURES:
        part = frame.loc[frame[measure].notna()]
        parts.append(
            pd.DataFrame(
                {
                    "statement_id": part["statement_id"].to_numpy(),
                    "period_start": part["period_start"].to_numpy(),
                    "period_end": part["period_end"].to_numpy(),
                    "period_kind": part["period_kind"].to_numpy(),
                    "measure": measure,
                    "claimed": part[measure].astype("int64").to_numpy(),
                    "qualifier": part[f"{measure}_qualifier"].to_numpy(),
                    "remark": part[f"{measure}_remark"].fillna("").to_numpy(),
                    "speaker": part["speaker"].to_numpy(),
                    "source_url": part["source_url"].to_numpy(),
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    order = {m: i for i, m in enumerate(MEASURES)}
    out = out.assign(_m=out["measure"].map(order))
    out = out.sort_values(["period_start", "period_end", "speaker", "_m"], kind="stable")
    return out.drop(columns="_m").reset_index(drop=True)


def _counts(
    ev: pd.DataFrame, claims: pd.DataFrame, days: pd.Series, measures: Mapping[str, Any]
) -> np.ndarray:
    """Launches per claim over its period (NaN where the measure is never in the events)."""
    out = np.full(len(claims), np.nan)
    for i, claim in enumerate(claims.itertuples(index=False)):
        column, values = measures[claim.measure]
        chosen = ev[column].isin(list(values))
        if values and chosen.any():  # a measure the events never contain is not computable
            in_window = (days >= claim.period_start) & (days <= claim.period_end)
            out[i] = float(ev.loc[chosen & in_window, "launched"].sum())
    return out


def _daily_days(events: pd.DataFrame, dating: str) -> pd.Series | None:
    """Days of a daily table (dated by the end of the window only); None for another dating."""
    return events["day"] if dating == "end" else None


def computed_for_claims(
    events: pd.DataFrame,
    claims: pd.DataFrame,
    *,
    scope: str | None = "national",
    date_by: str = "end",
    measures: Mapping[str, tuple[str, Sequence[str]]] = MEASURES,
    sensitivity: bool = True,
) -> pd.DataFrame:
    """Bottom-up launches over each claim's period, from strike events, with its sensitivity range.

    Parameters
    ----------
    events
        Strike events (the frame of :func:`aidstats.read_strike_events`;
        flagged rows are left out; a ``salvo`` table in long form works
        too), or the bundled ``strikes_daily`` table (``day``,
        ``weapon_group``, ``weapon_class``, ``scope``, ``launched``), which is
        dated by the end of the window only.
    claims
        Output of :func:`claims_from_statements` (keys ``statement_id``,
        ``measure``, ``period_start``, ``period_end``).
    scope
        The default count's reporter scope (national summaries, so that
        regional reports are not summed with the summaries that contain them).
    date_by
        ``"end"`` (default: an overnight raid counts on the morning it ends),
        ``"start"`` or ``"night"``: which end of the attack window dates an
        event for the default count.
    measures
        Mapping measure -> (column, values) defining what is counted.
    sensitivity
        Add ``computed_low``/``computed_high``: the smallest and largest count
        over dating (end, start, night) and scope (national, all reporters).

    Returns
    -------
    DataFrame
        statement_id, measure, computed (NaN where the measure cannot be
        counted from events, e.g. glide bombs absent from the data) and, with
        ``sensitivity``, computed_low, computed_high.
    """
    ev = valid_rows(events)
    if "weapon_group" not in ev.columns:
        ev = ev.assign(weapon_group=ev["weapon_class"].map(CLASS_GROUPS).fillna("other"))
    daily = "day" in ev.columns and "time_end" not in ev.columns
    if daily and date_by != "end":
        raise ValueError("a daily table is dated by the end of the window; use date_by='end'")
    out = claims[["statement_id", "measure"]].reset_index(drop=True)
    variants = [(date_by, scope)] + (list(_VARIANTS) if sensitivity else [])
    counts = []
    for dating, variant_scope in variants:
        rows = (
            ev
            if variant_scope is None or "scope" not in ev.columns
            else ev.loc[ev["scope"] == variant_scope]
        )
        days = _daily_days(rows, dating) if daily else event_days(rows, dating)
        if days is None:
            continue
        counts.append(_counts(rows, claims, days, measures))
    out["computed"] = counts[0]
    if sensitivity:
        stacked = np.vstack(counts)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN: a measure never counted
            out["computed_low"] = np.nanmin(stacked, axis=0)
            out["computed_high"] = np.nanmax(stacked, axis=0)
    return out


@dataclasses.dataclass(frozen=True, kw_only=True)
class ClaimCheck(Result):
    """An official figure against the reports' count.

    ``estimate`` (also ``counted``) is the count under the default
    definition; ``low``/``high`` its *sensitivity range* over dating and
    reporter scope (not a confidence interval); ``claim_low``/``claim_high``
    the range of the true value the claim's qualifier allows. ``verdict`` is
    ``"consistent"``, ``"inconsistent"`` or ``"not checkable"`` (with
    ``reason``); ``direction`` says whether the claim is above or below the
    count.
    """

    counted: float = float("nan")
    measure: str = ""
    period_start: pd.Timestamp | None = None
    period_end: pd.Timestamp | None = None
    claimed: float = float("nan")
    qualifier: str = "exact"
    claim_low: float = float("nan")
    claim_high: float = float("nan")
    verdict: str = ""
    direction: str = ""
    definition: str = ""
    reason: str = ""


def claims_table(claims: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Every claim with its count, sensitivity range, claim range, verdict and direction.

    Claims whose period the events do not cover (before the first or after
    the last day of the data) are "not checkable", as are measures the
    reports do not count.
    """
    computed = computed_for_claims(events, claims)
    keyed = claims.reset_index(drop=True).assign(_row=range(len(claims)))
    table = reconcile(computed.assign(_row=range(len(computed))), keyed, on=["_row"])
    first, last = _coverage(events)
    outside = (table["period_start"] < first) | (table["period_end"] > last)
    return _verdicts(table, outside, first, last).drop(columns="_row")


def _coverage(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    ev = valid_rows(events)
    if "time_end" in ev.columns:
        return ev["time_start"].min().normalize(), ev["time_end"].max().normalize()
    return ev["day"].min(), ev["day"].max()


def _verdicts(table: pd.DataFrame, outside: pd.Series, first: Any, last: Any) -> pd.DataFrame:
    verdict = np.where(table["consistent"].fillna(False).astype(bool), "consistent", "inconsistent")
    reason = np.where(table["note"] != "", table["note"], "")
    unknown = table["consistent"].isna().to_numpy()
    verdict = np.where(unknown, "not checkable", verdict)
    span = f"the data cover {first:%Y-%m-%d} to {last:%Y-%m-%d}"
    reason = np.where(outside, f"the period is not covered by the data ({span})", reason)
    verdict = np.where(outside, "not checkable", verdict)
    direction = np.where(verdict == "not checkable", "", table["direction"])
    out = table.assign(verdict=verdict, direction=direction, reason=reason)
    # A count over days the data do not cover is no count (it would read as "0 counted"), and
    # nothing computed from it stands: the difference, the ratio, the check against the claim.
    uncovered = np.asarray(outside, dtype=bool)
    derived = ("computed", "computed_low", "computed_high", "difference", "ratio", "lower", "upper")
    out.loc[uncovered, [c for c in derived if c in out.columns]] = np.nan
    if "consistent" in out.columns and uncovered.any():
        out["consistent"] = out["consistent"].astype("boolean").mask(uncovered)
    glide = out["measure"].eq("glide_bombs")
    out.loc[glide, "reason"] = "the Air Force reports do not count glide bombs"
    return out


def check_claim(
    measure: str,
    period: Any,
    value: float,
    *,
    qualifier: str = "exact",
    events: pd.DataFrame,
) -> ClaimCheck:
    """One official figure against the count from ``events`` (see :func:`aidstats.stats.check_claim`)."""
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; use one of {sorted(MEASURES)}")
    if qualifier not in QUALIFIER_BOUNDS:
        raise ValueError(f"unknown qualifier {qualifier!r}; use one of {sorted(QUALIFIER_BOUNDS)}")
    if not (np.isfinite(value) and value >= 0):
        raise ValueError(f"the claimed figure must be a number of 0 or more, not {value!r}")
    start, end = claim_period(period)
    claims = pd.DataFrame(
        {
            "statement_id": ["claim"],
            "period_start": [start],
            "period_end": [end],
            "measure": [measure],
            "claimed": [float(value)],
            "qualifier": [qualifier],
        }
    )
    row = claims_table(claims, events).iloc[0]
    counted = float(row["computed"])
    return ClaimCheck(
        estimate=counted,
        low=float(row["computed_low"]),
        high=float(row["computed_high"]),
        alpha=float("nan"),
        method="count from the Air Force reports (national, dated by the window's end); "
        "low/high: sensitivity range over dating (end, start, night) and scope (national, all "
        "reporters), not a confidence interval",
        n=1,
        notes=(
            "low/high is a sensitivity range over attribution and scope, not a confidence interval",
        ),
        counted=counted,
        measure=measure,
        period_start=start,
        period_end=end,
        claimed=float(value),
        qualifier=qualifier,
        claim_low=float(row["claim_low"]),
        claim_high=float(row["claim_high"]),
        verdict=str(row["verdict"]),
        direction=str(row["direction"]),
        definition=MEASURE_DEFINITIONS[measure],
        reason=str(row["reason"]),
    )
