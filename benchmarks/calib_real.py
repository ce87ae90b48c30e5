"""Calibration rows measured on the real data: the partial last month, and claims under dating choices."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
from calib_sims import Row

#: The tolerances of the former reconcile: computed / claimed accepted per qualifier.
OLD_TOLERANCES = {
    "exact": (0.98, 1.02),
    "about": (0.90, 1.10),
    "nearly": (0.90, 1.02),
    "over": (0.98, 1.25),
}


def _national_drones(events: pd.DataFrame) -> pd.Series:
    keep = (events["invalid_reason"] == "") & (events["scope"] == "national")
    drones = events.loc[
        keep & events["weapon_class"].isin(["attack_drone", "decoy_or_unknown_drone"])
    ]
    return (
        drones.groupby(drones["time_end"].dt.to_period("M").dt.start_time)["launched"]
        .sum()
        .astype(float)
    )


def partial_month(events: pd.DataFrame) -> list[Row]:
    """Trend of the last 12 months of national drones, with the snapshot's partial month at the end."""
    from aidstats.stats import trend

    series = _national_drones(events)
    last_day = events.loc[events["invalid_reason"] == "", "time_end"].max().normalize()
    last12 = series.tail(12)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        old = trend(last12, model="poisson")
        new = trend(last12, last_day=last_day)
        complete = trend(series.iloc[-13:-1], model="poisson")
    label = (
        f"last-12-month drone trend, %/month, with the partial month {last12.index[-1]:%Y-%m} "
        f"(complete 12 months, old model: {complete.estimate:+.1f}%, p = {complete.p_value:.3f}; "
        f"old p = {old.p_value:.2f}, new p = {new.p_value:.2f})"
    )
    return [(label, old.estimate, new.estimate, "partial month left out", new.n == 11)]


def _old_verdicts(table: pd.DataFrame, column: str) -> np.ndarray:
    lo = np.array([OLD_TOLERANCES.get(q, (1, 1))[0] for q in table["qualifier"]])
    hi = np.array([OLD_TOLERANCES.get(q, (1, 1))[1] for q in table["qualifier"]])
    ratio = table[column] / table["claimed"]
    return ((ratio >= lo) & (ratio <= hi)).to_numpy()


def reconcile_dating(events: pd.DataFrame) -> list[Row]:
    """Claims moved by dating (start vs end), and verdicts that flip, before and after."""
    from aidstats.stats import claims_from_statements, claims_table, computed_for_claims, reconcile

    claims = claims_from_statements(period_kind="month")
    claims = claims.loc[claims["measure"] != "glide_bombs"].reset_index(drop=True)
    end = computed_for_claims(events, claims, date_by="end", sensitivity=False)["computed"]
    start = computed_for_claims(events, claims, date_by="start", sensitivity=False)["computed"]
    both = claims.assign(end=end.to_numpy(), start=start.to_numpy()).dropna(subset=["end", "start"])
    moved = float(np.mean(np.abs(both["start"] - both["end"]) > 0.02 * both["end"]))
    flips_old = int((_old_verdicts(both, "end") != _old_verdicts(both, "start")).sum())
    verdicts = []
    for dating in ("end", "start"):
        computed = computed_for_claims(events, claims, date_by=dating)
        verdicts.append(reconcile(computed, claims, on=["statement_id", "measure"])["consistent"])
    flips_new = int((verdicts[0].fillna(False) != verdicts[1].fillna(False)).sum())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = claims_table(statements=None, events=events, period_kind="month")
    table = table.loc[table["verdict"] != "not checkable"]
    return [
        (
            f"claims moved > 2% by dating start vs end ({len(both)} monthly claims)",
            moved,
            moved,
            "report",
            True,
        ),
        (
            "reconcile verdicts that flip between start and end dating",
            float(flips_old),
            float(flips_new),
            "0",
            flips_new == 0,
        ),
        (
            "claims judged inconsistent (old: end dating, fixed tolerances)",
            float((~_old_verdicts(both, "end")).sum()),
            float((table["verdict"] == "inconsistent").sum()),
            "report",
            True,
        ),
    ]


def design_effects(cal: Any) -> list[Row]:
    """Median design effect of the monthly destroyed share per weapon group (real data)."""
    return [
        (
            f"design effect of the monthly share, {g.name} (median over months)",
            1.0,
            g.design_effect,
            "report",
            True,
        )
        for g in cal.groups.values()
    ]
