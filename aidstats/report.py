"""``aidstats report``: rebuild every figure, a multi-page PDF report, tables and a manifest.

The report is a pure function of its inputs (the bundled datasets, or a raw
strike file given with ``events``) and its parameters: running it twice gives
byte-identical files. The report is built in a staging folder beside
``out_dir`` and replaces it whole at the end, so that an interrupted or failed
run leaves ``out_dir`` as it was. Each figure is drawn from the table written
beside it in ``tables/``.

Examples
--------
>>> from aidstats.report import build_report, figure_specs
>>> [spec.name for spec in figure_specs()][:2]
['01_strike_volume', '02_weapon_mix']
>>> manifest = build_report("report-out", start="2025-01", end="2025-12",
...                         formats=("png",), progress=None)  # doctest: +SKIP
"""

from __future__ import annotations

from aidstats._report.build import build_report
from aidstats._report.figures import figure_specs
from aidstats._report.spec import FigureSpec, ReportContext, ReportManifest

__all__ = ["FigureSpec", "ReportContext", "ReportManifest", "build_report", "figure_specs"]

# Public objects report this module as their home (as pandas' set_module does).
for _name in __all__:
    globals()[_name].__module__ = __name__
del _name
# doctest looks for a function's examples in the module whose globals it uses: name them here.
__test__ = {name: globals()[name] for name in __all__}
