"""The claims figure: official statements against the counts from the reports, qualifier and consistency shown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from aidstats._core.vocab import CYCLE
from aidstats._draw.axes import DEFAULT_TITLE, set_title, thousands
from aidstats._draw.checks import numeric, require
from aidstats._draw.footer import STATEMENTS, finish, source_from
from aidstats._draw.style import axes_or_new, colour_for, house_style, label_for
from aidstats.errors import InsufficientDataError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_reconciliation"]

_QUALIFIER_MARKERS = {"over": "^", "nearly": "v", "about": "o", "exact": "s"}


def plot_reconciliation(
    data: pd.DataFrame,
    *,
    label: str | None = None,
    label_top: int = 8,
    hue: str | None = None,
    source: str | None = None,
    title: str | None = DEFAULT_TITLE,
    ax: Axes | None = None,
) -> Axes:
    """Claimed against computed figures: how far each count is from the claim, qualifier shown.

    One marker per claim: x is the claimed figure, y is computed / claimed on
    a log scale (the line at 1 is perfect agreement), so that a 10% gap looks
    the same for 50 missiles and for 50,000 drones. The marker's shape is the
    claim's qualifier (▲ over, ▼ nearly, ● about, ■ exact); filled markers are
    consistent with the claim, hollow ones are not.

    Parameters
    ----------
    data
        A reconciliation table (``aidstats.stats.reconcile``): ``claimed``,
        ``computed``, ``qualifier`` (over / nearly / about / exact; missing is
        read as exact) and ``consistent`` (bool).
    label, label_top
        Optional column used to annotate the ``label_top`` inconsistent claims
        furthest from their claim (e.g. ``statement_id``).
    hue
        Optional column to colour by (e.g. ``metric``: missiles, drones, glide_bombs).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> from aidstats.plots import plot_reconciliation
    >>> table = pd.DataFrame({"claimed": [500.0, 3000, 1300], "computed": [520.0, 2890, 800],
    ...                       "qualifier": ["over", "nearly", "about"],
    ...                       "consistent": [True, True, False]})
    >>> ax = plot_reconciliation(table)
    >>> ax.get_xscale(), ax.get_yscale()
    ('log', 'log')
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_reconciliation"
    extra = ([label] if label else []) + ([hue] if hue else [])
    frame = require(data, ["claimed", "computed", "qualifier", "consistent", *extra], what=what)
    claimed, computed = numeric(frame, "claimed"), numeric(frame, "computed")
    usable = (claimed > 0) & (computed > 0)
    if not usable.any():
        raise InsufficientDataError(f"{what}: no row has a positive claimed and computed figure")
    tidy = pd.DataFrame(
        {
            "claimed": claimed,
            "ratio": computed / claimed,
            "qualifier": frame["qualifier"].astype("string").fillna("exact").astype(str),
            "consistent": frame["consistent"].astype("boolean").fillna(False).astype(bool),
            "hue": frame[hue].astype(str) if hue else "all",
            "label": frame[label].astype(str) if label else "",
        }
    ).loc[usable]
    dropped = int((~usable).sum())
    source_line = source_from(frame, STATEMENTS, source)
    with house_style():
        ax = axes_or_new(ax)
        hues = sorted(tidy["hue"].unique())
        for hi, h in enumerate(hues):
            colour = colour_for(h, hi) if hue else CYCLE[0]
            for q, marker in _QUALIFIER_MARKERS.items():
                for ok in (True, False):
                    mask = (
                        (tidy["hue"] == h) & (tidy["qualifier"] == q) & (tidy["consistent"] == ok)
                    )
                    part = tidy[mask]
                    if len(part):
                        ax.scatter(
                            part["claimed"],
                            part["ratio"],
                            marker=marker,
                            s=36,
                            linewidths=1.1,
                            facecolors=colour if ok else "none",
                            edgecolors=colour,
                            zorder=3,
                        )
        _ratio_axes(ax, tidy)
        if label:
            off = tidy[~tidy["consistent"]]
            worst = np.abs(np.log(off["ratio"])).sort_values(ascending=False, kind="mergesort")
            for _i, row in off.loc[worst.index[: max(0, label_top)]].iterrows():
                ax.annotate(
                    row["label"],
                    (row["claimed"], row["ratio"]),
                    xytext=(4, 3),
                    textcoords="offset points",
                    fontsize=6.5,
                    color="#333333",
                )
        _reconciliation_legend(ax, tidy, hues, bool(hue))
        set_title(ax, title, "Official claims against counts from the reports")
        notes = ["Hollow markers: the computed count contradicts the claim and its qualifier."]
        if dropped:
            notes.append(
                f"{dropped} claim(s) without a positive claimed and computed figure not shown."
            )
        finish(ax, source_line, notes)
    return ax


def _ratio_axes(ax: Axes, tidy: pd.DataFrame) -> None:
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.axhline(1.0, color="#555555", ls="--", lw=0.9, zorder=1)
    ratios = tidy["ratio"].to_numpy(dtype=float)
    low = min(float(np.nanmin(ratios)), 1 / 1.3) / 1.25
    high = max(float(np.nanmax(ratios)), 1.3) * 1.25
    ax.set_ylim(low, high)
    ticks = [t for t in _ratio_ticks(high / low) if low <= t <= high]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:g}×"))
    lo, hi = float(tidy["claimed"].min()), float(tidy["claimed"].max())
    ax.set_xlim(lo / 1.5, hi * 1.5)
    thousands(ax, "x")
    ax.grid(True, axis="both", which="major")
    ax.set_xlabel("Claimed in the statement (number, log scale)")
    ax.set_ylabel("Computed from the reports ÷ claimed")


def _ratio_ticks(extent: float) -> tuple[float, ...]:
    """Ratio ticks that never crowd: fine near 1 for a narrow range, decades for a wide one."""
    if extent > 40:
        return (0.001, 0.01, 0.1, 0.5, 1.0, 2.0, 10.0, 100.0, 1000.0)
    if extent > 4:
        return (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)
    return (0.5, 0.8, 0.9, 1.0, 1.1, 1.25, 2.0)


def _reconciliation_legend(ax: Axes, tidy: pd.DataFrame, hues: Sequence[str], by_hue: bool) -> None:
    from matplotlib.lines import Line2D

    grey = "#444444"
    handles = [
        Line2D([], [], ls="", marker=m, color=grey, markerfacecolor=grey, label=q)
        for q, m in _QUALIFIER_MARKERS.items()
        if (tidy["qualifier"] == q).any()
    ]
    handles += [
        Line2D(
            [], [], ls="", marker="o", color=grey, markerfacecolor="none", label="not consistent"
        ),
        Line2D([], [], ls="--", color="#555555", label="computed = claimed"),
    ]
    if by_hue:
        handles += [
            Line2D([], [], ls="", marker="s", color=colour_for(h, i), label=label_for(h))
            for i, h in enumerate(hues)
        ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0))
