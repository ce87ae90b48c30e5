"""Strike aggregation: periods, salvos, overlaps between reporters, reporting regimes.

Works on the event frame of :func:`aidstats.read_strike_events` (one row per
reported weapon model per attack window). Every function leaves flagged rows
(``invalid_reason != ""``) out and says how many it left out in
``df.attrs["aidstats"]``.

Dating rules (all times are naive Kyiv local time, as reported):

* ``"end"``: the calendar date of ``time_end``.
* ``"start"``: the calendar date of ``time_start``.
* ``"night"``: the Air Force names a night by the morning it ends and counts it
  from 18:00 the evening before ("in the night of 5 April, from 18:00 on
  4 April"). A window is dated by the date of ``time_end``, except a window that
  lies wholly in the evening of one day (both ends carry a time of day and it
  starts at or after 18:00 on the day it ends) which belongs to the next day's
  night. So 2025-07-08 20:00 to 2025-07-09 08:30 is 9 July; 2023-11-05 20:00 to
  23:59 is 6 November; a daytime window 2025-01-03 12:00 to 20:00 stays on
  3 January; a date-only window stays on its date.
* ``"split"``: each row is spread over the periods its window touches, in
  proportion to the time spent in each. A window whose end has no time of day
  runs to the end of that day (a date-only window counts as whole days); a
  zero-length window falls wholly in the period of its instant.

Reporting regimes (:func:`regimes`): ``not_reach_goal`` ("locationally lost")
was not recorded before July 2024, recorded from July 2024 to July 2025 and is
0 from August 2025; ``is_shahed`` splits attack drones from decoys only from
2025-07-15. A row's regime is that of the date of its ``time_end``.

The computation lives in :mod:`aidstats._compute.strikes`; this module is its
public face.

Examples
--------
>>> import pandas as pd
>>> from aidstats import strikes
>>> ev = strikes._example_events()
>>> strikes.to_periods(ev, attribution="start")[["period", "launched", "destroyed", "n_reports"]]
      period  launched  destroyed  n_reports
0 2025-06-01     100.0       60.0          1
1 2025-07-01      20.0       20.0          2
"""

from __future__ import annotations

import pandas as pd

from aidstats import datasets
from aidstats._compute.strikes.examples import example_events
from aidstats._compute.strikes.glide_bombs import glide_bombs_monthly
from aidstats._compute.strikes.overlaps import overlap_mask, overlaps
from aidstats._compute.strikes.periods import FREQS, MEASURES, to_periods
from aidstats._compute.strikes.salvos import salvos
from aidstats._compute.strikes.volume import volume_monthly
from aidstats._core.periods import last_complete
from aidstats._core.regimes import Regime, regime_changes, warn_regime_changes
from aidstats._core.vocab import ATTRIBUTIONS, SCOPES, WEAPON_CLASSES, WEAPON_GROUPS
from aidstats.errors import RegimeChangeWarning

__all__ = [
    "ATTRIBUTIONS",
    "FREQS",
    "MEASURES",
    "SCOPES",
    "WEAPON_CLASSES",
    "WEAPON_GROUPS",
    "Regime",
    "RegimeChangeWarning",
    "glide_bombs_monthly",
    "last_complete",
    "overlap_mask",
    "overlaps",
    "regime_changes",
    "regimes",
    "salvos",
    "to_periods",
    "volume_monthly",
    "warn_regime_changes",
]

#: The tiny event frame of the docstring examples.
_example_events = example_events

# Shown, and doctested, as members of this module (the pandas ``set_module`` idiom).
for _function in (glide_bombs_monthly, overlap_mask, overlaps, salvos, to_periods, volume_monthly):
    _function.__module__ = __name__


def regimes() -> pd.DataFrame:
    """The reporting regimes: measure, regime, start, end, missing_means_zero, description.

    ``start``/``end`` are inclusive days; missing means open (from the first
    report / still in force). Returns the bundled dataset
    ``reporting_regimes``, with its provenance in ``attrs`` (the builder
    writes it from :data:`aidstats._core.regimes.REGIMES`).

    Examples
    --------
    >>> from aidstats import strikes
    >>> r = strikes.regimes()
    >>> r.loc[r["regime"] == "recorded", ["measure", "start", "end"]].to_string(index=False)
    '       measure      start        end\\nnot_reach_goal 2024-07-01 2025-07-31'
    """
    return datasets.load("reporting_regimes")
