"""Layer 4: the report. The only layer that orchestrates: it loads, computes, draws and writes.

- :mod:`~aidstats._report.spec`: what a report figure is (:class:`FigureSpec`), what
  every figure sees (:class:`ReportContext`) and what a build wrote (:class:`ReportManifest`);
- :mod:`~aidstats._report.inputs`: the data a report reads (bundled datasets, or a raw
  strike file given with ``--events``), clipped to the period shown;
- :mod:`~aidstats._report.strike_figures`, :mod:`~aidstats._report.aid_figures`: one
  function per figure that builds its table once, draws the figure from it and
  returns both, so that the table written is the table drawn;
- :mod:`~aidstats._report.figures`: the figures in page order, with their titles and captions;
- :mod:`~aidstats._report.pages`: title page, caption pages, summary tables, the PDF;
- :mod:`~aidstats._report.build`: :func:`build_report` and the manifest.
"""
