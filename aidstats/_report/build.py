"""Building the report: every figure and its table, the PDF, and ``manifest.json``.

The report is a pure function of its inputs (the bundled datasets, or a raw
strike file given with ``events``) and its parameters: running it twice gives
byte-identical files. The files are written into a staging folder beside
``out_dir`` that replaces it whole at the end (:mod:`aidstats._report.staging`);
nothing is written anywhere else.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

import pandas as pd

from aidstats import datasets
from aidstats._core.messages import LANGUAGES, period_label, text
from aidstats._draw.save import DPI, FORMATS, pdf_bytes
from aidstats._files import (
    atomic_path,
    atomic_write_text,
    bundled_dir,
    csv_for_people,
    dump_json,
    sha256_file,
)
from aidstats._read.text_file import check_text_file, printable_name
from aidstats._report import inputs
from aidstats._report.document import DrawnFigure, write_document
from aidstats._report.figures import FIGURES, figure_specs
from aidstats._report.findings import extra_tables, findings_table, key_findings
from aidstats._report.options import (
    check_dpi,
    check_events,
    check_formats,
    check_period,
    month_option,
)
from aidstats._report.spec import FigureSpec, ReportContext, ReportManifest
from aidstats._report.staging import StagedFolder, staged_folder
from aidstats._version import __version__
from aidstats.errors import OutputPathError, UsageError
from aidstats.plots import house_style, save_figure

__all__ = ["DEFAULT_FORMATS", "FORMATS", "build_report", "table_csv"]

DEFAULT_FORMATS = ("png", "pdf")
PACKAGES = (
    "aidstats",
    "numpy",
    "pandas",
    "scipy",
    "statsmodels",
    "matplotlib",
    "pandera",
    "ruptures",
    "pypdf",
)


def _inside(out_dir: Path, relative: str) -> Path:
    """The path of ``relative`` in ``out_dir``; refuses anything that would land outside."""
    target = (out_dir / relative).resolve()
    if not target.is_relative_to(out_dir):
        raise OutputPathError(f"refusing to write {target}: outside the output folder {out_dir}")
    return target


def _forget_text_metrics() -> None:
    """Start from an empty matplotlib text-metrics cache.

    Layout numbers measured earlier in the session (other figures, other
    settings) can differ in the last printed digit of a PDF coordinate, which
    would make a report differ from one built in a fresh process.
    """
    import matplotlib.text

    cached = getattr(matplotlib.text, "_get_text_metrics_with_cache_impl", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()


def _package_versions() -> dict[str, str]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = __version__ if name == "aidstats" else "not installed"
    return versions


def _dataset_records(data_dir: Path | None) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    folder = data_dir if data_dir is not None else bundled_dir()
    label = data_dir.name if data_dir is not None else "datasets"
    records, versions = [], []
    for name in datasets.names(data_dir=data_dir):
        meta = datasets.info(name, data_dir=data_dir)
        path = folder / f"{name}.csv"
        records.append({"path": f"{label}/{name}.csv", "sha256": sha256_file(path)})
        versions.append({"dataset": name, "version": meta.version, "rows": str(meta.rows)})
    return records, versions


def table_csv(table: pd.DataFrame) -> str:
    """The CSV text the report writes for a figure's table (``tables/<figure>.csv``): spreadsheet-safe."""
    return csv_for_people(table)


def _alt_text(spec: FigureSpec, caption: str, lang: str) -> str:
    return text("report.alt", lang, title=spec.title, caption=caption)


def _write_figures(
    out: Path,
    specs: Sequence[FigureSpec],
    context: ReportContext,
    formats: tuple[str, ...],
    dpi: int,
    progress: Callable[[str], None],
) -> tuple[list[Path], list[DrawnFigure]]:
    """Draw each figure once: save it and the table it was drawn from; keep its PDF for the report."""
    import matplotlib.pyplot as plt

    written: list[Path] = []
    drawn: list[DrawnFigure] = []
    for number, spec in enumerate(specs, start=1):
        progress(f"[{number}/{len(specs)}] {spec.name}: {spec.title}")
        with house_style(lang=context.lang):
            fig, table = spec.draw(context)
            try:
                caption = spec.caption_for(table, context)
                alt = _alt_text(spec, caption, context.lang)
                saved = save_figure(
                    fig, _inside(out, f"figures/{spec.name}"), formats=formats, dpi=dpi, alt=alt
                )
                written += saved
                pdf_files = [p for p in saved if p.suffix == ".pdf"]
                # The same PDF as the file in figures/: without it, render it with the layout just saved.
                figure_pdf = (
                    pdf_files[0].read_bytes() if pdf_files else pdf_bytes(fig, lay_out=False)
                )
                csv_path = _inside(out, f"tables/{spec.name}.csv")
                atomic_write_text(csv_path, table_csv(table))
                written.append(csv_path)
                size = (float(fig.get_figwidth()), float(fig.get_figheight()))
                drawn.append(DrawnFigure(spec, table, caption, alt, figure_pdf, size))
            finally:
                plt.close(fig)
    return written, drawn


