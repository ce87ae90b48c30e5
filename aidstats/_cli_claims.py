"""The ``aidstats claims`` and ``aidstats check`` commands: official figures against the reports.

Part of :mod:`aidstats.cli` (which parses every argument and turns errors into
one line); here are the two commands' parsers and what they print.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from aidstats._files import atomic_write_text, csv_for_people
from aidstats._read.text_file import check_text_file
from aidstats.errors import AidstatsError, UsageError

__all__ = ["claims_parsers"]

EXIT_OK = 0


def _claim_events(path: str | None) -> Any:
    """The raw strike events of ``--events``, or None for the bundled data."""
    if path is None:
        return None
    from aidstats.strike_events import read_strike_events

    check_text_file(path, "strike file")
    return read_strike_events(path)


def path_name(value: str) -> str:
    """The ``type`` of every option that names a file or folder: an empty name is refused (it
    would mean the current folder, where a report or a build would write dozens of files)."""
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty name would mean the current folder: give a path")
    return value


def _usage_on_bad_value(call: Any) -> Any:
    """Run ``call()``; a ValueError about an argument (a month, a measure) is a usage error."""
    try:
        return call()
    except ValueError as exc:
        if isinstance(exc, AidstatsError):
            raise
        raise UsageError(str(exc)) from None


_CLAIM_COLUMNS = {
    "period_start": "from",
    "period_end": "to",
    "measure": "measure",
    "said": "claimed",
    "counted": "counted (range)",
    "verdict": "verdict",
    "direction": "direction",
    "speaker": "speaker",
}


def _claims_for_people(table: Any) -> Any:
    """The claims table as a reader scans it: what was said, what was counted, the verdict."""
    import pandas as pd

    def counted(row: Any) -> str:
        if pd.isna(row["computed"]):
            return "-"
        low, high = row["computed_low"], row["computed_high"]
        return f"{row['computed']:,.0f} ({low:,.0f}-{high:,.0f})"

    shown = table.assign(
        said=[
            f"{q.replace('_', ' ')} {c:,.0f}"
            for q, c in zip(table["qualifier"], table["claimed"], strict=True)
        ],
        counted=table.apply(counted, axis=1) if len(table) else [],
        period_start=table["period_start"].dt.strftime("%Y-%m-%d"),
        period_end=table["period_end"].dt.strftime("%Y-%m-%d"),
        speaker=table["speaker"].fillna("").astype(str).str.split(" (", n=1, regex=False).str[0],
    )
    return shown[list(_CLAIM_COLUMNS)].rename(columns=_CLAIM_COLUMNS)


def _cmd_claims(args: argparse.Namespace) -> int:
    from aidstats import stats

    events = _claim_events(args.events)
    kinds = args.kind.split(",") if args.kind else None
    table = _usage_on_bad_value(
        lambda: stats.claims_table(args.month, events=events, period_kind=kinds)
    )
    if table.empty:
        print("no official claim in that period")
        return EXIT_OK
    print(_claims_for_people(table).to_string(index=False))
    checked = table["verdict"].ne("not checkable")
    print(
        f"\n{len(table)} claim(s), {int(checked.sum())} checkable: "
        f"{int(table['verdict'].eq('consistent').sum())} consistent with the count, "
        f"{int(table['verdict'].eq('inconsistent').sum())} not. Counted: national Air Force reports "
        "dated by the window's end; (range): other datings and all reporters."
    )
    if args.out:
        atomic_write_text(Path(args.out), csv_for_people(table))
        print(f"wrote {len(table):,} claims to {args.out}")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from aidstats import stats

    events = _claim_events(args.events)
    result = _usage_on_bad_value(
        lambda: stats.check_claim(
            args.measure, args.period, args.value, qualifier=args.qualifier, events=events
        )
    )
    print(result.summary())
    return EXIT_OK


def claims_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from aidstats._core.vocab import CLAIM_MEASURES, QUALIFIERS

    events_help = "a raw strike file to count from instead of the bundled salvo table"
    claims = commands.add_parser(
        "claims", help="every official claim (or one month's) against the Air Force reports"
    )
    claims.add_argument("month", nargs="?", metavar="YYYY-MM", help="only claims of this month")
    claims.add_argument(
        "--kind",
        metavar="KINDS",
        help="statement periods to keep: month, week, other (comma-separated)",
    )
    claims.add_argument("--events", type=path_name, metavar="PATH", help=events_help)
    claims.add_argument(
        "--out", type=path_name, metavar="FILE", help="also write the full table to a CSV"
    )
    claims.set_defaults(func=_cmd_claims)
    check = commands.add_parser(
        "check", help="one figure (e.g. 'over 330 missiles in June 2025') against the reports"
    )
    check.add_argument("measure", choices=CLAIM_MEASURES)
    check.add_argument("period", help="2025-06, 2025-06-17, 2025-W25 or 2025-06-01/2025-06-15")
    check.add_argument("value", type=float)
    check.add_argument("--qualifier", choices=QUALIFIERS, default="exact",
                       help="how the figure was said: over, nearly, about, exact (default), up_to")  # fmt: skip
    check.add_argument("--events", type=path_name, metavar="PATH", help=events_help)
    check.set_defaults(func=_cmd_check)
