"""Layer 4: the report. The only layer that orchestrates: it loads, computes, draws and writes.

- :mod:`~aidstats._report.spec`: what a report figure is (:class:`FigureSpec`), what
  every figure sees (:class:`ReportContext`) and what a build wrote (:class:`ReportManifest`);
- :mod:`~aidstats._report.inputs`: the data a report reads (bundled datasets, a folder
  built by ``datasets build`` given with ``--data``, or a raw strike file given with
  ``--events``), clipped to the period shown, and the releases they come from;
- :mod:`~aidstats._report.strike_figures`, :mod:`~aidstats._report.aid_figures`: one
  function per figure that builds its table once, draws the figure from it and
  returns both, so that the table written is the table drawn;
- :mod:`~aidstats._report.figures`: the figures in page order, with their titles and captions;
- :mod:`~aidstats._report.captions`: what each caption says about the data drawn
  (period, releases, methods);
- :mod:`~aidstats._report.findings` (with :mod:`~aidstats._report.strike_findings` and
  :mod:`~aidstats._report.evidence`): the key findings, sentences computed from the
  tables, each number with the table and row it comes from;
- :mod:`~aidstats._report.document`: the PDF in reading order, from
  :mod:`~aidstats._report.pages` (title page, figure pages, data page),
  :mod:`~aidstats._report.table_pages` (typeset tables) and
  :mod:`~aidstats._report.pdf` (figures placed, outline, metadata);
- :mod:`~aidstats._report.staging`: the output folder, replaced whole;
- :mod:`~aidstats._report.build`: :func:`build_report` and the manifest.
"""