def _write_tables(out: Path, tables: dict[str, pd.DataFrame]) -> list[Path]:
    written = []
    for name, table in tables.items():
        path = _inside(out, f"tables/{name}.csv")
        atomic_write_text(path, table_csv(table))
        written.append(path)
    return written


def _context(
    start: str | None,
    end: str | None,
    events: str | os.PathLike[str] | None,
    data_dir: str | os.PathLike[str] | None,
    lang: str,
    catalog: str | os.PathLike[str] | None = None,
) -> ReportContext:
    if lang not in LANGUAGES:
        raise UsageError(f"--lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    context = ReportContext(
        start=month_option(start, "--from"),
        end=month_option(end, "--to"),
        events_path=Path(events) if events else None,
        data_dir=Path(data_dir).resolve() if data_dir else None,
        lang=lang,
        catalog_path=Path(catalog) if catalog else None,
    )
    if context.catalog_path is not None and context.events_path is None:
        raise UsageError("--catalog applies to a raw strike file: give it with --events")
    if context.catalog_path is not None:
        check_text_file(context.catalog_path, "--catalog file")
    if context.start is not None and context.end is not None and context.end < context.start:
        raise UsageError(f"--to {end} is before --from {start}")
    if context.data_dir is not None and not (context.data_dir / "datapackage.json").is_file():
        raise UsageError(
            f"--data: {printable_name(context.data_dir)} is not a folder written by "
            "'aidstats datasets build' (no datapackage.json)"
        )
    if context.events_path is not None:
        check_events(context)
    return context


def _period(drawn: Sequence[DrawnFigure], context: ReportContext) -> str:
    """The months the strike figures show (the first figure with a month column), else the options."""
    for figure in drawn:
        if "month" in figure.table.columns and len(figure.table):
            months = pd.to_datetime(figure.table["month"])
            return period_label(months.min(), months.max(), context.lang, short=False)
    if context.start is not None or context.end is not None:
        first, last = context.start or context.end, context.end or context.start
        return period_label(first, last, context.lang, short=False)
    return ""


def build_report(
    out_dir: str | os.PathLike[str],
    *,
    start: str | None = None,
    end: str | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    events: str | os.PathLike[str] | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    lang: str = "en",
    dpi: int = DPI,
    specs: Sequence[FigureSpec] | None = None,
    progress: Callable[[str], None] | None = print,
    force: bool = False,
    catalog: str | os.PathLike[str] | None = None,
) -> ReportManifest:
    """Build every figure, the PDF report, the tables and ``manifest.json`` in ``out_dir``.

    The PDF opens with the key findings, computed from the tables (each
    number in ``tables/key_findings.csv`` with the table and row it comes
    from), then one page per figure, the summary tables and the data read.
    Each figure is drawn from the table written beside it in ``tables/``. The
    report is built in a staging folder beside ``out_dir`` and replaces it
    whole at the end: interrupted or failed, a run leaves ``out_dir`` as it
    was (:mod:`aidstats._report.staging`).

    Parameters
    ----------
    out_dir
        Output folder (created if needed), replaced whole by the new report.
        Nothing is written outside it but its staging folder and lock file
        beside it, both removed at the end.
    start, end
        First and last month shown (``"YYYY-MM"``); all data by default.
    formats
        Figure formats, among ``"png"``, ``"pdf"`` and ``"svg"``.
    events
        A raw Air Force strike file (any published version) to use instead of
        the strike tables.
    data_dir
        A folder written by ``aidstats datasets build`` to read the datasets
        from instead of the bundled ones; its releases are named on the title
        page, in the captions and in the manifest.
    lang
        Language of every text: ``"en"`` or ``"uk"``.
    dpi
        Resolution of the PNG figures (200 for print; 96-150 for the web).
    catalog
        A user weapon catalogue merged over the bundled one when ``events`` is
        read (see :func:`aidstats.read_strike_events`); recorded in the manifest.
    specs
        The figures to build; :func:`figure_specs` by default.
    progress
        Called with one line per step; ``None`` for silence.
    force
        Replace ``out_dir`` even when it holds files but no aidstats
        ``manifest.json`` (everything in it is deleted).

    Returns
    -------
    ReportManifest
        Inputs with SHA-256, dataset versions and releases, package versions,
        parameters, key findings with their evidence, alt texts, outputs with SHA-256.

    Raises
    ------
    UsageError
        On bad options (a malformed month, an unknown format or language, a
        dpi below 72, a ``data_dir`` without ``datapackage.json``, a
        ``start``/``end`` period with fewer than 12 complete months of strike
        data, which the drone trend's change points need).
    DataValidationError
        An ``events`` file that cannot be used (compressed, not UTF-8, no valid rows).
    OutputPathError
        An unwritable folder; a folder that is not a report (without ``force``);
        another run writing to the same folder.

    Examples
    --------
    >>> from aidstats.report import build_report
    >>> manifest = build_report("report-out", start="2025-01", end="2025-12",
    ...                         formats=("png",), lang="uk", progress=None)  # doctest: +SKIP
    """
    say = progress or (lambda _line: None)
    context = _context(start, end, events, data_dir, lang, catalog)
    chosen = check_formats(formats)
    resolution = check_dpi(dpi)
    specs = list(specs if specs is not None else _figures_chosen(figure_specs(context.lang)))
    check_period(context, specs)
    kept = [context.events_path] if context.events_path else []
    with staged_folder(out_dir, force=force, keep=kept) as staging:
        manifest = _build_into(staging, context, chosen, resolution, specs, say, start, end)
    say(f"done: {len(manifest.outputs) + 1} files in {manifest.out_dir}")
    return manifest


