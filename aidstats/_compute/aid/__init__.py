"""Aid aggregation on Kiel Support Tracker frames: the frame always comes first.

One concept per module:

- :mod:`.aggregate`: totals by donor, iso3 and category, per period, with the
  complete grid of periods; running totals; the shared row filters;
- :mod:`.groups`: donor groups, membership as of each month
  (:func:`aidstats._core.donor_groups.with_groups`);
- :mod:`.channels`: military aid by channel;
- :mod:`.gdp`: allocations as per cent of GDP;
- :mod:`.shares_over_time`: a donor's share of all allocations per period;
- :mod:`.before_after`: a donor's share before and after a month, with a
  month-resampling bootstrap.

Top-N with "Others" and zero-safe shares live in :mod:`aidstats._compute.tables`.
The public names, with the bundled defaults, are in :mod:`aidstats.aid`.
"""
