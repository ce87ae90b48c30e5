"""Missiles and drones launched per month: the Air Force part of ``strike_volume_monthly``.

Counts valid national rows plus regional and other rows that do not repeat a
national report (:func:`~aidstats._compute.strikes.overlaps.overlap_mask`),
dated by the end of the attack window. Every weapon class is counted in the
column :data:`aidstats._core.vocab.CLASS_VOLUME` gives it (mixed missiles
and unclassified weapons in their own visible columns), except guided bombs,
which the volume table takes from official statements. Drones are split by
the one decoy rule (:mod:`aidstats._compute.strikes.decoys`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from aidstats._compute.strikes.checks import REQUIRED_COLUMNS, check_events, valid_mask
from aidstats._compute.strikes.decoys import decoy_split, shahed_type
from aidstats._compute.strikes.overlaps import overlap_mask
from aidstats._core.periods import grid, period_start
from aidstats._core.vocab import AIR_FORCE_VOLUME, CLASS_VOLUME

__all__ = ["DEPRECATED_COLUMNS", "VOLUME_DETAILS", "volume_monthly"]

_VOLUME_COLUMNS = ("weapon_class", "weapon_group", "is_shahed")
#: Columns after the volumes: the unsplit part of drones_attack and the withheld rows of the month.
VOLUME_DETAILS = ("drones_attack_unsplit", "withheld_rows")
#: Old column name -> its new name; the old column is still given (same values) for one release.
DEPRECATED_COLUMNS = {"drones_attack_incl_decoys": "drones_attack_unsplit"}


def _volume_rows(events: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Valid national rows plus regional/other rows that do not repeat a national report."""
    valid = events.loc[valid_mask(events)].reset_index(drop=True)
    repeat = overlap_mask(valid, scopes=("regional", "other"))
    dropped = {
        "dropped_rows": int(repeat.sum()),
        "dropped_launched": float(valid.loc[repeat, "launched"].sum()),
    }
    return valid.loc[~repeat].reset_index(drop=True), dropped


def _air_force_volumes(rows: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Launches per month (index) and measure (columns), and what was left out."""
    measure = rows["weapon_class"].map(CLASS_VOLUME)  # NaN: guided bombs (from statements instead)
    launched = np.nan_to_num(rows["launched"].to_numpy(dtype="float64"))
    shahed = rows["is_shahed"].to_numpy(dtype="float64")
    attack, decoys, unsplit = decoy_split(
        rows["weapon_class"].to_numpy(dtype=object), shahed_type(rows["model"]), launched, shahed
    )
    is_attack = (rows["weapon_class"] == "attack_drone").to_numpy()
    withheld = (
        rows["withheld"].to_numpy(dtype=bool)
        if "withheld" in rows.columns
        else np.zeros(len(rows), bool)
    )
    month = period_start(rows["time_end"], "M")
    parts = [
        _long(month, measure.to_numpy(), np.where(is_attack, attack, launched)).dropna(
            subset=["measure"]
        ),
        _long(month, "drones_decoy_or_unknown", decoys),
        _long(month, "drones_attack_unsplit", unsplit),
        _long(month, "withheld_rows", withheld.astype("float64")),
    ]
    long = pd.concat(parts, ignore_index=True)
    wide = long.pivot_table(
        index="month", columns="measure", values="value", aggfunc="sum", fill_value=0.0
    )
    left_out = rows.loc[measure.isna().to_numpy()]
    info = {
        "is_shahed_above_launched": int((is_attack & (shahed > launched)).sum()),
        "left_out": left_out.groupby("weapon_group")["launched"].sum().to_dict(),
    }
    return wide, info


def _long(month: pd.Series, measure: Any, value: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"month": month, "measure": measure, "value": value})


def volume_monthly(events: pd.DataFrame) -> pd.DataFrame:
    """Missiles and drones launched per month, the Air Force part of ``strike_volume_monthly``.

    Counts valid national rows plus regional and other rows that do not repeat
    a national report (:func:`overlap_mask`), dated by the end of the attack
    window. Each weapon class counts in the column
    :data:`aidstats._core.vocab.CLASS_VOLUME` gives it: S-300/S-400 in ground
    attack and Kinzhal with ballistic missiles, anti-ship types with cruise
    missiles, composite rows mixing cruise and ballistic missiles in
    ``missiles_mixed``, anti-radiation and unclassified missiles in
    ``missiles_other``, unclassified drones with decoy or unknown drones, and
    weapons of no known group in ``unclassified``. Drones follow the one decoy
    rule (:mod:`aidstats._compute.strikes.decoys`): attack drones follow
    ``is_shahed`` where a row gives it, the rest being decoys; elsewhere
    Shahed-type rows count whole as attack drones, and that part is also
    summed in ``drones_attack_unsplit``. Glide bombs are not in the reports:
    take them from ``official_statements`` (the bundled
    ``strike_volume_monthly`` does).

    Parameters
    ----------
    events
        The frame of :func:`aidstats.read_strike_events`.

    Returns
    -------
    pandas.DataFrame
        ``month`` (every month from the first to the last), the missiles_*,
        drones_* and ``unclassified`` counts, ``drones_attack_unsplit``,
        ``withheld_rows`` (rows whose figures were withheld: where above 0 the
        month's totals are lower bounds) and ``drones_attack_incl_decoys``
        (deprecated name of ``drones_attack_unsplit``, same values, kept for
        one release); ``attrs["aidstats"]`` holds ``dropped_rows`` and
        ``dropped_launched`` (repeating regional rows), ``left_out`` (launches
        of guided bombs, by group) and ``is_shahed_above_launched``.

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
    for measure in (*AIR_FORCE_VOLUME, *VOLUME_DETAILS):
        out[measure] = wide[measure].to_numpy() if measure in wide.columns else 0.0
    for old, new in DEPRECATED_COLUMNS.items():
        out[old] = out[new]
    out.attrs["aidstats"] = {**dropped, **info}
    return out
