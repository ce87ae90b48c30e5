"""Layer 0: reference data and pure helpers that every other layer shares.

Nothing here reads files, loads datasets or imports matplotlib. Each fact of
the project lives in exactly one module of this package:

- :mod:`~aidstats._core.vocab`: weapon classes and groups, volume measures,
  aid categories and channels, claim measures and qualifiers, scopes, and
  their labels (English and Ukrainian) and colours;
- :mod:`~aidstats._core.messages`: the message catalogue (every other text a
  figure, caption or report shows, in English and Ukrainian);
- :mod:`~aidstats._core.weapons`: the weapon catalogue and the model-name rules;
- :mod:`~aidstats._core.regimes`: the reporting regimes and the one check for
  a period that straddles a change;
- :mod:`~aidstats._core.periods`: the one calendar (``freq`` vocabulary,
  period of a date, complete grid, windows, completeness);
- :mod:`~aidstats._core.donor_groups`: donor-group membership with dates;
- :mod:`~aidstats._core.sources`: the citation registry;
- :mod:`~aidstats._core.results`: the frozen result classes;
- :mod:`~aidstats._core.schemas`: the pandera schemas of the bundled datasets.
"""
