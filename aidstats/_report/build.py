"""Building the report: every figure and its table, the PDF, and ``manifest.json``.

The report is a pure function of its inputs (the bundled datasets, or a raw
strike file given with ``events``) and its parameters: running it twice gives
byte-identical files. The files are written into a staging folder beside
``out_dir`` that replaces it whole at the end (:mod:`aidstats._report.staging`);
nothing is written anywhere else.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from aidstats import datasets
from aidstats._draw.save import pdf_bytes
from aidstats._files import (
    atomic_path,
    atomic_write_text,
    bundled_dir,
    csv_for_people,
    dump_json,
    sha256_file,
)
from aidstats._read.text_file import check_text_file, printable_name
from aidstats._report.figures import figure_specs
from aidstats._report.inputs import drawn_name
from aidstats._report.pages import (
    FigureSlot,
    caption_page,
    open_report_pdf,
    stamp_figures,
    summary_pages,
    title_page,
)
from aidstats._report.spec import FigureSpec, ReportContext, ReportManifest
from aidstats._report.staging import StagedFolder, staged_folder
from aidstats._version import __version__
from aidstats.errors import DataValidationError, OutputPathError, UsageError
from aidstats.plots import house_style, save_figure

__all__ = ["FORMATS", "build_report", "table_csv"]

FORMATS = ("png", "pdf")
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


def _month(value: str | None, option: str) -> pd.Timestamp | None:
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}", str(value).strip()):
        raise UsageError(f"{option} must be a month like 2025-06, not {value!r}")
    try:
        return pd.Timestamp(f"{str(value).strip()}-01")
    except ValueError:
        raise UsageError(f"{option} must be a month like 2025-06, not {value!r}") from None


def _check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise UsageError(
            f"formats must be among {', '.join(FORMATS)}; got {', '.join(bad) or 'none'}"
        )
    return chosen


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


def _dataset_records() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    folder = bundled_dir()
    inputs, versions = [], []
    for name in datasets.names():
        meta = datasets.info(name)
        path = folder / f"{name}.csv"
        inputs.append({"path": f"datasets/{name}.csv", "sha256": sha256_file(path)})
        versions.append({"dataset": name, "version": meta.version, "rows": str(meta.rows)})
    return inputs, versions


def table_csv(table: pd.DataFrame) -> str:
    """The CSV text the report writes for a figure's table (``tables/<figure>.csv``): spreadsheet-safe."""
    return csv_for_people(table)


def _write_outputs(
    out: Path,
    pdf: Any,
    specs: Sequence[FigureSpec],
    context: ReportContext,
    formats: tuple[str, ...],
    progress: Callable[[str], None],
) -> tuple[list[Path], list[tuple[FigureSpec, pd.DataFrame]], list[FigureSlot]]:
    """Draw each figure once: save it and the table it was drawn from, and give its captioned page a slot."""
    import matplotlib.pyplot as plt

    written: list[Path] = []
    tables: list[tuple[FigureSpec, pd.DataFrame]] = []
    slots: list[FigureSlot] = []
    for number, spec in enumerate(specs, start=1):
        progress(f"[{number}/{len(specs)}] {spec.name}: {spec.title}")
        with house_style():
            fig, table = spec.draw(context)
            try:
                saved = save_figure(fig, _inside(out, f"figures/{spec.name}"), formats=formats)
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
                slots.append(
                    caption_page(pdf, figure_pdf, size, f"Figure {number}. {spec.caption}")
                )
                tables.append((spec, table))
            finally:
                plt.close(fig)
    return written, tables, slots


def _context(
    start: str | None,
    end: str | None,
    events: str | os.PathLike[str] | None,
    catalog: str | os.PathLike[str] | None = None,
) -> ReportContext:
    context = ReportContext(
        start=_month(start, "--from"),
        end=_month(end, "--to"),
        events_path=Path(events) if events else None,
        catalog_path=Path(catalog) if catalog else None,
    )
    if context.catalog_path is not None and context.events_path is None:
        raise UsageError("--catalog applies to a raw strike file: give it with --events")
    if context.catalog_path is not None:
        check_text_file(context.catalog_path, "--catalog file")
    if context.start is not None and context.end is not None and context.end < context.start:
        raise UsageError(f"--to {end} is before --from {start}")
    if context.events_path is not None:
        _check_events(context)
    return context


def _check_events(context: ReportContext) -> None:
    """Read the ``--events`` file now: a file the report cannot use fails before any output is touched."""
    assert context.events_path is not None
    check_text_file(context.events_path, "--events file")
    events = context.events
    assert events is not None
    name = printable_name(context.events_path)
    if events.empty:
        raise DataValidationError("no strike reports in the file (only a header)", source=name)
    if not (events["invalid_reason"] == "").any():
        raise DataValidationError(
            f"every one of the {len(events):,} rows breaks a rule (see the warning); "
            "there is nothing to report",
            source=name,
        )


