"""House-style report figures: strikes, interception, aid, and where they meet.

Every function follows seaborn's axes-level convention: the data come first,
options are keyword-only, ``ax=None`` opens a new figure, the function returns
the :class:`~matplotlib.axes.Axes` it drew on and never shows or saves.
Functions that need two panels accept ``axes=(top, bottom)`` and return the
top Axes; the bottom one is ``ax.figure.axes[1]``. Time columns are chosen
with ``time=``; frequencies with ``freq=`` (``"month"``/``"M"``,
``"quarter"``/``"Q"``, ``"year"``/``"Y"``).

Every figure gets a source line under it, built from the data's provenance
(``df.attrs["aidstats"]["source_line"]``, which :func:`aidstats.datasets.load`
sets), else from ``source=``, else from aidstats' citation of the data the
function draws; aid figures also say that values are allocations in nominal
euros. Drawing never loads data. Inputs that are empty or all missing raise
:class:`~aidstats.errors.InsufficientDataError`; frames without the
documented columns raise :class:`~aidstats.errors.DataValidationError`.

Figures are drawn inside :func:`house_style` (a context manager; nothing is
changed globally) and written by :func:`save_figure`, the one place that saves:
PNG at 200 dpi or more and PDF with embedded TrueType fonts, byte-identical
across runs. :func:`mark_dates` marks dated events on any time axis;
:func:`volume_groups` sums the monthly strike volumes into weapon groups or
into the measures official statements use.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from aidstats import datasets, plots
>>> ax = plots.plot_aid_over_time(datasets.load("aid_monthly"))
>>> ax.get_ylabel()
'EUR bn per quarter (allocations, nominal)'
>>> any(t.get_text().startswith("Source: Kiel") for t in ax.figure.texts)
True
>>> import matplotlib.pyplot as plt; plt.close("all")
"""

from __future__ import annotations

from aidstats._draw.aid import plot_aid_by_donor, plot_aid_channels, plot_aid_over_time
from aidstats._draw.claims import plot_reconciliation
from aidstats._draw.combined import plot_strikes_and_aid
from aidstats._draw.cumulative import plot_cumulative_aid
from aidstats._draw.marks import mark_dates
from aidstats._draw.prep import volume_groups
from aidstats._draw.rates import plot_interception_rate
from aidstats._draw.salvos import plot_salvos
from aidstats._draw.save import save_figure
from aidstats._draw.series import plot_trend
from aidstats._draw.strikes import plot_strike_volume, plot_weapon_mix
from aidstats._draw.style import house_style
from aidstats._draw.weapons import plot_weapons_delivered

__all__ = [
    "house_style",
    "mark_dates",
    "plot_aid_by_donor",
    "plot_aid_channels",
    "plot_aid_over_time",
    "plot_cumulative_aid",
    "plot_interception_rate",
    "plot_reconciliation",
    "plot_salvos",
    "plot_strike_volume",
    "plot_strikes_and_aid",
    "plot_trend",
    "plot_weapon_mix",
    "plot_weapons_delivered",
    "save_figure",
    "volume_groups",
]

# Public objects report this module as their home (as pandas' set_module does): reprs, Sphinx and
# the per-module doctests find them here.
for _name in __all__:
    globals()[_name].__module__ = __name__
del _name
# doctest looks for a function's examples in the module whose globals it uses: name them here.
__test__ = {name: globals()[name] for name in __all__}
