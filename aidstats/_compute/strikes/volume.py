"""Missiles and drones launched per month: the Air Force part of ``strike_volume_monthly``.

Counts valid national rows plus regional and other rows that do not repeat a
national report (:func:`~aidstats._compute.strikes.overlaps.overlap_mask`),
dated by the end of the attack window. Glide bombs are not in the reports.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from aidstats._compute.strikes.checks import REQUIRED_COLUMNS, check_events, valid_mask
from aidstats._compute.strikes.overlaps import overlap_mask
from aidstats._core.periods import grid, period_start
from aidstats._core.vocab import AIR_FORCE_VOLUME

__all__ = ["volume_monthly"]

_VOLUME_COLUMNS = ("weapon_class", "weapon_group", "is_shahed")
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
    valid = events.loc[valid_mask(events)].reset_index(drop=True)
    repeat = overlap_mask(valid, scopes=("regional", "other"))
    dropped = {
        "dropped_rows": int(repeat.sum()),
        "dropped_launched": float(valid.loc[repeat, "launched"].sum()),
    }
    return valid.loc[~repeat].reset_index(drop=True), dropped


def _volume_measure(frame: pd.DataFrame) -> pd.Series:
    """The volume measure of each row; NaN for glide bombs and 'other' (not counted here)."""
    mapped = frame["weapon_class"].map(_CLASS_MEASURE)
    group = frame["weapon_group"]
    mapped = mapped.where(mapped.notna() | (group != "missile"), "missiles_other")
    mapped = mapped.where(mapped.notna() | (group != "drone"), "drones_decoy_or_unknown")
    return mapped  # NaN: glide bombs and 'other' in the Air Force rows, not counted here


def _air_force_volumes(rows: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Launches per month (index) and measure (columns), and what the split left over."""
    measure = _volume_measure(rows)
    launched = rows["launched"].to_numpy(dtype="float64")
    shahed = rows["is_shahed"].to_numpy(dtype="float64")
    is_attack = (measure == "drones_attack").to_numpy()
    split = is_attack & ~np.isnan(shahed)
    attack_part = np.where(split, np.minimum(shahed, launched), launched)
    shahed_type = rows["model"].str.contains("Shahed", case=False, regex=False).to_numpy()
    unsplit = is_attack & ~split & shahed_type
    month = period_start(rows["time_end"], "M")
    parts = [
        _long(month, measure.to_numpy(), np.where(is_attack, attack_part, launched)).dropna(
            subset=["measure"]
        ),
        _long(month[split], "drones_decoy_or_unknown", (launched - attack_part)[split]),
        _long(month[unsplit], "drones_attack_incl_decoys", launched[unsplit]),
    ]
    long = pd.concat(parts, ignore_index=True)
    wide = long.pivot_table(
        index="month", columns="measure", values="value", aggfunc="sum", fill_value=0.0
    )
    left_out = rows.loc[measure.isna().to_numpy()]
    info = {
        "is_shahed_above_launched": int((split & (shahed > launched)).sum()),
        "left_out": left_out.groupby("weapon_group")["launched"].sum().to_dict(),
    }
    return wide, info


def _long(month: pd.Series, measure: Any, value: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"month": month, "measure": measure, "value": value})


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
    check_events(events, (*REQUIRED_COLUMNS, *_VOLUME_COLUMNS))
    rows, dropped = _volume_rows(events)
    wide, info = _air_force_volumes(rows)
    months = grid(wide.index.min(), wide.index.max(), "M")
    wide = wide.reindex(months, fill_value=0.0)
    out = pd.DataFrame({"month": months})
    for measure in (*AIR_FORCE_VOLUME, "drones_attack_incl_decoys"):
        out[measure] = wide[measure].to_numpy() if measure in wide.columns else 0.0
    out.attrs["aidstats"] = {**dropped, **info}
    return out
