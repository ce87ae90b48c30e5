"""The ``aidstats`` command line (also ``python -m aidstats``); all argument parsing lives here.

Exit status: 0 on success, 1 when the work fails (a file that cannot be read or
written, data that break a rule), 2 for a bad argument; the error is one line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from aidstats import datasets
from aidstats._build import BuildInputs, build_all
from aidstats._files import atomic_path, default_raw_dir
from aidstats._version import __version__
from aidstats.errors import AidstatsError, UsageError
from aidstats.report import build_report

__all__ = ["main"]

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


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
            raise AidstatsError("Parquet export needs pyarrow: pip install 'aidstats[parquet]'") from None
    try:
        with atomic_path(target) as tmp:
            if suffix == ".csv":
                frame.to_csv(tmp, index=False, lineterminator="\n")
            else:
                frame.attrs = {}
                frame.to_parquet(tmp, index=False)
    except OSError as exc:
        raise AidstatsError(f"cannot write {target}: {exc.strerror or exc}") from None
    print(f"wrote {len(frame):,} rows of {args.name} to {target}")
    return EXIT_OK


def _releases(values: Sequence[str] | None) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for value in values or ():
        source, sep, release = value.partition("=")
        if not sep or not source.strip() or not release.strip():
            raise UsageError(f"--release takes SOURCE=RELEASE (e.g. strikes=2026-04-05), not {value!r}")
        chosen[source.strip()] = release.strip()
    return chosen


def _cmd_datasets_build(args: argparse.Namespace) -> int:
    raw = Path(args.raw) if args.raw else default_raw_dir()
    wanted = _releases(args.release)
    for line in BuildInputs(raw, wanted).describe():
        print(f"using {line}")
    metas = build_all(raw, Path(args.out), releases=wanted)
    for meta in metas:
        print(f"built {meta['name']}: {meta['rows']:,} rows")
    print(f"wrote {len(metas)} datasets and datapackage.json to {args.out}")
    return EXIT_OK


def _cmd_datasets_diff(args: argparse.Namespace) -> int:
    diff = datasets.compare_releases(args.old, args.new)
    print(diff.summary())
    if args.out:
        target = Path(args.out)
        table = diff.to_frame()
        with atomic_path(target) as tmp:
            table.to_csv(tmp, index=False, lineterminator="\n")
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
    )
    return EXIT_OK


def _datasets_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ds = commands.add_parser("datasets", help="list, describe, export, rebuild or compare the datasets")
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
    export.add_argument("--to", required=True, metavar="FILE", help="output file, .csv or .parquet")
    export.set_defaults(func=_cmd_datasets_export)
    build = ds_cmds.add_parser("build", help="regenerate datasets/ from the upstream raw files")
    build.add_argument(
        "--raw", metavar="DIR", help="upstream data folder (default: $AIDSTATS_SHARED_DATA or ../shared/data)"
    )
    build.add_argument("--out", metavar="DIR", default="datasets", help="output folder (default: datasets)")
    build.add_argument(
        "--release",
        action="append",
        metavar="SOURCE=RELEASE",
        help="build SOURCE (strikes, aid, statements) from this release instead of the newest; repeatable",
    )
    build.set_defaults(func=_cmd_datasets_build)
    diff = ds_cmds.add_parser("diff", help="what changed between two releases of a strike file or Kiel folder")
    diff.add_argument("old", help="the older strike file (or Kiel release folder)")
    diff.add_argument("new", help="the newer strike file (or Kiel release folder)")
    diff.add_argument("--out", metavar="FILE", help="write every change (added, removed, changed cells) to a CSV")
    diff.set_defaults(func=_cmd_datasets_diff)


def _report_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser("report", help="rebuild every figure, the PDF report and the manifest")
    report.add_argument("--out", required=True, metavar="DIR", help="output folder")
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
        metavar="DIR",
        help="a folder written by 'aidstats datasets build' to use instead of the bundled data",
    )
    report.add_argument(
        "--events", metavar="PATH", help="a newer raw strike file to use instead of the strike tables"
    )
    report.set_defaults(func=_cmd_report)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aidstats",
        description="Datasets, statistics and figures on the air war against Ukraine and aid to it.",
    )
    parser.add_argument("--version", action="version", version=f"aidstats {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _datasets_parser(commands)
    _report_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 failure, 2 bad usage)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except AidstatsError as exc:
        print(f"aidstats: error: {exc}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, KeyError | UsageError) else EXIT_ERROR
