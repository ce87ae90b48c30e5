"""Layer 3: drawing. matplotlib only; never loads data.

Every figure is drawn from a frame it is given; provenance (the source line)
arrives in ``frame.attrs["aidstats"]["source_line"]`` or as ``source=``, with
the citation registry (:mod:`aidstats._core.sources`) as the fallback.
Colours, labels and stacking order come from :mod:`aidstats._core.vocab`.

- :mod:`~aidstats._draw.style`: rc settings, :func:`house_style`, figure creation;
- :mod:`~aidstats._draw.axes`: formatters, date axes, legends, titles, frozen ticks;
- :mod:`~aidstats._draw.marks`: stacked bars and date marks;
- :mod:`~aidstats._draw.footer`: the source line and notes under a figure;
- :mod:`~aidstats._draw.save`: the one place figures are saved;
- :mod:`~aidstats._draw.checks`: input checks and column coercion;
- :mod:`~aidstats._draw.prep`: reshaping, and one table builder per report figure;
- plot families: :mod:`~aidstats._draw.strikes`, :mod:`~aidstats._draw.rates`,
  :mod:`~aidstats._draw.salvos`, :mod:`~aidstats._draw.series`,
  :mod:`~aidstats._draw.aid`, :mod:`~aidstats._draw.weapons`,
  :mod:`~aidstats._draw.combined`, :mod:`~aidstats._draw.claims`.
"""
