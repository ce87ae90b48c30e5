"""Salvos: one row per report post, with its window and totals per weapon group and class.

One report can give different windows per model; its salvo runs from the
earliest start to the latest end. Rows without a post are grouped by
(reporting_command, time_start, time_end).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aidstats._compute.strikes.checks import REQUIRED_COLUMNS, check_events, valid_rows
from aidstats._core.vocab import WEAPON_CLASSES, WEAPON_GROUPS

__all__ = ["salvos"]

_WINDOW_FORMAT = "%Y-%m-%d %H:%M"


def _salvo_key(events: pd.DataFrame) -> pd.Series:
    post = events["post"].astype(str)
    fallback = (
        "(no post) "
        + events["reporting_command"].astype(str)
        + " "
        + events["time_start"].dt.strftime(_WINDOW_FORMAT)
        + " to "
        + events["time_end"].dt.strftime(_WINDOW_FORMAT)
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
    check_events(events, (*REQUIRED_COLUMNS, "weapon_group", "weapon_class"))
    valid, info = valid_rows(events)
    key = _salvo_key(valid).to_numpy()
    out = _salvo_heads(valid, key).join(_salvo_totals(valid, key)).reset_index()
    out = out.sort_values(["time_end", "time_start", "salvo"], kind="mergesort").reset_index(
        drop=True
    )
    info["salvos"] = len(out)
    out.attrs["aidstats"] = info
    return out


def _salvo_totals(valid: pd.DataFrame, key: np.ndarray) -> pd.DataFrame:
    """Per salvo: launched, destroyed, not_reach_goal (missing as 0), launched per group and class."""
    frame = pd.DataFrame(
        {
            "salvo": key,
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
    return frame.groupby("salvo", sort=False)[
        ["launched", "destroyed", "not_reach_goal", *wide]
    ].sum()


def _salvo_heads(valid: pd.DataFrame, key: np.ndarray) -> pd.DataFrame:
    """Per salvo: post, reporting command, scope, window (earliest start, latest end), counts."""
    meta = pd.DataFrame(
        {
            "salvo": key,
            "post": valid["post"].to_numpy(),
            "reporting_command": valid["reporting_command"].to_numpy(),
            "scope": valid["scope"].to_numpy(),
            "time_start": valid["time_start"].to_numpy(),
            "time_end": valid["time_end"].to_numpy(),
            "model": valid["model"].to_numpy(),
        }
    ).groupby("salvo", sort=False)
    return pd.DataFrame(
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
