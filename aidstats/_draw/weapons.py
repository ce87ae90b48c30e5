"""The heavy-weapons figure: units by donor and category as a heat map with the counts written in."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from aidstats._core.messages import CATALOGUE, donor_label, number, text
from aidstats._draw.axes import DEFAULT_TITLE, set_title, thousands
from aidstats._draw.checks import numeric, require, require_values
from aidstats._draw.footer import KIEL, finish, source_from
from aidstats._draw.style import FIGSIZE, axes_or_new, current_lang, figure_of, house_style

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_weapons_delivered"]


def plot_weapons_delivered(
    data: pd.DataFrame,
    *,
    value: str = "units",
    source: str | None = None,
    title: str | None = DEFAULT_TITLE,
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Heavy weapons by donor and category: a heat map with the unit counts written in.

    Parameters
    ----------
    data
        ``aid_weapons`` (donor, category, system, ``units``); units are summed
        per donor and category. Donors are sorted by their total, largest on top.
    lang
        Language of the texts (``"en"``, ``"uk"``); the house style's by default.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from aidstats import datasets
    >>> from aidstats.plots import plot_weapons_delivered
    >>> ax = plot_weapons_delivered(datasets.load("aid_weapons"))
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['IFV', 'Howitzers', 'Tanks', 'Air Defense', 'MLRS']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    what = "plot_weapons_delivered"
    frame = require(data, ["donor", "category", value], what=what)
    require_values(frame, [value], what=what)
    tidy = pd.DataFrame(
        {
            "donor": frame["donor"].astype(str),
            "category": frame["category"].astype(str),
            "v": numeric(frame, value),
        }
    )
    table = tidy.pivot_table(index="donor", columns="category", values="v", aggfunc="sum")
    table = table[sorted(table.columns, key=lambda c: (-float(table[c].sum()), c))]
    table = table.loc[sorted(table.index, key=lambda d: (-float(table.loc[d].sum()), d))]
    with house_style():
        from matplotlib.colors import PowerNorm

        lang = current_lang(lang)
        source_line = source_from(frame, KIEL, source, lang)
        ax = axes_or_new(ax, (FIGSIZE[0], 1.5 + 0.22 * len(table)))
        counts = table.to_numpy(dtype=float)
        vmax = float(np.nanmax(counts))
        image = ax.imshow(
            np.ma.masked_invalid(counts),
            aspect="auto",
            cmap="Blues",
            norm=PowerNorm(0.4, vmin=0, vmax=vmax),
            interpolation="nearest",
        )
        for (r, c), v in np.ndenumerate(counts):
            if np.isfinite(v):
                dark = v > 0.35 * vmax
                ax.text(
                    c,
                    r,
                    number(v, lang),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if dark else "#222222",
                )
        ax.set_xticks(range(table.shape[1]), [_category(c, lang) for c in table.columns])
        ax.set_yticks(range(table.shape[0]), [donor_label(d, lang) for d in table.index])
        ax.xaxis.tick_top()
        ax.tick_params(length=0)
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(False)
        bar = figure_of(ax).colorbar(image, ax=ax, shrink=0.6, pad=0.02)
        bar.set_label(text("axis.units", lang))
        thousands(bar.ax, lang=lang)
        bar.outline.set_visible(False)
        set_title(ax, title, text("title.weapons_delivered", lang))
        finish(ax, source_line, [text("note.weapons_delivered", lang)], lang)
    return ax


def _category(name: str, lang: str) -> str:
    return CATALOGUE[lang].get(f"weapon_category.{name}", name)