def _build_into(
    staging: StagedFolder,
    context: ReportContext,
    chosen: tuple[str, ...],
    dpi: int,
    specs: Sequence[FigureSpec],
    say: Callable[[str], None],
    start: str | None,
    end: str | None,
) -> ReportManifest:
    """Write every file of the report into the staging folder; the manifest last."""
    out = staging.folder
    _forget_text_metrics()

    records, versions = _dataset_records(context.data_dir)
    events_name = None
    if context.events_path is not None:
        events_name = printable_name(context.events_path.name)
        records.append({"path": events_name, "sha256": sha256_file(context.events_path)})
    if context.catalog_path is not None:
        catalog_name = printable_name(context.catalog_path.name)
        records.append({"path": catalog_name, "sha256": sha256_file(context.catalog_path)})
    parameters = {
        "from": start,
        "to": end,
        "formats": list(chosen),
        "events": events_name,
        "data": printable_name(context.data_dir.name) if context.data_dir else None,
        "lang": context.lang,
        "dpi": dpi,
    }
    if context.catalog_path is not None:
        parameters["catalog"] = printable_name(context.catalog_path.name)
    releases = inputs.releases(context)

    written, drawn = _write_figures(out, specs, context, chosen, dpi, say)
    say("key findings")
    tables = {figure.spec.name: figure.table for figure in drawn}
    # The tables only findings read are built with the report's own figures, not for a custom list.
    extra = extra_tables(context) if set(tables) & {name for name, *_rest in FIGURES} else {}
    findings = key_findings({**tables, **extra}, context)
    written += _write_tables(out, {**extra, "key_findings": findings_table(findings)})

    say("writing report.pdf")
    report_path = _inside(out, "report.pdf")
    with house_style(lang=context.lang), atomic_path(report_path) as tmp:
        write_document(
            Path(tmp), drawn, findings, context, period=_period(drawn, context),
            releases=releases, versions=versions, parameters=parameters,
        )  # fmt: skip
    written.append(report_path)

    outputs = sorted(
        ({"path": p.relative_to(out).as_posix(), "sha256": sha256_file(p)} for p in written),
        key=lambda r: r["path"],
    )
    manifest = ReportManifest(
        out_dir=staging.target,
        inputs=tuple(sorted(records, key=lambda r: r["path"])),
        datasets=tuple(versions),
        packages=_package_versions(),
        parameters=parameters,
        outputs=tuple(outputs),
        releases=releases,
        key_findings=tuple(f.as_json() for f in findings),
        alt_texts={figure.spec.name: figure.alt for figure in drawn},
    )
    atomic_write_text(_inside(out, "manifest.json"), dump_json(manifest.as_json()))
    return manifest


def _figures_chosen(specs: Sequence[FigureSpec]) -> list[FigureSpec]:
    """The figures named in ``$AIDSTATS_REPORT_ONLY`` (comma-separated; for tests), else all."""
    chosen = [n.strip() for n in os.environ.get("AIDSTATS_REPORT_ONLY", "").split(",") if n.strip()]
    return [s for s in specs if s.name in chosen] if chosen else list(specs)
