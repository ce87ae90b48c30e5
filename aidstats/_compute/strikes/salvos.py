"""Salvos: one row per report post and continuous attack window, with totals per weapon group and class.

The salvo of each event row is its ``salvo`` column (set by
:func:`aidstats.read_strike_events` with the rule of
:mod:`aidstats._core.salvos`: one post *and* one continuous attack window, so
a post reused for separate attacks becomes several salvos). A frame without
that column is grouped by the same rule here. One report can give different
windows per model; its salvo runs from the earliest start to the latest end.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aidstats._compute.strikes.checks import REQUIRED_COLUMNS, check_events, valid_rows
from aidstats._core.periods import to_ns
from aidstats._core.salvos import salvo_names, salvo_numbers
from aidstats._core.vocab import WEAPON_CLASSES, WEAPON_GROUPS

__all__ = ["salvo_ids", "salvos"]

_WINDOW_FORMAT = "%Y-%m-%d %H:%M"


def _post_keys(events: pd.DataFrame) -> pd.Series:
    """The post of each row; ``(no post) <command> <start> to <end>`` where it has none."""
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


def _has_time(events: pd.DataFrame, column: str) -> np.ndarray:
    if column in events.columns:
        return events[column].to_numpy(dtype=bool)
    return np.ones(len(events), dtype=bool)


def salvo_ids(events: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(salvo id, post split into several salvos) of each row, by the rule of :mod:`aidstats._core.salvos`.

    Every row takes part; pass valid rows. The reader sets the same ids in
    the ``salvo`` column.

    Examples
    --------
    >>> from aidstats._compute.strikes.examples import example_events
    >>> ids, split = salvo_ids(example_events())
    >>> ids.tolist()[:2], bool(split.any())
    (['kpszsu/posts/a', 'PvKPivden/posts/b'], False)
    """
    codes, uniques = pd.factorize(_post_keys(events))
    usable = events["time_start"].notna().to_numpy() & events["time_end"].notna().to_numpy()
    numbers = salvo_numbers(
        codes.astype(np.int64),
        to_ns(events["time_start"].fillna(pd.Timestamp(0))),
        to_ns(events["time_end"].fillna(pd.Timestamp(0))),
        _has_time(events, "start_has_time"),
        _has_time(events, "end_has_time"),
        usable,
    )
    names, name_codes, split = salvo_names([str(u) for u in uniques], codes, numbers)
    return np.asarray(names, dtype=object)[name_codes], split


def salvos(events: pd.DataFrame) -> pd.DataFrame:
    """One row per salvo (a report post and one continuous attack window): window and totals.

    Salvos come from the ``salvo`` column of the events (computed by the same
    rule where the frame has none; see :mod:`aidstats._core.salvos`). One
    report can give different windows per model; its salvo runs from the
    earliest start to the latest end. Flagged rows are left out (counted in
    ``attrs``).

    Returns
    -------
    pandas.DataFrame
        ``salvo`` (the post, ``<post>#<n>`` where a post holds several
        attacks, or a made-up key for rows without a post), ``post``,
        ``reporting_command``, ``scope``, ``time_start``, ``time_end``,
        ``n_rows``, ``n_models``, ``launched``, ``destroyed`` (missing where
        any row of the salvo has no destroyed figure: the salvo's count is
        then unknown, never a partial sum or 0), ``destroyed_missing``
        (launches whose destroyed count is unknown), ``not_reach_goal``
        (missing as 0),
        ``salvo_split`` (the post was split into several salvos),
        ``launched_<group>`` for each weapon group and ``launched_<class>``
        for each weapon class; sorted by window.

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
    if "salvo" in valid.columns:
        key = valid["salvo"].astype(str).to_numpy(dtype=object)
        split = (
            valid["salvo_split"].to_numpy(dtype=bool)
            if "salvo_split" in valid.columns
            else np.zeros(len(valid), dtype=bool)
        )
    else:
        key, split = salvo_ids(valid)
    out = _salvo_heads(valid, key, split).join(_salvo_totals(valid, key)).reset_index()
    out = out.sort_values(["time_end", "time_start", "salvo"], kind="mergesort").reset_index(
        drop=True
    )
    info["salvos"] = len(out)
    info["posts_split"] = int(out.loc[out["salvo_split"], "post"].nunique())
    out.attrs["aidstats"] = info
    return out[[*SALVO_HEAD, *(c for c in out.columns if c not in SALVO_HEAD)]]


#: The columns every salvo table starts with (the bundled strike_salvos keeps these and launched_*).
SALVO_HEAD = (
    "salvo",
    "post",
    "reporting_command",
    "scope",
    "time_start",
    "time_end",
    "n_rows",
    "n_models",
    "launched",
    "destroyed",
    "destroyed_missing",
    "not_reach_goal",
    "salvo_split",
)


def _salvo_totals(valid: pd.DataFrame, key: np.ndarray) -> pd.DataFrame:
    """Per salvo: launched, destroyed (missing where unknown), not_reach_goal, launched per group, class."""
    launched = valid["launched"].to_numpy(dtype="float64")
    destroyed = valid["destroyed"].to_numpy(dtype="float64")
    frame = pd.DataFrame(
        {
            "salvo": key,
            "launched": launched,
            "destroyed": destroyed,
            "destroyed_missing": np.where(np.isnan(destroyed), np.nan_to_num(launched), 0.0),
            "not_reach_goal": np.nan_to_num(valid["not_reach_goal"].to_numpy(dtype="float64")),
        }
    )
    wide = []
    for column, values in (("weapon_group", WEAPON_GROUPS), ("weapon_class", WEAPON_CLASSES)):
        labels = valid[column].to_numpy(dtype=object)
        for value in values:
            frame[f"launched_{value}"] = np.where(labels == value, frame["launched"], 0.0)
            wide.append(f"launched_{value}")
    frame["_unknown"] = np.isnan(destroyed)
    sums = frame.groupby("salvo", sort=False)[
        ["launched", "destroyed", "_unknown", "destroyed_missing", "not_reach_goal", *wide]
    ].sum()
    # A salvo with any launch of unknown fate has an unknown destroyed count: missing, never a partial sum.
    sums["destroyed"] = sums["destroyed"].mask(sums.pop("_unknown") > 0)
    return sums


def _salvo_heads(valid: pd.DataFrame, key: np.ndarray, split: np.ndarray) -> pd.DataFrame:
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
            "salvo_split": split,
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
            "salvo_split": meta["salvo_split"].any(),
        }
    )
