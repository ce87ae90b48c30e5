"""The report's options checked before any output is touched: one usage error (exit 2) or data error each."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from aidstats._draw.save import FORMATS, MAX_DPI, MIN_DPI
from aidstats._read.text_file import check_text_file, printable_name
from aidstats._report.spec import FigureSpec, ReportContext
from aidstats._report.strike_figures import TREND_SINCE, drone_series
from aidstats.errors import DataValidationError, UsageError

__all__ = [
    "MIN_MONTHS",
    "check_dpi",
    "check_events",
    "check_formats",
    "check_period",
    "month_option",
]

MIN_MONTHS = 12
"""Months the drone trend figure needs: its change-point test compares two segments of at least
six months."""
_NEEDS_MONTHS = "05_drone_trend"


def month_option(value: str | None, option: str) -> pd.Timestamp | None:
    """The month ``--from``/``--to`` names (``2025-06``), or None; anything else is a usage error."""
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}", str(value).strip()):
        raise UsageError(f"{option} must be a month like 2025-06, not {value!r}")
    try:
        return pd.Timestamp(f"{str(value).strip()}-01")
    except ValueError:
        raise UsageError(f"{option} must be a month like 2025-06, not {value!r}") from None


def check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """The formats asked for, each once, in order; an unknown or empty choice is a usage error."""
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise UsageError(
            f"formats must be among {', '.join(FORMATS)}; got {', '.join(bad) or 'none'}"
        )
    return chosen


def check_events(context: ReportContext) -> None:
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


def check_dpi(dpi: int) -> int:
    """The PNG resolution, from :data:`~aidstats._draw.save.MIN_DPI` to :data:`~aidstats._draw.save.MAX_DPI`."""
    if int(dpi) < MIN_DPI:
        raise UsageError(f"--dpi must be at least {MIN_DPI}, not {dpi}")
    if int(dpi) > MAX_DPI:
        raise UsageError(f"--dpi must be at most {MAX_DPI} (print needs 300-600), not {dpi}")
    return int(dpi)


def check_period(context: ReportContext, specs: Iterable[FigureSpec]) -> None:
    """Refuse, before any output is touched, a period in which the drone trend (where it is
    among ``specs``) would cover fewer than :data:`MIN_MONTHS` months: a usage error where
    ``--from``/``--to`` narrowed it, else a data error."""
    if not any(spec.name == _NEEDS_MONTHS for spec in specs):
        return
    months = drone_series(context).index
    if len(months) >= MIN_MONTHS:
        return
    held = f"{len(months)} month{'' if len(months) == 1 else 's'}" + (
        f" ({months.min():%Y-%m} to {months.max():%Y-%m})" if len(months) else ""
    )
    since = (
        "" if context.start is not None else f"; without --from it starts in {TREND_SINCE:%Y-%m}"
    )
    needs = f"it needs at least {MIN_MONTHS} (its change points compare two segments of six)"
    given = [
        f"{option} {month:%Y-%m}"
        for option, month in (("--from", context.start), ("--to", context.end))
        if month is not None
    ]
    if given:
        raise UsageError(
            f"{' '.join(given)}: the drone trend would cover {held} of strike data{since}; "
            f"{needs}: choose a longer period"
        )
    raise DataValidationError(
        f"the drone trend would cover {held} of strike data{since}; {needs}",
        source=printable_name(context.events_path) if context.events_path else None,
    )
