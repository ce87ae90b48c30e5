"""Strike aggregation on the event frame of :func:`aidstats.read_strike_events`.

One concept per module:

- :mod:`.checks`: the event-frame contract check, valid rows and what was
  left out, scope masks;
- :mod:`.attribution`: the dating rules (end, start, night, split) and the
  effective end of a window;
- :mod:`.periods`: :func:`~.periods.to_periods` and its bincount and split
  machinery;
- :mod:`.overlaps`: regional rows that repeat a national report;
- :mod:`.salvos`: one row per report post;
- :mod:`.volume`: missiles and drones launched per month;
- :mod:`.examples`: the tiny event frame of the docstring examples.

The public names are re-exported by :mod:`aidstats.strikes`.
"""
