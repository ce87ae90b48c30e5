"""The report's options checked before any output is touched: one usage error (exit 2) or data error each."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from aidstats._draw.save import FORMATS, MIN_DPI
from aidstats._read.text_file import check_text_file, printable_name
from aidstats._report.spec import ReportContext
from aidstats.errors import DataValidationError, UsageError

__all__ = ["check_dpi", "check_events", "check_formats", "month_option"]


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
    """The PNG resolution, at least :data:`~aidstats._draw.save.MIN_DPI`."""
    if int(dpi) < MIN_DPI:
        raise UsageError(f"--dpi must be at least {MIN_DPI}, not {dpi}")
    return int(dpi)