def build_report(
    out_dir: str | os.PathLike[str],
    *,
    start: str | None = None,
    end: str | None = None,
    formats: Sequence[str] = FORMATS,
    events: str | os.PathLike[str] | None = None,
    specs: Sequence[FigureSpec] | None = None,
    progress: Callable[[str], None] | None = print,
    force: bool = False,
    catalog: str | os.PathLike[str] | None = None,
) -> ReportManifest:
    """Build every figure, the PDF report, the tables and ``manifest.json`` in ``out_dir``.

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
        Figure formats, among ``"png"`` and ``"pdf"``.
    events
        A raw Air Force strike file (any published version) to use instead of
        the bundled strike tables.
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
        Inputs with SHA-256, dataset and package versions, parameters, outputs with SHA-256.

    Raises
    ------
    UsageError
        On bad options (a malformed month, an unknown format, an empty ``out_dir``).
    DataValidationError
        An ``events`` file that cannot be used (compressed, not UTF-8, no valid rows).
    OutputPathError
        An unwritable folder; a folder that is not a report (without ``force``);
        another run writing to the same folder.

    Examples
    --------
    >>> from aidstats.report import build_report
    >>> manifest = build_report("report-out", start="2025-01", end="2025-12",
    ...                         formats=("png",), progress=None)  # doctest: +SKIP
    """
    say = progress or (lambda _line: None)
    context = _context(start, end, events, catalog)
    chosen = _check_formats(formats)
    inputs = [context.events_path] if context.events_path else []
    with staged_folder(out_dir, force=force, keep=inputs) as staging:
        manifest = _build_into(staging, context, chosen, specs, say, start, end)
    say(f"done: {len(manifest.outputs) + 1} files in {manifest.out_dir}")
    return manifest


def _build_into(
    staging: StagedFolder,
    context: ReportContext,
    chosen: tuple[str, ...],
    specs: Sequence[FigureSpec] | None,
    say: Callable[[str], None],
    start: str | None,
    end: str | None,
) -> ReportManifest:
    """Write every file of the report into the staging folder; the manifest last."""
    out = staging.folder
    _forget_text_metrics()
    specs = list(specs if specs is not None else _figures_chosen(figure_specs()))

    inputs, versions = _dataset_records()
    events_name = None
    if context.events_path is not None:
        events_name = printable_name(context.events_path.name)
        inputs.append({"path": events_name, "sha256": sha256_file(context.events_path)})
    if context.catalog_path is not None:
        inputs.append({"path": printable_name(context.catalog_path.name), "sha256": sha256_file(context.catalog_path)})
    parameters = {
        "from": start,
        "to": end,
        "formats": list(chosen),
        "events": events_name,
    }
    if context.catalog_path is not None:
        parameters["catalog"] = context.catalog_path.name

    report_path = _inside(out, "report.pdf")
    with house_style(), atomic_path(report_path) as tmp:
        with open_report_pdf(tmp) as pdf:
            title_page(pdf, _title_lines(versions, parameters))
            written, tables, slots = _write_outputs(out, pdf, specs, context, chosen, say)
            say("writing summary tables and report.pdf")
            summary_pages(pdf, [(spec.title, spec.summarise(table)) for spec, table in tables])
        stamp_figures(tmp, slots)
    written.append(report_path)

    outputs = sorted(
        ({"path": p.relative_to(out).as_posix(), "sha256": sha256_file(p)} for p in written),
        key=lambda r: r["path"],
    )
    manifest = ReportManifest(
        out_dir=staging.target,
        inputs=tuple(sorted(inputs, key=lambda r: r["path"])),
        datasets=tuple(versions),
        packages=_package_versions(),
        parameters=parameters,
        outputs=tuple(outputs),
    )
    atomic_write_text(_inside(out, "manifest.json"), dump_json(manifest.as_json()))
    return manifest


def _figures_chosen(specs: Sequence[FigureSpec]) -> list[FigureSpec]:
    """The figures named in ``$AIDSTATS_REPORT_ONLY`` (comma-separated; for tests), else all."""
    chosen = [n.strip() for n in os.environ.get("AIDSTATS_REPORT_ONLY", "").split(",") if n.strip()]
    return [s for s in specs if s.name in chosen] if chosen else list(specs)


def _title_lines(versions: list[dict[str, str]], parameters: dict[str, Any]) -> list[str]:
    period = f"Period shown: {parameters['from'] or 'start of data'} to {parameters['to'] or 'end of data'}"
    events = (
        f"Strike data: {drawn_name(parameters['events'])}"
        if parameters["events"]
        else "Strike data: bundled tables"
    )
    data = [f"{v['dataset']}: {v['version']} ({int(v['rows']):,} rows)" for v in versions]
    return [period, events, f"aidstats {__version__}", "", "Data versions:", *data]
