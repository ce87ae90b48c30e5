"""The cumulative-aid figure: running totals per donor or per donor group (membership as of each month)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from aidstats._compute.tables import top_labels
from aidstats._core.donor_groups import membership_frame, with_groups
from aidstats._core.messages import donor_label, in_text, text
from aidstats._core.vocab import CYCLE
from aidstats._draw.axes import (
    DEFAULT_TITLE,
    date_limits,
    headroom,
    legend,
    set_title,
    thousands,
)
from aidstats._draw.checks import as_datetime, numeric, pick, require, require_values
from aidstats._draw.footer import KIEL, finish, source_from
from aidstats._draw.prep import wide
from aidstats._draw.style import axes_or_new, current_lang, cycle_colour, house_style, label_for
from aidstats.errors import DataValidationError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_cumulative_aid"]


def plot_cumulative_aid(
    data: pd.DataFrame,
    *,
    by: str = "donor",
    groups: pd.DataFrame | None = None,
    include: Sequence[str] | None = None,
    top: int = 8,
    category: str | None = None,
    value: str = "eur_bn",
    time: str | None = None,
    source: str | None = None,
    title: str | None = DEFAULT_TITLE,
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Cumulative aid over time, one line per donor (the ``top`` largest) or per donor group.

    Parameters
    ----------
    data
        ``aid_monthly`` (donor, iso3, month, category, ``eur_bn``),
        ``aid_donor_monthly`` with ``value="total_eur_bn"``, or, with
        ``by="group"``, a table already per group such as
        :func:`aidstats.aid.by_group` output (period, group, eur_bn), drawn as it is.
    by
        ``"donor"`` or ``"group"``. Groups overlap, so their lines do not add
        up. A donor counts for a group from the first month that starts on or
        after it joined (:func:`aidstats._core.donor_groups.with_groups`, the
        rule :func:`aidstats.aid.by_group` applies too): Sweden's aid counts
        for NATO from April 2024.
    groups
        The membership table (group, iso3 and, optionally, joined: the
        bundled ``donor_groups`` layout); aidstats' own membership by default.
        A member without a ``joined`` date counts in every month.
    include
        Donors or groups to draw (default: the ``top`` largest donors, or
        every group).
    category
        Keep one category only (e.g. ``"military"``); all by default.
    time
        Time column; ``month``, then ``period``, by default.
    lang
        Language of the texts (``"en"``, ``"uk"``); the house style's by default.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from aidstats import datasets
    >>> from aidstats.plots import plot_cumulative_aid
    >>> ax = plot_cumulative_aid(datasets.load("aid_monthly"), by="group", include=["EU27", "G7"])
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['G7', 'EU27']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_cumulative_aid"
    if by not in ("donor", "group"):
        raise DataValidationError(f"{what}: by must be 'donor' or 'group', not {by!r}")
    frame = require(data, [value] + (["category"] if category else []), what=what)
    grouped = by == "group" and "group" in frame.columns
    key = "group" if grouped else "donor"
    tcol = pick(frame, time, ("month", "period"), what=what, role="time")
    require(frame, [key], what=what)
    if category is not None:
        frame = frame.loc[frame["category"].astype(str) == category]
        require(frame, [], what=f"{what} (category={category!r})")
    require_values(frame, [value], what=what)
    tidy = pd.DataFrame(
        {
            "key": frame[key].astype(str),
            "month": as_datetime(frame[tcol], what=what),
            "v": numeric(frame, value).fillna(0.0),
        }
    )
    with house_style():
        lang = current_lang(lang)
        notes = [text("note.aid_allocations", lang)]
        if by == "group":
            if not grouped:
                tidy = _member_rows(tidy, frame, groups, what)
            notes.insert(0, text("note.groups_overlap", lang))
        table = wide(tidy, "month", "key", "v", what=what).fillna(0.0).cumsum()
        names = _chosen(table.iloc[-1], include, top if by == "donor" else None, by, what)
        source_line = source_from(frame, KIEL, source, lang)
        ax = axes_or_new(ax)
        for i, name in enumerate(names):
            twin = _same_as(table, names[:i], name)
            label = _line_label(name, lang) + (
                " " + text("label.same_as", lang, other=_line_label(twin, lang)) if twin else ""
            )
            ax.plot(
                table.index,
                table[name].to_numpy(),
                color=cycle_colour(i),
                ls=(0, (4, 3)) if twin or i >= len(CYCLE) else "-",
                lw=2.4 if twin else None,
                zorder=3 if twin else 2,
                label=label,
            )
        ax.set_ylabel(text("axis.cumulative_eur_bn", lang))
        thousands(ax, lang=lang)
        headroom(ax, float(table[names].max().max()))
        date_limits(ax, pd.DatetimeIndex(table.index), "month", lang)
        scope = in_text(category, lang) if category else None
        key = "title.cumulative_by_group" if by == "group" else "title.cumulative_by_donor"
        heading = text(key, lang)
        if scope:
            heading = text("title.cumulative_category", lang, title=heading, category=scope)
        set_title(ax, title, heading)
        legend(ax, loc="upper left", ncol=1 if len(names) <= 6 else 2)
        finish(ax, source_line, notes, lang)
    return ax


def _line_label(name: str, lang: str) -> str:
    """A group's label from the vocabulary, else a donor's name in ``lang``."""
    labelled = label_for(name, lang)
    return labelled if labelled != name else donor_label(name, lang)


def _chosen(
    final: pd.Series, include: Sequence[str] | None, top: int | None, by: str, what: str
) -> list[str]:
    """The lines to draw, largest final total first: ``include``, else the ``top`` largest (all if None)."""
    if include is None:
        return [str(k) for k in top_labels(final, top if top is not None else len(final))]
    unknown = [k for k in include if k not in final.index]
    if unknown:
        raise DataValidationError(
            f"{what}: unknown {by}(s) {unknown}",
            [{"row": None, "column": by, "value": k, "rule": "present"} for k in unknown],
        )
    return sorted(include, key=lambda k: (-float(final[k]), k))


def _same_as(table: pd.DataFrame, earlier: Sequence[str], name: str) -> str | None:
    """An earlier line this one would hide exactly, so that it can be drawn dashed and say so."""
    for other in earlier:
        if np.allclose(table[other].to_numpy(), table[name].to_numpy(), rtol=1e-9, atol=1e-9):
            return other
    return None


def _member_rows(
    tidy: pd.DataFrame, frame: pd.DataFrame, groups: pd.DataFrame | None, what: str
) -> pd.DataFrame:
    """Donor rows as group rows: each repeated for every group the donor counts for in its month."""
    if "iso3" not in frame.columns:
        raise DataValidationError(
            f"{what}: by='group' needs an iso3 column",
            [{"row": None, "column": "iso3", "value": None, "rule": "column required"}],
        )
    membership = membership_frame() if groups is None else _membership(groups, what)
    rows = tidy.assign(iso3=frame["iso3"].astype(str).to_numpy())
    counted = with_groups(rows, membership, sorted(membership["group"].unique()))
    return pd.DataFrame({"key": counted["group"], "month": counted["month"], "v": counted["v"]})


def _membership(groups: pd.DataFrame, what: str) -> pd.DataFrame:
    """A membership table in the layout :func:`with_groups` reads (a missing ``joined``: always a member)."""
    require(groups, ["group", "iso3"], what=f"{what} (groups)")
    joined = (
        as_datetime(groups["joined"], what=f"{what} (groups)")
        if "joined" in groups.columns
        else pd.Series(pd.NaT, index=groups.index, dtype="datetime64[ns]")
    )
    return pd.DataFrame(
        {"group": groups["group"].astype(str), "iso3": groups["iso3"].astype(str), "joined": joined}
    )
