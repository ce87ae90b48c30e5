"""Statistics with uncertainty, one concept per module; the public face is :mod:`aidstats.stats`.

- :mod:`.prep`: series validation, month numbers, the groups x months matrix;
- :mod:`.glm`: normal quantiles, the batched Poisson IRLS and the one
  quasi-Poisson scale rule;
- :mod:`.trends`: :func:`~.trends.trend` and :func:`~.trends.trend_table`;
- :mod:`.mann_kendall`: Mann-Kendall, Sen's slope and their table;
- :mod:`.decompose`: STL;
- :mod:`.rates`: interception rates, rate tables, two-rate comparisons;
- :mod:`.breaks`: change points and segmented trends;
- :mod:`.compare`: before/after comparisons;
- :mod:`.reconcile`: claims against bottom-up counts, the aid channel gap.
"""
