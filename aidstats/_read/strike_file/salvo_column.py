"""The ``salvo`` and ``salvo_split`` columns of the event frame, by the rule of :mod:`aidstats._core.salvos`.

Rows are grouped by post (rows without one by reporting command and
window), and a post's valid rows by continuous attack window, as
:func:`aidstats.strikes.salvos` groups a frame without the column. A flagged
row takes no part in the grouping (its window may be the error): it takes the
post's salvo where the post is one salvo, else the bare post.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from aidstats._core.salvos import salvo_names, salvo_numbers
from aidstats._read.strike_file.coded import Coded

__all__ = ["salvo_columns"]

_WINDOW_FORMAT = "%Y-%m-%d %H:%M"


def _fallback_keys(
    commands: list[str], post: Coded, cols: dict[str, Any], rows: np.ndarray
) -> pd.Series:
    """'(no post) <command> <start> to <end>' of the rows without a post."""
    start = pd.Series(cols["time_start"][rows]).dt.strftime(_WINDOW_FORMAT).fillna("NaT")
    end = pd.Series(cols["time_end"][rows]).dt.strftime(_WINDOW_FORMAT).fillna("NaT")
    command = pd.Series([commands[c] for c in post.codes[rows]], dtype=object)
    return "(no post) " + command + " " + start.astype(object) + " to " + end.astype(object)


def salvo_columns(
    post: Coded, commands: list[str], cols: dict[str, Any], failures: pd.DataFrame
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(distinct salvo ids, code of each row into them, whether the row's post was split into several).

    The rule is applied once per distinct (post, start cell, end cell, flagged or not): the rows of
    one report share their windows, so a million rows hold a few thousand of them.
    """
    usable = np.ones(len(post.codes), dtype=np.int64)
    usable[failures["_row"].to_numpy(dtype=np.int64)] = 0
    keys = list(post.uniques)
    group = post.codes.astype(np.int64)
    no_post = np.flatnonzero(np.array([k == "" for k in keys], dtype=bool)[group])
    if len(no_post):
        codes, uniques = pd.factorize(_fallback_keys(commands, post, cols, no_post))
        group[no_post] = len(keys) + codes
        keys += [str(u) for u in uniques]
    (_, start_codes), (_, end_codes) = cols["time_start_distinct"], cols["time_end_distinct"]
    n_start, n_end = int(start_codes.max(initial=0)) + 1, int(end_codes.max(initial=0)) + 1
    key = ((group * n_start + start_codes) * n_end + end_codes) * 2 + usable
    inverse, distinct = pd.factorize(key)
    del key
    at = np.empty(len(distinct), dtype=np.int64)
    at[inverse[::-1]] = np.arange(len(inverse) - 1, -1, -1)  # the first row of each distinct window
    numbers = salvo_numbers(
        group[at],
        cols["time_start"][at].view("int64"),
        cols["time_end"][at].view("int64"),
        cols["start_has_time"][at],
        cols["end_has_time"][at],
        usable[at].astype(bool),
    )
    names, codes, split = salvo_names(keys, group[at], numbers)
    return names, codes[inverse], split[inverse]
