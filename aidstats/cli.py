"""The ``aidstats`` command line (also ``python -m aidstats``); all argument parsing lives here.

Exit status: 0 on success, 1 when the work fails (a file that cannot be read or
written, data that break a rule), 2 for a bad argument, 130 when interrupted
(Ctrl-C), 143 when terminated (SIGTERM). An error is one line naming the file
and the problem, never a traceback; ``aidstats --debug ...`` shows the
traceback (for a bug report). Warnings are one line each.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
import traceback
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

from aidstats import datasets
from aidstats._build import BuildInputs, build_all, check_out_dir
from aidstats._cli_claims import claims_parsers, path_name
from aidstats._files import atomic_path, atomic_write_text, csv_for_people, default_raw_dir
from aidstats._read.text_file import check_text_file
from aidstats._version import __version__
from aidstats.errors import AidstatsError, DataValidationError, UnknownDatasetError, UsageError
from aidstats.report import build_report

__all__ = ["main"]

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143
MAX_MESSAGE = 1000  # characters of an error or warning line (a cell's text can be megabytes long)
_CATALOG_HELP = (
    "a weapon catalogue CSV (alias, model, weapon_class, weapon_group, class_reason) merged over the "
    "bundled one, its rows winning: classes for model names the bundled catalogue does not know"
)


def _cmd_datasets_list(args: argparse.Namespace) -> int:
    rows = []
    for name in datasets.names():
        meta = datasets.info(name)
        period = f"{meta.period[0]}..{meta.period[1]}" if meta.period else "-"
        sources = "; ".join(dict.fromkeys(s.title for s in meta.sources))
        rows.append((name, f"{meta.rows:,}", period, sources))
    header = ("dataset", "rows", "period", "source")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    for row in [header, *rows]:
        print(f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}")
    return EXIT_OK


def _cmd_datasets_info(args: argparse.Namespace) -> int:
    print(datasets.info(args.name))
    return EXIT_OK


def _cmd_datasets_export(args: argparse.Namespace) -> int:
    target = Path(args.to)
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise UsageError(f"cannot export to {target}: use a .csv or .parquet file name")
    frame = datasets.load(args.name)
    if suffix == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise AidstatsError(
                "Parquet export needs pyarrow: pip install 'aidstats[parquet]'"
            ) from None
    if suffix == ".csv":
        atomic_write_text(target, csv_for_people(frame))
    else:
        with atomic_path(target) as tmp:
            frame.attrs = {}
            frame.to_parquet(tmp, index=False)
    print(f"wrote {len(frame):,} rows of {args.name} to {target}")
    return EXIT_OK


def _releases(values: Sequence[str] | None) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for value in values or ():
        source, sep, release = value.partition("=")
        if not sep or not source.strip() or not release.strip():
            raise UsageError(
                f"--release takes SOURCE=RELEASE (e.g. strikes=2026-04-05), not {value!r}"
            )
        chosen[source.strip()] = release.strip()
    return chosen


def _cmd_datasets_build(args: argparse.Namespace) -> int:
    raw = Path(args.raw) if args.raw else default_raw_dir()
    wanted = _releases(args.release)
    check_out_dir(args.out)
    for line in BuildInputs(raw, wanted).describe():
        print(f"using {line}")
    metas = build_all(raw, Path(args.out), releases=wanted, catalog=args.catalog)
    for meta in metas:
        print(f"built {meta['name']}: {meta['rows']:,} rows")
    print(f"wrote {len(metas)} datasets and datapackage.json to {args.out}")
    return EXIT_OK


def _cmd_datasets_diff(args: argparse.Namespace) -> int:
    for release in (args.old, args.new):
        if not Path(release).is_dir():  # a strike file (a Kiel release is a folder)
            check_text_file(release, "strike file")
    diff = datasets.compare_releases(args.old, args.new)
    print(diff.summary())
    if args.out:
        target = Path(args.out)
        table = diff.to_frame()
        atomic_write_text(target, csv_for_people(table))
        print(f"wrote {len(table):,} changes to {target}")
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    formats = args.formats.split(",")
    build_report(
        args.out,
        start=args.start,
        end=args.end,
        formats=formats,
        events=args.events,
        data_dir=args.data,
        lang=args.lang,
        dpi=args.dpi,
        force=args.force,
        catalog=args.catalog,
    )
    return EXIT_OK


def _datasets_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ds = commands.add_parser(
        "datasets", help="list, describe, export, rebuild or compare the datasets"
    )
    ds.set_defaults(func=_cmd_datasets_list)
    ds_cmds = ds.add_subparsers(dest="datasets_command", metavar="ACTION")
    ds_cmds.add_parser("list", help="list datasets with rows, period and sources").set_defaults(
        func=_cmd_datasets_list
    )
    info = ds_cmds.add_parser("info", help="describe one dataset")
    info.add_argument("name")
    info.set_defaults(func=_cmd_datasets_info)
    export = ds_cmds.add_parser("export", help="write one dataset to CSV or Parquet")
    export.add_argument("name")
    export.add_argument(
        "--to", required=True, type=path_name, metavar="FILE", help="output file, .csv or .parquet"
    )
    export.set_defaults(func=_cmd_datasets_export)
    build = ds_cmds.add_parser("build", help="regenerate datasets/ from the upstream raw files")
    build.add_argument(
        "--raw",
        type=path_name,
        metavar="DIR",
        help="upstream data folder (default: $AIDSTATS_SHARED_DATA or ../shared/data)",
    )
    build.add_argument(
        "--out",
        type=path_name,
        metavar="DIR",
        default="datasets",
        help="output folder (default: datasets)",
    )
    build.add_argument(
        "--release",
        action="append",
        metavar="SOURCE=RELEASE",
        help="build SOURCE (strikes, aid, statements) from this release instead of the newest; repeatable",
    )
    build.add_argument("--catalog", type=path_name, metavar="FILE", help=_CATALOG_HELP)
    build.set_defaults(func=_cmd_datasets_build)
    diff = ds_cmds.add_parser(
        "diff", help="what changed between two releases of a strike file or Kiel folder"
    )
    diff.add_argument("old", type=path_name, help="the older strike file (or Kiel release folder)")
    diff.add_argument("new", type=path_name, help="the newer strike file (or Kiel release folder)")
    diff.add_argument(
        "--out",
        type=path_name,
        metavar="FILE",
        help="write every change (added, removed, changed cells) to a CSV",
    )
    diff.set_defaults(func=_cmd_datasets_diff)


def _report_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report", help="rebuild every figure, the PDF report and the manifest"
    )
    report.add_argument("--out", required=True, type=path_name, metavar="DIR", help="output folder")
    report.add_argument("--from", dest="start", metavar="YYYY-MM", help="first month shown")
    report.add_argument("--to", dest="end", metavar="YYYY-MM", help="last month shown")
    report.add_argument(
        "--formats",
        default="png,pdf",
        help="comma-separated figure formats among png, pdf, svg (default: png,pdf)",
    )
    report.add_argument(
        "--dpi",
        type=int,
        default=200,
        metavar="N",
        help="PNG resolution: 200 for print (default), 96-150 for the web",
    )
    report.add_argument(
        "--lang", choices=("en", "uk"), default="en", help="language of every text (default: en)"
    )
    report.add_argument(
        "--data",
        type=path_name,
        metavar="DIR",
        help="a folder written by 'aidstats datasets build' to use instead of the bundled data",
    )
    report.add_argument(
        "--events",
        type=path_name,
        metavar="PATH",
        help="a newer raw strike file to use instead of the strike tables",
    )
    report.add_argument(
        "--force",
        action="store_true",
        help="replace DIR even if it holds files aidstats did not write (they are deleted)",
    )
    report.add_argument(
        "--catalog", type=path_name, metavar="FILE", help=_CATALOG_HELP + " (with --events)"
    )
    report.set_defaults(func=_cmd_report)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (exit status 2), like every other error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def _parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = _Parser(
        prog="aidstats",
        description="Datasets, statistics and figures on the air war against Ukraine and aid to it.",
    )
    parser.add_argument("--version", action="version", version=f"aidstats {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an error (for bug reports)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _datasets_parser(commands)
    _report_parser(commands)
    claims_parsers(commands)
    return parser


class _Terminated(BaseException):
    """SIGTERM, raised where the program is, so that cleanup (the report's staging folder) runs."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """Turn SIGTERM into an exception for the duration (main thread only: signals go there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def _shorten(text: str) -> str:
    """The first non-empty line of ``text``, at most MAX_MESSAGE characters."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= MAX_MESSAGE else line[: MAX_MESSAGE - 1] + "\N{HORIZONTAL ELLIPSIS}"


def _show_warning(
    message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any
) -> None:
    print(f"aidstats: warning: {_shorten(str(message))}", file=sys.stderr)


def _first_failure(error: DataValidationError) -> str:
    table = error.failures
    if table.empty:
        return ""
    first = table.iloc[0]
    cells = []
    for key in table.columns:
        value = first[key]
        shown = repr(value) if isinstance(value, str) else str(value)
        cells.append(f"{key} {shown[:60]}")
    return f" ({len(table):,} failing cell(s); first: {', '.join(cells)})"


def _message(exc: BaseException) -> str:
    """One line saying what went wrong, naming the file where there is one."""
    if isinstance(exc, KeyboardInterrupt | _Terminated):
        return "interrupted" if isinstance(exc, KeyboardInterrupt) else "terminated"
    return f"error: {_problem(exc)}"


def _problem(exc: BaseException) -> str:
    if isinstance(exc, DataValidationError):
        head = exc.message if exc.source is None else f"{exc.source}: {exc.message}"
        return _shorten(head) + _first_failure(exc)
    if isinstance(exc, AidstatsError):
        return _shorten(str(exc))
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return _shorten(f"{where}{exc.strerror or exc}")
    if isinstance(exc, MemoryError):
        return "out of memory (is the input file unusually large?)"
    if isinstance(exc, UnicodeError):
        return _shorten(f"text that is not valid UTF-8 or cannot be shown: {exc}")
    return (
        f"unexpected {type(exc).__name__}: {_shorten(str(exc))} (a bug: please report it with "
        "the output of the same command run as 'aidstats --debug ...')"
    )


def _exit_code(exc: BaseException) -> int:
    if isinstance(exc, UsageError | UnknownDatasetError):
        return EXIT_USAGE
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(exc, _Terminated):
        return EXIT_TERMINATED
    return EXIT_ERROR


def _run(argv: list[str]) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return EXIT_USAGE
    return int(args.func(args))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 failure, 2 bad usage).

    Every error is one line on stderr, ``aidstats: error: ...``; with
    ``--debug`` (anywhere in the arguments) the traceback follows.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in arguments
    arguments = [a for a in arguments if a != "--debug"]
    with warnings.catch_warnings(), _terminate_cleanly():
        warnings.showwarning = _show_warning
        try:
            return _run(arguments)
        except (Exception, KeyboardInterrupt, _Terminated) as exc:
            print(f"aidstats: {_message(exc)}", file=sys.stderr)
            if debug:
                traceback.print_exception(exc)
            return _exit_code(exc)
